/// The HTML around a page's content: head (stylesheets, viewport), a bar
/// with the course link and the language switch, the title and summary,
/// previous/next links, a footer.
///
/// `<html>` carries `lang` and `data-page` (the page id), which the browser
/// test reads to check that the language switch lands on the same page.
struct PageChrome {
    var sitePath: String
    var language: String
    var pageID: String
    var strings: SiteStrings
    var titleHTML: String
    var titleText: String
    var summary: String?
    /// Other languages of this page: (language, site path, its own name).
    var alternates: [(language: String, sitePath: String, name: String)]
    /// (site path, label) of the index page in this language, if any.
    var index: (sitePath: String, label: String)?
    var previous: (sitePath: String, label: String)?
    var next: (sitePath: String, label: String)?
    /// Extra elements at the end of `<body>` (scripts).
    var scripts: [String] = []

    func link(_ to: String) -> String { escape(LinkMap.relativeLink(from: sitePath, to: to)) }

    func html(body: String) throws -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="\(escape(language))" data-page="\(escape(pageID))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(titleText)) · \(escape(try strings.text("course")))</title>
        <link rel="stylesheet" href="\(link(SiteAssets.katexCSS))">
        <link rel="stylesheet" href="\(link(SiteAssets.siteCSS))">

        """
        for a in alternates {
            h += "<link rel=\"alternate\" hreflang=\"\(escape(a.language))\" href=\"\(link(a.sitePath))\">\n"
        }
        h += "</head>\n<body>\n<header class=\"site-bar\">\n<nav class=\"crumbs\">"
        if let index {
            h += "<a href=\"\(link(index.sitePath))\">\(escape(try strings.text("course")))</a>"
        } else {
            h += "<span>\(escape(try strings.text("course")))</span>"
        }
        h += "</nav>\n"
        if !alternates.isEmpty {
            h += "<nav class=\"lang-switch\">"
            h += alternates.map {
                "<a href=\"\(link($0.sitePath))\" hreflang=\"\(escape($0.language))\" lang=\"\(escape($0.language))\">\(escape($0.name))</a>"
            }.joined(separator: " ")
            h += "</nav>\n"
        }
        h += "</header>\n<main>\n<header class=\"page-title\">\n<h1>\(titleHTML)</h1>\n"
        if let summary, !summary.isEmpty { h += "<p class=\"summary\">\(escape(summary))</p>\n" }
        h += "</header>\n"
        h += body
        h += "</main>\n"
        if previous != nil || next != nil {
            h += "<nav class=\"prev-next\">\n"
            if let previous {
                h += "<a rel=\"prev\" href=\"\(link(previous.sitePath))\"><span>\(escape(try strings.text("previous")))</span> \(escape(previous.label))</a>\n"
            }
            if let next {
                h += "<a rel=\"next\" href=\"\(link(next.sitePath))\"><span>\(escape(try strings.text("next")))</span> \(escape(next.label))</a>\n"
            }
            h += "</nav>\n"
        }
        h += "<footer class=\"site-footer\"><p>\(escape(try strings.text("footer")))</p></footer>\n"
        for s in scripts { h += s + "\n" }
        h += "</body>\n</html>\n"
        return h
    }
}

/// `&`, `<`, `>`, `"` as entities.
func escape(_ s: String) -> String { HTMLAttributes.escape(s) }
