import ArgumentParser
import Course
import Tensor

@main
struct HiddenStateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hidden-state",
        abstract: "Lesson 02: the hidden state H_t = φ(X_t·W_xh + H_{t−1}·W_hh + b_h) carries history.",
        discussion: """
        Draws X as one (steps × batch × inputs) tensor, then W_xh, W_hh, b_h, W_hq \
        and b_q, runs the RNN from H_0 = 0 and prints the states H_1 … H_T and the \
        outputs O_t = H_t·W_hq + b_q the way PyTorch prints them. It checks the loop \
        against a computation by hand, then adds 1 to X_1 only and measures how much \
        each H_t moves: with state every step moves, without state only step 1.

        Examples:
          swift run hidden-state                    small defaults, tanh
          swift run hidden-state --steps 40         watch the memory fade
          swift run hidden-state --activation relu  dead units can stop it
          swift run hidden-state --json             inputs and results as JSON
        """)

    @OptionGroup var common: CommonOptions

    @Option(parsing: .unconditional, help: "Examples per batch, n (1 to 32; default 2).",
            transform: { try OptionParsing.size($0, option: "--batch", range: HiddenStateLesson.Config.sizeRange) })
    var batch = 2

    @Option(parsing: .unconditional, help: "Inputs per example and step, d (1 to 32; default 3).",
            transform: { try OptionParsing.size($0, option: "--inputs", range: HiddenStateLesson.Config.sizeRange) })
    var inputs = 3

    @Option(parsing: .unconditional, help: "Hidden units, h: the size of the state (1 to 32; default 4).",
            transform: { try OptionParsing.size($0, option: "--hiddens", range: HiddenStateLesson.Config.sizeRange) })
    var hiddens = 4

    @Option(parsing: .unconditional, help: "Outputs per step, q (1 to 32; default 2).",
            transform: { try OptionParsing.size($0, option: "--outputs", range: HiddenStateLesson.Config.sizeRange) })
    var outputs = 2

    @Option(parsing: .unconditional, help: "Time steps, T (1 to 50; default 6).",
            transform: { try OptionParsing.size($0, option: "--steps", range: HiddenStateLesson.Config.stepsRange) })
    var steps = 6

    @Option(parsing: .unconditional, help: ArgumentHelp("The activation φ: tanh, sigmoid, relu or identity (default tanh).", valueName: "name"),
            transform: { try HiddenStateCommand.activation($0) })
    var activation = Activation.tanh

    /// Parses `--activation`, naming the valid choices on a bad value.
    static func activation(_ text: String) throws -> Activation {
        let choices: [Activation] = [.tanh, .sigmoid, .relu, .identity]
        guard let phi = choices.first(where: { $0.rawValue == text }) else {
            throw ValidationError("--activation must be one of tanh, sigmoid, relu, identity; got '\(text)'.")
        }
        return phi
    }

    func run() throws {
        let config = HiddenStateLesson.Config(batch: batch, inputs: inputs, hiddens: hiddens, outputs: outputs,
                                              steps: steps, activation: activation)
        let source = LessonSource(file: #filePath)
        try LessonDriver.run(HiddenStateLesson.info, options: common, source: source) {
            let result = HiddenStateLesson.run(config, seed: common.seed)
            let claims = HiddenStateLesson.claims(result, config)
            return try HiddenStateReport.outcome(result, config, claims: claims, seed: common.seed, source: source)
        }
    }
}
