/// A piece of course text in both languages of the reports.
public struct Bilingual: Sendable, Equatable {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    public subscript(language: Language) -> String {
        language == .en ? en : zh
    }
}

/// The languages the reports are written in.
public enum Language: String, CaseIterable, Sendable {
    case en
    case zh

    /// The report file for this language: `README.md` or `README.zh.md`.
    public var reportFileName: String { self == .en ? "README.md" : "README.zh.md" }
}
