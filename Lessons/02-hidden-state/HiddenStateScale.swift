import Network
import Tensor

/// How large the pre-activations Z_t = X_t W_xh + H_{t−1} W_hh + b_h of the
/// run are, where that size comes from, and how many units φ flattens.
///
/// Dividing W_xh by √d gives the input part X_t W_xh entries of variance 1
/// when the inputs have variance 1 (a sum of d terms of variance 1/d). It
/// does nothing about the two other parts: H_{t−1} W_hh has variance about
/// mean(H²) (below 1 for tanh), and b_h ~ N(0, 1) adds 1 more. So
/// E[Z²] ≈ 1 + mean(H²) + 1, not 1. Measured here as means over all T·n·h
/// entries (the bias over its h entries, broadcast to every row and step):
///
///     mean Z² = mean (X W_xh)² + mean (H W_hh)² + mean b_h² + cross terms.
///
/// The alternative shown beside it treats the step as what lesson 03 shows
/// it is, one layer on [X_t | H_{t−1}] with fan-in d + h: the same draws,
/// W_xh and W_hh divided by √(d + h) instead, b_h = 0. Then
/// E[Z²] = (d·E[x²] + h·mean(H²)) / (d + h) ≤ 1, equal to 1 only if the
/// states had unit mean square, which tanh's never do.
///
/// All sums in float64 over the float32 run (and, for the alternative, a
/// float64 run).
struct PreActivationScale {
    /// mean Z_t² over t, rows and units.
    var meanSquare: Double
    /// Its parts: mean (X_t W_xh)², mean (H_{t−1} W_hh)², mean b_h².
    var inputPart: Double
    var statePart: Double
    var biasPart: Double
    /// The fraction of entries of H_1 … H_T where φ′(Z) < (1 − 0.95²)·γ:
    /// for tanh exactly |H_t| > 0.95, where a unit passes on less than a
    /// tenth of a small change.
    var saturated: Double
    /// The mean of φ′(Z_t) over all entries: the average slope a small
    /// change meets along the run.
    var meanSlope: Double
    /// The same two measures with fan-in d + h and b_h = 0.
    var concatMeanSquare: Double
    var concatSaturated: Double

    /// The slope below which a unit counts as saturated, as a fraction of γ.
    static let flatSlope = 1 - 0.95 * 0.95

    init(xs: [Matrix<Float>], params p: RNNParameters<Float>, forward: RNNForward<Float>, activation phi: Activation) {
        let xs64 = xs.map { $0.converted(to: Double.self) }
        let p64 = p.map { $0.converted(to: Double.self) }
        let states = forward.states.map { $0.converted(to: Double.self) }          // H_0 … H_T, (n, h) each
        let z = forward.preActivations.map { $0.converted(to: Double.self) }       // Z_1 … Z_T
        func meanOfSquares(_ ms: [Matrix<Double>]) -> Double {
            let count = ms.reduce(0) { $0 + $1.count }
            return count == 0 ? 0 : ms.reduce(0) { $0 + $1.scalars.reduce(0) { $0 + $1 * $1 } } / Double(count)
        }
        meanSquare = meanOfSquares(z)
        inputPart = meanOfSquares(xs64.map { $0.matmul(p64.wXH) })                    // (n, h) each
        statePart = meanOfSquares(states.dropLast().map { $0.matmul(p64.wHH) })      // H_0 … H_{T−1} times W_hh
        biasPart = meanOfSquares([p64.bH])
        (saturated, meanSlope) = Self.slopes(z, phi)

        // Fan-in d + h, no bias: rescale the drawn (already /√fan-in) weights.
        let d = Double(p.inputs), h = Double(p.hiddens)
        var q = p64
        q.wXH = p64.wXH * (d.squareRoot() / (d + h).squareRoot())                  // (d, h): N(0,1)/√(d+h)
        q.wHH = p64.wHH * (h.squareRoot() / (d + h).squareRoot())                  // (h, h): N(0,1)/√(d+h)
        q.bH = .zeros(1, p.hiddens)                                                // (1, h)
        let zConcat = rnnForward(xs: xs64, h0: .zeros(xs[0].rows, p.hiddens), params: q, activation: phi).preActivations
        concatMeanSquare = meanOfSquares(zConcat)
        concatSaturated = Self.slopes(zConcat, phi).saturated
    }

    /// The fraction of entries with φ′(z) < flatSlope·γ, and the mean φ′(z).
    static func slopes(_ z: [Matrix<Double>], _ phi: Activation) -> (saturated: Double, meanSlope: Double) {
        let all = z.flatMap(\.scalars)
        guard !all.isEmpty else { return (0, 0) }
        let slopes = all.map { phi.derivative(at: $0) }
        let flat = slopes.filter { $0 < flatSlope * phi.derivativeBound }.count
        return (Double(flat) / Double(all.count), slopes.reduce(0, +) / Double(all.count))
    }
}
