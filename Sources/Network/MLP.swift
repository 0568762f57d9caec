import Tensor

/// The book's MLP with one hidden layer and no state:
/// H = φ(X W_xh + b_h), O = H W_hq + b_q. Lesson 01 (`mlp`).
public struct MLPForward<Scalar: TensorScalar>: Sendable {
    public var hidden: Matrix<Scalar>   // H, (n, h)
    public var output: Matrix<Scalar>   // O, (n, q)

    @inlinable
    public init(hidden: Matrix<Scalar>, output: Matrix<Scalar>) {
        self.hidden = hidden
        self.output = output
    }
}

@inlinable
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func mlpForward<Scalar>(
    x: Matrix<Scalar>, wXH: Matrix<Scalar>, bH: Matrix<Scalar>, wHQ: Matrix<Scalar>, bQ: Matrix<Scalar>,
    activation phi: Activation
) -> MLPForward<Scalar> {
    let h = x.matmul(wXH).addingRow(bH).applying(phi)   // (n, h)
    let o = h.matmul(wHQ).addingRow(bQ)                 // (n, q)
    return MLPForward(hidden: h, output: o)
}
