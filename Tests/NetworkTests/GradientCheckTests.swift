import Network
import Tensor
import Testing
import TestSupport

/// BPTT against central finite differences, in Double, for every
/// activation, both placements of the loss, both concrete losses and
/// several sizes.
///
/// Tolerance on the relative error |g − f| / max(|g| + |f|, floor), with
/// the default floor 1e−5·max(1, |L|) (fourth order) or 1e−3·max(1, |L|)
/// (second order), see `FiniteDifferenceStencil.relativeFloor`:
/// - fourth order, 1e−6: its own error is near u^(4/5) ≈ 2e−13 for
///   losses and derivatives of order one, and its noise at the floor reads
///   as ≤ 2e−7; a mistake in the backward pass (a missing step, a
///   transposed factor) shows up as an error of order one.
/// - second order, 1e−5: its error is near u^(2/3) ≈ 2e−11 relative to L,
///   and its noise at the floor reads as ~1e−6 — the reason the fourth-order
///   stencil is the default.
@Suite struct GradientCheckTests {
    static func tolerance(_ stencil: FiniteDifferenceStencil) -> Double {
        stencil == .fourthOrder ? 1e-6 : 1e-5
    }

    /// ReLU: draw until every pre-activation is at least 0.05 from the kink.
    /// A perturbation moves a pre-activation by about 2h·|x| ≤ 1e−2, so no
    /// evaluation crosses it (and the check counts crossings to make sure).
    static func problem(_ size: Problem.Size, _ kind: Problem.LossKind, _ phi: Activation, seed: UInt64) -> Problem {
        var seed = seed
        var p = Problem(size, loss: kind, seed: seed)
        while phi == .relu && p.kinkMargin(phi) < 0.05 {
            seed += 1000
            p = Problem(size, loss: kind, seed: seed)
        }
        return p
    }

    @Test(arguments: Activation.allCases, FiniteDifferenceStencil.allCases)
    func bpttMatchesFiniteDifferences(phi: Activation, stencil: FiniteDifferenceStencil) {
        var worst = 0.0
        for (i, size) in Problem.sizes.enumerated() {
            for (j, kind) in Problem.LossKind.allCases.enumerated() {
                let p = Self.problem(size, kind, phi, seed: UInt64(100 * i + j + 1))
                let report = gradientCheck(xs: p.xs, h0: p.h0, params: p.params, activation: phi,
                                           loss: p.loss, stencil: stencil)
                #expect(report.kinkCrossings == 0, "\(phi) \(size) \(kind): a perturbation crossed ReLU's kink")
                #expect(report.maxRelativeError <= Self.tolerance(stencil),
                        "\(phi) \(size) \(kind): max relative error \(report.maxRelativeError) > \(Self.tolerance(stencil)); parts \(report.parts.map { "\($0.name) \($0.maxRelativeError)" })")
                worst = max(worst, report.maxRelativeError)
            }
        }
        print("gradient check \(phi.displayName), \(stencil): max relative error \(worst) (tolerance \(Self.tolerance(stencil)))")
    }
}
