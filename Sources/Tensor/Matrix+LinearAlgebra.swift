import RealModule

// Small dense linear algebra in Double for the initialisers and the
// measurements of lesson 05 (`gradients`): QR by Gram–Schmidt, the spectral
// radius, the largest singular value. All of it runs in Double whatever the
// matrix holds; the sizes are the hidden sizes of the lessons (up to a few
// hundred), so plain loops are fast enough.

extension Matrix {
    /// A = Q R by modified Gram–Schmidt, each column orthogonalised twice,
    /// in Double. A is (m, k) with m ≥ k; Q is (m, k) with orthonormal
    /// columns, R is (k, k) upper triangular with a positive diagonal.
    ///
    /// Column j of Q is a_j minus its components along q_0 … q_(j−1),
    /// removed one at a time (modified Gram–Schmidt), then a second time
    /// (one pass leaves a loss of orthogonality that grows with the
    /// condition number of A; the second pass brings ‖QᵀQ − I‖ down to a
    /// small multiple of k·u, u = 2^−53 — "twice is enough").
    ///
    /// The diagonal r_jj = ‖a_j − projections‖ is positive by construction,
    /// so this is the one QR with a positive diagonal: for a Gaussian A its
    /// Q is Haar-distributed (no sign fix needed, unlike Householder QR,
    /// whose diagonal signs follow the data). A must have full column rank.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func qrDecomposition() -> (q: Matrix<Double>, r: Matrix<Double>) {
        precondition(rows >= cols, "qrDecomposition of \(shape): needs at least as many rows as columns")
        var columns: [[Double]] = []                            // q_0 … q_(j−1), each (m)
        columns.reserveCapacity(cols)
        var r = Matrix<Double>.zeros(cols, cols)                // (k, k)
        for j in 0..<cols {
            var v = (0..<rows).map { Double(self[$0, j]) }      // a_j, (m)
            for _ in 0..<2 {
                for i in 0..<j {
                    let q = columns[i]
                    var c = 0.0
                    for t in 0..<rows { c += q[t] * v[t] }
                    r[i, j] += c
                    for t in 0..<rows { v[t] -= c * q[t] }
                }
            }
            let norm = Matrix<Double>.norm(of: v)
            precondition(norm > 0 && norm.isFinite, "qrDecomposition of \(shape): column \(j) is dependent on the previous ones (or not finite)")
            r[j, j] = norm
            columns.append(v.map { $0 / norm })
        }
        var q = Matrix<Double>.zeros(rows, cols)                // (m, k)
        for j in 0..<cols {
            for i in 0..<rows { q[i, j] = columns[j][i] }
        }
        return (q, r)
    }

    /// The spectral radius ρ(A) = max |λ_i| of a square matrix, by Gelfand's
    /// formula ρ(A) = lim_(k→∞) ‖A^k‖^(1/k), with k = 2^s reached by s
    /// squarings, in Double.
    ///
    /// Why not power iteration: a real non-symmetric matrix often has its
    /// largest eigenvalues as a complex pair λ, λ̄, and then A^k v rotates
    /// in a plane instead of converging. The norm of A^k grows like ρ^k
    /// whatever the eigenvalues look like, so this route needs no
    /// assumption on them.
    ///
    /// The squarings are renormalised: B_0 = A/‖A‖, B_(j+1) = B_j²/‖B_j²‖,
    /// and log ‖A^(2^s)‖ / 2^s = log‖A‖ + Σ_j log‖B_j²‖ / 2^(j+1) is summed
    /// as it goes, so nothing overflows or underflows however large s is.
    ///
    /// Accuracy: ‖A^k‖^(1/k) = ρ · c_k^(1/k) with c_k bounded above and
    /// below by the condition of the eigenvector basis (and a polynomial in
    /// k for a defective matrix), so the truncation error in log ρ is about
    /// log(c)/2^s — below 1e−15 for the default s = 60. Rounding in the
    /// squaring j acts like a relative perturbation of order n·u of A^(2^j)
    /// and enters log ρ divided by 2^(j+1); in all, the result is the
    /// spectral radius of a matrix within about n·u·κ of A, κ the condition
    /// number of the dominant eigenvalue (relative error ~1e−13 for the
    /// Gaussian matrices of the lessons). A nilpotent matrix whose power
    /// comes out exactly zero gives exactly 0. Cost: s products of (n, n).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func spectralRadius(squarings s: Int = 60) -> Double {
        precondition(rows == cols, "spectralRadius of \(shape): needs a square matrix")
        precondition(s >= 0, "spectralRadius: squarings must be ≥ 0, got \(s)")
        let n = rows
        var b = converted(to: Double.self)                      // (n, n)
        let f = b.frobeniusNorm()
        if f == 0 || !f.isFinite { return f }
        var logRadius = Double.log(f)                           // log ‖A^(2^j)‖ / 2^j
        var weight = 0.5                                        // 1 / 2^(j+1)
        for k in b.scalars.indices { b.scalars[k] /= f }
        for _ in 0..<s {
            var square = Matrix<Double>.zeros(n, n)             // B_j², (n, n)
            square.addProduct(b, b)
            let c = square.frobeniusNorm()
            if c == 0 { return 0 }                              // A^(2^(j+1)) = 0: nilpotent
            logRadius += weight * Double.log(c)
            weight /= 2
            b = square.map { $0 / c }
        }
        return Double.exp(logRadius)
    }

    /// The spectral norm ‖A‖₂ = σ_max(A), the largest singular value, as
    /// sqrt(ρ(AᵀA)) in Double.
    ///
    /// AᵀA is symmetric positive semidefinite, so Gelfand's formula
    /// converges fast for it (‖(AᵀA)^k‖_F ≤ √n σ_max^(2k)) and the result
    /// carries a relative error of about n·u. It bounds how much one step
    /// of backpropagation can stretch a gradient: ‖G Wᵀ‖_F ≤ ‖G‖_F ‖W‖₂.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func spectralNorm() -> Double {
        let a = converted(to: Double.self)
        return a.transposedMatmul(a).spectralRadius().squareRoot()
    }
}
