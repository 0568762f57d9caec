import Course
import Tensor

/// How lesson 05 presents its results: help, terminal text, JSON and the
/// values of the report templates. The figures are in `GradientsFigures.swift`.
extension GradientsLesson {
    static let executable = "gradients"
    static let folder = "05-gradients"
    static let prefersRelease = true
    static let abstract = "Lesson 05: gradients through time vanish or explode with the scale ρ of W_hh."
    static let discussion = """
        For each activation and each ρ, builds W_hh = ρ·Q (Q a random orthogonal matrix, \
        so every singular value is ρ), runs the RNN forward over T steps, and pushes a \
        unit gradient ∂L/∂H_T back to t = 0, recording ‖∂L/∂H_t‖ at every step (in \
        Double, and once in Float to show where float32 flushes it to zero). Compares \
        with the theory, checks BPTT against finite differences, and trains a small \
        memory task with and without gradient clipping. Build it with -c release: \
        the sweep takes about a second there, and half a minute in a debug build.

        Examples:
          swift run -c release gradients                the defaults (T = 100, h = 64, 5 runs; about a second)
          swift run -c release gradients --rhos 0.95,1,1.05 --steps 300
          swift run -c release gradients --init gaussian   W_hh Gaussian, spectral radius ρ
        """

    /// The values the report templates read.
    struct ReportValues: Encodable {
        var T, h, n, d, runs: Int
        var rhos: String
        var sweep_code, clip_code, pytorch: String
        var norms_table, check_table: String
        /// Where float32 flushed the gradient to zero, if it did anywhere.
        var float_flushed: Bool
        var float_min, flush_list, flush_activation, flush_rho, flush_norm: String
        /// The clipping experiment: its settings, then what the two runs did.
        var theta, clip_rho: String
        var clip_T, updates: Int
        var max_norm: String
        var plain_diverged: Bool
        var diverged_update: Int
        var plain_final_loss: String
        var clipped_count, clipped_updates: Int
        var loss_start, loss_end, zero_loss: String
    }

    static func reportValues(_ r: Result, _ c: Config, seed: UInt64, source: LessonSource) throws -> ReportValues {
        let cc = c.clipping, plain = r.training.plain, clipped = r.training.clipped
        let flushed = r.sweeps.filter { $0.floatFlushStep != nil }
        let example = flushed.first
        return ReportValues(
            T: c.steps, h: c.hiddens, n: c.batch, d: c.inputs, runs: c.runs,
            rhos: c.rhos.values.map { NumberText.short($0) }.joined(separator: ", "),
            sweep_code: try source.excerpt("sweep", in: "GradientsLesson.swift"),
            clip_code: try source.excerpt("clipping", in: "GradientsTraining.swift"),
            pytorch: pytorchSnippet(c, seed: seed),
            norms_table: normsTable(r, c), check_table: checkTable(r),
            float_flushed: example != nil,
            float_min: String(describing: Float.leastNonzeroMagnitude),
            flush_list: flushed.map { "\($0.activation.displayName) ρ = \(NumberText.short($0.rho)) (t ≤ \($0.floatFlushStep!))" }
                .joined(separator: ", "),
            flush_activation: example?.activation.displayName ?? "",
            flush_rho: example.map { NumberText.short($0.rho) } ?? "",
            flush_norm: example.map { NumberText.sci($0.median[0]) } ?? "",
            theta: NumberText.short(cc.theta), clip_rho: NumberText.short(cc.rho),
            clip_T: cc.steps, updates: cc.updates,
            max_norm: NumberText.sci(plain.normsBefore.filter(\.isFinite).max() ?? .nan),
            plain_diverged: plain.divergedAt != nil,
            diverged_update: (plain.divergedAt ?? -1) + 1,
            plain_final_loss: NumberText.sci(plain.losses.last ?? .nan),
            clipped_count: clippedCount(clipped), clipped_updates: clipped.normsAfter.count,
            loss_start: NumberText.sci(clipped.losses.first ?? .nan), loss_end: NumberText.sci(clipped.losses.last ?? .nan),
            zero_loss: NumberText.short(Double(cc.inputs) / 2))
    }

    static func text(_ r: Result, _ c: Config, strings: StringTable) -> String {
        let cc = c.clipping, plain = r.training.plain, clipped = r.training.clipped
        let plainEnd = plain.divergedAt.map { "diverged at update \($0 + 1): the gradient norm was no longer finite" }
            ?? "final loss \(NumberText.sci(plain.losses.last ?? .nan))"
        return [
            "W_hh = ρ·\(c.initialisation == .orthogonal ? "Q (orthogonal)" : "A (Gaussian, spectral radius 1)")",
            "",
            "‖∂L/∂H_t‖ / ‖∂L/∂H_T‖, median over \(c.runs) runs (Double):",
            normsTable(r, c),
            "",
            "BPTT vs finite differences, largest relative error (Double, n=2 d=3 h=4 q=2 T=6):",
            checkTable(r),
            "",
            "Training to recall the first of \(cc.steps) inputs (\(cc.activation.displayName) φ, W_hh = \(NumberText.short(cc.rho))·Q, \(cc.updates) SGD updates):",
            "without clipping: largest gradient norm \(NumberText.sci(plain.normsBefore.filter(\.isFinite).max() ?? .nan)); \(plainEnd)",
            "with clipping at θ = \(NumberText.short(cc.theta)): \(clippedCount(clipped)) of \(clipped.normsAfter.count) updates clipped; loss \(NumberText.sci(clipped.losses.first ?? .nan)) at the start, \(NumberText.sci(clipped.losses.last ?? .nan)) at the end",
            "(always answering 0 would score d/2 = \(NumberText.short(Double(cc.inputs) / 2)))",
        ].joined(separator: "\n")
    }

    static func json(_ r: Result, _ c: Config) -> (inputs: [(String, JSONValue)], results: [(String, JSONValue)]) {
        func trace(_ t: ClippingExperiment.Trace) -> JSONValue {
            .object([("loss", .floats(t.losses)), ("norm_before", .floats(t.normsBefore)),
                     ("norm_after", .floats(t.normsAfter)),
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

    static func checkTable(_ r: Result) -> String {
        var lines = ["activation  last-step loss  every-step loss"]
        for c in r.checks {
            lines.append(pad(c.activation.displayName, 12) + pad(NumberText.sci(c.lastStepError), 16) + NumberText.sci(c.everyStepError))
        }
        return lines.joined(separator: "\n")
    }

    static func pytorchSnippet(_ c: Config, seed: UInt64) -> String {
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
