import Course
import Plot

/// Lesson 04's figure: the distinct parameter storage read over T steps, shared against
/// separate weights per step, on log–log axes (a flat line against a line
/// of slope 1). Both lines are measured by the ledger; the legend names
/// the formula each one follows.
extension SharingLesson {
    static func figures(_ r: Result, _ c: Config, strings: StringTables) throws -> [FigureSpec] {
        let steps = r.shared.map { Double($0.steps) }
        func chart(_ language: Language) throws -> any Figure {
            let text = strings[language]
            return LineChart(
                title: try text.text("chart.parameters.title"),
                xLabel: try text.text("chart.parameters.x"), yLabel: try text.text("chart.parameters.y"),
                xScale: .log10, yScale: .log10,
                series: [
                    LineSeries(try text.text("chart.parameters.shared"),
                               x: steps, y: r.shared.map { Double($0.scalars) }, colorIndex: 0),
                    LineSeries(try text.text("chart.parameters.separate"),
                               x: steps, y: r.separate.map { Double($0.scalars) }, colorIndex: 1),
                ],
                missingLabels: try .course(language))
        }
        return [FigureSpec(
            name: "parameters",
            caption: try strings.text("figure.parameters", ["k": formulaCount(c)]),
            figure: chart)]
    }
}
