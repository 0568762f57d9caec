/// What every chart on a rectangular data area shares: the title on top,
/// the y label on the line below it (with an optional label at the right
/// end of that line, such as a colour bar's), the x label at the bottom,
/// the data area they leave, and the legend policy — inside the area where
/// it covers no data, otherwise outside on the right.
///
/// A chart type is then a value type plus one placement function that
/// reserves room for its own ticks and draws its data (see `LineChartLayout`,
/// `BarChartLayout`, `HeatMapLayout`).
struct CartesianLayout {
    static let pad = 14.0
    /// Space under the title and under the label line.
    static let textGap = 10.0

    let title: TextLayout?
    let xLabel: TextLayout?
    let yLabel: TextLayout?
    let rightLabel: TextLayout?

    /// Measures the texts (title bold 16 px, labels 14.5 px).
    init(title: String?, xLabel: String?, yLabel: String?, rightLabel: String? = nil, renderer r: Renderer) {
        self.title = title.map { r.layout($0, .title) }
        self.xLabel = xLabel.map { r.layout($0, .label) }
        self.yLabel = yLabel.map { r.layout($0, .label) }
        self.rightLabel = rightLabel.map { r.layout($0, .label) }
    }

    /// The data area on a canvas of `size`: below the title and label line
    /// and `topGap` more, above the x label and `tickHeight` of tick marks
    /// and labels, `left` and `right` in from the sides (whole pixels).
    func area(size: Size, topGap: Double, tickHeight: Double, left: Double, right: Double) -> Rect {
        let pad = CartesianLayout.pad, gap = CartesianLayout.textGap
        var top = pad
        if let t = title { top += t.ink.height + gap }
        if yLabel != nil || rightLabel != nil {
            top += max(yLabel?.ink.height ?? 0, rightLabel?.ink.height ?? 0) + gap
        }
        top += topGap
        var bottom = pad + ChartFrame.tickLength + ChartFrame.tickGap + tickHeight
        if let x = xLabel { bottom += x.ink.height + gap }
        return Rect(x: left.rounded(), y: top.rounded(),
                    width: (size.width - left - right).rounded(), height: (size.height - top - bottom).rounded())
    }

    /// Draws the title (centred on the area, kept on the canvas), the y
    /// label at `yLabelX`, the right label and the x label.
    func drawTexts(area: Rect, canvas: Size, yLabelX: Double, on r: Renderer) {
        let pad = CartesianLayout.pad
        var y = pad
        if let t = title {
            let x = min(max(area.midX, pad + t.ink.width / 2), canvas.width - pad - t.ink.width / 2)
            t.draw(at: Point(x, y), .center, .top, on: r)
            y += t.ink.height + CartesianLayout.textGap
        }
        yLabel?.draw(at: Point(yLabelX, y), .left, .top, on: r)
        rightLabel?.draw(at: Point(canvas.width - pad, y), .right, .top, on: r)
        xLabel?.draw(at: Point(area.midX, canvas.height - pad), .center, .bottom, on: r)
    }

    // MARK: Legend

    /// Where a legend may sit inside the data area.
    enum Corner { case topRight, topLeft, bottomLeft, bottomRight, topCenter, bottomCenter }

    /// What a legend inside the data area must not cover.
    struct Obstacles {
        var points: [Point] = []
        var segments: [(Point, Point)] = []
        var boxes: [Rect] = []
    }

    /// Places `legend` for a chart laid out as `first`: in the first of
    /// `corners` (of the data area inset by `inset`) that keeps clear of
    /// the chart's obstacles; if none does, the chart is laid out again by
    /// `relayout` with room on the right, and the legend goes there.
    /// Returns the layout to draw and the legend's box (nil without legend).
    static func placeLegend<Layout>(_ legend: Legend?, first: Layout, area: (Layout) -> Rect,
                                    corners: [Corner], inset: Double, obstacles: (Layout) -> Obstacles,
                                    relayout: (_ rightReserve: Double) -> Layout) -> (Layout, Rect?) {
        guard let legend else { return (first, nil) }
        let a = area(first).inset(by: inset)
        let w = legend.size.width, h = legend.size.height
        let candidates = corners.map { corner -> Rect in
            switch corner {
            case .topRight: Rect(x: a.maxX - w, y: a.minY, width: w, height: h)
            case .topLeft: Rect(x: a.minX, y: a.minY, width: w, height: h)
            case .bottomLeft: Rect(x: a.minX, y: a.maxY - h, width: w, height: h)
            case .bottomRight: Rect(x: a.maxX - w, y: a.maxY - h, width: w, height: h)
            case .topCenter: Rect(x: a.midX - w / 2, y: a.minY, width: w, height: h)
            case .bottomCenter: Rect(x: a.midX - w / 2, y: a.maxY - h, width: w, height: h)
            }
        }.filter { a.contains($0) }
        if let free = Legend.firstFree(candidates, avoiding: obstacles(first)) {
            return (first, free)
        }
        let second = relayout(w + 16)
        let outside = area(second)
        return (second, Rect(x: outside.maxX + 16, y: outside.minY, width: w, height: h))
    }
}
