import Testing
import TestSupport
@testable import gradients
@testable import Network
@testable import Tensor

/// Lesson 05 runs twins of the two functions its report quotes
/// (`gradientNorms` and `ClippingExperiment.train`, GradientsFast.swift):
/// the same arithmetic on a reusable `RNNWorkspace`, spread over the cores.
/// The report shows the quoted functions as the lesson's code, so the twins
/// must give exactly their numbers: every comparison here is `==` (NaN
/// compared by bit pattern), tolerance 0.
@Suite struct GradientsFastTests {
    /// Sizes with a batch that is not a multiple of four and widths off the
    /// kernels' tiles, T = 1 among them, and the lesson's default shape.
    static let shapes: [[String]] = [
        ["--steps", "1", "--hiddens", "3", "--batch", "1", "--inputs", "2"],
        ["--steps", "9", "--hiddens", "13", "--batch", "5", "--inputs", "3"],
        ["--steps", "30", "--hiddens", "37", "--batch", "7", "--inputs", "16", "--init", "gaussian"],
        ["--steps", "100"],
    ]

    @Test(arguments: shapes)
    func gradientNormsTwinMatchesQuotedFunction(arguments: [String]) {
        let c = gradientsConfig(arguments + ["--runs", "2"])
        var g = TorchGenerator(seed: 3)
        let runs = (0..<c.runs).map { _ in GradientsLesson.drawRun(c, using: &g) }
        let double = GradientsLesson.workspace(c, Double.self), float = GradientsLesson.workspace(c, Float.self)
        for phi in Activation.allCases {
            for rho in [0.5, 1.0, 2.5] {
                for run in runs {
                    #expect(Self.bits(GradientsLesson.gradientNorms(run, rho: rho, activation: phi, on: double))
                            == Self.bits(GradientsLesson.gradientNorms(run, rho: rho, activation: phi, as: Double.self)), "\(phi) ρ = \(rho) \(arguments)")
                    // Float overflows to ∞ and NaN at ρ = 2.5 over 100 steps: compared bit for bit too.
                    #expect(Self.bits(GradientsLesson.gradientNorms(run, rho: rho, activation: phi, on: float))
                            == Self.bits(GradientsLesson.gradientNorms(run, rho: rho, activation: phi, as: Float.self)), "Float \(phi) ρ = \(rho) \(arguments)")
                    if phi == .tanh {
                        // The saturation of the pass just run equals the one `Saturation(_:rho:)` runs itself.
                        _ = GradientsLesson.gradientNorms(run, rho: rho, activation: .tanh, on: double)
                        #expect(double.withStates { GradientsLesson.Saturation(states: $0) } == GradientsLesson.Saturation(run, rho: rho))
                    }
                }
            }
        }
    }

    /// The whole parallel sweep against the quoted function run one
    /// configuration after another.
    @Test func sweepMatchesQuotedFunctionInOrder() {
        let c = gradientsConfig(["--steps", "12", "--hiddens", "10", "--batch", "3", "--runs", "3", "--rhos", "0.5,1.5,3"])
        let (sweeps, runs) = GradientsLesson.sweep(c, seed: 8)
        var k = 0
        for phi in c.activations {
            for rho in c.rhos.values {
                let s = sweeps[k]
                k += 1
                #expect(s.activation == phi && s.rho == rho)
                #expect(s.norms.map(Self.bits) == runs.map { Self.bits(GradientsLesson.gradientNorms($0, rho: rho, activation: phi, as: Double.self)) })
                #expect(Self.bits(s.floatNorms) == Self.bits(GradientsLesson.gradientNorms(runs[0], rho: rho, activation: phi, as: Float.self)))
                #expect(s.saturation == (phi == .tanh ? runs.map { GradientsLesson.Saturation($0, rho: rho) } : []))
            }
        }
        #expect(k == sweeps.count)
    }

    /// Training on the twin gives the quoted `train`'s trace, without and
    /// with clipping, at θ = 1 (the lesson's) and θ = 10⁶, at the lesson's
    /// step size and at a ten times larger one.
    @Test(arguments: [(1.0, 0.3), (1e6, 0.3), (1e6, 3.0)])
    func trainTwinMatchesQuotedFunction(theta: Double, learningRate: Double) {
        var c = ClippingExperiment.Config()
        (c.updates, c.theta, c.learningRate, c.steps, c.batch) = (40, theta, learningRate, 7, 5)
        var g = TorchGenerator(seed: 2)
        let h = c.hiddens, d = c.inputs
        let start = RNNParameters<Double>(
            wXH: (1 / Double(d).squareRoot()) * Matrix<Double>.randn(d, h, using: &g),
            wHH: orthogonalWHH(hiddens: h, scale: c.rho, using: &g), bH: .zeros(1, h),
            wHQ: (1 / Double(h).squareRoot()) * Matrix<Double>.randn(h, d, using: &g), bQ: .zeros(1, d))
        let batches = (0..<c.updates).map { _ in ClippingExperiment.batch(c, using: &g) }
        let w = ClippingExperiment.workspace(c)
        for clip in [nil, theta] {
            let twin = ClippingExperiment.train(c, start, batches, clip: clip, on: w)
            let quoted = ClippingExperiment.train(c, start, batches, clip: clip)
            #expect(Self.bits(twin) == Self.bits(quoted), "θ = \(String(describing: clip)), η = \(learningRate)")
            #expect(twin.divergedAt == quoted.divergedAt)
        }
    }

    /// Every number of a trace, as bit patterns (so NaN equals NaN).
    static func bits(_ t: ClippingExperiment.Trace) -> [UInt64] {
        bits(t.losses + t.normsBefore + t.normsAfter + t.stepOne + [t.firstGrowth, t.finalSpectralNorm])
    }

    static func bits(_ xs: [Double]) -> [UInt64] { xs.map(\.bitPattern) }
}
