import Course
import Network
import Tensor

/// How lesson 04 presents its result: help, terminal text, JSON, the
/// report's values and the PyTorch snippet. The figure is in
/// `SharingFigures.swift`.
extension SharingLesson {
    static let executable = "sharing"
    static let folder = "04-parameter-sharing"
    static let abstract = "Lesson 04: every time step uses the same parameters, so their number does not grow with T."
    static let discussion = """
        Draws W_xh, W_hh, b_h, W_hq, b_q (each scaled by 1/√hiddens, the scale of \
        nn.RNN's own initialisation), then the inputs X (steps × batch × inputs) and \
        targets Y, as torch.randn would after torch.manual_seed(seed). \
        Runs the RNN (φ = tanh, H_0 = 0) over the sequence with a squared-error \
        loss at every step and backpropagates through time. Then unties the \
        weights into T copies, one per step, backpropagates through that \
        network and checks that the copies' gradients add up to the tied \
        gradient (X_tᵀ·δ_t for W_xh, H_{t−1}ᵀ·δ_t for W_hh, …). Then counts the \
        distinct parameter storage that forward passes over T = 1, 10, 100 and \
        1000 steps read (whatever --steps is): the same d·h + h·h + h + h·q + q \
        numbers every time, against T times as many for a network with \
        separate weights per step.

        Defaults follow the book's example (batch 3, one input, 4 hidden units) \
        with one output and 5 steps: 29 parameters.

        Examples:
          swift run sharing                      n = 3, d = 1, h = 4, q = 1, T = 5
          swift run sharing --seed 7 --hiddens 8 --steps 20
          swift run sharing --json               JSON: config, inputs, results, claims
        """

    /// The values the report templates read.
    struct ReportValues: Encodable {
        var n, d, h, q, T, k, k1000, N: Int
        var count_sum, scale: String
        var code, untied_code, unroll_code, pytorch, pytorch_output: String
        var params, X, Y, loss: String
        var pieces_xh, sum_xh, grad_xh, sum_hh, grad_hh, copy1_hh: String
        /// Tied against untied, one row per parameter.
        var comparisons: [Comparison]
        var max_diff_dH, tolerance_dH, max_diff_closed, tolerance_closed: String
        /// The two terms of ∂L/∂H_t, one row per step.
        var recurrence: [RecurrenceRow]
        /// ‖W_hh‖₂ and the terms of the closed form of ∂L/∂H_1.
        var norm_hh: String
        var closed_terms: [TermRow]
        var count_table: String
        /// The run whose steps are listed (T = 10 by default), and what its steps read.
        var T_small: Int
        var shared_steps, separate_steps: [StepReads]
    }

    struct Comparison: Encodable { var name, max_diff, tolerance: String }
    struct RecurrenceRow: Encodable { var t: Int; var output, recurrent, total: String }
    struct TermRow: Encodable { var s: Int; var output, reaching, bound: String }

    /// One step of a count run as the report lists it: `step 3: #11–#15`,
    /// after `separator` (` · `, or ` · … · ` where steps are left out).
    struct StepReads: Encodable {
        var separator: String
        var step: Int
        var matrices: String
    }

    static func reportValues(_ r: Result, _ c: Config, seed: UInt64, source: LessonSource) throws -> ReportValues {
        let k = formulaCount(c)
        let sample = sampleIndex(r)
        let depth = Untied.roundingDepth(batch: c.batch, hiddens: c.hiddens, outputs: c.outputs, steps: c.steps)
        let snippet = pytorchSnippet(r, c, seed: seed)
        let claims = self.claims(r, c)
        func claim(_ id: String) -> Claim { claims.first { $0.id == id }! }
        return ReportValues(
            n: c.batch, d: c.inputs, h: c.hiddens, q: c.outputs, T: c.steps, k: k, k1000: 1000 * k,
            N: depth,
            count_sum: countSum(c, times: " \\cdot "), scale: scaleText(c),
            code: try source.excerpt("compute", in: "SharingLesson.swift"),
            untied_code: try source.excerpt("untied", in: "SharingUntied.swift"),
            unroll_code: try source.excerpt("unroll", in: "SharingLedger.swift"),
            pytorch: snippet.code, pytorch_output: snippet.output,
            params: r.params.named.map { "\($0.name) =   # shape \($0.value.shape)\n\($0.value.description)" }
                .joined(separator: "\n"),
            X: Matrix.repr(stack: r.xs), Y: Matrix.repr(stack: r.ys), loss: String(describing: r.loss),
            pieces_xh: Matrix.repr(stack: r.piecesXH), sum_xh: r.untiedSum.wXH.description,
            grad_xh: r.grads.params.wXH.description,
            sum_hh: r.untiedSum.wHH.description, grad_hh: r.grads.params.wHH.description,
            copy1_hh: NumberText.short(r.untied.copyGradients[0].wHH.maxAbs()),
            comparisons: r.params.named.map { name, _ in
                let found = claim("untied-sum-\(name)")
                return Comparison(name: name, max_diff: NumberText.sci(found.measured),
                                  tolerance: NumberText.sci(found.tolerance))
            },
            max_diff_dH: NumberText.sci(claim("recurrence-is-BPTT").measured),
            tolerance_dH: NumberText.sci(claim("recurrence-is-BPTT").tolerance),
            max_diff_closed: NumberText.sci(claim("closed-form-is-recurrence").measured),
            tolerance_closed: NumberText.sci(claim("closed-form-is-recurrence").tolerance),
            recurrence: (1...c.steps).map { t in
                RecurrenceRow(t: t, output: norm(r.untied.outputTerms[t - 1]),
                              recurrent: norm(r.untied.recurrentTerms[t - 1]), total: norm(r.untied.dH[t]))
            },
            norm_hh: NumberText.short(r.params.wHH.spectralNorm()),
            closed_terms: r.closedFormTerms.map {
                TermRow(s: $0.step, output: NumberText.short($0.outputTerm), reaching: NumberText.short($0.reaching),
                        bound: NumberText.short($0.bound))
            },
            count_table: countTable(r),
            T_small: r.shared[sample].steps,
            shared_steps: stepReads(r.shared[sample]), separate_steps: stepReads(r.separate[sample]))
    }

    /// ‖M‖_F as the report prints it.
    static func norm(_ m: Matrix<Float>) -> String { NumberText.short(m.frobeniusNorm()) }

    static func text(_ r: Result, _ c: Config, strings: StringTable) -> String {
        let sample = sampleIndex(r)
        var text = ["An RNN with φ = tanh and H_0 = 0, and the loss L = Σ_t ½‖O_t − Y_t‖².", "",
                    "The five parameters, drawn first and scaled by 1/√h = \(scaleText(c)):", ""]
        for (name, m) in r.params.named {
            text += ["\(name)   shape \(m.shape)   \(m.count) number\(m.count == 1 ? "" : "s")", m.description, ""]
        }
        text += ["Together: d·h + h·h + h + h·q + q = \(countSum(c)) = \(formulaCount(c)) numbers, whatever T is.", "",
                 "X = torch.randn(\(c.steps), \(c.batch), \(c.inputs))   (step, example, input)",
                 Matrix.repr(stack: r.xs), "",
                 "Y = torch.randn(\(c.steps), \(c.batch), \(c.outputs))   (the targets)",
                 Matrix.repr(stack: r.ys), "",
                 "L = Σ_t ½‖O_t − Y_t‖² over \(c.steps) steps = \(r.loss)", "",
                 "Untied into \(c.steps) copies, one per step: each copy's gradient of W_xh, X_tᵀ·δ_t   shape (\(c.steps), \(c.inputs), \(c.hiddens))",
                 Matrix.repr(stack: r.piecesXH), "",
                 "Σ_t of the copies' W_xh gradients", r.untiedSum.wXH.description, "",
                 "W_xh.grad of the tied network (backpropagation through time)", r.grads.params.wXH.description, "",
                 "Σ_t of the copies' W_hh gradients   (copy 1's is zero: H_0 = 0)", r.untiedSum.wHH.description, "",
                 "W_hh.grad of the tied network", r.grads.params.wHH.description, "",
                 "∂L/∂H_t = ∂L/∂O_t·W_hqᵀ + δ_{t+1}·W_hhᵀ, in Frobenius norms:",
                 "   t │ output term │ from step t+1 │ ∂L/∂H_t"]
        for t in 1...c.steps {
            text.append(pad(String(t), 4) + " │ " + pad(norm(r.untied.outputTerms[t - 1]), 11) + " │ "
                        + pad(norm(r.untied.recurrentTerms[t - 1]), 13) + " │ " + pad(norm(r.untied.dH[t]), 8))
        }
        text += ["", "What each step's output term contributes to ∂L/∂H_1 (‖W_hh‖₂ = \(NumberText.short(r.params.wHH.spectralNorm()))):",
                 "   s │ ‖E_s‖ │ reaching H_1 │ ‖E_s‖·‖W_hh‖₂^(s−1)"]
        for term in r.closedFormTerms {
            text.append(pad(String(term.step), 4) + " │ " + pad(NumberText.short(term.outputTerm), 5) + " │ "
                        + pad(NumberText.short(term.reaching), 12) + " │ " + pad(NumberText.short(term.bound), 8))
        }
        text += ["", "Distinct parameter storage read by forward passes over T steps (counted from the storage, not the formula):",
                 countTable(r), "",
                 "Which matrices the steps read (numbered by first use):",
                 "  shared,   T = \(r.shared[sample].steps): \(stepsLine(r.shared[sample]))",
                 "  separate, T = \(r.separate[sample].steps): \(stepsLine(r.separate[sample]))", ""]
        return text.joined(separator: "\n")
    }

    /// Right-aligned in `width` characters.
    static func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }

    static func json(_ r: Result, _ c: Config) -> (inputs: [(String, JSONValue)], results: [(String, JSONValue)]) {
        let stack = { (ms: [Matrix<Float>]) in JSONValue.array(ms.map { .matrix($0) }) }
        let ints = { (xs: [Int]) in JSONValue.array(xs.map { .int($0) }) }
        let gradients = { (p: RNNParameters<Float>) in JSONValue.object(p.named.map { ($0.name, JSONValue.matrix($0.value)) }) }
        return (
            inputs: r.params.named.map { ($0.name, JSONValue.matrix($0.value)) }
                + [("X", stack(r.xs)), ("Y", stack(r.ys)), ("H_0", .matrix(r.h0))],
            results: [
                ("parameter_count", .int(formulaCount(c))),
                ("loss", .float(r.loss)),
                ("H", stack(Array(r.forward.states.dropFirst()))), ("O", stack(r.forward.outputs)),
                ("grad", gradients(r.grads.params)),
                ("dL_dH", stack(r.grads.dH)),
                ("untied_copy_grads", .array(r.untied.copyGradients.map(gradients))),
                ("untied_grad_sum", gradients(r.untiedSum)),
                ("untied_dL_dH", stack(r.untied.dH)),
                ("delta", stack(r.untied.deltas)),
                ("output_terms", stack(r.untied.outputTerms)), ("recurrent_terms", stack(r.untied.recurrentTerms)),
                ("closed_form_dL_dH_1", .matrix(r.closedFormDH1)),
                ("counts", .object([
                    ("T", ints(r.shared.map(\.steps))),
                    ("shared_matrices", ints(r.shared.map(\.buffers))),
                    ("shared_numbers", ints(r.shared.map(\.scalars))),
                    ("separate_matrices", ints(r.separate.map(\.buffers))),
                    ("separate_numbers", ints(r.separate.map(\.scalars))),
                ])),
            ])
    }

    /// The count run whose steps are listed: T = 10, short enough to list.
    static func sampleIndex(_ r: Result) -> Int { min(1, r.shared.count - 1) }

    /// 1/√h as printed: `0.5` for h = 4.
    static func scaleText(_ c: Config) -> String {
        String(describing: Float(1 / Double(c.hiddens).squareRoot()))
    }

    /// `1·4 + 4·4 + 4 + 4·1 + 1`: the formula with the sizes filled in.
    /// `times` is the product sign: `·` for text, ` \cdot ` for LaTeX.
    static func countSum(_ c: Config, times: String = "·") -> String {
        let (d, h, q) = (c.inputs, c.hiddens, c.outputs)
        return "\(d)\(times)\(h) + \(h)\(times)\(h) + \(h) + \(h)\(times)\(q) + \(q)"
    }

    /// The counts as a small fixed-width table.
    static func countTable(_ r: Result) -> String {
        func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var lines = ["       T │ shared: matrices  numbers │ separate per step: matrices  numbers",
                     "  ───────┼──────────────────────────┼──────────────────────────────────────"]
        for (s, p) in zip(r.shared, r.separate) {
            lines.append("  " + pad(String(s.steps), 6) + " │ " + pad(String(s.buffers), 16) + pad(String(s.scalars), 9)
                         + " │ " + pad(String(p.buffers), 28) + pad(String(p.scalars), 9))
        }
        return lines.joined(separator: "\n")
    }

    /// The listed steps of a count run, each with the matrices it read:
    /// `#1–#5` when they are numbered consecutively, else `#1,#2,…`. Beyond
    /// four steps the list shows steps 1 to 3 and the last, with `…` between.
    static func stepReads(_ count: SharingLedger.Count) -> [StepReads] {
        let sample = count.sample
        let gap = sample.count == 4 && sample[3].step > 4
        return sample.enumerated().map { i, read in
            let ids = read.buffers
            let contiguous = zip(ids, ids.dropFirst()).allSatisfy { $1 == $0 + 1 }
            let list = contiguous ? "#\(ids[0])–#\(ids[ids.count - 1])" : ids.map { "#\($0)" }.joined(separator: ",")
            let separator = i == 0 ? "" : (gap && i == 3 ? " · … · " : " · ")
            return StepReads(separator: separator, step: read.step, matrices: list)
        }
    }

    /// `step 1: #1–#5 · step 2: #6–#10 · … · step 10: #46–#50`, for the terminal.
    static func stepsLine(_ count: SharingLedger.Count) -> String {
        stepReads(count).map { "\($0.separator)step \($0.step): \($0.matrices)" }.joined()
    }

    /// A line of Python with its comment at column 40 (or two spaces after
    /// a longer line).
    static func commented(_ code: String, _ comment: String) -> String {
        code + String(repeating: " ", count: max(2, 40 - code.count)) + "# " + comment
    }

    /// The PyTorch code that draws the same tensors, computes the tied
    /// gradients and those of T untied copies, with what it prints: the
    /// lesson's own values of this run.
    static func pytorchSnippet(_ r: Result, _ c: Config, seed: UInt64) -> PyTorchSnippet {
        let (n, d, h, q, steps) = (c.batch, c.inputs, c.hiddens, c.outputs, c.steps)
        return PyTorchSnippet([
            .code("import torch"),
            .code(""),
            .code("torch.manual_seed(\(seed))"),
            .code(commented("s = 1 / \(h) ** 0.5", "1/√h, the scale of nn.RNN's own init")),
            .code("W_xh, W_hh, b_h = torch.randn(\(d), \(h)) * s, torch.randn(\(h), \(h)) * s, torch.randn(1, \(h)) * s"),
            .code("W_hq, b_q = torch.randn(\(h), \(q)) * s, torch.randn(1, \(q)) * s"),
            .code("X, Y = torch.randn(\(steps), \(n), \(d)), torch.randn(\(steps), \(n), \(q))"),
            .code(""),
            .code(commented("def loss(step_params):", "step_params[t]: the five tensors step t reads")),
            .code("    H, L = torch.zeros(\(n), \(h)), 0"),
            .code("    for t, (W_xh, W_hh, b_h, W_hq, b_q) in enumerate(step_params):"),
            .code("        H = torch.tanh(X[t] @ W_xh + H @ W_hh + b_h)"),
            .code("        L = L + 0.5 * ((H @ W_hq + b_q - Y[t]) ** 2).sum()"),
            .code("    return L"),
            .code(""),
            .code("tied = [p.requires_grad_() for p in (W_xh, W_hh, b_h, W_hq, b_q)]"),
            .print("sum(p.numel() for p in tied)", output: "\(formulaCount(c))"),
            .code(commented("loss([tied] * \(steps)).backward()", "every step reads the same five tensors")),
            .code("untied = [[p.detach().clone().requires_grad_() for p in tied] for t in range(\(steps))]"),
            .code(commented("loss(untied).backward()", "step t reads copy t")),
            .print("torch.stack([copy[0].grad for copy in untied])", output: Matrix.repr(stack: r.piecesXH)),
            .print("sum(copy[0].grad for copy in untied)", output: r.untiedSum.wXH.description),
            .print("W_xh.grad", output: r.grads.params.wXH.description),
            .print("sum(copy[1].grad for copy in untied)", output: r.untiedSum.wHH.description),
            .print("W_hh.grad", output: r.grads.params.wHH.description),
        ])
    }
}
