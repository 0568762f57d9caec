/// The languages the reports are written in.
///
/// Adding a language means a case here, its report templates and string
/// tables beside each lesson (`Presentation/README.<lang>.md.mustache`,
/// `Presentation/strings.<lang>.json`) and the course table
/// (`Lessons/strings.<lang>.json`); no lesson's Swift changes.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en
    case zh

    /// The report file for this language: `README.md` or `README.zh.md`.
    public var reportFileName: String { self == .en ? "README.md" : "README.\(rawValue).md" }
}

/// A piece of course text, one string per language.
public struct Localized: Sendable, Equatable {
    public private(set) var texts: [Language: String]

    public init(_ texts: [Language: String]) { self.texts = texts }

    /// The same text in every language (a formula, a name).
    public init(same text: String) {
        texts = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, text) })
    }

    /// The text in `language`; empty when the table has none.
    public subscript(language: Language) -> String { texts[language] ?? "" }

    /// Applies `transform` to the text of every language.
    public func map(_ transform: (Language, String) throws -> String) rethrows -> Localized {
        Localized(Dictionary(uniqueKeysWithValues: try texts.map { ($0.key, try transform($0.key, $0.value)) }))
    }
}
