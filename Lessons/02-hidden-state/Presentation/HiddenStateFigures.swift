import BookFigures
import Course
import Foundation
import Plot

/// Lesson 02's figures: the unrolled network, and how long it remembers X_1.
extension HiddenStateLesson {
    static func figures(_ r: Result, _ c: Config, strings: StringTables) throws -> [FigureSpec] {
        [
            FigureSpec(name: "unrolled", caption: try strings.text("figure.unrolled"),
                       figure: UnrolledRNNDiagram(steps: 3)),
            FigureSpec(name: "memory", caption: try strings.text("figure.memory", ["small": NumberText.short(r.memory.scaled[0].target)]),
                       figure: memoryChart(r, c)),
        ]
    }

    /// ‖ΔH_t‖ against t on a log axis: the drawn W_hh, the two rescaled ones,
    /// the contraction bound of the smaller scale (dashed, in that curve's
    /// colour, and named after it in the legend), and the layer without state.
    static func memoryChart(_ r: Result, _ c: Config) -> LineChart {
        let m = r.memory
        let gamma = c.activation.derivativeBound
        var series = [LineSeries("drawn $\\bf{W}_{hh}$, $\\|\\bf{W}_{hh}\\|_2 = \(short(m.drawnSpectralNorm))$", y: m.rnnExact)]
        for s in m.scaled {
            series.append(LineSeries("rescaled, $\\|\\bf{W}_{hh}\\|_2 = \(short(s.target))$", y: s.curve))
        }
        if let half = m.scaled.first, let first = half.curve.first {
            let factor = gamma * half.target
            let bound = (0..<c.steps).map { t in first * pow(factor, Double(t)) }
            series.append(LineSeries("bound for $\\|\\bf{W}_{hh}\\|_2 = \(short(half.target))$: $(\\gamma \\cdot \(short(half.target)))^{t-1} \\|\\Delta\\bf{H}_1\\|$, $\\gamma = \(short(gamma))$",
                                     y: bound, style: .theory, colorIndex: 1))
        }
        // Without state the change is exactly 0 from step 2 on. A log axis
        // cannot show 0, and its break marker would read "underflow", which
        // this is not; so the series is its one showable point and the
        // legend says the rest.
        series.append(LineSeries("no state: exactly 0 from $t = 2$ on", x: [1], y: Array(m.mlpExact.prefix(1))))
        return LineChart(title: "How long the network remembers $\\bf{X}_1$",
                         xLabel: "time step $t$", yLabel: "$\\|\\Delta\\bf{H}_t\\|$",
                         yScale: .log10, series: series)
    }

    private static func short(_ x: Double) -> String { NumberText.short(x) }
}
