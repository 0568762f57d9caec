import RealModule

extension Matrix {
    /// Row-wise softmax: softmax(o)_j = exp(o_j) / Σ_k exp(o_k), each row a
    /// probability distribution over the classes.
    ///
    /// Numerical caveat: the row maximum m is subtracted first
    /// (exp(o_j − m) / Σ_k exp(o_k − m) is the same value), so every exponent
    /// is ≤ 0, nothing overflows, and the largest term is exactly 1 — the
    /// result stays finite for logits of ±1000. Lesson 01 (`mlp`).
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func softmaxRows() -> Matrix {
        var out = scalars
        for i in 0..<rows {
            let range = (i * cols)..<((i + 1) * cols)
            let m = out[range].max() ?? 0
            var total: Scalar = 0
            for k in range {
                out[k] = Scalar.exp(out[k] - m)
                total += out[k]
            }
            for k in range { out[k] /= total }
        }
        return Matrix(rows: rows, cols: cols, scalars: out)
    }

    /// Row-wise log-sum-exp: lse(o) = ln Σ_k exp(o_k), one value per row,
    /// the log of softmax's denominator, so −ln softmax(o)_y = lse(o) − o_y.
    ///
    /// Numerical caveat: computed as m + ln Σ_k exp(o_k − m) with m the row
    /// maximum (the same shift as ``softmaxRows()``), so no exponent
    /// overflows and the sum is at least 1. Each row's terms are added in
    /// ascending column order.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func logSumExpRows() -> [Scalar] {
        (0..<rows).map { i in
            let row = scalars[(i * cols)..<((i + 1) * cols)]
            let m = row.max()!
            var total: Scalar = 0
            for v in row { total += Scalar.exp(v - m) }
            return m + Scalar.log(total)
        }
    }

    /// The column of the largest entry in each row (the first on ties), as
    /// `torch.argmax(dim=1)`.
    public func argmaxRows() -> [Int] {
        (0..<rows).map { i in
            var best = 0
            for j in 1..<Swift.max(cols, 1) where self[i, j] > self[i, best] { best = j }
            return best
        }
    }
}
