import ArgumentParser
import Course
import Tensor

@main
struct ConcatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concat",
        abstract: "Lesson 03: X·W_xh + H·W_hh equals cat(X, H)·cat(W_xh, W_hh).",
        discussion: """
        Draws X (batch × inputs), W_xh (inputs × hiddens), H (batch × hiddens) and \
        W_hh (hiddens × hiddens) in that order, computes the hidden layer's input \
        both ways, prints every tensor the way PyTorch prints it, and checks that \
        the two results agree to within float32 rounding.

        Examples:
          swift run concat                 the book's shapes (3,1), (1,4), (3,4), (4,4)
          swift run concat --seed 7 --hiddens 8
          swift run concat --json          one JSON document with inputs and results
        """)

    @OptionGroup var common: CommonOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Examples per batch, n: 1 to 1024 (default 3, as in the book).", valueName: "n"),
            transform: { try OptionParsing.size($0, option: "--batch", range: ConcatLesson.Config.sizeRange) })
    var batch = 3

    @Option(parsing: .unconditional, help: ArgumentHelp("Inputs per example, d: 1 to 1024 (default 1).", valueName: "d"),
            transform: { try OptionParsing.size($0, option: "--inputs", range: ConcatLesson.Config.sizeRange) })
    var inputs = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Hidden units, h: 1 to 1024 (default 4).", valueName: "h"),
            transform: { try OptionParsing.size($0, option: "--hiddens", range: ConcatLesson.Config.sizeRange) })
    var hiddens = 4

    func run() throws {
        let config = ConcatLesson.Config(batch: batch, inputs: inputs, hiddens: hiddens)
        let source = LessonSource(file: #filePath)
        try LessonDriver.run(ConcatLesson.info, options: common, source: source) {
            let result = ConcatLesson.run(config, seed: common.seed)
            let claims = ConcatLesson.claims(result, config)
            return try ConcatReport.outcome(result, config, claims: claims, seed: common.seed, source: source)
        }
    }
}
