#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A generator that draws exactly what `torch.manual_seed(seed)` followed by
/// `torch.randn(...)` calls draws on the CPU (PyTorch 2.13, float32, x86-64),
/// bit for bit.
///
/// Where it comes from: PyTorch's CPU generator is a 32-bit Mersenne
/// Twister (``MersenneTwister``) plus one cached normal sample. `randn` of a
/// contiguous float tensor with n elements takes one of two paths
/// (`aten/src/ATen/native/cpu/DistributionTemplates.h`, `normal_kernel`):
///
/// - n < 16: each element is a double-precision Box–Muller sample
///   (`normal_distribution<double>` in `aten/src/ATen/core/DistributionsHelper.h`),
///   rounded to float. Each pair of uniforms gives two samples; the second
///   is cached in the generator and used by the next element, even one of a
///   later `randn` call. Only a new seed clears it.
/// - n ≥ 16 (`normal_fill`): n uniform floats are drawn first, then turned
///   into normals in place by float Box–Muller over blocks of 16, pairing
///   slot j with slot j + 8. If 16 does not divide n, 16 fresh uniforms
///   overwrite the last 16 slots and that last (overlapping) block is done
///   again. This path neither reads nor writes the cache.
///
/// Box–Muller itself (G. E. P. Box and M. E. Muller, 1958): from uniforms
/// u₁, u₂, r = √(−2 ln u₁) and θ = 2πu₂ give the independent normals
/// r·cos θ and r·sin θ.
///
/// Numerical caveats. The small path uses the C library's double `log1p`,
/// `sin`, `cos`, which agree across current glibc versions. The large path
/// depends on the ``Kernel``: ``Kernel/avx2`` re-creates PyTorch's AVX2
/// kernel with the Cephes float polynomials of ``CephesFloat`` and the fused
/// multiply–adds placed as the compiled kernel has them (see
/// `CephesFloat`), plus the final `n·std + mean` fused; without the fusion
/// about 0.1 % of values differ in the last bit. ``Kernel/scalar`` calls the
/// C library's `logf`, `cosf`, `sinf` and matches PyTorch only where that
/// library is glibc (Linux).
///
/// Lessons use it through ``NormalGenerator``, e.g.
/// `Matrix.randn(3, 4, using: &generator)`.
public struct TorchGenerator: NormalGenerator, Sendable {
    /// Which of PyTorch's CPU kernels to reproduce for tensors of 16 or more
    /// elements. Smaller tensors are drawn the same way by both.
    public enum Kernel: String, Sendable, CaseIterable {
        /// The AVX2 kernel that x86-64 machines run (also those with
        /// AVX-512, for which PyTorch registers no separate kernel).
        case avx2
        /// The portable kernel, as with `ATEN_CPU_CAPABILITY=default`: the C
        /// library's `logf`, `cosf` and `sinf`.
        case scalar
    }

    /// The seed as given; PyTorch, like this type, uses its low 32 bits.
    public let seed: UInt64
    /// The kernel reproduced for tensors of 16 or more elements.
    public let kernel: Kernel
    var engine: MersenneTwister
    /// The second sample of the last double Box–Muller pair, waiting to be
    /// used (PyTorch's `next_double_normal_sample`).
    private(set) var cachedNormal: Double?

    /// A generator in the state `torch.manual_seed(seed)` leaves: engine
    /// seeded with `seed & 0xffffffff`, no cached normal.
    public init(seed: UInt64, kernel: Kernel = .avx2) {
        self.seed = seed
        self.kernel = kernel
        self.engine = MersenneTwister(seed: seed)
        self.cachedNormal = nil
    }

    /// `count` standard normal samples, as one `torch.randn` of a contiguous
    /// float32 tensor with `count` elements draws them.
    public mutating func randn(_ count: Int) -> [Float] {
        precondition(count >= 0, "randn: negative element count \(count)")
        if count < Self.blockSize {
            // The double result rounds to nearest, as static_cast<float> does.
            return (0..<count).map { _ in Float(normalDouble()) }
        }
        return fillNormal(count)
    }

    /// One standard normal double, as `normal_distribution<double>` draws it:
    /// the cached sample if there is one, else a new Box–Muller pair whose
    /// cosine half is returned and whose sine half is cached.
    ///
    /// This is one element of `torch.randn(n, dtype=torch.float64)` for
    /// n < 16, and shares the cache with the float path of ``randn(_:)``.
    public mutating func normalDouble() -> Double {
        let sample: Double
        if let cached = cachedNormal {
            cachedNormal = nil
            sample = cached
        } else {
            let u1 = engine.uniformDouble()
            let u2 = engine.uniformDouble()
            let radius = (-2.0 * log1p(-u2)).squareRoot()  // log1p(−u₂) = ln(1 − u₂), 1 − u₂ in (0, 1]
            let theta = 2.0 * Double.pi * u1
            cachedNormal = radius * sin(theta)
            sample = radius * cos(theta)
        }
        // PyTorch applies sample·std + mean with std 1, mean 0; the only
        // visible effect is that −0 becomes +0.
        return sample * 1 + 0
    }

    // MARK: - The 16-at-a-time path

    private static let blockSize = 16

    /// `normal_fill`: uniforms for every slot first, then Box–Muller in
    /// blocks of 16, redoing an overlapping last block with fresh uniforms.
    private mutating func fillNormal(_ count: Int) -> [Float] {
        var data = (0..<count).map { _ in engine.uniformFloat() }  // (count,)
        var start = 0
        while start + Self.blockSize <= count {
            boxMuller16(&data, at: start)
            start += Self.blockSize
        }
        if count % Self.blockSize != 0 {
            let last = count - Self.blockSize
            for i in last..<count {
                data[i] = engine.uniformFloat()
            }
            boxMuller16(&data, at: last)
        }
        return data
    }

    /// Turns the 16 uniforms at `data[start..<start+16]` into normals, in
    /// place: slots j and j + 8 (j < 8) are one Box–Muller pair.
    private func boxMuller16(_ data: inout [Float], at start: Int) {
        for j in start..<(start + 8) {
            let u1 = 1 - data[j]  // [0, 1) → (0, 1], safe for log
            let u2 = data[j + 8]
            let (cosine, sine, radius): (Float, Float, Float)
            switch kernel {
            case .avx2:
                radius = (-2 * CephesFloat.log(u1)).squareRoot()
                let theta = Self.twoPi * u2  // in float
                (sine, cosine) = CephesFloat.sincos(theta)
            case .scalar:
                radius = (-2 * logf(u1)).squareRoot()
                // The scalar kernel forms θ in double, then rounds it.
                let theta = Float(2.0 * Double.pi * Double(u2))
                cosine = cosf(theta)
                sine = sinf(theta)
            }
            data[j] = Self.scaleAndShift(radius * cosine)
            data[j + 8] = Self.scaleAndShift(radius * sine)
        }
    }

    /// 2π as the AVX2 kernel holds it: the double 2π rounded to float.
    private static let twoPi = Float(2.0 * Double.pi)

    /// n·std + mean with std 1 and mean 0, fused as in the AVX2 kernel
    /// (the scalar kernel gives the same bits): −0 becomes +0.
    private static func scaleAndShift(_ n: Float) -> Float {
        Float(0).addingProduct(n, 1)
    }
}
