import ArgumentParser
import Course
import Foundation

/// One regeneration of the course, all or nothing.
///
/// 1. Check that every lesson executable and `course-index` exist (else
///    nothing is touched).
/// 2. Lock the output folder (the same ``OutputLock`` a lesson run takes, so
///    a lesson writing into `Output/` directly waits for the course too) and
///    clean leftovers of killed runs.
/// 3. Copy the current output into a ``StagedFolder`` beside it
///    (`.Output.staging-<pid>-<hex>`), so a partial `LESSONS=…` keeps the
///    other lessons; run each lesson into the copy, then `course-index`
///    and, with a KaTeX folder, `course-site`.
/// 4. Only if every one of them exited 0 — every lesson ran and every claim
///    held — swap the copy in for the output folder as a unit.
///
/// Any failure, SIGINT or SIGTERM removes the staging copy; the output
/// folder is then byte for byte what it was.
struct CourseRun {
    static let indexTool = "course-index"
    static let siteTool = "course-site"

    let output: URL
    let seed: UInt64
    let bin: URL
    let lessons: [String]
    /// KaTeX's folder, when the website is built too.
    let katex: String?

    init(_ selection: CourseSelection, output: String? = nil) throws {
        self.output = URL(fileURLWithPath: output ?? selection.output).standardizedFileURL
        seed = selection.seed
        lessons = selection.lessons
        katex = selection.katex
        if let bin = selection.bin {
            self.bin = URL(fileURLWithPath: bin)
        } else {
            let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            self.bin = URL(fileURLWithPath: me).deletingLastPathComponent()
        }
    }

    /// A run into a new temporary folder, for `check`.
    static func freshCheckout(_ selection: CourseSelection) throws -> (run: CourseRun, removeTemporary: () -> Void) {
        var template = Array((NSTemporaryDirectory() + "/course-output-check-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CourseFailure("cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        let run = try CourseRun(selection, output: folder + "/Output")
        return (run, { try? FileManager.default.removeItem(atPath: folder) })
    }

    /// Runs the steps above; throws ``CourseFailure`` (exit 1) naming what failed.
    func regenerate() throws {
        let tools = [Self.indexTool] + (katex == nil ? [] : [Self.siteTool])
        for name in lessons + tools where !FileManager.default.isExecutableFile(atPath: executable(name).path) {
            let kind = tools.contains(name) ? "the tool" : "lesson"
            throw CourseFailure("\(kind) '\(name)' not found: no executable \(executable(name).path) (built executables are in \(bin.path)); \(output.path) was not changed")
        }
        do {
            try Interruption.catching {
                try runUnderLock()
                if let signo = Interruption.pending {
                    Interruption.exit(after: signo, "course-output: interrupted by \(Interruption.name(signo)) just after the new \(output.path) was in place")
                }
            }
        } catch let interrupted as Interrupted {
            Interruption.exit(after: interrupted.signal,
                              "course-output: interrupted by \(Interruption.name(interrupted.signal)); \(output.path) was not changed (the staging copy was removed)")
        } catch let error as LessonError {
            throw CourseFailure("\(error); \(output.path) was not changed")
        }
    }

    private func runUnderLock() throws {
        let parent = output.deletingLastPathComponent()
        StaleStaging.restoreIfMissing(output.lastPathComponent, in: parent)
        if !FileManager.default.fileExists(atPath: output.path) {
            do {
                try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            } catch {
                throw CourseFailure("cannot create \(output.path): \(error.localizedDescription)")
            }
        }
        let lock = try OutputLock.acquire(output)
        defer { lock.release() }
        StaleStaging.clean(in: parent, target: output.lastPathComponent)
        StaleStaging.clean(in: output)
        let staged = try StagedFolder(for: output)
        do {
            try copyContents(of: output, into: staged.staging)
            for lesson in lessons {
                print("== \(lesson)")
                try runChild(lesson, ["--seed", String(seed), "--output-dir", staged.staging.path, "--quiet"],
                             what: "lesson '\(lesson)'")
            }
            try runChild(Self.indexTool, [staged.staging.path], what: "the course index")
            if let katex {
                try runChild(Self.siteTool, [staged.staging.path, "--seed", String(seed), "--katex", katex,
                                             "--repository", FileManager.default.currentDirectoryPath], what: "the course website")
            }
            try Interruption.check()
            try staged.install()
        } catch {
            staged.discard()
            throw error
        }
    }

    private func executable(_ name: String) -> URL { bin.appendingPathComponent(name) }

    /// Copies what the output folder holds now, except the lock file and
    /// leftovers, so that lessons not run this time stay as they are.
    private func copyContents(of source: URL, into destination: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path)
        for name in names.sorted() where name != OutputLock.fileName && StagingName.parse(name) == nil {
            try Interruption.check()
            do {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name),
                                                 to: destination.appendingPathComponent(name))
            } catch {
                throw CourseFailure("cannot copy \(source.appendingPathComponent(name).path) into the staging folder: \(error.localizedDescription)")
            }
        }
    }

    /// Runs one child to its end, forwarding SIGINT/SIGTERM to it; a
    /// non-zero exit is a ``CourseFailure`` (the child printed why: the
    /// failed claim, the I/O error).
    private func runChild(_ name: String, _ arguments: [String], what: String) throws {
        let process = Process()
        process.executableURL = executable(name)
        process.arguments = arguments
        do { try process.run() } catch {
            throw CourseFailure("cannot start \(executable(name).path): \(error.localizedDescription)")
        }
        var forwarded = false
        while process.isRunning {
            if let signo = Interruption.pending, !forwarded {
                kill(process.processIdentifier, signo)
                forwarded = true
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        if let signo = Interruption.pending { throw Interrupted(signal: signo) }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "killed by signal \(process.terminationStatus)"
            throw CourseFailure("\(what) failed (\(how); its message is above); \(output.path) was not changed")
        }
    }
}

/// A failure of the course run, printed as `course-output: error: …`, exit 1.
struct CourseFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
