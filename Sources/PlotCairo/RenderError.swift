import Foundation

/// What can go wrong in the Cairo backend. Each case's description says
/// what failed, on what, and why.
public enum RenderError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The path's extension names no format this backend renders.
    case unknownFormat(path: String, pathExtension: String)
    /// A Cairo call reported an error status.
    case cairo(operation: String, status: String)

    public var description: String {
        switch self {
        case let .unknownFormat(path, ext):
            let known = ImageFormat.allCases.map { ".\($0.rawValue)" }.joined(separator: ", ")
            let shown = ext.isEmpty ? "no extension" : "extension '.\(ext)'"
            return "cannot write figure '\(path)': \(shown) is not a figure format (use one of \(known))"
        case let .cairo(operation, status):
            return "Cairo failed while \(operation): \(status)"
        }
    }

    public var errorDescription: String? { description }
}
