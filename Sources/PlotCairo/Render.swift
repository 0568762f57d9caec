import Plot

/// A canvas to draw one figure on with Cairo: a surface for `format`, a
/// context on it, and the `Renderer` that draws there. Most callers want
/// `render(_:as:)`; a canvas is for drawing through another renderer that
/// wraps this one (the tests record layout notes that way).
public final class CairoCanvas {
    private let surface: CairoSurface
    private let context: CairoContext
    private let cairoRenderer: CairoRenderer
    /// What to draw with; text is measured with the fonts this canvas uses.
    public var renderer: Renderer { cairoRenderer }
    public let format: ImageFormat

    /// A white canvas of `size` logical pixels.
    ///
    /// - Throws: `PlotError.invalidSize`, `RenderError.fonts` (the pinned
    ///   fonts are missing) or `RenderError.cairo`.
    public init(format: ImageFormat, size: Size) throws {
        self.format = format
        surface = try CairoSurface(format: format, size: size)
        context = try CairoContext(surface: surface)
        cairoRenderer = CairoRenderer(context: context, text: try PangoText())
        cairoRenderer.paintBackground()
    }

    /// Completes the document and returns its bytes; call once, after
    /// drawing. SVG ids are renumbered so that the bytes do not depend on
    /// what the process rendered before.
    ///
    /// - Throws: `RenderError.text` if a label could not be laid out,
    ///   `RenderError.cairo` if any drawing call or the encoding failed.
    public func finish() throws -> [UInt8] {
        if let error = cairoRenderer.text.error { throw error }
        try context.check("drawing the figure")
        let bytes = try surface.finishedBytes()
        return format == .svg ? SVGCanonicalizer.canonicalize(bytes) : bytes
    }
}

/// Renders `figure` in `format` and returns the file's bytes.
///
/// The same figure gives the same bytes every time, in any process: PNG is
/// deterministic by itself, SVG ids are renumbered canonically, PDF carries
/// a fixed date.
///
/// - Throws: `PlotError.invalidSize`, `PlotError.invalidFigure` or `RenderError.cairo`.
public func render(_ figure: any Figure, as format: ImageFormat) throws -> [UInt8] {
    let canvas = try CairoCanvas(format: format, size: figure.size)
    try figure.draw(on: canvas.renderer)
    return try canvas.finish()
}
