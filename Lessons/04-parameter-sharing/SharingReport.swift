import Course
import Tensor

/// How lesson 04 presents its result: terminal text, JSON, report values,
/// the PyTorch snippet and its figure.
enum SharingReport {
    static func outcome(_ r: SharingLesson.Result, _ c: SharingLesson.Config, claims: [Claim],
                        seed: UInt64, source: LessonSource) throws -> LessonOutcome {
        let k = SharingLesson.formulaCount(c)
        let sample = min(1, r.shared.count - 1)   // the T = 10 run: short enough to list its steps
        var text = ["Lesson 04 · sharing — \(SharingLesson.info.title.en)",
                    "seed \(seed) · batch n = \(c.batch) · inputs d = \(c.inputs) · hiddens h = \(c.hiddens) · outputs q = \(c.outputs) · steps T = \(c.steps) · φ = tanh",
                    "", "The five parameters, drawn first and scaled by 1/√h = \(scaleText(c)):", ""]
        for (name, m) in r.params.named {
            text += ["\(name)   shape \(m.shape)   \(m.count) number\(m.count == 1 ? "" : "s")", m.description, ""]
        }
        text += [countSentence(c), "",
                 "X = torch.randn(\(c.steps), \(c.batch), \(c.inputs))   (step, example, input)",
                 Matrix.repr(stack: r.xs), "",
                 "Y = torch.randn(\(c.steps), \(c.batch), \(c.outputs))   (the targets)",
                 Matrix.repr(stack: r.ys), "",
                 "L = Σ_t ½‖O_t − Y_t‖² over \(c.steps) steps = \(r.loss)", "",
                 "The pieces X_tᵀ·δ_t of ∂L/∂W_xh, one per step   shape (\(c.steps), \(c.inputs), \(c.hiddens))",
                 Matrix.repr(stack: r.piecesXH), "",
                 "Their sum over t", r.sumXH.description, "",
                 "W_xh.grad from backpropagation through time", r.grads.params.wXH.description, "",
                 "Σ_t H_{t−1}ᵀ·δ_t   (step 1 adds nothing: H_0 = 0)", r.sumHH.description, "",
                 "W_hh.grad from backpropagation through time", r.grads.params.wHH.description, "",
                 differenceSentence(r, .en), "",
                 "Parameters read by forward passes over T steps (storage counted, not the formula):",
                 countTable(r), "",
                 "Which matrices the steps read (numbered by first use):",
                 "  shared,   T = \(r.shared[sample].steps): \(r.shared[sample].summary(.en))",
                 "  separate, T = \(r.separate[sample].steps): \(r.separate[sample].summary(.en))", ""]

        let code = try source.excerpt("compute", in: "SharingLesson.swift")
        let unrollCode = try source.excerpt("unroll", in: "SharingLedger.swift")
        let pytorch = pytorchSnippet(c, seed: seed)
        let stack = { (ms: [Matrix<Float>]) in JSONValue.array(ms.map { .matrix($0) }) }
        let ints = { (xs: [Int]) in JSONValue.array(xs.map { .int($0) }) }

        // The inputs and results of the JSON document (built only for --json).
        let inputs = { () -> [(String, JSONValue)] in
            r.params.named.map { ($0.name, JSONValue.matrix($0.value)) }
                + [("X", stack(r.xs)), ("Y", stack(r.ys)), ("H_0", .matrix(r.h0))]
        }
        let results = { () -> [(String, JSONValue)] in
            [
                ("parameter_count", .int(k)),
                ("loss", .float(r.loss)),
                ("H", stack(Array(r.forward.states.dropFirst()))), ("O", stack(r.forward.outputs)),
                ("grad", .object(r.grads.params.named.map { ($0.name, JSONValue.matrix($0.value)) })),
                ("delta", stack(r.deltas)),
                ("pieces_W_xh", stack(r.piecesXH)), ("sum_pieces_W_xh", .matrix(r.sumXH)),
                ("pieces_W_hh", stack(r.piecesHH)), ("sum_pieces_W_hh", .matrix(r.sumHH)),
                ("max_abs_difference_W_xh", .float(r.differenceXH)), ("tolerance_W_xh", .float(r.toleranceXH)),
                ("max_abs_difference_W_hh", .float(r.differenceHH)), ("tolerance_W_hh", .float(r.toleranceHH)),
                ("counts", .object([
                    ("T", ints(r.shared.map(\.steps))),
                    ("shared_matrices", ints(r.shared.map(\.buffers))),
                    ("shared_numbers", ints(r.shared.map(\.scalars))),
                    ("separate_matrices", ints(r.separate.map(\.buffers))),
                    ("separate_numbers", ints(r.separate.map(\.scalars))),
                ])),
            ]
        }

        return LessonOutcome(
            config: [("batch", .int(c.batch)), ("inputs", .int(c.inputs)), ("hiddens", .int(c.hiddens)),
                     ("outputs", .int(c.outputs)), ("steps", .int(c.steps)), ("activation", .string("tanh")),
                     ("loss", .string("sum over t of 0.5 * sum((O_t - Y_t)^2)")),
                     ("counted_steps", ints(c.countedSteps))],
            inputs: inputs(),
            results: results(),
            claims: claims,
            text: text.joined(separator: "\n"),
            figures: SharingFigure.figures(r, c),
            reportValues: { language in
                [
                    "n": c.batch, "d": c.inputs, "h": c.hiddens, "q": c.outputs, "T": c.steps, "k": k,
                    "count_sum": countSum(c, times: " \\cdot "), "k1000": 1000 * k, "scale": scaleText(c),
                    "code": code, "unroll_code": unrollCode, "pytorch": pytorch,
                    "params": r.params.named.map { "\($0.name) =   # shape \($0.value.shape)\n\($0.value.description)" }
                        .joined(separator: "\n"),
                    "X": Matrix.repr(stack: r.xs), "Y": Matrix.repr(stack: r.ys), "loss": String(describing: r.loss),
                    "pieces_xh": Matrix.repr(stack: r.piecesXH), "sum_xh": r.sumXH.description,
                    "grad_xh": r.grads.params.wXH.description,
                    "sum_hh": r.sumHH.description, "grad_hh": r.grads.params.wHH.description,
                    "difference": differenceSentence(r, language),
                    "count_table": countTable(r),
                    "shared_steps": r.shared[sample].summary(language), "separate_steps": r.separate[sample].summary(language),
                    "T_small": r.shared[sample].steps,
                ]
            })
    }

    /// 1/√h as printed: `0.5` for h = 4.
    static func scaleText(_ c: SharingLesson.Config) -> String {
        String(describing: Float(1 / Double(c.hiddens).squareRoot()))
    }

    /// `1·4 + 4·4 + 4 + 4·1 + 1`: the formula with the sizes filled in.
    /// `times` is the product sign: `·` for text, ` \cdot ` for LaTeX.
    static func countSum(_ c: SharingLesson.Config, times: String = "·") -> String {
        let (d, h, q) = (c.inputs, c.hiddens, c.outputs)
        return "\(d)\(times)\(h) + \(h)\(times)\(h) + \(h) + \(h)\(times)\(q) + \(q)"
    }

    static func countSentence(_ c: SharingLesson.Config) -> String {
        "Together: d·h + h·h + h + h·q + q = \(countSum(c)) = \(SharingLesson.formulaCount(c)) numbers, whatever T is."
    }

    /// The counts as a small fixed-width table.
    static func countTable(_ r: SharingLesson.Result) -> String {
        func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var lines = ["       T │ shared: matrices  numbers │ separate per step: matrices  numbers",
                     "  ───────┼──────────────────────────┼──────────────────────────────────────"]
        for (s, p) in zip(r.shared, r.separate) {
            lines.append("  " + pad(String(s.steps), 6) + " │ " + pad(String(s.buffers), 16) + pad(String(s.scalars), 9)
                         + " │ " + pad(String(p.buffers), 28) + pad(String(p.scalars), 9))
        }
        return lines.joined(separator: "\n")
    }

    static func differenceSentence(_ r: SharingLesson.Result, _ language: Language) -> String {
        let xh = NumberText.sci(r.differenceXH), tXH = NumberText.sci(r.toleranceXH)
        let hh = NumberText.sci(r.differenceHH), tHH = NumberText.sci(r.toleranceHH)
        switch language {
        case .en:
            return "Sum of the pieces vs. BPTT: max |Δ| = \(xh) for W_xh (float32 rounding allows \(tXH)), \(hh) for W_hh (allows \(tHH))."
        case .zh:
            return "各步贡献之和与 BPTT 结果之差：W_xh 的最大 |Δ| = \(xh)（float32 舍入允许 \(tXH)），W_hh 的最大 |Δ| = \(hh)（允许 \(tHH)）。"
        }
    }

    /// The PyTorch code that draws the same tensors and computes the same
    /// gradients and pieces (products may differ in the last bits: PyTorch
    /// adds in another order).
    static func pytorchSnippet(_ c: SharingLesson.Config, seed: UInt64) -> String {
        let (n, d, h, q, steps) = (c.batch, c.inputs, c.hiddens, c.outputs, c.steps)
        return """
        import torch

        torch.manual_seed(\(seed))
        s = 1 / \(h) ** 0.5                                  # 1/√h, the scale of nn.RNN's own init
        W_xh, W_hh, b_h = torch.randn(\(d), \(h)) * s, torch.randn(\(h), \(h)) * s, torch.randn(1, \(h)) * s
        W_hq, b_q = torch.randn(\(h), \(q)) * s, torch.randn(1, \(q)) * s
        params = [W_xh, W_hh, b_h, W_hq, b_q]
        for p in params:
            p.requires_grad_()
        X, Y = torch.randn(\(steps), \(n), \(d)), torch.randn(\(steps), \(n), \(q))
        print(sum(p.numel() for p in params))                # \(SharingLesson.formulaCount(c)), for any number of steps

        H, loss, Z = torch.zeros(\(n), \(h)), 0, []
        for t in range(\(steps)):                                  # the same five tensors at every step
            Z.append(X[t] @ W_xh + H @ W_hh + b_h)
            Z[-1].retain_grad()                               # keep delta_t = dL/dZ_t
            H = torch.tanh(Z[-1])
            O = H @ W_hq + b_q
            loss = loss + 0.5 * ((O - Y[t]) ** 2).sum()
        loss.backward()

        pieces = torch.stack([X[t].T @ Z[t].grad for t in range(\(steps))])
        print(pieces, pieces.sum(dim=0), W_xh.grad, sep="\\n")
        """
    }
}
