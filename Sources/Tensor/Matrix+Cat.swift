// Concatenation and its inverse, as torch.cat and tensor slicing.

extension Matrix {
    /// Concatenates along `dim`, as `torch.cat(matrices, dim:)`.
    /// dim 0 stacks rows (all need the same number of columns);
    /// dim 1 puts columns side by side (all need the same number of rows).
    public static func cat(_ parts: [Matrix], dim: Int) -> Matrix {
        ShapeError.check(ShapeError.cat(dim: dim, parts.map(\.shape)))
        if dim == 0 {
            return Matrix(rows: parts.reduce(0) { $0 + $1.rows }, cols: parts[0].cols,
                          scalars: parts.flatMap(\.scalars))
        }
        let rows = parts[0].rows
        let cols = parts.reduce(0) { $0 + $1.cols }
        var out = [Scalar]()
        out.reserveCapacity(rows * cols)
        for i in 0..<rows {
            for part in parts { out += part.scalars[(i * part.cols)..<((i + 1) * part.cols)] }
        }
        return Matrix(rows: rows, cols: cols, scalars: out)
    }

    /// Splits along `dim` into pieces of the given sizes: the inverse of
    /// ``cat(_:dim:)``. The sizes must add up to the length along `dim`.
    public func split(_ sizes: [Int], dim: Int) -> [Matrix] {
        precondition(dim == 0 || dim == 1, "split along dim \(dim): a matrix has dims 0 and 1")
        let total = dim == 0 ? rows : cols
        precondition(sizes.allSatisfy { $0 >= 0 } && sizes.reduce(0, +) == total,
                     "split \(shape) along dim \(dim) into \(sizes): the sizes must add up to \(total)")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return dim == 0 ? slice(rows: start..<(start + size), cols: 0..<cols)
                            : slice(rows: 0..<rows, cols: start..<(start + size))
        }
    }

    /// The block of rows `r` and columns `c`.
    public func slice(rows r: Range<Int>, cols c: Range<Int>) -> Matrix {
        precondition(r.lowerBound >= 0 && r.upperBound <= rows && c.lowerBound >= 0 && c.upperBound <= cols,
                     "slice [\(r), \(c)] outside shape \(shape)")
        var out = [Scalar]()
        out.reserveCapacity(r.count * c.count)
        for i in r { out += scalars[(i * cols + c.lowerBound)..<(i * cols + c.upperBound)] }
        return Matrix(rows: r.count, cols: c.count, scalars: out)
    }
}
