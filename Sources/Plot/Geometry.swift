// Plain geometry in logical pixels: the origin is the top-left corner of the
// figure and y grows downwards, as on a screen. Every figure is laid out in
// these units; the backend alone decides how many device pixels one unit is.

/// A point in logical pixels (y grows downwards).
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    /// This point moved by `(dx, dy)`.
    public func offset(_ dx: Double, _ dy: Double) -> Point {
        Point(x + dx, y + dy)
    }
}

/// A width and a height in logical pixels.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Double
    public var height: Double

    public init(_ width: Double, _ height: Double) {
        self.width = width
        self.height = height
    }

    /// The default chart size: 720 × 450 logical pixels (a 16:10 frame).
    public static let chart = Size(720, 450)

    public var description: String { "\(formatPlain(width)) × \(formatPlain(height))" }
}

/// An axis-aligned rectangle in logical pixels.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The smallest rectangle holding both corners.
    public init(corner a: Point, _ b: Point) {
        self.init(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x), height: abs(a.y - b.y))
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }
    public var center: Point { Point(midX, midY) }

    /// The rectangle grown by `d` on every side (shrunk when `d` is negative).
    public func inset(by d: Double) -> Rect {
        Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }

    /// The rectangle grown by `d` on every side.
    public func outset(by d: Double) -> Rect { inset(by: -d) }

    /// Whether the two rectangles share interior area (touching edges do not count).
    public func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// Whether `p` lies inside or on the border.
    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// Whether `other` lies entirely inside this rectangle (borders included).
    public func contains(_ other: Rect) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    /// The smallest rectangle holding both.
    public func union(_ other: Rect) -> Rect {
        let x0 = min(minX, other.minX), y0 = min(minY, other.minY)
        return Rect(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
    }

    /// Whether the segment from `a` to `b` crosses or touches this rectangle
    /// (Liang–Barsky clipping of the segment against the four sides).
    public func intersectsSegment(_ a: Point, _ b: Point) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        let checks: [(Double, Double)] = [(-dx, a.x - minX), (dx, maxX - a.x), (-dy, a.y - minY), (dy, maxY - a.y)]
        for (p, q) in checks {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    public var description: String {
        "(x: \(formatPlain(x)), y: \(formatPlain(y)), w: \(formatPlain(width)), h: \(formatPlain(height)))"
    }
}

/// A short decimal rendering of a number for messages (up to 2 decimals).
func formatPlain(_ v: Double) -> String {
    guard v.isFinite else { return "\(v)" }
    if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
    return String((v * 100).rounded() / 100)
}
