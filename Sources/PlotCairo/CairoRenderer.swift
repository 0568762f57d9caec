import CCairo
import Plot

/// The Cairo implementation of `Renderer`. It alone knows about device
/// pixels: the PNG scale is set once on the context, and text metrics are
/// taken with hinting of metrics off, so a string measures the same in PNG,
/// SVG and PDF and one layout serves every format.
final class CairoRenderer: Renderer {
    let context: CairoContext
    private var currentFont: Font?

    init(context: CairoContext) {
        self.context = context
        let cr = context.handle
        cairo_scale(cr, context.surface.scale, context.surface.scale)
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
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

    func restore() {
        cairo_restore(cr)
        currentFont = nil
    }

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

    func measure(_ text: String, font: Font) -> TextExtents {
        select(font)
        var e = cairo_text_extents_t()
        cairo_text_extents(cr, text, &e)
        return TextExtents(advance: e.x_advance,
                           ink: Rect(x: e.x_bearing, y: e.y_bearing, width: e.width, height: e.height))
    }

    func drawText(_ text: String, at origin: Point, font: Font, color: Color) {
        select(font)
        setSource(color)
        cairo_new_path(cr)
        cairo_move_to(cr, origin.x, origin.y)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
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

    /// Selects a DejaVu face through Cairo's toy font API (fontconfig finds
    /// the files; DejaVu covers Latin, Greek and the math symbols we use).
    private func select(_ font: Font) {
        guard font != currentFont else { return }
        let family = switch font.family {
        case .sans: "DejaVu Sans"
        case .serif: "DejaVu Serif"
        case .mono: "DejaVu Sans Mono"
        }
        cairo_select_font_face(cr, family,
                               font.italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                               font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, font.size)
        currentFont = font
    }
}
