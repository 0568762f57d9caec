import Course
import Foundation
import Plot
import Tensor

/// How lesson 06 presents its result: help, terminal text, JSON and the
/// report's values. The figures are in `CharModelFigures.swift`, the
/// PyTorch snippet in `CharModelSnippet.swift`.
extension CharModelLesson {
    static let executable = "char-model"
    static let folder = "06-char-model"
    static let abstract = "Lesson 06: a character-level RNN learns text whose best perplexity is known — if truncated BPTT reaches far enough back."
    static let discussion = """
        Generates text over V symbols in which a character copies the one k steps \
        back with probability p (else uniform), so the best possible perplexity \
        exp(H) is known exactly. Trains the book's model (one-hot inputs, tanh RNN, \
        softmax cross-entropy at every step, SGD with gradient clipping) twice from \
        the same start, with truncated BPTT of length τ < k and τ ≥ k, and measures \
        perplexity per epoch, the gradient cut at segment boundaries, how far back \
        the hidden state remembers, and samples. A default run takes about a \
        second, in a debug build too (the numerics are compiled optimised in every \
        build, and each epoch's perplexity is measured on a second core while the \
        next one trains); for larger runs add -c release.

        Examples:
          swift run char-model                     the defaults
          swift run -c release char-model --lag 5 --short-tau 4 --long-tau 10 --epochs 12
          swift run char-model --json              curves, texts, claims
        """

    /// The values the report templates read.
    struct ReportValues: Encodable {
        var V, k, h, n, epochs, short, long, train_chars, val_chars, stream_length: Int
        var updates_short, updates_long, k1, k2, param_count, check_entries, sample_length: Int
        var p, a, b, H, expH, val_floor, eta, theta, sigma: String
        var code_source, code_loss, code_epoch, code_run, code_boundary, code_sensitivity: String
        var pytorch, pytorch_output: String
        var perplexity_table, sensitivity_table: String
        var start_ppl, start_range: String
        var short_best, short_best_epoch, short_final, short_ratio, long_final, long_ratio: String
        var long_first_below, long_gain, short_gain: String
        var short_kept_boundary, short_kept_inputs, long_kept_boundary, long_kept_inputs: String
        var discarded_short, discarded_long: String
        var sens_long_needed, sens_long_older, sens_short_needed, sens_short_older: String
        var prompt, sample_short, sample_long, copy_short, copy_long, one_over_v: String
        var check_error, uniform_ppl: String
        var train_head: String
        var snippet_updates, boundary_copies: Int
        var short_final_train: String
        var short_above_uniform, short_no_order: Bool
        var reached_share: Int
    }

    static func reportValues(_ r: Result, _ c: Config, seed: UInt64, source: LessonSource) throws -> ReportValues {
        let f = { (x: Double) in NumberText.short(x) }
        let f4 = { (x: Double) in String(format: "%.4f", x) }
        let f3 = { (x: Double) in String(format: "%.3f", x) }
        let (a, b) = c.source.conditional
        let shortVal = r.short.valPerplexity, longVal = r.long.valPerplexity
        let best = shortVal.indices.dropFirst().min { shortVal[$0] < shortVal[$1] }!
        // The first epoch from which every later one is within the margin.
        let within = { (e: Int) in gain(longVal[e], r, c) >= reachedShare }
        let firstBelow = longVal.indices.first { e in longVal[e...].indices.allSatisfy(within) }
        let file = "CharModelTraining.swift"
        return ReportValues(
            V: c.symbols, k: c.lag, h: c.hiddens, n: c.batch, epochs: c.epochs, short: c.shortTau, long: c.longTau,
            train_chars: c.trainChars, val_chars: c.valChars, stream_length: (c.trainChars - 1) / c.batch,
            updates_short: r.short.updatesPerEpoch, updates_long: r.long.updatesPerEpoch,
            k1: c.lag - 1, k2: 2 * c.lag, param_count: r.long.final.count, check_entries: r.check.entries,
            sample_length: sampleLength,
            p: f(c.copyProbability), a: f4(a), b: f4(b), H: f4(r.entropyRate), expH: f4(exp(r.entropyRate)),
            val_floor: f4(r.valFloor), eta: f(c.learningRate), theta: f(c.theta), sigma: f(c.initScale),
            code_source: try source.excerpt("source", in: "CopySource.swift"),
            code_loss: try source.excerpt("loss", in: file),
            code_epoch: try source.excerpt("epoch", in: file),
            code_run: try source.excerpt("run", in: "CharModelLesson.swift"),
            code_boundary: try source.excerpt("boundary", in: "CharModelProbes.swift"),
            code_sensitivity: try source.excerpt("sensitivity", in: "CharModelProbes.swift"),
            pytorch: pytorchSnippet(c, seed: seed), pytorch_output: pytorchOutput(r),
            perplexity_table: perplexityTable(r),
            sensitivity_table: sensitivityTable(r),
            start_ppl: f3(longVal[0]), start_range: f3(r.initialLogitRange),
            short_best: f3(shortVal[best]), short_best_epoch: "\(best)", short_final: f3(shortVal.last!),
            short_ratio: f3(shortVal[best] / r.valFloor), long_final: f3(longVal.last!),
            long_ratio: f3(longVal.last! / r.valFloor), long_first_below: firstBelow.map { "\($0)" } ?? "—",
            long_gain: String(format: "%.0f %%", 100 * gain(longVal.last!, r, c)),
            short_gain: String(format: "%.0f %%", 100 * gain(shortVal[best], r, c)),
            short_kept_boundary: NumberText.sci(r.short.crossBoundary.kept.boundary),
            short_kept_inputs: NumberText.sci(r.short.crossBoundary.kept.earlierInputs),
            long_kept_boundary: NumberText.sci(r.long.crossBoundary.kept.boundary),
            long_kept_inputs: NumberText.sci(r.long.crossBoundary.kept.earlierInputs),
            discarded_short: NumberText.sci(r.short.discardedBoundaryGradient),
            discarded_long: NumberText.sci(r.long.discardedBoundaryGradient),
            sens_long_needed: f3(mean(r.long.sensitivity[0..<c.lag])), sens_long_older: f3(mean(r.long.sensitivity[c.lag...])),
            sens_short_needed: f3(mean(r.short.sensitivity[0..<c.lag])), sens_short_older: f3(mean(r.short.sensitivity[c.lag...])),
            prompt: CopySource.string(r.prompt),
            sample_short: CopySource.string(Array(r.short.sample.prefix(72))),
            sample_long: CopySource.string(Array(r.long.sample.prefix(72))),
            copy_short: f3(r.short.sampleCopyRate), copy_long: f3(r.long.sampleCopyRate), one_over_v: f3(1 / Double(c.symbols)),
            check_error: NumberText.sci(r.check.maxRelativeError), uniform_ppl: String(format: "%.5f", r.uniformPerplexity),
            train_head: CopySource.string(Array(r.train.prefix(72))),
            snippet_updates: snippetUpdates,
            boundary_copies: CharModelProbes.copiesFromFirstSegment(steps: c.shortTau, lag: c.lag),
            short_final_train: f3(r.short.trainPerplexity.last!),
            short_above_uniform: shortVal.last! > Double(c.symbols) && r.short.trainPerplexity.last! > Double(c.symbols),
            short_no_order: mean(r.short.sensitivity[0..<c.lag]) <= mean(r.short.sensitivity[c.lag...]),
            reached_share: Int(reachedShare * 100))
    }

    static func mean(_ xs: ArraySlice<Double>) -> Double { xs.reduce(0, +) / Double(xs.count) }

    /// Epoch | τ < k train | τ < k val | τ ≥ k train | τ ≥ k val, as Markdown rows (no header).
    static func perplexityTable(_ r: Result) -> String {
        r.short.valPerplexity.indices.map { e in
            let cells = [r.short.trainPerplexity[e], r.short.valPerplexity[e], r.long.trainPerplexity[e], r.long.valPerplexity[e]]
            return "| \(e) | " + cells.map { String(format: "%.3f", $0) }.joined(separator: " | ") + " |"
        }.joined(separator: "\n")
    }

    /// Lag | τ < k | τ ≥ k, as Markdown rows (no header).
    static func sensitivityTable(_ r: Result) -> String {
        r.long.sensitivity.indices.map { j in
            "| \(j) | \(String(format: "%.3f", r.short.sensitivity[j])) | \(String(format: "%.3f", r.long.sensitivity[j])) |"
        }.joined(separator: "\n")
    }

    static func text(_ r: Result, _ c: Config, strings: StringTable) -> String {
        let (a, _) = c.source.conditional
        var lines = [
            "Source: V = \(c.symbols), k = \(c.lag), p = \(NumberText.short(c.copyProbability)); "
                + "entropy rate H = \(String(format: "%.4f", r.entropyRate)) nats, floor exp(H) = \(String(format: "%.4f", exp(r.entropyRate))), "
                + "best possible on the validation text \(String(format: "%.4f", r.valFloor)); uniform guess V = \(c.symbols).",
            "Training text: \(CopySource.string(Array(r.train.prefix(60))))…",
            "",
            "Perplexity per epoch (network after the epoch; epoch 0 before training):",
            "epoch   τ=\(c.shortTau) train  τ=\(c.shortTau) val   τ=\(c.longTau) train  τ=\(c.longTau) val",
        ]
        for e in r.short.valPerplexity.indices {
            lines.append(String(format: "%5d   %11.3f  %9.3f   %11.3f  %9.3f", e, r.short.trainPerplexity[e], r.short.valPerplexity[e],
                                r.long.trainPerplexity[e], r.long.valPerplexity[e]))
        }
        lines += ["", "First updates (the PyTorch snippet prints these):", pytorchOutput(r), ""]
        for run in [r.short, r.long] {
            let kept = run.crossBoundary.kept
            lines.append("τ = \(run.tau): across a segment boundary, ‖∂L₂/∂H_b‖ = \(NumberText.sci(kept.boundary)) and ‖∂L₂/∂X‖ over the earlier segment = \(NumberText.sci(kept.earlierInputs)) without detaching; exactly 0 and 0 with it.")
        }
        lines += ["", "‖∂H_t/∂X_(t−j)‖ by lag j:   τ=\(c.shortTau)    τ=\(c.longTau)"]
        for j in r.long.sensitivity.indices {
            lines.append(String(format: "   j = %2d              %8.3f  %8.3f", j, r.short.sensitivity[j], r.long.sensitivity[j]))
        }
        lines += ["", "Samples after the prompt \(CopySource.string(r.prompt)) (copy rate k back; the source's is \(String(format: "%.3f", a))):"]
        for run in [r.short, r.long] {
            lines.append("τ = \(run.tau) (\(String(format: "%.3f", run.sampleCopyRate))): \(CopySource.string(Array(run.sample.prefix(60))))…")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ r: Result, _ c: Config) -> (inputs: [(String, JSONValue)], results: [(String, JSONValue)]) {
        func run(_ x: Run) -> JSONValue {
            .object([
                ("tau", .int(x.tau)),
                ("updates_per_epoch", .int(x.updatesPerEpoch)),
                ("train_perplexity", .floats(x.trainPerplexity)),
                ("val_perplexity", .floats(x.valPerplexity)),
                ("first_updates", .array(x.firstUpdates.prefix(snippetUpdates).map {
                    .object([("loss", .float($0.loss)), ("gradient_norm", .float($0.gradientNorm))])
                })),
                ("boundary_gradient_kept", .float(x.crossBoundary.kept.boundary)),
                ("earlier_inputs_gradient_kept", .float(x.crossBoundary.kept.earlierInputs)),
                ("boundary_gradient_detached", .float(x.crossBoundary.detached.boundary)),
                ("earlier_inputs_gradient_detached", .float(x.crossBoundary.detached.earlierInputs)),
                ("discarded_boundary_gradient", .float(x.discardedBoundaryGradient)),
                ("sensitivity_by_lag", .floats(x.sensitivity)),
                ("sample", .string(CopySource.string(x.sample))),
                ("sample_copy_rate", .float(x.sampleCopyRate)),
            ])
        }
        return (inputs: [
                    ("text_generator", .string("torch.manual_seed(seed); copy = torch.rand(N) < p; fresh = (torch.rand(N) * V).long(); x_t = x_(t-k) where copy, else fresh; N = train_chars + val_chars")),
                    ("train_text", .string(CopySource.string(r.train))),
                    ("val_text", .string(CopySource.string(r.val))),
                    ("W_xh", .matrix(r.initial.wXH)), ("W_hh", .matrix(r.initial.wHH)), ("W_hq", .matrix(r.initial.wHQ)),
                ],
                results: [
                    ("entropy_rate", .float(r.entropyRate)),
                    ("perplexity_floor", .float(exp(r.entropyRate))),
                    ("val_floor", .float(r.valFloor)),
                    ("short", run(r.short)),
                    ("long", run(r.long)),
                    ("prompt", .string(CopySource.string(r.prompt))),
                    ("gradient_check_max_relative_error", .float(r.check.maxRelativeError)),
                ])
    }
}
