import Foundation
import Testing
import TestSupport
@testable import mlp
@testable import Course
@testable import Network
@testable import Tensor

/// A parsed configuration of lesson 01 (the defaults unless given).
func mlpConfig(batch: Int = 3, inputs: Int = 4, hiddens: Int = 5, outputs: Int = 3,
               activation: Activation = .tanh) -> MLPLesson.Config {
    try! MLPLesson.Config.parse(["--batch", "\(batch)", "--inputs", "\(inputs)", "--hiddens", "\(hiddens)",
                                 "--outputs", "\(outputs)", "--activation", activation.rawValue])
}

/// Lesson 01's claims across seeds, sizes and activations; its JSON and
/// terminal text. (The command line common to all lessons is tested in
/// `CommandLineTests`.)
@Suite struct MLPTests {
    static let activations: [Activation] = [.tanh, .relu, .sigmoid, .identity]

    /// Every claim holds for many seeds at the default sizes, for every φ.
    @Test(arguments: activations)
    func claimsHoldAtDefaultSizes(activation: Activation) {
        for seed in UInt64(0)..<30 {
            let config = mlpConfig(activation: activation)
            let claims = MLPLesson.claims(MLPLesson.run(config, seed: seed), config)
            #expect(claims.count == 10)
            for claim in claims {
                #expect(claim.holds, "seed \(seed), \(activation): \(claim.id) measured \(claim.measured), tolerance \(claim.tolerance)")
            }
        }
    }

    /// …and for random sizes, each edge of the valid range included (one
    /// 1024 at a time: a 1024 × 1024 draw alone takes seconds in a debug build).
    @Test func claimsHoldForManySizes() {
        var g = TestNormals(seed: 11)
        var configs = [mlpConfig(batch: 1, inputs: 1, hiddens: 1, outputs: 1),
                       mlpConfig(batch: 1, inputs: 1, hiddens: 1, outputs: 2),
                       mlpConfig(batch: 2, inputs: 1024, hiddens: 32, outputs: 2, activation: .relu),
                       mlpConfig(batch: 1, inputs: 1, hiddens: 1024, outputs: 3, activation: .sigmoid),
                       mlpConfig(batch: 1024, inputs: 2, hiddens: 2, outputs: 2),
                       mlpConfig(batch: 20, inputs: 1, hiddens: 2, outputs: 1024, activation: .identity),
                       // Logits that spread by hundreds: rows round to exact 0 and 1.
                       mlpConfig(batch: 8, inputs: 1024, hiddens: 256, outputs: 8, activation: .identity)]
        for _ in 0..<30 {
            configs.append(mlpConfig(batch: g.int(in: 1...24), inputs: g.int(in: 1...128), hiddens: g.int(in: 1...128),
                             outputs: g.int(in: 1...200), activation: Self.activations[g.int(in: 0...3)]))
        }
        for (k, config) in configs.enumerated() {
            let result = MLPLesson.run(config, seed: UInt64(k))
            for claim in MLPLesson.claims(result, config) {
                #expect(claim.holds, "\(config.batch), \(config.inputs), \(config.hiddens), \(config.outputs), \(config.activation): \(claim.id) measured \(claim.measured), tolerance \(claim.tolerance)")
            }
        }
    }

    /// The wide-logit configuration really exercises the non-strict branch:
    /// some rows are too wide for float32 to keep every probability inside (0, 1).
    @Test func wideLogitsRoundToZeroAndOne() {
        let config = mlpConfig(batch: 8, inputs: 1024, hiddens: 256, outputs: 8, activation: .identity)
        let result = MLPLesson.run(config, seed: 4)
        #expect(MLPLesson.spreads(result.o).contains { $0 >= MLPLesson.strictSpread })
        #expect(result.p.scalars.contains { $0 == 0 || $0 == 1 })
        let claim = MLPLesson.claims(result, config).first { $0.id == "probabilities-in-unit-interval" }!
        #expect(claim.holds)
        #expect(claim.textKey == "claim.probabilities-mostly-strict")
    }

    /// Each tolerance is a real bound, not slack: a measurement just beyond
    /// it makes the claim fail.
    @Test func claimsCanFail() {
        let config = mlpConfig()
        let clean = MLPLesson.run(config, seed: 0)
        func holds(_ id: String, _ change: (inout MLPLesson.Result) -> Void) -> Bool {
            var r = clean
            change(&r)
            return MLPLesson.claims(r, config).first { $0.id == id }!.holds
        }
        let tolerance = MLPLesson.rowSumTolerance(classes: config.outputs)
        #expect(holds("rows-sum-to-one") { _ in })
        #expect(!holds("rows-sum-to-one") { $0.rowSums[1] = 1 + tolerance * 1.01 })
        #expect(!holds("rows-sum-to-one") { $0.rowSums[0] = .nan })
        #expect(!holds("broadcast-is-row-by-row") { $0.broadcastDifference = Double(Float.leastNonzeroMagnitude) })
        #expect(!holds("probabilities-in-unit-interval") { $0.p[0, 0] = 1 })
        #expect(!holds("argmax-kept") { $0.argmaxP[0] = ($0.argmaxO[0] + 1) % config.outputs })
        #expect(!holds("stable-for-extreme-logits") { $0.stable[1, 1] = .nan })
        #expect(!holds("naive-overflows") { $0.naive = $0.stable })
        #expect(!holds("shapes") { $0.h = Matrix.zeros(config.batch, config.hiddens + 1) })
        #expect(!holds("parameter-count") { $0.bQ = Matrix.zeros(1, config.outputs + 1) })
        #expect(!holds("rows-independent") { $0.otherRowsChanged = 1 })
        #expect(holds("rounds-to-one-gap") { _ in })
        #expect(!holds("rounds-to-one-gap") { $0.roundsToOneGap = 16.5 })
        #expect(!holds("rounds-to-one-gap") { $0.roundsToOneGap = .infinity })
    }

    /// Changing example 0 changes row 0 of O — so the claim that the other
    /// rows stay put measures something — and a computation that mixed the
    /// rows (a batch mean subtracted from Z, as batch normalisation does)
    /// would fail it.
    @Test func rowsIndependentCanFail() {
        let config = mlpConfig(batch: 4)
        let r = MLPLesson.run(config, seed: 3)
        let changed = MLPLesson.exampleZeroChanged(x: r.x, wXH: r.wXH, bH: r.bH, wHQ: r.wHQ, bQ: r.bQ, phi: .tanh)
        #expect(changed.row(0).maxAbsDifference(r.o.row(0)) > 0)
        #expect(changed.slice(rows: 1..<4, cols: 0..<3).scalars.map(\.bitPattern)
                == r.o.slice(rows: 1..<4, cols: 0..<3).scalars.map(\.bitPattern))
        // Mixing rows: subtract the batch mean of Z before φ.
        func mixed(_ x: Matrix<Float>) -> Matrix<Float> {
            let z = x.matmul(r.wXH).addingRow(r.bH)
            let mean = z.columnSums() * (1 / Float(z.rows))
            return (z - Matrix.cat(Array(repeating: mean, count: z.rows), dim: 0)).applying(.tanh)
                .matmul(r.wHQ).addingRow(r.bQ)
        }
        var x = r.x
        for j in 0..<x.cols { x[0, j] += 1 }
        let moved = zip(mixed(r.x).scalars, mixed(x).scalars).dropFirst(3).filter { $0.bitPattern != $1.bitPattern }.count
        var result = r
        result.otherRowsChanged = moved
        #expect(moved > 0)
        #expect(!MLPLesson.claims(result, config).first { $0.id == "rows-independent" }!.holds)
    }

    /// The gap search finds the first grid point past ln 2²⁴, and the
    /// probability really is below 1 one step earlier.
    @Test func roundsToOneGapIsTheThreshold() {
        let g = MLPLesson.roundsToOneGap()
        #expect(g >= MLPLesson.oneRoundingGap && g - MLPLesson.oneRoundingGap <= MLPLesson.gapStep)
        #expect(Matrix<Float>([[Float(g - MLPLesson.gapStep), 0]]).softmaxRows()[0, 0] < 1)
        #expect(Matrix<Float>([[Float(g), 0]]).softmaxRows()[0, 0] == 1)
    }

    /// The PyTorch snippet prints the lesson's own values of the same run, in
    /// the order of its print lines, for the sizes and φ of the run.
    @Test(arguments: [(UInt64(0), 3, Activation.tanh), (UInt64(5), 6, Activation.relu)])
    func snippetPrintsTheLessonsValues(seed: UInt64, batch: Int, activation: Activation) {
        let config = mlpConfig(batch: batch, activation: activation)
        let r = MLPLesson.run(config, seed: seed)
        let snippet = MLPLesson.pytorchSnippet(r, config, seed: seed)
        #expect(snippet.code.contains("torch.manual_seed(\(seed))"))
        #expect(snippet.code.contains("X = torch.randn(\(batch), 4)"))
        #expect(snippet.code.contains("torch.\(activation.rawValue)(X @ W_xh + b_h)"))
        #expect(snippet.code.contains("[[1000., 999., -1000.], [-1000., -999., -1000.], [1000., -1000., 0.]]"))
        #expect(snippet.prints.map(\.expression) == [
            "H", "O", "P", "P.sum(dim=1)", "torch.equal(X @ W_xh + b_h, X @ W_xh + b_h.repeat(\(batch), 1))",
            "torch.exp(L) / torch.exp(L).sum(dim=1, keepdim=True)", "torch.softmax(L, dim=1)"])
        #expect(snippet.prints.map(\.output) == [
            r.h.description, r.o.description, r.p.description, MLPLesson.rowSumsTensor(r.p), "True",
            r.naive.description, r.stable.description])
    }

    /// The γ_{q+1} bound is close to what rounding really does: over many
    /// rows of 3 classes the worst error reaches a sizeable part of it.
    @Test func rowSumToleranceIsNotLoose() {
        let config = mlpConfig(batch: 1000)
        let result = MLPLesson.run(config, seed: 1)
        let worst = result.rowSums.map { ($0 - 1).magnitude }.max()!
        #expect(worst > MLPLesson.rowSumTolerance(classes: 3) / 10)
    }

    /// The lesson's own forward pass is the library's `mlpForward`, bit for bit.
    @Test(arguments: activations)
    func matchesNetworkForward(activation: Activation) {
        let config = mlpConfig(batch: 7, inputs: 9, hiddens: 11, outputs: 5, activation: activation)
        let r = MLPLesson.run(config, seed: 2)
        let f = mlpForward(x: r.x, wXH: r.wXH, bH: r.bH, wHQ: r.wHQ, bQ: r.bQ, activation: activation)
        #expect(f.hidden.scalars.map(\.bitPattern) == r.h.scalars.map(\.bitPattern))
        #expect(f.output.scalars.map(\.bitPattern) == r.o.scalars.map(\.bitPattern))
    }

    /// Without extreme logits the naive formula agrees with the shifted one
    /// (to a few float32 roundings of a 3-term sum): it fails only by overflow.
    @Test func naiveSoftmaxAgreesWhenNothingOverflows() {
        let r = MLPLesson.run(mlpConfig(), seed: 5)
        #expect(MLPLesson.naiveSoftmax(r.o).maxAbsDifference(r.p) <= 8 * Double(Float.unitRoundoff))
        let naive = MLPLesson.naiveSoftmax(MLPLesson.extremeLogits)
        #expect(naive[0, 0].isNaN && naive[1, 1].isNaN && naive[2, 1] == 0)
    }

    /// Seed 0 draws the stream `torch.manual_seed(0)` gives (recorded from
    /// PyTorch): tensors under 16 elements continue one stream of normals,
    /// so X, W_xh, b_h, W_hq for n = 3, d = 1, h = 4, q = 2 (19 numbers)
    /// are the first 19 values of the fixture's first three draws.
    @Test func seedZeroMatchesPyTorch() throws {
        let stream = try RandnStream.seedZero()
        #expect(stream.count >= 19)
        let small = MLPLesson.run(mlpConfig(batch: 3, inputs: 1, hiddens: 4, outputs: 2), seed: 0)
        let drawn = [small.x, small.wXH, small.bH, small.wHQ].flatMap(\.scalars).map(\.bitPattern)
        #expect(drawn == Array(stream.prefix(19)))
        // At the default sizes X (3, 4) is the first 12 values.
        let book = MLPLesson.run(mlpConfig(), seed: 0)
        #expect(book.x.scalars.map(\.bitPattern) == Array(stream.prefix(12)))
    }

    /// `--json` holds the contract's keys, the inputs needed to recompute
    /// everything (bit for bit), and the NaNs of the naive softmax as strings.
    @Test func jsonHasInputsResultsAndClaims() throws {
        let run = try LessonProcess.run("mlp", ["--json", "--seed", "4", "--outputs", "6", "--activation", "relu"])
        #expect(run.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(doc.keys) == ["lesson", "seed", "config", "inputs", "results", "claims"])
        let config = try #require(doc["config"] as? [String: Any])
        #expect(config["activation"] as? String == "relu" && config["outputs"] as? Int == 6)
        let inputs = try #require(doc["inputs"] as? [String: Any])
        #expect(Set(inputs.keys) == ["X", "W_xh", "b_h", "W_hq", "b_q", "L"])
        let results = try #require(doc["results"] as? [String: Any])
        for key in ["H", "O", "P", "row_sums", "argmax_O", "argmax_P", "naive_softmax_L", "softmax_L"] {
            #expect(results[key] != nil, "results lack \(key)")
        }
        let naive = try #require(results["naive_softmax_L"] as? [[Any]])
        #expect(naive[1].allSatisfy { ($0 as? String) == "NaN" })
        let expected = MLPLesson.run(mlpConfig(outputs: 6, activation: .relu), seed: 4)
        let wHQ = try #require(inputs["W_hq"] as? [[NSNumber]])
        #expect(wHQ.flatMap { $0 }.map { Float($0.stringValue)!.bitPattern } == expected.wHQ.scalars.map(\.bitPattern))
        let claims = try #require(doc["claims"] as? [[String: Any]])
        #expect(claims.count == 10)
        #expect(claims.allSatisfy { Set($0.keys).isSuperset(of: ["id", "statement", "measured", "tolerance", "holds"]) })
        #expect(claims.allSatisfy { $0["holds"] as? Bool == true })
    }

    /// The terminal text shows the tensors PyTorch-style and the demonstration.
    @Test func terminalTextReadsWell() throws {
        let run = try LessonProcess.run("mlp", ["--seed", "3"])
        #expect(run.status == 0)
        for text in ["Lesson 01 · mlp", "X @ W_xh + b_h   shape (3, 5)", "tensor([[", "P.sum(dim=1)",
                     "[nan, nan, nan]", "Claims:", "✓"] {
            #expect(run.stdout.contains(text), "output lacks \(text)")
        }
        #expect(!run.stdout.contains("✗"))
    }

    /// The report quotes the lesson's own code in both languages.
    @Test func reportQuotesTheLessonsCode() throws {
        let folder = try LessonProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try LessonProcess.run("mlp", ["--seed", "2", "--quiet", "--output-dir", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        for file in ["README.md", "README.zh.md"] {
            let report = try String(contentsOf: folder.appendingPathComponent("01-mlp/\(file)"), encoding: .utf8)
            #expect(report.contains("let z = xw.addingRow(bH)"))
            #expect(report.contains("static func naiveSoftmax"))
            #expect(report.contains("torch.manual_seed(2)"))
            #expect(report.contains(MLPLesson.pytorchSnippet(MLPLesson.run(mlpConfig(), seed: 2), mlpConfig(), seed: 2).output))
            #expect(report.contains("\\tanh") && !report.contains("$tanh$"))
        }
    }
}

/// The normals `torch.manual_seed(0)` produces on the small-tensor path,
/// read from `Tests/Fixtures/torch_randn.json`: the fixture's first three
/// sequential draws (3 + 4 + 12 values, each tensor under 16 elements)
/// form one continuous stream.
enum RandnStream {
    static func seedZero() throws -> [UInt32] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch_randn.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let capabilities = object?["capabilities"] as? [String: Any]
        let avx2 = capabilities?["avx2"] as? [String: Any]
        let seeds = avx2?["seeds"] as? [String: Any]
        let draws = (seeds?["0"] as? [String: Any])?["sequential"] as? [[String: Any]] ?? []
        let small = draws.prefix { (($0["numel"] as? Int) ?? 16) < 16 }
        return small.flatMap { ($0["bits"] as? [String] ?? []).compactMap { UInt32($0, radix: 16) } }
    }
}
