import ArgumentParser
import Course
import Network
import Tensor

/// Lesson 04: the RNN uses the same five parameters at every time step, so
/// their number, d·h + h·h + h + h·q + q, does not depend on T — and each
/// parameter's gradient is the sum of one piece per step.
///
/// Reads top to bottom: configuration → data → forward and BPTT → the
/// per-step pieces of the gradients → the parameter count over T steps
/// (`SharingLedger.swift`). The claims are in `SharingClaims.swift`, the
/// text, JSON, report and figure in `Presentation/`.
enum SharingLesson: Lesson {
    /// Sizes, with the book's example as defaults: a batch of 3, one input
    /// per step and 4 hidden units (the shapes (3, 1), (1, 4), (4, 4) of
    /// lesson 03), one output per step, and a short sequence of 5 steps.
    /// (With h = 4 the scale 1/√h is 0.5, exact: the parameters are the
    /// draws halved, bit for bit what PyTorch computes.)
    struct Config: ParsableArguments {
        /// Caps for d, h and q: at most 3·100² + 2·100 = 30,200 parameters,
        /// so a network with separate weights for each of 1000 steps holds
        /// 30.2 million floats (121 MB), well under 1 GiB.
        static let sizes = 1...100
        /// Caps for n and T: the BPTT run costs about 6·T·n·(parameters)
        /// multiply-adds, at most 6e8; with the count runs, a run at the caps
        /// takes under a second in a release build.
        static let batchSizes = 1...32
        static let stepCounts = 1...100

        @Option(parsing: .unconditional, help: OptionRange.help("Sequences per batch, n", batchSizes, valueName: "n"))
        var batch = 3
        @Option(parsing: .unconditional, help: OptionRange.help("Inputs per step, d", sizes, valueName: "d"))
        var inputs = 1
        @Option(parsing: .unconditional, help: OptionRange.help("Hidden units, h", sizes, valueName: "h"))
        var hiddens = 4
        @Option(parsing: .unconditional, help: OptionRange.help("Outputs per step, q", sizes, valueName: "q"))
        var outputs = 1
        @Option(parsing: .unconditional, help: OptionRange.help("Time steps T of the sequence that is backpropagated", stepCounts, valueName: "T"))
        var steps = 5
        /// The sequence lengths at which the parameters read are counted
        /// (not an option: the lesson's point is this fixed range; tests
        /// shorten it to keep debug builds fast at large sizes).
        var countedSteps = [1, 10, 100, 1000]

        /// The options only: `countedSteps` keeps its value when parsing.
        enum CodingKeys: CodingKey { case batch, inputs, hiddens, outputs, steps }

        func validate() throws {
            try OptionRange.check("--batch", batch, Self.batchSizes)
            try OptionRange.check("--inputs", inputs, Self.sizes)
            try OptionRange.check("--hiddens", hiddens, Self.sizes)
            try OptionRange.check("--outputs", outputs, Self.sizes)
            try OptionRange.check("--steps", steps, Self.stepCounts)
        }
    }

    /// d·h + h·h + h + h·q + q, from the sizes alone.
    static func formulaCount(_ c: Config) -> Int {
        RNNParameters<Float>.count(inputs: c.inputs, hiddens: c.hiddens, outputs: c.outputs)
    }

    struct Result {
        var params: RNNParameters<Float>        // W_xh, W_hh, b_h, W_hq, b_q, drawn first
        var xs, ys: [Matrix<Float>]             // X_t (n, d), Y_t (n, q), t = 1…T
        var h0: Matrix<Float>                   // H_0 = 0, (n, h)
        var forward: RNNForward<Float>
        var loss: Float
        var grads: RNNGradients<Float>
        var deltas: [Matrix<Float>]             // δ_t = ∂L/∂Z_t, (n, h)
        var piecesXH: [Matrix<Float>]           // X_tᵀ δ_t, (d, h)
        var piecesHH: [Matrix<Float>]           // H_{t−1}ᵀ δ_t, (h, h)
        var sumXH, sumHH: Matrix<Float>         // Σ_t of the pieces
        var differenceXH, differenceHH: Double  // max |Σ pieces − BPTT gradient|
        var toleranceXH, toleranceHH: Double    // see `pieceSumBound`
        /// What forward passes over `config.countedSteps` steps read, with
        /// shared weights and with separate weights per step.
        var shared, separate: [SharingLedger.Count]
    }

    static func run(_ config: Config, seed: UInt64) -> Result {
        let n = config.batch, d = config.inputs, h = config.hiddens, q = config.outputs, steps = config.steps
        var generator = TorchGenerator(seed: seed)
        // BEGIN-QUOTE compute
        // The five parameters, then the sequence, as the PyTorch code draws
        // them; the parameters scaled by 1/√h, the scale of nn.RNN's own init.
        let scale = Float(1 / Double(h).squareRoot())           // 1/√h
        let params = RNNParameters(
            wXH: Matrix<Float>.randn(d, h, using: &generator) * scale,   // W_xh (d, h)
            wHH: Matrix<Float>.randn(h, h, using: &generator) * scale,   // W_hh (h, h)
            bH: Matrix<Float>.randn(1, h, using: &generator) * scale,    // b_h  (1, h)
            wHQ: Matrix<Float>.randn(h, q, using: &generator) * scale,   // W_hq (h, q)
            bQ: Matrix<Float>.randn(1, q, using: &generator) * scale)    // b_q  (1, q)
        let xs = sequence(steps, n, d, using: &generator)       // X_1 … X_T, each (n, d)
        let ys = sequence(steps, n, q, using: &generator)       // targets Y_t, each (n, q)
        let h0 = Matrix<Float>.zeros(n, h)                      // H_0 (n, h)

        // T steps, all with the same `params`; L = Σ_t ½‖O_t − Y_t‖²; BPTT.
        let forward = rnnForward(xs: xs, h0: h0, params: params, activation: .tanh)
        let loss = SequenceLoss.everyStep(ys.map { .squaredError(target: $0) })
        let grads = rnnBackward(xs: xs, forward: forward, params: params, activation: .tanh,
                                outputGradient: loss.outputGradient(outputs: forward.outputs))

        // Step t's own piece of each gradient, with δ_t = ∂L/∂H_t ⊙ tanh′(Z_t)
        // and tanh′(Z_t) = 1 − H_t².
        let deltas = (1...steps).map { t in
            grads.dH[t] .* forward.states[t].map { 1 - $0 * $0 }          // δ_t (n, h)
        }
        let piecesXH = (0..<steps).map { xs[$0].transposedMatmul(deltas[$0]) }             // X_tᵀ δ_t (d, h)
        let piecesHH = (0..<steps).map { forward.states[$0].transposedMatmul(deltas[$0]) } // H_{t−1}ᵀ δ_t (h, h)
        let sumXH = piecesXH.dropFirst().reduce(piecesXH[0], +)                             // (d, h)
        let sumHH = piecesHH.dropFirst().reduce(piecesHH[0], +)                             // (h, h)
        // END-QUOTE compute
        let counts = SharingLedger.counts(params: params, xs: xs, steps: config.countedSteps)
        return Result(
            params: params, xs: xs, ys: ys, h0: h0, forward: forward,
            loss: loss.value(outputs: forward.outputs), grads: grads, deltas: deltas,
            piecesXH: piecesXH, piecesHH: piecesHH, sumXH: sumXH, sumHH: sumHH,
            differenceXH: sumXH.maxAbsDifference(grads.params.wXH),
            differenceHH: sumHH.maxAbsDifference(grads.params.wHH),
            toleranceXH: pieceSumBound(xs, deltas),
            toleranceHH: pieceSumBound(Array(forward.states.dropLast()), deltas),
            shared: counts.shared, separate: counts.separate)
    }

    /// T matrices of shape (rows, cols) from one draw of T·rows·cols normals,
    /// as `torch.randn(T, rows, cols)` makes them (one call: PyTorch picks
    /// its algorithm by the total count).
    static func sequence<G: NormalGenerator>(_ steps: Int, _ rows: Int, _ cols: Int,
                                             using generator: inout G) -> [Matrix<Float>] {
        let draws = generator.randn(steps * rows * cols)       // T·rows·cols
        let size = rows * cols
        return (0..<steps).map { t in
            Matrix(rows: rows, cols: cols, scalars: Array(draws[(t * size)..<((t + 1) * size)]))
        }
    }

    /// How far the sum of the per-step pieces may be from BPTT's gradient.
    ///
    /// Both are sums of the same N = n·T products a_ip·δ_ij (for W_xh,
    /// a = X_t; for W_hh, a = H_{t−1}), grouped differently: BPTT adds all
    /// N into one running total, the lesson sums n per step and then adds the
    /// T pieces. Any way of computing a sum of N products in float32 is
    /// within γ_N·Σ|a||δ| of the exact value, γ_N = N·u/(1 − N·u),
    /// u = 2⁻²⁴ (Higham, §3.1), so the two are within twice that of each
    /// other. The largest Σ_t (|A_t|ᵀ|δ_t|)_pj over the entries, in Double,
    /// gives one tolerance for the whole matrix.
    static func pieceSumBound(_ a: [Matrix<Float>], _ deltas: [Matrix<Float>]) -> Double {
        var s = a[0].magnitudes().transposedMatmul(deltas[0].magnitudes())     // (cols of A, h), in Double
        for t in 1..<a.count { s += a[t].magnitudes().transposedMatmul(deltas[t].magnitudes()) }
        return 2 * Float.roundingGamma(a[0].rows * a.count) * s.maxAbs()             // N = n·T products
    }
}
