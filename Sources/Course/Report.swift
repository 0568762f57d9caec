import Foundation
import Mustache

/// Renders a lesson's Markdown report from its template.
///
/// Templates are Mustache with the `TEXT` content type (nothing is
/// HTML-escaped). The context is the lesson's typed report values (one
/// `Encodable` struct, read by property name) plus the keys every report
/// gets: ``commonKeys``.
public enum Report {
    /// The keys the lesson command adds to every report: `title` (from the
    /// string table), `claims_table`, `seed`, `command`, and `figure_<name>`
    /// for each figure.
    public static let commonKeys: Set<String> = ["title", "claims_table", "seed", "command"]

    public static func render(template: String, values: some Encodable, common: [String: String],
                              templateName: String) throws -> String {
        let parsed: MustacheTemplate
        do {
            parsed = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + template)
        } catch {
            throw LessonError.io("the report template \(templateName) does not parse: \(error)")
        }
        var context: [String: Any] = common
        for child in Mirror(reflecting: values).children {
            if let label = child.label { context[label] = child.value }
        }
        var text = parsed.render(context)
        // One trailing newline, no trailing blanks: stable, diff-friendly files.
        while text.hasSuffix("\n\n") { text.removeLast() }
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// The names a template reads: every `{{name}}`, `{{{name}}}`, `{{#name}}`
    /// and `{{^name}}` (first component of a dotted name). For the test that
    /// holds templates and report values together.
    public static func keys(in template: String) -> Set<String> {
        var keys: Set<String> = []
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") { tag.removeFirst() }
            if let first = tag.first, "#^&".contains(first) { tag.removeFirst() }
            else if let first = tag.first, "/!>%=".contains(first) { continue }
            let name = tag.trimmingCharacters(in: .whitespaces).split(separator: ".").first.map(String.init) ?? ""
            if !name.isEmpty { keys.insert(name) }
        }
        return keys
    }

    /// The names of a report-values struct's properties.
    public static func keys(of values: some Encodable) -> Set<String> {
        Set(Mirror(reflecting: values).children.compactMap(\.label))
    }

    /// The claims as a Markdown table: status, statement, measured value,
    /// the comparison with its tolerance, and how the tolerance was chosen.
    public static func claimsTable(_ claims: [Claim], language: Language, course: StringTables) throws -> String {
        let header = try course[language].text("claims.table-header")
        let rows = claims.map { c in
            let mark = c.holds ? "✓" : "✗"
            let note = c.toleranceNote?[language] ?? "—"
            return "| \(mark) | \(escapeCell(c.statement[language])) | \(c.measuredText(language)) | \(c.comparison.symbol) \(NumberText.short(c.tolerance)) | \(escapeCell(note)) |"
        }
        return ([header] + rows).joined(separator: "\n")
    }

    static func escapeCell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
