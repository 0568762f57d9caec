/// How a line is drawn: width, colour, dash pattern, caps and joins.
public struct StrokeStyle: Sendable {
    public enum Cap: Sendable { case butt, round, square }
    public enum Join: Sendable { case miter, round, bevel }

    public var width: Double
    public var color: Color
    /// Alternating on/off lengths in logical pixels; empty for a solid line.
    public var dash: [Double]
    public var cap: Cap
    public var join: Join

    public init(width: Double = 1, color: Color = .ink, dash: [Double] = [], cap: Cap = .butt, join: Join = .miter) {
        self.width = width
        self.color = color
        self.dash = dash
        self.cap = cap
        self.join = join
    }
}

/// A font request: family, size in logical pixels, slant and weight. The
/// backend picks the faces; characters the face lacks (Chinese, say) come
/// from its fallback font.
public struct Font: Hashable, Sendable {
    /// Sans-serif for prose, serif for mathematics (as the book sets them),
    /// monospaced for code.
    public enum Family: Sendable { case sans, serif, mono }

    public var family: Family
    public var size: Double
    public var italic: Bool
    public var bold: Bool

    public init(_ family: Family, size: Double, italic: Bool = false, bold: Bool = false) {
        self.family = family
        self.size = size
        self.italic = italic
        self.bold = bold
    }
}

/// What a renderer reports about a block of text before it is drawn.
public struct TextExtents: Sendable, Equatable {
    /// The width of the widest line as the fonts advance it.
    public var advance: Double
    /// The inked area relative to the start of the first line's baseline
    /// (negative `y` is above the baseline).
    public var ink: Rect
    /// The distance between the baselines of successive lines.
    public var lineHeight: Double

    public init(advance: Double, ink: Rect, lineHeight: Double) {
        self.advance = advance
        self.ink = ink
        self.lineHeight = lineHeight
    }
}

/// Something a figure reports about its layout. Backends that draw ignore
/// notes; a renderer that records them lets tests check, for example, that
/// no label leaves the canvas and the legend covers no data.
public enum LayoutNote: Sendable, Equatable {
    /// A complete label (all its runs) and its inked box.
    case text(String, Rect)
    /// The box of a chart legend.
    case legend(Rect)
    /// The area where data is drawn.
    case plotArea(Rect)
    /// A drawn data point of a series, in canvas coordinates.
    case dataPoint(Point)
    /// A drawn data segment between two points.
    case dataSegment(Point, Point)
}

/// The drawing interface every figure uses — never the drawing library
/// itself. A backend turns these calls into pixels or vector output (the
/// `PlotCairo` module is the one the course uses).
///
/// Coordinates are logical pixels with the origin at the top-left corner
/// and y growing downwards.
public protocol Renderer: AnyObject {
    /// Pushes the clip region onto a stack.
    func save()
    /// Pops what the matching `save()` pushed.
    func restore()
    /// Intersects the clip region with the inside of `path` (until `restore`).
    func clip(to path: Path)
    /// Fills the inside of `path` (non-zero winding).
    func fill(_ path: Path, color: Color)
    /// Strokes `path` with `style`.
    func stroke(_ path: Path, style: StrokeStyle)
    /// Lays `text` out (shaping, font fallback) and measures it without drawing.
    func measure(_ text: StyledText) -> TextExtents
    /// Draws `text` with the start of its first line's baseline at `origin`.
    func drawText(_ text: StyledText, at origin: Point, color: Color)
    /// Records a fact about the layout; drawing backends ignore it.
    func note(_ note: LayoutNote)
}

extension Renderer {
    /// Drawing backends have no use for layout notes.
    public func note(_ note: LayoutNote) {}
}
