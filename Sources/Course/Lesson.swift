import ArgumentParser
import Plot
import PlotCairo

/// One lesson of the course: what a lesson writes, and all it writes.
///
/// The teaching code (`Lessons/NN-slug/<Name>Lesson.swift`) provides the
/// `Config`, the typed `Result` and ``run(_:seed:)``; the claims file
/// provides ``claims(_:_:)``; the `Presentation/` folder the rest. The
/// generic ``LessonCommand`` turns it into an executable with the common
/// options, terminal text, `--json`, the report and its figures.
public protocol Lesson {
    /// The lesson's options, declared once as plain `@Option`s with their
    /// defaults; `validate()` checks ranges with ``OptionRange``.
    associatedtype Config: ParsableArguments
    /// Everything ``run(_:seed:)`` computes.
    associatedtype Result
    /// The values the report templates read, one property per key.
    associatedtype ReportValues: Encodable

    /// The executable, e.g. `concat` (DESIGN.md's contract).
    static var executable: String { get }
    /// The lesson's folder in `Lessons/` and in `Output/`, e.g. `03-concat`.
    static var folder: String { get }
    /// `--help`: one line, then the discussion.
    static var abstract: String { get }
    static var discussion: String { get }
    /// Whether the command shown to students builds in release mode.
    static var prefersRelease: Bool { get }

    static func run(_ config: Config, seed: UInt64) -> Result
    static func claims(_ result: Result, _ config: Config) -> [Claim]

    /// The terminal text (English), without the header and the claims,
    /// which the command prints.
    static func text(_ result: Result, _ config: Config, strings: StringTable) -> String
    /// The `inputs` and `results` objects of `--json`.
    static func json(_ result: Result, _ config: Config) -> (inputs: [(String, JSONValue)], results: [(String, JSONValue)])
    static func figures(_ result: Result, _ config: Config, strings: StringTables) throws -> [FigureSpec]
    static func reportValues(_ result: Result, _ config: Config, seed: UInt64, source: LessonSource) throws -> ReportValues
}

extension Lesson {
    public static var prefersRelease: Bool { false }
    public static var discussion: String { "" }
    public static func figures(_ result: Result, _ config: Config, strings: StringTables) throws -> [FigureSpec] { [] }

    /// The lesson's number, from its folder name (`03-concat` → 3).
    public static var number: Int { Int(folder.prefix(while: \.isNumber)) ?? 0 }

    /// The command that runs this lesson with `seed`, as the reports show it.
    public static func command(seed: UInt64) -> String {
        "swift run \(prefersRelease ? "-c release " : "")\(executable) --seed \(seed)"
    }
}

/// A figure of a lesson, drawn once per language: the English one is
/// written as `figures/<name>.png` and `.svg`, every other language's as
/// `figures/<lang>/<name>.png` and `.svg`, and each report links its own.
public struct FigureSpec {
    public var name: String
    public var caption: Localized
    /// The figure with its text in `language`.
    public var figure: (Language) throws -> any Figure

    /// A figure whose text depends on the language (titles, labels, legends).
    public init(name: String, caption: Localized, figure: @escaping (Language) throws -> any Figure) {
        self.name = name
        self.caption = caption
        self.figure = figure
    }

    public static let formats: [ImageFormat] = [.png, .svg]

    /// The figure's file in `language`, relative to the lesson folder:
    /// `figures/zh/memory.png`.
    public func path(_ language: Language, _ format: ImageFormat) -> String {
        Self.path(name, language, format)
    }

    public static func path(_ name: String, _ language: Language, _ format: ImageFormat) -> String {
        (language == .en ? "figures/" : "figures/\(language.rawValue)/") + "\(name).\(format.rawValue)"
    }

    /// The Markdown that shows the figure, relative to the report.
    public func markdown(_ language: Language) -> String {
        "![\(caption[language])](\(path(language, .png)))\n\n*\(caption[language])* ([SVG](\(path(language, .svg))))"
    }
}
