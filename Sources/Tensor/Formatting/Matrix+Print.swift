/// Printing a matrix the way PyTorch prints the same tensor (see ``TorchPrint``).
extension Matrix: CustomStringConvertible {
    /// The PyTorch repr of this (rows, cols) tensor: `print(m)` in a lesson
    /// shows what `print(t)` shows in the notebook. `Matrix<Double>` carries
    /// the `dtype=torch.float64` suffix, as PyTorch does for a non-default dtype.
    public var description: String {
        TorchPrint.repr(values: scalars.map(Double.init), shape: [rows, cols], dtype: Self.torchDType)
    }

    /// The PyTorch repr of `torch.stack(matrices)`: equal-shaped (n, h)
    /// matrices printed as one (T, n, h) tensor — the hidden states of an RNN
    /// over T steps, say. Like `torch.stack`, the list must not be empty.
    public static func repr(stack matrices: [Matrix]) -> String {
        guard let first = matrices.first else {
            preconditionFailure("repr(stack:) needs at least one matrix, as torch.stack does")
        }
        for (t, m) in matrices.enumerated() where m.shape != first.shape {
            preconditionFailure("repr(stack:): matrix 0 has shape \(first.shape), matrix \(t) has shape \(m.shape)")
        }
        let values = matrices.flatMap { $0.scalars.map(Double.init) }  // T * rows * cols
        return TorchPrint.repr(values: values, shape: [matrices.count, first.rows, first.cols], dtype: torchDType)
    }

    /// `Scalar.dtypeName` as a ``TorchDType``.
    static var torchDType: TorchDType {
        guard let dtype = TorchDType(rawValue: Scalar.dtypeName) else {
            preconditionFailure("no PyTorch dtype named \(Scalar.dtypeName)")
        }
        return dtype
    }
}
