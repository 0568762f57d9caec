import Foundation

/// The files one lesson run writes, staged so that a failed run leaves
/// nothing half-written: every file is first written to a hidden temporary
/// file in its own folder, and only when all of them exist are they renamed
/// over their targets (a rename within a folder is atomic on POSIX file
/// systems). On any error the temporaries are removed and the old files stay.
public struct OutputFiles {
    /// One file to produce: its path relative to the output root and a
    /// function that writes it to a given (temporary) path.
    struct Entry {
        var relativePath: String
        var write: (URL) throws -> Void
    }

    private var entries: [Entry] = []

    public init() {}

    public var relativePaths: [String] { entries.map(\.relativePath) }

    /// Stages a text file (UTF-8).
    public mutating func add(_ relativePath: String, text: String) {
        add(relativePath) { url in try Data(text.utf8).write(to: url) }
    }

    /// Stages a file written by `write`, which receives a temporary path that
    /// keeps the target's extension (figure writers pick the format by it).
    public mutating func add(_ relativePath: String, write: @escaping (URL) throws -> Void) {
        entries.append(Entry(relativePath: relativePath, write: write))
    }

    /// Writes every staged file under `root`, all or nothing.
    public func commit(to root: URL) throws {
        let fm = FileManager.default
        var written: [(temp: URL, target: URL)] = []
        do {
            for entry in entries {
                let target = root.appendingPathComponent(entry.relativePath)
                let folder = target.deletingLastPathComponent()
                try fm.createDirectory(at: folder, withIntermediateDirectories: true)
                let temp = folder.appendingPathComponent(".tmp-\(getpid())-\(target.lastPathComponent)")
                written.append((temp, target))
                try entry.write(temp)
            }
            for (temp, target) in written {
                guard rename(temp.path, target.path) == 0 else {
                    throw LessonError.io("cannot move \(temp.path) to \(target.path): \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            for (temp, _) in written { try? fm.removeItem(at: temp) }
            if let error = error as? LessonError { throw error }
            throw LessonError.io("writing the report failed: \(error.localizedDescription)")
        }
    }

    /// Checks, before any work is done, that `path` is (or can become) a
    /// writable folder. Throws ``LessonError/io(_:)`` naming `--output-dir`.
    public static func validateFolder(_ path: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw LessonError.io("--output-dir '\(path)' is a file; give a folder (it is created if missing).")
            }
            guard fm.isWritableFile(atPath: path) else {
                throw LessonError.io("--output-dir '\(path)' is not writable.")
            }
            return
        }
        // Missing: the nearest existing ancestor must be a writable folder.
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !fm.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) && ancestor.path != "/" {
            ancestor = ancestor.deletingLastPathComponent()
        }
        guard isDirectory.boolValue else {
            throw LessonError.io("--output-dir '\(path)' cannot be created: '\(ancestor.path)' is a file.")
        }
        guard fm.isWritableFile(atPath: ancestor.path) else {
            throw LessonError.io("--output-dir '\(path)' cannot be created: '\(ancestor.path)' is not writable.")
        }
    }
}

/// What stops a lesson after its arguments were accepted (exit status 1).
public enum LessonError: Error, CustomStringConvertible, Equatable {
    /// A file could not be read or written.
    case io(String)
    /// One or more claims do not hold.
    case claimsFailed([String])

    public var description: String {
        switch self {
        case .io(let message): return message
        case .claimsFailed(let ids): return "claim(s) failed: \(ids.joined(separator: ", "))"
        }
    }
}
