import ArgumentParser
import Testing
@testable import Course
@testable import concat
@testable import hidden_state
@testable import mlp
@testable import sharing
@testable import gradients
@testable import char_model

/// Templates and lessons agree: a template reads only keys the lesson
/// provides, and the lesson provides no key a template leaves unused — in
/// every language. The string tables of a lesson have the same entries in
/// every language, and every claim finds its words.
@Suite struct TemplateKeyTests {
    static func check<L: Lesson>(_: L.Type, _ arguments: [String] = []) throws {
        let config = try L.Config.parse(arguments)
        let result = L.run(config, seed: 0)
        let source = LessonSource(folder: L.folder)
        let strings = try source.strings()
        let values = try L.reportValues(result, config, seed: 0, source: source)
        let figures = try L.figures(result, config, strings: strings)
        let provided = Report.keys(of: values).union(Report.commonKeys).union(figures.map { "figure_\($0.name)" })
        let elements = Report.elementKeys(of: values)
        for language in Language.allCases {
            let (top, inner) = Report.keys(in: try source.template(for: language))
            let unknown = top.subtracting(provided).union(inner.subtracting(provided).subtracting(elements))
            #expect(unknown.isEmpty, "\(L.executable) \(language): the template uses \(unknown.sorted()), which the lesson does not provide")
            let unused = provided.subtracting(top).subtracting(inner)
            #expect(unused.isEmpty, "\(L.executable) \(language): the lesson provides \(unused.sorted()), which the template never uses")
            #expect(Set(strings[language].entries.keys) == Set(strings[.en].entries.keys),
                    "\(L.executable): strings.\(language.rawValue).json and strings.en.json differ in their entries")
        }
        for key in ["title", "summary"] { #expect(strings.has(key), "\(L.executable): no \(key)") }
        let course = try LessonSource.courseStrings()
        for claim in L.claims(result, config) {
            let resolved = try claim.resolved(strings, course: course)
            for language in Language.allCases {
                #expect(!resolved.statement[language].isEmpty && !resolved.statement[language].contains("{{"),
                        "\(L.executable) \(claim.id) \(language)")
            }
        }
    }

    @Test func mlp() throws { try Self.check(MLPLesson.self) }
    @Test func hiddenState() throws { try Self.check(HiddenStateLesson.self) }
    @Test func concat() throws { try Self.check(ConcatLesson.self) }
    @Test func sharing() throws { try Self.check(SharingLesson.self) }
    /// Lesson 05 at a size a debug build runs quickly.
    @Test func gradients() throws {
        try Self.check(GradientsLesson.self, ["--hiddens", "16", "--runs", "2", "--updates", "60"])
    }
    @Test func charModel() throws { try Self.check(CharModelLesson.self, charModelQuick) }
}
