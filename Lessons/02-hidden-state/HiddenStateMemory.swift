import Foundation
import Network
import Tensor

/// How long the network remembers X_1: add 1 to every entry of X_1, leave
/// X_2 … X_T alone, and measure how much each H_t moves.
///
/// Two instruments. The float32 runs do what a notebook does: run twice and
/// subtract. That subtraction loses the change once it falls below float32's
/// resolution of H_t (about 6e−8 of its size), after which the two runs are
/// bit-for-bit equal. So the curves and the claims use the change itself,
/// carried from step to step in float64 without ever subtracting two nearly
/// equal states: ΔZ_1 = ΔX_1 W_xh, ΔZ_t = ΔH_{t−1} W_hh, and
/// ΔH_t = φ(Z_t + ΔZ_t) − φ(Z_t) from a formula with no cancellation
/// (``Activation/difference(at:by:)``).
struct MemoryExperiment {
    /// X_1 + 1 as float32 holds it.
    var changedX1: Matrix<Float>                    // (n, d)
    /// ‖H′_t − H_t‖ between the two float32 runs, t = 1…T.
    var rnnFloat32: [Double]
    /// The same for the layer without state, H_t = φ(X_t W_xh + b_h).
    var mlpFloat32: [Double]
    /// ‖ΔH_t‖ propagated in float64, t = 1…T, with W_hh as drawn.
    var rnnExact: [Double]
    /// The same for the layer without state.
    var mlpExact: [Double]
    /// ‖W_hh‖₂ of the drawn W_hh.
    var drawnSpectralNorm: Double
    /// The same experiment with W_hh rescaled to each of `Config.memoryScales`.
    var scaled: [ScaledRun]

    struct ScaledRun {
        /// The spectral norm asked for, and the one measured on the rescaled matrix.
        var target: Double
        var spectralNorm: Double
        var curve: [Double]                          // ‖ΔH_t‖, t = 1…T
        /// max over t ≥ 2 of ‖ΔH_t‖ / ‖ΔH_{t−1}‖ (0 when T = 1).
        var maxStepRatio: Double
        /// γ·‖W_hh‖₂·(1 + ratioSlack): what no step may exceed.
        var ratioBound: Double
        var ratioSlack: Double
        /// The fraction of entries of H_t that φ flattens in this run (see
        /// ``PreActivationScale/flatSlope``).
        var saturated: Double
    }

    static func run(xs: [Matrix<Float>], params p: RNNParameters<Float>, forward: RNNForward<Float>,
                    activation phi: Activation) -> MemoryExperiment {
        let T = xs.count, n = xs[0].rows, h = p.hiddens
        let h0 = Matrix<Float>.zeros(n, h)
        // BEGIN-QUOTE memory
        func norm(_ a: Matrix<Float>, _ b: Matrix<Float>) -> Double {   // ‖a − b‖, subtracted exactly in float64
            (a.converted(to: Double.self) - b.converted(to: Double.self)).frobeniusNorm()
        }
        var xsChanged = xs
        xsChanged[0] = xs[0].map { $0 + HiddenStateLesson.Config.perturbation }  // X_1 + 1; X_2 … X_T unchanged
        let changed = rnnForward(xs: xsChanged, h0: h0, params: p, activation: phi)
        let rnnFloat32 = (1...T).map { t in norm(changed.states[t], forward.states[t]) }   // ‖ΔH_t‖

        // The same layer without state: H_t = φ(X_t W_xh + b_h), each step on its own.
        func noState(_ x: Matrix<Float>) -> Matrix<Float> {
            mlpForward(x: x, wXH: p.wXH, bH: p.bH, wHQ: p.wHQ, bQ: p.bQ, activation: phi).hidden  // (n, h)
        }
        let mlpFloat32 = (0..<T).map { t in norm(noState(xsChanged[t]), noState(xs[t])) }
        // END-QUOTE memory

        // float64 propagation of the same change.
        let xs64 = xs.map { $0.converted(to: Double.self) }
        let p64 = p.map { $0.converted(to: Double.self) }
        let dX1 = xsChanged[0].converted(to: Double.self) - xs64[0]                // ΔX_1, exact, (n, d)
        let h064 = Matrix<Double>.zeros(n, h)
        let zRNN = rnnForward(xs: xs64, h0: h064, params: p64, activation: phi).preActivations
        let zMLP = xs64.map { $0.matmul(p64.wXH).addingRow(p64.bH) }                 // (n, h) each
        let rnnExact = propagate(dX1: dX1, z: zRNN, wXH: p64.wXH, wHH: p64.wHH, activation: phi)
        let mlpExact = propagate(dX1: dX1, z: zMLP, wXH: p64.wXH, wHH: nil, activation: phi)

        let drawnNorm = p64.wHH.spectralNorm()
        let scaled = HiddenStateLesson.Config.memoryScales.map { target -> ScaledRun in
            var q = p64
            q.wHH = drawnNorm > 0 ? p64.wHH * (target / drawnNorm) : p64.wHH   // (h, h), ‖·‖₂ = target
            let z = rnnForward(xs: xs64, h0: h064, params: q, activation: phi).preActivations
            let curve = propagate(dX1: dX1, z: z, wXH: q.wXH, wHH: q.wHH, activation: phi)
            // Scaling every entry by one factor scales ‖·‖₂ by it; the rounding of
            // the entries moves the norm by at most a relative 2u.
            let sigma = drawnNorm > 0 ? target * (1 + 2 * Double.unitRoundoff) : 0
            let ratios = zip(curve.dropFirst(), curve).map { $1 > 0 ? $0 / $1 : 0 }
            let slack = ratioSlack(z: z, curve: curve, scale: target, batch: n, hiddens: h)
            return ScaledRun(target: target, spectralNorm: sigma, curve: curve, maxStepRatio: ratios.max() ?? 0,
                             ratioBound: phi.derivativeBound * sigma * (1 + slack), ratioSlack: slack,
                             saturated: PreActivationScale.slopes(z, phi).saturated)
        }
        return MemoryExperiment(changedX1: xsChanged[0], rnnFloat32: rnnFloat32, mlpFloat32: mlpFloat32,
                                rnnExact: rnnExact, mlpExact: mlpExact, drawnSpectralNorm: drawnNorm, scaled: scaled)
    }

    /// ‖ΔH_t‖ for t = 1…T, the change carried forward in float64 from
    /// ΔZ_1 = ΔX_1 W_xh; `wHH` nil is the layer without state (ΔZ_t = 0 for
    /// t ≥ 2). `z` holds the unchanged run's pre-activations Z_1 … Z_T.
    static func propagate(dX1: Matrix<Double>, z: [Matrix<Double>], wXH: Matrix<Double>, wHH: Matrix<Double>?,
                          activation phi: Activation) -> [Double] {
        var norms: [Double] = []
        var dH = Matrix<Double>.zeros(dX1.rows, wXH.cols)                      // ΔH_0 = 0, (n, h)
        // BEGIN-QUOTE propagate
        for t in z.indices {
            let dZ: Matrix<Double>                                               // ΔZ_t, (n, h)
            if t == 0 { dZ = dX1.matmul(wXH) }                                   // ΔZ_1 = ΔX_1 W_xh
            else if let wHH { dZ = dH.matmul(wHH) }                              // ΔZ_t = ΔH_{t−1} W_hh
            else { dZ = .zeros(dH.rows, dH.cols) }                               // no state: ΔZ_t = 0
            dH = z[t].zip(dZ) { a, delta in phi.difference(at: a, by: delta) }   // φ(Z_t + ΔZ_t) − φ(Z_t)
            norms.append(dH.frobeniusNorm())
        }
        // END-QUOTE propagate
        return norms
    }

    /// The relative float64 rounding allowed in a measured step ratio
    /// ‖ΔH_t‖ / ‖ΔH_{t−1}‖ on top of γ·‖W_hh‖₂:
    /// - ΔH W_hh rounded: ‖fl(ΔH W) − ΔH W‖ ≤ γ_h ‖|ΔH||W|‖ ≤ γ_h √h ‖ΔH‖ ‖W‖₂;
    /// - φ's difference formula: about a dozen operations of ≤ 2u each, and
    ///   the rounding of a + δ and of |a| + |b|, worth u·(|a| + |b|) each;
    /// - each of the two Frobenius norms, γ_{nh+4};
    /// - the spectral norm of the drawn W_hh, relative error about h·u
    ///   (Tensor's `spectralNorm`), allowed four times over.
    static func ratioSlack(z: [Matrix<Double>], curve: [Double], scale: Double, batch n: Int, hiddens h: Int) -> Double {
        let u = Double.unitRoundoff
        let gamma = Double.roundingGamma
        let largest = z.map { $0.maxAbs() }.max() ?? 0
        // For t ≥ 2, |δ| ≤ ‖ΔH_{t−1}‖·‖W_hh‖₂ ≤ max(2, ‖W_hh‖₂)·max_t ‖ΔH_t‖.
        let s = 2 * largest + max(2, scale) * (curve.max() ?? 0)               // ≥ |a| + |a + δ|
        return gamma(h) * Double(h).squareRoot() + (24 + 2 * s) * u + 2 * gamma(n * h + 4) + Double(4 * h) * u
    }
}

extension Activation {
    /// φ(a + δ) − φ(a), accurate to a few units in the last place even when
    /// δ is far smaller than a's resolution (where computing both values and
    /// subtracting gives 0).
    ///
    /// - tanh: tanh(a + δ) − tanh(a) = sinh δ / (cosh a · cosh b), b = a + δ.
    ///   With s = |a| + |b| ≥ |δ| this is
    ///   sign(δ) · 2e^{|δ|−s} (1 − e^{−2|δ|}) / ((1 + e^{−2|a|})(1 + e^{−2|b|})),
    ///   where no exponential overflows and 1 − e^{−2|δ|} = −expm1(−2|δ|)
    ///   keeps its digits for tiny δ.
    /// - sigmoid: σ(x) = (1 + tanh(x/2))/2, so the difference is half the
    ///   tanh difference at a/2 by δ/2.
    /// - ReLU: exact by cases; identity: δ.
    ///
    /// |φ(a + δ) − φ(a)| ≤ γ|δ| with γ = ``derivativeBound``.
    func difference(at a: Double, by delta: Double) -> Double {
        switch self {
        case .identity:
            return delta
        case .tanh:
            return Self.tanhDifference(at: a, by: delta)
        case .sigmoid:
            return Self.tanhDifference(at: a / 2, by: delta / 2) / 2
        case .relu:
            let b = a + delta
            switch (a > 0, b > 0) {
            case (true, true): return delta
            case (false, false): return 0
            case (true, false): return -a
            case (false, true): return b
            }
        }
    }

    static func tanhDifference(at a: Double, by delta: Double) -> Double {
        if delta == 0 { return 0 }
        let b = a + delta
        let s = a.magnitude + b.magnitude
        let m = delta.magnitude
        let numerator = 2 * exp(m - s) * -expm1(-2 * m)
        let denominator = (1 + exp(-2 * a.magnitude)) * (1 + exp(-2 * b.magnitude))
        return delta < 0 ? -numerator / denominator : numerator / denominator
    }
}
