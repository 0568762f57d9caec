import Course
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
        loss at every step and backpropagates through time; shows that each \
        weight's gradient is the sum of one piece per step (X_tᵀ·δ_t for W_xh, \
        H_{t−1}ᵀ·δ_t for W_hh). Then counts the parameter storage that forward \
        passes over T = 1, 10, 100 and 1000 steps actually read (whatever --steps \
        is): the same d·h + h·h + h + h·q + q numbers every time, against T times \
        as many for a network with separate weights per step.

        Defaults follow the book's example (batch 3, one input, 4 hidden units) \
        with one output and 5 steps: 29 parameters.

        Examples:
          swift run sharing                      n = 3, d = 1, h = 4, q = 1, T = 5
          swift run sharing --seed 7 --hiddens 8 --steps 20
          swift run sharing --json               JSON: config, inputs, results, claims
        """

    /// The values the report templates read.
    struct ReportValues: Encodable {
        var n, d, h, q, T, k, k1000: Int
        var count_sum, scale: String
        var code, unroll_code, pytorch: String
        var params, X, Y, loss: String
        var pieces_xh, sum_xh, grad_xh, sum_hh, grad_hh: String
        var max_diff_xh, tolerance_xh, max_diff_hh, tolerance_hh: String
        var count_table: String
        /// The run whose steps are listed (T = 10 by default), and what its steps read.
        var T_small: Int
        var shared_steps, separate_steps: [StepReads]
    }

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
        return ReportValues(
            n: c.batch, d: c.inputs, h: c.hiddens, q: c.outputs, T: c.steps, k: k, k1000: 1000 * k,
            count_sum: countSum(c, times: " \\cdot "), scale: scaleText(c),
            code: try source.excerpt("compute", in: "SharingLesson.swift"),
            unroll_code: try source.excerpt("unroll", in: "SharingLedger.swift"),
            pytorch: pytorchSnippet(c, seed: seed),
            params: r.params.named.map { "\($0.name) =   # shape \($0.value.shape)\n\($0.value.description)" }
                .joined(separator: "\n"),
            X: Matrix.repr(stack: r.xs), Y: Matrix.repr(stack: r.ys), loss: String(describing: r.loss),
            pieces_xh: Matrix.repr(stack: r.piecesXH), sum_xh: r.sumXH.description,
            grad_xh: r.grads.params.wXH.description,
            sum_hh: r.sumHH.description, grad_hh: r.grads.params.wHH.description,
            max_diff_xh: NumberText.sci(r.differenceXH), tolerance_xh: NumberText.sci(r.toleranceXH),
            max_diff_hh: NumberText.sci(r.differenceHH), tolerance_hh: NumberText.sci(r.toleranceHH),
            count_table: countTable(r),
            T_small: r.shared[sample].steps,
            shared_steps: stepReads(r.shared[sample]), separate_steps: stepReads(r.separate[sample]))
    }

    static func text(_ r: Result, _ c: Config, strings: StringTable) -> String {
        let sample = sampleIndex(r)
        let xh = NumberText.sci(r.differenceXH), tXH = NumberText.sci(r.toleranceXH)
        let hh = NumberText.sci(r.differenceHH), tHH = NumberText.sci(r.toleranceHH)
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
                 "The pieces X_tᵀ·δ_t of ∂L/∂W_xh, one per step   shape (\(c.steps), \(c.inputs), \(c.hiddens))",
                 Matrix.repr(stack: r.piecesXH), "",
                 "Their sum over t", r.sumXH.description, "",
                 "W_xh.grad from backpropagation through time", r.grads.params.wXH.description, "",
                 "Σ_t H_{t−1}ᵀ·δ_t   (step 1 adds nothing: H_0 = 0)", r.sumHH.description, "",
                 "W_hh.grad from backpropagation through time", r.grads.params.wHH.description, "",
                 "Sum of the pieces vs. BPTT: max |Δ| = \(xh) for W_xh (float32 rounding allows \(tXH)), \(hh) for W_hh (allows \(tHH)).", "",
                 "Parameters read by forward passes over T steps (storage counted, not the formula):",
                 countTable(r), "",
                 "Which matrices the steps read (numbered by first use):",
                 "  shared,   T = \(r.shared[sample].steps): \(stepsLine(r.shared[sample]))",
                 "  separate, T = \(r.separate[sample].steps): \(stepsLine(r.separate[sample]))", ""]
        return text.joined(separator: "\n")
    }

    static func json(_ r: Result, _ c: Config) -> (inputs: [(String, JSONValue)], results: [(String, JSONValue)]) {
        let stack = { (ms: [Matrix<Float>]) in JSONValue.array(ms.map { .matrix($0) }) }
        let ints = { (xs: [Int]) in JSONValue.array(xs.map { .int($0) }) }
        return (
            inputs: r.params.named.map { ($0.name, JSONValue.matrix($0.value)) }
                + [("X", stack(r.xs)), ("Y", stack(r.ys)), ("H_0", .matrix(r.h0))],
            results: [
                ("parameter_count", .int(formulaCount(c))),
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

    /// The PyTorch code that draws the same tensors and computes the same
    /// gradients and pieces (products may differ in the last bits: PyTorch
    /// adds in another order).
    static func pytorchSnippet(_ c: Config, seed: UInt64) -> String {
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
        print(sum(p.numel() for p in params))                # \(formulaCount(c)), for any number of steps

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
