import Foundation
import Testing

/// Errors, not crashes (issue 13, item 4): a full disk, a file-size limit,
/// a read-only or unwritable folder, a dangling link. Each run must exit 1
/// with a message naming the path and the cause, leave the old folder byte
/// for byte, and leave no staging behind.
@Suite(.serialized) struct DiskFaultTests {
    static let lesson = "mlp"
    static let folder = "01-mlp"

    /// Runs mlp seed 1 into `dir`, then seed 2 under the fault, and checks
    /// the failure; returns the failed run for further checks.
    @discardableResult
    static func expectCleanFailure(in dir: URL, cause: String, prefix: [String] = [], seedRunAsRoot: Bool = true,
                                   prepareFault: () throws -> Void = {}) throws -> Finished {
        let lesson = Executable.fastest(Self.lesson)
        let before = FolderSnapshot(try CourseLessons.cleanRun(lesson, seed: 1, into: dir))
        try prepareFault()
        let end = try lesson.run(["--seed", "2", "--output-dir", dir.path, "--quiet"], prefix: prefix)
        #expect(end.exitCode == 1, "\(end)")
        #expect(end.stderr.contains(dir.path), "the message names no path: \(end)")
        #expect(end.stderr.contains(cause), "the message does not say '\(cause)': \(end)")
        #expect(!end.stderr.contains("Fatal error"), "\(end)")
        #expect(FolderSnapshot(dir.appendingPathComponent(folder)) == before)
        #expect(Scratch.strays(in: dir, expected: [folder]).isEmpty, "left \(Scratch.strays(in: dir, expected: [folder]))")
        return end
    }

    /// A tmpfs just too small for the old folder and the new one together.
    @Test func diskFull() throws {
        let scratch = try Scratch()
        let mountPoint = scratch.path("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mount = try Executable(url: URL(fileURLWithPath: "/bin/mount"))
            .run(["-t", "tmpfs", "-o", "size=480k", "tmpfs", mountPoint.path])
        guard mount.exitCode == 0 else {
            print("skipped diskFull: cannot mount a small tmpfs here (\(mount)); the file-size limit test covers the same path")
            return
        }
        defer { _ = try? Executable(url: URL(fileURLWithPath: "/bin/umount")).run([mountPoint.path]) }
        try Self.expectCleanFailure(in: mountPoint, cause: "No space left on device")
    }

    /// `ulimit -f`: writes beyond the limit fail with EFBIG (SIGXFSZ is
    /// ignored while writing, so it does not kill the lesson mid-write).
    @Test func fileSizeLimit() throws {
        let scratch = try Scratch()
        // 40 kB: the Markdown and JSON fit, the 53 kB PNG does not.
        try Self.expectCleanFailure(in: scratch.path("out"), cause: "File too large",
                                    prefix: ["/usr/bin/prlimit", "--fsize=40000"])
    }

    /// A read-only file system (a tmpfs remounted read-only).
    @Test func readOnlyFileSystem() throws {
        let scratch = try Scratch()
        let mountPoint = scratch.path("ro")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mount = Executable(url: URL(fileURLWithPath: "/bin/mount"))
        guard try mount.run(["-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.path]).exitCode == 0 else {
            print("skipped readOnlyFileSystem: cannot mount a tmpfs here; unwritableFolderAsNobody covers a read-only folder")
            return
        }
        defer { _ = try? Executable(url: URL(fileURLWithPath: "/bin/umount")).run([mountPoint.path]) }
        try Self.expectCleanFailure(in: mountPoint, cause: "Read-only file system") {
            let remount = try mount.run(["-o", "remount,ro", mountPoint.path])
            guard remount.exitCode == 0 else { throw FixtureError("remount ro: \(remount)") }
        }
    }

    /// As an unprivileged user (root writes anywhere): a folder that user
    /// cannot write, and one that vanished and cannot be created again.
    @Test func unwritableFolderAsNobody() throws {
        guard geteuid() == 0 else {
            print("skipped unwritableFolderAsNobody: needs root to switch to uid 65534 (as a normal user the folder would simply be ours)")
            return
        }
        guard access("/usr/bin/setpriv", X_OK) == 0 else {
            print("skipped unwritableFolderAsNobody: no setpriv to drop to uid 65534")
            return
        }
        let nobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let scratch = try Scratch()
        chmod(scratch.url.path, 0o755)
        let dir = scratch.path("out")
        // The binary must be reachable by nobody (the build folders are 0755 here).
        let probe = try Executable.fastest(Self.lesson).run(["--help"], prefix: nobody)
        guard probe.exitCode == 0 else {
            print("skipped unwritableFolderAsNobody: uid 65534 cannot run the lesson (\(probe))")
            return
        }
        try Self.expectCleanFailure(in: dir, cause: "not writable", prefix: nobody)
        // Vanished: the folder was removed and its parent is not ours.
        let gone = dir.appendingPathComponent("removed/again")
        let end = try Executable.fastest(Self.lesson).run(["--output-dir", gone.path], prefix: nobody)
        #expect(end.exitCode == 1, "\(end)")
        #expect(end.stderr.contains(gone.path) && end.stderr.contains("cannot be created"), "\(end)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("removed").path))
    }

    @Test func danglingSymlink() throws {
        let scratch = try Scratch()
        let link = scratch.path("out")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: scratch.path("nowhere/out").path)
        let end = try Executable.fastest(Self.lesson).run(["--output-dir", link.path])
        #expect(end.exitCode == 1, "\(end)")
        #expect(end.stderr.contains(link.path) && end.stderr.contains("dangling"), "\(end)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("nowhere").path))
    }
}
