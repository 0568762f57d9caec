import Foundation

/// One group member of a `BarChart`: a value per category.
public struct BarSeries: Sendable {
    /// The legend label (markup); shown when there are two or more series.
    public var name: String
    /// One value per category; NaN, ±∞ (and 0 or less on a log axis) are
    /// shown as a labelled gap instead of a bar.
    public var values: [Double]

    public init(_ name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// A bar chart over named categories, with one bar per series in each
/// category (grouped side by side), a linear or log10 y axis and the value
/// written above each bar. Used for parameter counts (lesson 04) and class
/// probabilities (lesson 01).
public struct BarChart: Figure, Sendable {
    /// The title above the figure (markup), or nil for none.
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// The category names (markup), one per slot along the x axis.
    public var categories: [String]
    /// The bar series; with two or more, each category shows a group and a legend appears.
    public var series: [BarSeries]
    /// Linear, or log10 with decades labelled 10ⁿ.
    public var yScale: AxisScale
    /// A fixed y range; nil fits the data (widened to round numbers).
    public var yRange: ClosedRange<Double>?
    /// Writes each bar's value above it (skipped when the labels would collide).
    public var showsValues: Bool
    /// The canvas size in logical pixels (default 720 × 450).
    public var size: Size

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, categories: [String],
                series: [BarSeries], yScale: AxisScale = .linear, yRange: ClosedRange<Double>? = nil,
                showsValues: Bool = true, size: Size = .chart) {
        (self.title, self.xLabel, self.yLabel) = (title, xLabel, yLabel)
        self.categories = categories
        self.series = series
        self.yScale = yScale
        self.yRange = yRange
        self.showsValues = showsValues
        self.size = size
    }

    /// Bar colours, alternating dark and light Okabe–Ito hues so that
    /// neighbouring bars differ in greyscale as well.
    static let colors = [Palette.blue, Palette.orange, Palette.bluishGreen, Palette.skyBlue, Palette.vermillion, Palette.reddishPurple]

    /// Throws when a series has not one value per category.
    public func draw(on r: Renderer) throws {
        for s in series where s.values.count != categories.count {
            throw PlotError.invalidFigure("bar series '\(s.name)' has \(s.values.count) values for \(categories.count) categories")
        }
        BarChartLayout(self, renderer: r).draw(self, on: r)
    }

    /// A value as written above its bar: whole numbers with thousands
    /// separators, others with three significant digits (trailing zeros dropped).
    static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "∞" : "−∞" }
        if v == v.rounded() && abs(v) < 1e15 {
            let digits = String(Int(abs(v)))
            var grouped = ""
            for (k, c) in digits.enumerated() {
                if k > 0 && (digits.count - k) % 3 == 0 { grouped.append(",") }
                grouped.append(c)
            }
            return (v < 0 ? "−" : "") + grouped
        }
        let magnitude = abs(v)
        if magnitude >= 1e-3 && magnitude < 1e6 {
            let decimals = max(0, 2 - Int(Foundation.log10(magnitude).rounded(.down)))
            var text = String(format: "%.\(decimals)f", v)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text.replacingOccurrences(of: "-", with: "−")
        }
        let k = Int(Foundation.log10(magnitude).rounded(.down))
        let m = String(format: "%.2f", v / pow(10, Double(k)))
        return "$\(m) \\times 10^{\(k)}$"
    }
}
