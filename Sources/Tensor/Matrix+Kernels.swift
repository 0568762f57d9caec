// In-place matrix-product kernels for loops that must not allocate: the
// backward pass through time calls them once per step on buffers it owns.
// Each kernel has a plain reference beside it, written from the definition
// one entry at a time, and the tests hold the two together.
//
// Both kernels run i-p-j: the innermost loop walks one row of B and one row
// of C, contiguous in memory, which the compiler vectorises. Vectorising
// over j does not reorder any single entry's sum: entry (·, j) still adds
// its terms one at a time in the order of the middle index, exactly as the
// references do, so kernel and reference agree bit for bit.

extension Matrix {
    /// C += A·B on raw row-major memory: A (m, k), B (k, n), C (m, n).
    ///
    /// c_ij ← c_ij + a_i0 b_0j + a_i1 b_1j + … + a_i(k−1) b_(k−1)j, added in
    /// that order. The pointers must not overlap C.
    @inlinable
    public static func addProduct(
        _ m: Int, _ k: Int, _ n: Int,
        _ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ c: UnsafeMutablePointer<Scalar>
    ) {
        for i in 0..<m {
            let cRow = c + i * n
            for p in 0..<k {
                let aip = a[i * k + p]
                let bRow = b + p * n
                for j in 0..<n { cRow[j] += aip * bRow[j] }
            }
        }
    }

    /// C += Aᵀ·B on raw row-major memory: A (m, k), B (m, n), C (k, n).
    ///
    /// c_pj ← c_pj + a_0p b_0j + a_1p b_1j + … + a_(m−1)p b_(m−1)j, added in
    /// that order. This is the weight gradient of a product: for Y = A W,
    /// ∂L/∂W = Aᵀ ∂L/∂Y, summed over the batch rows without forming Aᵀ.
    @inlinable
    public static func addTransposedProduct(
        _ m: Int, _ k: Int, _ n: Int,
        _ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ c: UnsafeMutablePointer<Scalar>
    ) {
        for i in 0..<m {
            let aRow = a + i * k
            let bRow = b + i * n
            for p in 0..<k {
                let aip = aRow[p]
                let cRow = c + p * n
                for j in 0..<n { cRow[j] += aip * bRow[j] }
            }
        }
    }

    /// Aᵀ·B, shape (A.cols, B.cols), without forming the transpose; both
    /// operands need the same number of rows.
    public func transposedMatmul(_ b: Matrix) -> Matrix {
        Self.checkTransposedMatmul(shape, b.shape)
        var out = [Scalar](repeating: 0, count: cols * b.cols)
        scalars.withUnsafeBufferPointer { a in
            b.scalars.withUnsafeBufferPointer { b2 in
                out.withUnsafeMutableBufferPointer { c in
                    Self.addTransposedProduct(rows, cols, b.cols, a.baseAddress!, b2.baseAddress!, c.baseAddress!)
                }
            }
        }
        return Matrix(rows: cols, cols: b.cols, scalars: out)
    }

    // MARK: References

    /// C + A·B by the definition, one entry at a time, adding the k terms
    /// to c_ij in order. The reference for ``addProduct(_:_:_:_:_:_:)``.
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

    /// C + Aᵀ·B by the definition, one entry at a time, adding the m terms
    /// to c_pj in order. The reference for
    /// ``addTransposedProduct(_:_:_:_:_:_:)``.
    public static func referenceAddTransposedProduct(_ c: Matrix, _ a: Matrix, _ b: Matrix) -> Matrix {
        checkTransposedMatmul(a.shape, b.shape)
        ShapeError.check(ShapeError.elementwise("accumulate Aᵀ·B into C", c.shape, Shape(a.cols, b.cols)))
        var out = c
        for p in 0..<a.cols {
            for j in 0..<b.cols {
                var s = c[p, j]
                for i in 0..<a.rows { s += a[i, p] * b[i, j] }
                out[p, j] = s
            }
        }
        return out
    }

    @usableFromInline
    static func checkTransposedMatmul(_ a: Shape, _ b: Shape, file: StaticString = #fileID, line: UInt = #line) {
        if a.rows != b.rows {
            ShapeError.check(
                ShapeError("transposedMatmul \(a)ᵀ × \(b): both operands need the same number of rows, got \(a.rows) and \(b.rows)"),
                file: file, line: line)
        }
    }
}
