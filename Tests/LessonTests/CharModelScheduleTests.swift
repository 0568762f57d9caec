import Foundation
import Network
import Testing
import TestSupport
@testable import char_model
@testable import Tensor

/// Lesson 06's speed work changes when and how its numbers are computed,
/// never what they are: each fast path here is held to the readable one
/// with `==` (tolerance 0), since `Output/` must stay byte for byte the same.
@Suite struct CharModelScheduleTests {
    /// `streamingMeanSurprise` (one step at a time, the loss value only) is
    /// the readable `meanSurprise` (the value of `CharModel.loss` over one
    /// forward pass of the whole streams), bit for bit, in Float and in
    /// Double, for trained and untrained weights.
    @Test(arguments: [UInt64(0), 5])
    func streamingMeanSurpriseIsTheReadableOne(seed: UInt64) {
        let config = charModelConfig()
        var g = TorchGenerator(seed: seed)
        let text = config.source.generate(count: 1_201, using: &g)
        let streams = CharModel.Streams(text, batch: config.batch)
        let start: RNNParameters<Float> = CharModel.initialParameters(symbols: config.symbols, hiddens: config.hiddens,
                                                                     scale: 0.7, using: &g)
        var trained = start
        _ = CharModel.trainEpoch(&trained, streams, config.setup(steps: 3))
        for p in [start, trained] {
            let v = config.symbols
            #expect(CharModel.streamingMeanSurprise(p, streams, symbols: v) == CharModel.meanSurprise(p, streams, symbols: v))
            let wide = p.map { $0.converted(to: Double.self) }
            #expect(CharModel.streamingMeanSurprise(wide, streams, symbols: v) == CharModel.meanSurprise(wide, streams, symbols: v))
        }
    }

    /// A run's perplexity curves, measured in the background while training
    /// goes on, equal the curves of training and measuring in turn on one
    /// thread with the readable `meanSurprise`.
    @Test func backgroundPerplexitiesEqualMeasuringInTurn() {
        let config = charModelConfig()
        var g = TorchGenerator(seed: 11)
        let text = config.source.generate(count: config.trainChars + config.valChars, using: &g)
        let (train, val) = (Array(text[..<config.trainChars]), Array(text[config.trainChars...]))
        let start: RNNParameters<Float> = CharModel.initialParameters(symbols: config.symbols, hiddens: config.hiddens,
                                                                     scale: config.initScale, using: &g)
        let run = CharModelLesson.trainAndMeasure(config, tau: config.longTau, from: start, train, val, using: &g)

        let trainStreams = CharModel.Streams(train, batch: config.batch), valStreams = CharModel.Streams(val, batch: config.batch)
        var p = start
        var trainCurve = [exp(CharModel.meanSurprise(p, trainStreams, symbols: config.symbols))]
        var valCurve = [exp(CharModel.meanSurprise(p, valStreams, symbols: config.symbols))]
        for _ in 1...config.epochs {
            _ = CharModel.trainEpoch(&p, trainStreams, config.setup(steps: config.longTau))
            trainCurve.append(exp(CharModel.meanSurprise(p, trainStreams, symbols: config.symbols)))
            valCurve.append(exp(CharModel.meanSurprise(p, valStreams, symbols: config.symbols)))
        }
        #expect(run.trainPerplexity == trainCurve)
        #expect(run.valPerplexity == valCurve)
        #expect(run.final == p)
    }

    /// Results come back in slot order whatever order the slots were
    /// handed out in, and each is its own input's measurement.
    @Test func backgroundMeasurementsFillTheirOwnSlots() {
        let squares = BackgroundMeasurements<Int, Int>(count: 5) { x in
            if x == 3 { usleep(20_000) }          // a slow one must not shift the others
            return x * x
        }
        for x in [3, 0, 4, 1, 2] { squares.measure(x, at: x) }
        #expect(squares.results() == [0, 1, 4, 9, 16])
    }
}
