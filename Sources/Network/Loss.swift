import Tensor

/// ∂L/∂O_t for the outputs O_1 … O_T of one sequence: what backpropagation
/// through time needs from a loss, whatever the loss is.
///
/// A caller with a loss of its own computes these matrices itself; the
/// losses below (``SequenceLoss``) produce them. Lesson 05 (`gradients`).
public enum OutputGradient<Scalar: TensorScalar>: Sendable {
    /// The loss reads only the last output: ∂L/∂O_T, (n, q); ∂L/∂O_t = 0
    /// for t < T.
    case lastStep(Matrix<Scalar>)
    /// The loss reads every output: ∂L/∂O_t for t = 1…T at index t − 1,
    /// each (n, q).
    case everyStep([Matrix<Scalar>])
    /// The loss reads no output but the last state H_T itself (L = sum(H_T),
    /// say): ∂L/∂H_T, (n, h), seeds G_T; ∂L/∂O_t = 0 for every t.
    case finalState(Matrix<Scalar>)

    /// ∂L/∂O_t for step t (1-based) of `steps`, or nil where it is zero.
    @inlinable
    public func at(step t: Int, of steps: Int) -> Matrix<Scalar>? {
        switch self {
        case .lastStep(let g): return t == steps ? g : nil
        case .everyStep(let gs): return gs[t - 1]
        case .finalState: return nil
        }
    }
}

/// A loss on the output O (n, q) of one step.
public enum OutputLoss<Scalar: TensorScalar>: Sendable {
    /// ½‖O − Y‖², summed over every element (not averaged), Y (n, q):
    /// ∂L/∂O = O − Y.
    case squaredError(target: Matrix<Scalar>)
    /// Softmax cross-entropy with one integer class label per row, averaged
    /// over the batch: L = (1/n) Σ_i [log Σ_j exp(o_ij) − o_(i,y_i)],
    /// ∂L/∂O = (softmax(O) − onehot(y)) / n — PyTorch's `cross_entropy`
    /// with its default mean reduction.
    ///
    /// Numerical caveat: the log-sum-exp subtracts the row maximum first
    /// (as ``Matrix/softmaxRows()`` does), so logits of ±1000 stay finite.
    case softmaxCrossEntropy(labels: [Int])

    /// L(O), accumulated in `Scalar`.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func value(_ o: Matrix<Scalar>) -> Scalar {
        switch self {
        case .squaredError(let y):
            ShapeError.check(ShapeError.elementwise("squared error", o.shape, y.shape))
            var s: Scalar = 0
            for k in o.scalars.indices {
                let e = o.scalars[k] - y.scalars[k]
                s += e * e
            }
            return s / 2
        case .softmaxCrossEntropy(let labels):
            checkLabels(labels, o)
            let lse = o.logSumExpRows()                             // ln Σ_j exp(o_ij), per row
            var s: Scalar = 0
            for i in 0..<o.rows { s += lse[i] - o[i, labels[i]] }
            return s / Scalar(o.rows)
        }
    }

    /// ∂L/∂O, the shape of O.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gradient(_ o: Matrix<Scalar>) -> Matrix<Scalar> {
        switch self {
        case .squaredError(let y):
            return o - y                                        // (n, q)
        case .softmaxCrossEntropy(let labels):
            checkLabels(labels, o)
            var g = o.softmaxRows()                             // (n, q)
            let inverseBatch = 1 / Scalar(o.rows)
            for i in 0..<o.rows {
                g[i, labels[i]] -= 1
                for j in 0..<o.cols { g[i, j] *= inverseBatch }
            }
            return g
        }
    }

    @usableFromInline
    func checkLabels(_ labels: [Int], _ o: Matrix<Scalar>) {
        precondition(labels.count == o.rows, "cross-entropy: \(labels.count) labels for outputs \(o.shape); need one per row")
        for (i, y) in labels.enumerated() where !(0..<o.cols).contains(y) {
            preconditionFailure("cross-entropy: label \(y) of row \(i) outside the classes 0..<\(o.cols)")
        }
    }
}

/// Where a loss sits in the sequence: on the last output only, or on every
/// output with the step losses summed, L = Σ_t L_t(O_t).
public enum SequenceLoss<Scalar: TensorScalar>: Sendable {
    case lastStep(OutputLoss<Scalar>)
    /// One loss per step, T of them, for O_1 … O_T in order.
    case everyStep([OutputLoss<Scalar>])

    /// L for the outputs O_1 … O_T of a forward pass.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func value(outputs: [Matrix<Scalar>]) -> Scalar {
        switch self {
        case .lastStep(let loss):
            return loss.value(outputs[outputs.count - 1])
        case .everyStep(let losses):
            checkSteps(losses, outputs)
            var s: Scalar = 0
            for (loss, o) in zip(losses, outputs) { s += loss.value(o) }
            return s
        }
    }

    /// ∂L/∂O_t for every step, ready for ``rnnBackward(xs:forward:params:activation:outputGradient:)``.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func outputGradient(outputs: [Matrix<Scalar>]) -> OutputGradient<Scalar> {
        switch self {
        case .lastStep(let loss):
            return .lastStep(loss.gradient(outputs[outputs.count - 1]))
        case .everyStep(let losses):
            checkSteps(losses, outputs)
            return .everyStep(zip(losses, outputs).map { $0.gradient($1) })
        }
    }

    @usableFromInline
    func checkSteps(_ losses: [OutputLoss<Scalar>], _ outputs: [Matrix<Scalar>]) {
        precondition(losses.count == outputs.count, "every-step loss: \(losses.count) step losses for \(outputs.count) outputs")
    }
}
