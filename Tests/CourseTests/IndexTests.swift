import Foundation
import Testing
@testable import Course

/// The course index reads the lessons' claims files and counts their claims.
@Suite struct IndexTests {
    static func claimsFile(number: Int, folder: String, holds: [Bool]) -> String {
        let claims = holds.enumerated().map { k, h in
            #"{"id": "c\#(k)", "statement": "claim \#(k)", "statement_zh": "结论 \#(k)", "measured": 0, "comparison": "<=", "tolerance": 1, "holds": \#(h)}"#
        }.joined(separator: ",")
        return #"{"lesson": "l\#(number)", "number": \#(number), "folder": "\#(folder)", "title": {"en": "Title \#(number)", "zh": "标题 \#(number)"}, "summary": {"en": "S", "zh": "摘要"}, "seed": 0, "command": "swift run l\#(number) --seed 0", "figures": ["f"], "claims": [\#(claims)]}"#
    }

    static func course(_ lessons: [(Int, String, [Bool])]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (number, folder, holds) in lessons {
            let dir = root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(claimsFile(number: number, folder: folder, holds: holds).utf8).write(to: dir.appendingPathComponent("claims.json"))
        }
        return root
    }

    @Test func indexListsLessonsInOrderAndCountsClaims() throws {
        let root = try Self.course([(2, "02-b", [true]), (1, "01-a", [true, true])])
        defer { try? FileManager.default.removeItem(at: root) }
        try CourseIndex.write(root: root.path)
        let en = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let zh = try String(contentsOf: root.appendingPathComponent("README.zh.md"), encoding: .utf8)
        #expect(en.contains("**3 of 3 claims hold.**"))
        #expect(zh.contains("**3 条结论中有 3 条成立。**"))
        #expect(en.range(of: "## 01 · [Title 1](01-a/README.md)")!.lowerBound < en.range(of: "## 02 · [Title 2](02-b/README.md)")!.lowerBound)
        #expect(zh.contains("- ✓ 结论 1"))
        #expect(en.contains(#"<img src="01-a/figures/f.png""#))
    }

    @Test func aFailingClaimFailsTheIndex() throws {
        let root = try Self.course([(1, "01-a", [true, false])])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: LessonError.claimsFailed(["l1: claim 1"])) { try CourseIndex.write(root: root.path) }
    }

    @Test func aBrokenClaimsFileIsNamed() throws {
        let root = try Self.course([])
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("01-a")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: dir.appendingPathComponent("claims.json"))
        #expect(throws: LessonError.self) { try CourseIndex.write(root: root.path) }
    }

    @Test func anEmptyFolderHasNoIndex() throws {
        let root = try Self.course([])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: LessonError.self) { try CourseIndex.write(root: root.path) }
    }
}
