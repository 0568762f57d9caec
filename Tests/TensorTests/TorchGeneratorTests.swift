import Foundation
import Testing
@testable import Tensor

// Tolerance: none. Every comparison with PyTorch is of float32 bit
// patterns, because the point of TorchGenerator is that a lesson's numbers
// are the ones a student gets from `torch.randn` in a notebook.

// MARK: - The fixture

/// `Tests/Fixtures/torch_randn.json`: values recorded from PyTorch 2.13.
private struct RandnFixture: Decodable {
    struct Draw: Decodable {
        let shape: [Int]
        let numel: Int
        let bits: [String]
    }
    struct Capability: Decodable {
        /// seed (as text) → mode ("sequential" or "fresh") → draws in order.
        let seeds: [String: [String: [Draw]]]
    }
    let shapes: [[Int]]
    let seeds: [UInt64]
    let capabilities: [String: Capability]

    static let shared: RandnFixture = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TensorTests/
            .deletingLastPathComponent()  // Tests/
            .appendingPathComponent("Fixtures/torch_randn.json")
        do {
            return try JSONDecoder().decode(RandnFixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    /// The fixture's name for a kernel (`ATEN_CPU_CAPABILITY`'s value).
    static func capabilityName(_ kernel: TorchGenerator.Kernel) -> String {
        switch kernel {
        case .avx2: "avx2"
        case .scalar: "default"
        }
    }

    func draws(kernel: TorchGenerator.Kernel, seed: UInt64, mode: Mode) throws -> [Draw] {
        let capability = try #require(capabilities[Self.capabilityName(kernel)])
        let bySeed = try #require(capability.seeds[String(seed)])
        return try #require(bySeed[mode.rawValue])
    }
}

enum Mode: String, CaseIterable, Sendable {
    /// One `manual_seed`, then every shape in order from the same stream.
    case sequential
    /// `manual_seed` before each shape.
    case fresh
}

// MARK: - Reproducing PyTorch

@Suite("TorchGenerator reproduces torch.randn bit for bit")
struct TorchGeneratorFixtureTests {
    @Test(
        "every recorded value",
        arguments: TorchGenerator.Kernel.allCases, [UInt64(0), 1]
    )
    func reproducesFixture(kernel: TorchGenerator.Kernel, seed: UInt64) throws {
        let fixture = RandnFixture.shared
        #expect(fixture.seeds.contains(seed))
        for mode in Mode.allCases {
            let draws = try fixture.draws(kernel: kernel, seed: seed, mode: mode)
            #expect(draws.map(\.shape) == fixture.shapes)
            var generator = TorchGenerator(seed: seed, kernel: kernel)
            for draw in draws {
                if mode == .fresh { generator = TorchGenerator(seed: seed, kernel: kernel) }
                #expect(draw.numel == draw.shape.reduce(1, *))
                let got = generator.randn(draw.numel).map(\.bitPattern)
                let want = try draw.bits.map { try #require(UInt32($0, radix: 16)) }
                #expect(
                    got == want,
                    "\(kernel) seed \(seed) \(mode) shape \(draw.shape): got \(Self.hex(got)), want \(Self.hex(want))"
                )
            }
        }
    }

    @Test("the fixture covers both paths, a cache carried across calls, and a redone last block")
    func fixtureCoverage() throws {
        let numels = RandnFixture.shared.shapes.map { $0.reduce(1, *) }
        #expect(numels.contains { $0 < 16 && $0 % 2 == 1 })  // leaves a cached sample
        #expect(numels.contains { $0 >= 16 && $0 % 16 == 0 })
        #expect(numels.contains { $0 > 16 && $0 % 16 != 0 })
    }

    private static func hex(_ bits: [UInt32]) -> String {
        bits.map { String($0, radix: 16) }.joined(separator: " ")
    }
}

// MARK: - The engine

@Suite("MersenneTwister")
struct MersenneTwisterTests {
    @Test("mt19937 seeded with 5489: first output 3499211612, 10000th 4123659995")
    func referenceValues() {
        var engine = MersenneTwister(seed: 5489)
        #expect(engine.next() == 3_499_211_612)
        for _ in 2..<10_000 { _ = engine.next() }
        #expect(engine.next() == 4_123_659_995)
    }

    @Test("only the low 32 bits of the seed count")
    func seedIsTruncated() {
        var low = MersenneTwister(seed: 7)
        var high = MersenneTwister(seed: 7 | (1 << 40))
        for _ in 0..<1000 { #expect(low.next() == high.next()) }
    }

    @Test("next64 is two draws, the first in the high half")
    func next64() {
        var pairs = MersenneTwister(seed: 42)
        var joined = MersenneTwister(seed: 42)
        for _ in 0..<100 {
            let high = UInt64(pairs.next())
            let low = UInt64(pairs.next())
            #expect(joined.next64() == high << 32 | low)
        }
    }

    @Test("uniforms keep 24 (float) and 53 (double) low bits, in [0, 1)")
    func uniforms() {
        var raw = MersenneTwister(seed: 3)
        var floats = MersenneTwister(seed: 3)
        var doubles = MersenneTwister(seed: 3)
        for _ in 0..<1000 {
            let word = raw.next()
            let u = floats.uniformFloat()
            #expect(u == Float(word & 0xff_ffff) / 16_777_216)
            #expect(u >= 0 && u < 1)
            _ = floats.next()  // keep in step with the double engine
            let d = doubles.uniformDouble()
            let wide = UInt64(word) << 32 | UInt64(raw.next())
            #expect(d == Double(wide & (1 << 53 - 1)) / 0x1p53)
            #expect(d >= 0 && d < 1)
        }
    }
}

// MARK: - Behaviour around the two paths

@Suite("TorchGenerator paths")
struct TorchGeneratorPathTests {
    @Test("the cached sample carries into the next call", arguments: TorchGenerator.Kernel.allCases)
    func cacheCarriesAcrossCalls(kernel: TorchGenerator.Kernel) {
        var split = TorchGenerator(seed: 11, kernel: kernel)
        var whole = TorchGenerator(seed: 11, kernel: kernel)
        let pieces = split.randn(3) + split.randn(1) + split.randn(5)
        #expect(pieces.map(\.bitPattern) == whole.randn(9).map(\.bitPattern))
    }

    @Test("the 16-at-a-time path neither uses nor clears the cache")
    func largePathLeavesCache() {
        var interleaved = TorchGenerator(seed: 5)
        var plain = TorchGenerator(seed: 5)
        let first = interleaved.randn(1)
        _ = interleaved.randn(16)
        let second = interleaved.randn(1)
        #expect((first + second).map(\.bitPattern) == plain.randn(2).map(\.bitPattern))
    }

    @Test("a new generator starts without a cached sample")
    func newGeneratorClearsCache() {
        var generator = TorchGenerator(seed: 0)
        let firstPair = generator.randn(1)
        #expect(generator.cachedNormal != nil)
        let reseeded = TorchGenerator(seed: 0)
        #expect(reseeded.cachedNormal == nil)
        var again = reseeded
        #expect(again.randn(1).map(\.bitPattern) == firstPair.map(\.bitPattern))
    }

    @Test(
        "a count not divisible by 16 redoes an overlapping last block",
        arguments: TorchGenerator.Kernel.allCases, [17, 25, 33, 47]
    )
    func ragged(kernel: TorchGenerator.Kernel, count: Int) {
        var a = TorchGenerator(seed: 9, kernel: kernel)
        var b = TorchGenerator(seed: 9, kernel: kernel)
        let values = a.randn(count)
        #expect(values.count == count)
        #expect(values.allSatisfy { $0.isFinite })
        #expect(values.map(\.bitPattern) == b.randn(count).map(\.bitPattern))
        // The full blocks come from the same first uniforms as the
        // next-smaller multiple of 16; only the last 16 slots are redrawn.
        let whole = count / 16 * 16
        var c = TorchGenerator(seed: 9, kernel: kernel)
        let prefix = c.randn(whole)
        let kept = count - 16
        #expect(values[..<kept].map(\.bitPattern) == prefix[..<kept].map(\.bitPattern))
    }

    @Test("zero elements draw nothing")
    func empty() {
        var generator = TorchGenerator(seed: 1)
        #expect(generator.randn(0).isEmpty)
        var fresh = TorchGenerator(seed: 1)
        #expect(generator.randn(4).map(\.bitPattern) == fresh.randn(4).map(\.bitPattern))
    }
}

// MARK: - The Cephes polynomials

@Suite("CephesFloat")
struct CephesFloatTests {
    /// Every 97th float-grid point k·2⁻²⁴ of (0, 1], the range `log` sees
    /// (1 − u for a 24-bit uniform u).
    static let unitGrid: [Float] = stride(from: 1, through: 1 << 24, by: 97).map { Float($0) * 0x1p-24 }

    // Tolerance: 1 ulp of the exact result. Measured over all 2²⁴ grid
    // points the error is at most 0.82 ulp.
    @Test("log agrees with the double logarithm within 1 ulp on (0, 1]")
    func logAccuracy() {
        for x in Self.unitGrid + [1, 0x1p-24, 0.5, Float(0.5).nextDown, 0.70710677] {
            let exact = Foundation.log(Double(x))
            let error = abs(Double(CephesFloat.log(x)) - exact)
            #expect(error <= Double(Float(exact).ulp), "log(\(x))")
        }
        #expect(CephesFloat.log(1) == 0)
        #expect(CephesFloat.log(0).isNaN)
        #expect(CephesFloat.log(-1).isNaN)
    }

    // Tolerance: 1.2e-7 absolute (one ulp of 1). Measured over all θ = 2π·u
    // with u on the 24-bit grid the error is at most 7.8e-8.
    @Test("sincos agrees with the double sine and cosine within 1.2e-7 on [0, 2π)")
    func sincosAccuracy() {
        let twoPi = Float(2.0 * Double.pi)
        for u in Self.unitGrid.map({ $0 - 0x1p-24 }) {
            let theta = twoPi * u
            let (s, c) = CephesFloat.sincos(theta)
            #expect(abs(Double(s) - Foundation.sin(Double(theta))) <= 1.2e-7, "sin(\(theta))")
            #expect(abs(Double(c) - Foundation.cos(Double(theta))) <= 1.2e-7, "cos(\(theta))")
        }
        let (s0, c0) = CephesFloat.sincos(0)
        #expect(s0.bitPattern == 0 && c0 == 1)
        let (sn, _) = CephesFloat.sincos(-1)
        #expect(sn == -CephesFloat.sincos(1).sin)
    }
}
