import Foundation

/// A page showing one of the repository's files that a report links to (a
/// lesson's Swift source), so that the link works offline as well.
enum SourcePage {
    static func html(source: URL, sitePath: String, layout: SiteLayout, repository: URL, strings: SiteStrings) throws -> String {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw SiteError.io("cannot read \(source.path)")
        }
        let name = LinkMap.relative(source.standardizedFileURL, to: repository) ?? source.lastPathComponent
        let language = source.pathExtension.isEmpty ? "" : " class=\"language-\(escape(source.pathExtension))\""
        let body = "<p>\(escape(try strings.text("source.note")))</p>\n<pre><code\(language)>\(escape(String(decoding: data, as: UTF8.self)))</code></pre>\n"
        let chrome = PageChrome(
            sitePath: sitePath, language: strings.language, pageID: "source:\(name)", strings: strings,
            titleHTML: "<code>\(escape(name))</code>", titleText: name, summary: nil, alternates: [],
            index: try layout.page("index", strings.language).map { ($0.sitePath, try strings.text("index")) },
            previous: nil, next: nil)
        return try chrome.html(body: body)
    }
}
