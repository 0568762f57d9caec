import CCairo
import CPango
import Plot

/// Lays text out with Pango on the pinned fonts (see `Fonts`), measures it
/// and draws it on a Cairo context. Pango shapes each run, takes characters
/// a face lacks from the fallback font, and sets runs of different fonts
/// and sizes on one baseline.
///
/// One per canvas: Pango's font maps and contexts are not to be shared
/// between threads. Layouts are computed once per text and kept, so a label
/// measured during layout is drawn from the same shaping. They are computed
/// at 72 points per inch with an identity matrix, metrics unhinted and
/// glyph positions unrounded, so a label measures the same in PNG, SVG and
/// PDF and one layout serves every format.
final class PangoText {
    private struct Laid {
        let layout: OpaquePointer
        let extents: TextExtents
        /// From the top of the layout down to the first line's baseline, in pixels.
        let baseline: Double
    }

    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    private var laid: [StyledText: Laid] = [:]
    /// The first thing that went wrong; `CairoCanvas.finish` throws it.
    private(set) var error: RenderError?

    init() throws {
        let config = try Fonts.configuration.get()
        guard let map = rnnlessons_font_map(config.handle) else {
            throw RenderError.fonts("Pango could not create a font map")
        }
        fontMap = map
        guard let context = pango_font_map_create_context(map) else {
            rnnlessons_unref(map)
            throw RenderError.fonts("Pango could not create a context")
        }
        self.context = context
        pango_cairo_context_set_resolution(context, 72)
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        let status = cairo_font_options_status(options)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        try check(status, while: "setting the font options")
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_language(context, pango_language_from_string("en"))
        pango_context_set_base_dir(context, PANGO_DIRECTION_LTR)
    }

    deinit {
        for entry in laid.values { rnnlessons_unref(UnsafeMutableRawPointer(entry.layout)) }
        rnnlessons_unref(UnsafeMutableRawPointer(context))
        rnnlessons_unref(fontMap)
    }

    func measure(_ text: StyledText) -> TextExtents {
        lay(text)?.extents ?? TextExtents(advance: 0, ink: Rect(x: 0, y: 0, width: 0, height: 0), lineHeight: 0)
    }

    /// Draws `text` with its first baseline starting at `origin` in the
    /// current source colour of `cr`.
    func draw(_ text: StyledText, at origin: Point, on cr: OpaquePointer) {
        guard let entry = lay(text) else { return }
        cairo_new_path(cr)
        cairo_move_to(cr, origin.x, origin.y - entry.baseline)
        pango_cairo_show_layout(cr, entry.layout)
        cairo_new_path(cr)
    }

    /// The layout of `text`, made on first use; nil (and `error` set) when
    /// Pango rejects the markup or no pinned font has one of its characters.
    private func lay(_ text: StyledText) -> Laid? {
        if let entry = laid[text] { return entry }
        let markup = PangoMarkup.markup(text)
        var attributes: OpaquePointer?
        var plain: UnsafeMutablePointer<CChar>?
        var failure: UnsafeMutablePointer<GError>?
        guard pango_parse_markup(markup, -1, 0, &attributes, &plain, nil, &failure) != 0, let plain else {
            let reason = failure.map { String(cString: $0.pointee.message) } ?? "unknown reason"
            if let failure { g_error_free(failure) }
            record(.text("Pango rejects the markup \(markup): \(reason)"))
            return nil
        }
        guard let layout = pango_layout_new(context) else {
            g_free(plain)
            pango_attr_list_unref(attributes)
            record(.text("Pango could not create a layout"))
            return nil
        }
        pango_layout_set_text(layout, plain, -1)
        pango_layout_set_attributes(layout, attributes)
        pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        g_free(plain)
        pango_attr_list_unref(attributes)
        if pango_layout_get_unknown_glyphs_count(layout) > 0 {
            record(.text("no pinned font has a glyph for a character of \(markup)"))
        }
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let scale = PangoMarkup.unitsPerPixel
        let baseline = Double(pango_layout_get_baseline(layout)) / scale
        let lineHeight: Double
        let iterator = pango_layout_get_iter(layout)
        let first = Double(pango_layout_iter_get_baseline(iterator))
        if pango_layout_iter_next_line(iterator) != 0 {
            lineHeight = (Double(pango_layout_iter_get_baseline(iterator)) - first) / scale
        } else {
            lineHeight = Double(logical.height) / scale
        }
        pango_layout_iter_free(iterator)
        let extents = TextExtents(
            advance: Double(logical.width) / scale,
            ink: Rect(x: Double(ink.x) / scale, y: Double(ink.y) / scale - baseline,
                      width: Double(ink.width) / scale, height: Double(ink.height) / scale),
            lineHeight: lineHeight)
        let entry = Laid(layout: layout, extents: extents, baseline: baseline)
        laid[text] = entry
        return entry
    }

    private func record(_ e: RenderError) {
        if error == nil { error = e }
    }
}
