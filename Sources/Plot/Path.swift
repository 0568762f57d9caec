import Foundation

/// A vector path built from straight and cubic Bézier segments, in logical
/// pixels. Figures build paths; a `Renderer` strokes, fills or clips them.
public struct Path: Sendable {
    /// One drawing instruction.
    public enum Element: Sendable, Equatable {
        case move(Point)
        case line(Point)
        /// A cubic Bézier segment to `end`, pulled towards two control points.
        case curve(end: Point, control1: Point, control2: Point)
        case close
    }

    public private(set) var elements: [Element] = []

    public init() {}

    /// A path made of the given elements.
    public init(elements: [Element]) {
        for e in elements {
            switch e {
            case .move(let p): move(to: p)
            case .line(let p): line(to: p)
            case .curve(let end, let c1, let c2): curve(to: end, control1: c1, control2: c2)
            case .close: close()
            }
        }
    }

    /// Starts a new sub-path at `p`.
    public mutating func move(to p: Point) { elements.append(.move(p)) }

    /// A straight segment from the current point to `p`.
    public mutating func line(to p: Point) { elements.append(.line(p)) }

    /// A cubic Bézier segment from the current point to `end`.
    public mutating func curve(to end: Point, control1: Point, control2: Point) {
        elements.append(.curve(end: end, control1: control1, control2: control2))
    }

    /// Closes the current sub-path with a straight segment to its start.
    public mutating func close() { elements.append(.close) }

    /// Appends every element of `other`.
    public mutating func append(_ other: Path) { elements += other.elements }

    /// Every point the path passes through or is pulled towards
    /// (a cheap, conservative way to bound it).
    public var points: [Point] {
        elements.flatMap { element -> [Point] in
            switch element {
            case .move(let p), .line(let p): return [p]
            case .curve(let e, let c1, let c2): return [c1, c2, e]
            case .close: return []
            }
        }
    }
}

// MARK: - Shapes

extension Path {
    /// A straight segment from `a` to `b`.
    public static func segment(_ a: Point, _ b: Point) -> Path {
        var p = Path()
        p.move(to: a)
        p.line(to: b)
        return p
    }

    /// Straight segments through `points` (empty for fewer than two points).
    public static func polyline(_ points: [Point]) -> Path {
        var p = Path()
        guard points.count >= 2 else { return p }
        p.move(to: points[0])
        for q in points.dropFirst() { p.line(to: q) }
        return p
    }

    /// A closed polygon through `points`.
    public static func polygon(_ points: [Point]) -> Path {
        var p = polyline(points)
        if points.count >= 3 { p.close() }
        return p
    }

    /// A rectangle.
    public static func rect(_ r: Rect) -> Path {
        polygon([Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), Point(r.minX, r.maxY)])
    }

    /// A rectangle whose corners are quarter circles of `radius`
    /// (reduced so that it never exceeds half a side).
    public static func roundedRect(_ r: Rect, radius: Double) -> Path {
        let rad = max(0, min(radius, r.width / 2, r.height / 2))
        guard rad > 0 else { return rect(r) }
        var p = Path()
        p.move(to: Point(r.minX + rad, r.minY))
        p.line(to: Point(r.maxX - rad, r.minY))
        p.appendQuarter(from: Point(r.maxX - rad, r.minY), corner: Point(r.maxX, r.minY), to: Point(r.maxX, r.minY + rad))
        p.line(to: Point(r.maxX, r.maxY - rad))
        p.appendQuarter(from: Point(r.maxX, r.maxY - rad), corner: Point(r.maxX, r.maxY), to: Point(r.maxX - rad, r.maxY))
        p.line(to: Point(r.minX + rad, r.maxY))
        p.appendQuarter(from: Point(r.minX + rad, r.maxY), corner: Point(r.minX, r.maxY), to: Point(r.minX, r.maxY - rad))
        p.line(to: Point(r.minX, r.minY + rad))
        p.appendQuarter(from: Point(r.minX, r.minY + rad), corner: Point(r.minX, r.minY), to: Point(r.minX + rad, r.minY))
        p.close()
        return p
    }

    /// A circle made of four Bézier quarter arcs.
    public static func circle(center c: Point, radius r: Double) -> Path {
        var p = Path()
        p.move(to: Point(c.x + r, c.y))
        p.appendQuarter(from: Point(c.x + r, c.y), corner: Point(c.x + r, c.y + r), to: Point(c.x, c.y + r))
        p.appendQuarter(from: Point(c.x, c.y + r), corner: Point(c.x - r, c.y + r), to: Point(c.x - r, c.y))
        p.appendQuarter(from: Point(c.x - r, c.y), corner: Point(c.x - r, c.y - r), to: Point(c.x, c.y - r))
        p.appendQuarter(from: Point(c.x, c.y - r), corner: Point(c.x + r, c.y - r), to: Point(c.x + r, c.y))
        p.close()
        return p
    }

    /// A path from `start` towards `corner`, turning there along a quarter
    /// circle of `radius`, then on to `end`. The two legs must be
    /// perpendicular and axis-aligned, as in the copy and concatenate glyphs.
    public static func elbow(from start: Point, corner: Point, to end: Point, radius: Double) -> Path {
        let inLength = hypot(corner.x - start.x, corner.y - start.y)
        let outLength = hypot(end.x - corner.x, end.y - corner.y)
        let r = max(0, min(radius, inLength, outLength))
        let a = r == 0 ? corner : Point(corner.x + (start.x - corner.x) / inLength * r, corner.y + (start.y - corner.y) / inLength * r)
        let b = r == 0 ? corner : Point(corner.x + (end.x - corner.x) / outLength * r, corner.y + (end.y - corner.y) / outLength * r)
        var p = Path()
        p.move(to: start)
        p.line(to: a)
        if r > 0 { p.appendQuarter(from: a, corner: corner, to: b) }
        p.line(to: end)
        return p
    }

    /// Appends a quarter-circle arc from `a` to `b` that bends towards the
    /// square's `corner` (a Bézier with the standard 0.5523 handle length).
    mutating func appendQuarter(from a: Point, corner: Point, to b: Point) {
        let k = 0.5522847498
        let c1 = Point(a.x + (corner.x - a.x) * k, a.y + (corner.y - a.y) * k)
        let c2 = Point(b.x + (corner.x - b.x) * k, b.y + (corner.y - b.y) * k)
        curve(to: b, control1: c1, control2: c2)
    }
}
