import Network
import Tensor
import Testing
import TestSupport

/// Clipping by global norm, for Float and Double. Tolerance for "≤ θ": none
/// — clipByGlobalNorm guarantees globalNorm(g) ≤ θ exactly (it shrinks the
/// factor by a few units of roundoff and measures again), so the tests
/// compare with θ itself.
@Suite struct ClippingTests {
    static func gradients<S: TensorScalar>(_: S.Type, scale: Double, seed: UInt64) -> RNNParameters<S> {
        var g = TestNormals(seed: seed)
        let s = S(scale)
        return RNNParameters(
            wXH: s * Matrix<S>.randn(3, 4, using: &g), wHH: s * Matrix<S>.randn(4, 4, using: &g),   // (d, h), (h, h)
            bH: s * Matrix<S>.randn(1, 4, using: &g), wHQ: s * Matrix<S>.randn(4, 2, using: &g),    // (1, h), (h, q)
            bQ: s * Matrix<S>.randn(1, 2, using: &g))                                              // (1, q)
    }

    static func clippedNormNeverExceedsTheta<S: TensorScalar>(_: S.Type) {
        var clippedCount = 0
        var closest = 1.0
        let scales = S.self == Float.self ? [1e-30, 1e-3, 1, 1e3, 1e30] : [1e-200, 1e-3, 1, 1e3, 1e200]
        for (k, scale) in scales.enumerated() {
            for seed in 0..<200 {
                let original = gradients(S.self, scale: scale, seed: UInt64(1000 * k + seed))
                for theta in [1e-3, 0.5, 1, 7.25, 1e4, scale * 4.3] {
                    var g = original
                    let result = clipByGlobalNorm(&g, maxNorm: theta)
                    let after = globalNorm(g)
                    #expect(after == result.normAfter)
                    if result.normBefore <= theta {
                        #expect(g == original && !result.clipped && result.factor == 1)
                    } else {
                        clippedCount += 1
                        #expect(after <= theta, "\(S.self) scale \(scale) θ=\(theta): clipped norm \(after) > θ")
                        closest = min(closest, after / theta)
                        // The direction is kept: every entry scaled by the same factor.
                        let ratio = Double(g.wHH[1, 2]) / Double(original.wHH[1, 2])
                        #expect(abs(ratio / result.factor - 1) <= 4 * Double(S.unitRoundoff))
                    }
                }
            }
        }
        // The factor is shrunk by ~4u on purpose; the result stays within a
        // few units of roundoff of θ.
        #expect(1 - closest <= 8 * Double(S.unitRoundoff) + 1e-12)
        print("clipping \(S.self): \(clippedCount) clipped cases, all ≤ θ; smallest ‖g‖/θ after clipping \(closest)")
    }

    @Test func clippedNormNeverExceedsThetaFloat() { Self.clippedNormNeverExceedsTheta(Float.self) }
    @Test func clippedNormNeverExceedsThetaDouble() { Self.clippedNormNeverExceedsTheta(Double.self) }

    @Test func zeroGradientIsLeftAlone() {
        let zero = RNNParameters<Float>(wXH: .zeros(3, 4), wHH: .zeros(4, 4), bH: .zeros(1, 4), wHQ: .zeros(4, 2), bQ: .zeros(1, 2))
        var g = zero
        let result = clipByGlobalNorm(&g, maxNorm: 1)
        #expect(g == zero)
        #expect(result == ClipResult(normBefore: 0, normAfter: 0, factor: 1, clipped: false))
    }

    @Test func normEqualToThetaIsLeftAlone() {
        var g = RNNParameters<Double>(wXH: .zeros(1, 1), wHH: Matrix([[3]]), bH: .zeros(1, 1), wHQ: Matrix([[4]]), bQ: .zeros(1, 1))
        let original = g
        let result = clipByGlobalNorm(&g, maxNorm: 5)                     // ‖g‖ = 5 exactly
        #expect(g == original && !result.clipped)
    }

    @Test(arguments: [Float.nan, .infinity, -.infinity])
    func nonFiniteGradientIsLeftAloneAndReported(bad: Float) {
        var g = Self.gradients(Float.self, scale: 1, seed: 5)
        g.wHH[0, 0] = bad
        let original = g
        let result = clipByGlobalNorm(&g, maxNorm: 1)
        #expect(!result.isFinite && !result.clipped)
        #expect(g.wXH == original.wXH && g.bQ == original.bQ)
        #expect(bad.isNaN ? result.normBefore.isNaN : result.normBefore == .infinity)
    }

    /// A Float gradient whose sum of squares would overflow Float (entries
    /// near 1e38) is still measured and clipped: the norm is taken in Double.
    @Test func hugeFloatGradientIsClipped() {
        var g = Self.gradients(Float.self, scale: 1e37, seed: 9)
        let result = clipByGlobalNorm(&g, maxNorm: 1)
        #expect(result.normBefore.isFinite && result.normBefore > 1e37)
        #expect(globalNorm(g) <= 1 && globalNorm(g) > 0.999)
    }
}
