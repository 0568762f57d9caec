import Network
import Tensor

/// The book's character model and how it is trained: one-hot inputs,
/// a tanh RNN with an output at every step, softmax cross-entropy averaged
/// over the steps, minibatch SGD with gradient clipping, and truncated
/// backpropagation through time over segments of τ steps with the state
/// carried from segment to segment and detached at each boundary.
///
/// Generic over the scalar so the tests can check the gradient in Double;
/// the lesson trains in Float, as PyTorch does by default.
enum CharModel {
    /// The hyperparameters of one training run.
    struct Setup: Equatable {
        var symbols: Int        // V = d = q
        var hiddens: Int        // h
        var batch: Int          // n streams read side by side
        var steps: Int          // τ, the length of a segment
        var learningRate: Double // η
        var theta: Double       // θ, the clipping threshold
    }

    /// X_t as one-hot rows: (n, V), a 1 in column c_i of row i.
    static func oneHot<Scalar: TensorScalar>(_ characters: [Int], symbols: Int) -> Matrix<Scalar> {
        var x = Matrix<Scalar>.zeros(characters.count, symbols)   // (n, V)
        for (i, c) in characters.enumerated() { x[i, c] = 1 }
        return x
    }

    /// A text cut into n streams read side by side, as the book's
    /// sequential partitioning does (offset 0): stream i is the i-th of n
    /// equal consecutive pieces; `inputs[i][j]` is followed by `targets[i][j]`.
    struct Streams {
        var inputs: [[Int]]    // n of length L
        var targets: [[Int]]   // n of length L
        /// Where stream i starts in the text.
        var starts: [Int]
        var length: Int { inputs.first?.count ?? 0 }

        init(_ text: [Int], batch n: Int) {
            let length = (text.count - 1) / n                  // L = ⌊(N − 1) / n⌋
            starts = (0..<n).map { $0 * length }
            inputs = starts.map { Array(text[$0..<($0 + length)]) }
            targets = starts.map { Array(text[($0 + 1)..<($0 + 1 + length)]) }
        }

        /// Columns `range` of every stream as T one-hot matrices (n, V) and
        /// T label lists.
        func segment<Scalar: TensorScalar>(_ range: Range<Int>, symbols: Int) -> (xs: [Matrix<Scalar>], ys: [[Int]]) {
            (range.map { j in oneHot(inputs.map { $0[j] }, symbols: symbols) },
             range.map { j in targets.map { $0[j] } })
        }
    }

    // BEGIN-QUOTE loss
    /// L = (1/T) Σ_t CE(O_t, Y_t), each CE the batch mean of
    /// −ln softmax(O_t)[y]: the mean over all n·T predictions. Its gradient
    /// ∂L/∂O_t = (softmax(O_t) − onehot(Y_t)) / (n·T), step by step.
    static func loss<Scalar>(_ outputs: [Matrix<Scalar>], _ ys: [[Int]]) -> (value: Scalar, gradient: OutputGradient<Scalar>) {
        let steps = Scalar(outputs.count)
        let perStep = zip(outputs, ys).map { OutputLoss<Scalar>.softmaxCrossEntropy(labels: $1) }
        let value = zip(perStep, outputs).map { $0.value($1) }.reduce(0, +) / steps
        let gradient = zip(perStep, outputs).map { $0.gradient($1) * (1 / steps) }   // T of (n, V)
        return (value, .everyStep(gradient))
    }
    // END-QUOTE loss

    /// What one update did: the loss before it, the gradient norm before
    /// clipping, and the norm of ∂L/∂H at the start of the segment — the
    /// gradient that detaching throws away.
    struct Update {
        var loss: Double
        var gradientNorm: Double
        var boundaryGradientNorm: Double
    }

    // BEGIN-QUOTE epoch
    /// One epoch: segments of τ columns, left to right. The state is carried
    /// from one segment to the next, but the gradient stops at the boundary.
    static func trainEpoch<Scalar>(_ p: inout RNNParameters<Scalar>, _ streams: Streams, _ s: Setup) -> [Update] {
        var state = Matrix<Scalar>.zeros(s.batch, s.hiddens)                   // H_0 = 0, (n, h)
        var updates: [Update] = []
        for start in stride(from: 0, through: streams.length - s.steps, by: s.steps) {
            let (xs, ys): ([Matrix<Scalar>], [[Int]]) = streams.segment(start..<(start + s.steps), symbols: s.symbols)
            // H.detach(): the segment starts from the carried values, and
            // backpropagation ends there — its ∂L/∂H_0 is not sent on.
            let forward = rnnForward(xs: xs, h0: state, params: p, activation: .tanh)
            let (loss, dO) = loss(forward.outputs, ys)
            let backward = rnnBackward(xs: xs, forward: forward, params: p, activation: .tanh, outputGradient: dO)
            var g = backward.params
            let clip = clipByGlobalNorm(&g, maxNorm: s.theta)                  // g ← min(1, θ/‖g‖)·g
            p = p.movedAgainst(g, by: Scalar(s.learningRate))                  // p ← p − η·g
            state = forward.finalState                                         // carried to the next segment
            updates.append(Update(loss: Double(loss), gradientNorm: clip.normBefore,
                                  boundaryGradientNorm: backward.dH0.frobeniusNorm()))
        }
        return updates
    }
    // END-QUOTE epoch

    /// The mean of −ln P(next character) over every prediction in `streams`,
    /// with no gradient: the state runs through each stream from 0 (so the
    /// segment length does not matter here). Perplexity is exp of it.
    static func meanSurprise<Scalar>(_ p: RNNParameters<Scalar>, _ streams: Streams, symbols: Int) -> Double {
        let (xs, ys): ([Matrix<Scalar>], [[Int]]) = streams.segment(0..<streams.length, symbols: symbols)
        let h0 = Matrix<Scalar>.zeros(streams.inputs.count, p.hiddens)          // (n, h)
        let forward = rnnForward(xs: xs, h0: h0, params: p, activation: .tanh)
        return Double(loss(forward.outputs, ys).value)
    }

    /// The book's initialisation: every weight N(0, σ²), biases 0, drawn as
    /// `torch.randn(V, h) * σ`, `torch.randn(h, h) * σ`, `torch.randn(h, V) * σ`.
    static func initialParameters<Scalar: TensorScalar>(symbols v: Int, hiddens h: Int, scale: Double,
                                                        using g: inout TorchGenerator) -> RNNParameters<Scalar> {
        let sigma = Float(scale)
        let wXH = Matrix<Float>.randn(v, h, using: &g) * sigma    // (V, h)
        let wHH = Matrix<Float>.randn(h, h, using: &g) * sigma    // (h, h)
        let wHQ = Matrix<Float>.randn(h, v, using: &g) * sigma    // (h, V)
        return RNNParameters(wXH: wXH.converted(), wHH: wHH.converted(), bH: .zeros(1, h),
                             wHQ: wHQ.converted(), bQ: .zeros(1, v))
    }
}

extension RNNParameters {
    /// p − η·g, parameter by parameter.
    func movedAgainst(_ g: RNNParameters, by eta: Scalar) -> RNNParameters {
        RNNParameters(wXH: wXH - eta * g.wXH, wHH: wHH - eta * g.wHH, bH: bH - eta * g.bH,
                      wHQ: wHQ - eta * g.wHQ, bQ: bQ - eta * g.bQ)
    }
}
