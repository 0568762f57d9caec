/// A dense matrix with contiguous row-major storage — the one tensor type of
/// the course. Element (i, j) lives at `scalars[i * cols + j]`.
///
/// The lessons use `Matrix<Float>` (PyTorch's default dtype); the gradient
/// checks and the norms of vanishing gradients use `Matrix<Double>`.
public struct Matrix<Scalar: TensorScalar>: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    /// Row-major elements, `rows * cols` of them.
    public var scalars: [Scalar]

    /// A matrix from row-major elements. The count must be `rows * cols`.
    @inlinable
    public init(rows: Int, cols: Int, scalars: [Scalar]) {
        precondition(rows >= 0 && cols >= 0, "negative shape (\(rows), \(cols))")
        precondition(scalars.count == rows * cols,
                     "shape (\(rows), \(cols)) needs \(rows * cols) elements, got \(scalars.count)")
        self.rows = rows
        self.cols = cols
        self.scalars = scalars
    }

    /// A matrix of one repeated value.
    @inlinable
    public init(repeating value: Scalar, rows: Int, cols: Int) {
        self.init(rows: rows, cols: cols, scalars: Array(repeating: value, count: rows * cols))
    }

    /// The zero matrix of the given shape.
    @inlinable
    public static func zeros(_ rows: Int, _ cols: Int) -> Matrix {
        Matrix(repeating: 0, rows: rows, cols: cols)
    }

    /// The identity matrix of size n.
    public static func identity(_ n: Int) -> Matrix {
        var m = zeros(n, n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// A matrix from nested arrays, one inner array per row:
    /// `Matrix([[1, 2], [3, 4]])` has shape (2, 2). All rows must have the
    /// same length.
    public init(_ nested: [[Scalar]]) {
        let cols = nested.first?.count ?? 0
        for (i, row) in nested.enumerated() where row.count != cols {
            preconditionFailure("ragged rows: row 0 has \(cols) elements, row \(i) has \(row.count)")
        }
        self.init(rows: nested.count, cols: cols, scalars: nested.flatMap { $0 })
    }

    public var shape: Shape { Shape(rows, cols) }
    public var count: Int { scalars.count }

    /// The rows as nested arrays (the JSON form).
    public var nested: [[Scalar]] {
        (0..<rows).map { i in Array(scalars[(i * cols)..<((i + 1) * cols)]) }
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Scalar {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "index (\(i), \(j)) outside shape (\(rows), \(cols))")
            return scalars[i * cols + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "index (\(i), \(j)) outside shape (\(rows), \(cols))")
            scalars[i * cols + j] = newValue
        }
    }

    /// Row i as a (1, cols) matrix.
    public func row(_ i: Int) -> Matrix {
        precondition(i >= 0 && i < rows, "row \(i) outside shape (\(rows), \(cols))")
        return Matrix(rows: 1, cols: cols, scalars: Array(scalars[(i * cols)..<((i + 1) * cols)]))
    }

    /// The transpose, shape (cols, rows).
    @inlinable
    public var transposed: Matrix {
        var out = [Scalar](repeating: 0, count: count)
        for i in 0..<rows {
            for j in 0..<cols { out[j * rows + i] = scalars[i * cols + j] }
        }
        return Matrix(rows: cols, cols: rows, scalars: out)
    }

    /// The same elements converted to another scalar type (Float ↔ Double).
    @_specialize(where Scalar == Double, Other == Double)
    @_specialize(where Scalar == Double, Other == Float)
    @_specialize(where Scalar == Float, Other == Double)
    @_specialize(where Scalar == Float, Other == Float)
    public func converted<Other: TensorScalar>(to: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(rows: rows, cols: cols, scalars: scalars.map { Other($0) })
    }

    /// Applies `f` to every element.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func map(_ f: (Scalar) -> Scalar) -> Matrix {
        Matrix(rows: rows, cols: cols, scalars: scalars.map(f))
    }

    /// Combines two equal-shaped matrices element by element.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func zip(_ other: Matrix, _ op: String = "zip", _ f: (Scalar, Scalar) -> Scalar) -> Matrix {
        ShapeError.check(ShapeError.elementwise(op, shape, other.shape))
        var out = scalars
        other.scalars.withUnsafeBufferPointer { b in
            out.withUnsafeMutableBufferPointer { o in     // one uniqueness check, not one per element
                for k in o.indices { o[k] = f(o[k], b[k]) }
            }
        }
        return Matrix(rows: rows, cols: cols, scalars: out)
    }
}
