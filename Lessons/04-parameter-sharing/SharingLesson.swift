import ArgumentParser
import Course
import Network
import Tensor

/// Lesson 04: the RNN uses the same five parameters at every time step, so
/// their number, d·h + h·h + h + h·q + q, does not depend on T — and each
/// parameter's gradient is the sum of the gradients of T untied copies.
///
/// Reads top to bottom: configuration → data → the tied network and BPTT →
/// the untied network and its backward pass (`SharingUntied.swift`) → the
/// closed form of ∂L/∂H_1 (`SharingClosedForm.swift`) → the storage that
/// forward passes over T steps read (`SharingLedger.swift`). The claims are in `SharingClaims.swift`, the
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
        /// multiply-adds, at most 6e8, the closed form of ∂L/∂H_1 about
        /// T²·n·h²/2, at most 1.6e9; a run at the caps takes about two
        /// seconds of CPU time in a release build.
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
        /// The tied network's gradients, from BPTT (`rnnBackward`).
        var grads: RNNGradients<Float>
        /// The untied network: its forward pass and its backward pass (each
        /// copy's gradient, the two terms of ∂L/∂H_t, δ_t).
        var untiedForward: RNNForward<Float>
        var untied: Untied.Backward<Float>
        /// Σ_t of the copies' gradients.
        var untiedSum: RNNParameters<Float>
        /// The same backward pass on magnitudes (Double): A of the rounding bound.
        var magnitudes: Untied.Backward<Double>
        /// ∂L/∂H_1 as the closed-form sum over source steps (in Double), and
        /// each term's size.
        var closedFormDH1: Matrix<Double>
        var closedFormTerms: [ClosedForm.Term]
        /// What forward passes over `config.countedSteps` steps read, with
        /// shared weights and with separate weights per step.
        var shared, separate: [SharingLedger.Count]

        /// X_tᵀ δ_t: copy t's gradient of W_xh, t = 1…T.
        var piecesXH: [Matrix<Float>] { untied.copyGradients.map(\.wXH) }
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

        // Tied: T steps, all with the same `params`; L = Σ_t ½‖O_t − Y_t‖²; BPTT.
        let forward = rnnForward(xs: xs, h0: h0, params: params, activation: .tanh)
        let dO = zip(forward.outputs, ys).map { $0 - $1 }       // ∂L/∂O_t = O_t − Y_t, each (n, q)
        let grads = rnnBackward(xs: xs, forward: forward, params: params, activation: .tanh,
                                outputGradient: .everyStep(dO))

        // Untied: T copies with the same values in storage of their own, one
        // per step; backpropagate through that network, then add up the
        // copies' gradients. The sum must equal the tied gradient.
        let copies = (0..<steps).map { _ in params.separateCopy() }   // T sets of five matrices
        let untiedForward = Untied.forward(xs: xs, h0: h0, copies: copies)
        let untied = Untied.backward(xs: xs, states: untiedForward.states, copies: copies,
                                     tanhDerivatives: Untied.tanhDerivatives(untiedForward), outputGradients: dO)
        let untiedSum = untied.sum                              // Σ_t ∂L/∂(copy t)
        // END-QUOTE compute
        let closedForm = ClosedForm.evaluate(outputTerms: untied.outputTerms,
                                             tanhDerivatives: Untied.tanhDerivatives(forward), wHH: params.wHH)
        let counts = SharingLedger.counts(params: params, xs: xs, steps: config.countedSteps)
        return Result(
            params: params, xs: xs, ys: ys, h0: h0, forward: forward,
            loss: SequenceLoss.everyStep(ys.map { .squaredError(target: $0) }).value(outputs: forward.outputs),
            grads: grads, untiedForward: untiedForward, untied: untied, untiedSum: untiedSum,
            magnitudes: Untied.magnitudes(xs: xs, forward: forward, params: params, outputGradients: dO),
            closedFormDH1: closedForm.dH1, closedFormTerms: closedForm.table,
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
}
