/// A seeded source of standard normal samples: the seam between the lessons
/// and the generator that fills their matrices.
///
/// One call to ``randn(_:)`` corresponds to one `torch.randn(...)` call with
/// that many elements: the element count matters, because PyTorch draws
/// small and large tensors by different algorithms. The same seed must give
/// the same numbers on every run and every machine.
public protocol NormalGenerator {
    /// Draws `count` standard normal samples, as one `torch.randn` call with
    /// `count` elements would.
    mutating func randn(_ count: Int) -> [Float]
}

extension Matrix {
    /// A (rows, cols) matrix of standard normal samples, drawn with one
    /// generator call as `torch.randn(rows, cols)` is. A `Double` matrix
    /// holds the same float32 draws, widened exactly.
    public static func randn<G: NormalGenerator>(_ rows: Int, _ cols: Int, using generator: inout G) -> Matrix {
        let draws = generator.randn(rows * cols)
        return Matrix(rows: rows, cols: cols, scalars: draws.map { Scalar($0) })
    }
}
