import Foundation
import TestSupport

/// A built executable of the package, run as a child process the way a
/// student or `make lessons` runs it.
struct Executable {
    let url: URL

    /// The debug build beside the test runner (built by `swift build --build-tests`).
    static func debug(_ name: String) -> Executable {
        Executable(url: LessonProcess.productsFolder.appendingPathComponent(name))
    }

    /// The release build (`make release`, which `make test` runs first),
    /// if it is current — no source it is built from is newer — since a
    /// stale binary would test old code. Lesson 05 takes ~30 s in a debug
    /// build and about a second in release. For `course-output`, the
    /// lessons and `course-index` beside it must be current too (it runs them).
    static func release(_ name: String) -> Executable? {
        let folder = LessonProcess.productsFolder.deletingLastPathComponent().appendingPathComponent("release")
        let needed = name == "course-output" ? [name, "course-index"] + CourseLessons.all : [name]
        for product in needed {
            guard let built = modified(folder.appendingPathComponent(product)),
                  let sources = sourceFolders[product], built >= newest(in: sources) else { return nil }
        }
        return Executable(url: folder.appendingPathComponent(name))
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The folders each product is built from (Package.swift's targets).
    static let sourceFolders: [String: [String]] = {
        let libraries = ["Package.swift", "Sources/Tensor", "Sources/Network", "Sources/Plot", "Sources/CCairo", "Sources/Course"]
        var folders = ["course-output": libraries + ["Sources/CourseOutput"], "course-index": libraries + ["Sources/CourseIndex"]]
        for (lesson, folder) in CourseLessons.folders { folders[lesson] = libraries + ["Lessons/\(folder)"] }
        return folders
    }()

    /// The newest modification time of the files under `paths` (relative to the package).
    static func newest(in paths: [String]) -> Date {
        var newest = Date.distantPast
        for relative in paths {
            let base = packageRoot.appendingPathComponent(relative)
            newest = max(newest, modified(base) ?? .distantPast)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            while let path = walker.nextObject() as? String {
                newest = max(newest, modified(base.appendingPathComponent(path)) ?? .distantPast)
            }
        }
        return newest
    }

    /// The fastest build available: release if current, else debug.
    static func fastest(_ name: String) -> Executable { release(name) ?? debug(name) }

    private static func modified(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    var name: String { url.lastPathComponent }

    /// Starts the executable; the caller waits or kills.
    func start(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
               prefix: [String] = []) throws -> Child {
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = url
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [url.path] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = FileHandle(forWritingAtPath: "/dev/null")!
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Child(process: process, stderr: err)
    }

    /// Runs to the end.
    func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
             prefix: [String] = []) throws -> Finished {
        try start(arguments, environment: environment, in: directory, prefix: prefix).wait()
    }
}

/// A running child process.
struct Child {
    let process: Process
    let stderr: Pipe

    var pid: Int32 { process.processIdentifier }

    func wait() -> Finished {
        let data = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Finished(signaled: process.terminationReason == .uncaughtSignal,
                        status: process.terminationStatus,
                        stderr: String(decoding: data, as: UTF8.self))
    }

    /// Sends `signal` to the child and to the children it started itself
    /// (the course tool's lessons), stopping it first so it starts no more.
    func kill(_ signal: Int32, includingChildren: Bool = false) {
        if includingChildren {
            Foundation.kill(pid, SIGSTOP)
            for child in Self.children(of: pid) { Foundation.kill(child, SIGKILL) }
            Foundation.kill(pid, signal)
            Foundation.kill(pid, SIGCONT)
        } else {
            Foundation.kill(pid, signal)
        }
    }

    /// The processes whose parent is `pid`, from /proc.
    static func children(of pid: Int32) -> [Int32] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> Int32? in
            guard let child = Int32(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == pid ? child : nil
        }
    }
}

/// How a child ended.
struct Finished: CustomStringConvertible {
    /// Killed by a signal (then `status` is the signal number).
    var signaled: Bool
    var status: Int32
    var stderr: String

    var exitCode: Int32? { signaled ? nil : status }

    var description: String {
        (signaled ? "killed by signal \(status)" : "exit \(status)") + (stderr.isEmpty ? "" : "; stderr: \(stderr.prefix(600))")
    }
}
