import BookFigures
import Course
import Plot
import Tensor

/// How lesson 03 presents its result: help, terminal text, JSON, the
/// report's values and its figure.
extension ConcatLesson {
    static let executable = "concat"
    static let folder = "03-concat"
    static let abstract = "Lesson 03: X·W_xh + H·W_hh equals cat(X, H)·cat(W_xh, W_hh)."
    static let discussion = """
        Draws X (batch × inputs), W_xh (inputs × hiddens), H (batch × hiddens) and \
        W_hh (hiddens × hiddens) in that order, computes the hidden layer's input \
        both ways, prints every tensor the way PyTorch prints it, and checks that \
        the two results agree to within float32 rounding.

        Examples:
          swift run concat                 the book's shapes (3,1), (1,4), (3,4), (4,4)
          swift run concat --seed 7 --hiddens 8
          swift run concat --json          one JSON document with inputs and results
        """

    /// The values the report templates read.
    struct ReportValues: Encodable {
        var n, d, h, dh: Int
        var code, pytorch, pytorch_output: String
        var X, W_xh, H, W_hh, separate, cat_XH, cat_W, concatenated: String
        var max_diff, tolerance: String
        var differing, entries: Int
        var multiplications, extra_additions: Int
    }

    static func reportValues(_ r: Result, _ c: Config, seed: UInt64, source: LessonSource) throws -> ReportValues {
        let snippet = pytorchSnippet(r, c, seed: seed)
        return ReportValues(
            n: c.batch, d: c.inputs, h: c.hiddens, dh: c.inputs + c.hiddens,
            code: try source.excerpt("compute", in: "ConcatLesson.swift"),
            pytorch: snippet.code, pytorch_output: snippet.output,
            X: r.x.description, W_xh: r.wXH.description, H: r.h.description, W_hh: r.wHH.description,
            separate: r.separate.description, cat_XH: r.catXH.description, cat_W: r.catW.description,
            concatenated: r.concatenated.description,
            max_diff: NumberText.sci(r.maxAbsDifference), tolerance: NumberText.sci(r.tolerance),
            differing: r.differingEntries, entries: r.separate.count,
            multiplications: r.multiplications.concatenated, extra_additions: r.separate.count)
    }

    static func text(_ r: Result, _ c: Config, strings: StringTable) -> String {
        let tensors: [(String, Matrix<Float>)] = [
            ("X", r.x), ("W_xh", r.wXH), ("H", r.h), ("W_hh", r.wHH),
            ("X @ W_xh + H @ W_hh", r.separate),
            ("torch.cat((X, H), dim=1)", r.catXH), ("torch.cat((W_xh, W_hh), dim=0)", r.catW),
            ("cat(X, H) @ cat(W_xh, W_hh)", r.concatenated),
        ]
        var text: [String] = []
        for (name, m) in tensors {
            text += ["\(name)   shape \(m.shape)", m.description, ""]
        }
        text.append("max |Δ| between the two results = \(NumberText.sci(r.maxAbsDifference)) (allowed by float32 rounding: \(NumberText.sci(r.tolerance))); "
                    + "\(r.differingEntries) of \(r.separate.count) entries differ in their last bits.")
        return text.joined(separator: "\n")
    }

    static func json(_ r: Result, _ c: Config) -> (inputs: [(String, JSONValue)], results: [(String, JSONValue)]) {
        (inputs: [("X", .matrix(r.x)), ("W_xh", .matrix(r.wXH)), ("H", .matrix(r.h)), ("W_hh", .matrix(r.wHH))],
         results: [
            ("separate", .matrix(r.separate)), ("cat_XH", .matrix(r.catXH)), ("cat_W", .matrix(r.catW)),
            ("concatenated", .matrix(r.concatenated)),
            ("max_abs_difference", .float(r.maxAbsDifference)),
            ("differing_entries", .int(r.differingEntries)),
            ("tolerance", .float(r.tolerance)),
         ])
    }

    /// The PyTorch code that draws the same tensors, with what it prints:
    /// the lesson's own two results of this run.
    static func pytorchSnippet(_ r: Result, _ c: Config, seed: UInt64) -> PyTorchSnippet {
        PyTorchSnippet([
            .code("import torch"),
            .code(""),
            .code("torch.manual_seed(\(seed))"),
            .code("X, W_xh = torch.randn(\(c.batch), \(c.inputs)), torch.randn(\(c.inputs), \(c.hiddens))"),
            .code("H, W_hh = torch.randn(\(c.batch), \(c.hiddens)), torch.randn(\(c.hiddens), \(c.hiddens))"),
            .print("torch.matmul(X, W_xh) + torch.matmul(H, W_hh)", output: r.separate.description),
            .print("torch.matmul(torch.cat((X, H), dim=1), torch.cat((W_xh, W_hh), dim=0))", output: r.concatenated.description),
        ])
    }

    /// The blocks of the product, one cell per entry. Beyond 12 cells a side
    /// the picture is drawn at 12, and the caption says so.
    static func figures(_ r: Result, _ c: Config, strings: StringTables) throws -> [FigureSpec] {
        let cap = 12
        let (n, d, h) = (min(c.batch, cap), min(c.inputs, cap), min(c.hiddens, cap))
        let reduced = (n, d, h) != (c.batch, c.inputs, c.hiddens)
        return [FigureSpec(
            name: "concat",
            caption: try strings.text("figure.concat", ["reduced": reduced, "n": n, "d": d, "h": h]),
            figure: { language in
                let text = strings[language]
                return ConcatDiagram(d: d, h: h, n: n, labels: .init(
                    concatenateFirst: try text.text("diagram.concatenate-first"),
                    multiplyTwice: try text.text("diagram.multiply-twice"), result: try text.text("diagram.result")))
            })]
    }
}
