import BookFigures
import Foundation
import Plot
import PlotCairo
import Testing

/// Every failure is an error whose message names the problem and, where
/// there is one, the valid range.
@Suite struct ErrorTests {
    struct Sized: Figure {
        var size: Size
        func draw(on renderer: Renderer) throws {}
    }

    @Test(arguments: ["figure.jpg", "figure", "figure.png.bak", "folder.png/figure.gif", ".png"])
    func unknownExtensionIsRefused(path: String) throws {
        let error = try #require(throws: RenderError.self) { try ImageFormat(path: path) }
        guard case .unknownFormat = error else { Issue.record("expected unknownFormat, got \(error)"); return }
        #expect(error.description.contains("not a figure format"))
        #expect(error.description.contains(".png, .svg, .pdf"))
    }

    @Test func extensionIsCaseInsensitive() throws {
        #expect(try ImageFormat(path: "a/b/Figure.PNG") == .png)
        #expect(try ImageFormat(path: "x.Svg") == .svg)
        #expect(try ImageFormat(path: "x.pdf") == .pdf)
    }

    @Test(arguments: [
        (Size(0, 100), "width must be at least 1"),
        (Size(-5, 100), "width must be at least 1"),
        (Size(100, .nan), "height is not a finite number"),
        (Size(.infinity, 100), "width is not a finite number"),
        (Size(100, 1e7), "height exceeds the limit of 8000"),
    ])
    func invalidSizeIsRefused(size: Size, message: String) throws {
        for format in ImageFormat.allCases {
            let error = try #require(throws: PlotError.self) { try render(Sized(size: size), as: format) }
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func figureParametersAreChecked() throws {
        let cases: [(any Figure, String)] = [
            (UnrolledRNNDiagram(steps: 0), "1…8 steps, not 0"),
            (UnrolledRNNDiagram(steps: 3, stepLabels: ["t"]), "3 steps needs 3 step labels, got 1"),
            (ConcatDiagram(d: 0), "d (inputs) in 1…16, not 0"),
            (LineChart(series: [LineSeries("s", x: [1, 2], y: [1])]), "2 x values but 1 y values"),
            (BarChart(categories: ["a", "b"], series: [BarSeries("s", values: [1])]), "1 values for 2 categories"),
            (HeatMap(values: [[1, 2]], rowLabels: ["a"], columnLabels: ["1"]), "row 0 has 2 values"),
        ]
        for (figure, message) in cases {
            for format in ImageFormat.allCases {
                let error = try #require(throws: PlotError.self) { try render(figure, as: format) }
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }
}
