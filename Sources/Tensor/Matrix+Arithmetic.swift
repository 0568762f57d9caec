// Element-wise arithmetic and the row broadcast of the book's bias add.

extension Matrix {
    @inlinable
    public static func + (a: Matrix, b: Matrix) -> Matrix { a.zip(b, "add", +) }
    @inlinable
    public static func - (a: Matrix, b: Matrix) -> Matrix { a.zip(b, "subtract", -) }

    /// The Hadamard (element-wise) product.
    @inlinable
    public static func .* (a: Matrix, b: Matrix) -> Matrix { a.zip(b, "multiply", *) }

    @inlinable
    public static func * (s: Scalar, a: Matrix) -> Matrix { a.map { s * $0 } }
    @inlinable
    public static func * (a: Matrix, s: Scalar) -> Matrix { a.map { $0 * s } }
    @inlinable
    public static prefix func - (a: Matrix) -> Matrix { a.map { -$0 } }

    @inlinable
    public static func += (a: inout Matrix, b: Matrix) {
        ShapeError.check(ShapeError.elementwise("add", a.shape, b.shape))
        b.scalars.withUnsafeBufferPointer { src in
            a.scalars.withUnsafeMutableBufferPointer { dst in
                for k in dst.indices { dst[k] += src[k] }
            }
        }
    }

    /// Adds the (1, cols) row `b` to every row: the broadcast of `X W + b`
    /// in the book, where b_h has shape (1, h) and X W has shape (n, h).
    @inlinable
    public func addingRow(_ b: Matrix) -> Matrix {
        ShapeError.check(ShapeError.rowBroadcast(shape, b.shape))
        var out = scalars
        for i in 0..<rows {
            for j in 0..<cols { out[i * cols + j] += b.scalars[j] }
        }
        return Matrix(rows: rows, cols: cols, scalars: out)
    }

    /// The sum of each column, as a (1, cols) row: the adjoint of
    /// ``addingRow(_:)`` (the gradient of a broadcast bias).
    @inlinable
    public func columnSums() -> Matrix {
        var out = [Scalar](repeating: 0, count: cols)
        for i in 0..<rows {
            for j in 0..<cols { out[j] += scalars[i * cols + j] }
        }
        return Matrix(rows: 1, cols: cols, scalars: out)
    }

    /// The sum of all elements.
    public func sum() -> Scalar { scalars.reduce(0, +) }
}

infix operator .* : MultiplicationPrecedence
