import Network
import Tensor

/// The RNN with its weights untied: step t reads its own copy
/// W_xh⁽ᵗ⁾, W_hh⁽ᵗ⁾, b_h⁽ᵗ⁾, W_hq⁽ᵗ⁾, b_q⁽ᵗ⁾ (distinct storage, the same
/// values). Each copy takes part in one step only, so the chain rule gives
/// its gradient directly; the tied gradient must be the sum of the T copies'.
/// This is the independent check of BPTT's result: the copies' gradients
/// come from the backward pass written out below, not from `rnnBackward`.
enum Untied {
    /// What backpropagation through the untied network gives.
    struct Backward<Scalar: TensorScalar> {
        /// ∂L/∂(copy t) at index t − 1: each copy's five gradients.
        var copyGradients: [RNNParameters<Scalar>]
        /// ∂L/∂H_t for t = 0…T at index t, (n, h) each.
        var dH: [Matrix<Scalar>]
        /// The two terms of ∂L/∂H_t for t = 1…T at index t − 1: through O_t
        /// and through step t + 1 (zero for t = T).
        var outputTerms, recurrentTerms: [Matrix<Scalar>]
        /// δ_t = ∂L/∂Z_t for t = 1…T at index t − 1, (n, h).
        var deltas: [Matrix<Scalar>]

        /// Σ_t of the copies' gradients, added in the order t = 1, 2, …, T.
        var sum: RNNParameters<Scalar> {
            let first = copyGradients[0]
            return copyGradients.dropFirst().reduce(first) { s, g in
                RNNParameters(wXH: s.wXH + g.wXH, wHH: s.wHH + g.wHH, bH: s.bH + g.bH,
                              wHQ: s.wHQ + g.wHQ, bQ: s.bQ + g.bQ)
            }
        }
    }

    /// The untied forward pass: step t reads `copies[t − 1]`.
    static func forward(xs: [Matrix<Float>], h0: Matrix<Float>, copies: [RNNParameters<Float>]) -> RNNForward<Float> {
        var states = [h0], zs: [Matrix<Float>] = [], outputs: [Matrix<Float>] = []
        for (x, p) in zip(xs, copies) {
            let (z, h) = rnnStep(x: x, hPrev: states[states.count - 1], params: p, activation: .tanh)  // (n, h)
            zs.append(z)
            states.append(h)
            outputs.append(h.matmul(p.wHQ).addingRow(p.bQ))                                           // O_t (n, q)
        }
        return RNNForward(states: states, preActivations: zs, outputs: outputs)
    }

    /// tanh′(Z_t) = 1 − H_t² for t = 1…T, computed from the states as
    /// `rnnBackward` computes it (the same float operations, so both sides
    /// of the check use the same bits).
    static func tanhDerivatives<Scalar>(_ f: RNNForward<Scalar>) -> [Matrix<Scalar>] {
        f.states.dropFirst().map { $0.map { 1 - $0 * $0 } }                                         // (n, h) each
    }

    // BEGIN-QUOTE untied
    /// Backpropagation through the untied network, from ∂L/∂O_t (t = 1…T).
    /// ∂L/∂H_t has two terms, the output term and the term from step t + 1:
    ///
    ///     ∂L/∂H_t = ∂L/∂O_t · W_hq⁽ᵗ⁾ᵀ + δ_{t+1} · W_hh⁽ᵗ⁺¹⁾ᵀ,   δ_t = ∂L/∂H_t ⊙ tanh′(Z_t),
    ///
    /// and copy t, read by step t alone, gets X_tᵀδ_t, H_{t−1}ᵀδ_t, 1ᵀδ_t,
    /// H_tᵀ∂L/∂O_t and 1ᵀ∂L/∂O_t. Generic, so that the same code run on
    /// magnitudes in Double gives the rounding bound of the check.
    static func backward<Scalar>(xs: [Matrix<Scalar>], states: [Matrix<Scalar>], copies: [RNNParameters<Scalar>],
                                 tanhDerivatives: [Matrix<Scalar>], outputGradients dO: [Matrix<Scalar>]) -> Backward<Scalar> {
        let steps = xs.count, (n, h) = (states[0].rows, states[0].cols)
        var dH = Array(repeating: Matrix<Scalar>.zeros(n, h), count: steps + 1)   // ∂L/∂H_0 … ∂L/∂H_T
        var outputTerms = dH, recurrentTerms = dH, deltas = dH                     // index t − 1 used
        var copyGradients: [RNNParameters<Scalar>] = []
        for t in stride(from: steps, through: 1, by: -1) {
            let p = copies[t - 1]                                                   // copy t
            outputTerms[t - 1] = dO[t - 1].matmul(p.wHQ.transposed)                 // ∂L/∂O_t W_hq⁽ᵗ⁾ᵀ  (n, h)
            if t < steps {
                recurrentTerms[t - 1] = deltas[t].matmul(copies[t].wHH.transposed)  // δ_{t+1} W_hh⁽ᵗ⁺¹⁾ᵀ (n, h)
            }
            dH[t] = outputTerms[t - 1] + recurrentTerms[t - 1]                     // ∂L/∂H_t (n, h)
            let delta = dH[t] .* tanhDerivatives[t - 1]                             // δ_t (n, h)
            deltas[t - 1] = delta
            copyGradients.append(RNNParameters(
                wXH: xs[t - 1].transposedMatmul(delta),                             // X_tᵀ δ_t      (d, h)
                wHH: states[t - 1].transposedMatmul(delta),                         // H_{t−1}ᵀ δ_t  (h, h)
                bH: delta.columnSums(),                                             // 1ᵀ δ_t        (1, h)
                wHQ: states[t].transposedMatmul(dO[t - 1]),                         // H_tᵀ ∂L/∂O_t  (h, q)
                bQ: dO[t - 1].columnSums()))                                        // 1ᵀ ∂L/∂O_t    (1, q)
        }
        dH[0] = deltas[0].matmul(copies[0].wHH.transposed)                          // ∂L/∂H_0 (n, h)
        return Backward(copyGradients: copyGradients.reversed(), dH: dH,
                        outputTerms: Array(outputTerms.prefix(steps)),
                        recurrentTerms: Array(recurrentTerms.prefix(steps)), deltas: Array(deltas.prefix(steps)))
    }
    // END-QUOTE untied

    /// How far two float32 evaluations of the backward pass may be apart.
    ///
    /// Given the same forward values (states, tanh′, ∂L/∂O_t: the same bits
    /// on both sides), every quantity of the backward pass is a sum of
    /// products of them, computed with + and × only. Each product reaches a
    /// result through at most N roundings: per step h + q + 1 (a sum of h + q
    /// products, one multiplication by tanh′), and n·T for the final sum
    /// over examples and steps, so N = T·(h + q + 1) + n·T. A result with at
    /// most N roundings on every path is within γ_N·A of the exact value,
    /// where A is the same computation on the magnitudes of the inputs
    /// (Higham, *Accuracy and Stability of Numerical Algorithms*, Lemma 3.1
    /// and §3.5), so two such evaluations — in any order of summation —
    /// are within 2·γ_N·A of each other.
    static func roundingDepth(batch n: Int, hiddens h: Int, outputs q: Int, steps: Int) -> Int {
        steps * (h + q + 1) + n * steps
    }

    /// A of the bound above: the untied backward pass on magnitudes, in Double.
    static func magnitudes(xs: [Matrix<Float>], forward f: RNNForward<Float>, params: RNNParameters<Float>,
                           outputGradients dO: [Matrix<Float>]) -> Backward<Double> {
        let p = RNNParameters(wXH: params.wXH.magnitudes(), wHH: params.wHH.magnitudes(), bH: params.bH.magnitudes(),
                              wHQ: params.wHQ.magnitudes(), bQ: params.bQ.magnitudes())
        return backward(xs: xs.map { $0.magnitudes() }, states: f.states.map { $0.magnitudes() },
                        copies: Array(repeating: p, count: xs.count),
                        tanhDerivatives: tanhDerivatives(f).map { $0.magnitudes() },
                        outputGradients: dO.map { $0.magnitudes() })
    }
}
