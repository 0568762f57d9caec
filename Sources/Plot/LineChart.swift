/// A line chart with a linear or log10 y axis, several series, a legend
/// placed where it covers no data, and marked breaks where a series stops
/// being showable.
///
/// Values the y axis cannot show never break the chart: a NaN or ±∞ (and,
/// on a log axis, 0, a negative or a subnormal number) ends the line there,
/// and a labelled marker says why ("underflow to 0", "overflow to ∞",
/// "NaN"). The line resumes at the next good value. Used by lesson 05 for
/// gradient norms over time steps.
public struct LineChart: Figure, Sendable {
    /// The title above the figure (markup), or nil for none.
    public var title: String?
    /// The x-axis label (markup), below the axis.
    public var xLabel: String?
    /// The y-axis label (markup), above the axis.
    public var yLabel: String?
    /// Linear, or log10 with decades labelled 10ⁿ.
    public var xScale: AxisScale
    /// Linear, or log10 with decades labelled 10ⁿ.
    public var yScale: AxisScale
    /// The lines, drawn in order (later ones on top).
    public var series: [LineSeries]
    /// Fixed axis ranges; nil fits the data (widened to round numbers).
    public var xRange: ClosedRange<Double>?
    /// A fixed y range; nil fits the data (widened to round numbers).
    public var yRange: ClosedRange<Double>?
    /// The canvas size in logical pixels (default 720 × 450).
    public var size: Size
    /// The words for values the chart cannot show (English by default).
    public var missingLabels: MissingValueLabels

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                xScale: AxisScale = .linear, yScale: AxisScale = .linear, series: [LineSeries] = [],
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil, size: Size = .chart,
                missingLabels: MissingValueLabels = .english) {
        (self.title, self.xLabel, self.yLabel) = (title, xLabel, yLabel)
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.size = size
        self.missingLabels = missingLabels
    }

    /// Throws when a series has more x than y values or the other way round.
    public func draw(on r: Renderer) throws {
        for s in series where s.x.count != s.y.count {
            throw PlotError.invalidFigure("line series '\(s.name)' has \(s.x.count) x values but \(s.y.count) y values")
        }
        let layout = LineChartLayout(self, renderer: r)
        layout.draw(self, on: r)
    }

    // MARK: Styling

    static let lineWidth = 2.0
    static let theoryDashes: [[Double]] = [[7, 4], [2, 3], [10, 3, 2, 3], [4, 4]]

    /// The stroke of series `i`.
    func stroke(of i: Int) -> StrokeStyle {
        let s = series[i]
        let color = Palette.color(s.colorIndex ?? i)
        switch s.style {
        case .measured:
            return StrokeStyle(width: LineChart.lineWidth, color: color, cap: .round, join: .round)
        case .theory:
            let rank = series[..<i].filter { $0.style == .theory }.count
            return StrokeStyle(width: 1.8, color: color, dash: LineChart.theoryDashes[rank % LineChart.theoryDashes.count])
        }
    }

    /// The marker of series `i` (theory curves have none).
    func marker(of i: Int) -> MarkerShape? {
        series[i].style == .measured ? MarkerShape.forSeries(series[i].colorIndex ?? i) : nil
    }
}
