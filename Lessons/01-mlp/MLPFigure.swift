import Course
import Plot
import Tensor

/// Lesson 01's figure: the class probabilities of each example, one group
/// of bars per example (row of softmax(O)), one bar per class.
enum MLPFigure {
    /// At most this many examples and classes are drawn (six classes: one
    /// colour each from the chart's palette); the caption says when the
    /// chart shows only the first ones.
    static let maxExamples = 8
    static let maxClasses = 6

    /// The data the bar chart shows: `probabilities[i][j]` is p_ij for the
    /// first examples i and classes j.
    struct Data: Equatable {
        var probabilities: [[Double]]
        var examples: Int
        var classes: Int
        var truncated: Bool
    }

    static func data(_ r: MLPLesson.Result) -> Data {
        let n = min(r.p.rows, maxExamples), q = min(r.p.cols, maxClasses)
        let rows = (0..<n).map { i in (0..<q).map { j in Double(r.p[i, j]) } }
        return Data(probabilities: rows, examples: n, classes: q,
                    truncated: n < r.p.rows || q < r.p.cols)
    }

    static func figures(_ r: MLPLesson.Result, _ c: MLPLesson.Config) -> [FigureSpec] {
        let data = data(r)
        let chart = BarChart(
            title: "Class probabilities $\\rm{softmax}(\\bf{O})$, one group per example",
            xLabel: "example (row of $\\bf{O}$)", yLabel: "probability",
            categories: (0..<data.examples).map { String($0) },
            series: (0..<data.classes).map { j in BarSeries("class \(j)", values: data.probabilities.map { $0[j] }) },
            yRange: 0...1, showsValues: data.examples * data.classes <= 24)
        let shown = data.truncated
            ? Bilingual(en: " (the first \(data.examples) of \(c.batch) examples, \(data.classes) of \(c.outputs) classes)",
                        zh: "（只画出 \(c.batch) 个样本中的前 \(data.examples) 个、\(c.outputs) 个类别中的前 \(data.classes) 个）")
            : Bilingual(en: "", zh: "")
        return [FigureSpec(
            name: "probabilities",
            caption: Bilingual(
                en: "softmax(O): each example's probabilities over the \(c.outputs) classes, which add up to 1\(shown.en)",
                zh: "softmax(O)：每个样本在 \(c.outputs) 个类别上的概率，它们加起来等于 1\(shown.zh)"),
            figure: chart)]
    }
}
