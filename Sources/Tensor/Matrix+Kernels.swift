// The fast product kernels: the one place in the course that works on raw
// memory. Everything else calls the readable forms of Matrix+Products.swift
// (`matmul`, `addProduct`, `addTransposedProduct`), and the tests in
// TensorTests/ProductKernelTests.swift hold every kernel to the one plain
// reference, `Matrix.referenceAddProduct`, bit for bit.
//
// They are @inlinable (and @_specialize'd) so that a caller in another
// module gets them specialised for Float or Double: an unspecialised generic
// loop pays a witness-table call per multiply-add, some fifty times slower.
//
// Both kernels keep the innermost loop on one row of C and rows of B,
// contiguous in memory, which the compiler vectorises; they take four terms
// per pass over that row of C (a quarter of its loads and stores), adding
// them one after another. Neither step reorders any single entry's sum:
// each entry still adds its terms one at a time in the order of the summed
// index, exactly as the reference does.

extension Matrix {
    /// C += A·B on row-major arrays: A (m, k), B (k, n), C (m, n).
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func addProductKernel(_ m: Int, _ k: Int, _ n: Int, _ a: [Scalar], _ b: [Scalar], _ c: inout [Scalar]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard m > 0, n > 0, k > 0 else { return }
                    addProduct(m, k, n, a.baseAddress!, b.baseAddress!, c.baseAddress!)
                }
            }
        }
    }

    /// C += Aᵀ·B on row-major arrays: A (m, k), B (m, n), C (k, n).
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func addTransposedProductKernel(_ m: Int, _ k: Int, _ n: Int, _ a: [Scalar], _ b: [Scalar], _ c: inout [Scalar]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard m > 0, n > 0, k > 0 else { return }
                    addTransposedProduct(m, k, n, a.baseAddress!, b.baseAddress!, c.baseAddress!)
                }
            }
        }
    }

    /// C += A·B on raw row-major memory: A (m, k), B (k, n), C (m, n).
    ///
    /// c_ij ← c_ij + a_i0 b_0j + a_i1 b_1j + … + a_i(k−1) b_(k−1)j, added in
    /// that order. The pointers must not overlap C.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func addProduct(
        _ m: Int, _ k: Int, _ n: Int,
        _ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ c: UnsafeMutablePointer<Scalar>
    ) {
        let k4 = k - k % 4
        for i in 0..<m {
            let cRow = c + i * n
            let aRow = a + i * k
            var p = 0
            while p < k4 {
                // Four rows of B per pass over the row of C: a quarter of
                // the loads and stores of C, the same order of additions.
                let (a0, a1, a2, a3) = (aRow[p], aRow[p + 1], aRow[p + 2], aRow[p + 3])
                let (b0, b1, b2, b3) = (b + p * n, b + (p + 1) * n, b + (p + 2) * n, b + (p + 3) * n)
                for j in 0..<n {
                    var t = cRow[j]
                    t += a0 * b0[j]
                    t += a1 * b1[j]
                    t += a2 * b2[j]
                    t += a3 * b3[j]
                    cRow[j] = t
                }
                p += 4
            }
            while p < k {
                let aip = aRow[p]
                let bRow = b + p * n
                for j in 0..<n { cRow[j] += aip * bRow[j] }
                p += 1
            }
        }
    }

    /// C += Aᵀ·B on raw row-major memory: A (m, k), B (m, n), C (k, n).
    ///
    /// c_pj ← c_pj + a_0p b_0j + a_1p b_1j + … + a_(m−1)p b_(m−1)j, added in
    /// that order. The pointers must not overlap C.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func addTransposedProduct(
        _ m: Int, _ k: Int, _ n: Int,
        _ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ c: UnsafeMutablePointer<Scalar>
    ) {
        let m4 = m - m % 4
        var i = 0
        while i < m4 {
            // Four rows of A and B per pass over C: a quarter of the loads
            // and stores of C, the same order of additions.
            let (a0, a1, a2, a3) = (a + i * k, a + (i + 1) * k, a + (i + 2) * k, a + (i + 3) * k)
            let (b0, b1, b2, b3) = (b + i * n, b + (i + 1) * n, b + (i + 2) * n, b + (i + 3) * n)
            for p in 0..<k {
                let (x0, x1, x2, x3) = (a0[p], a1[p], a2[p], a3[p])
                let cRow = c + p * n
                for j in 0..<n {
                    var t = cRow[j]
                    t += x0 * b0[j]
                    t += x1 * b1[j]
                    t += x2 * b2[j]
                    t += x3 * b3[j]
                    cRow[j] = t
                }
            }
            i += 4
        }
        while i < m {
            let aRow = a + i * k
            let bRow = b + i * n
            for p in 0..<k {
                let aip = aRow[p]
                let cRow = c + p * n
                for j in 0..<n { cRow[j] += aip * bRow[j] }
            }
            i += 1
        }
    }
}
