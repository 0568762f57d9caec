import Foundation
import PlotCairo

/// The course index, `Output/README.md` and its translations, built from the
/// `claims.json` each lesson writes beside its report.
public enum CourseIndex {
    /// What a lesson records for the index.
    static func entry<L: Lesson>(lesson: L.Type, seed: UInt64, strings: StringTables,
                                 figures: [String], claims: [Claim]) throws -> JSONValue {
        func perLanguage(_ text: Localized) -> JSONValue {
            .object(Language.allCases.map { ($0.rawValue, .string(text[$0])) })
        }
        return .object([
            ("lesson", .string(L.executable)),
            ("number", .int(L.number)),
            ("folder", .string(L.folder)),
            ("title", perLanguage(try strings.text("title"))),
            ("summary", perLanguage(try strings.text("summary"))),
            ("seed", .int(seed)),
            ("command", .string(L.command(seed: seed))),
            ("figures", .array(figures.map { .string($0) })),
            ("claims", .array(claims.map(\.json))),
        ])
    }

    /// One lesson as the index reads it back from `claims.json`.
    struct Entry {
        var lesson: String
        var number: Int
        var folder: String
        var title: [String: String]
        var summary: [String: String]
        var command: String
        var figures: [String]
        /// Each claim's statement by language code, and whether it holds.
        var claims: [(statement: [String: String], holds: Bool)]

        init?(_ data: Data) {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let lesson = object["lesson"] as? String, let number = object["number"] as? Int,
                  let folder = object["folder"] as? String,
                  let title = object["title"] as? [String: String], let summary = object["summary"] as? [String: String],
                  let command = object["command"] as? String, let figures = object["figures"] as? [String],
                  let claims = object["claims"] as? [[String: Any]] else { return nil }
            (self.lesson, self.number, self.folder, self.title, self.summary, self.command, self.figures) =
                (lesson, number, folder, title, summary, command, figures)
            self.claims = claims.map { c in
                var statement: [String: String] = [:]
                for language in Language.allCases {
                    statement[language.rawValue] = c[language == .en ? "statement" : "statement_\(language.rawValue)"] as? String
                }
                return (statement, c["holds"] as? Bool ?? false)
            }
        }
    }

    /// Reads every `NN-*/claims.json` under `root` and writes the index in
    /// every language (atomically). Throws if a lesson's claims file is
    /// unreadable or any claim is recorded as failing.
    public static func write(root: String) throws {
        let rootURL = URL(fileURLWithPath: root)
        let folders = try FileManager.default.contentsOfDirectory(atPath: root)
            .filter { $0.first?.isNumber == true }
            .sorted()
        var entries: [Entry] = []
        for folder in folders {
            let url = rootURL.appendingPathComponent(folder).appendingPathComponent("claims.json")
            guard let data = try? Data(contentsOf: url) else { continue }
            guard let entry = Entry(data) else {
                throw LessonError.io("\(url.path) is not a lesson claims file; regenerate it with make lessons")
            }
            entries.append(entry)
        }
        guard !entries.isEmpty else { throw LessonError.io("no lesson reports under \(root); run the lessons first") }
        let course = try LessonSource.courseStrings()
        var files = OutputFiles()
        for language in Language.allCases {
            files.add(language.reportFileName, text: try markdown(entries, language: language, strings: course[language]))
        }
        try files.commit(to: rootURL)
        let failing = entries.flatMap { e in e.claims.filter { !$0.holds }.map { "\(e.lesson): \($0.statement["en"] ?? "")" } }
        if !failing.isEmpty { throw LessonError.claimsFailed(failing) }
    }

    static func markdown(_ entries: [Entry], language: Language, strings: StringTable) throws -> String {
        let total = entries.reduce(0) { $0 + $1.claims.count }
        let holding = entries.reduce(0) { $0 + $1.claims.filter(\.holds).count }
        var out = [
            try strings.text("index.title"), "",
            try strings.text("index.generated"), "",
            try strings.text("index.claims-hold", ["holding": String(holding), "total": String(total)]),
        ]
        for e in entries {
            out.append("")
            let number = (e.number < 10 ? "0" : "") + String(e.number)
            out.append("## \(number) · [\(e.title[language.rawValue] ?? "")](\(e.folder)/\(language.reportFileName))")
            out.append("")
            out.append(e.summary[language.rawValue] ?? "")
            out.append("")
            out.append("```sh\n\(e.command)\n```")
            if !e.figures.isEmpty {
                out.append("")
                out.append(e.figures.map { name in
                    let svg = FigureSpec.path(name, language, .svg), png = FigureSpec.path(name, language, .png)
                    return "<a href=\"\(e.folder)/\(svg)\"><img src=\"\(e.folder)/\(png)\" width=\"260\" alt=\"\(name)\"></a>"
                }
                    .joined(separator: " "))
            }
            out.append("")
            for claim in e.claims {
                out.append("- \(claim.holds ? "✓" : "✗") \(claim.statement[language.rawValue] ?? "")")
            }
        }
        out += ["", try strings.text("index.glossary-title"), "", try strings.text("index.glossary-intro"), "",
                try strings.text("index.glossary-header")]
        for term in try Glossary.load().terms {
            let others = (term.avoid ?? []) + (term.once.map { ["\($0)¹"] } ?? [])
            out.append("| \(term.en) | \(term.zh) | \(others.isEmpty ? "—" : others.joined(separator: ", ")) |")
        }
        out += ["", try strings.text("index.glossary-once")]
        return out.joined(separator: "\n") + "\n"
    }
}

/// The course's Chinese terms, `Lessons/glossary.json`: the section's own
/// word for each idea, the variants the reports avoid, and one that may
/// appear once in parentheses. The index prints it; a test enforces it.
public struct Glossary: Decodable, Sendable {
    public struct Term: Decodable, Sendable {
        public var en: String
        public var zh: String
        public var avoid: [String]?
        public var once: String?
    }
    public struct Phrase: Decodable, Sendable {
        public var avoid: String
        public var use: String
    }
    public var terms: [Term]
    public var phrases: [Phrase]

    public static func load() throws -> Glossary {
        let url = LessonSource.lessonsFolder.appendingPathComponent("glossary.json")
        guard let data = try? Data(contentsOf: url), let glossary = try? JSONDecoder().decode(Glossary.self, from: data) else {
            throw LessonError.io("cannot read the glossary \(url.path)")
        }
        return glossary
    }
}
