/// The parts every chart shares: title, axis labels, the plot area, grid,
/// spines, ticks and tick labels — measured first, then placed so that
/// nothing is clipped by the canvas edge.
///
/// The y-axis label sits above the axis, left-aligned, instead of being
/// turned sideways: it reads without tilting one's head and needs no
/// rotated text.
struct ChartFrame {
    static let pad = 14.0
    static let tickLength = 5.0
    static let minorTickLength = 3.0
    static let tickGap = 4.0
    static let gridColor = Color.grey(0.9)
    static let axisStyle = StrokeStyle(width: 1, color: .ink, cap: .square)

    let title: TextLayout?
    let xLabel: TextLayout?
    let yLabel: TextLayout?
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
        self.title = title.map { r.layout($0, .title) }
        self.xLabel = xLabel.map { r.layout($0, .label) }
        self.yLabel = yLabel.map { r.layout($0, .label) }
        yTicks = yAxis.ticks.map { ($0, $0.label.map { r.layout($0, .tick) }) }
        let pad = ChartFrame.pad
        let yTickWidth = yTicks.compactMap { $0.1?.ink.width }.max() ?? 0
        let yTickRise = yTicks.compactMap { t in t.1.map { -$0.ink.minY - $0.capHeight / 2 } }.max() ?? 0
        var top = pad
        if let t = self.title { top += t.ink.height + 10 }
        if let y = self.yLabel { top += y.ink.height + 10 }
        top += max(yTickRise, 4)
        var bottom = pad + ChartFrame.tickLength + ChartFrame.tickGap + xTickHeight
        if let x = self.xLabel { bottom += x.ink.height + 10 }
        let left = max(pad + yTickWidth + ChartFrame.tickLength + ChartFrame.tickGap, pad + xOverhang.left)
        let right = max(pad + 4, pad + xOverhang.right) + rightReserve
        area = Rect(x: left.rounded(), y: top.rounded(),
                    width: (size.width - left - right).rounded(), height: (size.height - top - bottom).rounded())
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

    /// Title, y label, spines, y ticks and their labels. The x axis is the
    /// chart's own (numbers or categories); `drawXTicks` helps with numbers.
    func drawFrame(_ yAxis: Axis, canvas: Size, on r: Renderer) {
        var y = ChartFrame.pad
        if let t = title {
            let x = min(max(area.midX, ChartFrame.pad + t.ink.width / 2), canvas.width - ChartFrame.pad - t.ink.width / 2)
            t.draw(at: Point(x, y), .center, .top, on: r)
            y += t.ink.height + 10
        }
        if let l = yLabel {
            let left = min(area.minX - (yTicks.compactMap { $0.1?.ink.width }.max() ?? 0) - ChartFrame.tickLength - ChartFrame.tickGap,
                           area.minX)
            l.draw(at: Point(max(ChartFrame.pad, left), y), .left, .top, on: r)
        }
        if let l = xLabel {
            l.draw(at: Point(area.midX, canvas.height - ChartFrame.pad), .center, .bottom, on: r)
        }
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

    /// Ticks below the plot area at numeric x positions, with their labels.
    func drawXTicks(_ ticks: [(x: Double, label: TextLayout?, major: Bool)], on r: Renderer) {
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
