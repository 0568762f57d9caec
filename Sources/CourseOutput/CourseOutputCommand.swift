import ArgumentParser
import Course

/// The maintainer's tool behind `make lessons` and `make check-output`:
/// regenerates the whole course as one unit, and compares a fresh
/// regeneration with the committed `Output/`.
@main
struct CourseOutputCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course-output",
        abstract: "Regenerate the course output all or nothing, or check it against a fresh run.",
        subcommands: [RegenerateCommand.self, CheckCommand.self, CompareCommand.self])
}

/// What both subcommands take: where, which lessons, which seed.
struct CourseSelection: ParsableArguments {
    @Option(help: "The course output folder.")
    var output = "Output"

    @Option(help: "The seed every lesson runs with.")
    var seed: UInt64 = 0

    @Option(help: "The folder with the built lesson executables, course-index and course-site (default: this tool's folder).")
    var bin: String?

    @Option(help: "KaTeX's folder (katex.js): also build the course website, <output>/site, with course-site.")
    var katex: String?

    @Argument(help: "The lesson executables to run, in order (make passes the list in Package.swift).")
    var lessons: [String]
}

struct RegenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regenerate",
        abstract: "Run the lessons into a staging copy of the output folder and swap it in only if every lesson and every claim succeeded.")

    @OptionGroup var selection: CourseSelection

    func run() throws {
        let run = try CourseRun(selection)
        try reportingFailure { try run.regenerate() }
        print("Regenerated \(selection.output)/ (\(selection.lessons.count) lessons; index: \(selection.output)/README.md)")
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Regenerate the course into a temporary folder and compare it with the output folder.",
        discussion: "Markdown, JSON, SVG and every other file must be byte-identical. A PNG may differ in at most 0.5 % of its pixels by more than 8/255 in a channel (the tolerance of the golden-image tests: another Cairo or FreeType version rasterises edges slightly differently), unless --strict, which wants every PNG byte-identical too.")

    @OptionGroup var selection: CourseSelection

    @Flag(help: "Require byte-identical PNGs as well (CI on the reference machine).")
    var strict = false

    func run() throws {
        let fresh = try CourseRun.freshCheckout(selection)
        defer { fresh.removeTemporary() }
        try reportingFailure { try fresh.run.regenerate() }
        try CompareCommand.verdict(committed: selection.output, fresh: fresh.run.output.path, strict: strict)
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two course folders with the rules of check (no regeneration).")

    @Argument(help: "The committed folder.")
    var committed: String

    @Argument(help: "The folder to compare it with.")
    var fresh: String

    @Flag(help: "Require byte-identical PNGs as well.")
    var strict = false

    func run() throws {
        try Self.verdict(committed: committed, fresh: fresh, strict: strict)
    }

    /// Prints the comparison and exits 1 unless it passes.
    static func verdict(committed: String, fresh: String, strict: Bool) throws {
        let result = try reportingFailure { try OutputComparison.compare(committed: committed, fresh: fresh) }
        print(result.report(strict: strict, committed: committed))
        if !result.passes(strict: strict) { throw ExitCode(1) }
    }
}

/// Prints a ``CourseFailure`` as `course-output: error: …` and exits 1.
func reportingFailure<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let failure as CourseFailure {
        printError("course-output: error: \(failure)")
        throw ExitCode(1)
    }
}
