import Course
import Network
import Plot
import Tensor

/// How lesson 05 presents its results: terminal text, JSON, figures and
/// the values of the report templates.
enum GradientsReport {
    struct Inputs {
        var config: GradientsLesson.Config
        var clipping: ClippingExperiment.Config
        var sweeps: [GradientsLesson.Sweep]
        var firstRun: GradientsLesson.RunData
        var checks: [GradientsLesson.CheckResult]
        var training: ClippingExperiment.Result
    }

    /// The steps shown in tables: T, 3T/4, T/2, T/4, 0.
    static func tableSteps(_ T: Int) -> [Int] {
        Array(Set([T, 3 * T / 4, T / 2, T / 4, 0])).sorted(by: >)
    }

    static func normsTable(_ r: Inputs) -> String {
        let ts = tableSteps(r.config.steps)
        var lines = ["activation  ρ      " + ts.map { pad("t=\($0)", 10) }.joined() + "float32 is 0 from"]
        for s in r.sweeps {
            let m = s.median
            let flush = s.floatFlushStep.map { "t ≤ \($0)" } ?? "never"
            lines.append(pad(s.activation.displayName, 12) + pad(NumberText.short(s.rho), 7)
                         + ts.map { pad(NumberText.sci(m[$0]), 10) }.joined() + flush)
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func checkTable(_ r: Inputs) -> String {
        var lines = ["activation  last-step loss  every-step loss"]
        for c in r.checks {
            lines.append(pad(c.activation.displayName, 12) + pad(NumberText.sci(c.lastStepError), 16) + NumberText.sci(c.everyStepError))
        }
        return lines.joined(separator: "\n")
    }

    static func trainingSummary(_ r: Inputs, _ language: Language) -> String {
        let plain = r.training.plain, clipped = r.training.clipped
        let clippedCount = zip(clipped.normsBefore, clipped.normsAfter).filter { $0 != $1 }.count
        let maxBefore = NumberText.sci(plain.normsBefore.filter(\.isFinite).max() ?? .nan)
        let plainEnd = plain.divergedAt.map { k in
            language == .en ? "diverged at update \(k + 1): the gradient norm was no longer finite"
                            : "在第 \(k + 1) 次更新时发散：梯度范数已不再是有限数"
        } ?? (language == .en ? "final loss \(NumberText.sci(plain.losses.last ?? .nan))"
                              : "最终损失 \(NumberText.sci(plain.losses.last ?? .nan))")
        switch language {
        case .en:
            return """
            without clipping: largest gradient norm \(maxBefore); \(plainEnd)
            with clipping at θ = \(NumberText.short(r.clipping.theta)): \(clippedCount) of \(clipped.normsAfter.count) updates clipped; loss \(NumberText.sci(clipped.losses.first ?? .nan)) at the start, \(NumberText.sci(clipped.losses.last ?? .nan)) at the end
            (always answering 0 would score d/2 = \(NumberText.short(Double(r.clipping.inputs) / 2)))
            """
        case .zh:
            return """
            不裁剪：最大梯度范数 \(maxBefore)；\(plainEnd)
            以 θ = \(NumberText.short(r.clipping.theta)) 裁剪：\(clipped.normsAfter.count) 次更新中有 \(clippedCount) 次被裁剪；损失从 \(NumberText.sci(clipped.losses.first ?? .nan)) 降到 \(NumberText.sci(clipped.losses.last ?? .nan))
            （总是输出 0 的损失为 d/2 = \(NumberText.short(Double(r.clipping.inputs) / 2))）
            """
        }
    }

    static func outcome(_ r: Inputs, claims: [Claim], seed: UInt64, source: LessonSource) throws -> LessonOutcome {
        let c = r.config
        let text = [
            "Lesson 05 · gradients — \(GradientsLesson.info.title.en)",
            "seed \(seed) · T = \(c.steps) · h = \(c.hiddens) · n = \(c.batch) · d = \(c.inputs) · \(c.runs) runs · W_hh = ρ·\(c.initialisation == .orthogonal ? "Q (orthogonal)" : "A (Gaussian, spectral radius 1)")",
            "",
            "‖∂L/∂H_t‖ / ‖∂L/∂H_T‖, median over \(c.runs) runs (Double):",
            normsTable(r),
            "",
            "BPTT vs finite differences, largest relative error (Double, n=2 d=3 h=4 q=2 T=6):",
            checkTable(r),
            "",
            "Training to recall the first of \(r.clipping.steps) inputs (\(r.clipping.activation.displayName) φ, W_hh = \(NumberText.short(r.clipping.rho))·Q, \(r.clipping.updates) SGD updates):",
            trainingSummary(r, .en),
        ].joined(separator: "\n")
        let sweepCode = try source.excerpt("sweep", in: "GradientsLesson.swift")
        let clipCode = try source.excerpt("clipping", in: "GradientsTraining.swift")
        let figures = GradientsFigures.all(r)

        return LessonOutcome(
            config: [
                ("steps", .int(c.steps)), ("hiddens", .int(c.hiddens)), ("batch", .int(c.batch)),
                ("inputs", .int(c.inputs)), ("runs", .int(c.runs)), ("rhos", .floats(c.rhos)),
                ("activations", .array(c.activations.map { .string($0.rawValue) })),
                ("init", .string(c.initialisation.rawValue)),
                ("clipping", .object([
                    ("steps", .int(r.clipping.steps)), ("hiddens", .int(r.clipping.hiddens)),
                    ("inputs", .int(r.clipping.inputs)), ("batch", .int(r.clipping.batch)),
                    ("updates", .int(r.clipping.updates)), ("rho", .float(r.clipping.rho)),
                    ("learning_rate", .float(r.clipping.learningRate)), ("theta", .float(r.clipping.theta)),
                    ("activation", .string(r.clipping.activation.rawValue)),
                ])),
            ],
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
                    ])
                })),
                ("gradient_check", .array(r.checks.map { ch in
                    .object([("activation", .string(ch.activation.rawValue)),
                             ("last_step_max_relative_error", .float(ch.lastStepError)),
                             ("every_step_max_relative_error", .float(ch.everyStepError))])
                })),
                ("training", .object([
                    ("without_clipping", trace(r.training.plain)), ("with_clipping", trace(r.training.clipped)),
                ])),
            ],
            claims: claims,
            text: text,
            figures: figures,
            reportValues: { language in
                [
                    "T": c.steps, "h": c.hiddens, "n": c.batch, "d": c.inputs, "runs": c.runs,
                    "rhos": c.rhos.map { NumberText.short($0) }.joined(separator: ", "),
                    "sweep_code": sweepCode, "clip_code": clipCode,
                    "norms_table": normsTable(r), "check_table": checkTable(r),
                    "training": trainingSummary(r, language),
                    "theta": NumberText.short(r.clipping.theta), "clip_rho": NumberText.short(r.clipping.rho),
                    "clip_T": r.clipping.steps, "updates": r.clipping.updates,
                    "flush": flushSentence(r, language),
                    "pytorch": pytorchSnippet(c, seed: seed),
                ]
            })
    }

    static func trace(_ t: ClippingExperiment.Trace) -> JSONValue {
        .object([("loss", .floats(t.losses)), ("norm_before", .floats(t.normsBefore)),
                 ("norm_after", .floats(t.normsAfter)),
                 ("diverged_at_update", t.divergedAt.map { .int($0 + 1) } ?? .null)])
    }

    /// Where float32 gave up, in one sentence.
    static func flushSentence(_ r: Inputs, _ language: Language) -> String {
        let flushed = r.sweeps.filter { $0.floatFlushStep != nil }
        guard let first = flushed.first else {
            return language == .en ? "In this configuration float32 never flushed a gradient to exactly zero."
                                   : "在这组配置下，float32 从未把梯度冲刷成精确的零。"
        }
        let list = flushed.map { "\($0.activation.displayName) ρ = \(NumberText.short($0.rho)) (t ≤ \($0.floatFlushStep!))" }
            .joined(separator: ", ")
        let smallest = Float.leastNonzeroMagnitude
        return language == .en
            ? "In float32 the gradient became exactly zero — every entry below \(smallest), the smallest positive float32 — for \(list). Below that point the float32 curve has nothing left to show, while the Double computation goes on (e.g. \(first.activation.displayName), ρ = \(NumberText.short(first.rho)): \(NumberText.sci(first.median[0])) at t = 0)."
            : "在 float32 中，以下配置的梯度变成了精确的零（每个元素都小于 float32 最小正数 \(smallest)）：\(list)。从那一步起 float32 的曲线已无可显示，而 Double 的计算仍在继续（例如 \(first.activation.displayName)、ρ = \(NumberText.short(first.rho))：t = 0 处为 \(NumberText.sci(first.median[0]))）。"
    }

    static func pytorchSnippet(_ c: GradientsLesson.Config, seed: UInt64) -> String {
        """
        import torch

        torch.manual_seed(\(seed))
        T, n, d, h, rho = \(c.steps), \(c.batch), \(c.inputs), \(c.hiddens), 1.5
        X = torch.randn(T * n, d).double().split(n)          # same draws as the lesson's first run
        W_xh = torch.randn(d, h).double() / d ** 0.5
        Q, R = torch.linalg.qr(torch.randn(h, h).double())
        Q = Q * torch.sign(torch.diagonal(R))                # Haar-distributed: R's diagonal made positive
        W_hh = (rho * Q).requires_grad_()
        H = torch.zeros(n, h, dtype=torch.float64)
        states = []
        for x in X:
            H = torch.tanh(x @ W_xh + H @ W_hh)
            H.retain_grad(); states.append(H)
        G = torch.randn(n, h).double(); G /= G.norm()
        (states[-1] * G).sum().backward()                    # dL/dH_T = G
        print([s.grad.norm().item() for s in states[::25]])
        """
    }
}
