import Foundation
import Mustache

/// Renders a lesson's Markdown report from its template.
///
/// Templates are Mustache with the `TEXT` content type (nothing is
/// HTML-escaped); the lesson supplies the values. Every report gets the
/// common keys below in addition to the lesson's own.
public enum Report {
    public static func render(template: String, values: [String: Any], templateName: String) throws -> String {
        let parsed: MustacheTemplate
        do {
            parsed = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + template)
        } catch {
            throw LessonError.io("the report template \(templateName) does not parse: \(error)")
        }
        var text = parsed.render(values)
        // One trailing newline, no trailing blanks: stable, diff-friendly files.
        while text.hasSuffix("\n\n") { text.removeLast() }
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// The claims as a Markdown table: status, statement, measured value,
    /// the comparison with its tolerance, and how the tolerance was chosen.
    public static func claimsTable(_ claims: [Claim], language: Language) -> String {
        let header = language == .en
            ? "| | Claim | Measured | Required | Why this tolerance |\n|:-:|---|--:|--:|---|"
            : "| | 结论 | 实测值 | 要求 | 容差的由来 |\n|:-:|---|--:|--:|---|"
        let rows = claims.map { c in
            let mark = c.holds ? "✓" : "✗"
            let note = c.toleranceNote?[language] ?? "—"
            return "| \(mark) | \(escapeCell(c.statement[language])) | \(c.measuredText(language)) | \(c.comparison.symbol) \(NumberText.short(c.tolerance)) | \(escapeCell(note)) |"
        }
        return ([header] + rows).joined(separator: "\n")
    }

    static func escapeCell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    /// A fenced code block.
    public static func codeBlock(_ code: String, language: String = "") -> String {
        "```\(language)\n\(code)\n```"
    }
}

extension Claim.Comparison {
    /// ≤, ≥ or =, for tables and terminal output.
    public var symbol: String {
        switch self {
        case .atMost: return "≤"
        case .atLeast: return "≥"
        case .equal: return "="
        }
    }
}

/// Short, deterministic renderings of numbers for prose and tables.
public enum NumberText {
    /// Integers as integers; other values with 3 significant digits
    /// (`4.77e-07`, `0.0123`, `1.5`); ∞ and NaN spelled out.
    public static func short(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "−∞" : "∞" }
        if x == x.rounded(), x.magnitude < 1e6 { return String(Int64(x)) }
        return String(format: "%.3g", x)
    }

    /// Scientific notation with `digits` digits after the point: `1.23e-07`.
    public static func sci(_ x: Double, digits: Int = 2) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "−∞" : "∞" }
        return String(format: "%.\(digits)e", x)
    }
}
