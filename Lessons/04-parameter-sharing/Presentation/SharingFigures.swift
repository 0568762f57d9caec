import Course
import Plot

/// Lesson 04's figure: the distinct parameter storage read over T steps, shared against
/// separate weights per step, on log–log axes (a flat line against a line
/// of slope 1). Both lines are measured by the ledger; the legend names
/// the formula each one follows.
extension SharingLesson {
    static func figures(_ r: Result, _ c: Config, strings: StringTables) throws -> [FigureSpec] {
        let steps = r.shared.map { Double($0.steps) }
        let chart = LineChart(
            title: "Distinct parameter storage read by a forward pass over $T$ steps",
            xLabel: "sequence length $T$", yLabel: "numbers in distinct storage",
            xScale: .log10, yScale: .log10,
            series: [
                LineSeries("shared weights (the RNN): $dh + h^2 + h + hq + q$",
                           x: steps, y: r.shared.map { Double($0.scalars) }, colorIndex: 0),
                LineSeries("separate weights per step: $T\\,(dh + h^2 + h + hq + q)$",
                           x: steps, y: r.separate.map { Double($0.scalars) }, colorIndex: 1),
            ])
        return [FigureSpec(
            name: "parameters",
            caption: try strings.text("figure.parameters", ["k": formulaCount(c)]),
            figure: chart)]
    }
}
