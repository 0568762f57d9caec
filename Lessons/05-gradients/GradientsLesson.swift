import ArgumentParser
import Course
import Dispatch
import Network
import Tensor

/// Lesson 05: gradients through time vanish or explode with the scale of W_hh.
///
/// Configuration → data (one seeded generator) → the sweep over activation
/// and ρ → the theory → the gradient check. The clipping experiment is in
/// `GradientsTraining.swift`, the claims in `GradientsClaims.swift`, the
/// text, JSON, report and figures in `Presentation/`.
enum GradientsLesson: Lesson {
    /// How W_hh is drawn before it is scaled by ρ.
    enum Initialisation: String, CaseIterable {
        /// W_hh = ρ·Q, Q orthogonal: every singular value is ρ.
        case orthogonal
        /// A Gaussian matrix rescaled to spectral radius ρ.
        case gaussian
    }

    /// The sweep's sizes and scales, and the two settings of the clipping
    /// experiment a student may change (its other settings are fixed in
    /// `ClippingExperiment.Config`).
    struct Config: ParsableArguments {
        static let stepCounts = 1...1000
        static let hiddenSizes = 1...512
        static let batchSizes = 1...256
        static let inputSizes = 1...512
        static let runCounts = 1...50
        static let rhoRange = 0.01...10.0
        static let thetaRange = 1e-6...1e6
        static let updateCounts = 1...5000

        @Option(parsing: .unconditional, help: OptionRange.help("Time steps T", stepCounts, valueName: "T"))
        var steps = 100
        @Option(parsing: .unconditional, help: OptionRange.help("Hidden units h", hiddenSizes, valueName: "h"))
        var hiddens = 64
        @Option(parsing: .unconditional, help: OptionRange.help("Batch size n", batchSizes, valueName: "n"))
        var batch = 8
        @Option(parsing: .unconditional, help: OptionRange.help("Inputs per step d", inputSizes, valueName: "d"))
        var inputs = 16
        @Option(parsing: .unconditional,
                help: OptionRange.help("Random initialisations per configuration (the charts show their median)", runCounts, valueName: "N")
                    .with(discussion: Self.costNote))
        var runs = 5
        @Option(parsing: .unconditional,
                help: OptionRange.help("Scales ρ of W_hh, up to 8, comma-separated, each", rhoRange, valueName: "list"))
        var rhos = NumberList([0.5, 1.0, 1.5, 2.0, 2.5, 3.0])
        /// The activations swept (not an option: the lesson compares these three).
        var activations: [Activation] = [.identity, .tanh, .sigmoid]
        @Option(name: .customLong("init"), parsing: .unconditional,
                help: ArgumentHelp("How W_hh is drawn: orthogonal (every singular value ρ) or gaussian (spectral radius ρ).", valueName: "kind"))
        var initialisation = Initialisation.orthogonal
        @Option(parsing: .unconditional,
                help: OptionRange.help("Clipping threshold θ for the training experiment", thetaRange, valueName: "θ"))
        var theta = 1.0
        @Option(parsing: .unconditional, help: OptionRange.help("SGD updates in the training experiment", updateCounts, valueName: "k"))
        var updates = 1000

        /// What the largest runs cost (measured in a release build: T = 1000,
        /// h = 512 with 2 and 6 runs took 31 s and 78 s of CPU time, about
        /// 12 s per run: 10 minutes of CPU time for 50 runs, about half of
        /// that in wall time when both cores are free).
        static let costNote = """
            The run time grows with runs × T × h²: at the caps (--steps 1000 --hiddens 512 \
            --runs 50) a release build takes about 5 to 10 minutes on a 2-core machine, \
            longer on fewer or slower cores.
            """

        /// The options only: `activations` keeps its value when parsing.
        enum CodingKeys: CodingKey { case steps, hiddens, batch, inputs, runs, rhos, initialisation, theta, updates }

        func validate() throws {
            try OptionRange.check("--steps", steps, Self.stepCounts)
            try OptionRange.check("--hiddens", hiddens, Self.hiddenSizes)
            try OptionRange.check("--batch", batch, Self.batchSizes)
            try OptionRange.check("--inputs", inputs, Self.inputSizes)
            try OptionRange.check("--runs", runs, Self.runCounts)
            try OptionRange.check("--rhos", rhos.values, Self.rhoRange, maxCount: 8)
            try OptionRange.check("--theta", theta, Self.thetaRange)
            try OptionRange.check("--updates", updates, Self.updateCounts)
        }

        /// The clipping experiment with this run's θ and number of updates.
        var clipping: ClippingExperiment.Config {
            var c = ClippingExperiment.Config()
            (c.theta, c.updates) = (theta, updates)
            return c
        }
    }

    /// Everything the lesson computes.
    struct Result {
        /// One per activation × ρ, in the order of `Config.activations` and `Config.rhos`.
        var sweeps: [Sweep]
        /// The tensors of the first run (the inputs of `--json`).
        var firstRun: RunData
        /// The exercise: tanh's median ratio at t = 0 for each ρ of `scanRhos`.
        var scan: [(rho: Double, ratio: Double)]
        /// BPTT against finite differences, one per activation.
        var checks: [CheckResult]
        /// Training the recall task without and with clipping.
        var training: ClippingExperiment.Result
    }

    static func run(_ c: Config, seed: UInt64) -> Result {
        // The clipping experiment draws from a generator of its own, so it
        // runs beside the sweep (in a thread of its own) with the same result.
        nonisolated(unsafe) var training: ClippingExperiment.Result?
        let clipping = DispatchGroup()
        DispatchQueue.global().async(group: clipping) { training = ClippingExperiment.run(c.clipping, seed: seed) }
        let (sweeps, runs) = sweep(c, seed: seed)
        Progress.show("gradient check and training…")
        let (scan, checks) = (explosionScan(c, sweeps, runs), gradientCheck(seed: seed))
        clipping.wait()
        return Result(sweeps: sweeps, firstRun: runs[0], scan: scan, checks: checks, training: training!)
    }

    /// One (activation, ρ) configuration over all runs.
    struct Sweep {
        var activation: Activation
        var rho: Double
        /// ‖∂L/∂H_t‖ / ‖∂L/∂H_T‖ for t = 0…T, one array per run, in Double.
        var norms: [[Double]]
        /// The same for the first run computed entirely in Float (norms taken
        /// in Double from the Float entries).
        var floatNorms: [Double]
        /// The bound (γ·‖W_hh‖₂)^(T−t) per run (‖W_hh‖₂ measured).
        var bounds: [[Double]]
        /// ‖W_hh‖₂ per run.
        var spectralNorms: [Double]
        /// How saturated the forward pass was, one per run (tanh only).
        var saturation: [Saturation] = []

        /// Median over runs at each t.
        var median: [Double] { (0..<norms[0].count).map { t in GradientsLesson.median(norms.map { $0[t] }) } }
        /// The largest t at which the Float gradient is exactly zero (every
        /// entry flushed), or nil if it never is.
        var floatFlushStep: Int? { floatNorms.lastIndex(of: 0) }
        /// The largest t at which the Float gradient is no longer finite (it
        /// overflowed: ∞, or NaN from ∞ − ∞), or nil if it never is.
        var floatOverflowStep: Int? { floatNorms.lastIndex { !$0.isFinite } }
        /// ‖∂L/∂H_0‖ / ‖∂L/∂H_T‖ per run.
        var ratios: [Double] { norms.map { $0[0] } }
        /// The measured factor per step back, (‖∂L/∂H_0‖ / ‖∂L/∂H_T‖)^(1/T),
        /// as the geometric mean over runs.
        var stepFactor: Double {
            let T = Double(norms[0].count - 1)
            return Double.exp(ratios.map { Double.log($0) / T }.reduce(0, +) / Double(ratios.count))
        }
    }

    /// The tensors of one run (all runs share one generator, drawn in order).
    struct RunData {
        var xs: [Matrix<Double>]      // T of (n, d)
        var wXH: Matrix<Double>       // (d, h)
        var q: Matrix<Double>         // (h, h), W_hh = ρ·q
        var dHT: Matrix<Double>       // ∂L/∂H_T, (n, h), ‖·‖ = 1
    }

    /// Draws one run's tensors: X as one torch.randn(T, n, d) call, W_xh
    /// scaled by 1/√d (so pre-activations are of order one), the unscaled
    /// recurrent matrix (orthogonal Q, or Gaussian at spectral radius 1),
    /// and a random unit-norm ∂L/∂H_T — the loss L = ⟨G, H_T⟩ for a random
    /// direction G.
    static func drawRun<G: NormalGenerator>(_ c: Config, using g: inout G) -> RunData {
        let all = Matrix<Double>.randn(c.steps * c.batch, c.inputs, using: &g)          // (T·n, d)
        let xs = all.split(Array(repeating: c.batch, count: c.steps), dim: 0)          // T of (n, d)
        let wXH = (1 / Double(c.inputs).squareRoot()) * Matrix<Double>.randn(c.inputs, c.hiddens, using: &g)  // (d, h)
        let q: Matrix<Double> = c.initialisation == .orthogonal
            ? orthogonalWHH(hiddens: c.hiddens, scale: 1, using: &g)
            : gaussianWHH(hiddens: c.hiddens, spectralRadius: 1, using: &g)            // (h, h)
        let seedGradient = Matrix<Double>.randn(c.batch, c.hiddens, using: &g)         // (n, h)
        return RunData(xs: xs, wXH: wXH, q: q, dHT: (1 / seedGradient.frobeniusNorm()) * seedGradient)
    }

    // BEGIN-QUOTE sweep
    /// ‖∂L/∂H_t‖ for t = 0…T: run the RNN forward from H_0 = 0, then push
    /// ∂L/∂H_T back one step at a time, ∂L/∂H_{t−1} = (∂L/∂H_t ⊙ φ′(Z_t)) W_hhᵀ.
    static func gradientNorms<S: TensorScalar>(
        _ run: RunData, rho: Double, activation phi: Activation, as _: S.Type
    ) -> [Double] {
        let h = run.q.rows
        let params = RNNParameters<S>(
            wXH: run.wXH.converted(), wHH: (rho * run.q).converted(),       // (d, h), (h, h)
            bH: .zeros(1, h), wHQ: .zeros(h, 1), bQ: .zeros(1, 1))          // outputs unused here
        let h0 = Matrix<S>.zeros(run.dHT.rows, h)                             // (n, h)
        let forward = rnnForward(xs: run.xs.map { $0.converted(to: S.self) }, h0: h0,
                                 params: params, activation: phi)
        return rnnStateGradients(forward: forward, wHH: params.wHH, activation: phi,
                                 dHT: run.dHT.converted()).norms
    }
    // END-QUOTE sweep

    /// The whole sweep: every activation × ρ, `runs` initialisations each.
    /// The runs of every configuration run on all cores, each through the
    /// twins of GradientsFast.swift (the same numbers as `gradientNorms`).
    static func sweep(_ c: Config, seed: UInt64) -> (sweeps: [Sweep], runs: [RunData]) {
        var generator = TorchGenerator(seed: seed)
        Progress.show("drawing \(c.runs) runs…")
        let runs = (0..<c.runs).map { _ in drawRun(c, using: &generator) }
        let spectral = parallelMap(runs.count, state: {}) { i, _ in runs[i].q.spectralNorm() }
        let configurations = c.activations.flatMap { phi in c.rhos.values.map { (phi: phi, rho: $0) } }
        // One job per run of each configuration, and one for its Float run:
        // small jobs keep both cores busy to the end.
        let perConfiguration = runs.count + 1
        let progress = SharedProgress(total: configurations.count * perConfiguration, label: "sweep")
        let jobs = parallelMap(configurations.count * perConfiguration,
                               state: { (workspace(c, Double.self), workspace(c, Float.self)) }) { j, w in
            let (i, index) = j.quotientAndRemainder(dividingBy: perConfiguration)
            defer { progress.step() }
            return sweepJob(phi: configurations[i].phi, rho: configurations[i].rho, index: index, runs: runs,
                            double: w.0, float: w.1)
        }
        let sweeps = configurations.indices.map { i in
            assembleSweep(c, phi: configurations[i].phi, rho: configurations[i].rho, spectral: spectral,
                          jobs: jobs[i * perConfiguration ..< (i + 1) * perConfiguration])
        }
        return (sweeps, runs)
    }

    /// The ρ of the exercise "the smallest ρ at which tanh explodes".
    static let scanRhos = [1.5, 2.0, 2.5, 3.0]

    /// tanh's median ‖∂L/∂H_0‖ / ‖∂L/∂H_T‖ for each ρ of `scanRhos`, from
    /// the sweep when it has that ρ, else computed on the same runs.
    static func explosionScan(_ c: Config, _ sweeps: [Sweep], _ runs: [RunData]) -> [(rho: Double, ratio: Double)] {
        scanRhos.map { rho in
            if let s = sweeps.first(where: { $0.activation == .tanh && $0.rho == rho }) { return (rho, s.median[0]) }
            let w = workspace(c, Double.self)
            return (rho, median(runs.map { gradientNorms($0, rho: rho, activation: .tanh, on: w)[0] }))
        }
    }

    /// The gradient check: BPTT against central finite differences, in
    /// Double, on a small network, for every activation and both losses.
    struct CheckResult {
        var activation: Activation
        var lastStepError: Double
        var everyStepError: Double
    }

    static func gradientCheck(seed: UInt64) -> [CheckResult] {
        var g = TorchGenerator(seed: seed)
        let (n, d, h, q, steps) = (2, 3, 4, 2, 6)
        return Activation.allCases.map { phi in
            let xs = (0..<steps).map { _ in Matrix<Double>.randn(n, d, using: &g) }   // T of (n, d)
            let p = RNNParameters<Double>(
                wXH: 0.5 * Matrix<Double>.randn(d, h, using: &g), wHH: 0.5 * Matrix<Double>.randn(h, h, using: &g),
                bH: 0.1 * Matrix<Double>.randn(1, h, using: &g), wHQ: Matrix<Double>.randn(h, q, using: &g),
                bQ: Matrix<Double>.randn(1, q, using: &g))
            let h0 = 0.5 * Matrix<Double>.randn(n, h, using: &g)                      // (n, h)
            let targets = (0..<steps).map { _ in Matrix<Double>.randn(n, q, using: &g) }
            let last = Network.gradientCheck(xs: xs, h0: h0, params: p, activation: phi,
                                             loss: .lastStep(.squaredError(target: targets[steps - 1])))
            let every = Network.gradientCheck(xs: xs, h0: h0, params: p, activation: phi,
                                              loss: .everyStep(targets.map { .squaredError(target: $0) }))
            return CheckResult(activation: phi, lastStepError: last.maxRelativeError, everyStepError: every.maxRelativeError)
        }
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

extension ArgumentHelp {
    /// The same help with a longer explanation under the option.
    func with(discussion: String) -> ArgumentHelp {
        var help = self
        help.discussion = discussion
        return help
    }
}

/// `--init orthogonal` or `--init gaussian`, in any case.
extension GradientsLesson.Initialisation: ExpressibleByArgument, JSONConvertible {
    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    var json: JSONValue { .string(rawValue) }
}
