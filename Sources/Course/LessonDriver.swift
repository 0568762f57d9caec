import ArgumentParser
import Foundation
import Plot
import PlotCairo

/// What identifies a lesson in the course.
public struct LessonInfo: Sendable {
    public var number: Int
    public var slug: String
    public var executable: String
    public var title: Bilingual
    /// One line for the course index.
    public var summary: Bilingual
    /// Whether the command shown to students builds in release mode: a
    /// lesson whose default run is long in a debug build (05's sweep) says so.
    public var prefersRelease: Bool

    public init(number: Int, slug: String, executable: String, title: Bilingual, summary: Bilingual,
                prefersRelease: Bool = false) {
        self.number = number
        self.slug = slug
        self.executable = executable
        self.title = title
        self.summary = summary
        self.prefersRelease = prefersRelease
    }

    /// The command that runs this lesson with `seed`, as the reports show it.
    public func command(seed: UInt64) -> String {
        "swift run \(prefersRelease ? "-c release " : "")\(executable) --seed \(seed)"
    }

    /// `03-concat`: the lesson's folder in `Lessons/` and in `Output/`.
    public var folderName: String { (number < 10 ? "0" : "") + "\(number)-\(slug)" }
}

/// A figure of a lesson: written as `figures/<name>.png` and `.svg`.
public struct FigureSpec {
    public var name: String
    public var caption: Bilingual
    public var figure: any Figure

    public init(name: String, caption: Bilingual, figure: any Figure) {
        self.name = name
        self.caption = caption
        self.figure = figure
    }

    public static let formats: [ImageFormat] = [.png, .svg]

    /// The Markdown that shows the figure, relative to the report.
    public func markdown(_ language: Language) -> String {
        "![\(caption[language])](figures/\(name).png)\n\n*\(caption[language])* ([SVG](figures/\(name).svg))"
    }
}

/// Everything one run of a lesson produced.
public struct LessonOutcome {
    public var config: [(String, JSONValue)]
    /// The inputs and results for `--json`, built only when asked for: at
    /// the size caps they hold millions of numbers, and formatting them costs
    /// seconds that a plain run does not need.
    public var inputs: () -> [(String, JSONValue)]
    public var results: () -> [(String, JSONValue)]
    public var claims: [Claim]
    /// The human-readable text for the terminal (without the claims, which
    /// the driver prints).
    public var text: String
    public var figures: [FigureSpec]
    /// The lesson's own template values for a language.
    public var reportValues: (Language) throws -> [String: Any]

    public init(config: [(String, JSONValue)],
                inputs: @autoclosure @escaping () -> [(String, JSONValue)],
                results: @autoclosure @escaping () -> [(String, JSONValue)],
                claims: [Claim], text: String, figures: [FigureSpec] = [],
                reportValues: @escaping (Language) throws -> [String: Any]) {
        self.config = config
        self.inputs = inputs
        self.results = results
        self.claims = claims
        self.text = text
        self.figures = figures
        self.reportValues = reportValues
    }
}

/// Runs a lesson the same way for every executable: checks the output
/// folder first, computes, prints text or JSON, refuses to write a report
/// whose claims fail, and maps failures to the exit codes of DESIGN.md
/// (64 bad argument — raised by ArgumentParser before this runs; 1 failed
/// claim or I/O error).
public enum LessonDriver {
    public static func run(
        _ info: LessonInfo, options: CommonOptions, source: LessonSource,
        compute: () throws -> LessonOutcome
    ) throws {
        do {
            if let dir = options.outputDir { try OutputFiles.validateFolder(dir) }
            let outcome = try compute()
            let failed = outcome.claims.filter { !$0.holds }
            if options.json {
                print(document(info, options: options, outcome: outcome).serialized())
            } else if !options.quiet {
                print(outcome.text)
                print(claimsText(outcome.claims))
            }
            guard failed.isEmpty else {
                for claim in failed {
                    printError("\(info.executable): claim '\(claim.id)' does not hold: \(claim.statement.en) (measured \(NumberText.short(claim.measured)), required \(claim.comparison.symbol) \(NumberText.short(claim.tolerance)))")
                }
                throw LessonError.claimsFailed(failed.map(\.id))
            }
            if let dir = options.outputDir {
                let files = try stage(info, options: options, source: source, outcome: outcome)
                try files.commit(to: URL(fileURLWithPath: dir))
                if !options.quiet && !options.json {
                    print("wrote \(dir)/\(info.folderName)/ (\(files.relativePaths.count) files)")
                }
            }
        } catch let error as LessonError {
            if case .io = error { printError("\(info.executable): error: \(error)") }
            throw ExitCode(1)
        }
    }

    /// The `--json` document: `{"lesson", "seed", "config", "inputs", "results", "claims"}`.
    public static func document(_ info: LessonInfo, options: CommonOptions, outcome: LessonOutcome) -> JSONValue {
        .object([
            ("lesson", .string(info.executable)),
            ("seed", .int(options.seed)),
            ("config", .object(outcome.config)),
            ("inputs", .object(outcome.inputs())),
            ("results", .object(outcome.results())),
            ("claims", .array(outcome.claims.map(\.json))),
        ])
    }

    /// The claims as the terminal shows them.
    public static func claimsText(_ claims: [Claim]) -> String {
        var lines = ["Claims:"]
        for c in claims {
            lines.append("  \(c.holds ? "✓" : "✗") \(c.statement.en)")
            lines.append("      measured \(c.measuredText(.en)), required \(c.comparison.symbol) \(NumberText.short(c.tolerance))")
        }
        return lines.joined(separator: "\n")
    }

    static func stage(_ info: LessonInfo, options: CommonOptions, source: LessonSource, outcome: LessonOutcome) throws -> OutputFiles {
        var files = OutputFiles()
        let folder = info.folderName
        for language in Language.allCases {
            var values = try outcome.reportValues(language)
            values["claims_table"] = Report.claimsTable(outcome.claims, language: language)
            values["seed"] = String(options.seed)
            values["command"] = info.command(seed: options.seed)
            for figure in outcome.figures { values["figure_\(figure.name)"] = figure.markdown(language) }
            let template = try source.template(for: language)
            let text = try Report.render(template: template, values: values, templateName: language.reportFileName)
            files.add("\(folder)/\(language.reportFileName)", text: text)
        }
        for figure in outcome.figures {
            for format in FigureSpec.formats {
                files.add("\(folder)/figures/\(figure.name).\(format.rawValue)") { url in
                    try Data(render(figure.figure, as: format)).write(to: url)
                }
            }
        }
        files.add("\(folder)/claims.json", text: CourseIndex.entry(info, options: options, outcome: outcome).serialized() + "\n")
        return files
    }
}

/// Writes a line to standard error.
public func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
