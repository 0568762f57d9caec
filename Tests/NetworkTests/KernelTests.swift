import Tensor
import Testing
import TestSupport

/// The in-place product kernels of Tensor/Matrix+Kernels.swift against
/// their plain references. Both add the terms of each entry in the same
/// order (vectorising over the column index does not reorder any single
/// entry's sum), so they must agree bit for bit: tolerance 0. (Kept here
/// beside their one user, the backward pass.)
@Suite struct KernelTests {
    static let shapes = [(1, 1, 1), (3, 4, 5), (7, 2, 9), (16, 16, 16), (5, 33, 3)]

    static func kernelsMatchReferences<S: TensorScalar>(_: S.Type) {
        var g = TestNormals(seed: 21)
        for (m, k, n) in shapes {
            let a = Matrix<S>.randn(m, k, using: &g)                    // (m, k)
            let b = Matrix<S>.randn(k, n, using: &g)                    // (k, n)
            let c = Matrix<S>.randn(m, n, using: &g)                    // (m, n)
            var fast = c
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    fast.scalars.withUnsafeMutableBufferPointer { pc in
                        Matrix<S>.addProduct(m, k, n, pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
                    }
                }
            }
            #expect(fast == Matrix<S>.referenceAddProduct(c, a, b), "C += A·B \(a.shape) × \(b.shape)")

            let at = Matrix<S>.randn(m, k, using: &g)                   // (m, k)
            let bt = Matrix<S>.randn(m, n, using: &g)                   // (m, n)
            let ct = Matrix<S>.randn(k, n, using: &g)                   // (k, n)
            var fastT = ct
            at.scalars.withUnsafeBufferPointer { pa in
                bt.scalars.withUnsafeBufferPointer { pb in
                    fastT.scalars.withUnsafeMutableBufferPointer { pc in
                        Matrix<S>.addTransposedProduct(m, k, n, pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
                    }
                }
            }
            #expect(fastT == Matrix<S>.referenceAddTransposedProduct(ct, at, bt), "C += Aᵀ·B \(at.shape)ᵀ × \(bt.shape)")
            // Aᵀ·B from zero sums in the same order as transposing, then multiplying.
            #expect(at.transposedMatmul(bt) == at.transposed.matmul(bt))
        }
    }

    @Test func kernelsMatchReferencesFloat() { Self.kernelsMatchReferences(Float.self) }
    @Test func kernelsMatchReferencesDouble() { Self.kernelsMatchReferences(Double.self) }

    @Test func transposedMatmulHandWorked() {
        let a = Matrix<Float>([[1, 2], [3, 4], [5, 6]])                 // (3, 2)
        let b = Matrix<Float>([[1, 0], [0, 1], [1, 1]])                 // (3, 2)
        // Aᵀ·B: row 0 = 1·(1,0) + 3·(0,1) + 5·(1,1) = (6, 8); row 1 = (8, 10).
        #expect(a.transposedMatmul(b) == Matrix([[6, 8], [8, 10]]))
    }
}
