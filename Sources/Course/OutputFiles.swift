import Foundation

/// The files one lesson run writes, published all or nothing.
///
/// Files under a folder (`01-mlp/README.md`, `01-mlp/figures/x.png`) are
/// written into a ``StagedFolder`` beside that folder, which then replaces
/// the whole folder at once: the folder always holds exactly one run. Files
/// at the top (`README.md` of the course index) are each written to a
/// hidden staging file and renamed over their target. The output folder is
/// locked (``OutputLock``) from before the first file to after the last
/// swap, and leftovers of killed runs are cleaned under that lock
/// (``StaleStaging``). SIGINT/SIGTERM while writing remove the staging and
/// exit 130/143 (``Interruption``); any error removes the staging and
/// throws ``LessonError/io(_:)`` with the path and the cause, leaving the
/// old output as it was.
public struct OutputFiles {
    /// How one file is produced.
    enum Content {
        case bytes(() throws -> [UInt8])
        /// A writer that creates the file itself at the path it is given.
        case writer((URL) throws -> Void)
    }

    struct Entry {
        var relativePath: String
        var content: Content
    }

    private var entries: [Entry] = []

    public init() {}

    public var relativePaths: [String] { entries.map(\.relativePath) }

    /// Stages a text file (UTF-8).
    public mutating func add(_ relativePath: String, text: String) {
        entries.append(Entry(relativePath: relativePath, content: .bytes { Array(text.utf8) }))
    }

    /// Stages a file whose bytes `make` computes when the output is
    /// committed (a figure renderer, say); its errors abort the commit.
    public mutating func add(_ relativePath: String, bytes make: @escaping () throws -> [UInt8]) {
        entries.append(Entry(relativePath: relativePath, content: .bytes(make)))
    }

    /// Stages a file written by `write`, which receives a staging path that
    /// keeps the target's extension (figure writers pick the format by it).
    public mutating func add(_ relativePath: String, write: @escaping (URL) throws -> Void) {
        entries.append(Entry(relativePath: relativePath, content: .writer(write)))
    }

    /// Writes every staged file under `root` (created if missing), all or
    /// nothing, as described above. `swap` picks how folders are replaced
    /// (the tests force the fallback with it).
    public func commit(to root: URL, swap: StagedFolder.Strategy = .preferred) throws {
        let root = root.standardizedFileURL
        var createdRoot = false, published = false
        do {
            try Interruption.catching {
                createdRoot = try OutputFiles.prepareRoot(root)
                do {
                    let lock = try OutputLock.acquire(root)
                    defer { lock.release() }
                    StaleStaging.clean(in: root)
                    try publish(under: root, swap: swap)
                    published = true
                } catch {
                    // A run that fails writes nothing, not even the folder
                    // it created (if it still holds only the lock file).
                    if createdRoot {
                        unlink(root.appendingPathComponent(OutputLock.fileName).path)
                        rmdir(root.path)
                    }
                    if case .io(let message) = error as? LessonError, !createdRoot {
                        throw LessonError.io(message + "; nothing in \(root.path) was changed")
                    }
                    throw error
                }
                if let signo = Interruption.pending { throw Interrupted(signal: signo) }
            }
        } catch let interrupted as Interrupted {
            let name = Interruption.name(interrupted.signal)
            Interruption.exit(after: interrupted.signal, published
                ? "interrupted by \(name) just after the new output was in place in \(root.path)"
                : "interrupted by \(name): stopped writing into \(root.path), which keeps what it held before (the staging copy was removed)")
        }
    }

    /// Stages every file, then swaps. Called with the lock held.
    private func publish(under root: URL, swap: StagedFolder.Strategy) throws {
        var folders: [String: StagedFolder] = [:]
        var topFiles: [(staging: URL, target: URL)] = []
        func discardAll() {
            for folder in folders.values { folder.discard() }
            for file in topFiles { unlink(file.staging.path) }
        }
        do {
            for entry in entries {
                try Interruption.check()
                let parts = entry.relativePath.split(separator: "/").map(String.init)
                guard !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else {
                    throw LessonError.io("invalid output path '\(entry.relativePath)'")
                }
                let target = root.appendingPathComponent(entry.relativePath)
                let stagingPath: URL
                if parts.count == 1 {
                    stagingPath = root.appendingPathComponent(StagingName.make(for: parts[0], kind: .staging))
                    topFiles.append((stagingPath, target))
                } else {
                    let folderName = parts[0]
                    if folders[folderName] == nil {
                        folders[folderName] = try StagedFolder(for: root.appendingPathComponent(folderName))
                    }
                    var url = folders[folderName]!.staging
                    for sub in parts.dropFirst().dropLast() {
                        url.appendPathComponent(sub)
                        try SystemCall.makeFolder(url.path, shownAs: url.path, existingIsFine: true)
                    }
                    stagingPath = url.appendingPathComponent(parts[parts.count - 1])
                }
                try write(entry.content, to: stagingPath, shownAs: target.path)
            }
            try Interruption.check()
            // Folders first, then the top files (the index) that refer to them.
            for name in folders.keys.sorted() {
                try folders[name]!.install(strategy: swap)
                folders[name] = nil
            }
            while let file = topFiles.first {
                guard rename(file.staging.path, file.target.path) == 0 else {
                    throw LessonError.io("cannot move the new \(file.target.path) into place: \(SystemCall.reason())")
                }
                topFiles.removeFirst()
            }
        } catch {
            discardAll()
            throw error
        }
    }

    private func write(_ content: Content, to url: URL, shownAs shownPath: String) throws {
        switch content {
        case .bytes(let make):
            let bytes: [UInt8]
            do { bytes = try make() } catch {
                throw LessonError.io("cannot produce \(shownPath): \(SystemCall.describe(error))")
            }
            try SystemCall.writeFile(bytes, to: url.path, shownAs: shownPath)
        case .writer(let write):
            do { try write(url) } catch {
                throw LessonError.io("cannot write \(shownPath): \(SystemCall.describe(error))")
            }
            guard SystemCall.linkStatus(url.path) != nil else {
                throw LessonError.io("cannot write \(shownPath): the writer produced no file")
            }
        }
    }

    /// Creates `root` (and missing parents) unless it is a folder already;
    /// a dangling symbolic link or a file in the way is a clear error.
    /// Returns whether it created it.
    static func prepareRoot(_ root: URL) throws -> Bool {
        if SystemCall.isFolder(root.path) { return false }
        if let info = SystemCall.linkStatus(root.path) {
            if (info.st_mode & S_IFMT) == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: root.path)) ?? "?"
                throw LessonError.io("output folder \(root.path) is a symbolic link to '\(target)', which does not exist (dangling link)")
            }
            throw LessonError.io("output folder \(root.path) exists and is not a folder")
        }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw LessonError.io("cannot create the output folder \(root.path): \(SystemCall.describe(error))")
        }
        return true
    }

    /// Checks, before any work is done, that `path` is (or can become) a
    /// writable folder. Throws ``LessonError/io(_:)`` naming `--output-dir`.
    public static func validateFolder(_ path: String) throws {
        let fm = FileManager.default
        guard !path.isEmpty else {
            throw LessonError.io("--output-dir is empty; give a folder (it is created if missing).")
        }
        if let info = SystemCall.linkStatus(path), (info.st_mode & S_IFMT) == S_IFLNK, !fm.fileExists(atPath: path) {
            let target = (try? fm.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw LessonError.io("--output-dir '\(path)' is a symbolic link to '\(target)', which does not exist (dangling link).")
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw LessonError.io("--output-dir '\(path)' is a file; give a folder (it is created if missing).")
            }
            guard access(path, W_OK) == 0 else {
                throw LessonError.io("--output-dir '\(path)' is not writable: \(SystemCall.reason()).")
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
        guard access(ancestor.path, W_OK) == 0 else {
            throw LessonError.io("--output-dir '\(path)' cannot be created: '\(ancestor.path)' is not writable: \(SystemCall.reason()).")
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
