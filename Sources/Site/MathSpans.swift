import Foundation

/// TeX math in Markdown, taken out before the Markdown conversion and put
/// back, typeset, after it.
///
/// A Markdown parser knows nothing of math: `$a_t * b_t$` would become
/// emphasis, `\\` a single backslash, and a `|` inside `$\|x\|$` would split
/// a table cell. So every math span is replaced by a placeholder that
/// Markdown leaves alone — a private-use character, the span's index, and a
/// second private-use character — and the converted HTML gets the typeset
/// math in its place.
///
/// The delimiters follow the usual dollar convention (Pandoc's
/// `tex_math_dollars`):
/// - `$$…$$` is display math and may span lines;
/// - `$…$` is inline math: the opening `$` is not followed by white space,
///   the closing one is not followed by a digit (so "costs $5 or $6" stays
///   text), and it ends within the paragraph. Unlike Pandoc, white space
///   before the closing `$` is allowed: the reports write `$\phi = $ tanh`;
/// - `\$` is a literal dollar;
/// - nothing inside a fenced code block (```` ``` ```` or `~~~`) or an inline
///   code span (a run of n backticks up to the next run of exactly n) is math.
public struct MathSpans: Equatable, Sendable {
    public struct Span: Hashable, Sendable {
        /// The TeX between the delimiters, as written.
        public var tex: String
        /// `$$…$$` (a displayed equation) rather than `$…$`.
        public var display: Bool
    }

    /// The Markdown with every math span replaced by ``placeholder(_:)``.
    public var markdown: String
    /// The spans, in order of appearance; span i is `placeholder(i)`.
    public var spans: [Span]

    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    /// The text that stands for span `index` until the math is typeset.
    public static func placeholder(_ index: Int) -> String { "\(open)\(index)\(close)" }

    /// Splits `markdown` into text with placeholders and the math spans.
    /// Throws if the text already contains the placeholder characters.
    public init(extractingFrom source: String) throws {
        let markdown = source.replacingOccurrences(of: "\r\n", with: "\n")
        if markdown.contains(Self.open) || markdown.contains(Self.close) {
            throw SiteError.invalidInput("the Markdown contains U+E000 or U+E001, which stand for math while it is converted")
        }
        var out = ""
        var spans: [Span] = []
        var fence: (char: Character, count: Int)?
        var prose: [Character] = []     // the current stretch of non-fenced text
        func flushProse() {
            out += Self.replaceMath(in: prose, spans: &spans)
            prose.removeAll()
        }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, line) in lines.enumerated() {
            let newline = i < lines.count - 1 ? "\n" : ""
            if let f = fence {
                out += line + newline
                if let run = Self.fenceRun(line), run.char == f.char, run.count >= f.count,
                   line.drop(while: { $0 == " " }).dropFirst(run.count).allSatisfy(\.isWhitespace) {
                    fence = nil
                }
                continue
            }
            if let run = Self.fenceRun(line) {
                flushProse()
                fence = run
                out += line + newline
                continue
            }
            prose.append(contentsOf: line + newline)
        }
        flushProse()
        self.markdown = out
        self.spans = spans
    }

    /// A fence opener or closer: up to three spaces, then three or more
    /// backticks or tildes.
    static func fenceRun(_ line: String) -> (char: Character, count: Int)? {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let c = rest.first, c == "`" || c == "~" else { return nil }
        let n = rest.prefix(while: { $0 == c }).count
        return n >= 3 ? (c, n) : nil
    }

    /// Replaces the math in a stretch of text that holds no fenced code.
    static func replaceMath(in text: [Character], spans: inout [Span]) -> String {
        var out = ""
        var i = 0
        let n = text.count
        func run(of c: Character, at k: Int) -> Int {
            var j = k
            while j < n && text[j] == c { j += 1 }
            return j - k
        }
        while i < n {
            let c = text[i]
            if c == "\\" && i + 1 < n {             // an escape: both characters stay as they are
                out.append(c); out.append(text[i + 1]); i += 2; continue
            }
            if c == "`" {                            // a code span: copied untouched
                let open = run(of: "`", at: i)
                var j = i + open
                var closeAt: Int?
                while j < n {
                    if text[j] == "`" {
                        let r = run(of: "`", at: j)
                        if r == open { closeAt = j; break }
                        j += r
                    } else { j += 1 }
                }
                let end = closeAt.map { $0 + open } ?? i + open
                out += String(text[i..<end]); i = end; continue
            }
            if c == "$" && i + 1 < n && text[i + 1] == "$" {          // display math
                if let j = find(in: text, from: i + 2, where: { k in text[k] == "$" && k + 1 < n && text[k + 1] == "$" }) {
                    let tex = String(text[(i + 2)..<j]).trimmingWhitespace()
                    if !tex.isEmpty {
                        out += placeholder(spans.count)
                        spans.append(Span(tex: tex, display: true))
                        i = j + 2; continue
                    }
                }
                out += "$$"; i += 2; continue
            }
            if c == "$" && i + 1 < n && !text[i + 1].isWhitespace {   // inline math
                let j = find(in: text, from: i + 1, stopAtBlankLine: true, where: { k in
                    text[k] == "$" && !(k + 1 < n && text[k + 1].isNumber)
                })
                if let j {
                    out += placeholder(spans.count)
                    spans.append(Span(tex: String(text[(i + 1)..<j]), display: false))
                    i = j + 1; continue
                }
            }
            out.append(c); i += 1
        }
        return out
    }

    /// The first index k ≥ `start` that satisfies `match`, skipping escaped
    /// characters; with `stopAtBlankLine`, nil once a paragraph ends.
    static func find(in text: [Character], from start: Int, stopAtBlankLine: Bool = false,
                     where match: (Int) -> Bool) -> Int? {
        var k = start
        while k < text.count {
            if text[k] == "\\" { k += 2; continue }
            if stopAtBlankLine && text[k] == "\n" {
                var j = k + 1
                while j < text.count && (text[j] == " " || text[j] == "\t") { j += 1 }
                if j >= text.count || text[j] == "\n" { return nil }
            }
            if match(k) { return k }
            k += 1
        }
        return nil
    }

    /// `html` with each placeholder replaced by `rendered[i]`.
    public static func substitute(_ html: String, rendered: [String]) throws -> String {
        var out = ""
        var rest = Substring(html)
        while let start = rest.firstIndex(of: open) {
            out += rest[..<start]
            guard let end = rest[start...].firstIndex(of: close),
                  let index = Int(rest[rest.index(after: start)..<end]), rendered.indices.contains(index) else {
                throw SiteError.invalidInput("a math placeholder was damaged by the Markdown conversion")
            }
            out += rendered[index]
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
