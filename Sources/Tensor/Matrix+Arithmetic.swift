// Element-wise arithmetic and the row broadcast of the book's bias add.

extension Matrix {
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func + (a: Matrix, b: Matrix) -> Matrix { a.zip(b, "add", +) }
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func - (a: Matrix, b: Matrix) -> Matrix { a.zip(b, "subtract", -) }

    /// The Hadamard (element-wise) product.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func .* (a: Matrix, b: Matrix) -> Matrix { a.zip(b, "multiply", *) }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func * (s: Scalar, a: Matrix) -> Matrix { a.map { s * $0 } }
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func * (a: Matrix, s: Scalar) -> Matrix { a.map { $0 * s } }
    @inlinable
    public static prefix func - (a: Matrix) -> Matrix { a.map { -$0 } }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
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
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func addingRow(_ b: Matrix) -> Matrix {
        ShapeError.check(ShapeError.rowBroadcast(shape, b.shape))
        var out = scalars
        b.scalars.withUnsafeBufferPointer { row in
            out.withUnsafeMutableBufferPointer { o in     // one uniqueness check, not one per element
                for i in 0..<rows {
                    for j in 0..<cols { o[i * cols + j] += row[j] }
                }
            }
        }
        return Matrix(rows: rows, cols: cols, scalars: out)
    }

    /// The sum of each column, as a (1, cols) row: the adjoint of
    /// ``addingRow(_:)`` (the gradient of a broadcast bias).
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func columnSums() -> Matrix {
        var out = Matrix.zeros(1, cols)                             // (1, cols)
        out.addColumnSums(self)
        return out
    }

    /// C += 1ᵀA for a (1, cols) row C: c_j ← c_j + a_0j + a_1j + … +
    /// a_(m−1)j, added in that order. For Y = X W + b (b broadcast over the
    /// rows), ∂L/∂b += 1ᵀ ∂L/∂Y.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func addColumnSums(_ a: Matrix) {
        ShapeError.check(ShapeError.elementwise("accumulate the column sums of A into C", shape, Shape(1, a.cols)))
        a.scalars.withUnsafeBufferPointer { a1 in
            scalars.withUnsafeMutableBufferPointer { c in
                for i in 0..<a.rows {
                    for j in 0..<a.cols { c[j] += a1[i * a.cols + j] }
                }
            }
        }
    }

    /// The sum of all elements.
    public func sum() -> Scalar { scalars.reduce(0, +) }
}

infix operator .* : MultiplicationPrecedence
