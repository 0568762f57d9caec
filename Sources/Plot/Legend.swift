/// What a legend entry shows before its label.
enum LegendSample {
    /// A short line in the series' stroke, with its marker in the middle.
    case line(StrokeStyle, MarkerShape?)
    /// A filled swatch (bars).
    case swatch(Color)
    /// A hatched swatch (missing values).
    case hatched(HatchStyle)
}

/// A boxed list of samples and labels, measured before it is placed.
struct Legend {
    struct Entry {
        var sample: LegendSample
        var label: TextLayout
    }

    let entries: [Entry]
    static let padding = 8.0
    static let sampleWidth = 30.0
    static let gap = 8.0
    let rowHeight: Double
    let size: Size

    init(_ items: [(LegendSample, String)], style: TextStyle = .label, renderer: Renderer) {
        entries = items.map { Entry(sample: $0.0, label: renderer.layout($0.1, style)) }
        let tallest = entries.map { $0.label.ink.height }.max() ?? 0
        rowHeight = max(style.size * 1.45, tallest + 6)
        let widest = entries.map { $0.label.ink.maxX }.max() ?? 0
        size = Size(2 * Legend.padding + Legend.sampleWidth + Legend.gap + widest,
                    2 * Legend.padding + rowHeight * Double(entries.count) - (rowHeight - tallest) * 0.3)
    }

    /// The first candidate box that, grown by `margin`, keeps clear of
    /// every obstacle, or nil when all collide.
    static func firstFree(_ candidates: [Rect], avoiding o: CartesianLayout.Obstacles, margin: Double = 5) -> Rect? {
        candidates.first { candidate in
            let r = candidate.outset(by: margin)
            return !o.points.contains { r.contains($0) }
                && !o.segments.contains { r.intersectsSegment($0.0, $0.1) }
                && !o.boxes.contains { r.intersects($0) }
        }
    }

    /// Draws the legend filling `box` (its size is `size`).
    func draw(in box: Rect, on r: Renderer) {
        r.fill(.roundedRect(box, radius: 4), color: Color.white.withAlpha(0.92))
        r.stroke(.roundedRect(box.inset(by: 0.5), radius: 4), style: StrokeStyle(width: 1, color: .grey(0.8)))
        r.note(.legend(box))
        for (k, entry) in entries.enumerated() {
            let midY = box.minY + Legend.padding + rowHeight * (Double(k) + 0.5) - (rowHeight - entry.label.ink.height) * 0.15
            let x0 = box.minX + Legend.padding
            switch entry.sample {
            case .line(let style, let marker):
                r.stroke(.segment(Point(x0, midY), Point(x0 + Legend.sampleWidth, midY)), style: style)
                marker?.draw(at: Point(x0 + Legend.sampleWidth / 2, midY), size: 7.5, color: style.color, on: r)
            case .swatch(let color):
                let s = Rect(x: x0 + 6, y: midY - 7, width: Legend.sampleWidth - 12, height: 14)
                r.fill(.rect(s), color: color)
            case .hatched(let hatch):
                let s = Rect(x: x0 + 4, y: midY - 8, width: Legend.sampleWidth - 8, height: 16)
                Hatch.fill(s, hatch, on: r)
                r.stroke(.rect(s.inset(by: 0.5)), style: StrokeStyle(width: 1, color: .grey(0.45)))
            }
            entry.label.draw(at: Point(x0 + Legend.sampleWidth + Legend.gap, midY), .left, .middle, on: r)
        }
    }
}

/// A hatch: background colour, line colour, and whether lines cross.
struct HatchStyle: Equatable {
    var background: Color
    var lines: Color
    var crossed: Bool = false
}

/// Diagonal hatching: the sign of "no value here" in bars and heat maps.
enum Hatch {
    static func fill(_ rect: Rect, _ style: HatchStyle, spacing: Double = 5, on r: Renderer) {
        r.fill(.rect(rect), color: style.background)
        r.save()
        r.clip(to: .rect(rect))
        // Lines x ± y = c on a grid fixed to the canvas, so neighbouring
        // hatched cells continue each other's lines.
        var path = Path()
        var c = ((rect.minX + rect.minY) / spacing).rounded(.down) * spacing
        while c <= rect.maxX + rect.maxY {
            path.move(to: Point(c - rect.maxY, rect.maxY))
            path.line(to: Point(c - rect.minY, rect.minY))
            c += spacing
        }
        if style.crossed {
            var d = ((rect.minX - rect.maxY) / spacing).rounded(.down) * spacing
            while d <= rect.maxX - rect.minY {
                path.move(to: Point(d + rect.minY, rect.minY))
                path.line(to: Point(d + rect.maxY, rect.maxY))
                d += spacing
            }
        }
        r.stroke(path, style: StrokeStyle(width: 1, color: style.lines))
        r.restore()
    }
}
