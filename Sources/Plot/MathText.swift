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
/// drawn. Lines are separated by `\n`.
public struct TextLayout {
    struct PlacedRun {
        var run: MathMarkup.Run
        /// Pen position relative to the first line's baseline start.
        var dx: Double
        var dy: Double
    }

    /// The source text (for layout notes and messages).
    public let source: String
    let runs: [PlacedRun]
    let style: TextStyle
    /// The ink of all runs, relative to the first line's pen position.
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
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lineHeight = style.size * 1.22
        lineCount = lines.count
        let capsInk = renderer.measure("H", font: Font(.sans, size: style.size)).ink
        capHeight = -capsInk.minY
        var placed: [PlacedRun] = []
        var ink: Rect?
        var widest = 0.0
        var align: [(range: Range<Int>, width: Double)] = []
        for (k, line) in lines.enumerated() {
            let first = placed.count
            let pieces = MathMarkup.parse(line, size: style.size, proseBold: style.bold)
            let width = Self.place(pieces, x: 0, y: Double(k) * lineHeight, renderer: renderer, into: &placed, ink: &ink)
            widest = max(widest, width)
            align.append((first..<placed.count, width))
        }
        // Lines after the first are centred under it; single lines are unaffected.
        if lines.count > 1 {
            for (range, width) in align {
                for j in range { placed[j].dx += (widest - width) / 2 }
            }
            ink = nil
            for p in placed {
                let e = renderer.measure(p.run.text, font: p.run.font).ink
                let r = Rect(x: e.x + p.dx, y: e.y + p.dy, width: e.width, height: e.height)
                ink = ink.map { $0.union(r) } ?? r
            }
        }
        runs = placed
        advance = widest
        self.ink = ink ?? Rect(x: 0, y: -capHeight, width: 0, height: capHeight)
    }

    /// Lays out `pieces` from pen position (x, y); returns the end x.
    private static func place(_ pieces: [MathMarkup.Piece], x: Double, y: Double, renderer: Renderer,
                              into placed: inout [PlacedRun], ink: inout Rect?) -> Double {
        var pen = x
        var previousItalic = false
        for piece in pieces {
            switch piece {
            case .run(let run):
                if previousItalic && !run.font.italic && run.text.first.map({ !$0.isWhitespace }) == true {
                    pen += run.font.size * 0.06   // italic correction before upright text
                }
                let e = renderer.measure(run.text, font: run.font)
                placed.append(PlacedRun(run: run, dx: pen, dy: y + run.shift))
                if e.ink.width > 0 || e.ink.height > 0 {
                    let r = Rect(x: pen + e.ink.x, y: y + run.shift + e.ink.y, width: e.ink.width, height: e.ink.height)
                    ink = ink.map { $0.union(r) } ?? r
                }
                pen += e.advance
                previousItalic = run.font.italic
            case .gap(let g):
                pen += g
            case .scripts(let sub, let sup):
                let lift = previousItalic && !sup.isEmpty ? 1.5 : 0.5
                let start = pen + lift
                let a = place(sub, x: start, y: y, renderer: renderer, into: &placed, ink: &ink)
                let b = place(sup, x: start + (previousItalic ? 1 : 0), y: y, renderer: renderer, into: &placed, ink: &ink)
                pen = max(a, b)
                previousItalic = false
            }
        }
        return pen
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
        let o = origin(at: p, h, v)
        for r in runs {
            renderer.drawText(r.run.text, at: Point(o.x + r.dx, o.y + r.dy), font: r.run.font, color: color ?? style.color)
        }
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
