import CPango
import Foundation
@testable import Plot
@testable import PlotCairo
import Testing

/// Text through Pango on the pinned fonts: what the backend sees, how it
/// measures, and that it refuses what it cannot set.
@Suite struct TextTests {
    /// The families Pango can choose from are exactly the pinned ones,
    /// whatever else the machine has installed.
    @Test func pangoSeesOnlyThePinnedFonts() throws {
        let config = try Fonts.configuration.get()
        let map = try #require(rnnlessons_font_map(config.handle))
        defer { rnnlessons_unref(map) }
        var families: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
        var count: Int32 = 0
        pango_font_map_list_families(map, &families, &count)
        defer { g_free(families) }
        let names = (0..<Int(count)).compactMap { i in families?[i].map { String(cString: pango_font_family_get_name($0)) } }
        // Pango always adds its generic names, which resolve to the fonts it has.
        let generic: Set = ["Sans", "Serif", "Monospace", "System-ui"]
        // The .ttc holds WenQuanYi's proportional and monospaced faces.
        #expect(names.filter { !generic.contains($0) }.sorted()
                == ["DejaVu Sans", "DejaVu Sans Mono", "DejaVu Serif", "WenQuanYi Micro Hei", "WenQuanYi Micro Hei Mono"])
    }

    /// One canvas to measure with.
    static func renderer() throws -> (CairoCanvas, Renderer) {
        let canvas = try CairoCanvas(format: .png, size: Size(100, 100))
        return (canvas, canvas.renderer)
    }

    /// A gap is an em space set at the gap's size: exactly as wide as asked,
    /// to Pango's unit of 1/1024 pixel.
    @Test(arguments: [0.5, 2.8, 10.0, 33.3])
    func gapsHaveTheirWidth(width: Double) throws {
        let (_, r) = try Self.renderer()
        let a = r.measure(StyledText(lines: [[.run("x", Font(.serif, size: 20), shift: 0)]])).advance
        let b = r.measure(StyledText(lines: [[.run("x", Font(.serif, size: 20), shift: 0), .gap(width)]])).advance
        #expect(abs(b - a - width) <= 1.0 / 1024, "gap of \(width) px measures \(b - a)")
    }

    /// Chinese and Latin in one label share the baseline: the ink of "H"
    /// and of "隐" both end on it (within the fonts' overshoot, 0.1 em).
    @Test func chineseAndLatinShareTheBaseline() throws {
        let (_, r) = try Self.renderer()
        let font = Font(.sans, size: 20)
        let latin = r.measure(StyledText("H", font: font)).ink
        let chinese = r.measure(StyledText("隐", font: font)).ink
        #expect(abs(latin.maxY) <= 0.5)
        #expect(abs(chinese.maxY) <= 2.0)
        #expect(chinese.height > 0.8 * latin.height)
    }

    /// A superscript is raised by its shift, a subscript lowered.
    @Test func scriptsMoveTheirBaseline() throws {
        let (_, r) = try Self.renderer()
        let base = r.measure(StyledText("1", font: Font(.serif, size: 20))).ink
        let up = r.measure(StyledText(lines: [[.run("1", Font(.serif, size: 20), shift: -8)]])).ink
        let down = r.measure(StyledText(lines: [[.run("1", Font(.serif, size: 20), shift: 5)]])).ink
        #expect(abs(up.minY - (base.minY - 8)) <= 1.0 / 512)
        #expect(abs(down.maxY - (base.maxY + 5)) <= 1.0 / 512)
    }

    /// A character no pinned font has (an Egyptian hieroglyph) is an error,
    /// not a box with its code point.
    @Test func missingGlyphIsAnError() throws {
        let (canvas, r) = try Self.renderer()
        r.label("no glyph: \u{13000}", at: Point(5, 50), style: .label)
        do {
            _ = try canvas.finish()
            Issue.record("finishing a canvas with an unknown glyph did not throw")
        } catch {
            #expect("\(error)".contains("no pinned font has a glyph"), "\(error)")
        }
    }

    /// Markup characters in labels are text, not markup.
    @Test func markupCharactersAreEscaped() throws {
        #expect(PangoMarkup.escape("a < b & c > \"d\" 'e'") == "a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;")
        let (canvas, r) = try Self.renderer()
        let box = r.label("<b>&amp;</b>", at: Point(5, 50), style: .label)
        #expect(box.width > 50)
        _ = try canvas.finish()
    }

    /// The markup as the renderer gets it: italic correction before upright
    /// text after an italic letter, and scripts after their base.
    @Test func markupBecomesStyledText() {
        let pieces = MathMarkup.styled("$x_i^2$", size: 20)
        let runs = pieces.compactMap { if case .run(let t, _, let shift) = $0 { (t, shift) } else { nil } }
        #expect(runs.map(\.0) == ["x", "i", "2"])
        #expect(runs[1].1 > 0 && runs[2].1 < 0)
        let corrected = MathMarkup.styled("$f$(x)", size: 20)
        #expect(corrected.contains(.gap(20 * 0.06)))
    }
}
