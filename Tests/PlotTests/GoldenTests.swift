import Foundation
import BookFigures
import Plot
import PlotCairo
import Testing

/// Each figure kind compared with a stored PNG, pixel by pixel.
///
/// Tolerance: at most 0.5 % of the pixels may differ by more than 8/255 in
/// some channel. Cairo and FreeType versions rasterise glyph edges and
/// antialiased line edges slightly differently (hinting, gamma, rounding),
/// which changes a thin fringe of pixels along text and curves by a few
/// levels; a real regression — a moved label, a missing line, another
/// colour — changes far more pixels by far more than that.
///
/// The golden files are never edited by hand: `make golden` (which sets
/// `RNNLESSONS_UPDATE_GOLDEN=1`) renders them again.
@Suite struct GoldenTests {
    static let threshold = 8
    static let maximumFraction = 0.005

    static var updating: Bool { ProcessInfo.processInfo.environment["RNNLESSONS_UPDATE_GOLDEN"] == "1" }

    static let goldenFolder: String = {
        let here = #filePath
        return String(here[..<(here.lastIndex(of: "/") ?? here.startIndex)]) + "/Golden"
    }()

    static var figures: [(name: String, figure: any Figure)] {
        [
        ("unrolled-rnn", UnrolledRNNDiagram()),
        ("concat-diagram", ConcatDiagram()),
        ("log-line-chart", SampleFigures.logLineChart),
        ("bar-chart", SampleFigures.barChart),
        ("heat-map", SampleFigures.heatMap),
        ("unrolled-rnn-zh", UnrolledRNNDiagram(labels: .chinese)),
        ("log-line-chart-zh", SampleFigures.logLineChartChinese),
        ]
    }

    @Test(arguments: figures.map(\.name))
    func matchesGolden(name: String) throws {
        let figure = try #require(Self.figures.first { $0.name == name }).figure
        let path = "\(Self.goldenFolder)/\(name).png"
        if Self.updating {
            try FileManager.default.createDirectory(atPath: Self.goldenFolder, withIntermediateDirectories: true)
            try Data(render(figure, as: .png)).write(to: URL(fileURLWithPath: path))
            return
        }
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("golden image \(path) is missing; run `make golden` to create it")
            return
        }
        let expected = try RasterImage(pngFile: path)
        let actual = try RasterImage(pngBytes: try render(figure, as: .png))
        #expect(actual.width == expected.width && actual.height == expected.height,
                "\(name): rendered \(actual.width)×\(actual.height), golden is \(expected.width)×\(expected.height)")
        let fraction = actual.fractionDiffering(from: expected, threshold: Self.threshold)
        #expect(fraction <= Self.maximumFraction,
                "\(name): \(String(format: "%.3f", fraction * 100)) % of pixels differ by more than \(Self.threshold)/255 (allowed \(Self.maximumFraction * 100) %); if the change is intended, run `make golden`")
    }

    @Test func comparisonCatchesARealChange() throws {
        let a = try RasterImage(pngBytes: try render(UnrolledRNNDiagram(), as: .png))
        let b = try RasterImage(pngBytes: try render(UnrolledRNNDiagram(stepLabels: ["s-1", "s", "s+1"]), as: .png))
        #expect(a.fractionDiffering(from: a, threshold: Self.threshold) == 0)
        #expect(a.fractionDiffering(from: b, threshold: Self.threshold) > 0)
    }
}
