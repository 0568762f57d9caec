import Foundation

/// A figure that cannot be drawn as asked. Each case's description says
/// what is wrong and what would be right.
public enum PlotError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The figure's size cannot be rendered.
    case invalidSize(Size, reason: String)
    /// The figure's own parameters do not fit together.
    case invalidFigure(String)

    public var description: String {
        switch self {
        case let .invalidSize(size, reason):
            return "invalid figure size \(size): \(reason)"
        case let .invalidFigure(message):
            return "invalid figure: \(message)"
        }
    }

    public var errorDescription: String? { description }
}
