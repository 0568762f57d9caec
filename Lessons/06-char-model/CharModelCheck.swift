import Network
import Tensor

/// The gradient of one training segment, checked against finite
/// differences: every entry of W_xh, W_hh, b_h, W_hq, b_q and of the
/// carried state H_0 is nudged both ways, the step-averaged loss is
/// recomputed, and the slope is compared with what `rnnBackward` returns
/// for `CharModel.loss`. In Double, on a case small enough to nudge every
/// entry (V = 3, h = 4, n = 2, τ = 5).
enum CharModelCheck {
    struct Report {
        /// max over all entries of |g − f| / max(|g| + |f|, floor).
        var maxRelativeError: Double
        var entries: Int
        var floor: Double
    }

    static func run(seed: UInt64) -> Report {
        let (v, h, n, tau) = (3, 4, 2, 5)
        var g = TorchGenerator(seed: seed)
        let text = CopySource(symbols: v, lag: 2, copyProbability: 0.7).generate(count: n * tau + n, using: &g)
        let streams = CharModel.Streams(text, batch: n)
        let (xs, ys): ([Matrix<Double>], [[Int]]) = streams.segment(0..<tau, symbols: v)
        // Weights of scale 0.5 so that tanh is far from linear and every term matters.
        let p: RNNParameters<Double> = CharModel.initialParameters(symbols: v, hiddens: h, scale: 0.5, using: &g)
        let params = RNNParameters(wXH: p.wXH, wHH: p.wHH, bH: Matrix.randn(1, h, using: &g),
                                   wHQ: p.wHQ, bQ: Matrix.randn(1, v, using: &g))
        let h0 = Matrix<Double>.randn(n, h, using: &g)                               // a carried state, (n, h)

        func lossAt(_ q: RNNParameters<Double>, _ start: Matrix<Double>) -> Double {
            CharModel.loss(rnnForward(xs: xs, h0: start, params: q, activation: .tanh).outputs, ys).value
        }
        let forward = rnnForward(xs: xs, h0: h0, params: params, activation: .tanh)
        let (loss, dO) = CharModel.loss(forward.outputs, ys)
        let grads = rnnBackward(xs: xs, forward: forward, params: params, activation: .tanh, outputGradient: dO)
        let stencil = FiniteDifferenceStencil.fourthOrder
        let floor = stencil.relativeFloor * max(1, abs(loss))

        var worst = 0.0, entries = 0
        func compare(_ analytic: Double, _ value: Double, _ f: (Double) -> Double) {
            let numeric = stencil.derivative(at: value, f)
            worst = max(worst, abs(analytic - numeric) / max(abs(analytic) + abs(numeric), floor))
            entries += 1
        }
        let paths: [WritableKeyPath<RNNParameters<Double>, Matrix<Double>>] = [\.wXH, \.wHH, \.bH, \.wHQ, \.bQ]
        for path in paths {
            for k in params[keyPath: path].scalars.indices {
                compare(grads.params[keyPath: path].scalars[k], params[keyPath: path].scalars[k]) { x in
                    var q = params
                    q[keyPath: path].scalars[k] = x
                    return lossAt(q, h0)
                }
            }
        }
        for k in h0.scalars.indices {
            compare(grads.dH0.scalars[k], h0.scalars[k]) { x in
                var start = h0
                start.scalars[k] = x
                return lossAt(params, start)
            }
        }
        return Report(maxRelativeError: worst, entries: entries, floor: floor)
    }
}
