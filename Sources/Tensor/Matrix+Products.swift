// Matrix products: the one hot loop of the course, in three readable forms
// that every caller uses — A·B, C += A·B and C += Aᵀ·B — and one plain
// reference they are all held to. The fast kernels behind them live in one
// place, Matrix+Kernels.swift.
//
// Summation order (the contract the tests check bit for bit): every entry
// starts from what C holds and adds its terms one at a time in ascending
// order of the summed index. So C += A·B twice in a row is exactly the
// running sum of both products, as backpropagation through time needs.

extension Matrix {
    /// The matrix product A·B, shape (A.rows, B.cols).
    ///
    /// Sums run in `Scalar` (as PyTorch does for float32), in the order
    /// k = 0, 1, …, so the rounding error of each entry is at most
    /// γ_K · Σ_k |a_ik||b_kj| with K = A.cols and γ_K = K·u / (1 − K·u).
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func matmul(_ b: Matrix) -> Matrix {
        var out = Matrix.zeros(rows, b.cols)                        // (m, n)
        out.addProduct(self, b)
        return out
    }

    /// Aᵀ·B, shape (A.cols, B.cols), without forming the transpose; both
    /// operands need the same number of rows. (Aᵀ B)_pj = Σ_i a_ip b_ij,
    /// summed in ascending i: bit for bit `a.transposed.matmul(b)`.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func transposedMatmul(_ b: Matrix) -> Matrix {
        var out = Matrix.zeros(cols, b.cols)                        // (k, n)
        out.addTransposedProduct(self, b)
        return out
    }

    /// C += A·B: c_ij ← c_ij + a_i0 b_0j + a_i1 b_1j + … + a_i(K−1) b_(K−1)j,
    /// added in that order. A (m, K), B (K, n), C (m, n).
    ///
    /// The forward step of a layer (Y = X W) and the backward step to its
    /// input (∂L/∂X += ∂L/∂Y Wᵀ, with Wᵀ formed once).
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func addProduct(_ a: Matrix, _ b: Matrix) {
        ShapeError.check(ShapeError.matmul(a.shape, b.shape))
        ShapeError.check(ShapeError.elementwise("accumulate A·B into C", shape, Shape(a.rows, b.cols)))
        Self.addProductKernel(a.rows, a.cols, b.cols, a.scalars, b.scalars, &scalars)
    }

    /// C += Aᵀ·B: c_pj ← c_pj + a_0p b_0j + a_1p b_1j + … + a_(m−1)p b_(m−1)j,
    /// added in that order. A (m, K), B (m, n), C (K, n).
    ///
    /// The weight gradient of a product: for Y = X W, ∂L/∂W += Xᵀ ∂L/∂Y,
    /// summed over the batch rows without forming Xᵀ.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func addTransposedProduct(_ a: Matrix, _ b: Matrix) {
        Self.checkTransposedProduct(a.shape, b.shape)
        ShapeError.check(ShapeError.elementwise("accumulate Aᵀ·B into C", shape, Shape(a.cols, b.cols)))
        Self.addTransposedProductKernel(a.rows, a.cols, b.cols, a.scalars, b.scalars, &scalars)
    }

    // MARK: The reference

    /// C + A·B by the definition, one entry at a time, adding the K terms
    /// to c_ij in ascending order. The one reference every product kernel is
    /// tested against: A·B is `referenceAddProduct(zeros, a, b)` and
    /// C + Aᵀ·B is `referenceAddProduct(c, a.transposed, b)`.
    public static func referenceAddProduct(_ c: Matrix, _ a: Matrix, _ b: Matrix) -> Matrix {
        ShapeError.check(ShapeError.matmul(a.shape, b.shape))
        ShapeError.check(ShapeError.elementwise("accumulate A·B into C", c.shape, Shape(a.rows, b.cols)))
        var out = c
        for i in 0..<a.rows {
            for j in 0..<b.cols {
                var s = c[i, j]
                for p in 0..<a.cols { s += a[i, p] * b[p, j] }
                out[i, j] = s
            }
        }
        return out
    }

    /// A·B by the definition: ``referenceAddProduct(_:_:_:)`` from zero.
    public func referenceMatmul(_ b: Matrix) -> Matrix {
        Self.referenceAddProduct(.zeros(rows, b.cols), self, b)
    }

    @usableFromInline
    static func checkTransposedProduct(_ a: Shape, _ b: Shape, file: StaticString = #fileID, line: UInt = #line) {
        if a.rows != b.rows {
            ShapeError.check(
                ShapeError("transposed product \(a)ᵀ × \(b): both operands need the same number of rows, got \(a.rows) and \(b.rows)"),
                file: file, line: line)
        }
    }
}
