import Foundation

/// A point marker shape. Each series gets its own, so series stay apart in
/// greyscale print and for readers who cannot tell the colours apart.
public enum MarkerShape: CaseIterable, Sendable {
    case circle, square, triangleUp, diamond, triangleDown, pentagon

    /// The shape for series number `i` (wraps around).
    public static func forSeries(_ i: Int) -> MarkerShape {
        allCases[((i % allCases.count) + allCases.count) % allCases.count]
    }

    /// The outline of the marker centred on `c`, about `size` pixels across
    /// (shapes are scaled so that they look equally heavy).
    func path(at c: Point, size: Double) -> Path {
        let r = size / 2
        switch self {
        case .circle:
            return .circle(center: c, radius: r)
        case .square:
            let s = r * 0.9
            return .rect(Rect(x: c.x - s, y: c.y - s, width: 2 * s, height: 2 * s))
        case .triangleUp:
            let s = r * 1.2
            return .polygon([Point(c.x, c.y - s), Point(c.x + s * 0.95, c.y + s * 0.7), Point(c.x - s * 0.95, c.y + s * 0.7)])
        case .triangleDown:
            let s = r * 1.2
            return .polygon([Point(c.x, c.y + s), Point(c.x + s * 0.95, c.y - s * 0.7), Point(c.x - s * 0.95, c.y - s * 0.7)])
        case .diamond:
            let s = r * 1.25
            return .polygon([Point(c.x, c.y - s), Point(c.x + s * 0.8, c.y), Point(c.x, c.y + s), Point(c.x - s * 0.8, c.y)])
        case .pentagon:
            let s = r * 1.1
            let corners = (0..<5).map { k -> Point in
                let a = -Double.pi / 2 + Double(k) * 2 * Double.pi / 5
                return Point(c.x + s * cos(a), c.y + s * sin(a))
            }
            return .polygon(corners)
        }
    }

    /// Draws the marker filled with `color` and ringed in white, so it stays
    /// visible where it sits on its own line or another series.
    func draw(at c: Point, size: Double, color: Color, on r: Renderer) {
        let p = path(at: c, size: size)
        r.stroke(p, style: StrokeStyle(width: 2.2, color: .white, join: .round))
        r.fill(p, color: color)
    }
}

/// The small symbols that mark where a series leaves a log axis or stops
/// being a number.
enum BreakGlyph {
    /// A triangle on the edge of the plot pointing out of it (down for
    /// underflow, up for overflow).
    static func edgeTriangle(at p: Point, pointingDown: Bool, color: Color, on r: Renderer) {
        let s = 6.0, d = pointingDown ? 1.0 : -1.0
        let tri = Path.polygon([Point(p.x, p.y + d * s * 0.2), Point(p.x - s, p.y - d * s * 1.5), Point(p.x + s, p.y - d * s * 1.5)])
        r.stroke(tri, style: StrokeStyle(width: 2, color: .white, join: .round))
        r.fill(tri, color: color)
    }

    /// A bold ✕.
    static func cross(at p: Point, color: Color, on r: Renderer) {
        let s = 5.0
        var path = Path.segment(Point(p.x - s, p.y - s), Point(p.x + s, p.y + s))
        path.append(.segment(Point(p.x - s, p.y + s), Point(p.x + s, p.y - s)))
        r.stroke(path, style: StrokeStyle(width: 4.5, color: .white, cap: .round))
        r.stroke(path, style: StrokeStyle(width: 2.2, color: color, cap: .round))
    }
}
