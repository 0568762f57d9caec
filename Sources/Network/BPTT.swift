import Tensor

// Backpropagation through time (BPTT) for the book's RNN, lesson 05
// (`gradients`). Forward, from RNN.swift, for t = 1…T:
//
//     Z_t = X_t W_xh + H_(t−1) W_hh + b_h,   H_t = φ(Z_t),   O_t = H_t W_hq + b_q.
//
// Backward, with G_t = ∂L/∂H_t (the total derivative: through O_t and through
// every later step) and D_t = ∂L/∂Z_t. Every gradient starts at zero and each
// line adds one contribution to it, for t = T…1, in this order:
//
//     (1) G_t     += ∂L/∂O_t W_hqᵀ      through O_t = H_t W_hq + b_q
//     (2) ∂W_hq   += H_tᵀ ∂L/∂O_t
//     (3) ∂b_q    += 1ᵀ ∂L/∂O_t
//     (4) D_t      = G_t ⊙ φ′(Z_t)      through H_t = φ(Z_t)
//     (5) ∂W_xh   += X_tᵀ D_t           through Z_t = X_t W_xh + H_(t−1) W_hh + b_h
//     (6) ∂W_hh   += H_(t−1)ᵀ D_t
//     (7) ∂b_h    += 1ᵀ D_t
//     (8) G_(t−1) += D_t W_hhᵀ
//
// (lines 1–3 only where the loss reads O_t). So the shared parameters add
// up their contributions from every step, ∂L/∂W_hh = Σ_t H_(t−1)ᵀ D_t and so
// on, and G_(t−1) = D_t W_hhᵀ + ∂L/∂O_(t−1) W_hqᵀ, summed in that order.
// G_0 = ∂L/∂H_0 is the gradient with respect to the initial state. Repeating
// G_(t−1) = (G_t ⊙ φ′(Z_t)) W_hhᵀ is what makes gradients vanish or explode:
// each step multiplies the norm by at most γ‖W_hh‖₂ (γ = sup|φ′|).
//
// Each numbered line is one call below: `addProduct` (C += A·B),
// `addTransposedProduct` (C += Aᵀ·B) and `addColumnSums` (C += 1ᵀA) from
// Tensor, which add each entry's terms to the running gradient one at a
// time in ascending order, and φ′ from ``Activation/derivative(output:input:)``.
// The functions are @inlinable so that callers in other modules get them
// specialised for Float or Double.

/// Gradients of a loss with respect to the parameters and the hidden states
/// of one forward pass. Lesson 05 (`gradients`).
public struct RNNGradients<Scalar: TensorScalar>: Sendable {
    /// ∂L/∂W_xh, ∂L/∂W_hh, ∂L/∂b_h, ∂L/∂W_hq, ∂L/∂b_q, each shaped like its
    /// parameter, summed over the time steps.
    public var params: RNNParameters<Scalar>
    /// ∂L/∂H_t for t = 0…T at index t, each (n, h): the total derivative,
    /// through O_t and through every later step. `dH[0]` is ∂L/∂H_0.
    public var dH: [Matrix<Scalar>]
    /// ‖∂L/∂H_t‖_F for t = 0…T, in Double with the scaling of
    /// ``Matrix/frobeniusNorm()`` (no underflow in the sum of squares).
    public var dHNorms: [Double]

    public init(params: RNNParameters<Scalar>, dH: [Matrix<Scalar>], dHNorms: [Double]) {
        self.params = params; self.dH = dH; self.dHNorms = dHNorms
    }

    /// ∂L/∂H_0, (n, h).
    public var dH0: Matrix<Scalar> { dH[0] }
}

/// Backpropagation through time: the gradients of L with respect to W_xh,
/// W_hh, b_h, W_hq, b_q and every H_t (t = 0…T), given ∂L/∂O_t.
///
/// - Parameters:
///   - xs: the inputs X_1 … X_T of the forward pass, each (n, d).
///   - forward: what ``rnnForward(xs:h0:params:activation:)`` returned for
///     them (its states and pre-activations are read, not recomputed).
///   - params: the parameters the forward pass used.
///   - activation: φ of the forward pass.
///   - outputGradient: ∂L/∂O_t, from a ``SequenceLoss`` or the caller's own loss.
///
/// Sums run in `Scalar`; for gradients that vanish below Float's range use
/// `Double` (the norms are always taken in Double, but an entry that
/// underflowed to 0 in Float is gone).
@inlinable
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func rnnBackward<Scalar>(
    xs: [Matrix<Scalar>], forward f: RNNForward<Scalar>, params p: RNNParameters<Scalar>,
    activation phi: Activation, outputGradient dO: OutputGradient<Scalar>
) -> RNNGradients<Scalar> {
    let steps = xs.count
    precondition(steps >= 1, "rnnBackward: needs at least one step")
    precondition(f.states.count == steps + 1 && f.preActivations.count == steps,
                 "rnnBackward: \(steps) inputs but a forward pass of \(f.states.count - 1) steps")
    let (n, d, h, q) = (f.states[0].rows, p.inputs, p.hiddens, p.outputs)
    if case .everyStep(let gs) = dO {
        precondition(gs.count == steps, "rnnBackward: \(gs.count) output gradients for \(steps) steps")
    }

    let wHHt = p.wHH.transposed                                         // (h, h)
    let wHQt = p.wHQ.transposed                                         // (q, h)
    var grads = p.map { Matrix<Scalar>.zeros($0.rows, $0.cols) }        // ∂W_xh (d, h), ∂W_hh (h, h), …
    var dH = (0...steps).map { _ in Matrix<Scalar>.zeros(n, h) }        // G_0 … G_T, each (n, h)
    if case .finalState(let dHT) = dO {                                 // a loss on H_T itself
        precondition(dHT.rows == n && dHT.cols == h, "rnnBackward: ∂L/∂H_T \(dHT.shape), need (\(n), \(h))")
        dH[steps] += dHT                                                // G_T += ∂L/∂H_T
    }

    for t in stride(from: steps, through: 1, by: -1) {
        let x = xs[t - 1]                                               // X_t, (n, d)
        precondition(x.rows == n && x.cols == d, "rnnBackward: X_\(t) \(x.shape), need (\(n), \(d))")
        let (z, hPrev, hNow) = (f.preActivations[t - 1], f.states[t - 1], f.states[t])  // Z_t, H_(t−1), H_t
        if let dOt = dO.at(step: t, of: steps) {                         // ∂L/∂O_t, (n, q)
            precondition(dOt.rows == n && dOt.cols == q, "rnnBackward: ∂L/∂O_\(t) \(dOt.shape), need (\(n), \(q))")
            dH[t].addProduct(dOt, wHQt)                                 // (1) G_t += ∂L/∂O_t W_hqᵀ
            grads.wHQ.addTransposedProduct(hNow, dOt)                   // (2) ∂W_hq += H_tᵀ ∂L/∂O_t
            grads.bQ.addColumnSums(dOt)                                 // (3) ∂b_q += 1ᵀ ∂L/∂O_t
        }
        let dZ = dH[t] .* phi.derivative(output: hNow, input: z)        // (4) D_t = G_t ⊙ φ′(Z_t), (n, h)
        grads.wXH.addTransposedProduct(x, dZ)                           // (5) ∂W_xh += X_tᵀ D_t
        grads.wHH.addTransposedProduct(hPrev, dZ)                       // (6) ∂W_hh += H_(t−1)ᵀ D_t
        grads.bH.addColumnSums(dZ)                                      // (7) ∂b_h += 1ᵀ D_t
        dH[t - 1].addProduct(dZ, wHHt)                                  // (8) G_(t−1) += D_t W_hhᵀ
    }
    return RNNGradients(params: grads, dH: dH, dHNorms: dH.map { $0.frobeniusNorm() })
}

/// The forward pass, the loss and backpropagation through time in one call:
/// what a training step or the lesson needs for a ``SequenceLoss``.
///
/// - Returns: L, the forward pass (states, pre-activations, outputs) and
///   the gradients.
@inlinable
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func rnnLossAndGradients<Scalar>(
    xs: [Matrix<Scalar>], h0: Matrix<Scalar>, params p: RNNParameters<Scalar>, activation phi: Activation,
    loss: SequenceLoss<Scalar>
) -> (loss: Scalar, forward: RNNForward<Scalar>, gradients: RNNGradients<Scalar>) {
    let f = rnnForward(xs: xs, h0: h0, params: p, activation: phi)
    let g = rnnBackward(xs: xs, forward: f, params: p, activation: phi, outputGradient: loss.outputGradient(outputs: f.outputs))
    return (loss.value(outputs: f.outputs), f, g)
}

/// ∂L/∂H_t for t = 0…T of a loss defined directly on the last state, given
/// G_T = ∂L/∂H_T: the recursion G_(t−1) = (G_t ⊙ φ′(Z_t)) W_hhᵀ alone.
public struct StateGradients<Scalar: TensorScalar>: Sendable {
    /// ∂L/∂H_t at index t = 0…T, each (n, h); `dH[T]` is the seed.
    public var dH: [Matrix<Scalar>]
    /// ‖∂L/∂H_t‖_F at index t, in Double (scaled, no underflow).
    public var norms: [Double]

    public init(dH: [Matrix<Scalar>], norms: [Double]) { self.dH = dH; self.norms = norms }
}

/// Propagates ∂L/∂H_T back to H_0 through the forward pass `f`: the
/// vanishing/exploding experiment of lesson 05 (`gradients`).
///
/// Each step multiplies by φ′(Z_t) entry-wise and by W_hhᵀ, so
/// ‖G_(t−1)‖ ≤ γ ‖W_hh‖₂ ‖G_t‖ and ‖G_t‖ ≤ (γ‖W_hh‖₂)^(T−t) ‖G_T‖; for
/// identity φ and W_hh = ρQ with Q orthogonal, ‖G_t‖ = ρ^(T−t) ‖G_T‖.
/// Only the pre-activations and states of `f` are read (W_xh, b_h and the
/// inputs entered through them).
@inlinable
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func rnnStateGradients<Scalar>(
    forward f: RNNForward<Scalar>, wHH: Matrix<Scalar>, activation phi: Activation, dHT: Matrix<Scalar>
) -> StateGradients<Scalar> {
    let steps = f.preActivations.count
    let (n, h) = (dHT.rows, dHT.cols)
    precondition(steps >= 1 && f.states.count == steps + 1, "rnnStateGradients: needs a forward pass of at least one step")
    precondition(dHT.shape == f.states[steps].shape, "rnnStateGradients: ∂L/∂H_T \(dHT.shape), need \(f.states[steps].shape)")
    precondition(wHH.rows == h && wHH.cols == h, "rnnStateGradients: W_hh \(wHH.shape), need (\(h), \(h))")
    let wHHt = wHH.transposed                                           // (h, h)
    var dH = (0..<steps).map { _ in Matrix<Scalar>.zeros(n, h) }        // G_0 … G_(T−1), each (n, h)
    dH.append(dHT)                                                      // G_T
    for t in stride(from: steps, through: 1, by: -1) {
        let (z, hNow) = (f.preActivations[t - 1], f.states[t])          // Z_t, H_t
        let dZ = dH[t] .* phi.derivative(output: hNow, input: z)        // (4) D_t = G_t ⊙ φ′(Z_t), (n, h)
        dH[t - 1].addProduct(dZ, wHHt)                                  // (8) G_(t−1) += D_t W_hhᵀ
    }
    return StateGradients(dH: dH, norms: dH.map { $0.frobeniusNorm() })
}
