import Foundation

/// The files of a lesson in the repository, read at run time: its teaching
/// code (quoted into the report), its templates and string tables.
///
/// A lesson marks the code a student should read with a pair of comment
/// lines, `// BEGIN-QUOTE name` and `// END-QUOTE name`; the report shows
/// exactly those lines (dedented), so the code in the text is the code that
/// ran. Everything that presents a lesson lives in its `Presentation/`
/// folder: `README.<lang>.md.mustache` and `strings.<lang>.json`.
public struct LessonSource: Sendable {
    /// `…/Lessons`, found from this file's place in the repository.
    public static let lessonsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lessons")

    /// The lesson's folder, e.g. `…/Lessons/03-concat`.
    public let folder: URL

    public init(folder name: String) {
        folder = Self.lessonsFolder.appendingPathComponent(name)
    }

    public var presentation: URL { folder.appendingPathComponent("Presentation") }

    /// The lines between `// BEGIN-QUOTE name` and `// END-QUOTE name` in
    /// `fileName` (relative to the lesson folder), common indentation removed.
    public func excerpt(_ name: String, in fileName: String) throws -> String {
        let path = folder.appendingPathComponent(fileName).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LessonError.io("cannot read the lesson source \(path) (reports are generated from a checkout of the repository)")
        }
        return try Self.excerpt(name, from: text, fileName: fileName)
    }

    public static func excerpt(_ name: String, from text: String, fileName: String) throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = "// BEGIN-QUOTE \(name)", end = "// END-QUOTE \(name)"
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == begin }),
              let stop = lines[start...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == end }) else {
            throw LessonError.io("\(fileName) has no '\(begin)' … '\(end)' block")
        }
        let body = lines[(start + 1)..<stop]
        let indent = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        return body.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }.joined(separator: "\n")
    }

    /// The report template for `language`.
    public func template(for language: Language) throws -> String {
        let url = presentation.appendingPathComponent("\(language.reportFileName).mustache")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw LessonError.io("cannot read the report template \(url.path)")
        }
        return text
    }

    /// The lesson's string tables (title, summary, claims, captions).
    public func strings() throws -> StringTables { try StringTables.load(folder: presentation) }

    /// The course's own string tables (table headers, units, the index,
    /// chart labels), read once per process: every figure of every language
    /// asks for them.
    public static func courseStrings() throws -> StringTables { try courseTables.get() }

    private static let courseTables = Result { try StringTables.load(folder: lessonsFolder) }
}
