/// Where everything of a `HeatMap` goes, from measured text.
struct HeatMapLayout {
    /// Title, axis labels, and the colour bar's label at the right.
    var texts: CartesianLayout
    var grid: Rect
    var columnEdges: [Double]
    var rowEdges: [Double]
    var rowLabels: [TextLayout]
    /// Every how many rows a name is written (1 unless rows are too thin for text).
    var rowLabelStep = 1
    var columnLabels: [(index: Int, layout: TextLayout)]
    var axis: Axis
    var bar: Rect
    var barTicks: [(Tick, TextLayout?)]
    var note: Legend?
    var noteBox: Rect?

    static let barWidth = 16.0

    init(_ map: HeatMap, renderer r: Renderer) {
        let pad = ChartFrame.pad
        let flat = map.values.flatMap { $0 }
        axis = Axis(scale: map.scale, values: flat, fixed: map.range)
        texts = CartesianLayout(title: map.title, xLabel: map.xLabel, yLabel: map.yLabel, rightLabel: map.colorBarLabel, renderer: r)
        rowLabels = map.rowLabels.map { r.layout($0, .tick) }
        barTicks = axis.ticks.map { ($0, $0.label.map { r.layout($0, .tick) }) }

        // The note lists the kinds of missing values that occur, in a fixed order.
        let kinds = [BreakKind.underflowToZero, .subnormal, .negative, .negativeOverflow, .overflow, .nan]
        let present = kinds.filter { k in flat.contains { BreakKind.of($0, on: map.scale) == k } }
        note = present.isEmpty ? nil
            : Legend(present.map { (.hatched(ColorMap.missing($0)), map.missingLabels.label($0)) }, style: .tick, renderer: r)

        // Horizontal budget: row labels | grid | gap, bar, ticks, labels | note.
        let rowLabelWidth = rowLabels.map(\.ink.width).max() ?? 0
        let tickWidth = barTicks.compactMap { $0.1?.ink.width }.max() ?? 0
        let barBlock = HeatMapLayout.barWidth + ChartFrame.tickLength + ChartFrame.tickGap + tickWidth
        let rightBlock = max(barBlock, note?.size.width ?? 0, texts.rightLabel.map { $0.ink.width - 24 } ?? 0)
        let columnLabelHeight = map.columnLabels.prefix(1).map { r.layout($0, .tick) }
            .map { $0.ink.maxY + max($0.capHeight, -$0.ink.minY) }.first ?? 0
        grid = texts.area(size: map.size, topGap: 6, tickHeight: columnLabelHeight,
                          left: pad + rowLabelWidth + 8, right: pad + rightBlock + 24)
        let g = grid
        let columns = map.columnLabels.count, rows = map.values.count
        let xEdges = (0...columns).map { (g.minX + g.width * Double($0) / Double(columns)).rounded() }
        columnEdges = xEdges
        rowEdges = (0...rows).map { (g.minY + g.height * Double($0) / Double(rows)).rounded() }

        // Column labels: every one if they fit, else the first and every
        // k-th (k = 2, 5, 10, …). Integer labels are kept where the number
        // is a multiple of k, so 1…100 is labelled 1, 10, 20, …, 100 and
        // 0…100 is labelled 0, 10, 20, …, 100; other labels by position.
        let centers = (0..<columns).map { (xEdges[$0] + xEdges[$0 + 1]) / 2 }
        let labels = map.columnLabels.map { r.layout($0, .tick) }
        let numbers = map.columnLabels.map { Int($0) }
        let numeric = numbers.allSatisfy { $0 != nil }
        var chosen: [(index: Int, layout: TextLayout)] = []
        for step in [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 10_000] {
            let kept = (0..<columns).filter { $0 == 0 || (numeric ? numbers[$0]! % step == 0 : ($0 + 1) % step == 0) }
            let fits = zip(kept, kept.dropFirst()).allSatisfy { a, b in
                centers[a] + labels[a].ink.width / 2 + 8 <= centers[b] - labels[b].ink.width / 2
            }
            chosen = kept.map { ($0, labels[$0]) }
            if fits { break }
        }
        columnLabels = chosen

        let rowHeight = g.height / Double(max(rows, 1))
        let textHeight = (rowLabels.map(\.ink.height).max() ?? 0) + 3
        rowLabelStep = rowHeight >= textHeight ? 1 : Int((textHeight / rowHeight).rounded(.up))

        let noteHeight = note.map { $0.size.height + 12 } ?? 0
        bar = Rect(x: g.maxX + 24, y: g.minY, width: HeatMapLayout.barWidth, height: max(g.height - noteHeight, 40))
        noteBox = note.map { Rect(x: g.maxX + 24 - Legend.padding - 6, y: g.maxY - $0.size.height, width: $0.size.width, height: $0.size.height) }
    }

    func draw(_ map: HeatMap, on r: Renderer) {
        texts.drawTexts(area: grid, canvas: map.size, yLabelX: ChartFrame.pad, on: r)

        for (i, row) in map.values.enumerated() {
            for (j, v) in row.enumerated() {
                let cell = Rect(corner: Point(columnEdges[j], rowEdges[i]), Point(columnEdges[j + 1], rowEdges[i + 1]))
                if let f = axis.fraction(v) {
                    r.fill(.rect(cell), color: ColorMap.viridis(f))
                } else {
                    Hatch.fill(cell, ColorMap.missing(BreakKind.of(v, on: map.scale) ?? .nan), on: r)
                }
            }
            if i % rowLabelStep == 0 {
                rowLabels[i].draw(at: Point(grid.minX - 8, (rowEdges[i] + rowEdges[i + 1]) / 2), .right, .middle, on: r)
            }
        }
        r.stroke(.rect(grid.inset(by: -0.5)), style: StrokeStyle(width: 1, color: .ink))
        let columnTicks = columnLabels.map { j, label in (((columnEdges[j] + columnEdges[j + 1]) / 2).rounded(), Optional(label), true) }
        ChartFrame.drawXTicks(columnTicks, below: grid, on: r)
        drawColorBar(on: r)
        if let note, let noteBox { note.draw(in: noteBox, on: r) }
    }

    /// The colour bar: thin horizontal slices of the scale, ticks, labels.
    private func drawColorBar(on r: Renderer) {
        let slices = Int(bar.height)
        for k in 0..<slices {
            let y0 = bar.maxY - Double(k + 1) * bar.height / Double(slices)
            let slice = Rect(x: bar.minX, y: y0, width: bar.width, height: bar.height / Double(slices) + 0.6)
            r.fill(.rect(slice), color: ColorMap.viridis((Double(k) + 0.5) / Double(slices)))
        }
        r.stroke(.rect(bar.inset(by: -0.5)), style: StrokeStyle(width: 1, color: .ink))
        var ticks = Path()
        for (tick, label) in barTicks {
            guard let f = axis.fraction(tick.value) else { continue }
            let y = (bar.maxY - f * bar.height).rounded()
            let length = label == nil ? ChartFrame.minorTickLength : ChartFrame.tickLength
            ticks.move(to: Point(bar.maxX, y))
            ticks.line(to: Point(bar.maxX + length, y))
            label?.draw(at: Point(bar.maxX + ChartFrame.tickLength + ChartFrame.tickGap, y), .left, .middle, on: r)
        }
        r.stroke(ticks, style: StrokeStyle(width: 1, color: .ink))
    }
}
