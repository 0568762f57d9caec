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

/// Parsers for option values that report the option, the value and the
/// valid range, so a student sees at once what to type instead.
public enum OptionParsing {
    /// A seed: a whole number in 0…2⁶⁴−1 (as `torch.manual_seed` accepts).
    public static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("--seed must be a whole number from 0 to 18446744073709551615; got '\(text)'.")
        }
        return value
    }

    /// A size option (`--hiddens`, `--steps`, …): a whole number in `range`.
    public static func size(_ text: String, option: String, range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError("\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(text)'.")
        }
        return value
    }

    /// A real number in `range` (for example ρ or θ).
    public static func real(_ text: String, option: String, range: ClosedRange<Double>) throws -> Double {
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw ValidationError("\(option) must be a number from \(range.lowerBound) to \(range.upperBound); got '\(text)'.")
        }
        return value
    }

    /// A comma-separated list of reals, each in `range`, at most `maxCount`.
    public static func realList(_ text: String, option: String, range: ClosedRange<Double>, maxCount: Int) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= maxCount else {
            throw ValidationError("\(option) takes 1 to \(maxCount) comma-separated numbers; got '\(text)'.")
        }
        return try parts.map { try real(String($0), option: option, range: range) }
    }
}
