import RealModule

/// The activation φ of the hidden layer, with its derivative.
///
/// The derivative is written in terms of the *output* y = φ(z) where that is
/// the usual form (tanh′ = 1 − y², σ′ = y(1 − y)), which is what
/// backpropagation has at hand; `derivative(at:)` takes the input z.
/// Introduced in lesson 01 (`mlp`); the bounds γ = sup|φ′| (1 for tanh and
/// identity, 1/4 for sigmoid) drive lesson 05 (`gradients`).
public enum Activation: String, CaseIterable, Sendable, Codable {
    case identity
    case tanh
    case relu
    case sigmoid

    /// φ(z).
    @inlinable
    public func apply<T: TensorScalar>(_ z: T) -> T {
        switch self {
        case .identity: return z
        case .tanh: return T.tanh(z)
        case .relu: return z > 0 ? z : 0
        case .sigmoid:
            // Written so that neither branch overflows: for z < 0,
            // σ(z) = e^z / (1 + e^z) with e^z ≤ 1.
            if z >= 0 { return 1 / (1 + T.exp(-z)) }
            let e = T.exp(z)
            return e / (1 + e)
        }
    }

    /// φ′(z), from the input z.
    @inlinable
    public func derivative<T: TensorScalar>(at z: T) -> T {
        derivative(output: apply(z), input: z)
    }

    /// φ′ given both the output y = φ(z) and the input z (ReLU needs z: its
    /// derivative at exactly 0 is taken as 0, as PyTorch does).
    @inlinable
    public func derivative<T: TensorScalar>(output y: T, input z: T) -> T {
        switch self {
        case .identity: return 1
        case .tanh: return 1 - y * y
        case .relu: return z > 0 ? 1 : 0
        case .sigmoid: return y * (1 - y)
        }
    }

    /// γ = sup_z |φ′(z)|: 1 for identity, tanh and ReLU, 1/4 for sigmoid.
    public var derivativeBound: Double {
        self == .sigmoid ? 0.25 : 1
    }

    /// The symbol used in reports.
    public var displayName: String {
        switch self {
        case .identity: return "identity"
        case .tanh: return "tanh"
        case .relu: return "ReLU"
        case .sigmoid: return "sigmoid"
        }
    }
}

extension Activation {
    /// φ′ element-wise over a matrix, from the output H = φ(Z) and the input
    /// Z (both the same shape): the one definition of φ′, applied entry by
    /// entry. Backpropagation multiplies by it: ∂L/∂Z = ∂L/∂H ⊙ φ′(Z).
    /// (The case is chosen once, outside the loop; each loop calls the
    /// scalar definition for a fixed case, which the compiler folds.)
    @inlinable
    public func derivative<T: TensorScalar>(output y: Matrix<T>, input z: Matrix<T>) -> Matrix<T> {
        let op = "φ′ from output and input"
        switch self {
        case .identity: return y.zip(z, op) { Activation.identity.derivative(output: $0, input: $1) }
        case .tanh: return y.zip(z, op) { Activation.tanh.derivative(output: $0, input: $1) }
        case .relu: return y.zip(z, op) { Activation.relu.derivative(output: $0, input: $1) }
        case .sigmoid: return y.zip(z, op) { Activation.sigmoid.derivative(output: $0, input: $1) }
        }
    }
}

extension Matrix {
    /// φ applied element-wise.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func applying(_ phi: Activation) -> Matrix {
        switch phi {   // chosen once, outside the loop (see Activation.derivative(output:input:))
        case .identity: return map { Activation.identity.apply($0) }
        case .tanh: return map { Activation.tanh.apply($0) }
        case .relu: return map { Activation.relu.apply($0) }
        case .sigmoid: return map { Activation.sigmoid.apply($0) }
        }
    }
}
