import ArgumentParser

/// The options every lesson accepts (DESIGN.md, "Command line").
public struct CommonOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Seed for every random tensor, a whole number from 0 to 18446744073709551615.",
            discussion: "--seed s draws exactly what torch.manual_seed(s) followed by the same torch.randn calls draws in PyTorch (float32, CPU, x86-64); each report shows the PyTorch code to check it.",
            valueName: "n"),
        transform: { try OptionParsing.seed($0) })
    public var seed: UInt64 = 0

    @Option(
        name: .customLong("output-dir"),
        help: ArgumentHelp(
            "Also write this lesson's report (English and Chinese) and figures to <dir>/NN-slug/.",
            discussion: "Without it the lesson only prints. `make lessons` uses --output-dir Output.",
            valueName: "dir"))
    public var outputDir: String?

    @Flag(help: "Print one JSON document (config, inputs, results, claims) instead of text.")
    public var json = false

    @Flag(help: "Print nothing but errors and failed claims (for `make lessons`).")
    public var quiet = false

    public init() {}
}

/// Parses `--seed`, naming the option, the value and the valid range.
enum OptionParsing {
    /// A seed: a whole number in 0…2⁶⁴−1 (as `torch.manual_seed` accepts).
    static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("--seed must be a whole number from 0 to 18446744073709551615; got '\(text)'.")
        }
        return value
    }
}
