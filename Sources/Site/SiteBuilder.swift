import Foundation

/// Builds the whole site from an output folder: every report becomes a
/// page, the figures and files they link to are copied, the math is
/// typeset, and the result replaces `<output>/site/` in one step.
///
/// Everything is decided by the files found (sorted), so the same input
/// gives the same bytes.
public struct SiteBuilder {
    public var layout: SiteLayout
    public var katex: KaTeX
    /// The seed of lesson 05's interactive curves (the lessons' seed).
    public var seed: UInt64
    /// Where the pages go: `<output>/site`.
    public var destination: URL
    /// The repository the reports' links into it (`../../Lessons/…`) point
    /// to: the output folder's parent unless the output is generated
    /// elsewhere (a staging or temporary copy).
    public var repository: URL

    public init(output: URL, katex: KaTeX, seed: UInt64, repository: URL? = nil) throws {
        layout = try SiteLayout(root: output)
        self.katex = katex
        self.seed = seed
        destination = output.appendingPathComponent("site", isDirectory: true)
        self.repository = repository ?? output.deletingLastPathComponent()
    }

    /// One page between conversion and typesetting.
    struct Draft {
        var page: SiteLayout.Page
        var converted: Markdown.Converted
        var spans: [MathSpans.Span]
    }

    /// Builds the site in memory and writes it; returns the number of HTML
    /// pages (reports and source files).
    @discardableResult
    public func build() throws -> (pages: Int, files: Int) {
        var links = LinkMap(layout: layout, repository: repository)
        var drafts: [Draft] = []
        for page in layout.pages {
            guard let data = FileManager.default.contents(atPath: page.source.path) else {
                throw SiteError.io("cannot read \(page.source.path)")
            }
            let math = try MathSpans(extractingFrom: String(decoding: data, as: UTF8.self))
            let converted = try Markdown.convert(
                math.markdown,
                link: { try links.resolve($0, from: page) },
                image: { url, text in try figure(url, alt: Self.plain(text, math.spans), page: page, links: &links) })
            drafts.append(Draft(page: page, converted: converted, spans: math.spans))
        }

        // All the math of the site in one KaTeX run.
        let typeset = try katex.render(drafts.flatMap(\.spans))
        var files = try SiteAssets.files(katex: katex)
        var offset = 0
        let strings = try Dictionary(uniqueKeysWithValues: layout.languages.map { ($0, try SiteStrings(language: $0)) })
        let titles = Dictionary(uniqueKeysWithValues: drafts.map { d in
            ("\(d.page.id)|\(d.page.language)", Self.plain(d.converted.titleText ?? d.page.id, d.spans))
        })
        var curves: GradientCurves?
        for d in drafts {
            let rendered = Array(typeset[offset..<(offset + d.spans.count)])
            offset += d.spans.count
            let s = strings[d.page.language]!
            var body = try MathSpans.substitute(d.converted.body, rendered: rendered)
            body = Self.unwrapDisplayMath(body)
            var scripts: [String] = []
            if GradientExplorer.belongs(to: d.page.id) {
                if curves == nil { curves = GradientCurves(seed: seed) }
                body = Self.insert(try GradientExplorer.html(curves!, strings: s), into: body, afterFigure: "norms-")
                scripts.append("<script src=\"\(escape(LinkMap.relativeLink(from: d.page.sitePath, to: SiteAssets.explorerJS)))\"></script>")
            }
            let label = { (id: String) -> (String, String)? in
                guard let p = self.layout.page(id, d.page.language) else { return nil }
                return (p.sitePath, titles["\(id)|\(d.page.language)"] ?? id)
            }
            let (previous, next) = layout.neighbours(of: d.page.id)
            let chrome = PageChrome(
                sitePath: d.page.sitePath, language: d.page.language, pageID: d.page.id, strings: s,
                titleHTML: try d.converted.titleHTML.map { try MathSpans.substitute($0, rendered: rendered) }
                    ?? escape(titles["\(d.page.id)|\(d.page.language)"]!),
                titleText: titles["\(d.page.id)|\(d.page.language)"]!,
                summary: layout.lessons[d.page.id]?.summary?[d.page.language],
                alternates: try layout.languages.filter { $0 != d.page.language }.compactMap { lang in
                    try layout.page(d.page.id, lang).map { (lang, $0.sitePath, try strings[lang]!.text("language.name")) }
                },
                index: try layout.page("index", d.page.language).map { ($0.sitePath, try s.text("index")) },
                previous: previous.flatMap(label), next: next.flatMap(label), scripts: scripts)
            files[d.page.sitePath] = Data(try chrome.html(body: body).utf8)
        }
        let english = try strings[SiteLayout.defaultLanguage] ?? SiteStrings(language: SiteLayout.defaultLanguage)
        for (path, source) in links.sourcePages {
            files[path] = Data(try SourcePage.html(source: source, sitePath: path, layout: layout,
                                                   repository: links.repository, strings: english).utf8)
        }
        for (path, source) in links.copies {
            guard let data = FileManager.default.contents(atPath: source.path) else { throw SiteError.io("cannot read \(source.path)") }
            files[path] = data
        }
        try SiteWriter.replace(destination, with: files)
        return (drafts.count + links.sourcePages.count, files.count)
    }

    /// A figure: the PNG, with the SVG beside it preferred where it exists
    /// (sharp at any size, on a projector too).
    func figure(_ url: String, alt: String, page: SiteLayout.Page, links: inout LinkMap) throws -> String {
        let png = try links.resolve(url, from: page)
        let img = "<img src=\"\(escape(png))\" alt=\"\(escape(alt))\">"
        guard url.lowercased().hasSuffix(".png"), !url.contains(":") else { return img }
        let svgURL = String(url.dropLast(4)) + ".svg"
        let svgFile = page.source.deletingLastPathComponent().appendingPathComponent(svgURL.removingPercentEncoding ?? svgURL)
        guard FileManager.default.fileExists(atPath: svgFile.path) else { return img }
        let svg = try links.resolve(svgURL, from: page)
        return "<picture><source srcset=\"\(escape(svg))\" type=\"image/svg+xml\">\(img)</picture>"
    }

    /// Text with each math placeholder replaced by its TeX (for alt text and
    /// the page's `<title>`, where typeset math cannot go).
    static func plain(_ text: String, _ spans: [MathSpans.Span]) -> String {
        (try? MathSpans.substitute(text, rendered: spans.map(\.tex))) ?? text
    }

    /// A displayed equation alone in a paragraph comes out of cmark as
    /// `<p><span class="katex-display">…</span></p>`; the paragraph is
    /// dropped so that the equation is a block of its own.
    static func unwrapDisplayMath(_ html: String) -> String {
        html.replacingOccurrences(
            of: "<p>(<span class=\"katex-display\">(?:(?!</p>).)*</span>)</p>", with: "$1",
            options: .regularExpression)
    }

    /// `block` placed before the first heading that follows the last image
    /// whose file name starts with `prefix` (the end of that figure's
    /// section), or at the end if there is no such image or heading.
    static func insert(_ block: String, into body: String, afterFigure prefix: String) -> String {
        guard let figure = body.range(of: "/\(prefix)", options: .backwards) ?? body.range(of: "\"\(prefix)", options: .backwards) else {
            return body + block
        }
        guard let heading = body.range(of: "<h[1-6][ >]", options: .regularExpression, range: figure.upperBound..<body.endIndex) else {
            return body + block
        }
        return String(body[..<heading.lowerBound]) + block + String(body[heading.lowerBound...])
    }
}
