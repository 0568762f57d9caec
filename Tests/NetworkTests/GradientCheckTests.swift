import Network
import Tensor
import Testing
import TestSupport

/// BPTT against central finite differences, in Double, for every
/// activation, both placements of the loss, both concrete losses and
/// several sizes.
///
/// Tolerance 1e−6 on the relative error |g − f| / max(|g| + |f|, 1e−7):
/// the fourth-order stencil's own error is near u^(4/5) ≈ 3e−13 relative
/// for losses and derivatives of order one (see FiniteDifferenceStencil),
/// so 1e−6 leaves six orders of margin, while any mistake in the backward
/// pass (a missing step, a transposed factor) shows up as an error of
/// order one. The second-order stencil (error near u^(2/3) ≈ 4e−11) is
/// held to the same bound.
@Suite struct GradientCheckTests {
    static let tolerance = 1e-6

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
                #expect(report.maxRelativeError <= Self.tolerance,
                        "\(phi) \(size) \(kind): max relative error \(report.maxRelativeError) > \(Self.tolerance); parts \(report.parts.map { "\($0.name) \($0.maxRelativeError)" })")
                worst = max(worst, report.maxRelativeError)
            }
        }
        print("gradient check \(phi.displayName), \(stencil): max relative error \(worst) (tolerance \(Self.tolerance))")
    }
}
