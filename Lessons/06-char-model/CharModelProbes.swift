import Network
import Tensor

/// Measurements on a trained network: what detaching cuts, how far back
/// the hidden state remembers, and what the network writes when it runs on
/// its own.
enum CharModelProbes {
    /// The gradient of the second of two consecutive segments' loss, L₂,
    /// at the boundary state H_b and at the inputs of the first segment.
    struct CrossBoundary: Equatable {
        /// ‖∂L₂/∂H_b‖_F: what reaches the end of the first segment.
        var boundary: Double
        /// ‖∂L₂/∂X_j‖_F over the first segment's inputs j: what reaches the
        /// characters L₂'s targets copy (they all lie in that segment when τ < k).
        var earlierInputs: Double
    }

    // BEGIN-QUOTE boundary
    /// Two segments of τ steps from H = 0; L₂ is the loss of the second.
    /// Detached, the second segment's backward pass stops at its first
    /// state: nothing reaches the first segment. Not detached, ∂L₂/∂H_b
    /// carries on backwards through it.
    static func crossBoundary<Scalar>(_ p: RNNParameters<Scalar>, _ streams: CharModel.Streams, steps tau: Int,
                                      symbols v: Int, detach: Bool) -> CrossBoundary {
        let (xs1, _): ([Matrix<Scalar>], [[Int]]) = streams.segment(0..<tau, symbols: v)
        let (xs2, ys2): ([Matrix<Scalar>], [[Int]]) = streams.segment(tau..<(2 * tau), symbols: v)
        let first = rnnForward(xs: xs1, h0: .zeros(streams.inputs.count, p.hiddens), params: p, activation: .tanh)
        let second = rnnForward(xs: xs2, h0: first.finalState, params: p, activation: .tanh)
        let g2 = rnnBackward(xs: xs2, forward: second, params: p, activation: .tanh,
                             outputGradient: CharModel.loss(second.outputs, ys2).gradient)
        let arriving = detach ? Matrix<Scalar>.zeros(g2.dH0.rows, g2.dH0.cols) : g2.dH0   // reaches H_b
        let g1 = rnnStateGradients(forward: first, wHH: p.wHH, activation: .tanh, dHT: arriving)
        let dX = (1...tau).map { inputGradient(g1.dH[$0], state: first.states[$0], wXH: p.wXH) }  // ∂L₂/∂X_j
        return CrossBoundary(boundary: arriving.frobeniusNorm(),
                             earlierInputs: Matrix<Double>.norm(of: dX.map { $0.frobeniusNorm() }))
    }
    // END-QUOTE boundary

    /// Of the second segment's τ targets (per stream), how many copy a
    /// character among the first segment's inputs: the target at column j
    /// (0-based, segment 2 is columns τ ..< 2τ) is the input at column
    /// j + 1, which copies column j + 1 − k.
    static func copiesFromFirstSegment(steps tau: Int, lag k: Int) -> Int {
        (tau..<(2 * tau)).filter { (0..<tau).contains($0 + 1 - k) }.count
    }

    /// ∂L/∂X_t = (∂L/∂H_t ⊙ (1 − H_t²)) W_xhᵀ for a tanh step
    /// H_t = tanh(X_t W_xh + …): (n, h) · (h, d) → (n, d).
    static func inputGradient<Scalar>(_ dH: Matrix<Scalar>, state h: Matrix<Scalar>, wXH: Matrix<Scalar>) -> Matrix<Scalar> {
        let dZ = dH .* h.map { 1 - $0 * $0 }           // (n, h)
        return dZ.matmul(wXH.transposed)               // (n, d)
    }

    // BEGIN-QUOTE sensitivity
    /// ‖∂H_t/∂X_(t−j)‖_F for lags j = 0 … maxLag, averaged over `positions`
    /// end points t in the validation text: how strongly the state holds
    /// the character j steps back. One backward pass per end point, with
    /// the h units of H_t as h rows (the seed ∂H_t/∂H_t is the identity).
    static func sensitivity<Scalar>(_ p: RNNParameters<Scalar>, text: [Int], symbols v: Int,
                                    maxLag: Int, warmUp: Int, positions: Int) -> [Double] {
        let h = p.hiddens
        var total = [Double](repeating: 0, count: maxLag + 1)
        for k in 0..<positions {
            let window = Array(text[(k * (warmUp + 1))..<(k * (warmUp + 1) + warmUp + 1)])  // T = warmUp + 1 inputs
            let xs: [Matrix<Scalar>] = window.map { CharModel.oneHot(Array(repeating: $0, count: h), symbols: v) }
            let f = rnnForward(xs: xs, h0: .zeros(h, h), params: p, activation: .tanh)       // h identical rows
            let back = rnnStateGradients(forward: f, wHH: p.wHH, activation: .tanh, dHT: .identity(h))
            let t = xs.count
            for j in 0...maxLag {                                                           // ∂H_t/∂X_(t−j), (h, V)
                total[j] += inputGradient(back.dH[t - j], state: f.states[t - j], wXH: p.wXH).frobeniusNorm()
            }
        }
        return total.map { $0 / Double(positions) }
    }
    // END-QUOTE sensitivity

    /// `count` characters written by the network itself: the state warmed
    /// up on `prompt`, then each next character drawn from softmax(O_t)
    /// with one uniform draw (inverse of the cumulative distribution) and
    /// fed back in.
    static func sample(_ p: RNNParameters<Float>, prompt: [Int], count: Int, symbols v: Int,
                       using g: inout TorchGenerator) -> [Int] {
        var state = Matrix<Float>.zeros(1, p.hiddens)                        // (1, h)
        var output = Matrix<Float>.zeros(1, v)                               // (1, V)
        func step(_ c: Int) {
            state = rnnStep(x: CharModel.oneHot([c], symbols: v), hPrev: state, params: p, activation: .tanh).h
            output = state.matmul(p.wHQ).addingRow(p.bQ)
        }
        prompt.forEach(step)
        var written: [Int] = []
        for _ in 0..<count {
            let probabilities = output.softmaxRows().scalars                 // (V,)
            let u = g.uniformFloat()
            var c = 0, cumulative = probabilities[0]
            while c < v - 1 && u >= cumulative { c += 1; cumulative += probabilities[c] }
            written.append(c)
            step(c)
        }
        return written
    }

    /// The fraction of positions t ≥ k of `text` with x_t = x_(t−k): for the
    /// source itself this is a = p + (1 − p)/V; for independent uniform
    /// characters 1/V.
    static func copyRate(_ text: [Int], lag k: Int) -> Double {
        guard text.count > k else { return .nan }
        let copies = (k..<text.count).filter { text[$0] == text[$0 - k] }.count
        return Double(copies) / Double(text.count - k)
    }
}
