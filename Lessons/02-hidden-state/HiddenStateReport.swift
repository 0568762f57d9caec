import Course
import Network
import Tensor

/// How lesson 02 presents its result: terminal text, JSON, report values
/// and the PyTorch snippet.
enum HiddenStateReport {
    static func outcome(_ r: HiddenStateLesson.Result, _ c: HiddenStateLesson.Config, claims: [Claim],
                        seed: UInt64, source: LessonSource) throws -> LessonOutcome {
        let p = r.params
        let T = c.steps
        let tensors: [(String, String, String)] = [   // (title, shape, repr), in draw order
            ("W_xh  (drawn, then / √\(c.inputs))", "\(p.wXH.shape)", p.wXH.description),
            ("W_hh  (drawn, then / √\(c.hiddens))", "\(p.wHH.shape)", p.wHH.description),
            ("b_h", "\(p.bH.shape)", p.bH.description),
            ("W_hq  (drawn, then / √\(c.hiddens))", "\(p.wHQ.shape)", p.wHQ.description),
            ("b_q", "\(p.bQ.shape)", p.bQ.description),
            ("X = torch.randn(\(T), \(c.batch), \(c.inputs)), one draw: \(span("X", 1, T, separator: " … "))", "(\(T), \(c.batch), \(c.inputs))",
             Matrix.repr(stack: r.xs)),
            ("H = torch.stack([\(span("H", 1, T, separator: ", …, "))]), from H_0 = 0", "(\(T), \(c.batch), \(c.hiddens))",
             Matrix.repr(stack: r.states)),
            ("O = torch.stack([\(span("O", 1, T, separator: ", …, "))])", "(\(T), \(c.batch), \(c.outputs))",
             Matrix.repr(stack: r.forward.outputs)),
        ]
        var text = ["Lesson 02 · hidden-state — \(HiddenStateLesson.info.title.en)",
                    "seed \(seed) · batch n = \(c.batch) · inputs d = \(c.inputs) · hiddens h = \(c.hiddens)"
                        + " · outputs q = \(c.outputs) · steps T = \(T) · φ = \(c.activation.displayName)", ""]
        for (title, shape, repr) in tensors {
            text.append("\(title)   shape \(shape)")
            text.append(repr)
            text.append("")
        }
        text.append(checkSentence(r, .en))
        text.append("")
        text.append("Memory of X_1: add 1 to every entry of X_1, keep every later X_t, and measure ‖ΔH_t‖ = ‖H′_t − H_t‖.")
        text.append("(float32: two runs subtracted; float64: the change carried step by step; last columns: W_hh rescaled.)")
        text.append(memoryTable(r, c, .en, markdown: false))
        text.append(memorySentence(r, c, .en))
        text.append("")

        let pytorch = pytorchSnippet(c, seed: seed)
        let m = r.memory
        return LessonOutcome(
            config: [("batch", .int(c.batch)), ("inputs", .int(c.inputs)), ("hiddens", .int(c.hiddens)),
                     ("outputs", .int(c.outputs)), ("steps", .int(T)), ("activation", .string(c.activation.rawValue)),
                     ("perturbation", .float(HiddenStateLesson.Config.perturbation)),
                     ("memory_scales", .floats(HiddenStateLesson.Config.memoryScales))],
            inputs: [("X", .array(r.xs.map { .matrix($0) })), ("W_xh", .matrix(p.wXH)), ("W_hh", .matrix(p.wHH)),
                     ("b_h", .matrix(p.bH)), ("W_hq", .matrix(p.wHQ)), ("b_q", .matrix(p.bQ))],
            results: [
                ("H", .array(r.states.map { .matrix($0) })),
                ("O", .array(r.forward.outputs.map { .matrix($0) })),
                ("differing_entries_float32_by_hand", .int(r.check.differingBits)),
                ("max_state_error", .float(r.check.maxStateError)), ("state_tolerance", .float(r.check.stateTolerance)),
                ("max_output_error", .float(r.check.maxOutputError)), ("output_tolerance", .float(r.check.outputTolerance)),
                ("memory", .object([
                    ("X1_changed", .matrix(m.changedX1)),
                    ("rnn_float32", .floats(m.rnnFloat32)), ("no_state_float32", .floats(m.mlpFloat32)),
                    ("rnn_float64", .floats(m.rnnExact)), ("no_state_float64", .floats(m.mlpExact)),
                    ("W_hh_spectral_norm", .float(m.drawnSpectralNorm)),
                    ("rescaled", .array(m.scaled.map { s in
                        .object([("target", .float(s.target)), ("spectral_norm", .float(s.spectralNorm)),
                                 ("rnn_float64", .floats(s.curve)), ("max_step_ratio", .float(s.maxStepRatio)),
                                 ("ratio_bound", .float(s.ratioBound))])
                    })),
                ])),
            ],
            claims: claims,
            text: text.joined(separator: "\n"),
            figures: HiddenStateFigures.specs(r, c),
            reportValues: { language in
                [
                    "n": c.batch, "d": c.inputs, "h": c.hiddens, "q": c.outputs, "T": T,
                    "phi": c.activation.displayName,
                    "code": try source.excerpt("compute", in: "HiddenStateLesson.swift"),
                    "by_hand": try source.excerpt("by-hand", in: "HiddenStateByHand.swift"),
                    "memory_code": try source.excerpt("memory", in: "HiddenStateMemory.swift"),
                    "propagate_code": try source.excerpt("propagate", in: "HiddenStateMemory.swift"),
                    "pytorch": pytorch,
                    "X": Matrix.repr(stack: r.xs), "W_xh": p.wXH.description, "W_hh": p.wHH.description,
                    "b_h": p.bH.description, "W_hq": p.wHQ.description, "b_q": p.bQ.description,
                    "H": Matrix.repr(stack: r.states), "O": Matrix.repr(stack: r.forward.outputs),
                    "check": checkSentence(r, language),
                    "memory_table": memoryTable(r, c, language, markdown: true),
                    "memory_sentence": memorySentence(r, c, language),
                    "W_hh_norm": NumberText.short(m.drawnSpectralNorm),
                    "change_first": NumberText.sci(m.rnnExact[0]), "change_last": NumberText.sci(m.rnnExact[T - 1]),
                    "state_error": NumberText.sci(r.check.maxStateError),
                    "state_tolerance": NumberText.sci(r.check.stateTolerance),
                    "K": r.check.sumLength,
                ]
            })
    }

    /// One line on the two comparisons with the hand computation.
    static func checkSentence(_ r: HiddenStateLesson.Result, _ language: Language) -> String {
        let entries = r.states.reduce(0) { $0 + $1.count } + r.forward.outputs.reduce(0) { $0 + $1.count }
        let k = r.check
        let se = NumberText.sci(k.maxStateError), st = NumberText.sci(k.stateTolerance)
        let oe = NumberText.sci(k.maxOutputError), ot = NumberText.sci(k.outputTolerance)
        switch language {
        case .en:
            return "By hand in float32, same order: \(k.differingBits) of \(entries) entries differ. "
                + "Against float64: max |ΔH| = \(se) (rounding bound \(st)), max |ΔO| = \(oe) (bound \(ot))."
        case .zh:
            return "float32 按同样顺序手算：\(entries) 个元素中有 \(k.differingBits) 个不同。"
                + "与 float64 相比：最大 |ΔH| = \(se)（舍入上界 \(st)），最大 |ΔO| = \(oe)（上界 \(ot)）。"
        }
    }

    /// ‖ΔH_t‖ per step, for the terminal (aligned columns) or the report (a Markdown table).
    static func memoryTable(_ r: HiddenStateLesson.Result, _ c: HiddenStateLesson.Config, _ language: Language,
                            markdown: Bool) -> String {
        let m = r.memory
        let en = language == .en
        var header: [String]
        if markdown {
            header = ["t", en ? "RNN, two float32 runs" : "RNN，两次 float32 运行相减",
                      en ? "RNN, float64 propagated" : "RNN，float64 逐步传播",
                      en ? "no state, float32" : "无状态，float32"]
            header += m.scaled.map { (en ? "rescaled to ‖W_hh‖₂ = " : "缩放到 ‖W_hh‖₂ = ") + NumberText.short($0.target) }
        } else {
            header = ["t", "RNN float32", "RNN float64", "no state"] + m.scaled.map { "‖W_hh‖₂=" + NumberText.short($0.target) }
        }
        let rows = (0..<c.steps).map { t in
            ["\(t + 1)", value(m.rnnFloat32[t]), value(m.rnnExact[t]), value(m.mlpFloat32[t])]
                + m.scaled.map { value($0.curve[t]) }
        }
        if markdown {
            let lines = ["| " + header.joined(separator: " | ") + " |",
                         "|" + header.map { _ in "--:" }.joined(separator: "|") + "|"]
                + rows.map { "| " + $0.joined(separator: " | ") + " |" }
            return lines.joined(separator: "\n")
        }
        let widths = header.indices.map { j in ([header[j]] + rows.map { $0[j] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { j, s in String(repeating: " ", count: widths[j] - s.count) + s }
                .joined(separator: "   ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// An exact zero prints as 0, everything else in scientific notation.
    static func value(_ x: Double) -> String { x == 0 ? "0" : NumberText.sci(x) }

    /// What the memory table shows, in one or two sentences.
    static func memorySentence(_ r: HiddenStateLesson.Result, _ c: HiddenStateLesson.Config, _ language: Language) -> String {
        let m = r.memory
        let norm = NumberText.short(m.drawnSpectralNorm)
        // The first step where the float32 runs agree although the change is not 0.
        let lost = m.rnnFloat32.indices.first { m.rnnFloat32[$0] == 0 && m.rnnExact[$0] > 0 }.map { $0 + 1 }
        let changed = m.rnnExact.filter { $0 > 0 }.count
        switch language {
        case .en:
            var s = "The drawn W_hh has ‖W_hh‖₂ = \(norm). With state, H_t moved at \(changed) of \(c.steps) steps; "
                + "without state, only at step 1."
            if let lost {
                s += " The float32 runs stop seeing the change at step \(lost): it fell below float32's resolution of H_t, so both runs round to the same bits."
            }
            if !c.activation.isStrictlyIncreasing {
                s += " ReLU is flat below 0, so a unit that is off in both runs passes nothing on; the change can die out exactly, and this lesson makes no claim about it for ReLU."
            }
            return s
        case .zh:
            var s = "抽到的 W_hh 的谱范数 ‖W_hh‖₂ = \(norm)。有状态时，H_t 在 \(c.steps) 步中有 \(changed) 步发生了变化；"
                + "没有状态时，只有第 1 步变化。"
            if let lost {
                s += "从第 \(lost) 步起，两次 float32 运行已看不出差别：改动小于 float32 对 H_t 的分辨率，两次运行舍入成了相同的位。"
            }
            if !c.activation.isStrictlyIncreasing {
                s += "ReLU 在 0 以下是平的，在两次运行中都处于关闭状态的单元不会把改动传下去；改动可能恰好消失，所以对 ReLU 本课不作这条结论。"
            }
            return s
        }
    }

    /// The PyTorch code that draws the same tensors and runs the same loop.
    static func pytorchSnippet(_ c: HiddenStateLesson.Config, seed: UInt64) -> String {
        let phi: (String) -> String = { inner in
            switch c.activation {
            case .tanh: return "torch.tanh(\(inner))"
            case .sigmoid: return "torch.sigmoid(\(inner))"
            case .relu: return "torch.relu(\(inner))"
            case .identity: return inner
            }
        }
        return """
        import math
        import torch

        torch.manual_seed(\(seed))
        T, n, d, h, q = \(c.steps), \(c.batch), \(c.inputs), \(c.hiddens), \(c.outputs)
        W_xh = torch.randn(d, h) / math.sqrt(d)
        W_hh = torch.randn(h, h) / math.sqrt(h)
        b_h = torch.randn(1, h)
        W_hq = torch.randn(h, q) / math.sqrt(h)
        b_q = torch.randn(1, q)
        X = torch.randn(T, n, d)                     # X_1 … X_T in one draw

        def rnn(X):
            H = torch.zeros(n, h)                    # H_0
            states, outputs = [], []
            for X_t in X:
                H = \(phi("X_t @ W_xh + H @ W_hh + b_h"))
                states.append(H)
                outputs.append(H @ W_hq + b_q)
            return torch.stack(states), torch.stack(outputs)

        H, O = rnn(X)
        print(H)
        print(O)

        X2 = X.clone()
        X2[0] += 1                                   # change X_1 only
        H2, _ = rnn(X2)
        print((H2 - H).norm(dim=(1, 2)))             # ‖ΔH_t‖, t = 1 … T

        def no_state(X):                             # the same layer, no H_{t-1}
            return \(phi("X @ W_xh + b_h"))
        print((no_state(X2) - no_state(X)).norm(dim=(1, 2)))
        """
    }
}
