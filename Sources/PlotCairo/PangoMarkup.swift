import CPango
import Plot

/// Writes `StyledText` in Pango's markup language, which Pango then shapes,
/// measures and draws as one block: each run becomes a `<span>` with its
/// face (`<b>`, `<i>` inside), its size and its `rise`; a gap becomes an em
/// space (U+2003, one em wide in every face we pin) set at the gap's width.
///
/// Sizes and rises are in Pango units, 1024 per point; the renderer sets
/// 72 points per inch, so a point is one logical pixel.
enum PangoMarkup {
    static let unitsPerPixel = 1024.0

    static func markup(_ text: StyledText) -> String {
        text.lines.map { line in line.map(piece).joined() }.joined(separator: "\n")
    }

    static func piece(_ piece: StyledText.Piece) -> String {
        switch piece {
        case let .run(text, font, shift):
            var body = escape(text)
            if font.italic { body = "<i>\(body)</i>" }
            if font.bold { body = "<b>\(body)</b>" }
            let rise = shift == 0 ? "" : " rise=\"\(units(-shift))\""
            return "<span font_family=\"\(Fonts.families(font.family))\" size=\"\(units(font.size))\"\(rise)>\(body)</span>"
        case let .gap(width):
            guard width > 0 else { return "" }
            return "<span font_family=\"\(Fonts.families(.sans))\" size=\"\(units(width))\">\u{2003}</span>"
        }
    }

    /// A length in logical pixels as whole Pango units.
    static func units(_ pixels: Double) -> Int {
        Int((pixels * unitsPerPixel).rounded())
    }

    /// Escapes the characters markup gives a meaning to (GLib's escaper).
    static func escape(_ text: String) -> String {
        guard let escaped = g_markup_escape_text(text, -1) else { return "" }
        defer { g_free(escaped) }
        return String(cString: escaped)
    }
}
