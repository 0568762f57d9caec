import BookFigures
import Foundation
import Plot
import PlotCairo
import Testing

/// Layout checked with real, measured text: nothing leaves the canvas,
/// labels do not overlap, the legend covers no data.
@Suite struct LayoutTests {
    static func texts(_ notes: [LayoutNote]) -> [(String, Rect)] {
        notes.compactMap { if case .text(let s, let r) = $0 { (s, r) } else { nil } }
    }

    @Test(arguments: SampleFigures.all.map(\.name))
    func everyLabelIsInsideTheCanvas(name: String) throws {
        let figure = try #require(SampleFigures.all.first { $0.name == name }).figure
        let canvas = Rect(x: 0, y: 0, width: figure.size.width, height: figure.size.height)
        let texts = Self.texts(try layoutNotes(of: figure))
        #expect(!texts.isEmpty)
        for (text, box) in texts {
            #expect(canvas.inset(by: 2).contains(box), "\(name): '\(text)' at \(box) leaves the canvas \(canvas)")
        }
    }

    @Test(arguments: SampleFigures.all.map(\.name))
    func labelsDoNotOverlap(name: String) throws {
        let figure = try #require(SampleFigures.all.first { $0.name == name }).figure
        let texts = Self.texts(try layoutNotes(of: figure))
        for i in texts.indices {
            for j in texts.indices where j > i {
                #expect(!texts[i].1.intersects(texts[j].1),
                        "\(name): '\(texts[i].0)' \(texts[i].1) overlaps '\(texts[j].0)' \(texts[j].1)")
            }
        }
    }

    /// Checks that the chart has a legend and that it touches no data point or segment.
    static func expectLegendClear(_ chart: LineChart) throws -> (legend: Rect, area: Rect) {
        let notes = try layoutNotes(of: chart)
        let legend = try #require(notes.compactMap { if case .legend(let r) = $0 { r } else { nil } }.first)
        let area = try #require(notes.compactMap { if case .plotArea(let r) = $0 { r } else { nil } }.first)
        for note in notes {
            switch note {
            case .dataPoint(let p):
                #expect(!legend.contains(p), "legend \(legend) covers the data point \(p)")
            case .dataSegment(let a, let b):
                #expect(!legend.intersectsSegment(a, b), "legend \(legend) covers the segment \(a)–\(b)")
            default:
                break
            }
        }
        return (legend, area)
    }

    @Test func legendAvoidsTheDataOfTheSampleCharts() throws {
        for chart in [SampleFigures.logLineChart, SampleFigures.linearLineChart] {
            let (legend, area) = try Self.expectLegendClear(chart)
            #expect(area.contains(legend))
        }
    }

    @Test(arguments: 0..<4)
    func legendMovesToTheFreeCorner(corner: Int) throws {
        // A line that climbs through three corners leaves exactly one free.
        let x = (0...20).map(Double.init)
        let y: [Double] = switch corner {
        case 0: x.map { $0 <= 10 ? 0 : 20 - $0 }   // leaves top-left and top-right? top only
        case 1: x.map { $0 }                        // rising diagonal
        case 2: x.map { 20 - $0 }                   // falling diagonal
        default: x.map { 10 + 10 * sin($0 / 3) }
        }
        let chart = LineChart(series: [LineSeries("a series with a long name", x: x, y: y)])
        _ = try Self.expectLegendClear(chart)
    }

    @Test func legendGoesOutsideWhenEveryCornerIsTaken() throws {
        let x = (0...200).map(Double.init)
        let series = (0..<6).map { k in
            LineSeries("wave \(k)", x: x, y: x.map { sin($0 / 4 + Double(k)) })
        }
        let chart = LineChart(title: "Crowded", series: series)
        let (legend, area) = try Self.expectLegendClear(chart)
        #expect(legend.minX > area.maxX, "legend \(legend) should sit right of the plot area \(area)")
        #expect(legend.maxX <= chart.size.width)
    }

    @Test func diagramLabelsAreDistinctAndComplete() throws {
        let texts = Self.texts(try layoutNotes(of: UnrolledRNNDiagram())).map(\.0)
        for expected in ["Output layer", "Hidden state", "Input", "Copy", "Concatenate",
                         "$\\bf{H}_{t-1}$", "$\\bf{H}_{t}$", "$\\bf{H}_{t+1}$",
                         "$\\bf{X}_{t-1}$", "$\\bf{X}_{t}$", "$\\bf{X}_{t+1}$"] {
            #expect(texts.contains(expected), "missing label \(expected)")
        }
        let concat = Self.texts(try layoutNotes(of: ConcatDiagram())).map(\.0)
        for shape in ["(3, 1)", "(1, 4)", "(3, 4)", "(4, 4)", "(3, 5)", "(5, 4)"] {
            #expect(concat.contains(shape), "missing shape \(shape)")
        }
    }

    @Test(arguments: [1, 2, 5, 8])
    func unrolledDiagramFitsAnyStepCount(steps: Int) throws {
        let figure = UnrolledRNNDiagram(steps: steps, title: "Unrolled")
        let canvas = Rect(x: 0, y: 0, width: figure.size.width, height: figure.size.height)
        let texts = Self.texts(try layoutNotes(of: figure))
        #expect(texts.count == 3 + 2 * steps + 3 + 1 + steps + 1)  // rows, H and X, legend, title, φ per step and in the legend
        for (i, a) in texts.enumerated() {
            #expect(canvas.contains(a.1), "'\(a.0)' leaves the canvas")
            for b in texts[(i + 1)...] { #expect(!a.1.intersects(b.1), "'\(a.0)' overlaps '\(b.0)'") }
        }
    }

    @Test func awkwardDataNeverBreaksAChart() throws {
        let nasty: [[Double]] = [
            [], [.nan], [0, 0, 0], [.infinity, -.infinity, .nan], [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude / 4, 1],
            [-1, -2, 3], [1e308, .greatestFiniteMagnitude, 1e-308], [5, 5, 5],
        ]
        for scale in [AxisScale.linear, .log10] {
            for y in nasty {
                let chart = LineChart(yLabel: "y", yScale: scale, series: [LineSeries("s", y: y)])
                let png = try render(chart, as: .png)
                #expect(!png.isEmpty)
                for case .text(let text, let box) in try layoutNotes(of: chart) {
                    #expect(box.minX.isFinite && box.minY.isFinite && box.width.isFinite, "'\(text)' has a box \(box) for \(y)")
                }
            }
        }
        let bars = BarChart(categories: ["a", "b", "c"], series: [BarSeries("s", values: [0, .nan, .infinity])], yScale: .log10)
        _ = try render(bars, as: .png)
        let map = HeatMap(values: [[.nan, 0], [-.infinity, .infinity]], rowLabels: ["a", "b"], columnLabels: ["1", "2"])
        _ = try render(map, as: .png)
    }

    @Test func thinRowsAndManyColumnsKeepLabelsApart() throws {
        let rows = (0..<60).map { i in (0..<300).map { j in pow(1.05, Double(i - j / 10)) } }
        let map = HeatMap(values: rows, rowLabels: (0..<60).map { "row \($0)" }, columnLabels: (1...300).map { "\($0)" },
                          colorBarLabel: "value")
        let texts = Self.texts(try layoutNotes(of: map))
        #expect(texts.count > 10)
        for (i, a) in texts.enumerated() {
            for b in texts[(i + 1)...] { #expect(!a.1.intersects(b.1), "'\(a.0)' overlaps '\(b.0)'") }
        }
    }

    @Test func breaksAreMarkedAndLabelled() throws {
        let chart = SampleFigures.logLineChart
        let texts = Self.texts(try layoutNotes(of: chart)).map(\.0)
        #expect(texts.contains("underflow to 0"))
        #expect(texts.contains("overflow to ∞"))
        #expect(texts.contains("NaN"))
    }
}
