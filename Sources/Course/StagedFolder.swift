import Foundation

/// A folder built beside its destination under a hidden name and swapped
/// in as a unit, so that readers see either the whole old folder or the
/// whole new one — never a mix, never a half-written file.
///
/// For the destination `root/01-mlp` the staging folder is
/// `root/.01-mlp.staging-<pid>-<8 hex digits>`: hidden, outside the lesson
/// folder, and recognisable as ours (``StagingName``) so that a run killed
/// with SIGKILL leaves nothing that the next run cannot identify and remove.
///
/// Installing, with the destination present:
/// - **exchange** (Linux ≥ 3.15, glibc ≥ 2.28): `renameat2(staging, dest,
///   RENAME_EXCHANGE)` swaps the two names in one atomic step; the old
///   folder is then under the staging name and is removed. A kill at any
///   instant leaves `dest` whole (old before the swap, new after) plus,
///   at worst, a stale staging folder.
/// - **rename aside** (everywhere else, or when the file system refuses the
///   exchange): `rename(dest, .01-mlp.previous-…)`, then
///   `rename(staging, dest)`, then remove the previous folder. Between the
///   two renames `dest` is briefly absent; a run killed in that window
///   leaves the old folder complete under the `previous` name, and the next
///   run's ``StaleStaging/clean(in:)`` renames it back before anything else.
///   Readers in that window see no folder — never a mixed one.
public struct StagedFolder {
    /// How the staging folder replaces the destination.
    public enum Strategy: Sendable {
        case exchange
        case renameAside

        /// `exchange` where the C library offers `renameat2`, else
        /// `renameAside`. Setting `RNNLESSONS_SWAP=rename-aside` in the
        /// environment forces the fallback (the tests use it to run the
        /// fallback path on Linux).
        public static var preferred: Strategy {
            if ProcessInfo.processInfo.environment["RNNLESSONS_SWAP"] == "rename-aside" { return .renameAside }
            return AtomicExchange.isAvailable ? .exchange : .renameAside
        }
    }

    public let destination: URL
    public let staging: URL

    /// Creates an empty staging folder beside `destination`.
    public init(for destination: URL) throws {
        self.destination = destination
        let parent = destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(StagingName.make(for: destination.lastPathComponent, kind: .staging))
        try SystemCall.makeFolder(staging.path, shownAs: "\(staging.path) (staging for \(destination.path))")
    }

    /// Removes the staging folder and all it holds (after an error).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Puts the staging folder in place of the destination and removes the
    /// old folder. On error the destination is as it was and the staging
    /// folder is left for the caller to ``discard()``.
    public func install(strategy: Strategy = .preferred) throws {
        let dest = destination.path
        guard let existing = SystemCall.linkStatus(dest) else {
            // Nothing to replace: one rename publishes the folder.
            guard rename(staging.path, dest) == 0 else {
                throw LessonError.io("cannot move the new \(dest) into place: \(SystemCall.reason())")
            }
            return
        }
        guard (existing.st_mode & S_IFMT) == S_IFDIR else {
            throw LessonError.io("\(dest) exists and is not a folder; move it away and run again")
        }
        var strategy = strategy
        if strategy == .exchange {
            switch AtomicExchange.swap(staging.path, dest) {
            case .swapped:
                removeOld(at: staging)
                return
            case .unsupported:
                strategy = .renameAside
            case .failed(let code):
                throw LessonError.io("cannot swap the new \(dest) into place: \(SystemCall.reason(code))")
            }
        }
        let aside = destination.deletingLastPathComponent()
            .appendingPathComponent(StagingName.make(for: destination.lastPathComponent, kind: .previous))
        guard rename(dest, aside.path) == 0 else {
            throw LessonError.io("cannot move the old \(dest) aside: \(SystemCall.reason())")
        }
        guard rename(staging.path, dest) == 0 else {
            let code = errno
            _ = rename(aside.path, dest)   // put the old folder back
            throw LessonError.io("cannot move the new \(dest) into place: \(SystemCall.reason(code))")
        }
        removeOld(at: aside)
    }

    /// The new folder is in place; failing to delete the old copy is not an
    /// error of this run (the next run removes it as stale), but say so.
    private func removeOld(at url: URL) {
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            printError("warning: could not remove the previous copy \(url.path): \(SystemCall.describe(error)); the next run removes it")
        }
    }
}

/// `renameat2(…, RENAME_EXCHANGE)`, looked up at run time: Swift cannot
/// call the variadic `syscall`, and older C libraries lack the wrapper.
enum AtomicExchange {
    enum Outcome { case swapped, unsupported, failed(Int32) }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    #if os(Linux)
    private static let function: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    /// `AT_FDCWD` and `RENAME_EXCHANGE` from <fcntl.h> and <linux/fs.h>.
    private static let atCurrentDirectory: Int32 = -100
    private static let renameExchange: UInt32 = 1 << 1
    #else
    private static let function: RenameAt2? = nil
    private static let atCurrentDirectory: Int32 = 0
    private static let renameExchange: UInt32 = 0
    #endif

    static var isAvailable: Bool { function != nil }

    /// Swaps the names `a` and `b` atomically (both must exist).
    static func swap(_ a: String, _ b: String) -> Outcome {
        guard let function else { return .unsupported }
        if function(atCurrentDirectory, a, atCurrentDirectory, b, renameExchange) == 0 { return .swapped }
        let code = errno
        // Kernels before 3.15 (ENOSYS) and file systems without exchange
        // support (EINVAL, EOPNOTSUPP) take the fallback.
        if code == ENOSYS || code == EINVAL || code == EOPNOTSUPP { return .unsupported }
        return .failed(code)
    }
}
