/// Horizontal anchoring of a label: which part of its inked box sits on the anchor.
public enum HAlign: Sendable { case left, center, right }

/// Vertical anchoring of a label.
public enum VAlign: Sendable {
    /// The top of the capitals (or of the ink, when it rises higher) on the anchor.
    case top
    /// The capitals of the first line centred on the anchor (stable across
    /// labels with and without descenders or subscripts).
    case middle
    /// The first line's baseline on the anchor.
    case baseline
    /// The bottom of the ink on the anchor.
    case bottom
}

/// The look of a label: size in logical pixels, colour, bold prose.
public struct TextStyle: Sendable {
    public var size: Double
    public var color: Color
    /// Sets the prose parts in bold (titles); mathematics keeps its own faces.
    public var bold: Bool

    public init(size: Double, color: Color = .ink, bold: Bool = false) {
        self.size = size
        self.color = color
        self.bold = bold
    }

    /// Tick labels: 13 px.
    public static let tick = TextStyle(size: 13)
    /// Axis labels and legend entries: 14.5 px.
    public static let label = TextStyle(size: 14.5)
    /// Chart titles: bold 16 px.
    public static let title = TextStyle(size: 16, bold: true)
}

/// A label in the markup of `MathMarkup`, measured and ready to place.
///
/// Measure first, then place: `box(at:_:_:)` says where the ink will be,
/// so a layout can check overlaps and the canvas edge before anything is
/// drawn. Lines are separated by `\n`; the renderer lays the whole label
/// out as one block.
public struct TextLayout {
    /// The source text (for layout notes and messages).
    public let source: String
    let text: StyledText
    let style: TextStyle
    /// The ink of the label, relative to the first line's pen position.
    public let ink: Rect
    /// The height of the capitals of the base font.
    public let capHeight: Double
    /// Distance between baselines of successive lines.
    public let lineHeight: Double
    public let lineCount: Int
    /// The widest line's advance.
    public let advance: Double

    /// Measures `source` with `renderer`'s fonts.
    public init(_ source: String, style: TextStyle, renderer: Renderer) {
        self.source = source
        self.style = style
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        text = StyledText(lines: lines.map { MathMarkup.styled(String($0), size: style.size, proseBold: style.bold) })
        lineCount = lines.count
        capHeight = -renderer.measure(StyledText("H", font: Font(.sans, size: style.size))).ink.minY
        let extents = renderer.measure(text)
        lineHeight = extents.lineHeight
        advance = extents.advance
        let inked = extents.ink.width > 0 || extents.ink.height > 0
        ink = inked ? extents.ink : Rect(x: 0, y: -capHeight, width: 0, height: capHeight)
    }

    /// The pen position of the first line when the label is anchored at `p`.
    public func origin(at p: Point, _ h: HAlign, _ v: VAlign) -> Point {
        let x: Double = switch h {
        case .left: p.x - ink.minX
        case .center: p.x - ink.midX
        case .right: p.x - ink.maxX
        }
        let y: Double = switch v {
        case .top: p.y - min(ink.minY, -capHeight)
        case .middle: p.y + (capHeight - Double(lineCount - 1) * lineHeight) / 2
        case .baseline: p.y
        case .bottom: p.y - ink.maxY
        }
        return Point(x, y)
    }

    /// Where the ink lands when the label is anchored at `p`.
    public func box(at p: Point, _ h: HAlign, _ v: VAlign) -> Rect {
        let o = origin(at: p, h, v)
        return Rect(x: o.x + ink.x, y: o.y + ink.y, width: ink.width, height: ink.height)
    }

    /// Draws the label anchored at `p` and returns its inked box.
    @discardableResult
    public func draw(at p: Point, _ h: HAlign, _ v: VAlign, on renderer: Renderer, color: Color? = nil) -> Rect {
        renderer.drawText(text, at: origin(at: p, h, v), color: color ?? style.color)
        let b = box(at: p, h, v)
        renderer.note(.text(source, b))
        return b
    }
}

extension Renderer {
    /// Measures a markup label (see `MathMarkup` for the syntax).
    public func layout(_ source: String, _ style: TextStyle) -> TextLayout {
        TextLayout(source, style: style, renderer: self)
    }

    /// Measures and draws a markup label anchored at `p`; returns its inked box.
    @discardableResult
    public func label(_ source: String, at p: Point, _ h: HAlign = .left, _ v: VAlign = .baseline,
                      style: TextStyle) -> Rect {
        layout(source, style).draw(at: p, h, v, on: self)
    }
}
