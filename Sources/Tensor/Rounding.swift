// The two pieces every rounding-error bound of the course is built from.

/// γ_k = k·u / (1 − k·u): a sum of k + 1 terms, or k consecutive roundings,
/// computed in a format with unit roundoff u, has relative error at most γ_k
/// (Higham, *Accuracy and Stability of Numerical Algorithms*, §3.1).
/// Requires k·u < 1.
public func roundingGamma(_ k: Int, unitRoundoff u: Double) -> Double {
    Double(k) * u / (1 - Double(k) * u)
}

extension TensorScalar {
    /// γ_k for this format: `Float.roundingGamma(k)` uses u = 2⁻²⁴, `Double.roundingGamma(k)` u = 2⁻⁵³ (named apart from Γ, `Real.gamma`).
    public static func roundingGamma(_ k: Int) -> Double {
        Tensor.roundingGamma(k, unitRoundoff: Double(unitRoundoff))
    }
}

extension Matrix {
    /// |A| entry by entry, in Double: the matrices that error bounds multiply.
    public func magnitudes() -> Matrix<Double> {
        Matrix<Double>(rows: rows, cols: cols, scalars: scalars.map { Double($0.magnitude) })
    }
}
