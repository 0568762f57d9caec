import BookFigures
import Course
import Plot
import Tensor

/// How lesson 03 presents its result: terminal text, JSON, report values
/// and its figure.
enum ConcatReport {
    static func outcome(_ r: ConcatLesson.Result, _ c: ConcatLesson.Config, claims: [Claim],
                        seed: UInt64, source: LessonSource) throws -> LessonOutcome {
        let tensors: [(String, Matrix<Float>)] = [
            ("X", r.x), ("W_xh", r.wXH), ("H", r.h), ("W_hh", r.wHH),
            ("X @ W_xh + H @ W_hh", r.separate),
            ("torch.cat((X, H), dim=1)", r.catXH), ("torch.cat((W_xh, W_hh), dim=0)", r.catW),
            ("cat(X, H) @ cat(W_xh, W_hh)", r.concatenated),
        ]
        var text = ["Lesson 03 · concat — \(ConcatLesson.info.title.en)",
                    "seed \(seed) · batch n = \(c.batch) · inputs d = \(c.inputs) · hiddens h = \(c.hiddens)", ""]
        for (name, m) in tensors {
            text.append("\(name)   shape \(m.shape)")
            text.append(m.description)
            text.append("")
        }
        text.append(differenceSentence(r, .en))
        let code = try source.excerpt("compute", in: "ConcatLesson.swift")
        let pytorch = pytorchSnippet(c, seed: seed)

        return LessonOutcome(
            config: [("batch", .int(c.batch)), ("inputs", .int(c.inputs)), ("hiddens", .int(c.hiddens))],
            inputs: [("X", .matrix(r.x)), ("W_xh", .matrix(r.wXH)), ("H", .matrix(r.h)), ("W_hh", .matrix(r.wHH))],
            results: [
                ("separate", .matrix(r.separate)), ("cat_XH", .matrix(r.catXH)), ("cat_W", .matrix(r.catW)),
                ("concatenated", .matrix(r.concatenated)),
                ("max_abs_difference", .float(r.maxAbsDifference)),
                ("differing_entries", .int(r.differingEntries)),
                ("tolerance", .float(r.tolerance)),
            ],
            claims: claims,
            text: text.joined(separator: "\n"),
            figures: [figure(c)],
            reportValues: { language in
                [
                    "n": c.batch, "d": c.inputs, "h": c.hiddens, "dh": c.inputs + c.hiddens,
                    "code": code, "pytorch": pytorch,
                    "X": r.x.description, "W_xh": r.wXH.description, "H": r.h.description, "W_hh": r.wHH.description,
                    "separate": r.separate.description, "cat_XH": r.catXH.description,
                    "cat_W": r.catW.description, "concatenated": r.concatenated.description,
                    "difference": differenceSentence(r, language),
                    "max_diff": NumberText.sci(r.maxAbsDifference), "tolerance": NumberText.sci(r.tolerance),
                    "differing": r.differingEntries, "entries": r.separate.count,
                ]
            })
    }

    static func differenceSentence(_ r: ConcatLesson.Result, _ language: Language) -> String {
        let maxDiff = NumberText.sci(r.maxAbsDifference), tol = NumberText.sci(r.tolerance)
        switch language {
        case .en:
            return "max |Δ| between the two results = \(maxDiff) (allowed by float32 rounding: \(tol)); "
                + "\(r.differingEntries) of \(r.separate.count) entries differ in their last bits."
        case .zh:
            return "两个结果之间的最大 |Δ| = \(maxDiff)（float32 舍入允许的上限：\(tol)）；"
                + "\(r.separate.count) 个元素中有 \(r.differingEntries) 个在末位上不同。"
        }
    }

    /// The PyTorch code that draws the same tensors (see lesson 06's note on seeds).
    static func pytorchSnippet(_ c: ConcatLesson.Config, seed: UInt64) -> String {
        """
        import torch

        torch.manual_seed(\(seed))
        X, W_xh = torch.randn(\(c.batch), \(c.inputs)), torch.randn(\(c.inputs), \(c.hiddens))
        H, W_hh = torch.randn(\(c.batch), \(c.hiddens)), torch.randn(\(c.hiddens), \(c.hiddens))
        print(torch.matmul(X, W_xh) + torch.matmul(H, W_hh))
        print(torch.matmul(torch.cat((X, H), dim=1), torch.cat((W_xh, W_hh), dim=0)))
        """
    }

    /// The blocks of the product, one cell per entry. Beyond 12 cells a side
    /// the picture is drawn at 12 (the shapes in the labels stay the real ones
    /// only up to that size, so the caption says so).
    static func figure(_ c: ConcatLesson.Config) -> FigureSpec {
        let cap = 12
        let (n, d, h) = (min(c.batch, cap), min(c.inputs, cap), min(c.hiddens, cap))
        let reduced = (n, d, h) != (c.batch, c.inputs, c.hiddens)
        let note = reduced ? Bilingual(en: " (drawn with n = \(n), d = \(d), h = \(h))", zh: "（按 n = \(n)、d = \(d)、h = \(h) 绘制）")
                           : Bilingual(en: "", zh: "")
        return FigureSpec(
            name: "concat",
            caption: Bilingual(
                en: "[X | H] · [W_xh ; W_hh] = X·W_xh + H·W_hh: input parts in orange, state parts in blue" + note.en,
                zh: "[X | H] · [W_xh ; W_hh] = X·W_xh + H·W_hh：输入部分为橙色，状态部分为蓝色" + note.zh),
            figure: ConcatDiagram(d: d, h: h, n: n))
    }
}
