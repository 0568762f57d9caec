import Testing
import TestSupport
import Tensor

/// The product on a B packed once (`ProductKernel.pack`, for the RNN's
/// W_hh over the steps of a pass) against the one plain reference,
/// `Matrix.referenceAddProduct`, on both instruction-set paths: packing only
/// moves values, so the result must be the same bits (tolerance 0).
@Suite(.serialized) struct PackedProductTests {
    /// (m, k, n): batches of 1 to 9 rows (the RNN's products), widths off
    /// the 8- and 16-column tiles, k past one block of 256 terms, n past one
    /// block of 512 or 1024 columns, and a transposed A.
    static let shapes = [(1, 1, 1), (8, 64, 64), (5, 13, 37), (8, 256, 256), (9, 300, 70), (3, 520, 1030), (70, 40, 520)]

    static func check<S: TensorScalar>(_: S.Type, _ label: String) {
        var g = TestNormals(seed: 17)
        for (m, k, n) in shapes {
            let a = Matrix<S>.randn(m, k, using: &g), b = Matrix<S>.randn(k, n, using: &g), c = Matrix<S>.randn(m, n, using: &g)
            var packed = [S](repeating: .nan, count: ProductKernel.packedCount(terms: k, cols: n, S.self))
            b.scalars.withUnsafeBufferPointer { b in
                packed.withUnsafeMutableBufferPointer { ProductKernel.pack(terms: k, cols: n, b.baseAddress!, bRowStride: n, into: $0.baseAddress!) }
            }
            var out = c.scalars, outT = c.scalars
            let at = a.transposed                                                   // (k, m): read back through strides
            a.scalars.withUnsafeBufferPointer { a in
                at.scalars.withUnsafeBufferPointer { at in
                    packed.withUnsafeBufferPointer { p in
                        out.withUnsafeMutableBufferPointer {
                            ProductKernel.addProduct(rows: m, cols: n, terms: k, a.baseAddress!, aRowStride: k, aTermStride: 1,
                                                     packed: p.baseAddress!, $0.baseAddress!, cRowStride: n)
                        }
                        outT.withUnsafeMutableBufferPointer {
                            ProductKernel.addProduct(rows: m, cols: n, terms: k, at.baseAddress!, aRowStride: 1, aTermStride: m,
                                                     packed: p.baseAddress!, $0.baseAddress!, cRowStride: n)
                        }
                    }
                }
            }
            let expected = Matrix.referenceAddProduct(c, a, b)
            #expect(Matrix(rows: m, cols: n, scalars: out) == expected, "\(label) (\(m), \(k)) × (\(k), \(n))")
            #expect(Matrix(rows: m, cols: n, scalars: outT) == expected, "\(label) transposed A (\(m), \(k)) × (\(k), \(n))")
        }
    }

    @Test(.serialized, arguments: ProductKernelPath.allCases)
    func packedProductMatchesReference(path: ProductKernelPath) {
        let used = ProductKernelPath.force(path)
        defer { ProductKernelPath.force(nil) }
        if used != path { print("PackedProductTests: \(path) is not available here; tested \(used)") }
        Self.check(Float.self, "float \(used)")
        Self.check(Double.self, "double \(used)")
    }
}
