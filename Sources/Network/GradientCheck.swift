import Tensor

// Checking backpropagation through time against finite differences, in
// Double: every entry of W_xh, W_hh, b_h, W_hq, b_q and H_0 is nudged both
// ways, the loss is recomputed by the forward pass, and the slope is
// compared with the BPTT gradient. Lesson 05 (`gradients`) and the tests.

/// A central finite-difference formula for f′(θ) with step h.
///
/// Error budget, for a loss L evaluated with an absolute rounding error
/// ε_L ≈ (a few)·u·|L| (u = 2^−53):
/// - ``secondOrder``: [f(θ+h) − f(θ−h)] / 2h. Truncation h²|f‴|/6, rounding
///   about ε_L/h. The two balance near h ≈ u^(1/3) ≈ 5e−6 (for f and its
///   derivatives of order one), leaving an error near u^(2/3) ≈ 2e−11 —
///   hence the step h = 5e−6·max(1, |θ|).
/// - ``fourthOrder``: [8(f(θ+h) − f(θ−h)) − (f(θ+2h) − f(θ−2h))] / 12h,
///   the Richardson combination of steps h and 2h that cancels the h² term.
///   Truncation h⁴|f⁽⁵⁾|/30, rounding about 1.5·ε_L/h; they balance near
///   h ≈ u^(1/5) ≈ 6e−4, leaving an error near u^(4/5) ≈ 2e−13. Hence
///   h = 5e−4·max(1, |θ|): the error is a hundred times smaller than the
///   second-order one at twice the cost, which leaves a wide margin under
///   the 1e−6 the tests ask for even where |L| is large.
///
/// The factor max(1, |θ|) keeps the step above the spacing of the doubles
/// near θ: θ ± h is rounded with an error of at most u·max(1, |θ|)·(1 + c),
/// c the relative step, a relative error of the step below 1e−10.
public enum FiniteDifferenceStencil: String, Sendable, CaseIterable {
    case secondOrder
    case fourthOrder

    /// The floor of the relative error's denominator, per unit of
    /// max(1, |L|): 1e−3 for the second-order stencil, 1e−5 for the
    /// fourth-order one. The rounding noise of a finite difference is
    /// absolute and proportional to |L| — measured on the test problems at
    /// up to 1.1e−9·max(1, |L|) and 2.1e−12·max(1, |L|) respectively — so
    /// below this floor an entry is judged by its absolute error, and the
    /// noise alone reads as at most ~1e−6 (second order) or ~2e−7 (fourth).
    public var relativeFloor: Double { self == .secondOrder ? 1e-3 : 1e-5 }

    /// The step h for a parameter whose value is θ.
    public func step(at theta: Double) -> Double {
        let relative = self == .secondOrder ? 5e-6 : 5e-4
        return relative * Swift.max(1, theta.magnitude)
    }

    /// The estimate of f′(θ).
    public func derivative(at theta: Double, _ f: (Double) -> Double) -> Double {
        let h = step(at: theta)
        let near = f(theta + h) - f(theta - h)
        switch self {
        case .secondOrder:
            return near / (2 * h)
        case .fourthOrder:
            let far = f(theta + 2 * h) - f(theta - 2 * h)
            return (8 * near - far) / (12 * h)
        }
    }
}

/// How far BPTT and finite differences disagree.
public struct GradientCheckReport: Sendable {
    /// One of W_xh, W_hh, b_h, W_hq, b_q, H_0.
    public struct Part: Sendable {
        public var name: String
        public var entries: Int
        /// The largest relative error over the entries (see the report's doc).
        public var maxRelativeError: Double
        /// The largest |g_bptt − g_fd| over the entries.
        public var maxAbsoluteError: Double
        /// The row-major index of the entry with the largest relative error.
        public var worstIndex: Int
    }

    /// W_xh, W_hh, b_h, W_hq, b_q, H_0, in that order.
    public var parts: [Part]
    /// max over all entries of |g_bptt − g_fd| / max(|g_bptt| + |g_fd|, floor).
    public var maxRelativeError: Double
    /// The floor of the relative error's denominator.
    public var floor: Double
    /// The loss at the unperturbed point.
    public var loss: Double
    /// The entries whose perturbed forward passes changed the sign of some
    /// pre-activation: the finite difference then straddles a kink of ReLU
    /// and says nothing about the derivative. Always 0 for smooth φ.
    public var kinkCrossings: Int
    /// The finite-difference formula used.
    public var stencil: FiniteDifferenceStencil
}

/// Compares ``rnnBackward(xs:forward:params:activation:outputGradient:)``
/// with central finite differences of the loss, over every entry of the
/// parameters and of H_0.
///
/// The relative error of an entry is |g − f| / max(|g| + |f|, floor), g the
/// BPTT value and f the finite difference. The floor keeps entries whose
/// gradient is zero (a ReLU unit that is off at every step) or tiny (a
/// vanishing ∂L/∂H_0) from reporting the finite difference's rounding noise
/// as a large relative error. By default it is
/// `stencil.relativeFloor · max(1, |L|)` — 1e−5·max(1, |L|) for the
/// fourth-order stencil — because that noise is proportional to |L|.
public func gradientCheck(
    xs: [Matrix<Double>], h0: Matrix<Double>, params: RNNParameters<Double>, activation phi: Activation,
    loss: SequenceLoss<Double>, stencil: FiniteDifferenceStencil = .fourthOrder, floor: Double? = nil
) -> GradientCheckReport {
    let forward = rnnForward(xs: xs, h0: h0, params: params, activation: phi)
    let baseLoss = loss.value(outputs: forward.outputs)
    let floor = floor ?? stencil.relativeFloor * Swift.max(1, baseLoss.magnitude)
    let grads = rnnBackward(xs: xs, forward: forward, params: params, activation: phi,
                            outputGradient: loss.outputGradient(outputs: forward.outputs))
    let baseSigns = forward.preActivations.map { $0.scalars.map { $0 > 0 } }
    var crossings = 0

    /// L at the given parameters and initial state; notes a sign change of
    /// any pre-activation (ReLU only).
    func lossAt(_ p: RNNParameters<Double>, _ start: Matrix<Double>, crossed: inout Bool) -> Double {
        let f = rnnForward(xs: xs, h0: start, params: p, activation: phi)
        if phi == .relu && f.preActivations.map({ $0.scalars.map { $0 > 0 } }) != baseSigns { crossed = true }
        return loss.value(outputs: f.outputs)
    }

    func part(_ name: String, analytic: Matrix<Double>, value: Matrix<Double>,
              _ perturbedLoss: (Int, Double, inout Bool) -> Double) -> GradientCheckReport.Part {
        var result = GradientCheckReport.Part(name: name, entries: value.count, maxRelativeError: 0, maxAbsoluteError: 0, worstIndex: 0)
        for k in value.scalars.indices {
            var crossed = false
            let numeric = stencil.derivative(at: value.scalars[k]) { perturbedLoss(k, $0, &crossed) }
            if crossed { crossings += 1 }
            let g = analytic.scalars[k]
            let absolute = (g - numeric).magnitude
            let relative = absolute / Swift.max(g.magnitude + numeric.magnitude, floor)
            result.maxAbsoluteError = Swift.max(result.maxAbsoluteError, absolute)
            if relative > result.maxRelativeError || relative.isNaN {
                result.maxRelativeError = relative
                result.worstIndex = k
            }
        }
        return result
    }

    let keyPaths: [(String, WritableKeyPath<RNNParameters<Double>, Matrix<Double>>)] =
        [("W_xh", \.wXH), ("W_hh", \.wHH), ("b_h", \.bH), ("W_hq", \.wHQ), ("b_q", \.bQ)]
    var parts = keyPaths.map { name, path in
        part(name, analytic: grads.params[keyPath: path], value: params[keyPath: path]) { k, v, crossed in
            var p = params
            p[keyPath: path].scalars[k] = v
            return lossAt(p, h0, crossed: &crossed)
        }
    }
    parts.append(part("H_0", analytic: grads.dH0, value: h0) { k, v, crossed in
        var start = h0
        start.scalars[k] = v
        return lossAt(params, start, crossed: &crossed)
    })
    let worst = parts.reduce(0.0) { r, p in p.maxRelativeError > r || p.maxRelativeError.isNaN ? p.maxRelativeError : r }
    return GradientCheckReport(parts: parts, maxRelativeError: worst, floor: floor, loss: baseLoss, kinkCrossings: crossings, stencil: stencil)
}
