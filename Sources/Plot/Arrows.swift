import Foundation

/// Drawing pieces for diagrams: boxes, straight arrows and curved
/// connectors with arrowheads. All take logical pixels; whole-pixel
/// coordinates keep 2-pixel lines crisp in PNG output.
public enum Diagram {
    /// Lines and outlines: 2 px, black, round caps and joins.
    public static let line = StrokeStyle(width: 2, color: .black, cap: .round, join: .round)

    /// A box: filled (if `fill` is given) and outlined (if `stroke` is given),
    /// with rounded corners when `radius` > 0.
    public static func box(_ rect: Rect, radius: Double = 0, fill: Color? = nil,
                           stroke: StrokeStyle? = line, on r: Renderer) {
        let path = Path.roundedRect(rect, radius: radius)
        if let fill { r.fill(path, color: fill) }
        if let stroke { r.stroke(path, style: stroke) }
    }

    /// A filled arrowhead whose tip is at `tip`, pointing along (dx, dy).
    public static func arrowHead(tip: Point, direction dx: Double, _ dy: Double,
                                 length: Double = 11, halfWidth: Double = 4.5, color: Color = .black, on r: Renderer) {
        let n = hypot(dx, dy)
        guard n > 0 else { return }
        let ux = dx / n, uy = dy / n
        let back = Point(tip.x - ux * length, tip.y - uy * length)
        let notch = Point(tip.x - ux * length * 0.78, tip.y - uy * length * 0.78)
        let left = Point(back.x - uy * halfWidth, back.y + ux * halfWidth)
        let right = Point(back.x + uy * halfWidth, back.y - ux * halfWidth)
        r.fill(.polygon([tip, left, notch, right]), color: color)
    }

    /// A straight arrow from `a` to `b`, its head at `b`. The line stops
    /// inside the head, so the round cap never pokes past the tip.
    public static func arrow(from a: Point, to b: Point, style: StrokeStyle = line, on r: Renderer) {
        let n = hypot(b.x - a.x, b.y - a.y)
        guard n > 0 else { return }
        let ux = (b.x - a.x) / n, uy = (b.y - a.y) / n
        r.stroke(.segment(a, Point(b.x - ux * 7, b.y - uy * 7)), style: style)
        arrowHead(tip: b, direction: ux, uy, color: style.color, on: r)
    }

    /// Strokes `path` and puts an arrowhead on its last point, pointing the
    /// way the path arrives there (curved connectors).
    public static func connector(_ path: Path, style: StrokeStyle = line, arrow: Bool = true, on r: Renderer) {
        let pts = path.points
        guard arrow, pts.count >= 2, let tip = pts.last else {
            r.stroke(path, style: style)
            return
        }
        // Direction of arrival: from the last point that differs from the tip.
        let before = pts.dropLast().last { hypot($0.x - tip.x, $0.y - tip.y) > 0.01 } ?? pts[0]
        let n = hypot(tip.x - before.x, tip.y - before.y)
        let ux = (tip.x - before.x) / n, uy = (tip.y - before.y) / n
        var trimmed = Path()
        for (k, e) in path.elements.enumerated() {
            if k == path.elements.count - 1, case .line = e {
                trimmed.line(to: Point(tip.x - ux * 7, tip.y - uy * 7))
            } else {
                trimmed.append(Path(elements: [e]))
            }
        }
        r.stroke(trimmed, style: style)
        arrowHead(tip: tip, direction: ux, uy, color: style.color, on: r)
    }
}
