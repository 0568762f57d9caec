import Foundation
import Testing
@testable import Course

/// Templates, excerpts, string tables and option values.
@Suite struct ReportTests {
    struct Values: Encodable {
        var n: Int
        var name: String
        var flag: Bool
    }

    @Test func rendersTypedValuesAndCommonKeysWithoutEscaping() throws {
        let text = try Report.render(template: "n = {{n}}, {{{name}}} {{name}}{{#flag}} yes{{/flag}}{{^flag}} no{{/flag}} · seed {{seed}}\n\n\n",
                                     values: Values(n: 3, name: "<W_hh & H>", flag: false), common: ["seed": "7"],
                                     templateName: "t")
        #expect(text == "n = 3, <W_hh & H> <W_hh & H> no · seed 7\n")
    }

    @Test func keysOfATemplateAndOfValues() {
        let keys = Report.keys(in: "{{a}} {{{b}}} {{#c}}{{d.e}}{{/c}} {{^f}}{{/f}} {{! comment}} {{& g}}")
        #expect(keys.top == ["a", "b", "c", "f", "g"])
        #expect(keys.inner == ["d"])
        #expect(Report.keys(of: Values(n: 1, name: "", flag: true)) == ["n", "name", "flag"])
    }

    struct Rows: Encodable {
        struct Row: Encodable { var step: Int; var text: String }
        var rows: [Row]
        var n: Int
    }

    @Test func elementKeysAreThePropertiesOfListItems() {
        #expect(Report.elementKeys(of: Rows(rows: [.init(step: 1, text: "")], n: 2)) == ["step", "text"])
    }

    @Test func aTemplateThatDoesNotParseIsAnIOError() {
        #expect(throws: LessonError.self) {
            try Report.render(template: "{{#open}} never closed", values: Values(n: 1, name: "", flag: true), common: [:], templateName: "t")
        }
    }

    @Test func excerptIsTheMarkedLinesDedented() throws {
        let source = """
        struct A {
            // BEGIN-QUOTE body
            let x = 1
              let y = 2

            // END-QUOTE body
            // BEGIN-QUOTE other
        }
        """
        #expect(try LessonSource.excerpt("body", from: source, fileName: "A.swift") == "let x = 1\n  let y = 2\n")
        #expect(throws: LessonError.self) { try LessonSource.excerpt("other", from: source, fileName: "A.swift") }
        #expect(throws: LessonError.self) { try LessonSource.excerpt("missing", from: source, fileName: "A.swift") }
    }

    @Test func stringTableFillsArgumentsAndNamesMissingEntries() throws {
        let table = StringTable(language: .en, entries: ["a": "{{n}} of {{total}}"], path: "t.json")
        #expect(try table.text("a", ["n": 2, "total": "5"]) == "2 of 5")
        #expect(throws: LessonError.io("t.json has no entry 'b'")) { try table.text("b") }
    }

    /// Every language's table of the course has the same entries.
    @Test func courseTablesAgreeAcrossLanguages() throws {
        let tables = try LessonSource.courseStrings()
        let keys = Set(tables[.en].entries.keys)
        for language in Language.allCases { #expect(Set(tables[language].entries.keys) == keys, "\(language)") }
    }

    @Test func numberTextIsShortAndStable() {
        #expect(NumberText.short(29) == "29")
        #expect(NumberText.short(4.7712e-7) == "4.77e-07")
        #expect(NumberText.short(.nan) == "NaN")
        #expect(NumberText.short(-.infinity) == "−∞")
        #expect(NumberText.sci(2.384e-7) == "2.38e-07")
    }

    @Test func numberListParsesCommaSeparatedNumbers() {
        #expect(NumberList(argument: "0.5,1, 2")?.values == [0.5, 1, 2])
        #expect(NumberList(argument: "0.5,,2") == nil)
        #expect(NumberList(argument: "a") == nil)
    }

    @Test func optionRangeRejectsValuesOutsideTheRange() {
        #expect(throws: (any Error).self) { try OptionRange.check("--batch", 0, 1...1024) }
        #expect((try? OptionRange.check("--batch", 1024, 1...1024)) != nil)
        #expect(throws: (any Error).self) { try OptionRange.check("--rho", Double.nan, 0.01...10) }
        #expect(throws: (any Error).self) { try OptionRange.check("--rhos", [0.5, 11], 0.01...10, maxCount: 8) }
        #expect(throws: (any Error).self) { try OptionRange.check("--rhos", Array(repeating: 1, count: 9), 0.01...10, maxCount: 8) }
        #expect(ConfigValues.snakeCase("learningRate") == "learning_rate")
    }
}
