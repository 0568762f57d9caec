/// The axes of a chart with a numeric y axis: the plot area, grid, spines,
/// y ticks and their labels, around the title and labels of a
/// `CartesianLayout` — measured first, then placed so that nothing is
/// clipped by the canvas edge.
///
/// The y-axis label sits above the axis, left-aligned, instead of being
/// turned sideways: it reads without tilting one's head and needs no
/// rotated text.
struct ChartFrame {
    static let pad = CartesianLayout.pad
    static let tickLength = 5.0
    static let minorTickLength = 3.0
    static let tickGap = 4.0
    static let gridColor = Color.grey(0.9)
    static let axisStyle = StrokeStyle(width: 1, color: .ink, cap: .square)

    let texts: CartesianLayout
    let yTicks: [(Tick, TextLayout?)]
    let area: Rect

    /// Measures the frame's texts and returns the plot area that leaves room
    /// for them on a canvas of `size`. `xTickHeight` is the height of the
    /// x tick labels; `xOverhang` how far they reach past the area's left
    /// and right edges; `rightReserve` space kept free on the right (an
    /// outside legend).
    init(size: Size, title: String?, xLabel: String?, yLabel: String?, yAxis: Axis,
         xTickHeight: Double, xOverhang: (left: Double, right: Double), rightReserve: Double = 0,
         renderer r: Renderer) {
        texts = CartesianLayout(title: title, xLabel: xLabel, yLabel: yLabel, renderer: r)
        yTicks = yAxis.ticks.map { ($0, $0.label.map { r.layout($0, .tick) }) }
        let pad = ChartFrame.pad
        let yTickWidth = yTicks.compactMap { $0.1?.ink.width }.max() ?? 0
        let yTickRise = yTicks.compactMap { t in t.1.map { -$0.ink.minY - $0.capHeight / 2 } }.max() ?? 0
        let left = max(pad + yTickWidth + ChartFrame.tickLength + ChartFrame.tickGap, pad + xOverhang.left)
        let right = max(pad + 4, pad + xOverhang.right) + rightReserve
        area = texts.area(size: size, topGap: max(yTickRise, 4), tickHeight: xTickHeight, left: left, right: right)
    }

    /// The y pixel of `v`, if the axis can place it.
    static func py(_ v: Double, _ axis: Axis, _ area: Rect) -> Double? {
        axis.fraction(v).map { area.maxY - $0 * area.height }
    }

    /// The x pixel of `v`, if the axis can place it.
    static func px(_ v: Double, _ axis: Axis, _ area: Rect) -> Double? {
        axis.fraction(v).map { area.minX + $0 * area.width }
    }

    /// Horizontal grid lines at the labelled y ticks (drawn under the data).
    func drawGrid(_ yAxis: Axis, on r: Renderer) {
        var grid = Path()
        for (tick, label) in yTicks where label != nil {
            guard let y = ChartFrame.py(tick.value, yAxis, area) else { continue }
            let yy = y.rounded()
            grid.move(to: Point(area.minX, yy))
            grid.line(to: Point(area.maxX, yy))
        }
        r.stroke(grid, style: StrokeStyle(width: 1, color: ChartFrame.gridColor))
    }

    /// Title, labels, spines, y ticks and their labels. The x axis is the
    /// chart's own (numbers or categories); `drawXTicks` draws its ticks.
    func drawFrame(_ yAxis: Axis, canvas: Size, on r: Renderer) {
        let yLabelLeft = min(area.minX - (yTicks.compactMap { $0.1?.ink.width }.max() ?? 0) - ChartFrame.tickLength - ChartFrame.tickGap,
                             area.minX)
        texts.drawTexts(area: area, canvas: canvas, yLabelX: max(ChartFrame.pad, yLabelLeft), on: r)
        var ticks = Path()
        for (tick, label) in yTicks {
            guard let py = ChartFrame.py(tick.value, yAxis, area) else { continue }
            let yy = py.rounded()
            let length = label == nil ? ChartFrame.minorTickLength : ChartFrame.tickLength
            ticks.move(to: Point(area.minX, yy))
            ticks.line(to: Point(area.minX - length, yy))
            label?.draw(at: Point(area.minX - ChartFrame.tickLength - ChartFrame.tickGap, yy), .right, .middle, on: r)
        }
        r.stroke(ticks, style: StrokeStyle(width: 1, color: .ink))
        var spines = Path()
        spines.move(to: Point(area.minX, area.minY))
        spines.line(to: Point(area.minX, area.maxY))
        spines.line(to: Point(area.maxX, area.maxY))
        r.stroke(spines, style: ChartFrame.axisStyle)
        r.note(.plotArea(area))
    }

    /// The x tick labels that fit side by side: every tick, or every
    /// second, third… when neighbours would touch.
    static func thinned(_ labels: [(x: Double, layout: TextLayout)], minGap: Double = 10) -> [(x: Double, layout: TextLayout)] {
        for step in 1...max(1, labels.count) {
            let kept = labels.enumerated().filter { $0.offset % step == 0 }.map(\.element)
            let fits = zip(kept, kept.dropFirst()).allSatisfy { a, b in
                a.x + a.layout.ink.width / 2 + minGap <= b.x - b.layout.ink.width / 2
            }
            if fits { return kept }
        }
        return Array(labels.prefix(1))
    }

    /// Ticks below `area` at the given x positions, with their labels
    /// (numbers, categories or columns).
    static func drawXTicks(_ ticks: [(x: Double, label: TextLayout?, major: Bool)], below area: Rect, on r: Renderer) {
        var path = Path()
        for t in ticks {
            let xx = t.x.rounded()
            path.move(to: Point(xx, area.maxY))
            path.line(to: Point(xx, area.maxY + (t.major ? ChartFrame.tickLength : ChartFrame.minorTickLength)))
            t.label?.draw(at: Point(t.x, area.maxY + ChartFrame.tickLength + ChartFrame.tickGap), .center, .top, on: r)
        }
        r.stroke(path, style: StrokeStyle(width: 1, color: .ink))
    }
}
