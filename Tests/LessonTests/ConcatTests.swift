import Foundation
import Testing
import TestSupport
@testable import concat
@testable import Course
@testable import Tensor

/// Lesson 03's claims, across seeds and sizes, and its command line.
@Suite struct ConcatTests {
    /// Every claim holds for many seeds at the book's sizes…
    @Test(arguments: 0..<40)
    func claimsHoldAtBookSizes(seed: UInt64) {
        let config = ConcatLesson.Config()
        let claims = ConcatLesson.claims(ConcatLesson.run(config, seed: seed), config)
        #expect(claims.count == 4)
        for claim in claims { #expect(claim.holds, "seed \(seed): \(claim.id) measured \(claim.measured)") }
    }

    /// …and for random sizes across the whole valid range, edges included.
    @Test func claimsHoldForManySizes() {
        var g = TestNormals(seed: 3)
        var configs = [ConcatLesson.Config(batch: 1, inputs: 1, hiddens: 1),
                       ConcatLesson.Config(batch: 2, inputs: 1024, hiddens: 1),
                       ConcatLesson.Config(batch: 1, inputs: 1, hiddens: 1024)]
        for _ in 0..<30 {
            configs.append(.init(batch: g.int(in: 1...40), inputs: g.int(in: 1...300), hiddens: g.int(in: 1...300)))
        }
        for (k, config) in configs.enumerated() {
            let result = ConcatLesson.run(config, seed: UInt64(k))
            for claim in ConcatLesson.claims(result, config) {
                #expect(claim.holds, "\(config): \(claim.id) measured \(claim.measured), tolerance \(claim.tolerance)")
            }
        }
    }

    /// The tolerance is a real bound, not slack: the measured difference
    /// stays well inside it, and a perturbation of one ulp-scale rounding
    /// more than the bound allows is caught (the claim can fail).
    @Test func toleranceCanFail() {
        let config = ConcatLesson.Config()
        var result = ConcatLesson.run(config, seed: 0)
        result.maxAbsDifference = result.tolerance * 1.01
        let claim = ConcatLesson.claims(result, config).first { $0.id == "products-agree" }!
        #expect(!claim.holds)
    }

    /// Seed 0 draws what torch.manual_seed(0) draws, and prints what PyTorch
    /// prints (fixture recorded from PyTorch 2.13).
    @Test func seedZeroMatchesPyTorch() throws {
        let result = ConcatLesson.run(ConcatLesson.Config(), seed: 0)
        let fixture = try PrintFixture.load()
        #expect(result.x.scalars.map(\.bitPattern) == fixture.bits("book_concat_seed0_X"))
        #expect(result.wXH.scalars.map(\.bitPattern) == fixture.bits("book_concat_seed0_W_xh"))
        #expect(result.catXH.scalars.map(\.bitPattern) == fixture.bits("book_concat_seed0_cat"))
        #expect(result.separate.description == fixture.repr("book_concat_seed0_separate"))
        #expect(result.concatenated.description == fixture.repr("book_concat_seed0_separate"))
    }

    @Test func helpExplainsOptionsAndRanges() throws {
        let run = try LessonProcess.run("concat", ["--help"])
        #expect(run.status == 0)
        for text in ["--seed", "--output-dir", "--json", "--batch", "--inputs", "--hiddens",
                     "1 to 1024", "torch.manual_seed", "cat(X, H)"] {
            #expect(run.stdout.contains(text), "help lacks \(text)")
        }
    }

    @Test(arguments: [
        (["--hiddens", "0"], "--hiddens must be a whole number from 1 to 1024; got '0'"),
        (["--batch", "1025"], "--batch must be a whole number from 1 to 1024; got '1025'"),
        (["--inputs", "two"], "--inputs must be a whole number from 1 to 1024; got 'two'"),
        (["--seed", "-3"], "--seed must be a whole number from 0 to 18446744073709551615; got '-3'"),
        (["--seed", "1.5"], "--seed must be a whole number from 0 to 18446744073709551615; got '1.5'"),
        (["--colour"], "Unknown option '--colour'"),
    ])
    func badArgumentsExit64(arguments: [String], message: String) throws {
        let run = try LessonProcess.run("concat", arguments)
        #expect(run.status == 64)
        #expect(run.stderr.contains(message), "stderr was: \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func outputDirThatIsAFileFailsWithoutWriting() throws {
        let folder = try LessonProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("not-a-folder")
        try Data("keep me".utf8).write(to: file)
        let run = try LessonProcess.run("concat", ["--output-dir", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--output-dir") && run.stderr.contains("is a file"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["not-a-folder"])
    }

    @Test func unwritableOutputDirFails() throws {
        let folder = try LessonProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A path below a file can never be created, even as root.
        let file = folder.appendingPathComponent("file")
        try Data().write(to: file)
        let run = try LessonProcess.run("concat", ["--output-dir", file.appendingPathComponent("sub").path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot be created"))
    }

    /// `--json` is one document with the contract's keys, and every number
    /// reads back to the same float32 bits.
    @Test func jsonRoundTripsExactly() throws {
        let run = try LessonProcess.run("concat", ["--json", "--seed", "5", "--hiddens", "6"])
        #expect(run.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(doc.keys) == ["lesson", "seed", "config", "inputs", "results", "claims"])
        let inputs = try #require(doc["inputs"] as? [String: Any])
        let result = ConcatLesson.run(ConcatLesson.Config(batch: 3, inputs: 1, hiddens: 6), seed: 5)
        // Parse the text of each number as Float directly (not through
        // Double), as a float32 reader would.
        let xRows = try #require(inputs["W_hh"] as? [[NSNumber]])
        let parsed = xRows.flatMap { $0 }.map { Float($0.stringValue)! }
        #expect(parsed.map(\.bitPattern) == result.wHH.scalars.map(\.bitPattern))
        let claims = try #require(doc["claims"] as? [[String: Any]])
        #expect(claims.count == 4)
        #expect(claims.allSatisfy { Set($0.keys).isSuperset(of: ["id", "statement", "measured", "tolerance", "holds"]) })
    }

    /// A report written twice is byte-identical, and contains the lesson's
    /// own code and the claims table.
    @Test func reportIsDeterministic() throws {
        let folder = try LessonProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a", "b"] {
            let run = try LessonProcess.run("concat", ["--seed", "2", "--quiet", "--output-dir", folder.appendingPathComponent(name).path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        for file in ["README.md", "README.zh.md", "claims.json"] {
            let a = try Data(contentsOf: folder.appendingPathComponent("a/03-concat/\(file)"))
            let b = try Data(contentsOf: folder.appendingPathComponent("b/03-concat/\(file)"))
            #expect(a == b, "\(file) differs between two runs")
        }
        let report = try String(contentsOf: folder.appendingPathComponent("a/03-concat/README.md"), encoding: .utf8)
        #expect(report.contains("let catXH = Matrix.cat([x, hPrev], dim: 1)"))
        #expect(report.contains("| ✓ |"))
        #expect(!report.contains("{{"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("a/03-concat").path)
        #expect(!leftovers.contains { $0.hasPrefix(".tmp-") })
    }
}
