import Foundation
import Plot
import Testing

/// Writes every sample figure as PNG, SVG and PDF into the folder named by
/// `RNNLESSONS_PLOT_PREVIEW`, for looking at them; does nothing otherwise.
@Test func writePreviews() throws {
    guard let folder = ProcessInfo.processInfo.environment["RNNLESSONS_PLOT_PREVIEW"] else { return }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (name, figure) in SampleFigures.all {
        _ = try writeAll(figure, basePath: "\(folder)/\(name)", formats: [.png, .svg, .pdf])
    }
}
