import Foundation

/// The site's own words (navigation, footer, the interactive figure), one
/// table per language in `Assets/strings.<lang>.json`; the lessons' words
/// come from their reports.
public struct SiteStrings: Sendable {
    public var language: String
    var table: [String: String]

    public init(language: String) throws {
        guard let url = Bundle.module.url(forResource: "strings.\(language)", withExtension: "json", subdirectory: "Assets"),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw SiteError.invalidInput("the site has no words for language '\(language)': add Sources/Site/Assets/strings.\(language).json")
        }
        do { table = try JSONDecoder().decode([String: String].self, from: data) } catch {
            throw SiteError.invalidInput("strings.\(language).json is not a JSON object of strings: \(error)")
        }
        self.language = language
    }

    /// The entry `key` with each `{name}` replaced by `arguments[name]`.
    public func text(_ key: String, _ arguments: [String: String] = [:]) throws -> String {
        guard var s = table[key] else {
            throw SiteError.invalidInput("strings.\(language).json has no entry '\(key)'")
        }
        for (name, value) in arguments { s = s.replacingOccurrences(of: "{\(name)}", with: value) }
        return s
    }
}
