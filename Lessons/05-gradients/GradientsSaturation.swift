import Network
import Tensor

/// What decides between vanishing and exploding for tanh: saturation.
///
/// With W_hh = ρQ (Q orthogonal) one step back multiplies the gradient's
/// norm by exactly
///
///     ‖∂L/∂H_(t−1)‖ / ‖∂L/∂H_t‖ = ρ · ‖∂L/∂H_t ⊙ φ′(Z_t)‖ / ‖∂L/∂H_t‖,
///
/// because Qᵀ keeps norms. When the gradient's entries are unrelated to the
/// slopes, the second factor is about the root mean square of φ′(Z_t) =
/// 1 − H_t², so the gradient grows when ρ·RMS(φ′) > 1 and shrinks when it
/// is below 1. A larger ρ drives more states towards ±1 (smaller slopes),
/// but the slopes fall more slowly than ρ rises: that race decides.
extension GradientsLesson {
    /// |H| above this counts as saturated (φ′ = 1 − H² below 0.0975).
    static let saturationThreshold = 0.95

    /// The slopes along one tanh forward pass, over every entry of H_1 … H_T.
    struct Saturation: Equatable {
        /// The fraction of entries with |H_t| > `saturationThreshold`.
        var saturatedFraction: Double
        /// The mean of φ′(Z_t) = 1 − H_t².
        var meanSlope: Double
        /// The mean of φ′(Z_t)²; its square root is the RMS slope.
        var meanSquaredSlope: Double

        /// Runs the forward pass of `gradientNorms` (Double, tanh, b_h = 0,
        /// H_0 = 0) for one run at scale ρ and measures its slopes. (The
        /// sweep measures the states its own forward pass left in a
        /// workspace instead, with ``init(states:)``: the same pass.)
        init(_ run: RunData, rho: Double) {
            let h = run.q.rows
            let params = RNNParameters<Double>(wXH: run.wXH, wHH: rho * run.q, bH: .zeros(1, h),
                                               wHQ: .zeros(h, 1), bQ: .zeros(1, 1))
            let states = rnnForward(xs: run.xs, h0: .zeros(run.dHT.rows, h), params: params, activation: .tanh)
                .states.dropFirst()                                              // H_1 … H_T
            let all = states.flatMap(\.scalars)
            self = all.withUnsafeBufferPointer { Saturation(states: $0) }
        }

        /// The slopes over the entries of H_1 … H_T of a tanh forward pass,
        /// given one after the other.
        init(states: UnsafeBufferPointer<Double>) {
            var count = 0.0, saturated = 0.0, slope = 0.0, squared = 0.0
            for v in states {
                let d = 1 - v * v                                                // φ′(Z) = 1 − tanh²(Z)
                count += 1
                if abs(v) > GradientsLesson.saturationThreshold { saturated += 1 }
                slope += d
                squared += d * d
            }
            (saturatedFraction, meanSlope, meanSquaredSlope) = (saturated / count, slope / count, squared / count)
        }
    }
}

extension GradientsLesson.Sweep {
    /// The saturation of all runs together (every run has as many entries).
    var pooledSaturation: (fraction: Double, meanSlope: Double, rmsSlope: Double)? {
        guard !saturation.isEmpty else { return nil }
        let k = Double(saturation.count)
        return (saturation.map(\.saturatedFraction).reduce(0, +) / k,
                saturation.map(\.meanSlope).reduce(0, +) / k,
                (saturation.map(\.meanSquaredSlope).reduce(0, +) / k).squareRoot())
    }

    /// The factor per step that the RMS slope predicts: ρ·RMS(φ′).
    var predictedStepFactor: Double? { pooledSaturation.map { rho * $0.rmsSlope } }
}
