import Foundation

/// Each lesson executable end to end with its defaults (text to a pipe that
/// is read and dropped), from the same build folder as this benchmark.
enum LessonsWorkload {
    /// The lessons, in course order, as the Makefile reads them from
    /// Package.swift (`RNNLESSONS_LESSONS="mlp hidden-state …"`).
    static var lessons: [String] {
        (ProcessInfo.processInfo.environment["RNNLESSONS_LESSONS"] ?? "").split(separator: " ").map(String.init)
    }

    static func measure(_ lesson: String, repeats: Int) throws -> Timing {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let executable = folder.appendingPathComponent(lesson)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw BenchError("lesson executable \(executable.path) not found: build the lessons in the same configuration first (make bench does)")
        }
        var failure: Error?
        let timing = Timing.measure(repeats: repeats, warmUp: false) {
            do { try run(executable) } catch { failure = error }
        }
        if let failure { throw failure }
        return timing
    }

    private static func run(_ executable: URL) throws {
        let process = Process()
        process.executableURL = executable
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("\(executable.lastPathComponent) exited with status \(process.terminationStatus)")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
