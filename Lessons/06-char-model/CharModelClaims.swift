import Course
import Foundation
import Tensor

/// What lesson 06 claims. The words are in `Presentation/strings.*.json`
/// under `claim.<id>`; the reasons for the tolerances under `claim.<id>.why`.
extension CharModelLesson {
    /// The share of the possible gain, ln V − ln floor, that the τ ≥ k
    /// network must reach by the last epoch, and that the τ < k network
    /// must stay below at every epoch (see ``gain(_:_:_:)``).
    static let reachedShare = 0.8, failedShare = 0.5
    /// How far from 1/V towards a the τ ≥ k network's own text must copy.
    static let sampleShare = 0.5

    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let source = c.source
        let a = source.conditional.repeat
        let v = Double(c.symbols)
        let trainCopyRate = CharModelProbes.copyRate(r.train, lag: c.lag)
        let sigma = (a * (1 - a) / Double(r.train.count - c.lag)).squareRoot()
        let longS = r.long.sensitivity
        let mean = { (xs: ArraySlice<Double>) in xs.reduce(0, +) / Double(xs.count) }
        let needed = mean(longS[0..<c.lag]), unneeded = mean(longS[c.lag...])
        let shortBest = r.short.valPerplexity.dropFirst().min()!
        let shortGain = gain(shortBest, r, c), longGain = gain(r.long.valPerplexity.last!, r, c)
        let f = { (x: Double) in NumberText.short(x) }
        let args: [String: String] = [
            "V": "\(c.symbols)", "k": "\(c.lag)", "p": f(c.copyProbability), "a": f(a),
            "short": "\(c.shortTau)", "long": "\(c.longTau)", "epochs": "\(c.epochs)",
            "floor": f(r.valFloor), "expH": f(exp(r.entropyRate)), "sigma": NumberText.sci(sigma),
            "tol4": NumberText.sci(4 * sigma), "reached": "\(Int(reachedShare * 100))", "failed": "\(Int(failedShare * 100))",
            "range": f(r.initialLogitRange), "entries": "\(r.check.entries)", "k1": "\(c.lag - 1)", "k2": "\(2 * c.lag)",
            "oneOverV": f(1 / v), "samples": "\(sampleLength)",
        ]
        let h = c.hiddens
        let floors = [abs(CopySource(symbols: c.symbols, lag: c.lag, copyProbability: 1).perplexityFloor - 1),
                      abs(CopySource(symbols: c.symbols, lag: c.lag, copyProbability: 0).perplexityFloor - v) / v]
        return [
            Claim(id: "source-copy-rate", measured: abs(trainCopyRate - a), tolerance: 4 * sigma, arguments: args),
            Claim(id: "starts-at-uniform", measured: abs(log(r.long.valPerplexity[0]) - log(v)),
                  tolerance: r.initialLogitRange, arguments: args),
            Claim(id: "gradient-check", measured: r.check.maxRelativeError, tolerance: 1e-6, arguments: args),
            .equal(id: "pairs-short", arguments: args, copyPairs(steps: c.shortTau, lag: c.lag), 0),
            .equal(id: "pairs-long", arguments: args.merging(["pairs": "\(c.longTau - c.lag + 1)"]) { $1 },
                   copyPairs(steps: c.longTau, lag: c.lag), c.longTau - c.lag + 1),
            Claim(id: "long-reaches-floor", measured: longGain, comparison: .atLeast, tolerance: reachedShare, arguments: args),
            Claim(id: "short-stays-far", measured: shortGain, tolerance: failedShare, arguments: args),
            .equal(id: "detached-boundary-zero", arguments: args,
                   Int(r.short.crossBoundary.detached.boundary + r.short.crossBoundary.detached.earlierInputs == 0 ? 0 : 1), 0),
            Claim(id: "kept-boundary-gradient", measured: r.short.crossBoundary.kept.earlierInputs, comparison: .atLeast,
                  tolerance: 1e-3, arguments: args),
            Claim(id: "state-keeps-needed", measured: needed / unneeded, comparison: .atLeast, tolerance: 1, arguments: args),
            Claim(id: "sample-copies", measured: (r.long.sampleCopyRate - 1 / v) / (a - 1 / v), comparison: .atLeast,
                  tolerance: sampleShare, arguments: args),
            Claim(id: "uniform-perplexity", measured: abs(r.uniformPerplexity - v) / v, tolerance: 1e-5, arguments: args),
            .equal(id: "output-dimension", arguments: args, r.long.final.outputs, c.symbols),
            .equal(id: "parameter-count", arguments: args.merging(["h": "\(h)"]) { $1 }, r.long.final.count,
                   c.symbols * h + h * h + h + h * c.symbols + c.symbols),
            Claim(id: "exercise-floors", measured: floors.max()!, tolerance: 1e-12, arguments: args),
        ]
    }

    /// How much of the possible improvement a validation perplexity
    /// achieves, in nats per character: (ln V − ln perplexity) / (ln V − ln floor),
    /// 0 for the uniform guess, 1 at the floor of the validation text.
    static func gain(_ perplexity: Double, _ r: Result, _ c: Config) -> Double {
        let lnV = log(Double(c.symbols))
        return (lnV - log(perplexity)) / (lnV - log(r.valFloor))
    }

    /// In a segment of τ steps, how many of its predictions have the
    /// character they copy among the segment's own inputs: step i (1-based)
    /// predicts x_(i+1), which copies x_(i+1−k), the input of step i + 1 − k.
    static func copyPairs(steps tau: Int, lag k: Int) -> Int {
        (1...tau).filter { i in (1...tau).contains(i + 1 - k) }.count
    }
}
