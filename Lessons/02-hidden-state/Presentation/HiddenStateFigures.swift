import BookFigures
import Course
import Foundation
import Plot

/// Lesson 02's figures: the unrolled network, and how long it remembers X_1.
extension HiddenStateLesson {
    static func figures(_ r: Result, _ c: Config, strings: StringTables) throws -> [FigureSpec] {
        [
            FigureSpec(name: "unrolled", caption: try strings.text("figure.unrolled")) { language in
                let text = strings[language]
                return UnrolledRNNDiagram(steps: 3, labels: .init(
                    outputLayer: try text.text("diagram.output-layer"), hiddenState: try text.text("diagram.hidden-state"),
                    input: try text.text("diagram.input"), layer: try text.text("diagram.layer"),
                    copy: try text.text("diagram.copy"), concatenate: try text.text("diagram.concatenate")))
            },
            FigureSpec(name: "memory", caption: try strings.text("figure.memory", ["small": NumberText.short(r.memory.scaled[0].target)])) {
                try memoryChart(r, c, strings[$0], missing: try .course($0))
            },
        ]
    }

    /// ‖ΔH_t‖ against t on a log axis: the drawn W_hh, the two rescaled ones,
    /// the contraction bound of the smaller scale (dashed, in that curve's
    /// colour, and named after it in the legend), and the layer without state.
    static func memoryChart(_ r: Result, _ c: Config, _ text: StringTable, missing: MissingValueLabels) throws -> LineChart {
        let m = r.memory
        let gamma = c.activation.derivativeBound
        var series = [LineSeries(try text.text("chart.memory.drawn", ["norm": short(m.drawnSpectralNorm)]), y: m.rnnExact)]
        for s in m.scaled {
            series.append(LineSeries(try text.text("chart.memory.rescaled", ["norm": short(s.target)]), y: s.curve))
        }
        if let half = m.scaled.first, let first = half.curve.first {
            let factor = gamma * half.target
            let bound = (0..<c.steps).map { t in first * pow(factor, Double(t)) }
            series.append(LineSeries(try text.text("chart.memory.bound", ["norm": short(half.target), "gamma": short(gamma)]),
                                     y: bound, style: .theory, colorIndex: 1))
        }
        // Without state the change is exactly 0 from step 2 on. A log axis
        // cannot show 0, and its break marker would read "underflow", which
        // this is not; so the series is its one showable point and the
        // legend says the rest.
        series.append(LineSeries(try text.text("chart.memory.no-state"), x: [1], y: Array(m.mlpExact.prefix(1))))
        return LineChart(title: try text.text("chart.memory.title"),
                         xLabel: try text.text("chart.memory.x"), yLabel: try text.text("chart.memory.y"),
                         yScale: .log10, series: series, missingLabels: missing)
    }

    private static func short(_ x: Double) -> String { NumberText.short(x) }
}
