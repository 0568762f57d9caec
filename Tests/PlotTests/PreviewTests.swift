import Foundation
import Plot
import PlotCairo
import Testing

/// Every sample figure renders in every format to a well-formed document of
/// the right size. With `RNNLESSONS_PLOT_PREVIEW=folder` the files are also
/// written there, to look at (`make previews`).
@Suite struct PreviewTests {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    @Test(arguments: SampleFigures.all.map(\.name))
    func sampleRendersInEveryFormat(name: String) throws {
        let figure = try #require(SampleFigures.all.first { $0.name == name }).figure
        let folder = ProcessInfo.processInfo.environment["RNNLESSONS_PLOT_PREVIEW"]
        for format in ImageFormat.allCases {
            let bytes = try render(figure, as: format)
            switch format {
            case .png:
                #expect(Array(bytes.prefix(8)) == Self.pngSignature, "\(name).png has no PNG signature")
                let image = try RasterImage(pngBytes: bytes)
                #expect(image.width == Int((figure.size.width * ImageFormat.pngScale).rounded(.up)))
                #expect(image.height == Int((figure.size.height * ImageFormat.pngScale).rounded(.up)))
            case .svg:
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.hasPrefix("<?xml"), "\(name).svg does not start with an XML declaration")
                #expect(text.contains("viewBox=\"0 0 \(formatSide(figure.size.width)) \(formatSide(figure.size.height))\""))
                #expect(text.hasSuffix("</svg>\n"), "\(name).svg is not complete")
            case .pdf:
                #expect(bytes.starts(with: Array("%PDF-".utf8)), "\(name).pdf has no PDF header")
                #expect(String(decoding: bytes.suffix(8), as: UTF8.self).contains("%%EOF"), "\(name).pdf is not complete")
            }
            if let folder {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/\(name).\(format.rawValue)"))
            }
        }
    }

    /// A side as Cairo writes it in the SVG view box (whole numbers without decimals).
    private func formatSide(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }
}
