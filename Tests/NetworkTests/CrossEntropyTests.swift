import Network
import Tensor
import Testing
import TestSupport

/// The softmax cross-entropy loss, specialised for Float and Double and
/// built on `Matrix.logSumExpRows`, against its definition written out
/// plainly here: per row, m = max_j o_j, S = Σ_j exp(o_j − m) added left to
/// right, loss m + ln S − o_y, the rows summed in order and divided by n.
/// The same operations in the same order, so the comparison is `==`.
@Suite struct CrossEntropyTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func valueIsTheDefinitionBitForBit(seed: UInt64) {
        var g = TestNormals(seed: seed)
        for (n, q, scale) in [(1, 2, 1.0), (5, 3, 1.0), (32, 8, 4.0), (7, 26, 300.0)] {
            let wide = Matrix<Double>.randn(n, q, using: &g) * scale
            let labels = (0..<n).map { ($0 * 7 + Int(seed)) % q }
            #expect(OutputLoss.softmaxCrossEntropy(labels: labels).value(wide) == Self.plainValue(wide, labels))
            let narrow: Matrix<Float> = wide.converted()
            #expect(OutputLoss.softmaxCrossEntropy(labels: labels).value(narrow) == Self.plainValue(narrow, labels))
        }
    }

    /// Logits of ±1000 (exp overflows Float without the shift) stay finite,
    /// and the loss of a row with one dominant logit is what it must be:
    /// −ln softmax = 0 for the dominant class, 2000 for the others.
    @Test func extremeLogitsStayFinite() {
        let o = Matrix<Float>([[1000, -1000], [-1000, 1000]])
        #expect(o.logSumExpRows() == [1000, 1000])
        #expect(OutputLoss.softmaxCrossEntropy(labels: [0, 1]).value(o) == 0)
        #expect(OutputLoss.softmaxCrossEntropy(labels: [1, 1]).value(o) == 1000)   // (2000 + 0) / 2
    }

    static func plainValue<Scalar: TensorScalar>(_ o: Matrix<Scalar>, _ labels: [Int]) -> Scalar {
        var s: Scalar = 0
        for i in 0..<o.rows {
            var m = o[i, 0]
            for j in 1..<o.cols where m < o[i, j] { m = o[i, j] }
            var total: Scalar = 0
            for j in 0..<o.cols { total += Scalar.exp(o[i, j] - m) }
            s += m + Scalar.log(total) - o[i, labels[i]]
        }
        return s / Scalar(o.rows)
    }
}
