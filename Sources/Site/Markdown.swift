import CCmark
import Foundation

/// Markdown to HTML through cmark-gfm (GitHub's CommonMark implementation)
/// with its table, autolink and strikethrough extensions.
///
/// Between parsing and rendering, the syntax tree is edited: every link's
/// URL goes through `link`, every image is replaced by the HTML `image`
/// makes of its URL and its text, every `href`/`src` in raw HTML goes
/// through `link` too, and a leading level-1 heading is taken out (the page
/// shows it in its header). Raw HTML is kept (`CMARK_OPT_UNSAFE`): the
/// reports are ours, and they use `<details>` and `<img>`.
public enum Markdown {
    public struct Converted: Equatable {
        /// The leading `# heading` as HTML (inline content only), or nil.
        public var titleHTML: String?
        /// The same heading as plain text.
        public var titleText: String?
        /// The rest of the document as HTML.
        public var body: String
    }

    public static func convert(
        _ markdown: String,
        link: (String) throws -> String,
        image: (_ url: String, _ text: String) throws -> String
    ) throws -> Converted {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_UNSAFE
        guard let parser = cmark_parser_new(options) else { throw SiteError.io("cmark-gfm: cannot create a parser") }
        defer { cmark_parser_free(parser) }
        for name in ["table", "autolink", "strikethrough"] {
            guard let ext = cmark_find_syntax_extension(name), cmark_parser_attach_syntax_extension(parser, ext) != 0 else {
                throw SiteError.io("cmark-gfm: the '\(name)' extension is missing")
            }
        }
        let bytes = Array(markdown.utf8)
        bytes.withUnsafeBufferPointer { b in
            b.baseAddress.map { p in p.withMemoryRebound(to: CChar.self, capacity: b.count) { cmark_parser_feed(parser, $0, b.count) } }
        }
        guard let doc = cmark_parser_finish(parser) else { throw SiteError.io("cmark-gfm: parsing failed") }
        defer { cmark_node_free(doc) }

        // Collect first, edit after: the iterator must not see a changing tree.
        var links: [OpaquePointer] = [], images: [OpaquePointer] = [], html: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        let iter = cmark_iter_new(doc)
        defer { cmark_iter_free(iter) }
        while cmark_iter_next(iter) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iter) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK: links.append(node)
            case CMARK_NODE_IMAGE: images.append(node)
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK: html.append(node)
            case CMARK_NODE_HEADING: headings.append(node)
            default: break
            }
        }
        for node in links {
            cmark_node_set_url(node, try link(string(cmark_node_get_url(node))))
        }
        for node in html {
            cmark_node_set_literal(node, try HTMLAttributes.rewriteLinks(in: string(cmark_node_get_literal(node)), with: link))
        }
        for node in images {
            let replacement = cmark_node_new(CMARK_NODE_HTML_INLINE)
            cmark_node_set_literal(replacement, try image(string(cmark_node_get_url(node)), plainText(node)))
            cmark_node_replace(node, replacement)
            cmark_node_free(node)
        }

        // Anchors as a code host makes them, so that `#the-math` links work.
        var slugs = HeadingSlugs()
        for node in headings where node != cmark_node_first_child(doc) || cmark_node_get_heading_level(node) != 1 {
            let anchor = cmark_node_new(CMARK_NODE_HTML_INLINE)
            cmark_node_set_literal(anchor, "<a id=\"\(HTMLAttributes.escape(slugs.next(plainText(node))))\"></a>")
            cmark_node_prepend_child(node, anchor)
        }

        var titleHTML: String?, titleText: String?
        if let first = cmark_node_first_child(doc), cmark_node_get_type(first) == CMARK_NODE_HEADING,
           cmark_node_get_heading_level(first) == 1 {
            let h = try render(first, options: options, parser: parser)
            titleHTML = h.replacingOccurrences(of: "^<h1>|</h1>\\s*$", with: "", options: .regularExpression)
            titleText = plainText(first)
            cmark_node_unlink(first)
            cmark_node_free(first)
        }
        return Converted(titleHTML: titleHTML, titleText: titleText, body: try render(doc, options: options, parser: parser))
    }

    static func render(_ node: OpaquePointer, options: Int32, parser: OpaquePointer) throws -> String {
        guard let out = cmark_render_html(node, options, cmark_parser_get_syntax_extensions(parser)) else {
            throw SiteError.io("cmark-gfm: rendering failed")
        }
        defer { free(out) }
        return String(cString: out)
    }

    /// The text of a node's descendants (text, code, line breaks as spaces).
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let c = child {
            switch cmark_node_get_type(c) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += string(cmark_node_get_literal(c))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: text += plainText(c)
            }
            child = cmark_node_next(c)
        }
        return text
    }

    static func string(_ p: UnsafePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
}

/// Heading anchors the way GitHub writes them: lower case, letters, digits,
/// `-` and `_` kept, spaces made `-`, everything else dropped, and `-1`,
/// `-2`, … after a repeated one. Math placeholders are dropped too.
struct HeadingSlugs {
    var seen: [String: Int] = [:]

    mutating func next(_ text: String) -> String {
        let plain = text.replacingOccurrences(of: "\u{E000}[0-9]+\u{E001}", with: "", options: .regularExpression)
        var slug = ""
        for c in plain.lowercased() {
            if c.isLetter || c.isNumber || c == "-" || c == "_" { slug.append(c) } else if c == " " { slug.append("-") }
        }
        let count = seen[slug, default: 0]
        seen[slug] = count + 1
        return count == 0 ? slug : "\(slug)-\(count)"
    }
}

/// The `href` and `src` attributes of raw HTML in a report (the index's
/// thumbnails are `<a href><img src></a>`), found with a pattern that
/// accepts only double-quoted values — what the reports write.
enum HTMLAttributes {
    static func rewriteLinks(in html: String, with link: (String) throws -> String) throws -> String {
        let pattern = try NSRegularExpression(pattern: "\\b(href|src)=\"([^\"]*)\"")
        var out = ""
        var last = html.startIndex
        for m in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            guard let whole = Range(m.range, in: html), let name = Range(m.range(at: 1), in: html),
                  let value = Range(m.range(at: 2), in: html) else { continue }
            out += html[last..<whole.lowerBound]
            out += "\(html[name])=\"\(escape(try link(unescape(String(html[value])))))\""
            last = whole.upperBound
        }
        return out + html[last...]
    }

    /// `&`, `<`, `>` and `"` as entities: text safe inside an element or a
    /// double-quoted attribute.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
