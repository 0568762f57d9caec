import Foundation
import Network
import Tensor
import Testing
import TestSupport

/// The W_hh initialisers: orthogonality, Haar distribution, exact singular
/// values ρ, spectral radius ρ, reproducibility.
@Suite struct InitializerTests {
    /// max |QᵀQ − I|, QᵀQ formed in Double from the stored entries (the
    /// products of two Float entries are exact in Double).
    ///
    /// Tolerance: Q is orthogonal to 10·n·u_Double in Double (see
    /// LinearAlgebraTests); rounding it to Float changes each entry by at most
    /// u_Float relative, which moves (QᵀQ)_ij by at most
    /// (2u + u²)·Σ_k |q_ki||q_kj| ≤ (2u + u²) (Cauchy–Schwarz, unit columns).
    static func orthogonal<S: TensorScalar>(_: S.Type) {
        for n in [1, 4, 16, 64] {
            var g = TestNormals(seed: UInt64(n))
            let q: Matrix<S> = randomOrthogonal(n, using: &g)            // (n, n)
            let q64 = q.converted(to: Double.self)
            let uS = Double(S.unitRoundoff)
            let tol = (S.self == Double.self ? 0 : 2 * uS + uS * uS) + 10 * Double(n) * Double.unitRoundoff
            let error = q64.transposedMatmul(q64).maxAbsDifference(.identity(n))
            #expect(error <= tol, "\(S.self) n=\(n): max |QᵀQ − I| = \(error) > \(tol)")
        }
    }

    @Test func orthogonalFloat() { Self.orthogonal(Float.self) }
    @Test func orthogonalDouble() { Self.orthogonal(Double.self) }

    /// Haar measure: E[q_ij] = 0 and E[q_ij²] = 1/n for every entry. A QR
    /// without the sign fix fails the first plainly (Householder QR gives
    /// q_00 = −|a_00|/‖a_0‖ < 0 always, mean ≈ −0.8 for n = 3). Over N = 4000
    /// draws of n = 3 the sample mean has standard deviation 1/√(nN) ≈ 0.009
    /// and the mean square has standard deviation √(Var q²/N) < 0.006; the
    /// tolerances are five standard deviations (a false alarm ~ 1e−6).
    @Test func orthogonalIsHaarDistributed() {
        let (n, draws) = (3, 4000)
        var g = TestNormals(seed: 2024)
        var mean = [Double](repeating: 0, count: n * n)
        var meanSquare = [Double](repeating: 0, count: n * n)
        for _ in 0..<draws {
            let q: Matrix<Double> = randomOrthogonal(n, using: &g)
            for k in 0..<(n * n) {
                mean[k] += q.scalars[k] / Double(draws)
                meanSquare[k] += q.scalars[k] * q.scalars[k] / Double(draws)
            }
        }
        let sd = 1 / Double(n * draws).squareRoot()
        for k in 0..<(n * n) {
            #expect(abs(mean[k]) <= 5 * sd, "entry \(k): mean \(mean[k])")
            #expect(abs(meanSquare[k] - 1 / Double(n)) <= 5 * 0.006, "entry \(k): mean square \(meanSquare[k])")
        }
    }

    /// W_hh = ρQ: all singular values ρ, i.e. W_hhᵀW_hh = ρ²I, so
    /// |σ_i² − ρ²| ≤ ‖W_hhᵀW_hh − ρ²I‖₂ ≤ n·max|entry|. The entries carry the
    /// tolerance of the orthogonality test scaled by ρ², plus the rounding
    /// of ρ·q (one more u relative per entry, 2u on the products).
    static func scaledOrthogonal<S: TensorScalar>(_: S.Type) {
        let n = 16
        let uS = Double(S.unitRoundoff)
        for rho in [0.5, 1, 1.5] {
            var g = TestNormals(seed: 77)
            let w: Matrix<S> = orthogonalWHH(hiddens: n, scale: rho, using: &g)  // (n, n)
            let w64 = w.converted(to: Double.self)
            let gram = w64.transposedMatmul(w64)                                  // (n, n)
            let tol = rho * rho * (4 * uS + 2 * uS * uS + 10 * Double(n) * Double.unitRoundoff)
            #expect(gram.maxAbsDifference(Double(rho * rho) * .identity(n)) <= tol, "\(S.self) ρ=\(rho)")
            #expect(abs(w.spectralNorm() - rho) / rho <= Double(n) * tol / (rho * rho))
            #expect(abs(w.spectralRadius() - rho) / rho <= Double(n) * tol / (rho * rho))
        }
    }

    @Test func scaledOrthogonalFloat() { Self.scaledOrthogonal(Float.self) }
    @Test func scaledOrthogonalDouble() { Self.scaledOrthogonal(Double.self) }

    /// gaussianWHH: spectral radius ρ. In Double the tolerance is the
    /// estimator's accuracy (about κ·n·u, κ the condition number of the
    /// dominant eigenvalue, of order ten for a Gaussian matrix), 1e−11. In
    /// Float the entries are rounded after the rescaling, a relative
    /// perturbation ≤ u_Float entry-wise, ‖E‖₂ ≤ u‖W‖_F ≈ u·ρ·√n·(‖A‖_F/(ρ(A)√n))
    /// ≈ u·ρ·√n for a Gaussian A (‖A‖_F ≈ n, ρ(A) ≈ √n); the radius moves by
    /// at most κ times that: tolerance 10·√n·u_Float with κ ≤ 10.
    static func gaussianRadius<S: TensorScalar>(_: S.Type) {
        var worst = 0.0
        // Sizes up to 32: Gelfand's formula costs 60 products of (n, n), slow
        // in a debug build at n = 64 (~0.5 s each).
        for n in [4, 16, 32] {
            for (k, rho) in [0.5, 1, 1.5].enumerated() {
                var g = TestNormals(seed: UInt64(100 * n + k))
                let w: Matrix<S> = gaussianWHH(hiddens: n, spectralRadius: rho, using: &g)  // (n, n)
                let tol = S.self == Double.self ? 1e-11 : 10 * Double(n).squareRoot() * Double(S.unitRoundoff)
                let relative = abs(w.spectralRadius() - rho) / rho
                #expect(relative <= tol, "\(S.self) n=\(n) ρ=\(rho): radius off by \(relative) > \(tol)")
                worst = max(worst, relative)
                // Its largest singular value exceeds ρ (non-normal matrix).
                #expect(w.spectralNorm() > rho)
            }
        }
        print("gaussianWHH \(S.self): max relative error of the spectral radius \(worst)")
    }

    @Test func gaussianRadiusFloat() { Self.gaussianRadius(Float.self) }
    @Test func gaussianRadiusDouble() { Self.gaussianRadius(Double.self) }

    /// The same seed gives the same matrix; the lessons' generator included.
    @Test func sameSeedSameMatrix() {
        var a = TorchGenerator(seed: 7), b = TorchGenerator(seed: 7), c = TorchGenerator(seed: 8)
        let qa: Matrix<Float> = orthogonalWHH(hiddens: 8, scale: 0.9, using: &a)
        let qb: Matrix<Float> = orthogonalWHH(hiddens: 8, scale: 0.9, using: &b)
        let qc: Matrix<Float> = orthogonalWHH(hiddens: 8, scale: 0.9, using: &c)
        #expect(qa == qb && qa != qc)
        let ga: Matrix<Float> = gaussianWHH(hiddens: 8, spectralRadius: 0.9, using: &a)
        let gb: Matrix<Float> = gaussianWHH(hiddens: 8, spectralRadius: 0.9, using: &b)
        #expect(ga == gb)
    }
}
