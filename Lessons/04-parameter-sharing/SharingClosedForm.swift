import Tensor

/// ∂L/∂H_1 written out instead of computed by the recurrence: the sum over
/// the steps s = 1…T of step s's output term E_s = ∂L/∂O_s·W_hqᵀ, carried
/// back to step 1 by s − 1 factors, each lesson 05's per-step factor:
///
///     ∂L/∂H_1 = Σ_s E_s·F_s·F_{s−1}⋯F_2,   where  M·F_j = (M ⊙ tanh′(Z_j))·W_hhᵀ.
///
/// Row by row F_j is the matrix diag(tanh′(z_j))·W_hhᵀ; with φ the identity
/// every F_j is W_hhᵀ and the sum is Σ_s E_s·(W_hhᵀ)^(s−1).
enum ClosedForm {
    /// One source step's share of ∂L/∂H_1, with the bound lesson 05 uses.
    struct Term {
        var step: Int
        /// ‖E_s‖_F: step s's output term where it enters.
        var outputTerm: Double
        /// ‖E_s·F_s⋯F_2‖_F: what of it reaches step 1.
        var reaching: Double
        /// ‖E_s‖_F·‖W_hh‖₂^(s−1): tanh′ ≤ 1, so each factor stretches a
        /// matrix by at most ‖W_hh‖₂.
        var bound: Double
    }

    /// E_s·F_s⋯F_2 for s = 1…T at index s − 1, each (n, h).
    static func termsReachingStepOne<Scalar>(outputTerms: [Matrix<Scalar>], tanhDerivatives: [Matrix<Scalar>],
                                             wHH: Matrix<Scalar>) -> [Matrix<Scalar>] {
        let wHHt = wHH.transposed                                              // (h, h)
        return outputTerms.indices.map { i in
            var m = outputTerms[i]                                             // E_s, s = i + 1   (n, h)
            for j in stride(from: i, through: 1, by: -1) {                     // carry from H_{j+1} to H_j
                m = (m .* tanhDerivatives[j]).matmul(wHHt)                     // (n, h)
            }
            return m
        }
    }

    /// The terms in Double (exact copies of the float32 inputs), their sum —
    /// ∂L/∂H_1 by the closed form — and each term's norm and bound, for the
    /// report's table and the claims.
    static func evaluate(outputTerms: [Matrix<Float>], tanhDerivatives: [Matrix<Float>],
                         wHH: Matrix<Float>) -> (dH1: Matrix<Double>, table: [Term]) {
        let double = { (m: Matrix<Float>) in m.converted(to: Double.self) }
        let terms = termsReachingStepOne(outputTerms: outputTerms.map(double),
                                         tanhDerivatives: tanhDerivatives.map(double), wHH: double(wHH))
        let norm = wHH.spectralNorm()                                          // ‖W_hh‖₂
        var power = 1.0                                                        // ‖W_hh‖₂^(s−1)
        let table = terms.indices.map { i in
            defer { power *= norm }
            let e = outputTerms[i].frobeniusNorm()
            return Term(step: i + 1, outputTerm: e, reaching: terms[i].frobeniusNorm(), bound: e * power)
        }
        return (terms.dropFirst().reduce(terms[0], +), table)
    }
}
