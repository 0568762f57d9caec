@testable import Course
import Foundation
import Testing

/// The writer in-process: a commit replaces a folder as a unit with either
/// swap strategy, a failure leaves the old folder and no staging, and the
/// next run recognises and removes (only) its own leftovers.
@Suite struct StagedFolderTests {
    static func files(_ pairs: [(String, String)]) -> OutputFiles {
        var files = OutputFiles()
        for (path, text) in pairs { files.add(path, text: text) }
        return files
    }

    static let first = [("01-x/README.md", "one"), ("01-x/figures/a.svg", "<svg/>"), ("01-x/old-only.txt", "gone later")]
    static let second = [("01-x/README.md", "two"), ("01-x/figures/a.svg", "<svg>2</svg>"), ("README.md", "index")]

    @Test(arguments: [StagedFolder.Strategy.exchange, .renameAside])
    func commitReplacesTheWholeFolder(strategy: StagedFolder.Strategy) throws {
        let scratch = try Scratch()
        let root = scratch.path("out")
        try Self.files(Self.first).commit(to: root, swap: strategy)
        try Self.files(Self.second).commit(to: root, swap: strategy)
        let snapshot = FolderSnapshot(root)
        #expect(snapshot.files == ["01-x/README.md": Data("two".utf8), "01-x/figures/a.svg": Data("<svg>2</svg>".utf8),
                                   "README.md": Data("index".utf8)])
        #expect(Scratch.strays(in: root, expected: ["01-x", "README.md"]).isEmpty)
    }

    @Test func exchangeIsAvailableOnThisLinux() {
        #if os(Linux)
        #expect(AtomicExchange.isAvailable, "glibc ≥ 2.28 exports renameat2")
        #endif
    }

    @Test(arguments: [StagedFolder.Strategy.exchange, .renameAside])
    func failingWriterKeepsTheOldFolder(strategy: StagedFolder.Strategy) throws {
        let scratch = try Scratch()
        let root = scratch.path("out")
        try Self.files(Self.first).commit(to: root, swap: strategy)
        let before = FolderSnapshot(root)
        var files = Self.files(Self.second)
        files.add("01-x/figures/b.png") { throw LessonError.io("renderer exploded") }
        #expect(throws: LessonError.io("cannot produce \(root.path)/01-x/figures/b.png: renderer exploded; nothing in \(root.path) was changed")) {
            try files.commit(to: root, swap: strategy)
        }
        #expect(FolderSnapshot(root) == before)
        #expect(Scratch.strays(in: root, expected: ["01-x"]).isEmpty)
    }

    @Test func namesRoundTrip() {
        for kind in [StagingName.Kind.staging, .previous] {
            let name = StagingName.make(for: "02-hidden-state", kind: kind)
            #expect(StagingName.parse(name)?.target == "02-hidden-state")
            #expect(StagingName.parse(name)?.kind == kind)
        }
        #expect(StagingName.parse(".Output.staging-12-0badf00d")?.target == "Output")
        for foreign in ["01-mlp", ".git", ".01-mlp.staging-12-0badf00", ".01-mlp.staging-x-0badf00d",
                        ".01-mlp.backup-12-0badf00d", "..staging-1-00000000", ".rnnlessons.lock"] {
            #expect(StagingName.parse(foreign) == nil, "\(foreign)")
        }
        #expect(StagingName.isLegacyTemporary(".tmp-4242-README.md"))
        #expect(!StagingName.isLegacyTemporary(".tmp-README.md"))
    }

    /// Leftovers are removed only if the name is ours and the owner is us.
    @Test func staleCleanupTakesOnlyOurOwn() throws {
        let scratch = try Scratch()
        let root = scratch.path("out")
        let fm = FileManager.default
        for name in ["01-x", ".01-x.staging-77-deadbeef", ".01-x.previous-78-00c0ffee", ".01-x.staging-79-0000beef",
                     ".keep.me", "notes.staging-1-00000000"] {
            try fm.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try Data("x".utf8).write(to: root.appendingPathComponent(".tmp-4242-README.md"))
        // Another user's staging (tests run as root here; chown may fail elsewhere).
        let foreign = chown(root.appendingPathComponent(".01-x.staging-79-0000beef").path, 65534, 65534) == 0
        let report = StaleStaging.clean(in: root)
        var expectRemoved = [".01-x.previous-78-00c0ffee", ".01-x.staging-77-deadbeef", ".tmp-4242-README.md"]
        if !foreign { expectRemoved.append(".01-x.staging-79-0000beef") }
        #expect(report.removed.sorted() == expectRemoved.sorted())
        #expect(report.restored.isEmpty)
        let left = Set(try fm.contentsOfDirectory(atPath: root.path))
        #expect(left.isSuperset(of: ["01-x", ".keep.me", "notes.staging-1-00000000"]))
        if foreign { #expect(left.contains(".01-x.staging-79-0000beef")) }
    }

    /// The rename-aside window: the target is gone, its old copy is aside.
    /// The next run puts it back before doing anything else.
    @Test func renameAsideWindowIsRecovered() throws {
        let scratch = try Scratch()
        let root = scratch.path("out")
        try Self.files(Self.first).commit(to: root)
        let before = FolderSnapshot(root)
        let aside = root.appendingPathComponent(".01-x.previous-4242-0badf00d")
        #expect(rename(root.appendingPathComponent("01-x").path, aside.path) == 0)
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".01-x.staging-4242-0badcafe"), withIntermediateDirectories: true)
        let report = StaleStaging.clean(in: root)
        #expect(report.restored == ["01-x"])
        #expect(FolderSnapshot(root) == before)
        #expect(Scratch.strays(in: root, expected: ["01-x"]).isEmpty)
    }

    @Test func danglingSymlinkIsNamed() throws {
        let scratch = try Scratch()
        let link = scratch.path("out")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: scratch.path("missing/deeper").path)
        #expect(throws: LessonError.self) { try OutputFiles.validateFolder(link.path) }
        do {
            try Self.files(Self.first).commit(to: link)
            Issue.record("commit through a dangling link succeeded")
        } catch let error as LessonError {
            #expect(error.description.contains(link.path) && error.description.contains("dangling"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("missing").path))
    }
}
