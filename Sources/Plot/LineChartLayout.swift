/// Where everything of a `LineChart` goes, computed from measured text
/// before anything is drawn.
struct LineChartLayout {
    struct Break {
        var series: Int
        var kind: BreakKind
        var marker: Point
        /// The last drawn point before the break, joined to the marker by a dotted line.
        var from: Point?
        var label: TextLayout
        var labelBox: Rect
    }

    var frame: ChartFrame
    var xAxis: Axis
    var yAxis: Axis
    var xTicks: [(x: Double, label: TextLayout?, major: Bool)]
    /// Per series, the runs of consecutive drawable points.
    var pieces: [[[Point]]]
    var markers: [[Point]]
    var breaks: [Break]
    var legend: Legend?
    var legendBox: Rect?

    static let breakStyle = TextStyle(size: 12.5)

    init(_ chart: LineChart, renderer r: Renderer) {
        let xs = chart.series.flatMap(\.x)
        let ys = chart.series.flatMap(\.y)
        let xAxis = Axis(scale: chart.xScale, values: xs, fixed: chart.xRange)
        let yAxis = Axis(scale: chart.yScale, values: ys, fixed: chart.yRange)
        let named = chart.series.indices.filter { !chart.series[$0].name.isEmpty }
        let legend = named.isEmpty ? nil : Legend(named.map { i in
            (LegendSample.line(chart.stroke(of: i), chart.marker(of: i)), chart.series[i].name)
        }, renderer: r)
        self.legend = legend

        // First try with the legend inside the plot area; if every corner
        // covers data, lay out again with room for it on the right.
        let place = { (reserve: Double) in LineChartLayout.place(chart, xAxis, yAxis, rightReserve: reserve, renderer: r) }
        let attempt: Attempt
        (attempt, legendBox) = CartesianLayout.placeLegend(
            legend, first: place(0), area: \.frame.area,
            corners: [.topRight, .topLeft, .bottomLeft, .bottomRight, .topCenter, .bottomCenter], inset: 10,
            obstacles: { a in
                let segments = a.pieces.flatMap { $0.flatMap { run in Array(zip(run, run.dropFirst())) } }
                let links = a.breaks.compactMap { b in b.from.map { ($0, b.marker) } }
                return CartesianLayout.Obstacles(points: a.pieces.flatMap { $0.flatMap { $0 } } + a.breaks.map(\.marker),
                                                 segments: segments + links, boxes: a.breaks.map(\.labelBox))
            },
            relayout: place)
        self.xAxis = xAxis
        self.yAxis = yAxis
        frame = attempt.frame
        xTicks = attempt.xTicks
        pieces = attempt.pieces
        markers = attempt.markers
        breaks = attempt.breaks
    }

    private struct Attempt {
        var frame: ChartFrame
        var xTicks: [(x: Double, label: TextLayout?, major: Bool)]
        var pieces: [[[Point]]]
        var markers: [[Point]]
        var breaks: [Break]
    }

    /// Lays out frame and data for a given space kept free on the right.
    private static func place(_ chart: LineChart, _ xAxis: Axis, _ yAxis: Axis, rightReserve: Double, renderer r: Renderer) -> Attempt {
        let tickLabels = xAxis.ticks.map { ($0, $0.label.map { r.layout($0, .tick) }) }
        let xTickHeight = tickLabels.compactMap { $0.1.map { $0.ink.maxY + max($0.capHeight, -$0.ink.minY) } }.max() ?? 0
        let first = tickLabels.first { $0.0.value == xAxis.lower }?.1?.ink.width ?? 0
        let last = tickLabels.last { $0.0.value == xAxis.upper }?.1?.ink.width ?? 0
        let frame = ChartFrame(size: chart.size, title: chart.title, xLabel: chart.xLabel, yLabel: chart.yLabel,
                               yAxis: yAxis, xTickHeight: xTickHeight, xOverhang: (first / 2, last / 2),
                               rightReserve: rightReserve, renderer: r)
        let area = frame.area
        var labelled: [(x: Double, layout: TextLayout)] = []
        var ticks: [(x: Double, label: TextLayout?, major: Bool)] = []
        for (tick, label) in tickLabels {
            guard let x = ChartFrame.px(tick.value, xAxis, area) else { continue }
            if let label { labelled.append((x, label)) } else { ticks.append((x, nil, false)) }
        }
        let kept = Set(ChartFrame.thinned(labelled).map(\.x))
        ticks += labelled.map { ($0.x, kept.contains($0.x) ? $0.layout : nil, true) }

        var pieces: [[[Point]]] = []
        var markers: [[Point]] = []
        var pending: [(series: Int, kind: BreakKind, marker: Point, from: Point?)] = []
        for (i, s) in chart.series.enumerated() {
            var runs: [[Point]] = []
            var current: [Point] = []
            var breakKind: BreakKind?   // the kind of the break we are in, if any
            var lastY: Double?          // height of the last good value or marker
            // A break with no good point before it (the series starts out of
            // range) is moved to the last bad x, next to where the line starts.
            var openBreak: Int?
            var lastBadPx: Double?
            for (x, y) in zip(s.x, s.y) {
                guard let px = ChartFrame.px(x, xAxis, area) else {
                    if !current.isEmpty { runs.append(current); current = [] }
                    continue
                }
                if let py = ChartFrame.py(y, yAxis, area) {
                    if let open = openBreak, let bx = lastBadPx {
                        pending[open].marker = Point(bx, pending[open].marker.y)
                        pending[open].from = Point(px, py)
                    }
                    openBreak = nil
                    current.append(Point(px, py))
                    breakKind = nil
                    lastY = py
                    continue
                }
                let from = current.last
                lastBadPx = px
                if !current.isEmpty { runs.append(current); current = [] }
                // One marker per run of bad values, and another where the kind changes (NaN, then ∞).
                guard let kind = BreakKind.of(y, on: yAxis.scale), kind != breakKind else { continue }
                breakKind = kind
                let my: Double = switch kind.edge {
                case .bottom: area.maxY
                case .top: area.minY
                case .inPlace: lastY ?? area.midY
                }
                lastY = my
                pending.append((i, kind, Point(px, my), kind.edge == .inPlace ? nil : from))
                openBreak = from == nil && kind.edge != .inPlace ? pending.count - 1 : nil
            }
            if !current.isEmpty { runs.append(current) }
            pieces.append(runs)
            let all = runs.flatMap { $0 }
            let stride = all.count <= 25 ? 1 : (all.count + 11) / 12
            let offset = stride == 1 ? 0 : ((s.colorIndex ?? i) * stride / 3) % stride
            markers.append(chart.marker(of: i) == nil ? [] : all.enumerated().filter { ($0.offset + offset) % stride == 0 }.map(\.element))
        }

        // Break labels keep clear of the data, the markers and each other.
        let segments = pieces.flatMap { $0.flatMap { run in Array(zip(run, run.dropFirst())) } }
            + pending.compactMap { b in b.from.map { ($0, b.marker) } }
        var obstacles = pending.map { Rect(x: $0.marker.x - 7, y: $0.marker.y - 9, width: 14, height: 18) }
        obstacles += markers.flatMap { $0.map { Rect(x: $0.x - 5, y: $0.y - 5, width: 10, height: 10) } }
        var breaks: [Break] = []
        var taken: [Rect] = []
        for b in pending {
            let label = r.layout(chart.missingLabels.label(b.kind), breakStyle)
            let box = placeBreakLabel(label, marker: b.marker, edge: b.kind.edge, area: area,
                                      labels: taken, boxes: obstacles, segments: segments)
            taken.append(box)
            breaks.append(Break(series: b.series, kind: b.kind, marker: b.marker, from: b.from, label: label, labelBox: box))
        }
        return Attempt(frame: frame, xTicks: ticks, pieces: pieces, markers: markers, breaks: breaks)
    }

    /// Puts a break label beside its marker and inside the plot area,
    /// moving away from the marker (into the plot for edge markers, up and
    /// down alternately for NaN) until it is clear of the other labels and,
    /// if possible, of the data too.
    private static func placeBreakLabel(_ label: TextLayout, marker m: Point, edge: BreakKind.Edge, area: Rect,
                                        labels: [Rect], boxes: [Rect], segments: [(Point, Point)]) -> Rect {
        let step = label.lineHeight * 0.6
        let inside = area.inset(by: 2)
        // Vertical offsets to try, nearest first, as (anchor y, alignment).
        var tries: [(Double, VAlign)] = []
        for k in 0..<16 {
            let d = Double(k) * step
            switch edge {
            case .bottom: tries.append((m.y - 12 - d, .bottom))
            case .top: tries.append((m.y + 12 + d, .top))
            case .inPlace: tries += [(m.y - 10 - d, .bottom), (m.y + 10 + d, .top)]
            }
        }
        var clearOfLabels: Rect?
        for (y, v) in tries {
            for h in [HAlign.left, .right] {
                let box = label.box(at: Point(h == .left ? m.x + 9 : m.x - 9, y), h, v)
                guard inside.contains(box), !labels.contains(where: { $0.outset(by: 2).intersects(box) }) else { continue }
                if clearOfLabels == nil { clearOfLabels = box }
                let wide = box.outset(by: 3)
                if !boxes.contains(where: { $0.intersects(wide) }) && !segments.contains(where: { wide.intersectsSegment($0.0, $0.1) }) {
                    return box
                }
            }
        }
        if let clearOfLabels { return clearOfLabels }
        // Nowhere free (a tiny plot): keep it inside the area at least.
        let box = label.box(at: Point(m.x + 9, m.y), .left, .middle)
        let x = min(max(box.minX, inside.minX), max(inside.minX, inside.maxX - box.width))
        let y = min(max(box.minY, inside.minY), max(inside.minY, inside.maxY - box.height))
        return Rect(x: x, y: y, width: box.width, height: box.height)
    }

    func draw(_ chart: LineChart, on r: Renderer) {
        let area = frame.area
        frame.drawGrid(yAxis, on: r)
        r.save()
        r.clip(to: .rect(area.outset(by: 1)))
        for (i, runs) in pieces.enumerated() {
            let style = chart.stroke(of: i)
            for run in runs {
                if run.count == 1 {
                    r.fill(.circle(center: run[0], radius: style.width), color: style.color)
                } else {
                    r.stroke(.polyline(run), style: style)
                }
                for p in run { r.note(.dataPoint(p)) }
                for (a, b) in zip(run, run.dropFirst()) { r.note(.dataSegment(a, b)) }
            }
        }
        r.restore()
        for (i, points) in markers.enumerated() {
            guard let shape = chart.marker(of: i) else { continue }
            let color = chart.stroke(of: i).color
            for p in points where area.outset(by: 1).contains(p) { shape.draw(at: p, size: 7.5, color: color, on: r) }
        }
        for b in breaks {
            let color = chart.stroke(of: b.series).color
            if let from = b.from {
                r.stroke(.segment(from, b.marker), style: StrokeStyle(width: 1.5, color: color, dash: [2, 3]))
                r.note(.dataSegment(from, b.marker))
            }
            switch b.kind.edge {
            case .bottom: BreakGlyph.edgeTriangle(at: b.marker, pointingDown: true, color: color, on: r)
            case .top: BreakGlyph.edgeTriangle(at: b.marker, pointingDown: false, color: color, on: r)
            case .inPlace: BreakGlyph.cross(at: b.marker, color: color, on: r)
            }
            r.note(.dataPoint(b.marker))
            let anchor = Point(b.labelBox.minX, b.labelBox.minY)
            b.label.draw(at: anchor, .left, .top, on: r, color: color.mixed(with: .black, 0.3))
        }
        frame.drawFrame(yAxis, canvas: chart.size, on: r)
        ChartFrame.drawXTicks(xTicks, below: area, on: r)
        if let legend, let legendBox { legend.draw(in: legendBox, on: r) }
    }
}
