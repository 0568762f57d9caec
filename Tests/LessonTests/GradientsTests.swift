import Foundation
import Testing
import TestSupport
@testable import Course
@testable import gradients
@testable import Network
@testable import Tensor

/// A parsed configuration of lesson 05 (the defaults unless given).
func gradientsConfig(_ arguments: [String] = []) -> GradientsLesson.Config {
    try! GradientsLesson.Config.parse(arguments)
}

/// Lesson 05's claims across seeds and sizes, and its JSON. (The command
/// line common to all lessons is tested in `CommandLineTests`.)
@Suite struct GradientsTests {
    /// The full default configuration holds every claim, for several seeds.
    /// (A default run costs about a second in a release build; in the debug
    /// build of the tests a smaller h keeps the suite quick while T = 100
    /// keeps the landmark claims in force.)
    @Test(arguments: [0, 1, 2] as [UInt64])
    func claimsHold(seed: UInt64) {
        let config = gradientsConfig(["--hiddens", "16", "--runs", "2", "--updates", "60"])
        let claims = GradientsLesson.claims(GradientsLesson.run(config, seed: seed), config)
        #expect(Set(claims.map(\.id)) == [
            "identity-matches-theory", "tanh-within-bound", "sigmoid-within-bound", "identity-explodes",
            "tanh-vanishes", "tanh-large-rho-still-decays", "bptt-matches-finite-differences",
            "clipped-norm-at-most-theta", "clipping-prevents-divergence", "clipping-does-not-teach-memory",
        ])
        for claim in claims { #expect(claim.holds, "seed \(seed): \(claim.id) measured \(claim.measured)") }
    }

    /// Other sizes: the theory and the bounds hold whatever T, h, n, d and ρ.
    @Test(arguments: [(5, 3, 1, 2), (40, 8, 3, 5), (150, 4, 2, 1)])
    func boundsHoldForOtherSizes(steps: Int, hiddens: Int, batch: Int, inputs: Int) {
        let config = gradientsConfig(["--steps", "\(steps)", "--hiddens", "\(hiddens)", "--batch", "\(batch)",
                                      "--inputs", "\(inputs)", "--runs", "2", "--rhos", "0.3,1,2", "--updates", "5"])
        let claims = GradientsLesson.claims(GradientsLesson.run(config, seed: 11), config)
        for id in ["identity-matches-theory", "tanh-within-bound", "sigmoid-within-bound"] {
            let claim = claims.first { $0.id == id }
            #expect(claim?.holds == true, "\(id) at T=\(steps) h=\(hiddens): \(claim?.measured ?? .nan)")
        }
    }

    /// The bound claim can fail: a norm above the bound is reported.
    @Test func boundClaimCanFail() {
        var config = gradientsConfig(["--steps", "10", "--hiddens", "4", "--runs", "1", "--rhos", "1", "--updates", "5"])
        config.activations = [.tanh]
        var result = GradientsLesson.run(config, seed: 0)
        #expect(GradientsLesson.claims(result, config).first { $0.id == "tanh-within-bound" }?.holds == true)
        result.sweeps[0].norms[0][3] = result.sweeps[0].bounds[0][3] * 1.001
        let claims = GradientsLesson.claims(result, config)
        #expect(claims.first { $0.id == "tanh-within-bound" }?.holds == false)
    }

    /// Float32 really flushes: with sigmoid at ρ = 0.5 over 100 steps the
    /// gradient is exactly zero in float32 long before t = 0, while the
    /// Double computation is tiny but positive.
    @Test func float32FlushesToZero() {
        var config = gradientsConfig(["--hiddens", "16", "--runs", "1", "--rhos", "0.5"])
        config.activations = [.sigmoid]
        let (sweeps, _) = GradientsLesson.sweep(config, seed: 0)
        #expect((sweeps[0].floatFlushStep ?? 0) > 0)
        #expect(sweeps[0].norms[0][0] > 0)
        #expect(sweeps[0].floatNorms[0] == 0)
    }

    /// `--json` carries the first run's inputs, from which the norms can be
    /// recomputed independently (here: a plain loop in Double).
    @Test func jsonInputsReproduceTheNorms() throws {
        let run = try LessonProcess.run("gradients", ["--json", "--steps", "12", "--hiddens", "5", "--batch", "2",
                                                       "--inputs", "3", "--runs", "1", "--rhos", "0.8", "--updates", "5"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let inputs = try #require(doc["inputs"] as? [String: Any])
        func matrix(_ any: Any?) throws -> Matrix<Double> { Matrix(try #require(any as? [[Double]])) }
        let xs = try #require(inputs["X"] as? [Any]).map { try matrix($0) }
        let wXH = try matrix(inputs["W_xh"]), q = try matrix(inputs["Q_unscaled"]), g = try matrix(inputs["dH_T"])
        let sweeps = try #require((doc["results"] as? [String: Any])?["sweeps"] as? [[String: Any]])
        let tanh = try #require(sweeps.first { $0["activation"] as? String == "tanh" })
        let reported = try #require((tanh["norms"] as? [[Double]])?.first)
        // Independent recomputation: forward with explicit loops, then back.
        let wHH = 0.8 * q
        var hs = [Matrix<Double>.zeros(2, 5)], zs: [Matrix<Double>] = []
        for x in xs {
            var z = Matrix<Double>.zeros(2, 5)
            for i in 0..<2 { for j in 0..<5 {
                var s = 0.0
                for k in 0..<3 { s += x[i, k] * wXH[k, j] }
                for k in 0..<5 { s += hs.last![i, k] * wHH[k, j] }
                z[i, j] = s
            } }
            zs.append(z)
            hs.append(z.map { Foundation.tanh($0) })
        }
        var grad = g
        var norms = [grad.frobeniusNorm()]
        for t in stride(from: xs.count, through: 1, by: -1) {
            let d = grad.zip(hs[t], "dz") { gv, hv in gv * (1 - hv * hv) }
            grad = d.matmul(wHH.transposed)
            norms.insert(grad.frobeniusNorm(), at: 0)
        }
        #expect(maxRelativeDifference(norms, reported) < 1e-12)
    }
}
