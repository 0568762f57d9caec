extension Matrix {
    /// One-hot rows: row i is e_(c_i), a 1 in column `labels[i]` and 0
    /// elsewhere, so the matrix has shape (labels.count, classes). The book
    /// feeds characters to its RNN this way; X·W then picks row c_i of W
    /// for each row of X.
    ///
    /// Specialised for Float and Double so that unoptimised callers (a
    /// debug build of a lesson) do not pay a generic call per element.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func oneHot(_ labels: [Int], classes: Int) -> Matrix {
        var scalars = [Scalar](repeating: 0, count: labels.count * classes)
        for (i, c) in labels.enumerated() {
            precondition(c >= 0 && c < classes, "one-hot: label \(c) of row \(i) outside the classes 0..<\(classes)")
            scalars[i * classes + c] = 1
        }
        return Matrix(rows: labels.count, cols: classes, scalars: scalars)
    }
}
