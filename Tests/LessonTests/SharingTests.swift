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
            #expect(claims.count == 15)
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
        let tolerance = SharingLesson.claims(clean, config).first { $0.id == "untied-sum-W_xh" }!.tolerance
        #expect(holds("untied-sum-W_xh") { _ in })
        #expect(!holds("untied-sum-W_xh") { $0.untiedSum.wXH[0, 0] += Float(tolerance * 1.5) })
        #expect(!holds("untied-sum-b_q") { $0.untiedSum.bQ[0, 0] = .nan })
        #expect(!holds("untied-forward-identical") { $0.untiedForward.states[2][0, 0] = $0.untiedForward.states[2][0, 0].nextUp })
        #expect(!holds("recurrence-is-BPTT") { $0.untied.dH[0][0, 0] += 0.01 })
        #expect(!holds("closed-form-is-recurrence") { $0.closedFormDH1[0, 1] += 0.01 })
        #expect(!holds("copy-one-W_hh-zero") { $0.untied.copyGradients[0].wHH[1, 1] = Float.leastNonzeroMagnitude })
        #expect(!holds("terms-within-bound") { $0.closedFormTerms[2].reaching = $0.closedFormTerms[2].bound * 1.001 })
        #expect(!holds("count-independent-of-T") { $0.shared[3].scalars += 1 })
        #expect(!holds("same-storage-every-step") { $0.shared[3].buffers = 6 })
        #expect(!holds("separate-weights-grow-with-T") { $0.separate[2].scalars = $0.shared[2].scalars })
        #expect(!holds("parameter-count") { $0.params.bQ = Matrix.zeros(1, 2) })
    }

    /// BPTT with a planted bug, written out for the test: at step `bug` the
    /// term from step bug + 1 is dropped, so δ_bug — and every δ before it —
    /// is wrong. Returns the tied gradients of W_xh, W_hh, b_h it would
    /// report (built, like BPTT's, as Σ_t of the per-step pieces of its own
    /// δ_t) and its δ_t. With `bug` nil it is plain BPTT.
    static func plantedBPTT(_ r: SharingLesson.Result, bug: Int?) -> (grads: RNNParameters<Float>, deltas: [Matrix<Float>]) {
        let p = r.params, steps = r.xs.count
        var deltas: [Matrix<Float>] = []
        var next: Matrix<Float>? = nil                                  // δ_{t+1}
        for t in stride(from: steps, through: 1, by: -1) {
            var g = (r.forward.outputs[t - 1] - r.ys[t - 1]).matmul(p.wHQ.transposed)   // output term
            if let next, t != bug { g = g + next.matmul(p.wHH.transposed) }          // from step t + 1
            let delta = g .* r.forward.states[t].map { 1 - $0 * $0 }
            deltas.insert(delta, at: 0)
            next = delta
        }
        let sum = { (pieces: [Matrix<Float>]) in pieces.dropFirst().reduce(pieces[0], +) }
        var grads = r.grads.params
        grads.wXH = sum((0..<steps).map { r.xs[$0].transposedMatmul(deltas[$0]) })
        grads.wHH = sum((0..<steps).map { r.forward.states[$0].transposedMatmul(deltas[$0]) })
        grads.bH = sum(deltas.map { $0.columnSums() })
        return (grads, deltas)
    }

    /// The check can fail where it matters: a BPTT with a wrong δ_t gives a
    /// tied gradient that no longer equals the sum of the untied copies'
    /// gradients — while the old check, which summed the pieces X_tᵀδ_t of
    /// the same wrong δ_t, would still have agreed with it exactly.
    /// Book sizes, and a longer run with a larger batch, where the rounding
    /// bound is wider (N = T(h + q + 1) + nT = 280).
    @Test(arguments: [(UInt64(0), 3, 3, 5), (UInt64(4), 4, 3, 5), (UInt64(7), 2, 3, 5), (UInt64(1), 10, 8, 20)])
    func plantedWrongDeltaFailsTheCheck(seed: UInt64, bug: Int, batch: Int, steps: Int) {
        let config = sharingConfig(batch: batch, steps: steps, countedSteps: [1])
        let clean = SharingLesson.run(config, seed: seed)
        func failing(_ r: SharingLesson.Result) -> Set<String> {
            Set(SharingLesson.claims(r, config).filter { !$0.holds }.map(\.id))
        }
        // The test's own BPTT without a bug passes the check.
        var plain = clean
        plain.grads.params = Self.plantedBPTT(clean, bug: nil).grads
        #expect(failing(plain).isEmpty)
        // With the bug the check fails for every parameter the wrong δ reaches.
        let planted = Self.plantedBPTT(clean, bug: bug)
        var wrong = clean
        wrong.grads.params = planted.grads
        #expect(failing(wrong).isSuperset(of: ["untied-sum-W_xh", "untied-sum-W_hh", "untied-sum-b_h"]))
        #expect(planted.deltas[bug - 1].maxAbsDifference(clean.untied.deltas[bug - 1]) > 1e-3)
        // The old check: Σ_t X_tᵀ δ_t from the same wrong δ_t agrees with the wrong gradient.
        let oldSum = (0..<config.steps).map { clean.xs[$0].transposedMatmul(planted.deltas[$0]) }
        #expect(oldSum.dropFirst().reduce(oldSum[0], +).maxAbsDifference(planted.grads.wXH) == 0)
    }

    /// A wrong δ_t on the untied side fails the check too: forgetting
    /// tanh′ at one step of the untied backward pass.
    @Test func wrongUntiedDeltaFailsTheCheck() {
        let config = sharingConfig()
        let clean = SharingLesson.run(config, seed: 2)
        var derivatives = Untied.tanhDerivatives(clean.untiedForward)
        derivatives[2] = derivatives[2].map { _ in 1 }
        let copies = (0..<config.steps).map { _ in clean.params }
        let dO = zip(clean.untiedForward.outputs, clean.ys).map { $0 - $1 }
        var wrong = clean
        wrong.untied = Untied.backward(xs: clean.xs, states: clean.untiedForward.states, copies: copies,
                                       tanhDerivatives: derivatives, outputGradients: dO)
        wrong.untiedSum = wrong.untied.sum
        let failing = Set(SharingLesson.claims(wrong, config).filter { !$0.holds }.map(\.id))
        #expect(failing.isSuperset(of: ["untied-sum-W_xh", "untied-sum-W_hh", "untied-sum-b_h", "recurrence-is-BPTT"]))
    }

    /// Over 100 steps the tied and untied gradients really differ (the
    /// claims measure rounding between two different computations, not one
    /// computation twice) and stay within the bound; with one step the
    /// W_hh gradient is exactly zero (H_0 = 0: nothing to learn).
    @Test func untiedToleranceIsMeaningful() {
        let config = sharingConfig(batch: 32, hiddens: 8, steps: 100, countedSteps: [1])
        let long = SharingLesson.run(config, seed: 3)
        let claims = SharingLesson.claims(long, config)
        let differences = claims.filter { $0.id.hasPrefix("untied-sum-") || $0.id == "recurrence-is-BPTT" }
        let someDiffer = differences.contains { $0.measured > 0 }
        let allHold = differences.allSatisfy(\.holds)
        #expect(someDiffer && allHold)
        let one = SharingLesson.run(sharingConfig(steps: 1, countedSteps: [1]), seed: 3)
        let tiedZero = one.grads.params.wHH.scalars.allSatisfy { $0 == 0 }
        let untiedZero = one.untiedSum.wHH.scalars.allSatisfy { $0 == 0 }
        #expect(tiedZero && untiedZero)
    }

    /// With φ′ ≡ 1 the closed form is Σ_s E_s (W_hhᵀ)^(s−1): the terms
    /// computed by `ClosedForm` are the explicit powers, bit for bit.
    @Test func closedFormIsPowersForTheIdentity() {
        let r = SharingLesson.run(sharingConfig(steps: 4, countedSteps: [1]), seed: 5)
        let ones = r.untied.outputTerms.map { $0.map { _ in Float(1) } }
        let terms = ClosedForm.termsReachingStepOne(outputTerms: r.untied.outputTerms, tanhDerivatives: ones,
                                                    wHH: r.params.wHH)
        var power = r.untied.outputTerms[3]
        for _ in 0..<3 { power = power.matmul(r.params.wHH.transposed) }
        #expect(terms[3].scalars.map(\.bitPattern) == power.scalars.map(\.bitPattern))
        #expect(terms[0].scalars.map(\.bitPattern) == r.untied.outputTerms[0].scalars.map(\.bitPattern))
    }

    /// The PyTorch snippet prints the lesson's own values of the same run:
    /// the count, each copy's W_xh gradient, their sum, the tied gradient,
    /// and the same two for W_hh.
    @Test(arguments: [(UInt64(0), 3, 4, 5), (UInt64(7), 2, 3, 6)])
    func snippetPrintsTheLessonsValues(seed: UInt64, batch: Int, hiddens: Int, steps: Int) {
        let config = sharingConfig(batch: batch, hiddens: hiddens, steps: steps, countedSteps: [1])
        let r = SharingLesson.run(config, seed: seed)
        let snippet = SharingLesson.pytorchSnippet(r, config, seed: seed)
        #expect(snippet.code.contains("torch.manual_seed(\(seed))"))
        #expect(snippet.code.contains("torch.randn(\(steps), \(batch), 1)"))
        #expect(snippet.prints.map(\.expression) == [
            "sum(p.numel() for p in tied)", "torch.stack([copy[0].grad for copy in untied])",
            "sum(copy[0].grad for copy in untied)", "W_xh.grad", "sum(copy[1].grad for copy in untied)", "W_hh.grad"])
        #expect(snippet.prints.map(\.output) == [
            "\(SharingLesson.formulaCount(config))",
            Matrix.repr(stack: r.untied.copyGradients.map(\.wXH)),
            r.untiedSum.wXH.description, r.grads.params.wXH.description,
            r.untiedSum.wHH.description, r.grads.params.wHH.description])
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
        #expect(claims.count == 15 && claims.allSatisfy { $0["holds"] as? Bool == true })
        let copies = try #require(results["untied_copy_grads"] as? [[String: Any]])
        #expect(copies.count == 4)
    }

    /// The report quotes the lesson's code in both languages.
    @Test func reportQuotesTheLessonsCode() throws {
        let folder = try LessonProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try LessonProcess.run("sharing", ["--seed", "1", "--quiet", "--output-dir", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        for file in ["README.md", "README.zh.md"] {
            let report = try String(contentsOf: folder.appendingPathComponent("04-parameter-sharing/\(file)"), encoding: .utf8)
            #expect(report.contains("let untied = Untied.backward("))
            #expect(report.contains("static func backward<Scalar>"))
            #expect(report.contains("static func unroll"))
            #expect(report.contains("torch.manual_seed(1)"))
            let snippet = SharingLesson.pytorchSnippet(SharingLesson.run(sharingConfig(), seed: 1), sharingConfig(), seed: 1)
            #expect(report.contains(snippet.output))
        }
    }
}
