import Foundation
import Testing
@testable import Site

/// The whole generator on a small made-up course: pages, links, figures,
/// math, determinism, and failures that leave the previous site alone.
/// Needs Debian's katex (make deps installs it).
@Suite struct SiteBuilderTests {
    let repo: URL
    var output: URL { repo.appendingPathComponent("Output") }

    init() throws {
        repo = FileManager.default.temporaryDirectory.appendingPathComponent("site-tests-\(UUID().uuidString)")
        try write("Lessons/01-demo/Demo.swift", "let x = 1 // the lesson's code\n")
        try write("Output/README.md", "# Demo course\n\n[中文](README.zh.md) · [lesson](01-demo/README.md)\n")
        try write("Output/README.zh.md", "# 演示课程\n\n[English](README.md)\n")
        try write("Output/01-demo/README.md", """
            # 01 · Demo

            [中文](README.zh.md) · [Course index](../README.md) · [code](../../Lessons/01-demo/Demo.swift)

            Math $\\mathbf{W}_{hh} * x_t$ and

            $$
            \\|a\\|_2 \\le \\frac{1}{2}
            $$

            ![The $\\rho$ figure](figures/fig.png)

            """)
        try write("Output/01-demo/README.zh.md", "# 01 · 演示\n\n[English](README.md) · 公式 $a_b$\n")
        try write("Output/01-demo/figures/fig.png", "not really a PNG")
        try write("Output/01-demo/figures/fig.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        try write("Output/01-demo/claims.json", #"{"number": 1, "title": {"en": "Demo"}, "summary": {"en": "A summary.", "zh": "摘要。"}}"#)
    }

    func write(_ path: String, _ text: String) throws {
        let url = repo.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @discardableResult
    func build() throws -> (pages: Int, files: Int) {
        try SiteBuilder(output: output, katex: try KaTeX.locate(directory: "/usr/share/javascript/katex"), seed: 0).build()
    }

    func read(_ sitePath: String) throws -> String {
        String(decoding: try Data(contentsOf: output.appendingPathComponent("site").appendingPathComponent(sitePath)), as: UTF8.self)
    }

    func snapshot() throws -> [String: Data] {
        let site = output.appendingPathComponent("site")
        var files: [String: Data] = [:]
        for case let url as URL in FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil)! where !url.hasDirectoryPath {
            files[String(url.path.dropFirst(site.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func pagesLinksFiguresAndMath() throws {
        defer { try? FileManager.default.removeItem(at: repo) }
        let written = try build()
        #expect(written.pages == 5)      // index and lesson in two languages, one source page
        let page = try read("01-demo/index.html")
        #expect(page.contains("<html lang=\"en\" data-page=\"01-demo\">"))
        #expect(page.contains("<h1>01 · Demo</h1>") && page.contains("<p class=\"summary\">A summary.</p>"))
        #expect(page.contains("<a href=\"index.zh.html\" hreflang=\"zh\" lang=\"zh\">中文</a>"))
        #expect(page.contains("href=\"../index.html\">Course index</a>"))
        #expect(page.contains("href=\"../source/Lessons/01-demo/Demo.swift.html\""))
        #expect(page.contains("<picture><source srcset=\"figures/fig.svg\" type=\"image/svg+xml\"><img src=\"figures/fig.png\" alt=\"The \\rho figure\"></picture>"))
        #expect(page.contains("<span class=\"katex-display\">") && !page.contains("<p><span class=\"katex-display\">"))
        #expect(page.contains("<annotation encoding=\"application/x-tex\">\\mathbf{W}_{hh} * x_t</annotation>"))
        #expect(page.contains("\\|a\\|_2 \\le \\frac{1}{2}</annotation>"))
        #expect(!page.contains("$") && !page.contains("<em>"))
        #expect(try read("01-demo/index.zh.html").contains("<p class=\"summary\">摘要。</p>"))
        #expect(try read("source/Lessons/01-demo/Demo.swift.html").contains("let x = 1 // the lesson's code"))
        #expect(try read("01-demo/figures/fig.svg").hasPrefix("<svg"))
        #expect(try read("assets/katex/katex.min.css").contains("woff2"))
        #expect(try !read("assets/katex/katex.min.css").contains(".ttf"))
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        defer { try? FileManager.default.removeItem(at: repo) }
        try build()
        let first = try snapshot()
        try build()
        #expect(try snapshot() == first)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(".site.new-\(getpid())").path))
    }

    @Test func aBrokenLinkStopsTheBuildAndKeepsTheOldSite() throws {
        defer { try? FileManager.default.removeItem(at: repo) }
        try build()
        let before = try snapshot()
        try write("Output/01-demo/README.zh.md", "# 01\n\n[gone](figures/missing.png)\n")
        #expect(throws: SiteError.invalidInput("\(output.path)/01-demo/README.zh.md links to figures/missing.png, which does not exist")) {
            try build()
        }
        #expect(try snapshot() == before)
    }

    @Test func badTeXIsNamed() throws {
        defer { try? FileManager.default.removeItem(at: repo) }
        try write("Output/01-demo/README.zh.md", "# 01\n\n$\\frac{a$\n")
        do {
            try build()
            Issue.record("a formula KaTeX cannot parse was accepted")
        } catch let SiteError.math(message) {
            #expect(message.contains("$\\frac{a$"))
        }
    }
}
