/// Anything that can be drawn: a chart or a diagram.
///
/// A figure lays itself out from text measured by its `Renderer` and
/// draws through it; it never talks to a drawing library. A backend (the
/// `PlotCairo` module) turns it into PNG, SVG or PDF bytes.
public protocol Figure {
    /// The canvas size in logical pixels (PNG output has twice as many pixels).
    var size: Size { get }
    /// Draws the figure on a white canvas of `size`.
    ///
    /// - Throws: `PlotError.invalidFigure` when the figure's parameters do
    ///   not fit together (say, 3 steps but 2 step labels).
    func draw(on renderer: Renderer) throws
}
