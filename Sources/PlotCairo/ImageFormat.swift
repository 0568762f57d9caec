import Plot

/// The file formats a figure can be rendered as. A path's extension picks
/// the format here and nowhere else.
public enum ImageFormat: String, CaseIterable, Sendable {
    /// A raster image rendered at `pngScale` device pixels per logical pixel.
    case png
    /// Scalable vector graphics; its ids are renumbered so that the bytes
    /// do not depend on what else the process rendered before.
    case svg
    /// PDF with a fixed creation date, so the bytes are reproducible.
    case pdf

    /// Device pixels per logical pixel in PNG output: 2 keeps text crisp on
    /// high-density screens and when the image is zoomed.
    public static let pngScale = 2.0

    /// The format named by the extension of `path` (case-insensitive).
    ///
    /// - Throws: `RenderError.unknownFormat` when the extension is missing or
    ///   names no supported format.
    public init(path: String) throws {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let ext: String
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            ext = String(name[name.index(after: dot)...])
        } else {
            ext = ""
        }
        guard let format = ImageFormat(rawValue: ext.lowercased()) else {
            throw RenderError.unknownFormat(path: path, pathExtension: ext)
        }
        self = format
    }

    /// The largest side, in logical pixels, that a figure may have. PNG
    /// output doubles it, and Cairo's image surfaces stop at 32 767 pixels.
    public static let maximumSide = 8000.0

    /// Checks that `size` can be rendered: finite, positive, not absurdly large.
    static func validate(_ size: Size) throws {
        for (name, v) in [("width", size.width), ("height", size.height)] {
            guard v.isFinite else { throw PlotError.invalidSize(size, reason: "the \(name) is not a finite number") }
            guard v >= 1 else { throw PlotError.invalidSize(size, reason: "the \(name) must be at least 1 logical pixel") }
            guard v <= maximumSide else {
                throw PlotError.invalidSize(size, reason: "the \(name) exceeds the limit of \(Int(maximumSide)) logical pixels")
            }
        }
    }
}
