import Course
import Tensor

/// What lesson 05 claims, each with its tolerance and where it comes from.
/// The words are in `Presentation/strings.*.json` under `claim.<id>`.
extension GradientsLesson {
    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        var claims: [Claim] = []
        let sweeps = r.sweeps, cc = c.clipping
        let u = Double.unitRoundoff, T = Double(c.steps), h = Double(c.hiddens)

        if c.initialisation == .orthogonal, c.activations.contains(.identity) {
            // Exact theory: ‖G Qᵀ‖ = ‖G‖ for orthogonal Q, so ‖∂L/∂H_t‖ = ρ^(T−t).
            var worst = 0.0
            for s in sweeps where s.activation == .identity {
                for run in s.norms {
                    for (t, v) in run.enumerated() {
                        let theory = Double.pow(s.rho, T - Double(t))
                        worst = max(worst, abs(v - theory) / theory)
                    }
                }
            }
            claims.append(Claim(id: "identity-matches-theory", measured: worst,
                                tolerance: T * (h * h.squareRoot() + 2 * h) * u))
        }

        for phi in [Activation.tanh, .sigmoid] where c.activations.contains(phi) {
            var worst = 0.0
            for s in sweeps where s.activation == phi {
                for (run, bound) in zip(s.norms, s.bounds) {
                    // t < T: at t = T both are ‖∂L/∂H_T‖ by construction.
                    for (v, b) in zip(run.dropLast(), bound.dropLast()) where b > 0 { worst = max(worst, v / b) }
                }
            }
            claims.append(Claim(id: "\(phi.rawValue)-within-bound", measured: worst, tolerance: 1 + 2 * T * (h + 2) * u,
                                text: "claim.within-bound",
                                arguments: ["activation": phi.displayName, "gamma": phi == .tanh ? "1" : "1/4"]))
        }

        // The two landmarks, claimed where the configuration makes them
        // follow: 1.5^T ≥ 1e10 needs T ≥ 57, 0.5^T ≤ 1e−20 needs T ≥ 67.
        if c.initialisation == .orthogonal, c.steps >= 57,
           let s = sweeps.first(where: { $0.activation == .identity && $0.rho == 1.5 }) {
            claims.append(Claim(id: "identity-explodes", measured: s.norms.map { $0[0] }.min()!,
                                comparison: .atLeast, tolerance: 1e10))
        }
        if c.steps >= 67, let s = sweeps.first(where: { $0.activation == .tanh && $0.rho == 0.5 }) {
            claims.append(Claim(id: "tanh-vanishes", measured: s.norms.map { $0[0] }.max()!,
                                comparison: .atMost, tolerance: 1e-20))
        }

        if let s = sweeps.first(where: { $0.activation == .tanh && $0.rho == 1.5 }) {
            claims.append(Claim(id: "tanh-large-rho-still-decays", measured: s.norms.map { $0[0] }.max()!,
                                comparison: .atMost, tolerance: 1))
        }

        let worstCheck = r.checks.map { max($0.lastStepError, $0.everyStepError) }.max() ?? .nan
        claims.append(Claim(id: "bptt-matches-finite-differences", measured: worstCheck, tolerance: 1e-6))

        let plain = r.training.plain, clipped = r.training.clipped
        claims.append(Claim(id: "clipped-norm-at-most-theta", measured: clipped.normsAfter.max() ?? .nan,
                            tolerance: cc.theta,
                            arguments: ["theta": NumberText.short(cc.theta), "updates": "\(clipped.normsAfter.count)"]))
        claims.append(.allTrue(
            id: "clipping-prevents-divergence",
            [plain.divergedAt != nil, clipped.divergedAt == nil,
             clipped.losses.allSatisfy(\.isFinite), clipped.normsBefore.allSatisfy(\.isFinite)]))
        let zeroAnswer = Double(cc.inputs) / 2
        claims.append(Claim(id: "clipping-does-not-teach-memory", measured: (clipped.losses.last ?? .nan) / zeroAnswer,
                            comparison: .atLeast, tolerance: 0.5, arguments: ["zero": NumberText.short(zeroAnswer)]))
        return claims
    }
}
