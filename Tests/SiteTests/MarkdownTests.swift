import Testing
@testable import Site

/// cmark-gfm with the reports' constructs, and math surviving it intact.
@Suite struct MarkdownTests {
    func html(_ markdown: String) throws -> String {
        try Markdown.convert(markdown, link: { "L(\($0))" }, image: { url, text in "<img src=\"\(url)\" alt=\"\(text)\">" }).body
    }

    @Test func mathSurvivesTheConversion() throws {
        // Without protection: `_…_` and `*…*` become emphasis, `\\` one backslash, `|` a cell border.
        let source = "| a | b |\n|---|---|\n| $\\|x_1\\|_2$ | $a * b * c \\\\ d_{t}_{s}$ |\n"
        let math = try MathSpans(extractingFrom: source)
        let out = try MathSpans.substitute(try html(math.markdown), rendered: math.spans.map { "[\($0.tex)]" })
        #expect(out.contains("<td>[\\|x_1\\|_2]</td>"))
        #expect(out.contains("<td>[a * b * c \\\\ d_{t}_{s}]</td>"))
        #expect(!out.contains("<em>"))
    }

    @Test func tablesFencedCodeAndRawHTML() throws {
        let out = try html("| x |\n|:-:|\n| ✓ |\n\n```swift\nlet a = 1 < 2\n```\n\n<details><summary>Answer</summary>\n\n42\n\n</details>\n")
        #expect(out.contains("<table>") && out.contains("<td align=\"center\">✓</td>"))
        #expect(out.contains("<pre><code class=\"language-swift\">let a = 1 &lt; 2\n</code></pre>"))
        #expect(out.contains("<details><summary>Answer</summary>") && out.contains("<p>42</p>"))
    }

    @Test func linksImagesAndRawAttributesAreMapped() throws {
        let out = try html("[a](x.md) ![cap *b*](f.png)\n\n<a href=\"y.svg\"><img src=\"y.png\" width=\"9\"></a>\n")
        #expect(out.contains("<a href=\"L(x.md)\">a</a>"))
        #expect(out.contains("<img src=\"f.png\" alt=\"cap b\">"))
        #expect(out.contains("<a href=\"L(y.svg)\"><img src=\"L(y.png)\" width=\"9\"></a>"))
    }

    @Test func theLeadingHeadingBecomesTheTitle() throws {
        let c = try Markdown.convert("# 05 · *Gradients*\n\ntext\n", link: { $0 }, image: { u, _ in u })
        #expect(c.titleHTML == "05 · <em>Gradients</em>")
        #expect(c.titleText == "05 · Gradients")
        #expect(c.body == "<p>text</p>\n")
    }

    @Test func headingsGetTheAnchorsACodeHostGives() throws {
        let out = try html("## The math\n\n### Check it in PyTorch!\n\n## The math\n\n## 核心思想\n")
        #expect(out.contains("<h2><a id=\"the-math\"></a>The math</h2>"))
        #expect(out.contains("<h3><a id=\"check-it-in-pytorch\"></a>Check it in PyTorch!</h3>"))
        #expect(out.contains("<h2><a id=\"the-math-1\"></a>The math</h2>"))
        #expect(out.contains("<h2><a id=\"核心思想\"></a>核心思想</h2>"))
    }
}
