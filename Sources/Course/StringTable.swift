import Foundation
import Mustache

/// Short texts of one language keyed by id: a lesson's title and summary,
/// its claims' statements and tolerance notes, its figure captions.
///
/// A lesson keeps one table per language in
/// `Presentation/strings.<lang>.json`; the course keeps its own (table
/// headers, units) in `Lessons/strings.<lang>.json`. Entries are Mustache
/// templates over the arguments their user supplies, so
/// `"cat((X, H), dim=1) has shape ({{n}}, {{dh}})"` reads as the sentence it
/// becomes.
public struct StringTable: Sendable {
    public let language: Language
    public let entries: [String: String]
    /// Where the table was read from, for error messages.
    public let path: String

    public init(language: Language, entries: [String: String], path: String) {
        self.language = language
        self.entries = entries
        self.path = path
    }

    /// Reads the JSON object of strings at `url`.
    public static func load(_ url: URL, language: Language) throws -> StringTable {
        guard let data = try? Data(contentsOf: url) else {
            throw LessonError.io("cannot read the string table \(url.path)")
        }
        guard let entries = try? JSONDecoder().decode([String: String].self, from: data) else {
            throw LessonError.io("\(url.path) is not a JSON object of strings")
        }
        return StringTable(language: language, entries: entries, path: url.path)
    }

    /// The entry `id` with `{{name}}` replaced by `arguments[name]`.
    /// Throws when the table has no such entry or the entry does not parse.
    public func text(_ id: String, _ arguments: [String: Any] = [:]) throws -> String {
        guard let entry = entries[id] else {
            throw LessonError.io("\(path) has no entry '\(id)'")
        }
        guard entry.contains("{{") else { return entry }
        do {
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + entry).render(arguments)
        } catch {
            throw LessonError.io("\(path): entry '\(id)' does not parse: \(error)")
        }
    }
}

/// One string table per language, looked up together.
public struct StringTables: Sendable {
    public var tables: [Language: StringTable]

    public init(_ tables: [Language: StringTable]) { self.tables = tables }

    /// Reads `<prefix>.<lang>.json` in `folder` for every language.
    public static func load(folder: URL, prefix: String = "strings") throws -> StringTables {
        var tables: [Language: StringTable] = [:]
        for language in Language.allCases {
            let url = folder.appendingPathComponent("\(prefix).\(language.rawValue).json")
            tables[language] = try StringTable.load(url, language: language)
        }
        return StringTables(tables)
    }

    public subscript(language: Language) -> StringTable { tables[language]! }

    /// The entry `id` in every language.
    public func text(_ id: String, _ arguments: [String: Any] = [:]) throws -> Localized {
        var texts: [Language: String] = [:]
        for language in Language.allCases { texts[language] = try self[language].text(id, arguments) }
        return Localized(texts)
    }

    /// Whether the entry exists (in the English table, which every table mirrors).
    public func has(_ id: String) -> Bool { tables[.en]?.entries[id] != nil }
}
