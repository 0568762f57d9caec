import Foundation
import Plot
@testable import PlotCairo
import Testing

/// The course's `Output/` is committed, so the same figure must give the
/// same bytes on every run, in every format.
@Suite struct DeterminismTests {
    /// A small figure with text and a clip, rendered between two renderings
    /// of the same figure so that Cairo's global counters have moved.
    struct Interloper: Figure {
        var size: Size { Size(160, 60) }
        func draw(on r: Renderer) throws {
            r.save()
            r.clip(to: .rect(Rect(x: 5, y: 5, width: 150, height: 50)))
            r.label("$\\bf{W}_{hh}$ and zq", at: Point(10, 40), style: .label)
            r.restore()
        }
    }

    @Test(arguments: ImageFormat.allCases)
    func renderingTwiceGivesIdenticalBytes(format: ImageFormat) throws {
        for (name, figure) in SampleFigures.all {
            let first = try render(figure, as: format)
            // Something else in between moves Cairo's process-wide id counters.
            _ = try render(Interloper(), as: format)
            let second = try render(figure, as: format)
            #expect(first == second, "\(name).\(format.rawValue) differs between two renderings")
            #expect(!first.isEmpty)
        }
    }

    @Test func svgIDsAreRenumberedFromOne() throws {
        let svg = String(decoding: try render(SampleFigures.logLineChart, as: .svg), as: UTF8.self)
        #expect(svg.contains("id=\"glyph_1\""))
        #expect(svg.contains("#glyph_1\"") || svg.contains("#glyph_2\""))
        // Cairo's own names (glyph3-1, surface12, clip5) are all gone.
        #expect(svg.range(of: #"id="[a-z]+[0-9]"#, options: .regularExpression) == nil)
        #expect(svg.range(of: #"#[a-z]+[0-9]+(-[0-9]+)?[")]"#, options: .regularExpression) == nil)
    }

    @Test func svgCanonicalizerRewritesDeclarationsAndReferences() {
        let input = ##"<g id="surface7"><clipPath id="clip12"/><symbol id="glyph3-10"/><use xlink:href="#glyph3-10" x="1"/><g clip-path="url(#clip12)"/><use xlink:href="#glyph3-1"/></g>"##
        let output = String(decoding: SVGCanonicalizer.canonicalize(Array(input.utf8)), as: UTF8.self)
        #expect(output == ##"<g id="surface_1"><clipPath id="clip_1"/><symbol id="glyph_1"/><use xlink:href="#glyph_1" x="1"/><g clip-path="url(#clip_1)"/><use xlink:href="#glyph3-1"/></g>"##)
    }

    @Test func pdfCarriesTheFixedDate() throws {
        let pdf = String(decoding: try render(SampleFigures.heatMap, as: .pdf), as: UTF8.self)
        #expect(pdf.hasPrefix("%PDF-"))
        #expect(pdf.contains("/CreationDate (20000101000000Z)"))
        #expect(pdf.contains("/ModDate (20000101000000Z)"))
    }

    @Test func pngIsRenderedAtTwiceTheLogicalSize() throws {
        let chart = SampleFigures.linearLineChart
        let image = try RasterImage(pngBytes: try render(chart, as: .png))
        #expect(image.width == Int(chart.size.width * 2))
        #expect(image.height == Int(chart.size.height * 2))
        // White background, never transparent.
        #expect(Array(image.rgba[0..<4]) == [255, 255, 255, 255])
        #expect(image.rgba.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 })
    }

    @Test func svgDeclaresItsSizeInPixels() throws {
        let svg = String(decoding: try render(SampleFigures.probabilityChart, as: .svg), as: UTF8.self)
        #expect(svg.contains(#"width="720px" height="450px""#))
        #expect(svg.contains(#"viewBox="0 0 720 450""#))
    }
}
