import Foundation
import ArgumentParser
import Course
import Network
import Tensor

/// Lesson 06: a character-level language model learns a source whose best
/// perplexity is known exactly — when truncated BPTT lets the gradient
/// reach far enough back.
///
/// Reads top to bottom: configuration → data (`CopySource.swift`) → model
/// and training (`CharModelTraining.swift`) → measurements
/// (`CharModelProbes.swift`). Claims in `CharModelClaims.swift`; text,
/// JSON, report and figures in `Presentation/`.
enum CharModelLesson: Lesson {
    /// The options. Defaults keep a run to about a second.
    struct Config: ParsableArguments {
        static let symbolRange = 2...26, lagRange = 2...16, tauRange = 1...64
        static let hiddenRange = 1...256, batchRange = 1...256, epochRange = 1...200
        static let charRange = 1_000...1_000_000
        static let probabilityRange = 0.25...1.0, rateRange = 1e-4...100.0, thetaRange = 1e-3...1e3
        static let scaleRange = 1e-4...10.0

        @Option(parsing: .unconditional, help: OptionRange.help("Alphabet size V (symbols a, b, c, …)", symbolRange, valueName: "V"))
        var symbols = 8
        @Option(parsing: .unconditional, help: OptionRange.help("Lag k: a character copies the one k steps back", lagRange, valueName: "k"))
        var lag = 3
        @Option(name: .customLong("copy-probability"), parsing: .unconditional,
                help: OptionRange.help("Probability p of copying the character k steps back", probabilityRange, valueName: "p"))
        var copyProbability = 0.8
        @Option(name: .customLong("short-tau"), parsing: .unconditional,
                help: OptionRange.help("Truncation length τ of the first run, below k", tauRange, valueName: "τ"))
        var shortTau = 2
        @Option(name: .customLong("long-tau"), parsing: .unconditional,
                help: OptionRange.help("Truncation length τ of the second run, at least k", tauRange, valueName: "τ"))
        var longTau = 6
        @Option(parsing: .unconditional, help: OptionRange.help("Hidden units h", hiddenRange, valueName: "h"))
        var hiddens = 32
        @Option(parsing: .unconditional, help: OptionRange.help("Streams read side by side, the minibatch size n", batchRange, valueName: "n"))
        var batch = 32
        @Option(parsing: .unconditional, help: OptionRange.help("Passes over the training text", epochRange, valueName: "count"))
        var epochs = 8
        @Option(name: .customLong("train-chars"), parsing: .unconditional,
                help: OptionRange.help("Characters of training text", charRange, valueName: "N"))
        var trainChars = 20_000
        @Option(name: .customLong("val-chars"), parsing: .unconditional,
                help: OptionRange.help("Characters of validation text", charRange, valueName: "N"))
        var valChars = 5_000
        @Option(name: .customLong("learning-rate"), parsing: .unconditional,
                help: OptionRange.help("SGD step size η", rateRange, valueName: "η"))
        var learningRate = 1.0
        @Option(parsing: .unconditional, help: OptionRange.help("Clipping threshold θ on the global gradient norm", thetaRange, valueName: "θ"))
        var theta = 1.0
        @Option(name: .customLong("init-scale"), parsing: .unconditional,
                help: OptionRange.help("Standard deviation σ of the initial weights", scaleRange, valueName: "σ"))
        var initScale = 0.1

        func validate() throws {
            try OptionRange.check("--symbols", symbols, Self.symbolRange)
            try OptionRange.check("--lag", lag, Self.lagRange)
            try OptionRange.check("--copy-probability", copyProbability, Self.probabilityRange)
            try OptionRange.check("--short-tau", shortTau, Self.tauRange)
            try OptionRange.check("--long-tau", longTau, Self.tauRange)
            try OptionRange.check("--hiddens", hiddens, Self.hiddenRange)
            try OptionRange.check("--batch", batch, Self.batchRange)
            try OptionRange.check("--epochs", epochs, Self.epochRange)
            try OptionRange.check("--train-chars", trainChars, Self.charRange)
            try OptionRange.check("--val-chars", valChars, Self.charRange)
            try OptionRange.check("--learning-rate", learningRate, Self.rateRange)
            try OptionRange.check("--theta", theta, Self.thetaRange)
            try OptionRange.check("--init-scale", initScale, Self.scaleRange)
            guard shortTau < lag else {
                throw ValidationError("--short-tau must be below --lag (k = \(lag)): from 1 to \(lag - 1); got '\(shortTau)'.")
            }
            guard longTau >= lag else {
                throw ValidationError("--long-tau must be at least --lag (k = \(lag)): from \(lag) to \(Self.tauRange.upperBound); got '\(longTau)'.")
            }
            for (option, count) in [("--train-chars", trainChars), ("--val-chars", valChars)]
            where (count - 1) / batch < 2 * longTau {
                throw ValidationError("\(option) must give every one of the \(batch) streams at least two segments of --long-tau (\(longTau)) characters: at least \(2 * longTau * batch + 1); got '\(count)'.")
            }
        }

        var source: CopySource { CopySource(symbols: symbols, lag: lag, copyProbability: copyProbability) }

        func setup(steps: Int) -> CharModel.Setup {
            CharModel.Setup(symbols: symbols, hiddens: hiddens, batch: batch, steps: steps,
                            learningRate: learningRate, theta: theta)
        }
    }

    /// One training run, at one τ.
    struct Run {
        var tau: Int
        /// Per epoch e = 0 … E: exp(mean −ln P(next character)) of the
        /// network as it stands after epoch e (e = 0: before training), on
        /// the training text and on the validation text.
        var trainPerplexity: [Double]
        var valPerplexity: [Double]
        /// Every update of the first epoch (the PyTorch snippet reproduces the first few).
        var firstUpdates: [CharModel.Update]
        var updatesPerEpoch: Int
        /// The mean ‖∂L/∂H_0‖ of a segment over the last epoch: what detaching discards.
        var discardedBoundaryGradient: Double
        var final: RNNParameters<Float>
        var crossBoundary: (detached: CharModelProbes.CrossBoundary, kept: CharModelProbes.CrossBoundary)
        /// ‖∂H_t/∂X_(t−j)‖ for j = 0 … 2k.
        var sensitivity: [Double]
        var sample: [Int]
        var sampleCopyRate: Double
    }

    struct Result {
        var train, val: [Int]
        var entropyRate: Double
        /// exp of the mean −ln P under the source itself on the validation
        /// streams (uniform for the first k of each): the best score on this text.
        var valFloor: Double
        var initial: RNNParameters<Float>
        var short, long: Run
        /// The prompt the samples start from (the start of the validation text).
        var prompt: [Int]
        /// The largest max_j o_j − min_j o_j over the validation predictions
        /// of the initial network: |ln perplexity − ln V| cannot exceed it.
        var initialLogitRange: Double
        /// The perplexity of the model whose outputs are all 0 (uniform), on the validation text.
        var uniformPerplexity: Double
        /// The finite-difference check of one segment's gradient.
        var check: CharModelCheck.Report
    }

    static let sampleLength = 2_000, promptLength = 16, sensitivityPositions = 24

    static func run(_ c: Config, seed: UInt64) -> Result {
        var g = TorchGenerator(seed: seed)
        // BEGIN-QUOTE run
        let source = c.source
        let text = source.generate(count: c.trainChars + c.valChars, using: &g)   // the data, from the seed
        let (train, val) = (Array(text[..<c.trainChars]), Array(text[c.trainChars...]))
        let start: RNNParameters<Float> = CharModel.initialParameters(
            symbols: c.symbols, hiddens: c.hiddens, scale: c.initScale, using: &g)  // the same start for both runs
        let short = trainAndMeasure(c, tau: c.shortTau, from: start, train, val, using: &g)   // τ < k
        let long = trainAndMeasure(c, tau: c.longTau, from: start, train, val, using: &g)     // τ ≥ k
        // END-QUOTE run
        let valStreams = CharModel.Streams(val, batch: c.batch)
        var floor = 0.0
        for (i, s) in valStreams.starts.enumerated() {
            for j in 0..<valStreams.length { floor += source.trueSurprise(val, at: s + j + 1, historyStart: valStreams.starts[i]) }
        }
        floor = exp(floor / Double(valStreams.length * valStreams.starts.count))
        var uniform = start
        uniform.wHQ = .zeros(c.hiddens, c.symbols)                                  // O_t = 0 at every step
        return Result(train: train, val: val, entropyRate: source.entropyRate, valFloor: floor, initial: start,
                      short: short, long: long, prompt: Array(val.prefix(promptLength)),
                      initialLogitRange: logitRange(start, valStreams, symbols: c.symbols),
                      uniformPerplexity: exp(CharModel.streamingMeanSurprise(uniform, valStreams, symbols: c.symbols)),
                      check: CharModelCheck.run(seed: seed))
    }

    /// max over the predictions of (max_j o_j − min_j o_j). Since
    /// ln V + min o ≤ logsumexp(o) ≤ ln V + max o, each −ln softmax(o)_y is
    /// within that range of ln V, and so is their mean.
    static func logitRange(_ p: RNNParameters<Float>, _ streams: CharModel.Streams, symbols: Int) -> Double {
        let (xs, _): ([Matrix<Float>], [[Int]]) = streams.segment(0..<streams.length, symbols: symbols)
        let f = rnnForward(xs: xs, h0: .zeros(streams.inputs.count, p.hiddens), params: p, activation: .tanh)
        var range = 0.0
        for o in f.outputs {
            for row in o.nested { range = max(range, Double(row.max()! - row.min()!)) }
        }
        return range
    }

    /// Trains a copy of `start` for the configured epochs at truncation τ,
    /// then measures it.
    static func trainAndMeasure(_ c: Config, tau: Int, from start: RNNParameters<Float>, _ train: [Int], _ val: [Int],
                      using g: inout TorchGenerator) -> Run {
        let setup = c.setup(steps: tau), symbols = c.symbols
        let trainStreams = CharModel.Streams(train, batch: c.batch), valStreams = CharModel.Streams(val, batch: c.batch)
        // The perplexities of the network after each epoch e = 0 … E, on a
        // second core while the next epoch trains: exactly the numbers of
        // measuring each copy right here (see BackgroundMeasurements).
        let perplexities = BackgroundMeasurements<RNNParameters<Float>, (train: Double, val: Double)>(count: c.epochs + 1) { q in
            (exp(CharModel.streamingMeanSurprise(q, trainStreams, symbols: symbols)),
             exp(CharModel.streamingMeanSurprise(q, valStreams, symbols: symbols)))
        }
        var p = start
        perplexities.measure(p, at: 0)
        var first: [CharModel.Update] = [], last: [CharModel.Update] = []
        for epoch in 1...c.epochs {
            Progress.show("τ = \(tau): epoch \(epoch) of \(c.epochs)")
            let updates = CharModel.trainEpoch(&p, trainStreams, setup)
            if epoch == 1 { first = updates }
            last = updates
            perplexities.measure(p, at: epoch)
        }
        let prompt = Array(val.prefix(promptLength))
        let sample = CharModelProbes.sample(p, prompt: prompt, count: sampleLength, symbols: c.symbols, using: &g)
        let warmUp = 3 * c.lag
        let positions = min(sensitivityPositions, val.count / (warmUp + 1))
        let crossBoundary = (CharModelProbes.crossBoundary(p, valStreams, steps: tau, symbols: c.symbols, detach: true),
                             CharModelProbes.crossBoundary(p, valStreams, steps: tau, symbols: c.symbols, detach: false))
        let sensitivity = CharModelProbes.sensitivity(p, text: val, symbols: c.symbols, maxLag: 2 * c.lag,
                                                      warmUp: warmUp, positions: positions)
        let measured = perplexities.results()
        return Run(
            tau: tau, trainPerplexity: measured.map(\.train), valPerplexity: measured.map(\.val),
            firstUpdates: first, updatesPerEpoch: first.count,
            discardedBoundaryGradient: last.map(\.boundaryGradientNorm).reduce(0, +) / Double(last.count),
            final: p, crossBoundary: crossBoundary, sensitivity: sensitivity,
            sample: sample,
            sampleCopyRate: CharModelProbes.copyRate(Array(prompt.suffix(c.lag)) + sample, lag: c.lag))
    }
}
