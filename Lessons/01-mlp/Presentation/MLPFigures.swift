import Course
import Plot
import Tensor

/// Lesson 01's figure: the class probabilities of each example, one group
/// of bars per example (row of softmax(O)), one bar per class.
extension MLPLesson {
    /// At most this many examples and classes are drawn (six classes: one
    /// colour each from the chart's palette); the caption says when the
    /// chart shows only the first ones.
    static let maxExamplesDrawn = 8
    static let maxClassesDrawn = 6

    static func figures(_ r: Result, _ c: Config, strings: StringTables) throws -> [FigureSpec] {
        let n = min(r.p.rows, maxExamplesDrawn), q = min(r.p.cols, maxClassesDrawn)
        let probabilities = (0..<n).map { i in (0..<q).map { j in Double(r.p[i, j]) } }  // p_ij, first rows and classes
        func chart(_ language: Language) throws -> any Figure {
            let text = strings[language]
            return BarChart(
                title: try text.text("chart.probabilities.title"),
                xLabel: try text.text("chart.probabilities.x"), yLabel: try text.text("chart.probabilities.y"),
                categories: (0..<n).map { String($0) },
                series: try (0..<q).map { j in
                    BarSeries(try text.text("chart.probabilities.class", ["j": j]), values: probabilities.map { $0[j] })
                },
                yRange: 0...1, showsValues: n * q <= 24)
        }
        let caption = try strings.text("figure.probabilities", [
            "truncated": n < r.p.rows || q < r.p.cols,
            "examples": n, "classes": q, "n": c.batch, "q": c.outputs,
        ])
        return [FigureSpec(name: "probabilities", caption: caption, figure: chart)]
    }
}
