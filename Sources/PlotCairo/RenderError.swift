import Foundation

/// What can go wrong in the Cairo backend. Each case's description says
/// what failed, on what, and why.
public enum RenderError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The path's extension names no format this backend renders.
    case unknownFormat(path: String, pathExtension: String)
    /// A Cairo call reported an error status.
    case cairo(operation: String, status: String)
    /// The pinned fonts cannot be loaded.
    case fonts(String)
    /// Pango could not lay a label out as asked.
    case text(String)

    public var description: String {
        switch self {
        case let .unknownFormat(path, ext):
            let known = ImageFormat.allCases.map { ".\($0.rawValue)" }.joined(separator: ", ")
            let shown = ext.isEmpty ? "no extension" : "extension '.\(ext)'"
            return "cannot write figure '\(path)': \(shown) is not a figure format (use one of \(known))"
        case let .cairo(operation, status):
            return "Cairo failed while \(operation): \(status)"
        case let .fonts(message):
            return "cannot set up the figure fonts: \(message)"
        case let .text(message):
            return "cannot lay out figure text: \(message)"
        }
    }

    public var errorDescription: String? { description }
}
