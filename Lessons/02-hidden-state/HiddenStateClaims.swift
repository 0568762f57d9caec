import Course
import Tensor

/// What lesson 02 claims. The words are in `Presentation/strings.*.json`
/// under `claim.<id>`.
extension HiddenStateLesson {
    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let T = c.steps, phi = c.activation
        let m = r.memory
        let half = m.scaled[0]
        let spans = ["H_span": span("H", 1, T), "O_span": span("O", 1, T), "T": "\(T)"]
        var claims: [Claim] = [
            Claim(id: "loop-equals-hand", measured: Double(r.check.differingBits), comparison: .equal, tolerance: 0,
                  arguments: spans),
            Claim(id: "states-match-reference", measured: r.check.maxStateError, tolerance: r.check.stateTolerance,
                  arguments: spans.merging(["K": "\(r.check.sumLength)"]) { $1 }),
            Claim(id: "outputs-match-reference", measured: r.check.maxOutputError, tolerance: r.check.outputTolerance,
                  arguments: spans.merging(["h1": "\(c.hiddens + 1)"]) { $1 }),
            .allTrue(id: "outputs-shape", arguments: ["n": "\(c.batch)", "q": "\(c.outputs)", "T": "\(T)"],
                     [r.forward.outputs.count == T] + r.forward.outputs.map { $0.shape == Shape(c.batch, c.outputs) }),
            .equal(id: "state-carries-history", arguments: spans, m.rnnExact.filter { $0 > 0 }.count, T),
            Claim(id: "no-state-forgets", measured: m.mlpFloat32.dropFirst().max() ?? 0, comparison: .equal, tolerance: 0,
                  text: T == 1 ? "claim.no-state-forgets-one-step" : nil),
            Claim(id: "memory-fades-when-contracting", measured: half.maxStepRatio, tolerance: half.ratioBound,
                  arguments: [
                    "norm": NumberText.short(half.target), "gamma": NumberText.short(phi.derivativeBound),
                    "phi": phi.displayName, "bound": NumberText.short(phi.derivativeBound * half.spectralNorm),
                    "slack": NumberText.sci(half.ratioSlack, digits: 0),
                  ]),
        ]
        // ReLU is flat (φ′ = 0) for negative inputs: a unit that is off in both
        // runs passes nothing on, and the change can die out exactly. The
        // claim is a theorem only for strictly increasing φ with an
        // invertible W_hh, so for ReLU the lesson shows the count but claims nothing.
        if !phi.isStrictlyIncreasing { claims.removeAll { $0.id == "state-carries-history" } }
        return claims
    }
}

extension Activation {
    /// Whether φ(a) ≠ φ(b) whenever a ≠ b: true for tanh, sigmoid and the
    /// identity, false for ReLU (flat below 0).
    var isStrictlyIncreasing: Bool { self != .relu }
}

/// "H_1", "H_1, H_2" or "H_1…H_6": a run of subscripted names for claims
/// and text, correct at T = 1 and T = 2 too.
func span(_ name: String, _ first: Int, _ last: Int, separator: String = "…") -> String {
    if last <= first { return "\(name)_\(first)" }
    if last == first + 1 { return "\(name)_\(first), \(name)_\(last)" }
    return "\(name)_\(first)\(separator)\(name)_\(last)"
}
