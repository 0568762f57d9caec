import Foundation

/// Writes `figure` to `path`; the extension picks the format (`.png`,
/// `.svg`, `.pdf`).
///
/// The write is atomic: the figure is rendered in memory, written to a
/// hidden temporary file in the same folder (`.name.tmp-<pid>`) and renamed
/// over `path`. If anything fails, the temporary file is removed and an
/// existing file at `path` is left as it was.
///
/// - Throws: `PlotError.unknownFormat` (extension), `.invalidSize`,
///   `.invalidFigure`, `.cairo`, or `.io` (folder missing or not writable).
public func write(_ figure: any Figure, to path: String) throws {
    let format = try ImageFormat(path: path)
    try ImageFormat.validate(figure.size)
    let bytes = try render(figure, as: format)
    try AtomicFile.write(bytes, to: path)
}

/// Writes `figure` once per format, to `basePath` plus each extension
/// (`fig` → `fig.png`, `fig.svg`), and returns the paths written.
@discardableResult
public func writeAll(_ figure: any Figure, basePath: String, formats: [ImageFormat] = [.png, .svg]) throws -> [String] {
    var written: [String] = []
    for format in formats {
        let path = "\(basePath).\(format.rawValue)"
        try write(figure, to: path)
        written.append(path)
    }
    return written
}

/// Atomic replacement of a file's contents: temporary file, then `rename`.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else {
            throw PlotError.io(path: path, operation: "write figure", reason: "the path names a folder, not a file")
        }
        let temporary = (folder == "/" ? "" : folder) + "/.\(name).tmp-\(getpid())"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errnoText()
            throw PlotError.io(path: path, operation: "write figure",
                               reason: "cannot create a temporary file in folder '\(folder)' (\(reason))")
        }
        do {
            try writeAll(bytes, to: fd, path: path)
            guard fsync(fd) == 0 else {
                throw PlotError.io(path: path, operation: "write figure", reason: "fsync failed (\(errnoText()))")
            }
            guard close(fd) == 0 else {
                throw PlotError.io(path: path, operation: "write figure", reason: "close failed (\(errnoText()))")
            }
        } catch {
            _ = close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw PlotError.io(path: path, operation: "write figure", reason: "cannot replace the file (\(reason))")
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw PlotError.io(path: path, operation: "write figure", reason: errnoText())
                }
                offset += n
            }
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
