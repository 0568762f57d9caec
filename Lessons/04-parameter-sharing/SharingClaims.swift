import Course
import Network
import Tensor

/// What lesson 04 claims. The words are in `Presentation/strings.*.json`
/// under `claim.<id>`.
extension SharingLesson {
    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let d = c.inputs, h = c.hiddens, q = c.outputs
        let k = formulaCount(c)
        let p = r.params
        let longest = r.shared.last!, longestSeparate = r.separate.last!
        let depth = Untied.roundingDepth(batch: c.batch, hiddens: h, outputs: q, steps: c.steps)
        let arguments = [
            "d": "\(d)", "h": "\(h)", "q": "\(q)", "k": "\(k)", "T": "\(c.steps)", "N": "\(depth)",
            "slack": "\(c.steps * (2 * c.hiddens + 4))",
            "longest": "\(longest.steps)",
            "counted": r.shared.map { String($0.steps) }.joined(separator: ", "),
            "separate": r.separate.map { String($0.steps * k) }.joined(separator: ", "),
            "separate_matrices": "\(longestSeparate.buffers)", "separate_longest": "\(longestSeparate.steps)",
        ]
        let tied = r.grads.params.named, untied = r.untiedSum.named, bounds = r.magnitudes.sum.named
        let untiedClaims = tied.indices.map { i in
            Claim(id: "untied-sum-\(tied[i].name)", measured: tied[i].value.maxAbsDifference(untied[i].value),
                  tolerance: backwardTolerance(bounds[i].value.maxAbs(), depth: depth),
                  text: "claim.untied-sum", arguments: arguments.merging(["name": tied[i].name]) { $1 })
        }
        let dHDifference = zip(r.grads.dH, r.untied.dH).map { $0.maxAbsDifference($1) }.max()!
        let dHBound = r.magnitudes.dH.map { $0.maxAbs() }.max()!
        return [
            .allTrue(id: "parameter-shapes", arguments: arguments,
                     [p.wXH.shape == Shape(d, h), p.wHH.shape == Shape(h, h), p.bH.shape == Shape(1, h),
                      p.wHQ.shape == Shape(h, q), p.bQ.shape == Shape(1, q)]),
            .equal(id: "parameter-count", arguments: arguments, p.named.reduce(0) { $0 + $1.value.count }, k),
            .equal(id: "same-storage-every-step", arguments: arguments, longest.buffers, 5),
            .allTrue(id: "count-independent-of-T", arguments: arguments, r.shared.map { $0.scalars == k }),
            .allTrue(id: "separate-weights-grow-with-T", arguments: arguments,
                     r.separate.map { $0.scalars == $0.steps * k && $0.buffers == 5 * $0.steps }),
            Claim(id: "untied-forward-identical", measured: statesDifference(r.forward, r.untiedForward),
                  comparison: .equal, tolerance: 0, arguments: arguments),
        ] + untiedClaims + [
            Claim(id: "recurrence-is-BPTT", measured: dHDifference,
                  tolerance: backwardTolerance(dHBound, depth: depth), arguments: arguments),
            Claim(id: "closed-form-is-recurrence",
                  measured: r.closedFormDH1.maxAbsDifference(r.untied.dH[1].converted(to: Double.self)),
                  tolerance: backwardTolerance(r.magnitudes.dH[1].maxAbs(), depth: depth), arguments: arguments),
            Claim(id: "copy-one-W_hh-zero", measured: r.untied.copyGradients[0].wHH.maxAbs(), comparison: .equal,
                  tolerance: 0, arguments: arguments),
            .allTrue(id: "terms-within-bound", arguments: arguments,
                     r.closedFormTerms.map { $0.reaching <= $0.bound * (1 + termSlack(c)) }),
        ]
    }

    /// 2·γ_N·A for float32 with N = ``Untied/roundingDepth(batch:hiddens:outputs:steps:)``:
    /// how far apart two evaluations of the backward pass may be, see there.
    /// A is computed in Double; the factor 1 + γ_{2N} (u = 2⁻⁵³) covers its
    /// own rounding.
    static func backwardTolerance(_ magnitude: Double, depth: Int) -> Double {
        2 * Float.roundingGamma(depth) * magnitude * (1 + Double.roundingGamma(2 * depth))
    }

    /// The Double rounding allowed when a term of the closed form is held to
    /// its bound ‖E_s‖·‖W_hh‖₂^(s−1): the term passes through at most
    /// T·(h + 1) roundings, its norm and the bound through a few more, and
    /// ‖W_hh‖₂ carries a relative error of about h·2⁻⁵³ per power (see
    /// `spectralNorm`). γ_{T·(2h + 4)} in Double covers all of them.
    static func termSlack(_ c: Config) -> Double {
        Double.roundingGamma(c.steps * (2 * c.hiddens + 4))
    }

    /// max |Δ| over all states H_0 … H_T of two forward passes.
    static func statesDifference(_ a: RNNForward<Float>, _ b: RNNForward<Float>) -> Double {
        zip(a.states, b.states).map { $0.maxAbsDifference($1) }.max()!
    }
}
