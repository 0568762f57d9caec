/// Anything that can be drawn: a chart or a diagram.
///
/// A figure lays itself out from measured text and draws through a
/// `Renderer`; it never talks to Cairo. Write it with `write(_:to:)`.
public protocol Figure {
    /// The canvas size in logical pixels (PNG output has twice as many pixels).
    var size: Size { get }
    /// Draws the figure on a white canvas of `size`.
    ///
    /// - Throws: `PlotError.invalidFigure` when the figure's parameters do
    ///   not fit together (say, 3 steps but 2 step labels).
    func draw(on renderer: Renderer) throws
}

/// Renders `figure` in `format` and returns the file's bytes.
///
/// The same figure gives the same bytes every time, in any process: PNG is
/// deterministic by itself, SVG ids are renumbered canonically, PDF carries
/// a fixed date.
///
/// - Throws: `PlotError.invalidSize`, `.invalidFigure` or `.cairo`.
public func render(_ figure: any Figure, as format: ImageFormat) throws -> [UInt8] {
    let surface = try CairoSurface(format: format, size: figure.size)
    let bytes: [UInt8]
    do {
        let context = try CairoContext(surface: surface)
        let renderer = CairoRenderer(context: context)
        renderer.paintBackground()
        try figure.draw(on: renderer)
        try context.check("drawing the figure")
    }
    bytes = try surface.finishedBytes()
    return format == .svg ? SVGCanonicalizer.canonicalize(bytes) : bytes
}

/// Lays `figure` out with real text metrics and returns what it reported:
/// every label with its inked box, the legend box, the plot area and the
/// data drawn. Tests use this to check that nothing overlaps or is clipped.
public func layoutNotes(of figure: any Figure) throws -> [LayoutNote] {
    let surface = try CairoSurface(format: .png, size: figure.size)
    let context = try CairoContext(surface: surface)
    let renderer = CairoRenderer(context: context, recordsNotes: true)
    try figure.draw(on: renderer)
    try context.check("laying out the figure")
    return renderer.notes
}
