import Plot

/// The book's visual vocabulary for recurrent networks: the blue fully
/// connected layer, the rounded frame of one time step, and the two joining
/// glyphs — copy (one value goes two ways) and concatenate (two inputs
/// become one). Built from the drawing library's boxes and arrows.
enum BookGlyph {
    /// The fill of a fully connected layer (a light sky blue).
    static let layerFill = Color(hex: 0x6EC1F2)
    /// Corner radius of the rounded frame around one time step.
    static let frameRadius = 14.0
    /// Radius of the rounded corner in the copy and concatenate glyphs.
    static let elbowRadius = 12.0

    /// A fully connected layer: a filled box with an optional label
    /// (markup) in its middle, e.g. `"$\\phi$"` for the activation.
    static func layer(_ rect: Rect, label: String? = nil, on r: Renderer) {
        Diagram.box(rect, fill: layerFill, stroke: StrokeStyle(width: 2, color: .black, join: .miter), on: r)
        if let label {
            r.label(label, at: rect.center, .center, .middle, style: TextStyle(size: 21, color: .black))
        }
    }

    /// The copy glyph: a line arriving from the left at `start`, running on
    /// to `end` (arrow), and splitting at `branchX` into a rounded corner
    /// that goes up to `top` (arrow). The value is passed on both ways.
    static func copy(from start: Point, to end: Point, branchX: Double, top: Double, on r: Renderer) {
        Diagram.arrow(from: start, to: end, on: r)
        let branch = Path.elbow(from: start, corner: Point(branchX, start.y), to: Point(branchX, top), radius: elbowRadius)
        Diagram.connector(branch, on: r)
    }

    /// The concatenate glyph: a line rising from `bottom` at `x` that bends
    /// with a rounded corner into the horizontal line at the height of
    /// `start`, which runs from `start` to `end` (arrow).
    static func concatenate(from start: Point, to end: Point, riserX x: Double, bottom: Double, on r: Renderer) {
        Diagram.arrow(from: start, to: end, on: r)
        let riser = Path.elbow(from: Point(x, bottom), corner: Point(x, start.y), to: Point(x + elbowRadius + 1, start.y),
                               radius: elbowRadius)
        r.stroke(riser, style: Diagram.line)
    }
}
