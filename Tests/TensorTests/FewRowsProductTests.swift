import Testing
import TestSupport
import Tensor

/// The few-row path of the C kernels (5 to 8 rows of A: one 8-row tile per
/// column strip, the batch of an RNN step) and its neighbours (1 to 4 and 9
/// rows take the 4-row tiles), against the one plain reference,
/// `Matrix.referenceAddProduct`, with `==` (tolerance 0: every entry must
/// add the same products in the same ascending order), on both
/// instruction-set paths, for B read in place, packed per call and packed
/// once, and for A as stored and read transposed.
@Suite(.serialized) struct FewRowsProductTests {
    /// (k, n): odd k and n off the 4-, 8- and 16-column strips; n a multiple
    /// of 16 and small (B read in place); k past one block of 256 terms.
    static let sizes = [(1, 1), (3, 5), (7, 9), (13, 37), (64, 64), (17, 256), (33, 48), (257, 31), (300, 70)]

    static func run<S: TensorScalar>(m: Int, k: Int, n: Int, a: Matrix<S>, b: Matrix<S>, c: Matrix<S>,
                                     packed: Bool, transposedA: Bool) -> Matrix<S> {
        var out = c.scalars
        let source = transposedA ? a.transposed : a                   // (k, m) read through strides, or (m, k)
        let (rowStride, termStride) = transposedA ? (1, m) : (k, 1)
        var panel = [S](repeating: .nan, count: ProductKernel.packedCount(terms: k, cols: n, S.self))
        b.scalars.withUnsafeBufferPointer { b in
            panel.withUnsafeMutableBufferPointer { ProductKernel.pack(terms: k, cols: n, b.baseAddress!, bRowStride: n, into: $0.baseAddress!) }
        }
        source.scalars.withUnsafeBufferPointer { a in
            b.scalars.withUnsafeBufferPointer { b in
                panel.withUnsafeBufferPointer { p in
                    out.withUnsafeMutableBufferPointer { o in
                        if packed {
                            ProductKernel.addProduct(rows: m, cols: n, terms: k, a.baseAddress!, aRowStride: rowStride,
                                                     aTermStride: termStride, packed: p.baseAddress!, o.baseAddress!, cRowStride: n)
                        } else {
                            ProductKernel.addProduct(rows: m, cols: n, terms: k, a.baseAddress!, aRowStride: rowStride,
                                                     aTermStride: termStride, b.baseAddress!, bRowStride: n, o.baseAddress!, cRowStride: n)
                        }
                    }
                }
            }
        }
        return Matrix(rows: m, cols: n, scalars: out)
    }

    static func check<S: TensorScalar>(_: S.Type, _ label: String) {
        var g = TestNormals(seed: 29)
        for m in 1...9 {
            for (k, n) in sizes {
                let a = Matrix<S>.randn(m, k, using: &g), b = Matrix<S>.randn(k, n, using: &g), c = Matrix<S>.randn(m, n, using: &g)
                let expected = Matrix.referenceAddProduct(c, a, b)
                for packed in [false, true] {
                    for transposedA in [false, true] {
                        let got = run(m: m, k: k, n: n, a: a, b: b, c: c, packed: packed, transposedA: transposedA)
                        #expect(got == expected, "\(label) (\(m), \(k)) × (\(k), \(n)) packed \(packed) transposed A \(transposedA)")
                    }
                }
            }
        }
    }

    @Test(.serialized, arguments: ProductKernelPath.allCases)
    func fewRowsMatchReference(path: ProductKernelPath) {
        let used = ProductKernelPath.force(path)
        defer { ProductKernelPath.force(nil) }
        if used != path { print("FewRowsProductTests: \(path) is not available here; tested \(used)") }
        Self.check(Float.self, "float \(used)")
        Self.check(Double.self, "double \(used)")
    }
}
