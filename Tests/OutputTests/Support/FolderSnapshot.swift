import Course
import Foundation

/// Every file under a folder with its bytes, to compare a folder after a
/// fault with the folder a clean run made.
struct FolderSnapshot: Equatable {
    /// Relative path → bytes. Folders appear only through their files.
    var files: [String: Data]

    /// Reads `root`; the output lock file is skipped (it is not content).
    init(_ root: URL) {
        files = [:]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return }
        while let path = walker.nextObject() as? String {
            if (path as NSString).lastPathComponent == OutputLock.fileName { continue }
            var isDirectory: ObjCBool = false
            let full = root.appendingPathComponent(path).path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[path] = FileManager.default.contents(atPath: full) ?? Data()
        }
    }

    var isEmpty: Bool { files.isEmpty }

    /// Paths that differ from `other` (missing, extra or other bytes), for messages.
    func differences(from other: FolderSnapshot) -> [String] {
        let keys = Set(files.keys).union(other.files.keys)
        return keys.filter { files[$0] != other.files[$0] }.sorted()
    }
}

/// Scratch space for one test, removed at the end.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("output-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Names in `folder` that are neither `expected` nor the lock file:
    /// leftovers a fault must never leave behind.
    static func strays(in folder: URL, expected: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !expected.contains($0) && $0 != OutputLock.fileName }.sorted()
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The deterministic generator of the fault tests (SplitMix64): the same
/// kill instants on every run, so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
