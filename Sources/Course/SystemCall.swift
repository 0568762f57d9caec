import Foundation

/// The few POSIX calls the output writer makes, each returning a message
/// that names the path and the cause ("No space left on device", "File too
/// large", "Read-only file system") instead of a generic Foundation error.
enum SystemCall {
    /// The text of the current `errno`.
    static func reason(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// Writes `bytes` to a new file at `path` (mode 0644), all of it, then
    /// flushes it to the disk, so that a rename published later never
    /// exposes a short file even after a crash. Throws ``LessonError/io(_:)``
    /// naming `shownPath` — the path a user recognises — and the cause.
    static func writeFile(_ bytes: some DataProtocol, to path: String, shownAs shownPath: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LessonError.io("cannot create \(shownPath): \(reason())") }
        defer { close(fd) }
        let contiguous = Array(bytes)
        var offset = 0
        while offset < contiguous.count {
            let n = contiguous[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LessonError.io("cannot write \(shownPath): \(reason())")
            }
            offset += n
        }
        guard fsync(fd) == 0 else { throw LessonError.io("cannot write \(shownPath): \(reason())") }
    }

    /// Flushes an existing file (one a caller-supplied writer produced).
    static func sync(_ path: String, shownAs shownPath: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LessonError.io("cannot read back \(shownPath): \(reason())") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw LessonError.io("cannot write \(shownPath): \(reason())") }
    }

    /// `mkdir` with mode 0755; an existing folder is an error unless `existingIsFine`.
    static func makeFolder(_ path: String, shownAs shownPath: String, existingIsFine: Bool = false) throws {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        if code == EEXIST && existingIsFine && isFolder(path) { return }
        throw LessonError.io("cannot create the folder \(shownPath): \(reason(code))")
    }

    /// Whether `path` is a folder (following symbolic links).
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// `lstat`, or nil if nothing is there.
    static func linkStatus(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    /// The message of an error a caller-supplied writer threw: the POSIX
    /// cause when Foundation wraps one, else the error's own description.
    static func describe(_ error: Error) -> String {
        if let error = error as? LessonError { return error.description }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return reason(Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error {
            let inner = underlying as NSError
            if inner.domain == NSPOSIXErrorDomain { return reason(Int32(inner.code)) }
        }
        return "\(error)"
    }
}
