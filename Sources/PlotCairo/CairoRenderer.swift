import CCairo
import Plot

/// The Cairo implementation of `Renderer`. It alone knows about device
/// pixels: the PNG scale is set once on the context. Text goes through
/// Pango (`PangoText`), laid out independently of the output format, so
/// one layout serves PNG, SVG and PDF.
final class CairoRenderer: Renderer {
    let context: CairoContext
    let text: PangoText

    init(context: CairoContext, text: PangoText) {
        self.context = context
        self.text = text
        let cr = context.handle
        cairo_scale(cr, context.surface.scale, context.surface.scale)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_GRAY)
    }

    private var cr: OpaquePointer { context.handle }

    /// Paints the whole canvas white (figures are never transparent).
    func paintBackground() {
        cairo_save(cr)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    func save() { cairo_save(cr) }

    func restore() { cairo_restore(cr) }

    func clip(to path: Path) {
        trace(path)
        cairo_clip(cr)
    }

    func fill(_ path: Path, color: Color) {
        trace(path)
        setSource(color)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
        cairo_fill(cr)
    }

    func stroke(_ path: Path, style: StrokeStyle) {
        trace(path)
        setSource(style.color)
        cairo_set_line_width(cr, style.width)
        let cap: cairo_line_cap_t = switch style.cap {
        case .butt: CAIRO_LINE_CAP_BUTT
        case .round: CAIRO_LINE_CAP_ROUND
        case .square: CAIRO_LINE_CAP_SQUARE
        }
        let join: cairo_line_join_t = switch style.join {
        case .miter: CAIRO_LINE_JOIN_MITER
        case .round: CAIRO_LINE_JOIN_ROUND
        case .bevel: CAIRO_LINE_JOIN_BEVEL
        }
        cairo_set_line_cap(cr, cap)
        cairo_set_line_join(cr, join)
        style.dash.withUnsafeBufferPointer { dashes in
            cairo_set_dash(cr, dashes.baseAddress, Int32(dashes.count), 0)
        }
        cairo_stroke(cr)
    }

    func measure(_ text: StyledText) -> TextExtents {
        self.text.measure(text)
    }

    func drawText(_ text: StyledText, at origin: Point, color: Color) {
        setSource(color)
        self.text.draw(text, at: origin, on: cr)
    }

    // MARK: - Helpers

    /// Replaces Cairo's current path with `path`.
    private func trace(_ path: Path) {
        cairo_new_path(cr)
        for element in path.elements {
            switch element {
            case .move(let p): cairo_move_to(cr, p.x, p.y)
            case .line(let p): cairo_line_to(cr, p.x, p.y)
            case .curve(let e, let c1, let c2): cairo_curve_to(cr, c1.x, c1.y, c2.x, c2.y, e.x, e.y)
            case .close: cairo_close_path(cr)
            }
        }
    }

    private func setSource(_ c: Color) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
    }
}
