import Course
import Network
import Tensor

/// How lesson 02 presents its result: help, terminal text, JSON, the
/// report's values and the PyTorch snippet. The figures are in
/// `HiddenStateFigures.swift`.
extension HiddenStateLesson {
    static let executable = "hidden-state"
    static let folder = "02-hidden-state"
    static let abstract = "Lesson 02: the hidden state H_t = φ(X_t·W_xh + H_{t−1}·W_hh + b_h) carries history."
    static let discussion = """
        Draws X as one (steps × batch × inputs) tensor, then W_xh, W_hh, b_h, W_hq \
        and b_q, runs the RNN from H_0 = 0 and prints the states H_1 … H_T and the \
        outputs O_t = H_t·W_hq + b_q the way PyTorch prints them. It checks the loop \
        against a computation by hand, then adds 1 to X_1 only and measures how much \
        each H_t moves: with state every step moves, without state only step 1.

        Examples:
          swift run hidden-state                    small defaults, tanh
          swift run hidden-state --steps 40         watch the memory fade
          swift run hidden-state --activation relu  dead units can stop it
          swift run hidden-state --json             inputs and results as JSON
        """

    /// The values the report templates read.
    struct ReportValues: Encodable {
        var n, d, h, q, T, dh: Int
        var phi: String
        var code, by_hand, memory_code, propagate_code, pytorch, pytorch_output: String
        var X, W_xh, W_hh, b_h, W_hq, b_q, H, O: String
        /// The loop against the hand computation: bits in float32, errors and bounds against float64.
        var differing, entries, K: Int
        var state_error, state_tolerance, output_error, output_tolerance: String
        /// How large Z_t is and where that comes from; how flat φ is along the run.
        var z_entries: Int
        var z_mean_square, z_input, z_state, z_bias, z_cross: String
        var saturated_percent, mean_slope, flat_slope: String
        var concat_mean_square, concat_saturated_percent: String
        var is_tanh: Bool
        /// The memory table: one column per rescaled W_hh, then the rows, t = 1…T.
        var memory_scales: [String]
        var memory_rows: String
        /// What the table shows.
        var W_hh_norm, gamma, gamma_norm: String
        var changed_steps: Int
        /// Whether γ‖W_hh‖₂ < 1 for the drawn W_hh, and its largest step ratio.
        var drawn_contracting: Bool
        var drawn_max_ratio: String
        /// The two rescaled runs: the contracting one and the large one.
        var small_scale, small_max_ratio, large_scale, large_bound, large_max_ratio, large_last: String
        var large_saturated_percent: String
        var large_grew, later_steps: Int
        var large_grew_any: Bool
        /// Whether the float32 runs lose the change, and from which step on.
        var lost_shown: Bool
        var lost_step: Int
        /// Whether φ is ReLU, for which the lesson makes no memory claim.
        var relu_note: Bool
        var change_first, change_last: String
    }

    static func reportValues(_ r: Result, _ c: Config, seed: UInt64, source: LessonSource) throws -> ReportValues {
        let p = r.params, m = r.memory, k = r.check, z = r.scale
        let lost = lostStep(r)
        let snippet = pytorchSnippet(r, c, seed: seed)
        let gamma = c.activation.derivativeBound
        let small = m.scaled[0], large = m.scaled[1]
        let largeRatios = stepRatios(large.curve)
        return ReportValues(
            n: c.batch, d: c.inputs, h: c.hiddens, q: c.outputs, T: c.steps, dh: c.inputs + c.hiddens,
            phi: c.activation.displayName,
            code: try source.excerpt("compute", in: "HiddenStateLesson.swift"),
            by_hand: try source.excerpt("by-hand", in: "HiddenStateByHand.swift"),
            memory_code: try source.excerpt("memory", in: "HiddenStateMemory.swift"),
            propagate_code: try source.excerpt("propagate", in: "HiddenStateMemory.swift"),
            pytorch: snippet.code, pytorch_output: snippet.output,
            X: Matrix.repr(stack: r.xs), W_xh: p.wXH.description, W_hh: p.wHH.description,
            b_h: p.bH.description, W_hq: p.wHQ.description, b_q: p.bQ.description,
            H: Matrix.repr(stack: r.states), O: Matrix.repr(stack: r.forward.outputs),
            differing: k.differingBits, entries: checkedEntries(r), K: k.sumLength,
            state_error: NumberText.sci(k.maxStateError), state_tolerance: NumberText.sci(k.stateTolerance),
            output_error: NumberText.sci(k.maxOutputError), output_tolerance: NumberText.sci(k.outputTolerance),
            z_entries: c.steps * c.batch * c.hiddens,
            z_mean_square: fixed(z.meanSquare), z_input: fixed(z.inputPart), z_state: fixed(z.statePart),
            z_bias: fixed(z.biasPart), z_cross: fixed(z.meanSquare - z.inputPart - z.statePart - z.biasPart),
            saturated_percent: percent(z.saturated), mean_slope: fixed(z.meanSlope),
            flat_slope: NumberText.short(PreActivationScale.flatSlope * gamma),
            concat_mean_square: fixed(z.concatMeanSquare), concat_saturated_percent: percent(z.concatSaturated),
            is_tanh: c.activation == .tanh,
            memory_scales: m.scaled.map { NumberText.short($0.target) },
            memory_rows: memoryRows(r, c).map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n"),
            W_hh_norm: NumberText.short(m.drawnSpectralNorm), gamma: NumberText.short(gamma),
            gamma_norm: NumberText.short(gamma * m.drawnSpectralNorm),
            changed_steps: changedSteps(r),
            drawn_contracting: gamma * m.drawnSpectralNorm < 1,
            drawn_max_ratio: fixed(stepRatios(m.rnnExact).max() ?? 0),
            small_scale: NumberText.short(small.target), small_max_ratio: fixed(small.maxStepRatio),
            large_scale: NumberText.short(large.target), large_bound: NumberText.short(gamma * large.target),
            large_max_ratio: fixed(large.maxStepRatio), large_last: NumberText.sci(large.curve[c.steps - 1]),
            large_saturated_percent: percent(large.saturated),
            large_grew: largeRatios.filter { $0 > 1 }.count, later_steps: c.steps - 1,
            large_grew_any: largeRatios.contains { $0 > 1 },
            lost_shown: lost != nil, lost_step: lost ?? 0,
            relu_note: !c.activation.isStrictlyIncreasing,
            change_first: NumberText.sci(m.rnnExact[0]), change_last: NumberText.sci(m.rnnExact[c.steps - 1]))
    }

    /// ‖ΔH_t‖ / ‖ΔH_{t−1}‖ for t = 2…T (0 where the previous change is 0).
    static func stepRatios(_ curve: [Double]) -> [Double] {
        zip(curve.dropFirst(), curve).map { $1 > 0 ? $0 / $1 : 0 }
    }

    /// Three significant digits without an exponent, for values of order 1.
    static func fixed(_ x: Double) -> String { NumberText.short(x) }

    /// A fraction as a whole percentage: "31 %".
    static func percent(_ x: Double) -> String { "\(Int((100 * x).rounded())) %" }

    static func text(_ r: Result, _ c: Config, strings: StringTable) -> String {
        let p = r.params, m = r.memory, k = r.check
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
        var text: [String] = []
        for (title, shape, repr) in tensors {
            text += ["\(title)   shape \(shape)", repr, ""]
        }
        text.append("By hand in float32, same order: \(k.differingBits) of \(checkedEntries(r)) entries differ. "
                    + "Against float64: max |ΔH| = \(NumberText.sci(k.maxStateError)) (rounding bound \(NumberText.sci(k.stateTolerance))), "
                    + "max |ΔO| = \(NumberText.sci(k.maxOutputError)) (bound \(NumberText.sci(k.outputTolerance))).")
        let z = r.scale
        text.append("Pre-activations Z_t: mean Z² = \(fixed(z.meanSquare)) (X_t·W_xh \(fixed(z.inputPart)), H_{t−1}·W_hh \(fixed(z.statePart)), "
                    + "b_h \(fixed(z.biasPart)), cross terms \(fixed(z.meanSquare - z.inputPart - z.statePart - z.biasPart))); "
                    + "\(percent(z.saturated)) of the entries of H_t where φ′ < \(NumberText.short(PreActivationScale.flatSlope * c.activation.derivativeBound)); "
                    + "with fan-in d + h and b_h = 0, mean Z² = \(fixed(z.concatMeanSquare)).")
        text.append("")
        text.append("Memory of X_1: add 1 to every entry of X_1, keep every later X_t, and measure ‖ΔH_t‖ = ‖H′_t − H_t‖.")
        text.append("(float32: two runs subtracted; float64: the change carried step by step; last columns: W_hh rescaled.)")
        text.append(memoryTable(r, c))
        var sentence = "The drawn W_hh has ‖W_hh‖₂ = \(NumberText.short(m.drawnSpectralNorm)). "
            + "With state, H_t moved at \(changedSteps(r)) of \(T) steps; without state, only at step 1."
        if let lost = lostStep(r) {
            sentence += " The float32 runs stop seeing the change at step \(lost): it fell below float32's resolution of H_t, so both runs round to the same bits."
        }
        if !c.activation.isStrictlyIncreasing {
            sentence += " ReLU is flat below 0, so a unit that is off in both runs passes nothing on; the change can die out exactly, and this lesson makes no claim about it for ReLU."
        }
        text += [sentence, ""]
        return text.joined(separator: "\n")
    }

    static func json(_ r: Result, _ c: Config) -> (inputs: [(String, JSONValue)], results: [(String, JSONValue)]) {
        let p = r.params, m = r.memory
        return (
            inputs: [("X", .array(r.xs.map { .matrix($0) })), ("W_xh", .matrix(p.wXH)), ("W_hh", .matrix(p.wHH)),
                     ("b_h", .matrix(p.bH)), ("W_hq", .matrix(p.wHQ)), ("b_q", .matrix(p.bQ))],
            results: [
                ("H", .array(r.states.map { .matrix($0) })),
                ("O", .array(r.forward.outputs.map { .matrix($0) })),
                ("differing_entries_float32_by_hand", .int(r.check.differingBits)),
                ("max_state_error", .float(r.check.maxStateError)), ("state_tolerance", .float(r.check.stateTolerance)),
                ("max_output_error", .float(r.check.maxOutputError)), ("output_tolerance", .float(r.check.outputTolerance)),
                ("pre_activations", .object([
                    ("mean_square", .float(r.scale.meanSquare)), ("input_part", .float(r.scale.inputPart)),
                    ("state_part", .float(r.scale.statePart)), ("bias_part", .float(r.scale.biasPart)),
                    ("saturated_fraction", .float(r.scale.saturated)), ("mean_slope", .float(r.scale.meanSlope)),
                    ("concat_fan_in_mean_square", .float(r.scale.concatMeanSquare)),
                    ("concat_fan_in_saturated_fraction", .float(r.scale.concatSaturated)),
                ])),
                ("memory", .object([
                    ("X1_changed", .matrix(m.changedX1)),
                    ("rnn_float32", .floats(m.rnnFloat32)), ("no_state_float32", .floats(m.mlpFloat32)),
                    ("rnn_float64", .floats(m.rnnExact)), ("no_state_float64", .floats(m.mlpExact)),
                    ("W_hh_spectral_norm", .float(m.drawnSpectralNorm)),
                    ("rescaled", .array(m.scaled.map { s in
                        .object([("target", .float(s.target)), ("spectral_norm", .float(s.spectralNorm)),
                                 ("rnn_float64", .floats(s.curve)), ("max_step_ratio", .float(s.maxStepRatio)),
                                 ("ratio_bound", .float(s.ratioBound)), ("saturated_fraction", .float(s.saturated))])
                    })),
                ])),
            ])
    }

    /// How many entries of H_1…H_T and O_1…O_T the hand computation checks.
    static func checkedEntries(_ r: Result) -> Int {
        r.states.reduce(0) { $0 + $1.count } + r.forward.outputs.reduce(0) { $0 + $1.count }
    }

    /// The steps at which H_t moved, by the float64 propagation.
    static func changedSteps(_ r: Result) -> Int { r.memory.rnnExact.filter { $0 > 0 }.count }

    /// The first step where the float32 runs agree although the change is not 0.
    static func lostStep(_ r: Result) -> Int? {
        let m = r.memory
        return m.rnnFloat32.indices.first { m.rnnFloat32[$0] == 0 && m.rnnExact[$0] > 0 }.map { $0 + 1 }
    }

    /// ‖ΔH_t‖ per step, t = 1…T: the float32 and float64 RNN, the layer
    /// without state, and each rescaled W_hh.
    static func memoryRows(_ r: Result, _ c: Config) -> [[String]] {
        let m = r.memory
        return (0..<c.steps).map { t in
            ["\(t + 1)", value(m.rnnFloat32[t]), value(m.rnnExact[t]), value(m.mlpFloat32[t])]
                + m.scaled.map { value($0.curve[t]) }
        }
    }

    /// The memory rows for the terminal, in right-aligned columns under a header.
    static func memoryTable(_ r: Result, _ c: Config) -> String {
        let header = ["t", "RNN float32", "RNN float64", "no state"]
            + r.memory.scaled.map { "‖W_hh‖₂=" + NumberText.short($0.target) }
        let rows = memoryRows(r, c)
        let widths = header.indices.map { j in ([header[j]] + rows.map { $0[j] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { j, s in String(repeating: " ", count: widths[j] - s.count) + s }
                .joined(separator: "   ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// An exact zero prints as 0, everything else in scientific notation.
    static func value(_ x: Double) -> String { x == 0 ? "0" : NumberText.sci(x) }

    /// The PyTorch code that draws the same tensors and runs the same loop,
    /// with what it prints: the lesson's own H, O and memory columns of this
    /// run (the float32 columns, which subtract two runs as the notebook does).
    static func pytorchSnippet(_ r: Result, _ c: Config, seed: UInt64) -> PyTorchSnippet {
        let phi: (String) -> String = { inner in
            switch c.activation {
            case .tanh: return "torch.tanh(\(inner))"
            case .sigmoid: return "torch.sigmoid(\(inner))"
            case .relu: return "torch.relu(\(inner))"
            case .identity: return inner
            }
        }
        // A float32 tensor of norms, as PyTorch prints it.
        func vector(_ values: [Double]) -> String {
            TorchPrint.repr(values: values.map { Double(Float($0)) }, shape: [values.count])
        }
        let lines: [PyTorchSnippet.Line] = [
            .code("import math"),
            .code("import torch"),
            .code(""),
            .code("torch.manual_seed(\(seed))"),
            .code("T, n, d, h, q = \(c.steps), \(c.batch), \(c.inputs), \(c.hiddens), \(c.outputs)"),
            .code("W_xh = torch.randn(d, h) / math.sqrt(d)"),
            .code("W_hh = torch.randn(h, h) / math.sqrt(h)"),
            .code("b_h = torch.randn(1, h)"),
            .code("W_hq = torch.randn(h, q) / math.sqrt(h)"),
            .code("b_q = torch.randn(1, q)"),
            .code("X = torch.randn(T, n, d)                     # X_1 … X_T in one draw"),
            .code(""),
            .code("def rnn(X):"),
            .code("    H = torch.zeros(n, h)                    # H_0"),
            .code("    states, outputs = [], []"),
            .code("    for X_t in X:"),
            .code("        H = \(phi("X_t @ W_xh + H @ W_hh + b_h"))"),
            .code("        states.append(H)"),
            .code("        outputs.append(H @ W_hq + b_q)"),
            .code("    return torch.stack(states), torch.stack(outputs)"),
            .code(""),
            .code("H, O = rnn(X)"),
            .print("H", output: Matrix.repr(stack: r.states)),
            .print("O", output: Matrix.repr(stack: r.forward.outputs)),
            .code(""),
            .code("X2 = X.clone()"),
            .code("X2[0] += 1                                   # change X_1 only"),
            .code("H2, _ = rnn(X2)"),
            .print("(H2 - H).norm(dim=(1, 2))", output: vector(r.memory.rnnFloat32)),
            .code(""),
            .code("def no_state(X):                             # the same layer, no H_{t-1}"),
            .code("    return \(phi("X @ W_xh + b_h"))"),
            .print("(no_state(X2) - no_state(X)).norm(dim=(1, 2))", output: vector(r.memory.mlpFloat32)),
        ]
        return PyTorchSnippet(lines)
    }
}
