import Dispatch
import Foundation
import Network
import Tensor

/// The sweep of issue 12, the work of lesson 05 at benchmark scale:
/// ρ ∈ {0.5, 0.9, 1, 1.1, 1.5} × φ ∈ {tanh, identity, sigmoid} × 20 seeds,
/// T = 100, h = 64, n = 8, d = 16, W_hh = ρ·Q (Q orthogonal), b_h = 0,
/// H_0 = 0; for each configuration the forward pass, then backpropagation
/// through time for L = sum(H_T): ∂L/∂W_xh, ∂L/∂W_hh, ∂L/∂b_h and
/// ‖∂L/∂H_t‖ for every t. The outputs O_t = H_t W_hq + b_q of the forward
/// pass are computed with q = 1 (W_hq = 0), about 1 % of the work.
///
/// The data (inputs, W_xh, Q per seed) is drawn once, outside the timing.
/// The timed runs use the allocation-free twin of the forward and backward
/// passes, `RNNWorkspace`; `run(_:xs:)` is the same work through the
/// readable `rnnForward` + `rnnBackward`, compared with it once per run.
/// Configurations are independent, so the parallel run hands them to
/// Dispatch's worker threads and writes each result into its own slot: the
/// results are bit-identical to one thread.
struct SweepWorkload: Sendable {
    static let rhos = [0.5, 0.9, 1.0, 1.1, 1.5]
    static let activations: [Activation] = [.tanh, .identity, .sigmoid]
    static let seeds = 20
    static let (steps, hiddens, batch, inputs) = (100, 64, 8, 16)

    struct SeedData: Sendable {
        var xs: [Matrix<Double>]      // T of (n, d)
        var wXH: Matrix<Double>       // (d, h)
        var q: Matrix<Double>         // (h, h), orthogonal
    }

    struct Configuration: Sendable {
        var seed: Int
        var rho: Double
        var activation: Activation
    }

    let data: [SeedData]
    let configurations: [Configuration]

    init() {
        data = (0..<Self.seeds).map { seed in
            var g = TorchGenerator(seed: UInt64(seed))
            let all = Matrix<Double>.randn(Self.steps * Self.batch, Self.inputs, using: &g)        // (T·n, d)
            let xs = all.split(Array(repeating: Self.batch, count: Self.steps), dim: 0)           // T of (n, d)
            let wXH = (1 / Double(Self.inputs).squareRoot()) * Matrix<Double>.randn(Self.inputs, Self.hiddens, using: &g)
            let q: Matrix<Double> = randomOrthogonal(Self.hiddens, using: &g)                     // (h, h)
            return SeedData(xs: xs, wXH: wXH, q: q)
        }
        configurations = Self.activations.flatMap { phi in
            Self.rhos.flatMap { rho in (0..<Self.seeds).map { Configuration(seed: $0, rho: rho, activation: phi) } }
        }
    }

    /// The inputs of every seed in `S`, converted once (outside the timing).
    func inputs<S: TensorScalar>(_: S.Type) -> [[Matrix<S>]] {
        data.map { $0.xs.map { $0.converted(to: S.self) } }
    }

    /// One configuration: forward, BPTT; returns ‖∂L/∂H_t‖ for t = 0…T and
    /// ‖∂L/∂W_hh‖ (what the bit-identity check compares).
    func run<S: TensorScalar>(_ c: Configuration, xs: [Matrix<S>]) -> [Double] {
        let seed = data[c.seed]
        let h = Self.hiddens
        let params = RNNParameters<S>(
            wXH: seed.wXH.converted(), wHH: (c.rho * seed.q).converted(),              // (d, h), (h, h)
            bH: .zeros(1, h), wHQ: .zeros(h, 1), bQ: .zeros(1, 1))
        let h0 = Matrix<S>.zeros(Self.batch, h)                                         // (n, h)
        let forward = rnnForward(xs: xs, h0: h0, params: params, activation: c.activation)
        let ones = Matrix<S>(repeating: 1, rows: Self.batch, cols: h)                  // ∂ sum(H_T) / ∂H_T
        let g = rnnBackward(xs: xs, forward: forward, params: params, activation: c.activation,
                            outputGradient: .finalState(ones))
        return g.dHNorms + [g.params.wHH.frobeniusNorm(), g.params.wXH.frobeniusNorm(), g.params.bH.frobeniusNorm()]
    }

    /// The same configuration on the fast twin, `RNNWorkspace` (one per
    /// thread, reused): the same numbers as `run` (checked once per run of
    /// the benchmark, outside the timing, and held to it bit for bit by
    /// NetworkTests/RNNWorkspaceTests.swift).
    func run<S: TensorScalar>(_ c: Configuration, xs: [Matrix<S>], on w: RNNWorkspace<S>, seed dHT: Matrix<S>) -> [Double] {
        let seed = data[c.seed]
        let h = Self.hiddens
        w.load(RNNParameters<S>(
            wXH: seed.wXH.converted(), wHH: (c.rho * seed.q).converted(),              // (d, h), (h, h)
            bH: .zeros(1, h), wHQ: .zeros(h, 1), bQ: .zeros(1, 1)))
        w.loadInputs(xs)
        w.forward(activation: c.activation)                                             // from H_0 = 0
        let norms = w.backward(outputGradient: .finalState(dHT))
        let r = w.recurrentGradientNorms
        return norms + [r.wHH, r.wXH, r.bH]
    }

    func workspace<S: TensorScalar>(_: S.Type) -> RNNWorkspace<S> {
        RNNWorkspace<S>(steps: Self.steps, batch: Self.batch, inputs: Self.inputs, hiddens: Self.hiddens, outputs: 1)
    }

    /// Every configuration through the readable functions, on one thread.
    func runReadable<S: TensorScalar>(_ xs: [[Matrix<S>]]) -> [[Double]] {
        configurations.map { run($0, xs: xs[$0.seed]) }
    }

    /// Every configuration on the twin, on one thread or spread over all
    /// cores (``parallelMap``: one workspace per worker, each result in its
    /// own slot), so the results are bit-identical to one thread.
    func runAll<S: TensorScalar>(_ xs: [[Matrix<S>]], parallel: Bool) -> [[Double]] {
        let ones = Matrix<S>(repeating: 1, rows: Self.batch, cols: Self.hiddens)        // ∂ sum(H_T) / ∂H_T
        let workers = parallel ? ProcessInfo.processInfo.activeProcessorCount : 1
        return parallelMap(configurations.count, workers: workers, state: { workspace(S.self) }) { i, w in
            let c = configurations[i]
            return run(c, xs: xs[c.seed], on: w, seed: ones)
        }
    }
}
