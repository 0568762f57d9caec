import ArgumentParser
import Foundation
import Site

/// Writes `Output/site/`, the course as a static website, from the reports
/// the lessons and course-index wrote. `make lessons` runs it last;
/// `make site` runs it alone.
struct CourseSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course-site",
        abstract: "Write the course as a static website (OUTPUT/site/) from the lessons' Markdown reports.")

    @Argument(help: "The output folder the lessons and course-index wrote to.")
    var outputDir = "Output"

    @Option(help: "The folder with KaTeX's katex.js, katex.min.css and fonts/ (Debian's katex package).")
    var katex = "/usr/share/javascript/katex"

    @Option(help: "The seed of lesson 05's interactive curves: the seed the lessons ran with.")
    var seed: UInt64 = 0

    @Option(help: "The repository the reports' links into it point to (default: the output folder's parent).")
    var repository: String?

    @Flag(help: "Print nothing on success.")
    var quiet = false

    func run() throws {
        do {
            let builder = try SiteBuilder(output: URL(fileURLWithPath: outputDir, isDirectory: true),
                                          katex: try KaTeX.locate(directory: katex), seed: seed,
                                          repository: repository.map { URL(fileURLWithPath: $0, isDirectory: true) })
            let written = try builder.build()
            if !quiet { print("course-site: wrote \(written.pages) pages (\(written.files) files) to \(builder.destination.path)") }
        } catch let error as SiteError {
            FileHandle.standardError.write(Data("course-site: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

CourseSiteCommand.main()
