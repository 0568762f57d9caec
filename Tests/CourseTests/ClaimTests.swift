import Testing
@testable import Course

/// A claim holds exactly when its comparison says so: at, just inside and
/// just outside the tolerance, and never for NaN.
@Suite struct ClaimTests {
    static let tolerance = 1e-6

    @Test func atMostIncludesTheTolerance() {
        let t = Self.tolerance
        #expect(Claim(id: "c", measured: t, comparison: .atMost, tolerance: t).holds)
        #expect(Claim(id: "c", measured: t.nextDown, comparison: .atMost, tolerance: t).holds)
        #expect(!Claim(id: "c", measured: t.nextUp, comparison: .atMost, tolerance: t).holds)
    }

    @Test func atLeastIncludesTheTolerance() {
        let t = Self.tolerance
        #expect(Claim(id: "c", measured: t, comparison: .atLeast, tolerance: t).holds)
        #expect(Claim(id: "c", measured: t.nextUp, comparison: .atLeast, tolerance: t).holds)
        #expect(!Claim(id: "c", measured: t.nextDown, comparison: .atLeast, tolerance: t).holds)
    }

    @Test func equalIsExact() {
        #expect(Claim.equal(id: "c", 29, 29).holds)
        #expect(!Claim.equal(id: "c", 29, 30).holds)
        #expect(!Claim(id: "c", measured: 1.0.nextUp, comparison: .equal, tolerance: 1).holds)
    }

    @Test(arguments: [Claim.Comparison.atMost, .atLeast, .equal])
    func nanNeverHolds(comparison: Claim.Comparison) {
        #expect(!Claim(id: "c", measured: .nan, comparison: comparison, tolerance: 1).holds)
        #expect(!Claim(id: "c", measured: 1, comparison: comparison, tolerance: .nan).holds)
    }

    @Test func infinityIsComparedLikeANumber() {
        #expect(!Claim(id: "c", measured: .infinity, comparison: .atMost, tolerance: 1e300).holds)
        #expect(Claim(id: "c", measured: .infinity, comparison: .atLeast, tolerance: 1e300).holds)
    }

    @Test func allTrueCountsFailures() {
        let claim = Claim.allTrue(id: "shapes", [true, false, true, false])
        #expect(claim.measured == 2)
        #expect(claim.checkCount == 4)
        #expect(!claim.holds)
        #expect(Claim.allTrue(id: "shapes", [true, true]).holds)
        #expect(Claim.allTrue(id: "none", []).holds)
    }

    /// Words come from the tables, with the claim's arguments filled in; the
    /// tolerance note only where the table has one; a yes/no claim's unit
    /// from the course table.
    @Test func resolvedTakesItsWordsFromTheTables() throws {
        let lesson = StringTables([
            .en: StringTable(language: .en, entries: ["claim.a": "shape ({{n}}, {{h}})", "claim.a.why": "exact",
                                                      "claim.b": "no note"], path: "en"),
            .zh: StringTable(language: .zh, entries: ["claim.a": "形状 ({{n}}, {{h}})", "claim.a.why": "精确",
                                                      "claim.b": "无说明"], path: "zh"),
        ])
        let course = StringTables([
            .en: StringTable(language: .en, entries: ["unit.failed-checks": "failed checks (of {{count}})"], path: "en"),
            .zh: StringTable(language: .zh, entries: ["unit.failed-checks": "项检查不成立（共 {{count}} 项）"], path: "zh"),
        ])
        let a = try Claim.allTrue(id: "a", arguments: ["n": "3", "h": "4"], [true, true]).resolved(lesson, course: course)
        #expect(a.statement[.en] == "shape (3, 4)")
        #expect(a.statement[.zh] == "形状 (3, 4)")
        #expect(a.toleranceNote?[.zh] == "精确")
        #expect(a.measuredText(.en) == "0 failed checks (of 2)")
        let b = try Claim(id: "b", measured: 1, tolerance: 2).resolved(lesson, course: course)
        #expect(b.toleranceNote == nil)
        #expect(b.measuredText(.zh) == "1")
        #expect(throws: LessonError.self) { try Claim(id: "missing", measured: 0, tolerance: 0).resolved(lesson, course: course) }
    }
}
