import Network
import Tensor

/// The remedy for exploding gradients: clip by the global norm.
///
/// A small task that needs memory over several steps — read T random
/// vectors, then output the first one — for a tanh RNN started in the
/// exploding regime (W_hh = 3·Q: the sweep's tanh ρ = 3 grows the gradient
/// by about 1.3 per step), trained by plain SGD once without and once with
/// clipping, from the same initial weights and on the same batches.
struct ClippingExperiment {
    struct Config: Equatable {
        var steps = 15          // T of the recall task
        var hiddens = 32
        var inputs = 4          // d = q: the output is the first input
        var batch = 16
        var updates = 1000
        var rho = 3.0           // W_hh = ρ·Q at the start
        var learningRate = 0.3
        var theta = 1.0         // the clipping threshold θ
        var activation = Activation.tanh
    }

    /// One training run: per update, the loss, the gradient norm before
    /// and after clipping (equal when not clipped) and the gradient that
    /// reaches the first step; ‖W_hh‖₂ after the last update.
    struct Trace {
        var losses: [Double] = []
        var normsBefore: [Double] = []
        var normsAfter: [Double] = []
        /// ‖∂L/∂H_1‖ of the mean loss: what is left of the error signal
        /// when it reaches the step that holds the input to recall.
        var stepOne: [Double] = []
        /// ‖∂L/∂H_1‖ / ‖∂L/∂H_T‖ at the first update: how much the
        /// recurrence amplifies (> 1) or damps (< 1) the signal over T − 1 steps.
        var firstGrowth = Double.nan
        /// ‖W_hh‖₂ after training.
        var finalSpectralNorm = Double.nan
        /// The first update whose gradient was not finite (training stops
        /// there: a NaN step would destroy every weight), or nil.
        var divergedAt: Int?
    }

    struct Result {
        var plain: Trace
        var clipped: Trace
    }

    /// The last updates, over which the end of training is measured.
    static let lateWindow = 50

    /// The batch for one update: X_1 … X_T, each (n, d), and the target X_1.
    static func batch<G: NormalGenerator>(_ c: Config, using g: inout G) -> [Matrix<Double>] {
        Matrix<Double>.randn(c.steps * c.batch, c.inputs, using: &g)
            .split(Array(repeating: c.batch, count: c.steps), dim: 0)       // T of (n, d)
    }

    static func run(_ c: Config, seed: UInt64) -> Result {
        var g = TorchGenerator(seed: seed)
        let h = c.hiddens, d = c.inputs
        let start = RNNParameters<Double>(
            wXH: (1 / Double(d).squareRoot()) * Matrix<Double>.randn(d, h, using: &g),   // (d, h)
            wHH: orthogonalWHH(hiddens: h, scale: c.rho, using: &g),                    // (h, h)
            bH: .zeros(1, h),                                                           // (1, h)
            wHQ: (1 / Double(h).squareRoot()) * Matrix<Double>.randn(h, d, using: &g),   // (h, d)
            bQ: .zeros(1, d))                                                           // (1, d)
        let batches = (0..<c.updates).map { _ in batch(c, using: &g) }
        // The two runs are independent: one per core, each on the twin of
        // `train` (GradientsFast.swift), which gives the same traces.
        let traces = parallelMap(2, state: { workspace(c) }) { i, w in
            train(c, start, batches, clip: i == 0 ? nil : c.theta, on: w)
        }
        return Result(plain: traces[0], clipped: traces[1])
    }

    // BEGIN-QUOTE clipping
    /// Plain SGD on the recall task; with `clip`, every gradient is clipped
    /// by its global norm first: g ← min(1, θ/‖g‖)·g.
    static func train(_ c: Config, _ start: RNNParameters<Double>, _ batches: [[Matrix<Double>]],
                      clip theta: Double?) -> Trace {
        var p = start
        var trace = Trace()
        let h0 = Matrix<Double>.zeros(c.batch, c.hiddens)                        // (n, h)
        for (k, xs) in batches.enumerated() {
            let loss = SequenceLoss<Double>.lastStep(.squaredError(target: xs[0]))  // recall X_1
            let forward = rnnForward(xs: xs, h0: h0, params: p, activation: c.activation)
            let backward = rnnBackward(xs: xs, forward: forward, params: p, activation: c.activation,
                                       outputGradient: loss.outputGradient(outputs: forward.outputs))
            var g = scaled(backward.params, by: 1 / Double(c.batch))      // ∂(mean loss over the batch)
            let before = globalNorm(g)
            trace.losses.append(loss.value(outputs: forward.outputs) / Double(c.batch))
            trace.normsBefore.append(before)
            trace.stepOne.append(backward.dHNorms[1] / Double(c.batch))   // ‖∂L/∂H_1‖
            if k == 0 { trace.firstGrowth = backward.dHNorms[1] / backward.dHNorms[c.steps] }
            guard before.isFinite else { trace.divergedAt = k; trace.normsAfter.append(before); break }
            let after = theta.map { clipByGlobalNorm(&g, maxNorm: $0).normAfter } ?? before
            trace.normsAfter.append(after)
            p = p.adding(scaled(g, by: -c.learningRate))      // p ← p − η·g
        }
        trace.finalSpectralNorm = spectralNorm(p.wHH)
        return trace
    }
    // END-QUOTE clipping

    /// ‖W‖₂ = m·‖W/m‖₂ with m the largest |entry|: a W that training blew up
    /// to 1e200 would overflow in WᵀW unscaled. ∞ if an entry is not finite.
    static func spectralNorm(_ w: Matrix<Double>) -> Double {
        let m = w.scalars.map(abs).max() ?? 0
        guard m.isFinite else { return .infinity }
        return m == 0 ? 0 : m * ((1 / m) * w).spectralNorm()
    }

    static func scaled(_ g: RNNParameters<Double>, by s: Double) -> RNNParameters<Double> {
        g.map { s * $0 }
    }
}

extension RNNParameters {
    /// The parameters plus a step of the same shapes.
    func adding(_ step: RNNParameters) -> RNNParameters {
        zip(step, +)
    }
}
