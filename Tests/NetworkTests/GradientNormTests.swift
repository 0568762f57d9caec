import Foundation
import Network
import Tensor
import Testing
import TestSupport

/// The claims of the vanishing/exploding experiment, for Float and Double:
/// with W_hh = ρQ (Q orthogonal), ‖∂L/∂H_t‖ = ρ^(T−t)‖∂L/∂H_T‖ for the
/// identity activation, and ≤ (γρ)^(T−t)‖∂L/∂H_T‖ for tanh and sigmoid.
///
/// Tolerances, derived for one backward step G ↦ (G ⊙ φ′) W_hhᵀ in a format
/// with unit roundoff u and h hidden units:
/// - the stored W_hh is ρ(Q + E) with |E| ≤ (u + 2u_Double)|Q| entry-wise,
///   so ‖E‖₂ ≤ ‖E‖_F ≤ (u + 2u_Double)√h and every singular value of W_hh
///   is ρ(1 ± √h·u) (Q itself is orthogonal to ~10·h·u_Double);
/// - the product adds at most γ_h |G||W_hhᵀ| entry-wise, whose Frobenius
///   norm is ≤ γ_h ‖G‖_F ‖W_hh‖_F = γ_h √h ρ ‖G‖_F;
/// - the Hadamard product adds u; φ′ as computed never exceeds γ (1 − y²
///   ≤ 1 and y(1 − y) ≤ 1/4 round monotonically onto representable bounds).
/// So each step is off by a relative δ = √h(u + 2u_Double) + √h·γ_h + u +
/// 10·h·u_Double at most, and after T − t steps by (1 + δ)^(T−t) − 1 ≈
/// (T − t)δ: rounding grows linearly in T·u, as expected. The norms are
/// taken in Double (relative error below (nh + 4)·u_Double, added). These
/// are worst-case bounds; the measured deviations, printed, are smaller by
/// orders of magnitude.
@Suite struct GradientNormTests {
    static func stepError<S: TensorScalar>(_: S.Type, hiddens h: Int) -> Double {
        let u = Double(S.unitRoundoff), uD = Double.unitRoundoff
        let root = Double(h).squareRoot()
        return root * (u + 2 * uD) + root * gamma(h, S.self) + u + 10 * Double(h) * uD
    }

    static func tolerance<S: TensorScalar>(_: S.Type, steps: Int, n: Int, h: Int) -> Double {
        let delta = stepError(S.self, hiddens: h)
        return Foundation.pow(1 + delta, Double(steps)) * (1 + Double(n * h + 4) * Double.unitRoundoff) - 1
    }

    /// A forward pass of `steps` steps with W_hh = ρQ, and a random seed ∂L/∂H_T.
    static func setup<S: TensorScalar>(
        _: S.Type, phi: Activation, rho: Double, steps: Int, n: Int, h: Int, seed: UInt64, quiet: Bool
    ) -> (f: RNNForward<S>, wHH: Matrix<S>, dHT: Matrix<S>) {
        var g = TestNormals(seed: seed)
        let wHH: Matrix<S> = orthogonalWHH(hiddens: h, scale: rho, using: &g)       // (h, h)
        // quiet: X = 0, every entry of H_0 is c = φ(0), and b_h = −c·1ᵀW_hh
        // computed by the same product the forward pass runs, so
        // Z_t = c·1ᵀW_hh + b_h = 0 exactly and H_t = c at every step: φ′ = γ
        // everywhere, the bound is attained and the slack is really tested.
        let scale: S = quiet ? 0 : 1
        let c: S = phi.apply(0)
        let quietBias = -(Matrix<S>(repeating: c, rows: 1, cols: h).matmul(wHH))    // (1, h)
        let params = RNNParameters(
            wXH: scale * Matrix<S>.randn(2, h, using: &g), wHH: wHH,                // (d, h), (h, h)
            bH: quiet ? quietBias : Matrix<S>.randn(1, h, using: &g),               // (1, h)
            wHQ: Matrix<S>.randn(h, 1, using: &g), bQ: .zeros(1, 1))                // (h, q), (1, q)
        let xs = (0..<steps).map { _ in scale * Matrix<S>.randn(n, 2, using: &g) }  // T of (n, d)
        let h0 = quiet ? Matrix<S>(repeating: c, rows: n, cols: h) : Matrix<S>.randn(n, h, using: &g)  // (n, h)
        let f = rnnForward(xs: xs, h0: h0, params: params, activation: phi)
        return (f, wHH, Matrix<S>.randn(n, h, using: &g))                           // ∂L/∂H_T, (n, h)
    }

    static func identityScalesExactly<S: TensorScalar>(_: S.Type) {
        let (steps, n, h) = (60, 3, 8)
        var worst = 0.0
        for (k, rho) in [0.5, 0.9, 1.0, 1.1].enumerated() {
            let (f, wHH, dHT) = setup(S.self, phi: .identity, rho: rho, steps: steps, n: n, h: h, seed: UInt64(40 + k), quiet: false)
            let norms = rnnStateGradients(forward: f, wHH: wHH, activation: .identity, dHT: dHT).norms
            for t in 0...steps {
                let expected = Foundation.pow(rho, Double(steps - t)) * norms[steps]
                let relative = abs(norms[t] - expected) / expected
                let tol = tolerance(S.self, steps: steps - t, n: n, h: h)
                #expect(relative <= tol, "\(S.self) ρ=\(rho) t=\(t): ‖∂L/∂H_t‖ off ρ^(T−t)‖∂L/∂H_T‖ by \(relative) > \(tol)")
                worst = max(worst, relative)
            }
        }
        print("identity, W_hh = ρQ, \(S.self), T=\(steps): max relative deviation from ρ^(T−t)‖∂L/∂H_T‖ = \(worst) (tolerance at t=0: \(tolerance(S.self, steps: steps, n: n, h: h)))")
    }

    static func boundHolds<S: TensorScalar>(_: S.Type, phi: Activation) {
        let (steps, n, h) = (30, 3, 8)
        let gammaPhi = phi.derivativeBound
        var tightest = 0.0
        for (k, rho) in [0.5, 1.0, 1.5].enumerated() {
            for quiet in [false, true] {
                let (f, wHH, dHT) = setup(S.self, phi: phi, rho: rho, steps: steps, n: n, h: h, seed: UInt64(70 + k), quiet: quiet)
                let norms = rnnStateGradients(forward: f, wHH: wHH, activation: phi, dHT: dHT).norms
                for t in 0...steps {
                    let bound = Foundation.pow(gammaPhi * rho, Double(steps - t)) * norms[steps]
                    let slack = 1 + tolerance(S.self, steps: steps - t, n: n, h: h)
                    #expect(norms[t] <= bound * slack, "\(S.self) \(phi) ρ=\(rho) t=\(t): \(norms[t]) > \(bound) · \(slack)")
                    tightest = max(tightest, norms[t] / bound)
                    if quiet {
                        // Z_t = 0: φ′ = γ everywhere, so the bound is an equality.
                        #expect(abs(norms[t] / bound - 1) <= slack - 1, "\(S.self) \(phi) quiet ρ=\(rho) t=\(t): ratio \(norms[t] / bound)")
                    }
                }
            }
        }
        print("\(phi.displayName), W_hh = ρQ, \(S.self), T=\(steps): max ‖∂L/∂H_t‖ / ((γρ)^(T−t)‖∂L/∂H_T‖) = \(tightest)")
    }

    @Test func identityScalesExactlyFloat() { Self.identityScalesExactly(Float.self) }
    @Test func identityScalesExactlyDouble() { Self.identityScalesExactly(Double.self) }

    @Test(arguments: [Activation.tanh, .sigmoid])
    func boundHoldsFloat(phi: Activation) { Self.boundHolds(Float.self, phi: phi) }
    @Test(arguments: [Activation.tanh, .sigmoid])
    func boundHoldsDouble(phi: Activation) { Self.boundHolds(Double.self, phi: phi) }
}
