import Foundation

/// The lesson's own code, quoted into its report.
///
/// A lesson marks the code a student should read with a pair of comment
/// lines, `// BEGIN-QUOTE name` and `// END-QUOTE name`; the report shows
/// exactly those lines (dedented), so the code in the text is the code that
/// ran. Templates live in the lesson folder, beside the code
/// (`report/README.md.mustache`, `report/README.zh.md.mustache`).
public struct LessonSource: Sendable {
    /// The lesson's folder, e.g. `…/Lessons/03-concat`.
    public let folder: URL

    /// `file` is the `#filePath` of any Swift file in the lesson's folder.
    public init(file: String) {
        folder = URL(fileURLWithPath: file).deletingLastPathComponent()
    }

    /// The lines between `// BEGIN-QUOTE name` and `// END-QUOTE name` in
    /// `fileName`, with their common indentation removed.
    public func excerpt(_ name: String, in fileName: String) throws -> String {
        let path = folder.appendingPathComponent(fileName).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LessonError.io("cannot read the lesson source \(path) (reports are generated from a checkout of the repository)")
        }
        return try Self.excerpt(name, from: text, fileName: fileName)
    }

    static func excerpt(_ name: String, from text: String, fileName: String) throws -> String {
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
        let path = folder.appendingPathComponent("report/\(language.reportFileName).mustache").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LessonError.io("cannot read the report template \(path)")
        }
        return text
    }
}
