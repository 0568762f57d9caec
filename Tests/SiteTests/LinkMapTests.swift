import Testing
@testable import Site

@Suite struct LinkMapTests {
    @Test(arguments: [
        ("05-gradients/index.html", "01-mlp/index.zh.html", "../01-mlp/index.zh.html"),
        ("05-gradients/index.html", "05-gradients/figures/a.svg", "figures/a.svg"),
        ("index.html", "05-gradients/index.html", "05-gradients/index.html"),
        ("05-gradients/index.zh.html", "index.zh.html", "../index.zh.html"),
        ("source/Lessons/01-mlp/MLPLesson.swift.html", "assets/site.css", "../../../assets/site.css"),
        ("index.html", "a b/c#d.png", "a%20b/c%23d.png"),
    ])
    func relativeLinks(from: String, to: String, expected: String) {
        #expect(LinkMap.relativeLink(from: from, to: to) == expected)
    }

    @Test func reportNamesGiveLanguages() {
        #expect(SiteLayout.language(ofReport: "README.md") == "en")
        #expect(SiteLayout.language(ofReport: "README.zh.md") == "zh")
        #expect(SiteLayout.language(ofReport: "README.md.mustache") == nil)
        #expect(SiteLayout.language(ofReport: "NOTES.md") == nil)
    }
}
