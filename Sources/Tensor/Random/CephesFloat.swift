/// Single-precision logarithm, sine and cosine as PyTorch's AVX2 normal
/// kernel computes them, one lane at a time.
///
/// The polynomials are Stephen Moshier's Cephes `logf` and `sinf`/`cosf`,
/// as vectorised by Julien Pommier (`sse_mathfun.h`) and Giovanni
/// Garberoglio (`avx_mathfun.h`, zlib licence), which PyTorch ships as
/// `aten/src/ATen/native/cpu/avx_mathfun.h` (`log256_ps`, `sincos256_ps`).
/// This is a scalar re-statement of those two routines, written to give the
/// same float32 bits as the compiled AVX2 code.
///
/// Numerical caveat: the compiled kernel contracts some multiply–add pairs
/// into fused multiply–adds, and bit-exactness depends on fusing exactly
/// those and no others. Every fused step below is spelled
/// `a.addingProduct(b, c)` (one rounding of a + b·c); every plain `*` and `+`
/// is a separately rounded operation. Accuracy is a few ulps on the ranges
/// used here ((0, 1] for the logarithm, [0, 2π) for sincos); these are not
/// general-purpose replacements for the C library.
enum CephesFloat {
    // MARK: - Logarithm

    private static let sqrtHalf: Float = 0.707106781186547524
    private static let logP: [Float] = [
        7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1,
        -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
        2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
    ]
    /// ln 2 split in two: `logQ2` is exact in a few bits, `logQ1` the rest.
    private static let logQ1: Float = -2.12194440e-4
    private static let logQ2: Float = 0.693359375

    /// The natural logarithm of `x`, as `log256_ps` computes it for finite
    /// x: NaN for x ≤ 0, subnormal inputs treated as the smallest normal
    /// float.
    ///
    /// With x = m·2ᵉ and m in [√½, √2), log x = e·ln 2 + log1p(m − 1), the
    /// latter as f − f²/2 + f³·P(f) with a degree-8 polynomial P.
    static func log(_ x: Float) -> Float {
        if x.isNaN || x <= 0 { return .nan }
        let clamped = Swift.max(x, Float.leastNormalMagnitude)
        let bits = clamped.bitPattern
        // Unbiased exponent + 1, for the mantissa scaled into [0.5, 1).
        var e = Float(Int32(bitPattern: bits >> 23) - 0x7f) + 1
        var m = Float(bitPattern: (bits & ~0x7f80_0000) | Float(0.5).bitPattern)
        // Fold [0.5, √½) up to [1, √2) by doubling, and take 1 off.
        let small = m < sqrtHalf
        let addBack: Float = small ? m : 0
        m = m - 1
        if small { e = e - 1 }
        m = m + addBack

        let z = m * m
        var y = logP[0]
        for coefficient in logP.dropFirst() {
            y = coefficient.addingProduct(y, m)  // fused
        }
        y = y * m
        y = (e * logQ1).addingProduct(y, z)  // fused: y·z + round(e·q1)
        y = y.addingProduct(-z, 0.5)  // fused; z·0.5 is exact anyway
        return (m + y).addingProduct(e, logQ2)  // fused: (m + y) + e·q2
    }

    // MARK: - Sine and cosine

    private static let fourOverPi: Float = 1.27323954473516
    /// −π/4 split in three parts for the Cody–Waite range reduction.
    private static let minusDP1: Float = -0.78515625
    private static let minusDP2: Float = -2.4187564849853515625e-4
    private static let minusDP3: Float = -3.77489497744594108e-8
    private static let cosP: (Float, Float, Float) = (2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2)
    private static let sinP: (Float, Float, Float) = (-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1)

    /// sin x and cos x together, as `sincos256_ps` computes them.
    ///
    /// |x| is reduced by the nearest even multiple j of π/4 (in three
    /// steps, to keep the bits of π/4 that one float cannot hold), then
    /// each result is one of two short polynomials on [−π/4, π/4], chosen
    /// and signed by j. Accurate for |x| up to about 8192.
    static func sincos(_ x: Float) -> (sin: Float, cos: Float) {
        let signMask: UInt32 = 0x8000_0000
        var sinSign = x.bitPattern & signMask
        var r = Float(bitPattern: x.bitPattern & ~signMask)  // |x|

        // j = (trunc(|x|·4/π) + 1) rounded down to even. Out of range (or
        // NaN) the vector conversion gives Int32.min; so does this.
        let scaled = r * fourOverPi
        var j = scaled < 0x1p31 ? Int32(scaled) : Int32.min
        j = (j &+ 1) & ~1
        let y = Float(j)

        let sinSwap = UInt32(bitPattern: j & 4) << 29
        let useSinePolynomialForSine = (j & 2) == 0

        r = r.addingProduct(y, minusDP1)  // fused
        r = r.addingProduct(y, minusDP2)  // fused
        r = r.addingProduct(y, minusDP3)  // fused

        let cosSign = UInt32(bitPattern: ~(j &- 2) & 4) << 29
        sinSign ^= sinSwap

        let z = r * r
        // cos on [−π/4, π/4]: 1 − z/2 + z²·Q(z).
        var yc = cosP.1.addingProduct(cosP.0, z)  // fused
        yc = cosP.2.addingProduct(yc, z)  // fused
        yc = yc * z
        yc = (-(z * 0.5)).addingProduct(yc, z)  // fused: yc·z − round(z·0.5)
        yc = yc + 1
        // sin on [−π/4, π/4]: x + x·z·P(z).
        var ys = sinP.1.addingProduct(sinP.0, z)  // fused
        ys = sinP.2.addingProduct(ys, z)  // fused
        ys = ys * z
        ys = r.addingProduct(ys, r)  // fused: ys·x + x

        // The vector code selects by masking and adding +0, which can turn
        // a −0 into +0; do the same additions.
        let sinFromSine: Float = useSinePolynomialForSine ? ys : 0
        let sinFromCosine: Float = useSinePolynomialForSine ? 0 : yc
        let cosFromSine = ys - sinFromSine
        let cosFromCosine = yc - sinFromCosine
        let sine = sinFromCosine + sinFromSine
        let cosine = cosFromCosine + cosFromSine
        return (
            Float(bitPattern: sine.bitPattern ^ sinSign),
            Float(bitPattern: cosine.bitPattern ^ cosSign)
        )
    }
}
