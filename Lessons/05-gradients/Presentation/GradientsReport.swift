import Foundation
import Course
import Tensor

/// How lesson 05 presents its results: help, terminal text, JSON and the
/// values of the report templates. The figures are in `GradientsFigures.swift`.
extension GradientsLesson {
    static let executable = "gradients"
    static let folder = "05-gradients"
    static let abstract = "Lesson 05: gradients through time vanish or explode with the scale ρ of W_hh."
    static let discussion = """
        For each activation and each ρ, builds W_hh = ρ·Q (Q a random orthogonal matrix, \
        so every singular value is ρ), runs the RNN forward over T steps, and pushes a \
        unit gradient ∂L/∂H_T back to t = 0, recording ‖∂L/∂H_t‖ at every step (in \
        Double, and once in Float to show where float32 flushes it to zero). Compares \
        with the theory, measures how saturated tanh's states are, checks BPTT against \
        finite differences, and trains a tanh RNN on a memory task with and without \
        gradient clipping. A default run takes one to two seconds, in a debug build too \
        (the numerics are compiled optimised in every build, and the sweep runs on all \
        cores); for larger runs add -c release.

        Examples:
          swift run gradients                           the defaults (T = 100, h = 64, 5 runs, 6 values of ρ)
          swift run -c release gradients --rhos 0.95,1,1.05 --steps 300
          swift run -c release gradients --init gaussian   W_hh Gaussian, spectral radius ρ
        """

    /// A configuration whose float32 run left float32's range: the
    /// activation (the templates name the identity in their own language),
    /// ρ and the last step it reached; `first` starts the list.
    struct FloatEvent: Encodable {
        var activation: String, identity: Bool, rho: String, step: Int, first: Bool
    }

    /// The values the report templates read.
    struct ReportValues: Encodable {
        var T, h, n, d, runs: Int
        var rhos: String
        var sweep_code, clip_code, pytorch, pytorch_output: String
        var norms_table, check_table, saturation_table: String
        /// Where float32 flushed the gradient to zero, or overflowed, if it did anywhere.
        var float_flushed, float_overflowed: Bool
        var float_min, float_max: String
        var flush_list, overflow_list: [FloatEvent]
        var flush_activation, flush_rho, flush_norm: String
        /// tanh both ways: the largest ρ > 1 that still decays, the largest that grows.
        var tanh_decays, tanh_explodes: Bool
        var decay_rho, decay_ratio, explode_rho, explode_ratio: String
        /// The sigmoid's largest ρ and its γρ, when that is below 1.
        var sigmoid_below_one: Bool
        var sigmoid_rho, sigmoid_gamma_rho: String
        /// Saturation at the smallest and the largest tanh ρ.
        var has_saturation: Bool
        var sat_threshold, lo_rho, lo_sat, lo_slope, hi_rho, hi_sat, hi_slope, hi_rms, hi_mean_product, hi_rms_product, hi_factor: String
        /// The exercise: the smallest ρ of the scan at which tanh grows.
        var threshold_found: Bool
        var threshold_rho, threshold_ratio, scan_rhos, scan_list: String
        /// The clipping experiment: its settings, then what the two runs did.
        var clip_T, clip_h, clip_d, clip_n, updates, window: Int
        var theta, clip_rho, eta, first_growth: String
        var max_norm: String
        var plain_diverged: Bool
        var diverged_update: Int
        var plain_whh, clipped_whh, plain_step1_first, plain_step1_late, clipped_step1_late: String
        var plain_late_loss, clipped_late_loss, clipped_median_before: String
        var clipped_count, clipped_updates: Int
        var zero_loss: String
    }

    static func reportValues(_ r: Result, _ c: Config, seed: UInt64, source: LessonSource) throws -> ReportValues {
        let cc = c.clipping, plain = r.training.plain, clipped = r.training.clipped
        let flushed = r.sweeps.filter { $0.floatFlushStep != nil }
        let overflowed = r.sweeps.filter { $0.floatOverflowStep != nil }
        let example = flushed.first
        let tanh = r.sweeps.filter { $0.activation == .tanh }.sorted { $0.rho < $1.rho }
        let decays = tanh.last { $0.rho > 1 && $0.median[0] < 1 }
        let explodes = tanh.last { $0.median[0] > 1 }
        let lo = tanh.first, hi = tanh.last
        let loSat = lo?.pooledSaturation, hiSat = hi?.pooledSaturation
        let answer = explosionThreshold(r.scan)
        let sigmoidMax = r.sweeps.filter { $0.activation == .sigmoid }.map(\.rho).max()
        let snippet = pytorchSnippet(r, c, seed: seed)
        let short = NumberText.short, sci = { (x: Double) in NumberText.sci(x) }
        return ReportValues(
            T: c.steps, h: c.hiddens, n: c.batch, d: c.inputs, runs: c.runs,
            rhos: c.rhos.values.map { short($0) }.joined(separator: ", "),
            sweep_code: try source.excerpt("sweep", in: "GradientsLesson.swift"),
            clip_code: try source.excerpt("clipping", in: "GradientsTraining.swift"),
            pytorch: snippet.code, pytorch_output: snippet.output,
            norms_table: normsTable(r, c), check_table: checkTable(r), saturation_table: saturationTable(r, c),
            float_flushed: example != nil, float_overflowed: !overflowed.isEmpty,
            float_min: NumberText.sci(Double(Float.leastNonzeroMagnitude)),
            float_max: NumberText.sci(Double(Float.greatestFiniteMagnitude)),
            flush_list: flushed.enumerated().map { FloatEvent(activation: $1.activation.displayName, identity: $1.activation == .identity,
                                                              rho: short($1.rho), step: $1.floatFlushStep!, first: $0 == 0) },
            overflow_list: overflowed.enumerated().map { FloatEvent(activation: $1.activation.displayName, identity: $1.activation == .identity,
                                                                    rho: short($1.rho), step: $1.floatOverflowStep!, first: $0 == 0) },
            flush_activation: example?.activation.displayName ?? "",
            flush_rho: example.map { short($0.rho) } ?? "",
            flush_norm: example.map { sci($0.median[0]) } ?? "",
            tanh_decays: decays != nil, tanh_explodes: explodes != nil,
            decay_rho: decays.map { short($0.rho) } ?? "", decay_ratio: decays.map { sci($0.median[0]) } ?? "",
            explode_rho: explodes.map { short($0.rho) } ?? "", explode_ratio: explodes.map { sci($0.median[0]) } ?? "",
            sigmoid_below_one: sigmoidMax.map { $0 * Activation.sigmoid.derivativeBound < 1 } ?? false,
            sigmoid_rho: sigmoidMax.map { short($0) } ?? "",
            sigmoid_gamma_rho: sigmoidMax.map { short($0 * Activation.sigmoid.derivativeBound) } ?? "",
            has_saturation: tanh.count >= 2,
            sat_threshold: short(saturationThreshold),
            lo_rho: lo.map { short($0.rho) } ?? "", lo_sat: loSat.map { percent($0.fraction) } ?? "",
            lo_slope: loSat.map { String(format: "%.2f", $0.meanSlope) } ?? "",
            hi_rho: hi.map { short($0.rho) } ?? "", hi_sat: hiSat.map { percent($0.fraction) } ?? "",
            hi_slope: hiSat.map { String(format: "%.2f", $0.meanSlope) } ?? "",
            hi_rms: hiSat.map { String(format: "%.2f", $0.rmsSlope) } ?? "",
            hi_mean_product: hi.flatMap { s in hiSat.map { String(format: "%.2f", s.rho * $0.meanSlope) } } ?? "",
            hi_rms_product: hi.flatMap { $0.predictedStepFactor }.map { String(format: "%.2f", $0) } ?? "",
            hi_factor: hi.map { String(format: "%.2f", $0.stepFactor) } ?? "",
            threshold_found: answer != nil,
            threshold_rho: answer.map { short($0.rho) } ?? "", threshold_ratio: answer.map { sci($0.ratio) } ?? "",
            scan_rhos: scanRhos.map { short($0) }.joined(separator: ", "),
            scan_list: r.scan.map { "ρ = \(short($0.rho)): \(sci($0.ratio))" }.joined(separator: "; "),
            clip_T: cc.steps, clip_h: cc.hiddens, clip_d: cc.inputs, clip_n: cc.batch, updates: cc.updates,
            window: ClippingExperiment.lateWindow,
            theta: short(cc.theta), clip_rho: short(cc.rho), eta: short(cc.learningRate),
            first_growth: sci(plain.firstGrowth),
            max_norm: sci(plain.normsBefore.filter(\.isFinite).max() ?? .nan),
            plain_diverged: plain.divergedAt != nil,
            diverged_update: (plain.divergedAt ?? -1) + 1,
            plain_whh: sci(plain.finalSpectralNorm), clipped_whh: short(clipped.finalSpectralNorm),
            plain_step1_first: sci(plain.stepOne.first ?? .nan), plain_step1_late: sci(late(plain.stepOne)),
            clipped_step1_late: sci(late(clipped.stepOne)),
            plain_late_loss: sci(lateMean(plain.losses)), clipped_late_loss: short(lateMean(clipped.losses)),
            clipped_median_before: short(median(clipped.normsBefore)),
            clipped_count: clippedCount(clipped), clipped_updates: clipped.normsAfter.count,
            zero_loss: short(Double(cc.inputs) / 2))
    }

    static func text(_ r: Result, _ c: Config, strings: StringTable) -> String {
        [
            "W_hh = ρ·\(c.initialisation == .orthogonal ? "Q (orthogonal)" : "A (Gaussian, spectral radius 1)")",
            "",
            "‖∂L/∂H_t‖ / ‖∂L/∂H_T‖, median over \(c.runs) runs (Double):",
            normsTable(r, c),
            "",
            "tanh: saturation along the forward pass (all runs) and the factor per step back:",
            saturationTable(r, c),
            "",
            "BPTT vs finite differences, largest relative error (Double, n=2 d=3 h=4 q=2 T=6):",
            checkTable(r),
            "",
            trainingText(r.training, c.clipping),
        ].joined(separator: "\n")
    }

    /// The clipping experiment's settings and outcome, as the report shows them.
    static func trainingText(_ t: ClippingExperiment.Result, _ cc: ClippingExperiment.Config) -> String {
        let plain = t.plain, clipped = t.clipped, short = NumberText.short, sci = { (x: Double) in NumberText.sci(x) }
        let w = ClippingExperiment.lateWindow
        let plainEnd = plain.divergedAt.map { "diverged at update \($0 + 1): the gradient norm was no longer finite" }
            ?? "mean loss over the last \(w) updates \(sci(lateMean(plain.losses)))"
        return [
            "recall task: \(cc.activation.displayName) RNN, d = q = \(cc.inputs), h = \(cc.hiddens), n = \(cc.batch), T = \(cc.steps), "
                + "W_hh = \(short(cc.rho))·Q at the start, SGD η = \(short(cc.learningRate)), \(cc.updates) updates, θ = \(short(cc.theta))",
            "at the start ‖∂L/∂H_1‖ / ‖∂L/∂H_T‖ = \(sci(plain.firstGrowth))",
            "without clipping: largest gradient norm \(sci(plain.normsBefore.filter(\.isFinite).max() ?? .nan)); \(plainEnd); "
                + "‖W_hh‖₂ at the end \(sci(plain.finalSpectralNorm)); ‖∂L/∂H_1‖ \(sci(plain.stepOne.first ?? .nan)) at update 1, "
                + "\(sci(late(plain.stepOne))) over the last \(w) (median)",
            "with clipping: \(clippedCount(clipped)) of \(clipped.normsAfter.count) updates clipped (median norm before clipping "
                + "\(short(median(clipped.normsBefore)))); mean loss over the last \(w) updates \(short(lateMean(clipped.losses))); "
                + "‖W_hh‖₂ at the end \(short(clipped.finalSpectralNorm)); ‖∂L/∂H_1‖ over the last \(w) \(sci(late(clipped.stepOne))) (median)",
            "(always answering 0 scores d/2 = \(short(Double(cc.inputs) / 2)))",
        ].joined(separator: "\n")
    }

    static func json(_ r: Result, _ c: Config) -> (inputs: [(String, JSONValue)], results: [(String, JSONValue)]) {
        func trace(_ t: ClippingExperiment.Trace) -> JSONValue {
            .object([("loss", .floats(t.losses)), ("norm_before", .floats(t.normsBefore)),
                     ("norm_after", .floats(t.normsAfter)), ("dL_dH1_norm", .floats(t.stepOne)),
                     ("final_spectral_norm_W_hh", .float(t.finalSpectralNorm)),
                     ("diverged_at_update", t.divergedAt.map { .int($0 + 1) } ?? .null)])
        }
        return (
            inputs: [
                ("note", .string("First run only. W_hh = rho * Q_unscaled; H_0 = 0; b_h = 0; dL/dH_T = dH_T. The norms are recomputed by running H_t = phi(X_t W_xh + H_{t-1} W_hh) and dH_{t-1} = (dH_t * phi'(Z_t)) W_hh^T.")),
                ("X", .array(r.firstRun.xs.map { .matrix($0) })),
                ("W_xh", .matrix(r.firstRun.wXH)),
                ("Q_unscaled", .matrix(r.firstRun.q)),
                ("dH_T", .matrix(r.firstRun.dHT)),
            ],
            results: [
                ("sweeps", .array(r.sweeps.map { s in
                    .object([
                        ("activation", .string(s.activation.rawValue)), ("rho", .float(s.rho)),
                        ("norms", .array(s.norms.map { .floats($0) })),
                        ("median", .floats(s.median)),
                        ("float32_norms_first_run", .floats(s.floatNorms)),
                        ("spectral_norm_W_hh", .floats(s.spectralNorms)),
                        ("saturated_fraction", .floats(s.saturation.map(\.saturatedFraction))),
                        ("mean_slope", .floats(s.saturation.map(\.meanSlope))),
                        ("mean_squared_slope", .floats(s.saturation.map(\.meanSquaredSlope))),
                    ])
                })),
                ("gradient_check", .array(r.checks.map { ch in
                    .object([("activation", .string(ch.activation.rawValue)),
                             ("last_step_max_relative_error", .float(ch.lastStepError)),
                             ("every_step_max_relative_error", .float(ch.everyStepError))])
                })),
                ("tanh_scan_ratio_t0", .array(r.scan.map { .object([("rho", .float($0.rho)), ("median", .float($0.ratio))]) })),
                ("training", .object([
                    ("without_clipping", trace(r.training.plain)), ("with_clipping", trace(r.training.clipped)),
                ])),
            ])
    }

    /// How many updates the clipping changed.
    static func clippedCount(_ t: ClippingExperiment.Trace) -> Int {
        zip(t.normsBefore, t.normsAfter).filter { $0 != $1 }.count
    }

    /// The steps shown in tables: T, 3T/4, T/2, T/4, 0.
    static func tableSteps(_ T: Int) -> [Int] {
        Array(Set([T, 3 * T / 4, T / 2, T / 4, 0])).sorted(by: >)
    }

    static func normsTable(_ r: Result, _ c: Config) -> String {
        let ts = tableSteps(c.steps)
        var lines = ["activation  ρ      " + ts.map { pad("t=\($0)", 10) }.joined() + "float32"]
        for s in r.sweeps {
            let m = s.median
            let flush = s.floatOverflowStep.map { "overflows, t ≤ \($0)" } ?? s.floatFlushStep.map { "0 at t ≤ \($0)" } ?? "finite, not 0"
            lines.append(pad(s.activation.displayName, 12) + pad(NumberText.short(s.rho), 7)
                         + ts.map { pad(NumberText.sci(m[$0]), 10) }.joined() + flush)
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func checkTable(_ r: Result) -> String {
        var lines = ["activation  last-step loss  every-step loss"]
        for c in r.checks {
            lines.append(pad(c.activation.displayName, 12) + pad(NumberText.sci(c.lastStepError), 16) + NumberText.sci(c.everyStepError))
        }
        return lines.joined(separator: "\n")
    }

    /// The tanh saturation per ρ: fraction of saturated states, mean and
    /// RMS slope, the predicted factor per step ρ·RMS(φ′), the measured one,
    /// and the median ratio at t = 0.
    static func saturationTable(_ r: Result, _ c: Config) -> String {
        let tanh = r.sweeps.filter { $0.activation == .tanh }
        var lines = ["ρ      |H_t| > \(NumberText.short(saturationThreshold))  mean φ′  RMS φ′  ρ·mean φ′  ρ·RMS φ′  measured factor  ratio at t=0"]
        for s in tanh {
            guard let p = s.pooledSaturation else { continue }
            let f = { (x: Double) in String(format: "%.3f", x) }
            lines.append(pad(NumberText.short(s.rho), 7) + pad(percent(p.fraction), 13) + pad(f(p.meanSlope), 9)
                         + pad(f(p.rmsSlope), 8) + pad(f(s.rho * p.meanSlope), 11) + pad(f(s.rho * p.rmsSlope), 10)
                         + pad(f(s.stepFactor), 17) + NumberText.sci(s.median[0]))
        }
        return lines.joined(separator: "\n")
    }

    /// The PyTorch code that draws the same runs in the same order and
    /// prints the norms table above: for each activation and ρ the median
    /// ratio at the table's steps, formatted as the table formats it.
    static func pytorchSnippet(_ r: Result, _ c: Config, seed: UInt64) -> PyTorchSnippet {
        let ts = tableSteps(c.steps)
        let rows = r.sweeps.map { s in
            ([s.activation.displayName, NumberText.short(s.rho)] + ts.map { NumberText.sci(s.median[$0]) }).joined(separator: " ")
        }
        let drawQ: [PyTorchSnippet.Line] = c.initialisation == .orthogonal
            ? [.code("    Q, R = torch.linalg.qr(torch.randn(h, h).double())"),
               .code("    Q = Q * torch.sign(torch.diagonal(R))              # R's diagonal made positive: Haar-distributed")]
            : [.code("    A = torch.randn(h, h).double()"),
               .code("    Q = A / torch.linalg.eigvals(A).abs().max()          # spectral radius 1")]
        let activations = c.activations.map { phi -> String in
            switch phi {
            case .identity: return "\"identity\": lambda z: z"
            case .tanh: return "\"tanh\": torch.tanh"
            case .sigmoid: return "\"sigmoid\": torch.sigmoid"
            case .relu: return "\"ReLU\": torch.relu"
            }
        }
        return PyTorchSnippet([
            .code("import statistics"),
            .code("import torch"),
            .code(""),
            .code("torch.manual_seed(\(seed))"),
            .code("T, n, d, h, runs = \(c.steps), \(c.batch), \(c.inputs), \(c.hiddens), \(c.runs)"),
            .code("rhos = [\(c.rhos.values.map { NumberText.short($0) }.joined(separator: ", "))]"),
            .code("steps = [\(ts.map(String.init).joined(separator: ", "))]                       # the columns of the table"),
            .code("phis = {\(activations.joined(separator: ", "))}"),
            .code(""),
            .code("def draw():                                            # one run, in the lesson's order"),
            .code("    X = torch.randn(T * n, d).double().split(n)"),
            .code("    W_xh = torch.randn(d, h).double() / d ** 0.5"),
        ] + drawQ + [
            .code("    G = torch.randn(n, h).double()"),
            .code("    return X, W_xh, Q, G / G.norm()"),
            .code(""),
            .code("def ratios(run, rho, phi):                            # ‖∂L/∂H_t‖ / ‖∂L/∂H_T‖, t = 0…T"),
            .code("    X, W_xh, Q, G = run"),
            .code("    states = [torch.zeros(n, h, dtype=torch.float64, requires_grad=True)]"),
            .code("    for x in X:"),
            .code("        states.append(phi(x @ W_xh + states[-1] @ (rho * Q)))"),
            .code("        states[-1].retain_grad()"),
            .code("    (states[-1] * G).sum().backward()                  # L = <G, H_T>, so dL/dH_T = G"),
            .code("    return [s.grad.norm().item() for s in states]"),
            .code(""),
            .code("all_runs = [draw() for _ in range(runs)]"),
            .code("rows = []"),
            .code("for name, phi in phis.items():"),
            .code("    for rho in rhos:"),
            .code("        per_run = [ratios(run, rho, phi) for run in all_runs]"),
            .code("        median = [statistics.median(r[t] for r in per_run) for t in steps]"),
            .code("        rows.append(\" \".join([name, f\"{rho:.3g}\", *(f\"{m:.2e}\" for m in median)]))"),
            .print("\"\\n\".join(rows)", output: rows.joined(separator: "\n")),
        ])
    }
}
