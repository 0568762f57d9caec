import Foundation

/// Where a report's relative links point once the report is a page of the
/// site, and which files the site must carry for them to resolve.
///
/// A link is resolved against the report's folder, then:
/// - another report (`../01-mlp/README.zh.md`) → that report's page;
/// - any other file inside the output folder (a figure, `claims.json`) →
///   the same file, copied to the same place inside the site;
/// - a file elsewhere in the repository (a lesson's Swift source) → a page
///   showing that file under `source/`;
/// - a URL with a scheme, or a bare `#fragment` → unchanged;
/// - anything else is a broken link, and the build stops naming it.
public struct LinkMap: Sendable {
    public var layout: SiteLayout
    /// The repository: the output folder's parent.
    public var repository: URL
    /// Files to copy: path inside the site → source file.
    public private(set) var copies: [String: URL] = [:]
    /// Source files to show as pages: path inside the site → source file.
    public private(set) var sourcePages: [String: URL] = [:]

    public init(layout: SiteLayout, repository: URL) {
        self.layout = layout
        self.repository = repository.standardizedFileURL
    }

    /// The site path of a source file's page.
    static func sourcePagePath(_ relative: String) -> String { "source/\(relative).html" }

    /// `url` as written in `page`'s report, made relative to `page` in the site.
    public mutating func resolve(_ url: String, from page: SiteLayout.Page) throws -> String {
        if url.isEmpty || url.hasPrefix("#") || url.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil {
            return url
        }
        var path = url
        var fragment = ""
        if let hash = path.firstIndex(of: "#") { fragment = String(path[hash...]); path = String(path[..<hash]) }
        if path.hasPrefix("/") {
            throw SiteError.invalidInput("\(page.source.path) links to the absolute path \(url); reports link relatively")
        }
        let decoded = path.removingPercentEncoding ?? path
        let target = page.source.deletingLastPathComponent().appendingPathComponent(decoded).standardizedFileURL
        let sitePath: String
        if let other = layout.page(forSource: target) {
            sitePath = other.sitePath
        } else if let inside = Self.relative(target, to: layout.root.standardizedFileURL), !inside.hasPrefix("site/") {
            guard FileManager.default.fileExists(atPath: target.path) else { throw broken(url, page) }
            sitePath = inside
            copies[inside] = target
        } else if let inRepo = Self.relative(target, to: repository)
                    ?? Self.relative(target, to: layout.root.deletingLastPathComponent().standardizedFileURL) {
            // A link out of the output folder names a file of the repository,
            // wherever this copy of the output was generated.
            let source = repository.appendingPathComponent(inRepo)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isFolder), !isFolder.boolValue else {
                throw broken(url, page)
            }
            sitePath = Self.sourcePagePath(inRepo)
            sourcePages[sitePath] = source
        } else {
            throw broken(url, page)
        }
        return Self.relativeLink(from: page.sitePath, to: sitePath) + fragment
    }

    func broken(_ url: String, _ page: SiteLayout.Page) -> SiteError {
        .invalidInput("\(page.source.path) links to \(url), which does not exist")
    }

    /// `url`'s path below `base`, or nil if it is not below it.
    static func relative(_ url: URL, to base: URL) -> String? {
        let b = base.path.hasSuffix("/") ? base.path : base.path + "/"
        return url.path.hasPrefix(b) ? String(url.path.dropFirst(b.count)) : nil
    }

    /// The relative URL from the page at site path `from` to site path `to`
    /// ("05-gradients/index.html" → "01-mlp/index.zh.html" is
    /// "../01-mlp/index.zh.html"), percent-encoded where a URL needs it.
    public static func relativeLink(from: String, to: String) -> String {
        var a = from.split(separator: "/").dropLast().map(String.init)
        var b = to.split(separator: "/").map(String.init)
        while let x = a.first, let y = b.first, b.count > 1, x == y { a.removeFirst(); b.removeFirst() }
        let parts = Array(repeating: "..", count: a.count) + b
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#"))
        return parts.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0 }.joined(separator: "/")
    }
}
