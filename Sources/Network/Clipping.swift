import Tensor

/// What ``clipByGlobalNorm(_:maxNorm:)`` did.
public struct ClipResult: Sendable, Equatable {
    /// ‖g‖ before clipping (NaN or +∞ when some gradient entry is).
    public var normBefore: Double
    /// ‖g‖ after clipping, measured again on the stored values.
    public var normAfter: Double
    /// The factor every entry was multiplied by (1 when left alone).
    public var factor: Double
    /// Whether the gradients were scaled.
    public var clipped: Bool
    /// Whether the norm was finite. When it was not, nothing was changed:
    /// the caller should skip this update.
    public var isFinite: Bool { normBefore.isFinite }

    public init(normBefore: Double, normAfter: Double, factor: Double, clipped: Bool) {
        self.normBefore = normBefore; self.normAfter = normAfter; self.factor = factor; self.clipped = clipped
    }
}

/// The global norm of all parameter gradients,
/// ‖g‖ = sqrt(‖∂W_xh‖² + ‖∂W_hh‖² + ‖∂b_h‖² + ‖∂W_hq‖² + ‖∂b_q‖²),
/// in Double, each part scaled as in ``Matrix/frobeniusNorm()``.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func globalNorm<Scalar>(_ g: RNNParameters<Scalar>) -> Double {
    Matrix<Double>.norm(of: g.named.map { $0.value.frobeniusNorm() })
}

/// Clips the gradients by their global norm: g ← min(1, θ/‖g‖) · g, one
/// factor for all five parameters, so the direction of the update is kept
/// and only its length is capped at θ. The remedy for exploding gradients
/// in lesson 05 (`gradients`); `torch.nn.utils.clip_grad_norm_` does the same.
///
/// Guarantee: afterwards ``globalNorm(_:)`` of the stored gradients is ≤ θ
/// exactly, not just up to rounding. Multiplying by θ/‖g‖ in `Scalar`
/// rounds each product up by as much as a factor (1 + u), and the norm is
/// itself computed with a relative error of about (N/2 + 5)·u_Double for N
/// entries; so the factor is shrunk by 4u + (N + 10)·u_Double (u the unit
/// roundoff of `Scalar`) before it is applied — a change of about 2.4e−7
/// relative in Float, invisible in training. The result is measured again,
/// and in the unexpected case that it still exceeds θ the gradients are
/// scaled down again (the factor is computed from the current norm).
///
/// Edge cases:
/// - ‖g‖ ≤ θ (including ‖g‖ = 0): the gradients are left exactly as they
///   are, factor 1 — there is no 0/0.
/// - ‖g‖ is NaN or +∞ (some entry is): the gradients are left as they are
///   and the result says so (`isFinite == false`). Scaling cannot repair
///   them: θ/∞ = 0 would zero the finite entries and turn ∞ into 0·∞ = NaN.
///   Skip the update instead.
///
/// - Parameter theta: the largest allowed norm θ, positive and finite.
@discardableResult
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func clipByGlobalNorm<Scalar>(_ g: inout RNNParameters<Scalar>, maxNorm theta: Double) -> ClipResult {
    precondition(theta > 0 && theta.isFinite, "clipByGlobalNorm: the maximum norm must be positive and finite, got \(theta)")
    let before = globalNorm(g)
    guard before.isFinite, before > theta else {
        return ClipResult(normBefore: before, normAfter: before, factor: 1, clipped: false)
    }
    let entries = Double(g.count)
    let margin = 4 * Double(Scalar.unitRoundoff) + (entries + 10) * Double.unitRoundoff
    var applied = 1.0
    var after = before
    // One pass in practice; the bound of 16 only keeps a pathological case
    // (entries deep in the subnormal range) from looping.
    for _ in 0..<16 where after > theta {
        let factor = Scalar(theta / after * (1 - margin))
        g = g.map { $0 * factor }
        applied *= Double(factor)
        after = globalNorm(g)
    }
    return ClipResult(normBefore: before, normAfter: after, factor: applied, clipped: true)
}
