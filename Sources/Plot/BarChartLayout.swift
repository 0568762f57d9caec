import Foundation

/// Where everything of a `BarChart` goes, from measured text.
struct BarChartLayout {
    struct Bar {
        var series: Int
        var category: Int
        /// The bar, or nil when its value cannot be shown (a gap with a label).
        var rect: Rect?
        var slot: Rect
        var value: TextLayout?
        var valueBox: Rect?
    }

    var frame: ChartFrame
    var yAxis: Axis
    var categoryLabels: [(x: Double, layout: TextLayout)]
    var bars: [Bar]
    var legend: Legend?
    var legendBox: Rect?

    static let valueStyle = TextStyle(size: 12)

    init(_ chart: BarChart, renderer r: Renderer) {
        let legend = chart.series.count > 1
            ? Legend(chart.series.enumerated().map { (.swatch(BarChart.colors[$0.offset % BarChart.colors.count]), $0.element.name) }, renderer: r)
            : nil
        self.legend = legend
        // Bars grow from the axis: 0 on a linear axis; on a log axis a
        // decade below the smallest value, so that every bar has a height.
        let data = chart.series.flatMap(\.values)
        let smallest = data.filter { Axis.transform($0, .log10) != nil }.min()
        let values = data + (chart.yScale == .linear ? [0] : smallest.map { [$0 / 10] } ?? [])
        var axis = Axis(scale: chart.yScale, values: values, fixed: chart.yRange)
        var attempt = BarChartLayout.place(chart, axis, rightReserve: 0, renderer: r)
        // Room above the tallest bar for its value label: widen the axis once.
        if chart.yRange == nil, let top = attempt.bars.compactMap(\.valueBox).map(\.minY).min(), top < attempt.frame.area.minY {
            let area = attempt.frame.area
            let need = (area.minY - top + 4) / area.height
            let lo = Axis.transform(axis.lower, axis.scale) ?? 0, hi = Axis.transform(axis.upper, axis.scale) ?? 1
            let raised = hi + (hi - lo) * need / (1 - need)
            let extra = chart.yScale == .log10 ? pow(10, raised) : raised
            axis = Axis(scale: chart.yScale, values: values + [extra], fixed: nil)
            attempt = BarChartLayout.place(chart, axis, rightReserve: 0, renderer: r)
        }
        let widened = axis
        let placed: Attempt
        (placed, legendBox) = CartesianLayout.placeLegend(
            legend, first: attempt, area: \.frame.area, corners: [.topRight, .topLeft], inset: 8,
            obstacles: { a in CartesianLayout.Obstacles(boxes: a.bars.compactMap(\.rect) + a.bars.compactMap(\.valueBox)) },
            relayout: { BarChartLayout.place(chart, widened, rightReserve: $0, renderer: r) })
        frame = placed.frame
        yAxis = axis
        categoryLabels = placed.categoryLabels
        bars = placed.bars
    }

    private struct Attempt {
        var frame: ChartFrame
        var categoryLabels: [(x: Double, layout: TextLayout)]
        var bars: [Bar]
    }

    private static func place(_ chart: BarChart, _ axis: Axis, rightReserve: Double, renderer r: Renderer) -> Attempt {
        let labels = chart.categories.map { r.layout($0, .label) }
        let labelHeight = labels.map { $0.ink.maxY + max($0.capHeight, -$0.ink.minY) }.max() ?? 0
        let frame = ChartFrame(size: chart.size, title: chart.title, xLabel: chart.xLabel, yLabel: chart.yLabel,
                               yAxis: axis, xTickHeight: labelHeight, xOverhang: (0, 0), rightReserve: rightReserve, renderer: r)
        let area = frame.area
        let n = max(chart.categories.count, 1)
        let slotWidth = area.width / Double(n)
        let groupWidth = slotWidth * (chart.series.count > 1 ? 0.8 : 0.6)
        let barWidth = groupWidth / Double(max(chart.series.count, 1))
        let base = chart.yScale == .linear ? (ChartFrame.py(0, axis, area) ?? area.maxY) : area.maxY
        var bars: [Bar] = []
        var categoryLabels: [(x: Double, layout: TextLayout)] = []
        for (c, label) in labels.enumerated() {
            let center = area.minX + slotWidth * (Double(c) + 0.5)
            categoryLabels.append((center, label))
            for (s, series) in chart.series.enumerated() {
                let x0 = center - groupWidth / 2 + Double(s) * barWidth
                let slot = Rect(x: x0, y: area.minY, width: barWidth, height: area.height)
                let v = series.values[c]
                let inner = Rect(x: x0 + 1, y: 0, width: max(barWidth - 2, 1), height: 0)
                var bar = Bar(series: s, category: c, rect: nil, slot: slot, value: nil, valueBox: nil)
                if let y = ChartFrame.py(v, axis, area) {
                    let top = max(min(y, area.maxY), area.minY)
                    bar.rect = Rect(corner: Point(inner.minX, top), Point(inner.maxX, base))
                    if chart.showsValues {
                        let text = r.layout(BarChart.format(v), valueStyle)
                        bar.value = text
                        let above = v >= 0 || chart.yScale == .log10
                        bar.valueBox = text.box(at: Point(slot.midX, above ? top - 4 : top + 4), .center, above ? .bottom : .top)
                    }
                } else {
                    let text = r.layout(v.isNaN ? "NaN" : BarChart.format(v), valueStyle)
                    bar.value = text
                    bar.valueBox = text.box(at: Point(slot.midX, base - 10), .center, .bottom)
                }
                bars.append(bar)
            }
        }
        // Values that would collide with each other are left out.
        let boxes = bars.compactMap(\.valueBox)
        let crowded = zip(boxes, boxes.dropFirst()).contains { $0.outset(by: 1).intersects($1) }
        if crowded {
            for i in bars.indices where bars[i].rect != nil { bars[i].value = nil; bars[i].valueBox = nil }
        }
        return Attempt(frame: frame, categoryLabels: categoryLabels, bars: bars)
    }

    func draw(_ chart: BarChart, on r: Renderer) {
        let area = frame.area
        frame.drawGrid(yAxis, on: r)
        for bar in bars {
            let color = BarChart.colors[bar.series % BarChart.colors.count]
            if let rect = bar.rect {
                r.fill(.rect(rect), color: color)
                r.note(.dataPoint(Point(rect.midX, rect.minY)))
            } else {
                let stub = Rect(x: bar.slot.minX + 1, y: area.maxY - 6, width: bar.slot.width - 2, height: 6)
                Hatch.fill(stub, ColorMap.missing(BreakKind.of(chart.series[bar.series].values[bar.category], on: chart.yScale) ?? .nan), on: r)
            }
            if let value = bar.value, let box = bar.valueBox {
                value.draw(at: Point(box.midX, box.maxY), .center, .bottom, on: r)
            }
        }
        frame.drawFrame(yAxis, canvas: chart.size, on: r)
        if chart.yScale == .linear, let zero = ChartFrame.py(0, yAxis, area), zero > area.minY + 0.5, zero < area.maxY - 0.5 {
            r.stroke(.segment(Point(area.minX, zero.rounded()), Point(area.maxX, zero.rounded())), style: ChartFrame.axisStyle)
        }
        ChartFrame.drawXTicks(categoryLabels.map { ($0.x, $0.layout, true) }, below: area, on: r)
        if let legend, let legendBox { legend.draw(in: legendBox, on: r) }
    }
}
