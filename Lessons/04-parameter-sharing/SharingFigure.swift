import Course
import Plot
import Tensor

/// Lesson 04's figure: the parameters read over T steps, shared against
/// separate weights per step, on log–log axes (a flat line against a line
/// of slope 1). Both lines are measured by the ledger; the legend names
/// the formula each one follows.
enum SharingFigure {
    /// The plotted values: T, and the numbers read with shared and with
    /// separate weights.
    struct Data: Equatable {
        var steps: [Double]
        var shared: [Double]
        var separate: [Double]
    }

    static func data(_ r: SharingLesson.Result) -> Data {
        Data(steps: r.shared.map { Double($0.steps) },
             shared: r.shared.map { Double($0.scalars) },
             separate: r.separate.map { Double($0.scalars) })
    }

    static func figures(_ r: SharingLesson.Result, _ c: SharingLesson.Config) -> [FigureSpec] {
        let data = data(r)
        let k = SharingLesson.formulaCount(c)
        let chart = LineChart(
            title: "Parameters read by a forward pass over $T$ steps",
            xLabel: "sequence length $T$", yLabel: "numbers read",
            xScale: .log10, yScale: .log10,
            series: [
                LineSeries("shared weights (the RNN): $dh + h^2 + h + hq + q$", x: data.steps, y: data.shared, colorIndex: 0),
                LineSeries("separate weights per step: $T\\,(dh + h^2 + h + hq + q)$", x: data.steps, y: data.separate, colorIndex: 1),
            ])
        return [FigureSpec(
            name: "parameters",
            caption: Bilingual(
                en: "Numbers read by forward passes over T steps, counted from the storage each step used: \(k) for the RNN at every T, T·\(k) with separate weights per step",
                zh: "沿 T 步前向计算时读取的参数个数（按每一步实际使用的存储计数）：RNN 对任何 T 都是 \(k)，每步单独权重时为 T·\(k)"),
            figure: chart)]
    }
}
