import Plot
import PlotCairo

/// A renderer that passes every call on to a Cairo canvas and keeps the
/// layout notes the figure reports: every label with its inked box, the
/// legend box, the plot area and the data drawn. The layout tests check
/// these for overlaps and clipping, with the same text metrics the course's
/// figures are drawn with.
final class NoteRecorder: Renderer {
    private let inner: Renderer
    private(set) var notes: [LayoutNote] = []

    init(_ inner: Renderer) { self.inner = inner }

    func save() { inner.save() }
    func restore() { inner.restore() }
    func clip(to path: Path) { inner.clip(to: path) }
    func fill(_ path: Path, color: Color) { inner.fill(path, color: color) }
    func stroke(_ path: Path, style: StrokeStyle) { inner.stroke(path, style: style) }
    func measure(_ text: StyledText) -> TextExtents { inner.measure(text) }
    func drawText(_ text: StyledText, at origin: Point, color: Color) { inner.drawText(text, at: origin, color: color) }
    func note(_ note: LayoutNote) { notes.append(note) }
}

/// Lays `figure` out on a PNG canvas and returns the notes it reported.
func layoutNotes(of figure: any Figure) throws -> [LayoutNote] {
    let canvas = try CairoCanvas(format: .png, size: figure.size)
    let recorder = NoteRecorder(canvas.renderer)
    try figure.draw(on: recorder)
    _ = try canvas.finish()
    return recorder.notes
}
