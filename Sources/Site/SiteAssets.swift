import Foundation

/// The files every page shares, under `assets/` in the site: the site's
/// stylesheet and script (from `Sources/Site/Assets`), and KaTeX's
/// stylesheet with the fonts it names.
enum SiteAssets {
    static let siteCSS = "assets/site.css"
    static let explorerJS = "assets/gradient-explorer.js"
    static let katexCSS = "assets/katex/katex.min.css"

    /// Path inside the site → contents.
    static func files(katex: KaTeX) throws -> [String: Data] {
        var files: [String: Data] = [:]
        files[siteCSS] = try resource("site", "css")
        files[explorerJS] = try resource("gradient-explorer", "js")
        let cssURL = katex.directory.appendingPathComponent("katex.min.css")
        guard let cssData = FileManager.default.contents(atPath: cssURL.path) else {
            throw SiteError.io("cannot read \(cssURL.path)")
        }
        // Every browser that can show the site reads WOFF2, so the site
        // carries only those fonts and the stylesheet names only them.
        let css = String(decoding: cssData, as: UTF8.self).replacingOccurrences(
            of: ",\\s*url\\([^)]*\\.(woff|ttf)\\)\\s*format\\(['\"](woff|truetype)['\"]\\)", with: "",
            options: .regularExpression)
        files[katexCSS] = Data(css.utf8)
        let urls = try NSRegularExpression(pattern: "url\\(['\"]?([^)'\"]+)['\"]?\\)")
        for m in urls.matches(in: css, range: NSRange(css.startIndex..., in: css)) {
            guard let r = Range(m.range(at: 1), in: css) else { continue }
            let name = String(css[r])
            let source = katex.directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: source.path) else {
                throw SiteError.io("KaTeX's stylesheet names \(name), but \(source.path) cannot be read")
            }
            files["assets/katex/\(name)"] = data
        }
        return files
    }

    static func resource(_ name: String, _ ext: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Assets"),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw SiteError.io("the site's \(name).\(ext) is missing from the course-site resources")
        }
        return data
    }
}
