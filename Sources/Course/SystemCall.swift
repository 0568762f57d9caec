import Foundation

/// The few POSIX calls the output writer makes, each returning a message
/// that names the path and the cause ("No space left on device", "File too
/// large", "Read-only file system") instead of a generic Foundation error.
enum SystemCall {
    /// The text of the current `errno`.
    static func reason(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// Writes `bytes` to a new file at `path` (mode 0644), all of it, and
    /// checks `close` too (some file systems report a full disk only
    /// there). Throws ``LessonError/io(_:)`` naming `shownPath` — the path
    /// a user recognises — and the cause.
    ///
    /// No `fsync`: the guarantees of the output writer are against the
    /// process dying at any instant (kill, signals, full disk, size limit),
    /// which the page cache survives; surviving a power cut would need an
    /// fsync per file, which costs 50–100 ms a file on a busy disk here
    /// (lesson 05: 5.9 s instead of 2 s).
    static func writeFile(_ bytes: some DataProtocol, to path: String, shownAs shownPath: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LessonError.io("cannot create \(shownPath): \(reason())") }
        var closed = false
        defer { if !closed { close(fd) } }
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
        closed = true
        guard close(fd) == 0 else { throw LessonError.io("cannot write \(shownPath): \(reason())") }
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
