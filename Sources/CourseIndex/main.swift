import ArgumentParser
import Course

/// Writes the course index (`Output/README.md`, `README.zh.md`) from the
/// `claims.json` files the lessons left in the output folder. `make lessons`
/// runs it after the five lessons.
struct CourseIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course-index",
        abstract: "Write the course index from the lessons' reports.")

    @Argument(help: "The output folder the lessons wrote to.")
    var outputDir = "Output"

    func run() throws {
        do {
            try CourseIndex.write(root: outputDir)
        } catch let error as LessonError {
            printError("course-index: error: \(error)")
            throw ExitCode(1)
        }
    }
}

CourseIndexCommand.main()
