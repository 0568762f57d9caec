import Foundation

/// The pages of the site, found in the lessons' output folder: the index
/// (`README.md`, `README.<lang>.md`) and one folder per lesson
/// (`NN-slug/README.md`, `NN-slug/README.<lang>.md`), in folder order.
///
/// Nothing here knows a lesson or its text: a new lesson folder or a new
/// language file becomes new pages.
public struct SiteLayout: Sendable {
    /// The language of `README.md`; `README.<lang>.md` is language `lang`.
    public static let defaultLanguage = "en"

    public struct Page: Equatable, Sendable {
        /// "index", or the lesson's folder name ("05-gradients").
        public var id: String
        public var language: String
        /// The report this page is made from.
        public var source: URL
        /// Where the page goes, relative to the site folder.
        public var sitePath: String
        public var isIndex: Bool { id == "index" }
    }

    /// What a lesson's `claims.json` says about it (only what the site shows).
    public struct LessonInfo: Decodable, Equatable, Sendable {
        public var number: Int?
        public var title: [String: String]?
        public var summary: [String: String]?
    }

    public var root: URL
    /// Page ids in course order: "index" first, then the lesson folders.
    public var ids: [String]
    public var pages: [Page]
    public var lessons: [String: LessonInfo]
    public var languages: [String]

    public init(root: URL) throws {
        self.root = root
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
        guard names.contains("README.md") else {
            throw SiteError.invalidInput("\(root.path) has no README.md: run the lessons and course-index first (make lessons)")
        }
        let lessonFolders = names.filter { name in
            name.range(of: "^[0-9][0-9]-[a-z0-9-]+$", options: .regularExpression) != nil
                && fm.fileExists(atPath: root.appendingPathComponent(name).appendingPathComponent("README.md").path)
        }.sorted()
        ids = ["index"] + lessonFolders
        var pages: [Page] = [], languages: Set<String> = []
        var lessons: [String: LessonInfo] = [:]
        for id in ids {
            let folder = id == "index" ? root : root.appendingPathComponent(id)
            let files = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            for file in files {
                guard let language = Self.language(ofReport: file) else { continue }
                languages.insert(language)
                let page = Self.pageFile(language)
                pages.append(Page(id: id, language: language, source: folder.appendingPathComponent(file),
                                  sitePath: id == "index" ? page : "\(id)/\(page)"))
            }
            if id != "index" {
                let claims = folder.appendingPathComponent("claims.json")
                if let data = fm.contents(atPath: claims.path) {
                    do { lessons[id] = try JSONDecoder().decode(LessonInfo.self, from: data) } catch {
                        throw SiteError.invalidInput("\(claims.path) is not the JSON the lessons write: \(error)")
                    }
                }
            }
        }
        self.pages = pages
        self.lessons = lessons
        self.languages = languages.sorted { ($0 == Self.defaultLanguage ? "" : $0) < ($1 == Self.defaultLanguage ? "" : $1) }
    }

    /// "README.md" → "en", "README.zh.md" → "zh", anything else → nil.
    static func language(ofReport file: String) -> String? {
        if file == "README.md" { return defaultLanguage }
        guard file.hasPrefix("README."), file.hasSuffix(".md") else { return nil }
        let lang = file.dropFirst("README.".count).dropLast(".md".count)
        return lang.range(of: "^[a-z]{2,3}(-[A-Za-z]+)?$", options: .regularExpression) != nil ? String(lang) : nil
    }

    /// "index.html" for the default language, "index.<lang>.html" otherwise.
    static func pageFile(_ language: String) -> String {
        language == defaultLanguage ? "index.html" : "index.\(language).html"
    }

    public func page(_ id: String, _ language: String) -> Page? {
        pages.first { $0.id == id && $0.language == language }
    }

    /// The page a report file becomes, if it is one of the pages.
    public func page(forSource url: URL) -> Page? {
        let path = url.standardizedFileURL.path
        return pages.first { $0.source.standardizedFileURL.path == path }
    }

    /// The lesson before and after `id` in course order (nil at the ends
    /// and for the index).
    public func neighbours(of id: String) -> (previous: String?, next: String?) {
        guard id != "index", let i = ids.firstIndex(of: id) else { return (nil, nil) }
        return (i > 1 ? ids[i - 1] : nil, i + 1 < ids.count ? ids[i + 1] : nil)
    }
}
