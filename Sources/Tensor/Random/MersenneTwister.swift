/// The 32-bit Mersenne Twister (mt19937), seeded and read the way PyTorch's
/// CPU generator does.
///
/// The algorithm is Matsumoto and Nishimura's, "Mersenne Twister: a
/// 623-dimensionally equidistributed uniform pseudo-random number
/// generator" (ACM TOMACS, 1998), seeded with their `init_genrand`. PyTorch
/// wraps the same engine (`aten/src/ATen/core/MT19937RNGEngine.h`), seeds it
/// with the low 32 bits of `torch.manual_seed`'s argument, and derives its
/// 64-bit draws and uniform floats from it as ``next64()``,
/// ``uniformFloat()`` and ``uniformDouble()`` do here
/// (`aten/src/ATen/core/TransformationHelper.h`).
///
/// The state is 624 words in a heap array; copying the struct copies the
/// state (copy on write), so a copy replays the same stream.
public struct MersenneTwister: Sendable {
    private static let stateSize = 624
    private static let shift = 397
    private static let matrixA: UInt32 = 0x9908_b0df
    private static let upperMask: UInt32 = 0x8000_0000
    private static let lowerMask: UInt32 = 0x7fff_ffff

    private var state: [UInt32]
    /// The index of the next word of `state` to temper; `stateSize` means
    /// the block is used up and must be regenerated.
    private var index: Int

    /// Seeds the engine as `init_genrand` does, with the low 32 bits of
    /// `seed` (what `torch.manual_seed(seed)` passes to it).
    public init(seed: UInt64) {
        var words = [UInt32](repeating: 0, count: Self.stateSize)
        words[0] = UInt32(truncatingIfNeeded: seed)
        for i in 1..<Self.stateSize {
            let previous = words[i - 1]
            // 1812433253 is Knuth's multiplier, as in the reference seeding.
            words[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        state = words
        index = Self.stateSize
    }

    /// The next 32-bit output (PyTorch's `random()`).
    public mutating func next() -> UInt32 {
        if index >= Self.stateSize { regenerate() }
        var y = state[index]
        index += 1
        // Tempering.
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// Two outputs joined, the first in the high half (PyTorch's
    /// `random64()`).
    public mutating func next64() -> UInt64 {
        let high = UInt64(next())
        let low = UInt64(next())
        return (high << 32) | low
    }

    /// A uniform float in [0, 1): the low 24 bits of one ``next()`` times
    /// 2⁻²⁴, exact in `Float` (`uniform_real_distribution<float>(0, 1)`).
    public mutating func uniformFloat() -> Float {
        Float(next() & 0x00ff_ffff) * 0x1p-24
    }

    /// A uniform double in [0, 1): the low 53 bits of one ``next64()`` times
    /// 2⁻⁵³, exact in `Double` (`uniform_real_distribution<double>(0, 1)`).
    public mutating func uniformDouble() -> Double {
        Double(next64() & 0x001f_ffff_ffff_ffff) * 0x1p-53
    }

    /// Refills the whole state block (the "twist").
    private mutating func regenerate() {
        let n = Self.stateSize
        let m = Self.shift
        state.withUnsafeMutableBufferPointer { mt in
            for i in 0..<n {
                let bits = (mt[i] & Self.upperMask) | (mt[(i + 1) % n] & Self.lowerMask)
                let twisted = (bits >> 1) ^ ((bits & 1) == 0 ? 0 : Self.matrixA)
                mt[i] = mt[(i + m) % n] ^ twisted
            }
        }
        index = 0
    }
}
