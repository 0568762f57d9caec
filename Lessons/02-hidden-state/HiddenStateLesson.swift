import ArgumentParser
import Course
import Network
import Tensor

/// Lesson 02: the hidden state. H_t = φ(X_t W_xh + H_{t−1} W_hh + b_h) and
/// O_t = H_t W_hq + b_q over T steps from H_0 = 0; changing X_1 reaches every
/// later H_t, while the same layer without state forgets it after step 1.
///
/// Reads top to bottom: configuration → data → the unrolled loop → checks
/// against a hand computation (`HiddenStateByHand.swift`) → the memory
/// experiment (`HiddenStateMemory.swift`). The claims are in
/// `HiddenStateClaims.swift`, the text, JSON, report and figures in
/// `Presentation/`.
enum HiddenStateLesson: Lesson {
    /// Sizes and the activation, with small defaults whose tensors fit on a
    /// screen. n, d, h and q are capped at 32 and T at 50: a run does about
    /// twenty passes over the T steps (the loop, the hand computations in
    /// two precisions, their error bounds, the memory experiment), and at
    /// the largest sizes that stays within a few seconds even in a debug
    /// build. Fifty steps are plenty to watch a memory fade; lesson 05 goes
    /// further.
    struct Config: ParsableArguments {
        static let sizes = 1...32
        static let stepRange = 1...50
        /// What is added to every entry of X_1 in the memory experiment.
        static let perturbation: Float = 1
        /// The spectral norms ‖W_hh‖₂ of the two rescaled recurrent weights
        /// the memory chart compares with the drawn one: 0.5, where the
        /// contraction bound guarantees that the memory fades, and 6, far
        /// above 1, where the bound allows growth and only the flat parts of
        /// φ can hold the change back (at seed 0 they do not: it grows and
        /// stays; at seed 1 they do).
        static let memoryScales: [Double] = [0.5, 6]

        @Option(parsing: .unconditional, help: OptionRange.help("Examples per batch, n", sizes, valueName: "n"))
        var batch = 2
        @Option(parsing: .unconditional, help: OptionRange.help("Inputs per example and step, d", sizes, valueName: "d"))
        var inputs = 3
        @Option(parsing: .unconditional, help: OptionRange.help("Hidden units, h, the size of the state", sizes, valueName: "h"))
        var hiddens = 4
        @Option(parsing: .unconditional, help: OptionRange.help("Outputs per step, q", sizes, valueName: "q"))
        var outputs = 2
        @Option(parsing: .unconditional, help: OptionRange.help("Time steps, T", stepRange, valueName: "T"))
        var steps = 6
        @Option(parsing: .unconditional, help: ArgumentHelp("The activation φ.", valueName: "phi"))
        var activation = Activation.tanh

        func validate() throws {
            try OptionRange.check("--batch", batch, Self.sizes)
            try OptionRange.check("--inputs", inputs, Self.sizes)
            try OptionRange.check("--hiddens", hiddens, Self.sizes)
            try OptionRange.check("--outputs", outputs, Self.sizes)
            try OptionRange.check("--steps", steps, Self.stepRange)
        }
    }

    struct Result {
        // The draws, in the order of the PyTorch snippet.
        var xs: [Matrix<Float>]              // X_1 … X_T, each (n, d)
        var params: RNNParameters<Float>
        // The unrolled loop (Network.rnnForward) and the same steps by hand.
        var forward: RNNForward<Float>       // H_0 … H_T and O_1 … O_T
        var handFloat: HandRun<Float>        // same operations, same order, float32
        var handDouble: HandRun<Double>      // the reference, float64
        var check: ReferenceCheck
        // How large Z_t is, and how much of the run φ flattens.
        var scale: PreActivationScale
        // The memory of X_1.
        var memory: MemoryExperiment

        /// H_1 … H_T (H_0 = 0 is not part of the printed stack).
        var states: [Matrix<Float>] { Array(forward.states.dropFirst()) }
    }

    static func run(_ config: Config, seed: UInt64) -> Result {
        let n = config.batch, d = config.inputs, h = config.hiddens, q = config.outputs, T = config.steps
        let phi = config.activation
        var generator = TorchGenerator(seed: seed)
        // BEGIN-QUOTE compute
        // Draws in the order of the PyTorch snippet: the parameters first, so
        // that --steps changes the data but not the network. Weights are
        // divided by √fan-in, so X_t W_xh has entries of variance about 1;
        // H_{t−1} W_hh and the unscaled bias add their own (the report
        // measures the sum).
        let wXH = Matrix<Float>.randn(d, h, using: &generator).map { $0 / Float(d).squareRoot() } // (d, h)
        let wHH = Matrix<Float>.randn(h, h, using: &generator).map { $0 / Float(h).squareRoot() } // (h, h)
        let bH = Matrix<Float>.randn(1, h, using: &generator)                                     // (1, h)
        let wHQ = Matrix<Float>.randn(h, q, using: &generator).map { $0 / Float(h).squareRoot() } // (h, q)
        let bQ = Matrix<Float>.randn(1, q, using: &generator)                                     // (1, q)
        let params = RNNParameters(wXH: wXH, wHH: wHH, bH: bH, wHQ: wHQ, bQ: bQ)

        // X is ONE (T, n, d) draw; X_t is its t-th (n, d) slice.
        let xDraw = generator.randn(T * n * d)                           // (T, n, d), row-major
        let xs = (0..<T).map { t in
            Matrix(rows: n, cols: d, scalars: Array(xDraw[(t * n * d)..<((t + 1) * n * d)]))
        }                                                                // X_1 … X_T, each (n, d)

        // The unrolled loop: H_t = φ(X_t W_xh + H_{t−1} W_hh + b_h), O_t = H_t W_hq + b_q.
        let h0 = Matrix<Float>.zeros(n, h)                               // H_0 = 0, (n, h)
        let forward = rnnForward(xs: xs, h0: h0, params: params, activation: phi)
        // forward.states: H_0 … H_T, each (n, h); forward.outputs: O_1 … O_T, each (n, q)
        // END-QUOTE compute

        let handFloat = ByHand.run(xs: xs, params: params, activation: phi)
        let handDouble = ByHand.run(xs: xs.map { $0.converted(to: Double.self) },
                                    params: params.map { $0.converted(to: Double.self) }, activation: phi)
        let check = ReferenceCheck(forward: forward, handFloat: handFloat, handDouble: handDouble,
                                   xs: xs, params: params, activation: phi)
        let scale = PreActivationScale(xs: xs, params: params, forward: forward, activation: phi)
        let memory = MemoryExperiment.run(xs: xs, params: params, forward: forward, activation: phi)
        return Result(xs: xs, params: params, forward: forward, handFloat: handFloat, handDouble: handDouble,
                      check: check, scale: scale, memory: memory)
    }
}
