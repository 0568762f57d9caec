import ArgumentParser
import Course
import Tensor

/// Lesson 01: the MLP without hidden state, H = φ(X·W_xh + b_h),
/// O = H·W_hq + b_q, and softmax(O) as class probabilities.
///
/// Reads top to bottom: configuration → data → the forward pass →
/// measurements. The claims are in `MLPClaims.swift`, the text, JSON,
/// report and figure in `Presentation/`.
enum MLPLesson: Lesson {
    /// Sizes and the activation, with small book-like defaults: a batch of 3
    /// examples with 4 features, 5 hidden units and 3 classes. Each size is
    /// capped so the largest matrix stays at 1024 × 1024 floats (4 MiB) and
    /// a run takes about a second at the caps.
    struct Config: ParsableArguments {
        static let sizes = 1...1024

        @Option(parsing: .unconditional, help: OptionRange.help("Examples per batch, n", sizes, valueName: "n"))
        var batch = 3
        @Option(parsing: .unconditional, help: OptionRange.help("Features per example, d", sizes, valueName: "d"))
        var inputs = 4
        @Option(parsing: .unconditional, help: OptionRange.help("Hidden units, h", sizes, valueName: "h"))
        var hiddens = 5
        @Option(parsing: .unconditional, help: OptionRange.help("Outputs, q, one per class", sizes, valueName: "q"))
        var outputs = 3
        /// φ. tanh by default: the RNN of lessons 02–05 uses it too, so the
        /// only change in lesson 02 is the added H_{t−1}·W_hh term.
        @Option(parsing: .unconditional, help: ArgumentHelp("The hidden layer's activation φ.", valueName: "phi"))
        var activation = Activation.tanh

        func validate() throws {
            try OptionRange.check("--batch", batch, Self.sizes)
            try OptionRange.check("--inputs", inputs, Self.sizes)
            try OptionRange.check("--hiddens", hiddens, Self.sizes)
            try OptionRange.check("--outputs", outputs, Self.sizes)
        }
    }

    struct Result {
        var x, wXH, bH, wHQ, bQ: Matrix<Float>  // the five draws, in order
        var xw: Matrix<Float>                   // X·W_xh, (n, h)
        var z: Matrix<Float>                    // X·W_xh + b_h by broadcasting, (n, h)
        var bHRows: Matrix<Float>               // b_h copied into n rows, (n, h)
        var zRowByRow: Matrix<Float>            // X·W_xh + bHRows, (n, h)
        var h: Matrix<Float>                    // H, (n, h)
        var o: Matrix<Float>                    // O, (n, q)
        var p: Matrix<Float>                    // softmax(O), (n, q)
        /// The demonstration logits of ±1000 and both softmaxes of them.
        var extreme, naive, stable: Matrix<Float>   // (3, 3) each

        // Measurements.
        /// max |Δ| between the broadcast sum and the row-by-row sum.
        var broadcastDifference: Double
        /// Σ_j p_ij for every row, summed in Double.
        var rowSums: [Double]
        var argmaxO, argmaxP: [Int]
        /// Entries of O outside row 0 that change (in any bit) when example 0
        /// of X is changed, and how many entries there are outside row 0.
        var otherRowsChanged, otherRowEntries: Int
        /// The smallest gap g between two logits, on a grid of step
        /// ``gapStep``, at which float32 softmax gives the larger one exactly 1.
        var roundsToOneGap: Double
    }

    /// The logits of the overflow demonstration: a row with two huge
    /// logits, a row of very negative ones, and a row spanning 2000.
    static let extremeLogits = Matrix<Float>([
        [1000, 999, -1000],
        [-1000, -999, -1000],
        [1000, -1000, 0],
    ])

    static func run(_ config: Config, seed: UInt64) -> Result {
        let n = config.batch, d = config.inputs, h = config.hiddens, q = config.outputs
        let phi = config.activation
        var generator = TorchGenerator(seed: seed)
        // BEGIN-QUOTE compute
        // The five draws, in the order of the PyTorch code (torch.randn each).
        let x = Matrix<Float>.randn(n, d, using: &generator)     // X     (n, d)
        let wXH = Matrix<Float>.randn(d, h, using: &generator)   // W_xh  (d, h)
        let bH = Matrix<Float>.randn(1, h, using: &generator)    // b_h   (1, h)
        let wHQ = Matrix<Float>.randn(h, q, using: &generator)   // W_hq  (h, q)
        let bQ = Matrix<Float>.randn(1, q, using: &generator)    // b_q   (1, q)

        // Hidden layer: b_h has one row; broadcasting adds it to all n rows.
        let xw = x.matmul(wXH)                                   // (n, h)
        let z = xw.addingRow(bH)                                 // (n, h)
        let hidden = z.applying(phi)                             // H     (n, h)

        // The same sum with the broadcast written out: b_h copied n times.
        let bHRows = Matrix.cat(Array(repeating: bH, count: n), dim: 0)  // (n, h)
        let zRowByRow = xw + bHRows                              // (n, h)

        // Output layer and class probabilities, one distribution per row.
        let o = hidden.matmul(wHQ).addingRow(bQ)                 // O     (n, q)
        let p = o.softmaxRows()                                  // (n, q)
        // END-QUOTE compute
        let extreme = extremeLogits
        let changed = exampleZeroChanged(x: x, wXH: wXH, bH: bH, wHQ: wHQ, bQ: bQ, phi: phi)
        return Result(
            x: x, wXH: wXH, bH: bH, wHQ: wHQ, bQ: bQ, xw: xw, z: z, bHRows: bHRows, zRowByRow: zRowByRow,
            h: hidden, o: o, p: p,
            extreme: extreme, naive: naiveSoftmax(extreme), stable: extreme.softmaxRows(),
            broadcastDifference: z.maxAbsDifference(zRowByRow),
            rowSums: rowSums(p),
            argmaxO: o.argmaxRows(), argmaxP: p.argmaxRows(),
            otherRowsChanged: zip(o.scalars, changed.scalars).dropFirst(q).filter { $0.bitPattern != $1.bitPattern }.count,
            otherRowEntries: (n - 1) * q,
            roundsToOneGap: roundsToOneGap())
    }

    /// O for the same network after adding 1 to every feature of example 0:
    /// the measurement behind "each row of the batch is handled on its own".
    static func exampleZeroChanged(x: Matrix<Float>, wXH: Matrix<Float>, bH: Matrix<Float>, wHQ: Matrix<Float>,
                                   bQ: Matrix<Float>, phi: Activation) -> Matrix<Float> {
        var changed = x                                          // (n, d)
        for j in 0..<x.cols { changed[0, j] += 1 }
        return changed.matmul(wXH).addingRow(bH).applying(phi).matmul(wHQ).addingRow(bQ)  // O (n, q)
    }

    /// The grid on which ``roundsToOneGap()`` searches.
    static let gapStep = 0.1

    /// The smallest g = k·0.1 (k = 1…400) for which softmax([g, 0]) in
    /// float32 gives exactly 1 for the first class. In exact arithmetic that
    /// never happens; in float32 it does once 1 + e⁻ᵍ rounds to 1, that is
    /// once e⁻ᵍ ≤ 2⁻²⁴ (half the gap between 1 and the next float), at
    /// g ≥ ln 2²⁴ ≈ 16.64.
    static func roundsToOneGap() -> Double {
        for k in 1...400 {
            let g = Double(k) * gapStep
            if Matrix<Float>([[Float(g), 0]]).softmaxRows()[0, 0] == 1 { return g }
        }
        return .infinity
    }

    // BEGIN-QUOTE naive
    /// softmax straight from its formula, exp(o_j) / Σ_k exp(o_k), without
    /// subtracting the row maximum first. In float32, exp overflows to +∞
    /// above o ≈ 88.7 and underflows to 0 below o ≈ −103.9, and then
    /// ∞/∞ and 0/0 give NaN.
    static func naiveSoftmax(_ o: Matrix<Float>) -> Matrix<Float> {
        let e = o.map { Float.exp($0) }                          // (n, q)
        var p = e
        for i in 0..<e.rows {
            let total = e.row(i).sum()                           // Σ_k exp(o_ik)
            for j in 0..<e.cols { p[i, j] = e[i, j] / total }
        }
        return p
    }
    // END-QUOTE naive

    /// Σ_j p_ij for each row, accumulated in Double (its own rounding,
    /// below 1e−13 for q ≤ 1024, is part of the tolerance's slack).
    static func rowSums(_ p: Matrix<Float>) -> [Double] {
        (0..<p.rows).map { i in (0..<p.cols).reduce(0.0) { $0 + Double(p[i, $1]) } }
    }
}
