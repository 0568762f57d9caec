import Foundation
import Testing
import TestSupport
@testable import concat
@testable import Course
@testable import Tensor

/// A parsed configuration of lesson 03 (the book's sizes unless given).
func concatConfig(batch: Int = 3, inputs: Int = 1, hiddens: Int = 4) -> ConcatLesson.Config {
    try! ConcatLesson.Config.parse(["--batch", "\(batch)", "--inputs", "\(inputs)", "--hiddens", "\(hiddens)"])
}

/// Lesson 03's claims across seeds and sizes, the PyTorch fixture, and a
/// JSON document that reads back bit for bit. (The command line common to
/// all lessons is tested in `CommandLineTests`.)
@Suite struct ConcatTests {
    /// Every claim holds for many seeds at the book's sizes…
    @Test(arguments: 0..<40)
    func claimsHoldAtBookSizes(seed: UInt64) {
        let config = concatConfig()
        let claims = ConcatLesson.claims(ConcatLesson.run(config, seed: seed), config)
        #expect(claims.count == 5)
        for claim in claims { #expect(claim.holds, "seed \(seed): \(claim.id) measured \(claim.measured)") }
    }

    /// …and for random sizes across the whole valid range, edges included.
    @Test func claimsHoldForManySizes() {
        var g = TestNormals(seed: 3)
        var configs = [concatConfig(batch: 1, inputs: 1, hiddens: 1),
                       concatConfig(batch: 2, inputs: 1024, hiddens: 1),
                       concatConfig(batch: 1, inputs: 1, hiddens: 1024)]
        for _ in 0..<30 {
            configs.append(concatConfig(batch: g.int(in: 1...40), inputs: g.int(in: 1...300), hiddens: g.int(in: 1...300)))
        }
        for (k, config) in configs.enumerated() {
            let result = ConcatLesson.run(config, seed: UInt64(k))
            for claim in ConcatLesson.claims(result, config) {
                #expect(claim.holds, "\(config.batch), \(config.inputs), \(config.hiddens): \(claim.id) measured \(claim.measured), tolerance \(claim.tolerance)")
            }
        }
    }

    /// The tolerance is a real bound, not slack: the measured difference
    /// stays well inside it, and a perturbation of one ulp-scale rounding
    /// more than the bound allows is caught (the claim can fail).
    @Test func toleranceCanFail() {
        let config = concatConfig()
        var result = ConcatLesson.run(config, seed: 0)
        result.maxAbsDifference = result.tolerance * 1.01
        let claim = ConcatLesson.claims(result, config).first { $0.id == "products-agree" }!
        #expect(!claim.holds)
    }

    /// Seed 0 draws what torch.manual_seed(0) draws, and prints what PyTorch
    /// prints (fixture recorded from PyTorch 2.13).
    @Test func seedZeroMatchesPyTorch() throws {
        let result = ConcatLesson.run(concatConfig(), seed: 0)
        let fixture = try PrintFixture.load()
        #expect(result.x.scalars.map(\.bitPattern) == fixture.bits("book_concat_seed0_X"))
        #expect(result.wXH.scalars.map(\.bitPattern) == fixture.bits("book_concat_seed0_W_xh"))
        #expect(result.catXH.scalars.map(\.bitPattern) == fixture.bits("book_concat_seed0_cat"))
        #expect(result.separate.description == fixture.repr("book_concat_seed0_separate"))
        #expect(result.concatenated.description == fixture.repr("book_concat_seed0_separate"))
    }

    /// `--json` is one document with the contract's keys, and every number
    /// reads back to the same float32 bits.
    @Test func jsonRoundTripsExactly() throws {
        let run = try LessonProcess.run("concat", ["--json", "--seed", "5", "--hiddens", "6"])
        #expect(run.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(doc.keys) == ["lesson", "seed", "config", "inputs", "results", "claims"])
        let inputs = try #require(doc["inputs"] as? [String: Any])
        let result = ConcatLesson.run(concatConfig(hiddens: 6), seed: 5)
        // Parse the text of each number as Float directly (not through
        // Double), as a float32 reader would.
        let xRows = try #require(inputs["W_hh"] as? [[NSNumber]])
        let parsed = xRows.flatMap { $0 }.map { Float($0.stringValue)! }
        #expect(parsed.map(\.bitPattern) == result.wHH.scalars.map(\.bitPattern))
        let claims = try #require(doc["claims"] as? [[String: Any]])
        #expect(claims.count == 5)
        #expect(claims.allSatisfy { Set($0.keys).isSuperset(of: ["id", "statement", "measured", "tolerance", "holds"]) })
    }

    /// The PyTorch snippet prints exactly the lesson's two results of the
    /// same run, in the order of its print lines, for the sizes of the run.
    @Test(arguments: [(0, 3, 1, 4), (7, 2, 3, 5)] as [(UInt64, Int, Int, Int)])
    func snippetPrintsTheLessonsValues(seed: UInt64, batch: Int, inputs: Int, hiddens: Int) {
        let config = concatConfig(batch: batch, inputs: inputs, hiddens: hiddens)
        let result = ConcatLesson.run(config, seed: seed)
        let snippet = ConcatLesson.pytorchSnippet(result, config, seed: seed)
        #expect(snippet.code.contains("torch.manual_seed(\(seed))"))
        #expect(snippet.code.contains("torch.randn(\(batch), \(inputs))"))
        #expect(snippet.prints.map(\.expression) == [
            "torch.matmul(X, W_xh) + torch.matmul(H, W_hh)",
            "torch.matmul(torch.cat((X, H), dim=1), torch.cat((W_xh, W_hh), dim=0))"])
        #expect(snippet.prints.map(\.output) == [result.separate.description, result.concatenated.description])
    }

    /// The multiplication count is taken from the shapes and can fail.
    @Test func multiplicationClaimCountsShapes() {
        let config = concatConfig(batch: 2, inputs: 3, hiddens: 5)
        var result = ConcatLesson.run(config, seed: 1)
        let claim = { ConcatLesson.claims(result, config).first { $0.id == "multiplications-equal" }! }
        #expect(claim().holds && claim().measured == 2 * 5 * 8)
        result.multiplications.separate += 1
        #expect(!claim().holds)
    }
}
