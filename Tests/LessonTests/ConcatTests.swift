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
        #expect(claims.count == 4)
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
        #expect(claims.count == 4)
        #expect(claims.allSatisfy { Set($0.keys).isSuperset(of: ["id", "statement", "measured", "tolerance", "holds"]) })
    }
}
