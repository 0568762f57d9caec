import ArgumentParser
import Course
import Tensor

@main
struct SharingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sharing",
        abstract: "Lesson 04: every time step uses the same parameters, so their number does not grow with T.",
        discussion: """
        Draws W_xh, W_hh, b_h, W_hq, b_q (each scaled by 1/√hiddens, the scale of \
        nn.RNN's own initialisation), then the inputs X (steps × batch × inputs) and \
        targets Y, as torch.randn would after torch.manual_seed(seed). \
        Runs the RNN (φ = tanh, H_0 = 0) over the sequence with a squared-error \
        loss at every step and backpropagates through time; shows that each \
        weight's gradient is the sum of one piece per step (X_tᵀ·δ_t for W_xh, \
        H_{t−1}ᵀ·δ_t for W_hh). Then counts the parameter storage that forward \
        passes over T = 1, 10, 100 and 1000 steps actually read: the same \
        d·h + h·h + h + h·q + q numbers every time, against T times as many for \
        a network with separate weights per step.

        Defaults follow the book's example (batch 3, one input, 4 hidden units) \
        with one output and 5 steps: 29 parameters.

        Examples:
          swift run sharing                      n = 3, d = 1, h = 4, q = 1, T = 5
          swift run sharing --seed 7 --hiddens 8 --steps 20
          swift run sharing --json               JSON: config, inputs, results, claims
        """)

    @OptionGroup var common: CommonOptions

    @Option(parsing: .unconditional, help: "Sequences per batch, n (1 to 32; default 3).",
            transform: { try OptionParsing.size($0, option: "--batch", range: SharingLesson.Config.batchRange) })
    var batch = 3

    @Option(parsing: .unconditional, help: "Inputs per step, d (1 to 100; default 1).",
            transform: { try OptionParsing.size($0, option: "--inputs", range: SharingLesson.Config.sizeRange) })
    var inputs = 1

    @Option(parsing: .unconditional, help: "Hidden units, h (1 to 100; default 4).",
            transform: { try OptionParsing.size($0, option: "--hiddens", range: SharingLesson.Config.sizeRange) })
    var hiddens = 4

    @Option(parsing: .unconditional, help: "Outputs per step, q (1 to 100; default 1).",
            transform: { try OptionParsing.size($0, option: "--outputs", range: SharingLesson.Config.sizeRange) })
    var outputs = 1

    @Option(parsing: .unconditional, help: "Time steps T of the sequence that is backpropagated (1 to 100; default 5); the count runs always use T = 1, 10, 100, 1000.",
            transform: { try OptionParsing.size($0, option: "--steps", range: SharingLesson.Config.stepsRange) })
    var steps = 5

    func run() throws {
        let config = SharingLesson.Config(batch: batch, inputs: inputs, hiddens: hiddens, outputs: outputs, steps: steps)
        let source = LessonSource(file: #filePath)
        try LessonDriver.run(SharingLesson.info, options: common, source: source) {
            let result = SharingLesson.run(config, seed: common.seed)
            let claims = SharingLesson.claims(result, config)
            return try SharingReport.outcome(result, config, claims: claims, seed: common.seed, source: source)
        }
    }
}
