import Foundation

/// Everything that can go wrong while rendering or writing a figure. Each
/// case's description says what failed, on what, and why.
public enum PlotError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The path's extension names no format this module writes.
    case unknownFormat(path: String, pathExtension: String)
    /// The figure's size cannot be rendered.
    case invalidSize(Size, reason: String)
    /// A Cairo call reported an error status.
    case cairo(operation: String, status: String)
    /// Reading or writing a file failed.
    case io(path: String, operation: String, reason: String)
    /// The figure's own parameters do not fit together.
    case invalidFigure(String)

    public var description: String {
        switch self {
        case let .unknownFormat(path, ext):
            let known = ImageFormat.allCases.map { ".\($0.rawValue)" }.joined(separator: ", ")
            let shown = ext.isEmpty ? "no extension" : "extension '.\(ext)'"
            return "cannot write figure '\(path)': \(shown) is not a figure format (use one of \(known))"
        case let .invalidSize(size, reason):
            return "invalid figure size \(size): \(reason)"
        case let .cairo(operation, status):
            return "Cairo failed while \(operation): \(status)"
        case let .io(path, operation, reason):
            return "cannot \(operation) '\(path)': \(reason)"
        case let .invalidFigure(message):
            return "invalid figure: \(message)"
        }
    }

    public var errorDescription: String? { description }
}
