/// A matrix of values as coloured cells, with a colour bar. On a log10
/// colour scale the bar is labelled in decades (10ⁿ). Cells whose value
/// has no place on the scale — NaN, ±∞, and 0, negative or subnormal
/// numbers on a log scale — are hatched grey, and a note says which of
/// these occur.
///
/// Used by lesson 05 for the gradient norm over ρ (rows) × t (columns).
public struct HeatMap: Figure, Sendable {
    /// The title above the figure (markup), or nil for none.
    public var title: String?
    /// The label under the columns (markup).
    public var xLabel: String?
    /// The label above the row names (markup).
    public var yLabel: String?
    /// Rows × columns; row 0 is drawn at the top.
    public var values: [[Double]]
    /// One name per row (markup), written left of the row.
    public var rowLabels: [String]
    /// One name per column (markup); only as many as fit are written.
    public var columnLabels: [String]
    /// The colour scale: log10 (default) or linear.
    public var scale: AxisScale
    /// The label above the colour bar (markup).
    public var colorBarLabel: String?
    /// A fixed colour range; nil fits the data (widened to whole decades on a log scale).
    public var range: ClosedRange<Double>?
    /// The canvas size in logical pixels (default 720 × 450).
    public var size: Size
    /// The words for values the chart cannot show (English by default).
    public var missingLabels: MissingValueLabels

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, values: [[Double]],
                rowLabels: [String], columnLabels: [String], scale: AxisScale = .log10,
                colorBarLabel: String? = nil, range: ClosedRange<Double>? = nil, size: Size = .chart,
                missingLabels: MissingValueLabels = .english) {
        (self.title, self.xLabel, self.yLabel) = (title, xLabel, yLabel)
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.scale = scale
        self.colorBarLabel = colorBarLabel
        self.range = range
        self.size = size
        self.missingLabels = missingLabels
    }

    /// Throws when the values are not a rows × columns grid matching the labels.
    public func draw(on r: Renderer) throws {
        guard values.count == rowLabels.count else {
            throw PlotError.invalidFigure("heat map has \(values.count) rows but \(rowLabels.count) row labels")
        }
        for (i, row) in values.enumerated() where row.count != columnLabels.count {
            throw PlotError.invalidFigure("heat map row \(i) has \(row.count) values but there are \(columnLabels.count) column labels")
        }
        guard !values.isEmpty, !columnLabels.isEmpty else {
            throw PlotError.invalidFigure("heat map has no cells (\(values.count) rows, \(columnLabels.count) columns)")
        }
        HeatMapLayout(self, renderer: r).draw(self, on: r)
    }
}
