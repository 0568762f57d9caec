import Foundation
import Network
import Testing
import TestSupport
@testable import char_model
@testable import Course
@testable import Tensor

/// A small configuration of lesson 06 that a debug build runs in seconds and
/// on which every claim still holds (V = 4, k = 2, τ = 1 and 4): the same
/// arguments as `LessonCase.all`'s quick run.
let charModelQuick = ["--symbols", "4", "--lag", "2", "--short-tau", "1", "--long-tau", "4",
                      "--train-chars", "3000", "--val-chars", "1000", "--batch", "8", "--hiddens", "16", "--epochs", "4"]

func charModelConfig(_ extra: [String] = []) -> CharModelLesson.Config {
    try! CharModelLesson.Config.parse(charModelQuick + extra)
}

/// Lesson 06: its claims over several seeds, the source's entropy rate, the
/// gradient against finite differences, the cut at the segment boundary
/// against full BPTT, and the PyTorch snippet's printed lines against the
/// lesson's own first updates.
@Suite struct CharModelTests {
    /// Every claim holds for several seeds. (The defaults, which take
    /// seconds in release but minutes in a debug build, were checked over
    /// seeds 0–7 in release, by hand.)
    @Test(arguments: 0..<4)
    func claimsHoldOverSeeds(seed: UInt64) {
        let config = charModelConfig()
        let result = CharModelLesson.run(config, seed: seed)
        let claims = CharModelLesson.claims(result, config)
        #expect(claims.count == 15)
        for claim in claims { #expect(claim.holds, "seed \(seed): \(claim.id) measured \(claim.measured), tolerance \(claim.tolerance)") }
    }

    /// H = −a ln a − (V − 1) b ln b, checked three ways: its two limits,
    /// and the mean true surprise over a long generated text, which must
    /// fall within 4 standard errors of H (the surprise takes two values,
    /// −ln a and −ln b, so its standard deviation is known exactly).
    @Test func entropyRateIsTheSourcesMeanSurprise() {
        for (v, k, p) in [(8, 3, 0.8), (4, 2, 0.5), (26, 5, 0.95)] {
            let source = CopySource(symbols: v, lag: k, copyProbability: p)
            var g = TorchGenerator(seed: 9)
            let text = source.generate(count: 200_000, using: &g)
            let surprises = (k..<text.count).map { source.trueSurprise(text, at: $0, historyStart: 0) }
            let mean = surprises.reduce(0, +) / Double(surprises.count)
            let (a, b) = source.conditional
            let h = source.entropyRate
            let variance = a * pow(-log(a) - h, 2) + Double(v - 1) * b * pow(-log(b) - h, 2)
            let standardError = (variance / Double(surprises.count)).squareRoot()
            #expect(abs(mean - h) <= 4 * standardError, "V \(v), k \(k), p \(p): mean surprise \(mean), H \(h)")
            #expect(abs(source.effectiveCopyProbability - p) <= 0x1p-24)
        }
        #expect(CopySource(symbols: 8, lag: 3, copyProbability: 1).entropyRate == 0)
        #expect(abs(CopySource(symbols: 8, lag: 3, copyProbability: 0).entropyRate - log(8)) < 1e-15)
    }

    /// Characters fewer than k apart are independent: over a long text the
    /// rate of x_t = x_(t−j) is 1/V for every j < k, and a at j = k, within
    /// 4 standard errors. For j < k the indicators [x_t = x_(t−j)] are not
    /// independent: the pair at t + mk equals the pair at t when both were
    /// copied m times, so their correlation is p^(2m) and the variance of
    /// the mean grows by Σ_m p^(2|m|) = (1 + p²)/(1 − p²). At j = k the
    /// indicators are independent Bernoulli(a) draws.
    @Test func onlyLagKCarriesInformation() {
        let source = CopySource(symbols: 8, lag: 3, copyProbability: 0.8)
        var g = TorchGenerator(seed: 4)
        let text = source.generate(count: 100_000, using: &g)
        for j in 1...3 {
            let rate = CharModelProbes.copyRate(text, lag: j)
            let expected = j == 3 ? source.conditional.repeat : 1.0 / 8
            let inflation = j == 3 ? 1 : (1 + 0.8 * 0.8) / (1 - 0.8 * 0.8)
            let se = (inflation * expected * (1 - expected) / Double(text.count - j)).squareRoot()
            #expect(abs(rate - expected) <= 4 * se, "lag \(j): rate \(rate), expected \(expected)")
        }
    }

    /// The gradient of the step-averaged loss against fourth-order finite
    /// differences in Double, for several draws. 1e−6: see `claim.gradient-check.why`.
    @Test(arguments: 0..<4)
    func gradientMatchesFiniteDifferences(seed: UInt64) {
        let report = CharModelCheck.run(seed: seed)
        #expect(report.entries == 3 * 4 + 4 * 4 + 4 + 4 * 3 + 3 + 2 * 4)
        #expect(report.maxRelativeError <= 1e-6, "seed \(seed): \(report.maxRelativeError)")
    }

    /// The loss is the mean over all n·τ predictions of −ln softmax, computed
    /// here independently in Double from the definition.
    @Test func lossIsTheMeanOverAllPredictions() {
        var g = TorchGenerator(seed: 2)
        let outputs = (0..<5).map { _ in Matrix<Double>.randn(3, 4, using: &g) }     // τ = 5 of (n = 3, V = 4)
        let labels = (0..<5).map { t in (0..<3).map { (t + 2 * $0) % 4 } }
        var total = 0.0
        for (o, ys) in zip(outputs, labels) {
            for i in 0..<3 {
                let row = (0..<4).map { o[i, $0] }
                total += log(row.map(exp).reduce(0, +)) - row[ys[i]]
            }
        }
        let value = CharModel.loss(outputs, labels).value
        #expect(abs(value - total / 15) <= 1e-14)
    }

    /// Not detaching is full BPTT: the gradient that reaches the boundary
    /// state and the first segment's inputs equals what one backward pass
    /// over both segments (loss on the second only) gives there. Detached,
    /// both are exactly 0. Float, 2τ steps: 1e−5 relative is a few hundred
    /// float32 roundings.
    @Test func keptBoundaryGradientIsFullBPTT() {
        let config = charModelConfig(["--short-tau", "1", "--long-tau", "3"])
        let result = CharModelLesson.run(config, seed: 1)
        let p = result.short.final, tau = 3, v = config.symbols
        let streams = CharModel.Streams(result.val, batch: config.batch)
        let kept = CharModelProbes.crossBoundary(p, streams, steps: tau, symbols: v, detach: false)
        let detached = CharModelProbes.crossBoundary(p, streams, steps: tau, symbols: v, detach: true)
        #expect(detached.boundary == 0 && detached.earlierInputs == 0)

        let (xs, ys): ([Matrix<Float>], [[Int]]) = streams.segment(0..<(2 * tau), symbols: v)
        let f = rnnForward(xs: xs, h0: .zeros(config.batch, p.hiddens), params: p, activation: .tanh)
        let second = CharModel.loss(Array(f.outputs[tau...]), Array(ys[tau...])).gradient
        guard case .everyStep(let g2) = second else { Issue.record("expected every-step gradients"); return }
        let zeros = (0..<tau).map { _ in Matrix<Float>.zeros(config.batch, v) }
        let full = rnnBackward(xs: xs, forward: f, params: p, activation: .tanh, outputGradient: .everyStep(zeros + g2))
        let dX = (1...tau).map { CharModelProbes.inputGradient(full.dH[$0], state: f.states[$0], wXH: p.wXH) }
        let fullInputs = Matrix<Double>.norm(of: dX.map { $0.frobeniusNorm() })
        #expect(kept.boundary > 0)
        #expect(abs(kept.boundary - full.dHNorms[tau]) <= 1e-5 * full.dHNorms[tau])
        #expect(abs(kept.earlierInputs - fullInputs) <= 1e-5 * fullInputs)
    }

    /// The counts of exercise 5 and of the boundary section, against the
    /// positions enumerated one by one.
    @Test func copyPositionCounts() {
        for k in 1...8 {
            for tau in 1...16 {
                #expect(CharModelLesson.copyPairs(steps: tau, lag: k) == max(0, tau - k + 1))
                let inFirst = (tau..<(2 * tau)).filter { j in j + 1 - k >= 0 && j + 1 - k < tau }.count
                #expect(CharModelProbes.copiesFromFirstSegment(steps: tau, lag: k) == inFirst)
            }
        }
    }

    /// The snippet prints the lesson's own first updates: recomputed here
    /// from scratch (same seed: text, then weights, then three segments of
    /// each τ from the same start), they are bit for bit the values the
    /// page shows, and the snippet uses this run's settings.
    @Test func pytorchSnippetPrintsTheLessonsValues() throws {
        let config = charModelConfig()
        let result = CharModelLesson.run(config, seed: 3)
        var g = TorchGenerator(seed: 3)
        let text = config.source.generate(count: config.trainChars + config.valChars, using: &g)
        let start: RNNParameters<Float> = CharModel.initialParameters(symbols: config.symbols, hiddens: config.hiddens,
                                                                     scale: config.initScale, using: &g)
        #expect(start == result.initial)
        var lines: [String] = []
        for tau in [config.shortTau, config.longTau] {
            var streams = CharModel.Streams(Array(text[..<config.trainChars]), batch: config.batch)
            streams.inputs = streams.inputs.map { Array($0.prefix(3 * tau)) }    // three segments only
            streams.targets = streams.targets.map { Array($0.prefix(3 * tau)) }
            var p = start
            let updates = CharModel.trainEpoch(&p, streams, config.setup(steps: tau))
            #expect(updates.count == 3)
            let run = tau == config.shortTau ? result.short : result.long
            #expect(updates.map(\.loss) == run.firstUpdates.prefix(3).map(\.loss))
            for (j, u) in updates.enumerated() {
                lines.append("tau=\(tau) update \(j + 1): loss \(String(format: "%.4f", u.loss)), gradient norm \(String(format: "%.4f", u.gradientNorm))")
            }
        }
        #expect(CharModelLesson.pytorchOutput(result) == lines.joined(separator: "\n"))
        let snippet = CharModelLesson.pytorchSnippet(config, seed: 3)
        for piece in ["torch.manual_seed(3)", "V, k, p, N = 4, 2, 0.8, 4000", "text[:3000]",
                      "h, n, lr, theta, sigma = 16, 8, 1.0, 1.0, 0.1", "for tau in (1, 4):", "for j in range(3):"] {
            #expect(snippet.contains(piece), "snippet lacks \(piece)")
        }
    }

    /// The snippet run by PyTorch itself (`Tests/Fixtures/char_model_torch.json`,
    /// written by `char_model_torch.py` beside it): the same text, the same
    /// initial W_xh bit for bit, and the same printed lines, at the defaults
    /// (seed 0) and at the quick configuration (seed 3).
    @Test(arguments: [("defaults_seed0", 0, [String]()), ("quick_seed3", 3, charModelQuick)])
    func matchesPyTorch(name: String, seed: UInt64, arguments: [String]) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/char_model_torch.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = try #require(object?["cases"] as? [[String: Any]])
        let fixture = try #require(cases.first { $0["name"] as? String == name })
        let config = try CharModelLesson.Config.parse(arguments)
        var g = TorchGenerator(seed: seed)
        let text = config.source.generate(count: config.trainChars + config.valChars, using: &g)
        let start: RNNParameters<Float> = CharModel.initialParameters(symbols: config.symbols, hiddens: config.hiddens,
                                                                     scale: config.initScale, using: &g)
        #expect(CopySource.string(Array(text.prefix(200))) == fixture["text_head"] as? String)
        let bits = (fixture["W_xh_bits"] as? [String] ?? []).compactMap { UInt32($0, radix: 16) }
        #expect(start.wXH.scalars.map(\.bitPattern) == bits)
        var lines: [String] = []
        for tau in [config.shortTau, config.longTau] {
            var streams = CharModel.Streams(Array(text[..<config.trainChars]), batch: config.batch)
            streams.inputs = streams.inputs.map { Array($0.prefix(3 * tau)) }
            streams.targets = streams.targets.map { Array($0.prefix(3 * tau)) }
            var p = start
            for (j, u) in CharModel.trainEpoch(&p, streams, config.setup(steps: tau)).enumerated() {
                lines.append("tau=\(tau) update \(j + 1): loss \(String(format: "%.4f", u.loss)), gradient norm \(String(format: "%.4f", u.gradientNorm))")
            }
        }
        #expect(lines == fixture["printed"] as? [String])
    }

    /// Cross-option checks name both options and the valid range.
    @Test func truncationsMustStraddleTheLag() throws {
        #expect(throws: (any Error).self) { try CharModelLesson.Config.parse(["--lag", "3", "--short-tau", "3"]) }
        #expect(throws: (any Error).self) { try CharModelLesson.Config.parse(["--lag", "3", "--long-tau", "2"]) }
        #expect(throws: (any Error).self) { try CharModelLesson.Config.parse(["--train-chars", "1000", "--batch", "128"]) }
        #expect(throws: Never.self) { try CharModelLesson.Config.parse(["--lag", "3", "--short-tau", "2", "--long-tau", "3"]) }
    }
}
