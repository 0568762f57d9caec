import Tensor

// Backpropagation through time (BPTT) for the book's RNN, lesson 05
// (`gradients`). Forward, from RNN.swift, for t = 1…T:
//
//     Z_t = X_t W_xh + H_(t−1) W_hh + b_h,   H_t = φ(Z_t),   O_t = H_t W_hq + b_q.
//
// Backward, with G_t = ∂L/∂H_t (the total derivative: through O_t and through
// every later step) and D_t = ∂L/∂Z_t, for t = T…1:
//
//     G_T     = ∂L/∂O_T W_hqᵀ
//     D_t     = G_t ⊙ φ′(Z_t)
//     G_(t−1) = D_t W_hhᵀ + ∂L/∂O_(t−1) W_hqᵀ      (the second term only for t − 1 ≥ 1)
//
// and the shared parameters add up their contributions from every step:
//
//     ∂L/∂W_xh = Σ_t X_tᵀ D_t       ∂L/∂W_hh = Σ_t H_(t−1)ᵀ D_t     ∂L/∂b_h = Σ_t 1ᵀ D_t
//     ∂L/∂W_hq = Σ_t H_tᵀ ∂L/∂O_t   ∂L/∂b_q  = Σ_t 1ᵀ ∂L/∂O_t
//
// G_0 = ∂L/∂H_0 is the gradient with respect to the initial state. Repeating
// G_(t−1) = (G_t ⊙ φ′(Z_t)) W_hhᵀ is what makes gradients vanish or explode:
// each step multiplies the norm by at most γ‖W_hh‖₂ (γ = sup|φ′|).
//
// The loop allocates nothing per step: W_hhᵀ and W_hqᵀ are formed once, the
// outputs G_0 … G_T and the parameter gradients once, and D_t lives in one
// reused buffer; every product goes through the in-place kernels of
// Tensor/Matrix+Kernels.swift. The functions are @inlinable so that callers
// in other modules get them specialised for Float or Double.

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
    var dWxh = [Scalar](repeating: 0, count: d * h)                     // (d, h)
    var dWhh = [Scalar](repeating: 0, count: h * h)                     // (h, h)
    var dBh = [Scalar](repeating: 0, count: h)                          // (1, h)
    var dWhq = [Scalar](repeating: 0, count: h * q)                     // (h, q)
    var dBq = [Scalar](repeating: 0, count: q)                          // (1, q)
    var dH = (0...steps).map { _ in Matrix<Scalar>.zeros(n, h) }        // T + 1 of (n, h)
    var dZ = [Scalar](repeating: 0, count: n * h)                       // D_t, (n, h), reused

    for t in stride(from: steps, through: 1, by: -1) {
        let x = xs[t - 1]
        precondition(x.rows == n && x.cols == d, "rnnBackward: X_\(t) \(x.shape), need (\(n), \(d))")
        if let g = dO.at(step: t, of: steps) {
            precondition(g.rows == n && g.cols == q, "rnnBackward: ∂L/∂O_\(t) \(g.shape), need (\(n), \(q))")
            bpttAddProduct(&dH[t].scalars, g.scalars, wHQt.scalars, n, q, h)             // G_t += ∂L/∂O_t W_hqᵀ
            bpttAddTransposedProduct(&dWhq, f.states[t].scalars, g.scalars, n, h, q)   // ∂W_hq += H_tᵀ ∂L/∂O_t
            bpttAddColumnSums(&dBq, g.scalars, n, q)                                    // ∂b_q += 1ᵀ ∂L/∂O_t
        }
        bpttMultiplyByDerivative(phi, &dZ, dH[t].scalars, f.preActivations[t - 1].scalars, f.states[t].scalars)  // D_t
        bpttAddTransposedProduct(&dWxh, x.scalars, dZ, n, d, h)                        // ∂W_xh += X_tᵀ D_t
        bpttAddTransposedProduct(&dWhh, f.states[t - 1].scalars, dZ, n, h, h)          // ∂W_hh += H_(t−1)ᵀ D_t
        bpttAddColumnSums(&dBh, dZ, n, h)                                               // ∂b_h += 1ᵀ D_t
        bpttAddProduct(&dH[t - 1].scalars, dZ, wHHt.scalars, n, h, h)                  // G_(t−1) = D_t W_hhᵀ
    }

    let grads = RNNParameters(
        wXH: Matrix(rows: d, cols: h, scalars: dWxh), wHH: Matrix(rows: h, cols: h, scalars: dWhh),
        bH: Matrix(rows: 1, cols: h, scalars: dBh), wHQ: Matrix(rows: h, cols: q, scalars: dWhq),
        bQ: Matrix(rows: 1, cols: q, scalars: dBq))
    return RNNGradients(params: grads, dH: dH, dHNorms: dH.map { $0.frobeniusNorm() })
}

/// The forward pass, the loss and backpropagation through time in one call:
/// what a training step or the lesson needs for a ``SequenceLoss``.
///
/// - Returns: L, the forward pass (states, pre-activations, outputs) and
///   the gradients.
@inlinable
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
public func rnnStateGradients<Scalar>(
    forward f: RNNForward<Scalar>, wHH: Matrix<Scalar>, activation phi: Activation, dHT: Matrix<Scalar>
) -> StateGradients<Scalar> {
    let steps = f.preActivations.count
    let (n, h) = (dHT.rows, dHT.cols)
    precondition(steps >= 1 && f.states.count == steps + 1, "rnnStateGradients: needs a forward pass of at least one step")
    precondition(dHT.shape == f.states[steps].shape, "rnnStateGradients: ∂L/∂H_T \(dHT.shape), need \(f.states[steps].shape)")
    precondition(wHH.rows == h && wHH.cols == h, "rnnStateGradients: W_hh \(wHH.shape), need (\(h), \(h))")
    let wHHt = wHH.transposed                                           // (h, h)
    var dH = (0..<steps).map { _ in Matrix<Scalar>.zeros(n, h) }        // T of (n, h), then G_T
    dH.append(dHT)
    var dZ = [Scalar](repeating: 0, count: n * h)                       // D_t, (n, h), reused
    for t in stride(from: steps, through: 1, by: -1) {
        bpttMultiplyByDerivative(phi, &dZ, dH[t].scalars, f.preActivations[t - 1].scalars, f.states[t].scalars)  // D_t
        bpttAddProduct(&dH[t - 1].scalars, dZ, wHHt.scalars, n, h, h)  // G_(t−1) = D_t W_hhᵀ
    }
    return StateGradients(dH: dH, norms: dH.map { $0.frobeniusNorm() })
}

// MARK: - Step helpers (array front ends of the Tensor kernels)

/// c += a·b, a (m, k), b (k, n), c (m, n), row-major.
@inlinable @inline(__always)
func bpttAddProduct<S: TensorScalar>(_ c: inout [S], _ a: [S], _ b: [S], _ m: Int, _ k: Int, _ n: Int) {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                Matrix<S>.addProduct(m, k, n, a.baseAddress!, b.baseAddress!, c.baseAddress!)
            }
        }
    }
}

/// c += aᵀ·b, a (m, k), b (m, n), c (k, n), row-major.
@inlinable @inline(__always)
func bpttAddTransposedProduct<S: TensorScalar>(_ c: inout [S], _ a: [S], _ b: [S], _ m: Int, _ k: Int, _ n: Int) {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                Matrix<S>.addTransposedProduct(m, k, n, a.baseAddress!, b.baseAddress!, c.baseAddress!)
            }
        }
    }
}

/// c += the column sums of a (m, n): the gradient of a broadcast bias row.
@inlinable @inline(__always)
func bpttAddColumnSums<S: TensorScalar>(_ c: inout [S], _ a: [S], _ m: Int, _ n: Int) {
    a.withUnsafeBufferPointer { a in
        c.withUnsafeMutableBufferPointer { c in
            for i in 0..<m {
                for j in 0..<n { c[j] += a[i * n + j] }
            }
        }
    }
}

/// out = g ⊙ φ′(z), with φ′ from the output y = φ(z) where that is the
/// usual form (see ``Activation/derivative(output:input:)``). The switch
/// on φ sits outside the loop so each loop is branch-free.
@inlinable @inline(__always)
func bpttMultiplyByDerivative<S: TensorScalar>(_ phi: Activation, _ out: inout [S], _ g: [S], _ z: [S], _ y: [S]) {
    g.withUnsafeBufferPointer { g in
        z.withUnsafeBufferPointer { z in
            y.withUnsafeBufferPointer { y in
                out.withUnsafeMutableBufferPointer { out in
                    switch phi {
                    case .identity: for k in out.indices { out[k] = g[k] }
                    case .tanh: for k in out.indices { out[k] = g[k] * (1 - y[k] * y[k]) }
                    case .sigmoid: for k in out.indices { out[k] = g[k] * (y[k] * (1 - y[k])) }
                    case .relu: for k in out.indices { out[k] = z[k] > 0 ? g[k] : 0 }
                    }
                }
            }
        }
    }
}
