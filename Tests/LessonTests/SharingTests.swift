import Foundation
import Testing
import TestSupport
@testable import sharing
@testable import Course
@testable import Network
@testable import Tensor

/// A parsed configuration of lesson 04: the given options (the lesson's
/// defaults otherwise) and the numbers of steps whose reads are counted.
func sharingConfig(batch: Int? = nil, inputs: Int? = nil, hiddens: Int? = nil, outputs: Int? = nil, steps: Int? = nil,
                   countedSteps: [Int]? = nil) -> SharingLesson.Config {
    var arguments: [String] = []
    for (name, value) in [("batch", batch), ("inputs", inputs), ("hiddens", hiddens), ("outputs", outputs), ("steps", steps)] {
        if let value { arguments += ["--\(name)", "\(value)"] }
    }
    var config = try! SharingLesson.Config.parse(arguments)
    if let countedSteps { config.countedSteps = countedSteps }
    return config
}

/// Lesson 04's claims across seeds and sizes, its measurement of the
/// parameters read, and its JSON. (The command line common to all lessons
/// is tested in `CommandLineTests`.)
@Suite struct SharingTests {
    /// Every claim holds for many seeds at the book's sizes.
    @Test func claimsHoldAtBookSizes() {
        for seed in UInt64(0)..<30 {
            let config = sharingConfig()
            let claims = SharingLesson.claims(SharingLesson.run(config, seed: seed), config)
            #expect(claims.count == 7)
            for claim in claims {
                #expect(claim.holds, "seed \(seed): \(claim.id) measured \(claim.measured), tolerance \(claim.tolerance)")
            }
        }
    }

    /// …and for random sizes with the edges of the valid ranges. The count
    /// runs stop at T = 100 here to keep the debug build fast; the lesson's
    /// own T = 1000 is covered at the book's sizes above.
    @Test func claimsHoldForManySizes() {
        var g = TestNormals(seed: 5)
        let short = [1, 10, 100]
        var configs = [sharingConfig(batch: 1, inputs: 1, hiddens: 1, outputs: 1, steps: 1),
                       sharingConfig(batch: 32, inputs: 1, hiddens: 2, outputs: 1, steps: 100, countedSteps: short),
                       sharingConfig(batch: 2, inputs: 100, hiddens: 3, outputs: 100, steps: 3, countedSteps: short),
                       sharingConfig(batch: 2, inputs: 2, hiddens: 100, outputs: 2, steps: 2, countedSteps: [1, 10])]
        for _ in 0..<12 {
            configs.append(sharingConfig(batch: g.int(in: 1...8), inputs: g.int(in: 1...12), hiddens: g.int(in: 1...12),
                             outputs: g.int(in: 1...12), steps: g.int(in: 1...30), countedSteps: short))
        }
        for (k, config) in configs.enumerated() {
            let result = SharingLesson.run(config, seed: UInt64(k))
            for claim in SharingLesson.claims(result, config) {
                #expect(claim.holds, "\(config): \(claim.id) measured \(claim.measured), tolerance \(claim.tolerance)")
            }
        }
    }

    /// A claim fails when its measurement moves beyond the tolerance.
    @Test func claimsCanFail() {
        let config = sharingConfig()
        let clean = SharingLesson.run(config, seed: 0)
        func holds(_ id: String, _ change: (inout SharingLesson.Result) -> Void) -> Bool {
            var r = clean
            change(&r)
            return SharingLesson.claims(r, config).first { $0.id == id }!.holds
        }
        #expect(holds("pieces-sum-to-W_xh-gradient") { _ in })
        #expect(!holds("pieces-sum-to-W_xh-gradient") { $0.differenceXH = $0.toleranceXH * 1.01 })
        #expect(!holds("pieces-sum-to-W_hh-gradient") { $0.differenceHH = .nan })
        #expect(!holds("count-independent-of-T") { $0.shared[3].scalars += 1 })
        #expect(!holds("same-storage-every-step") { $0.shared[3].buffers = 6 })
        #expect(!holds("separate-weights-grow-with-T") { $0.separate[2].scalars = $0.shared[2].scalars })
        #expect(!holds("parameter-count") { $0.params.bQ = Matrix.zeros(1, 2) })
    }

    /// Over 100 steps the two sums really differ (so the claim measures
    /// rounding, not identical code) and stay within the bound; with one
    /// step both add the same n products in the same order and agree exactly.
    @Test func pieceSumToleranceIsMeaningful() {
        let long = SharingLesson.run(sharingConfig(batch: 32, hiddens: 8, steps: 100, countedSteps: [1]), seed: 3)
        #expect(long.differenceXH > 0 && long.differenceXH <= long.toleranceXH)
        let one = SharingLesson.run(sharingConfig(steps: 1, countedSteps: [1]), seed: 3)
        #expect(one.differenceXH == 0 && one.differenceHH == 0)
        #expect(one.sumHH.scalars.allSatisfy { $0 == 0 })   // H_0 = 0: nothing to learn for W_hh
    }

    /// The ledger sees one set of storage for the shared RNN and T sets for
    /// the copies; the copies hold the same numbers, so both networks end in
    /// the same state — and that state is the library's `rnnForward`, bit for bit.
    @Test func ledgerCountsStorageNotValues() {
        let config = sharingConfig(batch: 2, inputs: 3, hiddens: 5, outputs: 2, steps: 7, countedSteps: [1])
        let r = SharingLesson.run(config, seed: 9)
        let h0 = Matrix<Float>.zeros(2, 5)
        let shared = SharingLedger.unroll(r.xs, h0: h0) { _ in r.params }
        let copies = r.xs.indices.map { _ in r.params.separateCopy() }
        let separate = SharingLedger.unroll(r.xs, h0: h0) { copies[$0] }
        #expect(shared.ledger.buffers == 5 && shared.ledger.scalars == SharingLesson.formulaCount(config))
        #expect(separate.ledger.buffers == 35 && separate.ledger.scalars == 7 * SharingLesson.formulaCount(config))
        #expect(copies.allSatisfy { $0 == r.params })
        #expect(shared.state.scalars.map(\.bitPattern) == separate.state.scalars.map(\.bitPattern))
        #expect(shared.state.scalars.map(\.bitPattern) == r.forward.finalState.scalars.map(\.bitPattern))
        let count = separate.ledger.count(7)
        #expect(count.sample.map(\.step) == [1, 2, 3, 7])
        let steps = SharingLesson.stepReads(count).map { "\($0.separator)step \($0.step): \($0.matrices)" }.joined()
        #expect(steps == "step 1: #1–#5 · step 2: #6–#10 · step 3: #11–#15 · … · step 7: #31–#35")
        #expect(SharingLesson.stepReads(shared.ledger.count(7)).allSatisfy { $0.matrices == "#1–#5" })
    }

    /// Seed 0 draws W_xh (1, 4) as the first four normals of
    /// `torch.manual_seed(0)` (recorded from PyTorch; see `RandnStream`),
    /// times 1/√4 = 0.5 — exact, so bit for bit what PyTorch computes.
    @Test func seedZeroMatchesPyTorch() throws {
        let stream = try RandnStream.seedZero()
        let r = SharingLesson.run(sharingConfig(countedSteps: [1]), seed: 0)
        let halved = stream.prefix(4).map { (Float(bitPattern: $0) * 0.5).bitPattern }
        #expect(r.params.wXH.scalars.map(\.bitPattern) == halved)
    }

    /// With the 1/√h scale, the largest allowed sequence stays finite:
    /// gradients neither overflow nor turn into NaN (batch kept small for
    /// the debug build).
    @Test func gradientsStayFiniteAtTheCaps() {
        let config = sharingConfig(batch: 2, inputs: 100, hiddens: 100, outputs: 100, steps: 100, countedSteps: [1])
        let r = SharingLesson.run(config, seed: 1)
        #expect(r.grads.params.named.allSatisfy { $0.value.scalars.allSatisfy(\.isFinite) })
        let failing = SharingLesson.claims(r, config).filter { !$0.holds }.map(\.id)
        #expect(failing.isEmpty)
    }

    /// `sequence` draws T·n·d numbers in one call, as torch.randn(T, n, d).
    @Test func sequenceIsOneDraw() {
        var a = TorchGenerator(seed: 4), b = TorchGenerator(seed: 4)
        let xs = SharingLesson.sequence(5, 3, 2, using: &a)                // 30 numbers: the ≥ 16 path
        #expect(xs.flatMap(\.scalars).map(\.bitPattern) == b.randn(30).map(\.bitPattern))
        #expect(xs.allSatisfy { $0.shape == Shape(3, 2) })
    }

    @Test func jsonHasInputsResultsAndCounts() throws {
        let run = try LessonProcess.run("sharing", ["--json", "--seed", "6", "--hiddens", "3", "--steps", "4"])
        #expect(run.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(doc.keys) == ["lesson", "seed", "config", "inputs", "results", "claims"])
        let inputs = try #require(doc["inputs"] as? [String: Any])
        #expect(Set(inputs.keys) == ["W_xh", "W_hh", "b_h", "W_hq", "b_q", "X", "Y", "H_0"])
        let x = try #require(inputs["X"] as? [[[NSNumber]]])
        #expect(x.count == 4 && x[0].count == 3 && x[0][0].count == 1)
        let expected = SharingLesson.run(sharingConfig(hiddens: 3, steps: 4, countedSteps: [1]), seed: 6)
        let wHH = try #require(inputs["W_hh"] as? [[NSNumber]])
        #expect(wHH.flatMap { $0 }.map { Float($0.stringValue)!.bitPattern } == expected.params.wHH.scalars.map(\.bitPattern))
        let results = try #require(doc["results"] as? [String: Any])
        let counts = try #require(results["counts"] as? [String: [Int]])
        let k = 1 * 3 + 3 * 3 + 3 + 3 * 1 + 1
        #expect(counts["T"] == [1, 10, 100, 1000])
        #expect(counts["shared_numbers"] == [k, k, k, k])
        #expect(counts["separate_numbers"] == [k, 10 * k, 100 * k, 1000 * k])
        #expect(results["parameter_count"] as? Int == k)
        let claims = try #require(doc["claims"] as? [[String: Any]])
        #expect(claims.count == 7 && claims.allSatisfy { $0["holds"] as? Bool == true })
    }

    /// The report quotes the lesson's code in both languages.
    @Test func reportQuotesTheLessonsCode() throws {
        let folder = try LessonProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try LessonProcess.run("sharing", ["--seed", "1", "--quiet", "--output-dir", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        for file in ["README.md", "README.zh.md"] {
            let report = try String(contentsOf: folder.appendingPathComponent("04-parameter-sharing/\(file)"), encoding: .utf8)
            #expect(report.contains("let piecesXH = (0..<steps).map"))
            #expect(report.contains("static func unroll"))
            #expect(report.contains("torch.manual_seed(1)"))
        }
    }
}
