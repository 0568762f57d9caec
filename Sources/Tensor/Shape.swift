/// The shape of a matrix, written the way PyTorch writes it: `(3, 4)`.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var cols: Int

    public init(_ rows: Int, _ cols: Int) {
        self.rows = rows
        self.cols = cols
    }

    public var count: Int { rows * cols }
    public var description: String { "(\(rows), \(cols))" }
}

/// A shape mismatch, with both shapes in the message: `matmul (3, 5) × (4, 4)`.
///
/// Operations call ``ShapeError/check(_:)`` with the result of one of the
/// static validators below; the validators are separate so that tests can
/// read the message without crashing the process.
public struct ShapeError: Error, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }

    /// Stops with the message if `error` is non-nil (a programming error,
    /// like an out-of-range index).
    @inlinable
    public static func check(_ error: ShapeError?, file: StaticString = #fileID, line: UInt = #line) {
        if let error { preconditionFailure("shape mismatch: \(error)", file: file, line: line) }
    }

    public static func matmul(_ a: Shape, _ b: Shape) -> ShapeError? {
        a.cols == b.rows ? nil
            : ShapeError("matmul \(a) × \(b): the left operand has \(a.cols) columns, the right \(b.rows) rows")
    }

    public static func elementwise(_ op: String, _ a: Shape, _ b: Shape) -> ShapeError? {
        a == b ? nil : ShapeError("\(op) \(a) and \(b): element-wise operations need equal shapes")
    }

    public static func rowBroadcast(_ a: Shape, _ row: Shape) -> ShapeError? {
        row.rows == 1 && row.cols == a.cols ? nil
            : ShapeError("broadcast \(a) + \(row): the row must have shape (1, \(a.cols))")
    }

    public static func cat(dim: Int, _ shapes: [Shape]) -> ShapeError? {
        guard let first = shapes.first else { return ShapeError("cat of no matrices") }
        let ok = dim == 0 ? shapes.allSatisfy { $0.cols == first.cols } : shapes.allSatisfy { $0.rows == first.rows }
        guard dim == 0 || dim == 1 else { return ShapeError("cat along dim \(dim): a matrix has dims 0 and 1") }
        if ok { return nil }
        let list = shapes.map(\.description).joined(separator: ", ")
        return dim == 0
            ? ShapeError("cat dim 0 of \(list): every matrix needs the same number of columns")
            : ShapeError("cat dim 1 of \(list): every matrix needs the same number of rows")
    }
}
