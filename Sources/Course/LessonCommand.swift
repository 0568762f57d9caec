import ArgumentParser
import Foundation
import Plot
import PlotCairo

/// The executable of every lesson: `@main enum Main { static func main() { LessonCommand<ConcatLesson>.main() } }`.
///
/// Parses the common options and the lesson's `Config`, runs the lesson,
/// prints text or JSON, refuses to write a report whose claims fail, writes
/// the report and figures with `--output-dir`, and maps failures to the exit
/// codes of DESIGN.md: 64 a bad argument (raised by ArgumentParser before
/// `run`), 1 a failed claim or an I/O error.
public struct LessonCommand<L: Lesson>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: L.executable, abstract: L.abstract, discussion: L.discussion)
    }

    @OptionGroup public var common: CommonOptions
    @OptionGroup public var config: L.Config

    public init() {}

    public func run() throws {
        do {
            if let dir = common.outputDir { try OutputFiles.validateFolder(dir) }
            let source = LessonSource(folder: L.folder)
            let strings = try source.strings()
            let course = try LessonSource.courseStrings()
            Progress.isEnabled = !common.quiet && !common.json && isatty(STDERR_FILENO) == 1
            let result = L.run(config, seed: common.seed)
            Progress.show(nil)
            let claims = try L.claims(result, config).map { try $0.resolved(strings, course: course) }
            if common.json {
                print(document(result, claims: claims).serialized())
            } else if !common.quiet {
                print(header(strings: strings[.en]))
                print(L.text(result, config, strings: strings[.en]))
                print(Self.claimsText(claims))
            }
            let failed = claims.filter { !$0.holds }
            guard failed.isEmpty else {
                for claim in failed {
                    printError("\(L.executable): claim '\(claim.id)' does not hold: \(claim.statement[.en]) (measured \(NumberText.short(claim.measured)), required \(claim.comparison.symbol) \(NumberText.short(claim.tolerance)))")
                }
                throw LessonError.claimsFailed(failed.map(\.id))
            }
            if let dir = common.outputDir {
                let files = try stage(result, claims: claims, source: source, strings: strings, course: course)
                try files.commit(to: URL(fileURLWithPath: dir))
                if !common.quiet && !common.json {
                    print("wrote \(dir)/\(L.folder)/ (\(files.relativePaths.count) files)")
                }
            }
        } catch let error as LessonError {
            if case .io = error { printError("\(L.executable): error: \(error)") }
            throw ExitCode(1)
        }
    }

    /// `Lesson 03 · concat — <title>` and the settings of this run.
    func header(strings: StringTable) -> String {
        let title = (try? strings.text("title")) ?? ""
        let number = L.number < 10 ? "0\(L.number)" : "\(L.number)"
        return "Lesson \(number) · \(L.executable) — \(title)\nseed \(common.seed) · \(ConfigValues.summary(config))\n"
    }

    /// The `--json` document: `{"lesson", "seed", "config", "inputs", "results", "claims"}`.
    func document(_ result: L.Result, claims: [Claim]) -> JSONValue {
        let (inputs, results) = L.json(result, config)
        return .object([
            ("lesson", .string(L.executable)),
            ("seed", .int(common.seed)),
            ("config", .object(ConfigValues.entries(config).map { ($0.key, $0.value) })),
            ("inputs", .object(inputs)),
            ("results", .object(results)),
            ("claims", .array(claims.map(\.json))),
        ])
    }

    /// The claims as the terminal shows them.
    public static func claimsText(_ claims: [Claim]) -> String {
        var lines = ["Claims:"]
        for c in claims {
            lines.append("  \(c.holds ? "✓" : "✗") \(c.statement[.en])")
            lines.append("      measured \(c.measuredText(.en)), required \(c.comparison.symbol) \(NumberText.short(c.tolerance))")
        }
        return lines.joined(separator: "\n")
    }

    /// The report in every language, the figures and `claims.json`, staged
    /// so that they are written together or not at all.
    func stage(_ result: L.Result, claims: [Claim], source: LessonSource, strings: StringTables,
               course: StringTables) throws -> OutputFiles {
        var files = OutputFiles()
        let figures = try L.figures(result, config, strings: strings)
        let values = try L.reportValues(result, config, seed: common.seed, source: source)
        for language in Language.allCases {
            var common = [
                "title": try strings[language].text("title"),
                "claims_table": try Report.claimsTable(claims, language: language, course: course),
                "seed": String(self.common.seed),
                "command": L.command(seed: self.common.seed),
            ]
            for figure in figures { common["figure_\(figure.name)"] = figure.markdown(language) }
            let text = try Report.render(template: try source.template(for: language), values: values,
                                         common: common, templateName: language.reportFileName)
            files.add("\(L.folder)/\(language.reportFileName)", text: text)
        }
        for figure in figures {
            for language in Language.allCases {
                let drawn = try figure.figure(language)
                for format in FigureSpec.formats {
                    files.add("\(L.folder)/\(figure.path(language, format))", bytes: { try render(drawn, as: format) })
                }
            }
        }
        let entry = try CourseIndex.entry(lesson: L.self, seed: common.seed, strings: strings,
                                          figures: figures.map(\.name), claims: claims)
        files.add("\(L.folder)/claims.json", text: entry.serialized() + "\n")
        return files
    }
}

/// One status line on standard error for long runs, overwritten in place;
/// shown only when standard error is a terminal and neither `--json` nor
/// `--quiet` was given.
public enum Progress {
    nonisolated(unsafe) public static var isEnabled = false

    /// Shows `text`, or clears the line when it is nil.
    public static func show(_ text: String?) {
        guard isEnabled else { return }
        let line = text.map { "\r\u{1B}[K\($0)" } ?? "\r\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Writes a line to standard error.
public func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
