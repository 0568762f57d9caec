import Course
import Tensor

/// How lesson 01 presents its result: help, terminal text, JSON, the
/// report's values and the PyTorch snippet. The figure is in
/// `MLPFigures.swift`.
extension MLPLesson {
    static let executable = "mlp"
    static let folder = "01-mlp"
    static let abstract = "Lesson 01: an MLP without hidden state — H = φ(X·W_xh + b_h), O = H·W_hq + b_q, softmax(O)."
    static let discussion = """
        Draws X (batch × inputs), W_xh (inputs × hiddens), b_h (1 × hiddens), \
        W_hq (hiddens × outputs) and b_q (1 × outputs) in that order, as \
        torch.randn would after torch.manual_seed(seed). Computes the hidden \
        layer (the one-row bias b_h is broadcast to every row of X·W_xh), the \
        outputs O and the class probabilities softmax(O); prints every tensor \
        the way PyTorch prints it; checks the shapes, the broadcast, that each \
        row of probabilities sums to 1, and that softmax stays finite for \
        logits of ±1000 where the plain formula exp(o)/Σexp(o) gives NaN.

        Defaults: a batch of n = 3 examples with d = 4 features, h = 5 hidden \
        units, q = 3 classes, φ = tanh (the activation of the RNN in lessons 02–05).

        Examples:
          swift run mlp                          n = 3, d = 4, h = 5, q = 3, tanh
          swift run mlp --seed 3 --activation relu
          swift run mlp --outputs 10 --batch 8   ten classes, eight examples
          swift run mlp --json                   JSON: config, inputs, results, claims
        """

    /// The values the report templates read.
    struct ReportValues: Encodable {
        var n, d, h, q: Int
        var phi_latex, phi_torch: String
        var code, naive_code, pytorch, pytorch_output: String
        var X, W_xh, b_h, W_hq, b_q, XW, b_h_rows, Z, H, O, P, row_sums, L, naive, stable: String
        /// The broadcast against the written-out copies.
        var broadcast_diff: String
        var broadcast_differing, z_entries: Int
        /// The winners of each row, listed when there are at most 20 rows.
        var argmax_shown: Bool
        var argmax_O, argmax_P: String
        var argmax_same: Bool
        var argmax_ties: Int
        /// The logits of ±1000.
        var naive_bad, naive_entries: Int
        var stable_finite: Bool
        var row_error, row_tolerance: String
        /// d·h + h + h·q + q, and what lesson 02's W_hh adds to it.
        var parameter_count, rnn_parameter_count, hh_count: Int
        /// Example 0 changed: entries of the other rows of O that moved.
        var other_rows_changed, other_row_entries: Int
        var single_example: Bool
        /// The gap between two logits from which float32 rounds the top probability to 1.
        var gap, gap_exact: String
    }

    static func reportValues(_ r: Result, _ c: Config, seed: UInt64, source: LessonSource) throws -> ReportValues {
        let phi = c.activation
        let snippet = pytorchSnippet(r, c, seed: seed)
        return ReportValues(
            n: c.batch, d: c.inputs, h: c.hiddens, q: c.outputs,
            phi_latex: phiLatex(phi), phi_torch: torchCall(phi, "Z"),
            code: try source.excerpt("compute", in: "MLPLesson.swift"),
            naive_code: try source.excerpt("naive", in: "MLPLesson.swift"),
            pytorch: snippet.code, pytorch_output: snippet.output,
            X: r.x.description, W_xh: r.wXH.description, b_h: r.bH.description,
            W_hq: r.wHQ.description, b_q: r.bQ.description,
            XW: r.xw.description, b_h_rows: r.bHRows.description, Z: r.z.description,
            H: r.h.description, O: r.o.description, P: r.p.description, row_sums: rowSumsTensor(r.p),
            L: r.extreme.description, naive: r.naive.description, stable: r.stable.description,
            broadcast_diff: NumberText.short(r.broadcastDifference),
            broadcast_differing: broadcastDiffering(r), z_entries: r.z.count,
            argmax_shown: r.argmaxO.count <= 20, argmax_O: list(r.argmaxO), argmax_P: list(r.argmaxP),
            argmax_same: argmaxTies(r) == 0, argmax_ties: argmaxTies(r),
            naive_bad: naiveBad(r), naive_entries: r.naive.count,
            stable_finite: r.stable.scalars.allSatisfy(\.isFinite),
            row_error: NumberText.sci(maxRowError(r)),
            row_tolerance: NumberText.sci(rowSumTolerance(classes: c.outputs)),
            parameter_count: parameterCount(c), rnn_parameter_count: parameterCount(c) + c.hiddens * c.hiddens,
            hh_count: c.hiddens * c.hiddens,
            other_rows_changed: r.otherRowsChanged, other_row_entries: r.otherRowEntries, single_example: c.batch == 1,
            gap: NumberText.short(r.roundsToOneGap), gap_exact: String(format: "%.2f", oneRoundingGap))
    }

    static func text(_ r: Result, _ c: Config, strings: StringTable) -> String {
        let sections: [(String, String)] = [
            ("X   shape \(r.x.shape)", r.x.description),
            ("W_xh   shape \(r.wXH.shape)", r.wXH.description),
            ("b_h   shape \(r.bH.shape)", r.bH.description),
            ("W_hq   shape \(r.wHQ.shape)", r.wHQ.description),
            ("b_q   shape \(r.bQ.shape)", r.bQ.description),
            ("X @ W_xh   shape \(r.xw.shape)", r.xw.description),
            ("X @ W_xh + b_h   shape \(r.z.shape)   (b_h \(r.bH.shape) is added to each of the \(c.batch) rows)",
             r.z.description),
            ("H = \(torchCall(c.activation, "X @ W_xh + b_h"))   shape \(r.h.shape)", r.h.description),
            ("O = H @ W_hq + b_q   shape \(r.o.shape)", r.o.description),
            ("P = torch.softmax(O, dim=1)   shape \(r.p.shape)", r.p.description),
            ("P.sum(dim=1)", rowSumsTensor(r.p)),
        ]
        var text: [String] = []
        for (title, tensor) in sections {
            text += [title, tensor, ""]
        }
        text.append("Broadcast vs. b_h copied into all \(c.batch) rows: max |Δ| = \(NumberText.short(r.broadcastDifference)), "
                    + "\(broadcastDiffering(r)) of \(r.z.count) entries differ in any bit.")
        let ties = argmaxTies(r)
        text.append((r.argmaxO.count <= 20
                        ? "O.argmax(dim=1) = \(list(r.argmaxO)), P.argmax(dim=1) = \(list(r.argmaxP))"
                        : "argmax of O and of P compared over \(r.argmaxO.count) rows")
                    + (ties == 0 ? "; the same class wins in every row." : "; \(ties) row(s) differ only by a tie that rounding created in P."))
        let finite = r.stable.scalars.allSatisfy(\.isFinite)
        text += ["", "Logits of ±1000, L   shape \(r.extreme.shape)", r.extreme.description, "",
                 "Without the shift: torch.exp(L) / torch.exp(L).sum(dim=1, keepdim=True)", r.naive.description, "",
                 "With the shift (row maximum subtracted first): torch.softmax(L, dim=1)", r.stable.description, "",
                 "Without the shift, \(naiveBad(r)) of \(r.naive.count) probabilities are NaN: exp(1000) = ∞ gives ∞/∞, and exp(−999) = 0 gives 0/0. "
                    + "With it, every exponent is ≤ 0 and the largest term is exactly e⁰ = 1, so the result is \(finite ? "finite" : "NOT finite").",
                 ""]
        return text.joined(separator: "\n")
    }

    static func json(_ r: Result, _ c: Config) -> (inputs: [(String, JSONValue)], results: [(String, JSONValue)]) {
        (inputs: [("X", .matrix(r.x)), ("W_xh", .matrix(r.wXH)), ("b_h", .matrix(r.bH)),
                  ("W_hq", .matrix(r.wHQ)), ("b_q", .matrix(r.bQ)), ("L", .matrix(r.extreme))],
         results: [
            ("XW_xh", .matrix(r.xw)), ("XW_xh_plus_b_h", .matrix(r.z)), ("b_h_rows", .matrix(r.bHRows)),
            ("XW_xh_plus_b_h_rows", .matrix(r.zRowByRow)),
            ("H", .matrix(r.h)), ("O", .matrix(r.o)), ("P", .matrix(r.p)),
            ("row_sums", .floats(r.rowSums)),
            ("argmax_O", .array(r.argmaxO.map { .int($0) })), ("argmax_P", .array(r.argmaxP.map { .int($0) })),
            ("naive_softmax_L", .matrix(r.naive)), ("softmax_L", .matrix(r.stable)),
            ("broadcast_max_abs_difference", .float(r.broadcastDifference)),
            ("row_sum_max_error", .float(maxRowError(r))),
            ("row_sum_tolerance", .float(rowSumTolerance(classes: c.outputs))),
         ])
    }

    /// max_i |Σ_j p_ij − 1|, the sums taken in Double.
    static func maxRowError(_ r: Result) -> Double { r.rowSums.map { ($0 - 1).magnitude }.max() ?? 0 }

    /// Entries where the broadcast sum and the row-by-row sum differ in any bit.
    static func broadcastDiffering(_ r: Result) -> Int {
        zip(r.z.scalars, r.zRowByRow.scalars).filter { $0.bitPattern != $1.bitPattern }.count
    }

    /// Rows whose argmax of P differs from that of O (only through a tie in P).
    static func argmaxTies(_ r: Result) -> Int { zip(r.argmaxO, r.argmaxP).filter { $0 != $1 }.count }

    /// Entries of the unshifted softmax of L that are ∞ or NaN.
    static func naiveBad(_ r: Result) -> Int { r.naive.scalars.filter { !$0.isFinite }.count }

    /// `[0, 2, 1]`, as PyTorch prints a list of indices.
    static func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }

    /// `torch.tanh(z)`, `torch.relu(z)`, … or `z` itself for the identity.
    static func torchCall(_ phi: Activation, _ argument: String) -> String {
        phi == .identity ? argument : "torch.\(phi.rawValue)(\(argument))"
    }

    static func phiLatex(_ phi: Activation) -> String {
        switch phi {
        case .tanh: return "\\tanh"
        case .relu: return "\\operatorname{ReLU}"
        case .sigmoid: return "\\sigma"
        case .identity: return "\\operatorname{id}"
        }
    }

    /// `P.sum(dim=1)` as PyTorch prints it: each row summed in float32,
    /// left to right. (The claim measures the sums in Double instead.)
    static func rowSumsTensor(_ p: Matrix<Float>) -> String {
        TorchPrint.repr(values: (0..<p.rows).map { Double(p.row($0).sum()) }, shape: [p.rows])
    }

    /// `[[1000., 999., -1000.], …]`: integer-valued floats as a Python list.
    static func pythonLiteral(_ m: Matrix<Float>) -> String {
        "[" + m.nested.map { row in "[" + row.map { "\(Int($0))." }.joined(separator: ", ") + "]" }
            .joined(separator: ", ") + "]"
    }

    /// The PyTorch code that draws the same tensors and computes the same
    /// results, with what it prints: the lesson's own values of this run.
    static func pytorchSnippet(_ r: Result, _ c: Config, seed: UInt64) -> PyTorchSnippet {
        let (n, d, h, q) = (c.batch, c.inputs, c.hiddens, c.outputs)
        return PyTorchSnippet([
            .code("import torch"),
            .code(""),
            .code("torch.manual_seed(\(seed))"),
            .code("X = torch.randn(\(n), \(d))"),
            .code("W_xh, b_h = torch.randn(\(d), \(h)), torch.randn(1, \(h))"),
            .code("W_hq, b_q = torch.randn(\(h), \(q)), torch.randn(1, \(q))"),
            .code(""),
            .code("H = \(torchCall(c.activation, "X @ W_xh + b_h"))    # b_h (1, \(h)) is broadcast to (\(n), \(h))"),
            .code("O = H @ W_hq + b_q"),
            .code("P = torch.softmax(O, dim=1)"),
            .print("H", output: r.h.description),
            .print("O", output: r.o.description),
            .print("P", output: r.p.description),
            .print("P.sum(dim=1)", output: rowSumsTensor(r.p)),
            .print("torch.equal(X @ W_xh + b_h, X @ W_xh + b_h.repeat(\(n), 1))",
                   output: broadcastDiffering(r) == 0 ? "True" : "False"),
            .code(""),
            .code("L = torch.tensor(\(pythonLiteral(r.extreme)))"),
            .print("torch.exp(L) / torch.exp(L).sum(dim=1, keepdim=True)", output: r.naive.description),
            .print("torch.softmax(L, dim=1)", output: r.stable.description),
        ])
    }
}
