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

    /// The names a template reads, split by where they stand: `top` holds
    /// every `{{name}}`, `{{{name}}}` outside any section and every section
    /// name (`{{#name}}`, `{{^name}}`); `inner` the names read inside a
    /// section, which Mustache looks up in the section's item first (an
    /// element of a list) and then in the report values. Only the first
    /// component of a dotted name counts. For the test that holds templates
    /// and report values together.
    public static func keys(in template: String) -> (top: Set<String>, inner: Set<String>) {
        var top: Set<String> = [], inner: Set<String> = []
        var depth = 0
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") { tag.removeFirst() }
            guard let first = tag.first, !"!>%=".contains(first) else { continue }
            if first == "/" { depth = max(0, depth - 1); continue }
            let opensSection = "#^".contains(first)
            if "#^&".contains(first) { tag.removeFirst() }
            let name = tag.trimmingCharacters(in: .whitespaces).split(separator: ".").first.map(String.init) ?? ""
            if !name.isEmpty {
                if depth == 0 { top.insert(name) } else { inner.insert(name) }
            }
            if opensSection { depth += 1 }
        }
        return (top, inner)
    }

    /// The names of the elements' properties of every list in `values`
    /// (the keys a section over that list may read).
    public static func elementKeys(of values: some Encodable) -> Set<String> {
        var keys: Set<String> = []
        for child in Mirror(reflecting: values).children where Mirror(reflecting: child.value).displayStyle == .collection {
            for element in Mirror(reflecting: child.value).children {
                keys.formUnion(Mirror(reflecting: element.value).children.compactMap(\.label))
            }
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
