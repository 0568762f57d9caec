import Foundation
import Testing
import Course

/// The Chinese text of the course uses the section's own terms
/// (`Lessons/glossary.json`): no rejected variant anywhere, a tolerated
/// variant at most once per file and only in parentheses, and full-width
/// quotation marks around Chinese text.
@Suite struct GlossaryTests {
    static func glossary() throws -> Glossary { try Glossary.load() }

    /// Every Chinese template and string table under Lessons/.
    static func chineseSources() throws -> [URL] {
        let root = LessonSource.lessonsFolder
        let files = try #require(FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String])
        return files.filter { $0.hasSuffix(".zh.md.mustache") || $0.hasSuffix("strings.zh.json") }
            .sorted().map { root.appendingPathComponent($0) }
    }

    /// The prose of a file: fenced code, inline code, math and HTML tags removed.
    static func prose(_ text: String) -> String {
        var out = text
        for pattern in ["```[\\s\\S]*?```", "`[^`\\n]*`", "\\$\\$[\\s\\S]*?\\$\\$", "\\$[^$\\n]*\\$", "<[^>\\n]*>", "\\{\\{[^}]*\\}\\}\\}?"] {
            out = out.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return out
    }

    /// Occurrences of `word` that are not part of `preferred`.
    static func count(_ word: String, in text: String, outside preferred: String) -> Int {
        text.components(separatedBy: preferred).map { $0.components(separatedBy: word).count - 1 }.reduce(0, +)
    }

    @Test func sourcesExist() throws {
        #expect(try Self.chineseSources().count >= 8)
    }

    @Test func noRejectedTermOrPhrase() throws {
        let glossary = try Self.glossary()
        for url in try Self.chineseSources() {
            let text = Self.prose(try String(contentsOf: url, encoding: .utf8))
            let name = url.pathComponents.suffix(3).joined(separator: "/")
            for term in glossary.terms {
                for variant in term.avoid ?? [] {
                    let n = Self.count(variant, in: text, outside: term.zh)
                    #expect(n == 0, "\(name): “\(variant)” \(n)× — the course says “\(term.zh)” (\(term.en))")
                }
                if let once = term.once {
                    let n = Self.count(once, in: text, outside: term.zh)
                    #expect(n <= 1, "\(name): “\(once)” \(n)× — say “\(term.zh)”; “\(once)” at most once, in parentheses")
                }
            }
            for phrase in glossary.phrases {
                #expect(!text.contains(phrase.avoid), "\(name): “\(phrase.avoid)” — use \(phrase.use)")
            }
        }
    }

    @Test func quotationMarksAreFullWidth() throws {
        for url in try Self.chineseSources() where url.pathExtension == "mustache" {
            let text = Self.prose(try String(contentsOf: url, encoding: .utf8))
            let name = url.pathComponents.suffix(3).joined(separator: "/")
            #expect(!text.contains("\""), "\(name): ASCII \" in Chinese prose; use “…”")
        }
    }
}
