import Foundation
@testable import Plot
import Testing

/// Every failure is a `PlotError` whose message names the problem, and a
/// failed write leaves neither a temporary file nor a changed old file.
@Suite struct ErrorTests {
    /// A fresh, empty folder for one test.
    static func scratchFolder() throws -> String {
        let path = NSTemporaryDirectory() + "plot-tests-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    struct Sized: Figure {
        var size: Size
        func draw(on renderer: Renderer) throws {}
    }

    @Test(arguments: ["figure.jpg", "figure", "figure.png.bak", "folder.png/figure.gif", ".png"])
    func unknownExtensionIsRefused(path: String) throws {
        let error = try #require(throws: PlotError.self) { try write(Sized(size: .chart), to: path) }
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
        (Size(100, 1e7), "height exceeds the limit"),
    ])
    func invalidSizeIsRefused(size: Size, message: String) throws {
        for format in ImageFormat.allCases {
            let error = try #require(throws: PlotError.self) { try render(Sized(size: size), as: format) }
            #expect(error.description.contains(message), "\(error.description)")
        }
        let folder = try Self.scratchFolder()
        #expect(throws: PlotError.self) { try write(Sized(size: size), to: "\(folder)/x.png") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func unwritablePathIsReported() throws {
        let missing = "/nonexistent-folder-\(getpid())/figure.png"
        let error = try #require(throws: PlotError.self) { try write(Sized(size: .chart), to: missing) }
        #expect(error.description.contains(missing))
        #expect(error.description.contains("No such file or directory"))

        // A regular file used as a folder (fails for root as well).
        let folder = try Self.scratchFolder()
        _ = FileManager.default.createFile(atPath: "\(folder)/plain", contents: Data("x".utf8))
        let notFolder = try #require(throws: PlotError.self) { try write(Sized(size: .chart), to: "\(folder)/plain/figure.svg") }
        #expect(notFolder.description.contains("Not a directory"))
    }

    @Test func failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws {
        let folder = try Self.scratchFolder()
        let path = "\(folder)/diagram.png"
        try write(UnrolledRNNDiagram(), to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let broken = UnrolledRNNDiagram(steps: 3, stepLabels: ["t"])
        let error = try #require(throws: PlotError.self) { try write(broken, to: path) }
        #expect(error.description.contains("3 steps needs 3 step labels, got 1"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        // Renaming over a folder fails after the temporary file was written.
        try FileManager.default.createDirectory(atPath: "\(folder)/taken.svg", withIntermediateDirectories: false)
        #expect(throws: PlotError.self) { try write(UnrolledRNNDiagram(), to: "\(folder)/taken.svg") }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == ["diagram.png", "taken.svg"], "left behind: \(left)")
    }

    @Test func writeAllWritesEveryFormat() throws {
        let folder = try Self.scratchFolder()
        let paths = try writeAll(ConcatDiagram(), basePath: "\(folder)/concat", formats: [.png, .svg, .pdf])
        #expect(paths == ["\(folder)/concat.png", "\(folder)/concat.svg", "\(folder)/concat.pdf"])
        for p in paths {
            let size = try FileManager.default.attributesOfItem(atPath: p)[.size] as? Int ?? 0
            #expect(size > 1000, "\(p) has \(size) bytes")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func figureParametersAreChecked() throws {
        let cases: [(any Figure, String)] = [
            (UnrolledRNNDiagram(steps: 0), "1…8 steps, not 0"),
            (ConcatDiagram(d: 0), "d (inputs) in 1…16, not 0"),
            (LineChart(series: [LineSeries("s", x: [1, 2], y: [1])]), "2 x values but 1 y values"),
            (BarChart(categories: ["a", "b"], series: [BarSeries("s", values: [1])]), "1 values for 2 categories"),
            (HeatMap(values: [[1, 2]], rowLabels: ["a"], columnLabels: ["1"]), "row 0 has 2 values"),
        ]
        for (figure, message) in cases {
            let error = try #require(throws: PlotError.self) { try render(figure, as: .png) }
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
