import Network
import Tensor

/// The remedy for exploding gradients: clip by the global norm.
///
/// A small task that needs memory over many steps — read T random vectors,
/// then output the first one — trained by plain SGD from a W_hh whose scale
/// makes gradients explode, once without and once with clipping, from the
/// same initial weights and on the same batches.
struct ClippingExperiment {
    struct Config: Equatable {
        var steps = 30          // T of the recall task
        var hiddens = 32
        var inputs = 4          // d = q: the output is the first input
        var batch = 16
        var updates = 300
        var rho = 1.1
        var learningRate = 0.03
        var theta = 1.0         // the clipping threshold θ
        var activation = Activation.identity
    }

    /// One training run: per update, the loss and the gradient norm before
    /// and after clipping (equal when not clipped).
    struct Trace {
        var losses: [Double] = []
        var normsBefore: [Double] = []
        var normsAfter: [Double] = []
        /// The first update whose gradient was not finite (training stops
        /// there: a NaN step would destroy every weight), or nil.
        var divergedAt: Int?
    }

    struct Result {
        var plain: Trace
        var clipped: Trace
    }

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
        return Result(plain: train(c, start, batches, clip: nil),
                      clipped: train(c, start, batches, clip: c.theta))
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
            let sum = rnnBackward(xs: xs, forward: forward, params: p, activation: c.activation,
                                  outputGradient: loss.outputGradient(outputs: forward.outputs)).params
            var g = scaled(sum, by: 1 / Double(c.batch))      // ∂(mean loss over the batch)
            let before = globalNorm(g)
            trace.losses.append(loss.value(outputs: forward.outputs) / Double(c.batch))
            trace.normsBefore.append(before)
            guard before.isFinite else { trace.divergedAt = k; trace.normsAfter.append(before); break }
            let after = theta.map { clipByGlobalNorm(&g, maxNorm: $0).normAfter } ?? before
            trace.normsAfter.append(after)
            p = p.adding(scaled(g, by: -c.learningRate))      // p ← p − η·g
        }
        return trace
    }
    // END-QUOTE clipping

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
