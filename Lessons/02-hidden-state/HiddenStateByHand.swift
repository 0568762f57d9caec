import Network
import Tensor

/// H_1 … H_T and O_1 … O_T of one RNN run.
struct HandRun<Scalar: TensorScalar> {
    var preActivations: [Matrix<Scalar>]  // Z_1 … Z_T, each (n, h)
    var states: [Matrix<Scalar>]    // H_1 … H_T, each (n, h)
    var outputs: [Matrix<Scalar>]   // O_1 … O_T, each (n, q)
}

/// The RNN computed from its formula one entry at a time, with plain loops
/// and no matrix library: the independent check of `rnnForward`.
///
/// Written once for any scalar type. In `Float` it performs exactly the
/// operations of the unrolled loop in exactly their order (each sum starts
/// at 0 and adds its terms k = 0, 1, …; then input part + state part, then
/// the bias), so the two must agree bit for bit. In `Double`, on the same
/// float32 inputs widened exactly, it is the reference that the float32
/// result is measured against.
enum ByHand {
    static func run<Scalar: TensorScalar>(
        xs: [Matrix<Scalar>], params p: RNNParameters<Scalar>, activation phi: Activation
    ) -> HandRun<Scalar> {
        let n = xs[0].rows, d = p.inputs, h = p.hiddens, q = p.outputs
        var hPrev = Matrix<Scalar>.zeros(n, h)                  // H_0 = 0, (n, h)
        var run = HandRun<Scalar>(preActivations: [], states: [], outputs: [])
        // BEGIN-QUOTE by-hand
        for x in xs {                                           // X_t, (n, d)
            var z = Matrix<Scalar>.zeros(n, h)                  // Z_t, (n, h)
            var hNew = Matrix<Scalar>.zeros(n, h)               // H_t, (n, h)
            for i in 0..<n {
                for j in 0..<h {
                    var fromInput: Scalar = 0                   // (X_t W_xh)_ij
                    for k in 0..<d { fromInput += x[i, k] * p.wXH[k, j] }
                    var fromState: Scalar = 0                   // (H_{t−1} W_hh)_ij
                    for k in 0..<h { fromState += hPrev[i, k] * p.wHH[k, j] }
                    z[i, j] = fromInput + fromState + p.bH[0, j]
                    hNew[i, j] = phi.apply(z[i, j])
                }
            }
            var o = Matrix<Scalar>.zeros(n, q)                  // O_t, (n, q)
            for i in 0..<n {
                for j in 0..<q {
                    var sum: Scalar = 0                         // (H_t W_hq)_ij
                    for k in 0..<h { sum += hNew[i, k] * p.wHQ[k, j] }
                    o[i, j] = sum + p.bQ[0, j]
                }
            }
            run.preActivations.append(z)
            run.states.append(hNew)
            run.outputs.append(o)
            hPrev = hNew                                        // the state carried to step t + 1
        }
        // END-QUOTE by-hand
        return run
    }
}

/// The unrolled loop held against the hand computation: bit for bit in
/// float32, and within a derived rounding bound against float64.
struct ReferenceCheck {
    /// Entries of H_1…H_T and O_1…O_T where `rnnForward` and the float32
    /// hand computation differ in any bit.
    var differingBits: Int
    /// max |H_float32 − H_float64| over all steps and entries, and the bound.
    var maxStateError: Double
    var stateTolerance: Double
    /// The same for O_1 … O_T.
    var maxOutputError: Double
    var outputTolerance: Double
    /// The length K of the longest chain of roundings in one pre-activation.
    var sumLength: Int
    /// Entrywise bounds on |H_float32 − H_float64| and |O_float32 − O_float64|,
    /// per step (see ``RoundingBound``).
    var stateBounds: [Matrix<Double>]
    var outputBounds: [Matrix<Double>]

    init(forward: RNNForward<Float>, handFloat: HandRun<Float>, handDouble: HandRun<Double>,
         xs: [Matrix<Float>], params: RNNParameters<Float>, activation phi: Activation) {
        let states = Array(forward.states.dropFirst())          // H_1 … H_T
        var differing = 0
        for (a, b) in zip(states + forward.outputs, handFloat.states + handFloat.outputs) {
            differing += zip(a.scalars, b.scalars).filter { $0.bitPattern != $1.bitPattern }.count
        }
        differingBits = differing

        let xs64 = xs.map { $0.converted(to: Double.self) }
        let p64 = params.map { $0.converted(to: Double.self) }
        let computed = HandRun<Double>(preActivations: forward.preActivations.map { $0.converted() },
                                       states: states.map { $0.converted() },
                                       outputs: forward.outputs.map { $0.converted() })
        let float32 = RoundingBound(xs: xs64, params: p64, run: computed,
                                    unitRoundoff: Double(Float.unitRoundoff), activation: phi)
        let float64 = RoundingBound(xs: xs64, params: p64, run: handDouble,
                                    unitRoundoff: Double.unitRoundoff, activation: phi)
        stateBounds = zip(float32.states, float64.states).map { $0 + $1 }
        outputBounds = zip(float32.outputs, float64.outputs).map { $0 + $1 }
        sumLength = float32.sumLength

        func maxError(_ a: [Matrix<Float>], _ b: [Matrix<Double>]) -> Double {
            zip(a, b).map { $0.converted(to: Double.self).maxAbsDifference($1) }.max() ?? 0
        }
        maxStateError = maxError(states, handDouble.states)
        maxOutputError = maxError(forward.outputs, handDouble.outputs)
        stateTolerance = stateBounds.map { $0.maxAbs() }.max() ?? 0
        outputTolerance = outputBounds.map { $0.maxAbs() }.max() ?? 0
    }
}

/// How far rounding can move a computed RNN run from the exact one, entry by
/// entry: a forward error bound in the style of Higham, *Accuracy and
/// Stability of Numerical Algorithms*, §3.1–3.5.
///
/// Model: every operation is exact up to a factor (1 + θ), |θ| ≤ u; a sum of
/// terms accumulated one after another, each term having passed through at
/// most K roundings, is within γ_K = K·u/(1 − K·u) times the sum of the
/// terms' magnitudes of the exact sum. In one pre-activation
/// Z_t = (X_t W_xh + H_{t−1} W_hh) + b_h a product x·w is rounded once, then
/// by at most d − 1 (or h − 1) additions in its sum, then by the addition of
/// the two sums and by the bias: K = max(d, h) + 2.
///
/// With Ẑ, Ĥ the computed values, Z, H the exact ones from the same inputs,
/// and B_t the bound on |Ĥ_t − H_t| (B_0 = 0, since H_0 = 0 exactly):
///
///     E_t = γ_K (|X_t||W_xh| + |Ĥ_{t−1}||W_hh| + |b_h|) + B_{t−1}|W_hh|   ≥ |Ẑ_t − Z_t|
///     B_t = S_t ⊙ E_t + α/(1 − α)·|Ĥ_t|
///
/// S_t is the largest slope |φ′| anywhere between Ẑ_t − E_t and Ẑ_t + E_t
/// (mean value theorem): for tanh 1 − tanh²(max(0, |Ẑ| − E)), for sigmoid
/// σ′ at the same point, for ReLU 0 when the whole interval is negative and
/// 1 otherwise, for identity 1. A saturated unit (|φ′| small) passes little
/// of an error on, which keeps the bound realistic over many steps. α is the
/// relative error of evaluating φ: 0 for identity and ReLU (exact), 8u —
/// four units in the last place — for tanh and sigmoid, twice what glibc
/// documents for tanhf and for the expf-based sigmoid. For the outputs
/// O_t = H_t W_hq + b_q:
///
///     |Ô_t − O_t| ≤ γ_{h+1} (|Ĥ_t||W_hq| + |b_q|) + B_t|W_hq|
///
/// Assumes no underflow (entries below 1e−38 in float32). The bound is itself
/// computed in float64; its own rounding (relative ~1e−13) is covered by
/// rounding the slopes up by a factor 1 + 1e−12.
struct RoundingBound {
    var states: [Matrix<Double>]    // B_1 … B_T, each (n, h)
    var outputs: [Matrix<Double>]   // bounds on |Ô_t − O_t|, each (n, q)
    var sumLength: Int              // K

    /// `run` is the computed run (Ẑ, Ĥ), widened to float64 if it was float32;
    /// `u` the unit roundoff of the precision it was computed in.
    init(xs: [Matrix<Double>], params p: RNNParameters<Double>, run: HandRun<Double>,
         unitRoundoff u: Double, activation phi: Activation) {
        func gamma(_ k: Int) -> Double { roundingGamma(k, unitRoundoff: u) }
        func abs(_ m: Matrix<Double>) -> Matrix<Double> { m.magnitudes() }
        let k = max(p.inputs, p.hiddens) + 2
        let alpha = (phi == .tanh || phi == .sigmoid) ? 8 * u : 0
        let wXH = abs(p.wXH), wHH = abs(p.wHH), bH = abs(p.bH), wHQ = abs(p.wHQ), bQ = abs(p.bQ)
        let n = xs.first?.rows ?? 0
        var bound = Matrix<Double>.zeros(n, p.hiddens)          // B_0 = 0, (n, h)
        var hPrev = Matrix<Double>.zeros(n, p.hiddens)          // |Ĥ_0| = 0, (n, h)
        states = []
        outputs = []
        for t in xs.indices {
            let sums = (abs(xs[t]).matmul(wXH) + hPrev.matmul(wHH)).addingRow(bH)             // (n, h)
            let zError = gamma(k) * sums + bound.matmul(wHH)                                  // E_t, (n, h)
            let slope = run.preActivations[t].zip(zError) { z, e in Self.maxSlope(phi, z, e) } // S_t, (n, h)
            let hAbs = abs(run.states[t])                                                     // (n, h)
            bound = slope .* zError + (alpha / (1 - alpha)) * hAbs                             // B_t, (n, h)
            let oError = gamma(p.hiddens + 1) * hAbs.matmul(wHQ).addingRow(bQ) + bound.matmul(wHQ) // (n, q)
            states.append(bound)
            outputs.append(oError)
            hPrev = hAbs
        }
        sumLength = k
    }

    /// The largest |φ′(z)| for z within `e` of `center`, rounded up.
    static func maxSlope(_ phi: Activation, _ center: Double, _ e: Double) -> Double {
        let nearest = max(0, center.magnitude - e)     // the point of the interval closest to 0
        let slope: Double
        switch phi {
        case .identity: slope = 1
        case .relu: slope = center + e < 0 ? 0 : 1
        case .tanh, .sigmoid: slope = phi.derivative(at: nearest)   // |φ′| falls as |z| grows
        }
        return slope * (1 + 1e-12)
    }
}
