import Course
import Tensor

/// How lesson 01 presents its result: terminal text, JSON, report values,
/// the PyTorch snippet and its figure.
enum MLPReport {
    static func outcome(_ r: MLPLesson.Result, _ c: MLPLesson.Config, claims: [Claim],
                        seed: UInt64, source: LessonSource) throws -> LessonOutcome {
        let phi = c.activation
        let hName = "H = \(torchCall(phi, "X @ W_xh + b_h"))"
        let sections: [(String, String)] = [
            ("X   shape \(r.x.shape)", r.x.description),
            ("W_xh   shape \(r.wXH.shape)", r.wXH.description),
            ("b_h   shape \(r.bH.shape)", r.bH.description),
            ("W_hq   shape \(r.wHQ.shape)", r.wHQ.description),
            ("b_q   shape \(r.bQ.shape)", r.bQ.description),
            ("X @ W_xh   shape \(r.xw.shape)", r.xw.description),
            ("X @ W_xh + b_h   shape \(r.z.shape)   (b_h \(r.bH.shape) is added to each of the \(c.batch) rows)",
             r.z.description),
            ("\(hName)   shape \(r.h.shape)", r.h.description),
            ("O = H @ W_hq + b_q   shape \(r.o.shape)", r.o.description),
            ("P = torch.softmax(O, dim=1)   shape \(r.p.shape)", r.p.description),
            ("P.sum(dim=1)", rowSumsTensor(r.p)),
        ]
        var text = ["Lesson 01 · mlp — \(MLPLesson.info.title.en)",
                    "seed \(seed) · batch n = \(c.batch) · inputs d = \(c.inputs) · hiddens h = \(c.hiddens) · outputs q = \(c.outputs) · φ = \(phi.displayName)",
                    ""]
        for (title, tensor) in sections {
            text += [title, tensor, ""]
        }
        text.append(broadcastSentence(r, c, .en))
        text.append(argmaxSentence(r, .en))
        text += ["", "Logits of ±1000, L   shape \(r.extreme.shape)", r.extreme.description, "",
                 "Without the shift: torch.exp(L) / torch.exp(L).sum(dim=1, keepdim=True)", r.naive.description, "",
                 "With the shift (row maximum subtracted first): torch.softmax(L, dim=1)", r.stable.description, "",
                 extremeSentence(r, .en), ""]

        let code = try source.excerpt("compute", in: "MLPLesson.swift")
        let naiveCode = try source.excerpt("naive", in: "MLPLesson.swift")
        let pytorch = pytorchSnippet(c, seed: seed)
        let maxRowError = r.rowSums.map { ($0 - 1).magnitude }.max() ?? 0

        // The inputs and results of the JSON document (built only for --json).
        let inputs = { () -> [(String, JSONValue)] in
            [("X", .matrix(r.x)), ("W_xh", .matrix(r.wXH)), ("b_h", .matrix(r.bH)),
             ("W_hq", .matrix(r.wHQ)), ("b_q", .matrix(r.bQ)), ("L", .matrix(r.extreme))]
        }
        let results = { () -> [(String, JSONValue)] in
            [
                ("XW_xh", .matrix(r.xw)), ("XW_xh_plus_b_h", .matrix(r.z)), ("b_h_rows", .matrix(r.bHRows)),
                ("XW_xh_plus_b_h_rows", .matrix(r.zRowByRow)),
                ("H", .matrix(r.h)), ("O", .matrix(r.o)), ("P", .matrix(r.p)),
                ("row_sums", .floats(r.rowSums)),
                ("argmax_O", .array(r.argmaxO.map { .int($0) })), ("argmax_P", .array(r.argmaxP.map { .int($0) })),
                ("naive_softmax_L", .matrix(r.naive)), ("softmax_L", .matrix(r.stable)),
                ("broadcast_max_abs_difference", .float(r.broadcastDifference)),
                ("row_sum_max_error", .float(maxRowError)),
                ("row_sum_tolerance", .float(MLPLesson.rowSumTolerance(classes: c.outputs))),
            ]
        }

        return LessonOutcome(
            config: [("batch", .int(c.batch)), ("inputs", .int(c.inputs)), ("hiddens", .int(c.hiddens)),
                     ("outputs", .int(c.outputs)), ("activation", .string(phi.rawValue))],
            inputs: inputs(),
            results: results(),
            claims: claims,
            text: text.joined(separator: "\n"),
            figures: MLPFigure.figures(r, c),
            reportValues: { language in
                [
                    "n": c.batch, "d": c.inputs, "h": c.hiddens, "q": c.outputs, "q1": c.outputs + 1,
                    "phi": phi.displayName, "phi_latex": phiLatex(phi), "phi_torch": torchCall(phi, "Z"),
                    "code": code, "naive_code": naiveCode, "pytorch": pytorch,
                    "X": r.x.description, "W_xh": r.wXH.description, "b_h": r.bH.description,
                    "W_hq": r.wHQ.description, "b_q": r.bQ.description,
                    "XW": r.xw.description, "b_h_rows": r.bHRows.description, "Z": r.z.description,
                    "H": r.h.description, "O": r.o.description, "P": r.p.description,
                    "row_sums": rowSumsTensor(r.p),
                    "L": r.extreme.description, "naive": r.naive.description, "stable": r.stable.description,
                    "broadcast_sentence": broadcastSentence(r, c, language),
                    "argmax_sentence": argmaxSentence(r, language),
                    "extreme_sentence": extremeSentence(r, language),
                    "row_error": NumberText.sci(maxRowError),
                    "row_tolerance": NumberText.sci(MLPLesson.rowSumTolerance(classes: c.outputs)),
                ]
            })
    }

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

    static func broadcastSentence(_ r: MLPLesson.Result, _ c: MLPLesson.Config, _ language: Language) -> String {
        let differing = zip(r.z.scalars, r.zRowByRow.scalars).filter { $0.bitPattern != $1.bitPattern }.count
        switch language {
        case .en:
            return "Broadcast vs. b_h copied into all \(c.batch) rows: max |Δ| = \(NumberText.short(r.broadcastDifference)), "
                + "\(differing) of \(r.z.count) entries differ in any bit."
        case .zh:
            return "广播与把 b_h 复制到全部 \(c.batch) 行的做法相比：最大 |Δ| = \(NumberText.short(r.broadcastDifference))，"
                + "\(r.z.count) 个元素中有 \(differing) 个存在任何一位不同。"
        }
    }

    static func argmaxSentence(_ r: MLPLesson.Result, _ language: Language) -> String {
        let o = "[" + r.argmaxO.map(String.init).joined(separator: ", ") + "]"
        let p = "[" + r.argmaxP.map(String.init).joined(separator: ", ") + "]"
        let ties = zip(r.argmaxO, r.argmaxP).filter { $0 != $1 }.count
        let shown = r.argmaxO.count <= 20
        switch language {
        case .en:
            let lists = shown ? "O.argmax(dim=1) = \(o), P.argmax(dim=1) = \(p)" : "argmax of O and of P compared over \(r.argmaxO.count) rows"
            return lists + (ties == 0 ? "; the same class wins in every row." : "; \(ties) row(s) differ only by a tie that rounding created in P.")
        case .zh:
            let lists = shown ? "O.argmax(dim=1) = \(o)，P.argmax(dim=1) = \(p)" : "比较了 \(r.argmaxO.count) 行中 O 与 P 的 argmax"
            return lists + (ties == 0 ? "；每一行胜出的类别都相同。" : "；有 \(ties) 行的差别仅来自舍入在 P 中造成的并列。")
        }
    }

    static func extremeSentence(_ r: MLPLesson.Result, _ language: Language) -> String {
        let bad = r.naive.scalars.filter { !$0.isFinite }.count
        let finite = r.stable.scalars.allSatisfy(\.isFinite)
        switch language {
        case .en:
            return "Without the shift, \(bad) of \(r.naive.count) probabilities are NaN: exp(1000) = ∞ gives ∞/∞, and exp(−999) = 0 gives 0/0. "
                + "With it, every exponent is ≤ 0 and the largest term is exactly e⁰ = 1, so the result is \(finite ? "finite" : "NOT finite")."
        case .zh:
            return "不做平移时，\(r.naive.count) 个概率中有 \(bad) 个是 NaN：exp(1000) = ∞ 导致 ∞/∞，exp(−999) = 0 导致 0/0。"
                + "先减去行最大值后，所有指数都 ≤ 0，最大的一项恰好是 e⁰ = 1，所以结果\(finite ? "全部有限" : "并非全部有限")。"
        }
    }

    /// The PyTorch code that draws the same tensors and computes the same
    /// results (matrix products may differ in the last bits: PyTorch's
    /// matmul adds in another order).
    static func pytorchSnippet(_ c: MLPLesson.Config, seed: UInt64) -> String {
        let (n, d, h, q) = (c.batch, c.inputs, c.hiddens, c.outputs)
        return """
        import torch

        torch.manual_seed(\(seed))
        X = torch.randn(\(n), \(d))
        W_xh, b_h = torch.randn(\(d), \(h)), torch.randn(1, \(h))
        W_hq, b_q = torch.randn(\(h), \(q)), torch.randn(1, \(q))

        H = \(torchCall(c.activation, "X @ W_xh + b_h"))    # b_h (1, \(h)) is broadcast to (\(n), \(h))
        O = H @ W_hq + b_q
        P = torch.softmax(O, dim=1)
        print(H, O, P, P.sum(dim=1), sep="\\n")
        print(torch.equal(X @ W_xh + b_h, X @ W_xh + b_h.repeat(\(n), 1)))   # True

        L = torch.tensor([[1000., 999., -1000.], [-1000., -999., -1000.], [1000., -1000., 0.]])
        print(torch.exp(L) / torch.exp(L).sum(dim=1, keepdim=True))   # nan
        print(torch.softmax(L, dim=1))                                # finite
        """
    }
}
