/// One line of a `LineChart`: y values over x values, a legend name, and
/// whether it is measured data or a theoretical curve.
public struct LineSeries: Sendable {
    /// Measured data is drawn solid with markers; a theory curve is dashed
    /// and has none, so the eye reads it as a reference line.
    public enum Style: Sendable { case measured, theory }

    /// The legend label, in the markup of `MathMarkup` (e.g. `"$\\rho = 0.9$"`).
    public var name: String
    /// The x values, one per y value.
    public var x: [Double]
    /// The y values; values the axis cannot show break the line (see `LineChart`).
    public var y: [Double]
    /// Measured data (solid, markers) or a theory curve (dashed).
    public var style: Style
    /// The palette slot (colour and marker shape). Give a theory curve the
    /// slot of the measured series it predicts, so they share a colour;
    /// nil takes the series' position in the chart.
    public var colorIndex: Int?

    /// A series with explicit x values (same count as `y`).
    public init(_ name: String, x: [Double], y: [Double], style: Style = .measured, colorIndex: Int? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.style = style
        self.colorIndex = colorIndex
    }

    /// A series over x = 1, 2, …, n (time steps counted from 1).
    public init(_ name: String, y: [Double], style: Style = .measured, colorIndex: Int? = nil) {
        self.init(name, x: y.indices.map { Double($0 + 1) }, y: y, style: style, colorIndex: colorIndex)
    }
}

/// Why a series stops: a value the y axis cannot show.
enum BreakKind: Equatable {
    case nan, overflow, negativeOverflow, underflowToZero, subnormal, negative

    /// Classifies `v`; nil when the axis can place it.
    static func of(_ v: Double, on scale: AxisScale) -> BreakKind? {
        if v.isNaN { return .nan }
        if v == .infinity { return .overflow }
        if v == -.infinity { return .negativeOverflow }
        guard scale == .log10 else { return nil }
        if v == 0 { return .underflowToZero }
        if v < 0 { return .negative }
        if v < Double.leastNormalMagnitude { return .subnormal }
        return nil
    }

    /// Where the marker sits: on the bottom edge, on the top edge, or at
    /// the height of the last good value (NaN).
    enum Edge { case bottom, top, inPlace }

    var edge: Edge {
        switch self {
        case .overflow: .top
        case .nan: .inPlace
        case .negativeOverflow, .underflowToZero, .subnormal, .negative: .bottom
        }
    }
}

/// The words a chart writes beside the values it cannot show (line-chart
/// break markers, the heat map's note). Charts take all their other text
/// from the caller; these come in English and Chinese, or the caller's own.
public struct MissingValueLabels: Sendable {
    public var nan: String
    public var overflow: String
    public var negativeOverflow: String
    public var underflowToZero: String
    public var subnormal: String
    public var negative: String

    public init(nan: String, overflow: String, negativeOverflow: String, underflowToZero: String,
                subnormal: String, negative: String) {
        (self.nan, self.overflow, self.negativeOverflow) = (nan, overflow, negativeOverflow)
        (self.underflowToZero, self.subnormal, self.negative) = (underflowToZero, subnormal, negative)
    }

    public static let english = MissingValueLabels(
        nan: "NaN", overflow: "overflow to ∞", negativeOverflow: "overflow to −∞", underflowToZero: "underflow to 0",
        subnormal: "underflow (subnormal)", negative: "negative (not on a log axis)")

    /// The course glossary's words: 上溢 (overflow), 下溢 (underflow), 次正规数 (subnormal number).
    public static let chinese = MissingValueLabels(
        nan: "NaN", overflow: "上溢为 ∞", negativeOverflow: "上溢为 −∞", underflowToZero: "下溢为 0",
        subnormal: "下溢（次正规数）", negative: "负数（对数轴无法表示）")

    /// The annotation for `kind`.
    func label(_ kind: BreakKind) -> String {
        switch kind {
        case .nan: nan
        case .overflow: overflow
        case .negativeOverflow: negativeOverflow
        case .underflowToZero: underflowToZero
        case .subnormal: subnormal
        case .negative: negative
        }
    }
}
