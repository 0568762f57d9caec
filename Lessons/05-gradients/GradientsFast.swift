import Course
import Dispatch
import Foundation
import Network
import Tensor

// How the lesson runs its numbers fast: the quoted functions
// (`gradientNorms`, `ClippingExperiment.train`) are the definition the
// report shows; the lesson runs their twins below, which do the same
// arithmetic on a reusable `RNNWorkspace` (Network) instead of
// `rnnForward` + `rnnBackward` / `rnnStateGradients`, and spreads the
// independent configurations over the cores. LessonTests/GradientsFastTests
// holds every twin to its definition bit for bit; results are written into
// their own slots, so the output does not depend on the number of cores.

extension GradientsLesson {
    /// The twin of `gradientNorms(_:rho:activation:as:)` on the workspace
    /// `w` (shaped for the run): the same parameters, inputs and seed, the
    /// same forward pass and state recursion, the same norms.
    static func gradientNorms<S: TensorScalar>(_ run: RunData, rho: Double, activation phi: Activation,
                                               on w: RNNWorkspace<S>) -> [Double] {
        let h = run.q.rows
        w.load(RNNParameters<S>(
            wXH: run.wXH.converted(), wHH: (rho * run.q).converted(),       // (d, h), (h, h)
            bH: .zeros(1, h), wHQ: .zeros(h, 1), bQ: .zeros(1, 1)))         // outputs unused here
        w.loadInputs(run.xs)                                                  // converted to S as Matrix.converted does
        w.forward(activation: phi, outputs: false)                           // from H_0 = 0
        return w.stateGradientNorms(dHT: run.dHT.converted())
    }

    /// A workspace for the sweep's shape.
    static func workspace<S: TensorScalar>(_ c: Config, _: S.Type) -> RNNWorkspace<S> {
        RNNWorkspace<S>(steps: c.steps, batch: c.batch, inputs: c.inputs, hiddens: c.hiddens, outputs: 1)
    }

    /// One job of the sweep: run `index` of one (activation, ρ) in Double
    /// with, for tanh, the saturation of its forward pass, measured on the
    /// states the norms came from (the very pass `Saturation(_:rho:)` would
    /// run again); or, for `index == runs.count`, the first run in Float.
    static func sweepJob(phi: Activation, rho: Double, index: Int, runs: [RunData],
                         double: RNNWorkspace<Double>, float: RNNWorkspace<Float>) -> (norms: [Double], saturation: Saturation?) {
        if index == runs.count { return (gradientNorms(runs[0], rho: rho, activation: phi, on: float), nil) }
        let norms = gradientNorms(runs[index], rho: rho, activation: phi, on: double)
        return (norms, phi == .tanh ? double.withStates { Saturation(states: $0) } : nil)
    }

    /// One (activation, ρ) of the sweep from its `runs.count + 1` jobs (in
    /// the order of `sweepJob`'s index): the norms in Double, the first run
    /// in Float, the bounds and, for tanh, the saturations.
    static func assembleSweep(_ c: Config, phi: Activation, rho: Double, spectral: [Double],
                              jobs: ArraySlice<(norms: [Double], saturation: Saturation?)>) -> Sweep {
        let double = jobs.dropLast()
        let bounds = spectral.map { s in
            (0...c.steps).map { t in Double.pow(phi.derivativeBound * rho * s, Double(c.steps - t)) }
        }
        return Sweep(activation: phi, rho: rho, norms: double.map(\.norms), floatNorms: jobs.last!.norms,
                     bounds: bounds, spectralNorms: spectral.map { rho * $0 }, saturation: double.compactMap(\.saturation))
    }
}

/// The count of finished jobs, shown on the progress line (from any thread).
final class SharedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int, label: String

    init(total: Int, label: String) { (self.total, self.label) = (total, label) }

    func step() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        Progress.show("\(label) \(done)/\(total)")
    }
}

extension ClippingExperiment {
    /// The twin of `train(_:_:_:clip:)` (quoted in the report, the
    /// definition) on the workspace `w`: the forward pass and BPTT of each
    /// update run on the workspace, everything else — the loss, the
    /// scaling, the norms, clipping, the update — is the same code.
    static func train(_ c: Config, _ start: RNNParameters<Double>, _ batches: [[Matrix<Double>]],
                      clip theta: Double?, on w: RNNWorkspace<Double>) -> Trace {
        var p = start
        var trace = Trace()
        for (k, xs) in batches.enumerated() {
            let loss = SequenceLoss<Double>.lastStep(.squaredError(target: xs[0]))  // recall X_1
            w.load(p)
            w.loadInputs(xs)
            w.forward(activation: c.activation)                               // from H_0 = 0
            let outputs = (1...c.steps).map(w.output)
            let dHNorms = w.backward(outputGradient: loss.outputGradient(outputs: outputs))
            var g = scaled(w.parameterGradients, by: 1 / Double(c.batch))    // ∂(mean loss over the batch)
            let before = globalNorm(g)
            trace.losses.append(loss.value(outputs: outputs) / Double(c.batch))
            trace.normsBefore.append(before)
            trace.stepOne.append(dHNorms[1] / Double(c.batch))                // ‖∂L/∂H_1‖
            if k == 0 { trace.firstGrowth = dHNorms[1] / dHNorms[c.steps] }
            guard before.isFinite else { trace.divergedAt = k; trace.normsAfter.append(before); break }
            let after = theta.map { clipByGlobalNorm(&g, maxNorm: $0).normAfter } ?? before
            trace.normsAfter.append(after)
            p = p.adding(scaled(g, by: -c.learningRate))                      // p ← p − η·g
        }
        trace.finalSpectralNorm = spectralNorm(p.wHH)
        return trace
    }

    /// The workspace of the recall task's shape (q = d: the output is the first input).
    static func workspace(_ c: Config) -> RNNWorkspace<Double> {
        RNNWorkspace<Double>(steps: c.steps, batch: c.batch, inputs: c.inputs, hiddens: c.hiddens, outputs: c.inputs)
    }
}
