import Tensor

/// The forward pass of the book's RNN over T steps.
///
/// Lesson 02 (`hidden-state`) introduces it; lesson 05 (`gradients`)
/// differentiates it.
public struct RNNForward<Scalar: TensorScalar>: Sendable {
    /// H_0, H_1, …, H_T: `states[t]` is H_t, each (n, h); states[0] is the
    /// initial state.
    public var states: [Matrix<Scalar>]
    /// The pre-activations Z_t = X_t W_xh + H_{t−1} W_hh + b_h for
    /// t = 1…T, stored at `preActivations[t − 1]`.
    public var preActivations: [Matrix<Scalar>]
    /// O_1 … O_T, stored at `outputs[t − 1]`, each (n, q).
    public var outputs: [Matrix<Scalar>]

    public var finalState: Matrix<Scalar> { states[states.count - 1] }

    @inlinable
    public init(states: [Matrix<Scalar>], preActivations: [Matrix<Scalar>], outputs: [Matrix<Scalar>]) {
        self.states = states
        self.preActivations = preActivations
        self.outputs = outputs
    }
}

/// One step: H_t = φ(X_t W_xh + H_{t−1} W_hh + b_h). Returns (Z_t, H_t).
@inlinable
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func rnnStep<Scalar>(
    x: Matrix<Scalar>, hPrev: Matrix<Scalar>, params p: RNNParameters<Scalar>, activation phi: Activation
) -> (z: Matrix<Scalar>, h: Matrix<Scalar>) {
    let z = (x.matmul(p.wXH) + hPrev.matmul(p.wHH)).addingRow(p.bH)  // (n, h)
    return (z, z.applying(phi))                                        // (n, h)
}

/// Runs the RNN over the inputs `xs` (T matrices, each (n, d)) from `h0`
/// (n, h), computing O_t = H_t W_hq + b_q at every step.
@inlinable
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func rnnForward<Scalar>(
    xs: [Matrix<Scalar>], h0: Matrix<Scalar>, params p: RNNParameters<Scalar>, activation phi: Activation
) -> RNNForward<Scalar> {
    var states = [h0]
    var zs: [Matrix<Scalar>] = []
    var outputs: [Matrix<Scalar>] = []
    states.reserveCapacity(xs.count + 1)
    for x in xs {
        let (z, h) = rnnStep(x: x, hPrev: states[states.count - 1], params: p, activation: phi)
        zs.append(z)
        states.append(h)
        outputs.append(h.matmul(p.wHQ).addingRow(p.bQ))  // (n, q)
    }
    return RNNForward(states: states, preActivations: zs, outputs: outputs)
}
