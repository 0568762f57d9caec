// Matrix multiplication: the one hot loop of the course. `matmul` runs the
// fast kernel; `referenceMatmul` is the plain textbook triple loop that the
// tests hold it to.

extension Matrix {
    /// The matrix product A·B, shape (A.rows, B.cols).
    ///
    /// Sums run in `Scalar` (as PyTorch does for float32), in the order
    /// k = 0, 1, …, so the rounding error of each entry is at most
    /// γ_K · Σ_k |a_ik||b_kj| with K = A.cols and γ_K = K·u / (1 − K·u).
    @inlinable
    public func matmul(_ b: Matrix) -> Matrix {
        ShapeError.check(ShapeError.matmul(shape, b.shape))
        var out = [Scalar](repeating: 0, count: rows * b.cols)
        Self.matmulKernel(rows, cols, b.cols, scalars, b.scalars, &out)
        return Matrix(rows: rows, cols: b.cols, scalars: out)
    }

    /// C += A·B on raw row-major buffers, A (m, k), B (k, n), C (m, n).
    ///
    /// The i-k-j loop order streams rows of B and C, which the compiler
    /// vectorises; each C entry still accumulates its k terms in order.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func matmulKernel(_ m: Int, _ k: Int, _ n: Int, _ a: [Scalar], _ b: [Scalar], _ c: inout [Scalar]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    for i in 0..<m {
                        let cRow = c.baseAddress! + i * n
                        for p in 0..<k {
                            let aip = a[i * k + p]
                            let bRow = b.baseAddress! + p * n
                            for j in 0..<n { cRow[j] += aip * bRow[j] }
                        }
                    }
                }
            }
        }
    }

    /// The product by the definition, (AB)_ij = Σ_k a_ik b_kj, one entry at
    /// a time. Slow; kept as the reference the fast kernel is tested against.
    public func referenceMatmul(_ b: Matrix) -> Matrix {
        ShapeError.check(ShapeError.matmul(shape, b.shape))
        var out = Matrix.zeros(rows, b.cols)
        for i in 0..<rows {
            for j in 0..<b.cols {
                var s: Scalar = 0
                for p in 0..<cols { s += self[i, p] * b[p, j] }
                out[i, j] = s
            }
        }
        return out
    }
}
