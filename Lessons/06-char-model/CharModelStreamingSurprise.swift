import Network
import Tensor

extension CharModel {
    /// ``meanSurprise(_:_:symbols:)`` computed one step at a time: the same
    /// number, bit for bit, without its cost.
    ///
    /// The readable definition runs one forward pass over the whole streams,
    /// keeps every state, and asks ``loss(_:_:)`` for the value and the
    /// gradient of all outputs. Here each step's X_t, H_t and O_t are
    /// dropped once O_t is scored, and only the value is formed: the step
    /// losses CE(O_t, Y_t) are added in order from 0 and the sum divided by
    /// T, exactly the operations of `loss`'s value (`reduce(0, +)`, then
    /// `/ steps`), on the same H_t (`rnnStep` is the step `rnnForward`
    /// takes, and O_t = H_t W_hq + b_q is its output). The lesson measures
    /// its perplexity curves with this; CharModelScheduleTests holds the two
    /// together with `==`.
    static func streamingMeanSurprise<Scalar>(_ p: RNNParameters<Scalar>, _ streams: Streams, symbols: Int) -> Double {
        var state = Matrix<Scalar>.zeros(streams.inputs.count, p.hiddens)                 // H_0 = 0, (n, h)
        var total: Scalar = 0
        for j in 0..<streams.length {
            let x = Matrix<Scalar>.oneHot(streams.inputs.map { $0[j] }, classes: symbols)  // X_t, (n, V)
            state = rnnStep(x: x, hPrev: state, params: p, activation: .tanh).h             // H_t
            let o = state.matmul(p.wHQ).addingRow(p.bQ)                                     // O_t, (n, V)
            total += OutputLoss.softmaxCrossEntropy(labels: streams.targets.map { $0[j] }).value(o)
        }
        return Double(total / Scalar(streams.length))
    }
}
