import Foundation
import Network
import Tensor
import Testing
import TestSupport

/// QR, the spectral radius and the spectral norm of
/// Tensor/Matrix+LinearAlgebra.swift, on matrices whose answers are known.
@Suite struct LinearAlgebraTests {
    static let u = Double.unitRoundoff

    /// A = QR with QᵀQ = I and R upper triangular with a positive diagonal.
    /// Gram–Schmidt run twice keeps ‖QᵀQ − I‖ at a small multiple of n·u and
    /// reproduces A to a small multiple of n·u relative; the tolerance is
    /// 10·n·u for both (1.4e−13 at n = 64).
    @Test(arguments: [1, 2, 5, 16, 64])
    func qrReconstructsAndIsOrthonormal(n: Int) {
        var g = TestNormals(seed: UInt64(n))
        let a = Matrix<Double>.randn(n + 3, n, using: &g)                // (n + 3, n)
        let (q, r) = a.qrDecomposition()                                 // (n + 3, n), (n, n)
        let tol = 10 * Double(n) * Self.u
        #expect(q.transposedMatmul(q).maxAbsDifference(.identity(n)) <= tol)
        #expect((q.matmul(r) - a).frobeniusNorm() / a.frobeniusNorm() <= tol)
        for i in 0..<n {
            #expect(r[i, i] > 0)
            for j in 0..<i { #expect(r[i, j] == 0) }
        }
    }

    /// S·D·S⁻¹ with S = U·diag(s) (U orthogonal, s spread over [1, 10]) has
    /// the eigenvalues of D but is far from normal, and S⁻¹ = diag(1/s)·Uᵀ
    /// needs no inversion.
    static func similar(_ d: Matrix<Double>, seed: UInt64) -> Matrix<Double> {
        var g = TestNormals(seed: seed)
        let n = d.rows
        let u: Matrix<Double> = randomOrthogonal(n, using: &g)           // (n, n)
        let s = (0..<n).map { 1 + 9 * Double($0) / Double(max(n - 1, 1)) }
        var left = u, right = u.transposed                               // U·diag(s), diag(1/s)·Uᵀ
        for i in 0..<n {
            for j in 0..<n {
                left[i, j] *= s[j]
                right[i, j] /= s[i]
            }
        }
        return left.matmul(d).matmul(right)                              // (n, n)
    }

    /// Block diagonal from 1×1 and 2×2 blocks; a 2×2 block [[a, −b], [b, a]]
    /// has the complex pair a ± ib.
    static func blockDiagonal(_ blocks: [[[Double]]]) -> Matrix<Double> {
        let n = blocks.reduce(0) { $0 + $1.count }
        var m = Matrix<Double>.zeros(n, n)
        var o = 0
        for b in blocks {
            for i in b.indices { for j in b.indices { m[o + i, o + j] = b[i][j] } }
            o += b.count
        }
        return m
    }

    /// Known spectra, including the cases that defeat plain power
    /// iteration: a dominant complex pair (the iterate rotates), a real
    /// eigenvalue tied in modulus with a complex pair, a negative dominant
    /// eigenvalue. Tolerance 1e−11 relative: the similarity with κ(S) = 10
    /// perturbs the matrix by ~κ·n·u ≈ 2e−14 relative, the estimator adds
    /// about as much, and the truncation error log(c)/2^60 is nil.
    @Test func spectralRadiusOfKnownSpectra() {
        let cases: [(String, [[[Double]]], Double)] = [
            ("complex pair 0.6 ± 0.8i dominant", [[[0.6, -0.8], [0.8, 0.6]], [[0.9]], [[-0.5]], [[0.3]], [[0.1, -0.2], [0.2, 0.1]]], 1),
            ("complex pair 1.2 ± 1.6i dominant", [[[1.2, -1.6], [1.6, 1.2]], [[1.9]], [[-1.5]], [[0.3]]], 2),
            ("negative real dominant", [[[-1.3]], [[0.7, -0.9], [0.9, 0.7]], [[1.1]], [[0.2]]], 1.3),
            ("real tied with a complex pair", [[[0.5]], [[0.3, -0.4], [0.4, 0.3]], [[-0.25]], [[0.1]]], 0.5),
            ("small radius", [[[1e-3]], [[-2e-4]], [[5e-4, -5e-4], [5e-4, 5e-4]]], 1e-3),
        ]
        var worst = 0.0
        for (k, (name, blocks, radius)) in cases.enumerated() {
            let a = Self.similar(Self.blockDiagonal(blocks), seed: UInt64(k + 1))
            let relative = abs(a.spectralRadius() - radius) / radius
            #expect(relative <= 1e-11, "\(name): relative error \(relative)")
            worst = max(worst, relative)
        }
        print("spectral radius on known spectra: max relative error \(worst) (tolerance 1e-11)")
    }

    /// A defective matrix (a Jordan block for the dominant eigenvalue):
    /// ‖A^k‖ ~ k ρ^(k−1), still ρ in the limit. Here the tolerance is the
    /// eigenvalue's own sensitivity, not the estimator's: a perturbation ε of
    /// a 2×2 Jordan block moves its eigenvalue by √ε, and the similarity
    /// makes ε ≈ κ·n·u ≈ 2e−14, so √ε ≈ 1.4e−7; tolerance 1e−6.
    @Test func spectralRadiusOfJordanBlock() {
        let a = Self.similar(Self.blockDiagonal([[[0.8, 1], [0, 0.8]], [[0.5]], [[-0.3]]]), seed: 9)
        #expect(abs(a.spectralRadius() - 0.8) / 0.8 <= 1e-6)
        // Without the similarity it is exact up to the final exp/log.
        let j = Matrix<Double>([[0.8, 1], [0, 0.8]])
        #expect(abs(j.spectralRadius() - 0.8) / 0.8 <= 1e-14)
    }

    @Test func spectralRadiusEdgeCases() {
        #expect(Matrix<Double>.zeros(3, 3).spectralRadius() == 0)
        #expect(Matrix<Double>([[0, 1, 2], [0, 0, 3], [0, 0, 0]]).spectralRadius() == 0)   // nilpotent
        #expect(abs(Matrix<Float>([[-3]]).spectralRadius() - 3) <= 3e-15)
        #expect(abs(Matrix<Double>([[0.5, 0, 0], [0, -2, 0], [0, 0, 1]]).spectralRadius() - 2) <= 4e-15)
        #expect(Matrix<Double>([[.nan]]).spectralRadius().isNaN)
    }

    /// ‖U·diag(σ)·Vᵀ‖₂ = max σ; tolerance 1e−12 (the result carries ~n·u).
    @Test func spectralNormOfKnownSingularValues() {
        var g = TestNormals(seed: 31)
        let n = 12
        let u: Matrix<Double> = randomOrthogonal(n, using: &g)
        let v: Matrix<Double> = randomOrthogonal(n, using: &g)
        var d = Matrix<Double>.zeros(n, n)
        for i in 0..<n { d[i, i] = 3.5 - 0.25 * Double(i) }
        let a = u.matmul(d).matmul(v.transposed)                         // (n, n)
        #expect(abs(a.spectralNorm() - 3.5) / 3.5 <= 1e-12)
    }
}
