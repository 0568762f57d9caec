import Course
import Network
import Tensor

/// The claims of lesson 05, each with its tolerance and where it comes from.
extension GradientsLesson {
    /// The gradient check: BPTT against central finite differences, in
    /// Double, on a small network, for every activation and both losses.
    struct CheckResult {
        var activation: Activation
        var lastStepError: Double
        var everyStepError: Double
    }

    static func gradientCheck(seed: UInt64) -> [CheckResult] {
        var g = TorchGenerator(seed: seed)
        let (n, d, h, q, steps) = (2, 3, 4, 2, 6)
        return Activation.allCases.map { phi in
            let xs = (0..<steps).map { _ in Matrix<Double>.randn(n, d, using: &g) }   // T of (n, d)
            let p = RNNParameters<Double>(
                wXH: 0.5 * Matrix<Double>.randn(d, h, using: &g), wHH: 0.5 * Matrix<Double>.randn(h, h, using: &g),
                bH: 0.1 * Matrix<Double>.randn(1, h, using: &g), wHQ: Matrix<Double>.randn(h, q, using: &g),
                bQ: Matrix<Double>.randn(1, q, using: &g))
            let h0 = 0.5 * Matrix<Double>.randn(n, h, using: &g)                      // (n, h)
            let targets = (0..<steps).map { _ in Matrix<Double>.randn(n, q, using: &g) }
            let last = Network.gradientCheck(xs: xs, h0: h0, params: p, activation: phi,
                                             loss: .lastStep(.squaredError(target: targets[steps - 1])))
            let every = Network.gradientCheck(xs: xs, h0: h0, params: p, activation: phi,
                                              loss: .everyStep(targets.map { .squaredError(target: $0) }))
            return CheckResult(activation: phi, lastStepError: last.maxRelativeError, everyStepError: every.maxRelativeError)
        }
    }

    static func claims(_ c: Config, sweeps: [Sweep], checks: [CheckResult], training: ClippingExperiment.Result,
                       clipping cc: ClippingExperiment.Config) -> [Claim] {
        var claims: [Claim] = []
        let u = Double.unitRoundoff, T = Double(c.steps), h = Double(c.hiddens)

        if c.initialisation == .orthogonal, c.activations.contains(.identity) {
            // Exact theory: ‖G Qᵀ‖ = ‖G‖ for orthogonal Q, so ‖∂L/∂H_t‖ = ρ^(T−t).
            var worst = 0.0
            for s in sweeps where s.activation == .identity {
                for run in s.norms {
                    for (t, v) in run.enumerated() {
                        let theory = Double.pow(s.rho, T - Double(t))
                        worst = max(worst, abs(v - theory) / theory)
                    }
                }
            }
            claims.append(Claim(
                id: "identity-matches-theory",
                statement: Bilingual(en: "identity φ, W_hh = ρQ: ‖∂L/∂H_t‖ = ρ^(T−t)·‖∂L/∂H_T‖ for every t, ρ and run (largest relative error)",
                                     zh: "φ 为恒等映射、W_hh = ρQ 时：对所有 t、ρ 和初始化，‖∂L/∂H_t‖ = ρ^(T−t)·‖∂L/∂H_T‖（最大相对误差）"),
                measured: worst, tolerance: T * (h * h.squareRoot() + 2 * h) * u,
                toleranceNote: Bilingual(
                    en: "Double rounding over T steps: each product G·W_hhᵀ within h^{3/2}·u of norm-preserving, Q orthogonal to h·u: T·(h^{3/2} + 2h)·u",
                    zh: "T 步的 Double 舍入：每次乘 W_hhᵀ 偏离保范不超过 h^{3/2}·u，Q 的正交误差约 h·u：T·(h^{3/2} + 2h)·u")))
        }

        for phi in [Activation.tanh, .sigmoid] where c.activations.contains(phi) {
            var worst = 0.0
            for s in sweeps where s.activation == phi {
                for (run, bound) in zip(s.norms, s.bounds) {
                    // t < T: at t = T both are ‖∂L/∂H_T‖ by construction.
                    for (v, b) in zip(run.dropLast(), bound.dropLast()) where b > 0 { worst = max(worst, v / b) }
                }
            }
            let gamma = phi == .tanh ? "1" : "1/4"
            claims.append(Claim(
                id: "\(phi.rawValue)-within-bound",
                statement: Bilingual(en: "\(phi.displayName): ‖∂L/∂H_t‖ never exceeds (γ‖W_hh‖₂)^(T−t)·‖∂L/∂H_T‖ with γ = \(gamma) (largest ratio to the bound)",
                                     zh: "\(phi.displayName)：‖∂L/∂H_t‖ 从不超过 (γ‖W_hh‖₂)^(T−t)·‖∂L/∂H_T‖，γ = \(gamma)（与上界之比的最大值）"),
                measured: worst, tolerance: 1 + 2 * T * (h + 2) * u,
                toleranceNote: Bilingual(
                    en: "the bound itself, plus Double rounding of T products and of ‖W_hh‖₂: 1 + 2T(h + 2)·u",
                    zh: "上界本身，加上 T 次乘积与 ‖W_hh‖₂ 的 Double 舍入：1 + 2T(h + 2)·u")))
        }

        // The two landmarks of the issue, claimed where the configuration
        // makes them follow: 1.5^T ≥ 1e10 needs T ≥ 57, 0.5^T ≤ 1e−20 needs T ≥ 67.
        if c.initialisation == .orthogonal, c.steps >= 57,
           let s = sweeps.first(where: { $0.activation == .identity && $0.rho == 1.5 }) {
            claims.append(Claim(
                id: "identity-explodes",
                statement: Bilingual(en: "identity φ at ρ = 1.5: ‖∂L/∂H_0‖ / ‖∂L/∂H_T‖ exceeds 1e10 (smallest over runs)",
                                     zh: "φ 为恒等映射、ρ = 1.5 时：‖∂L/∂H_0‖ / ‖∂L/∂H_T‖ 超过 1e10（各次初始化中的最小值）"),
                measured: s.norms.map { $0[0] }.min()!, comparison: .atLeast, tolerance: 1e10))
        }
        if c.steps >= 67, let s = sweeps.first(where: { $0.activation == .tanh && $0.rho == 0.5 }) {
            claims.append(Claim(
                id: "tanh-vanishes",
                statement: Bilingual(en: "tanh at ρ = 0.5: ‖∂L/∂H_0‖ / ‖∂L/∂H_T‖ falls below 1e−20 (largest over runs)",
                                     zh: "tanh、ρ = 0.5 时：‖∂L/∂H_0‖ / ‖∂L/∂H_T‖ 低于 1e−20（各次初始化中的最大值）"),
                measured: s.norms.map { $0[0] }.max()!, comparison: .atMost, tolerance: 1e-20))
        }

        if let s = sweeps.first(where: { $0.activation == .tanh && $0.rho == 1.5 }) {
            claims.append(Claim(
                id: "tanh-large-rho-still-decays",
                statement: Bilingual(en: "tanh at ρ = 1.5 (γρ > 1): the gradient still does not grow — ‖∂L/∂H_0‖ / ‖∂L/∂H_T‖ below 1 (largest over runs); γρ > 1 allows explosion, it does not force it",
                                     zh: "tanh、ρ = 1.5（γρ > 1）时梯度仍然没有增大——‖∂L/∂H_0‖ / ‖∂L/∂H_T‖ 小于 1（各次初始化中的最大值）；γρ > 1 只是允许爆炸，并不强迫爆炸"),
                measured: s.norms.map { $0[0] }.max()!, comparison: .atMost, tolerance: 1))
        }

        let worstCheck = checks.map { max($0.lastStepError, $0.everyStepError) }.max() ?? .nan
        claims.append(Claim(
            id: "bptt-matches-finite-differences",
            statement: Bilingual(en: "BPTT gradients of W_xh, W_hh, b_h, W_hq, b_q and H_0 agree with finite differences, every activation, both losses (largest relative error)",
                                 zh: "W_xh、W_hh、b_h、W_hq、b_q 与 H_0 的 BPTT 梯度与有限差分一致：所有激活函数、两种损失（最大相对误差）"),
            measured: worstCheck, tolerance: 1e-6,
            toleranceNote: Bilingual(
                en: "fourth-order central differences in Double: truncation ~h⁴, rounding ~u/h, both far below 1e−6",
                zh: "Double 中的四阶中心差分：截断误差约 h⁴，舍入误差约 u/h，都远小于 1e−6")))

        let clippedMax = training.clipped.normsAfter.max() ?? .nan
        claims.append(Claim(
            id: "clipped-norm-at-most-theta",
            statement: Bilingual(en: "with clipping at θ = \(NumberText.short(cc.theta)), every update's gradient norm is ≤ θ (largest over \(training.clipped.normsAfter.count) updates)",
                                 zh: "以 θ = \(NumberText.short(cc.theta)) 裁剪后，每次更新的梯度范数都 ≤ θ（\(training.clipped.normsAfter.count) 次更新中的最大值）"),
            measured: clippedMax, tolerance: cc.theta,
            toleranceNote: Bilingual(en: "exact: the clipping factor is shrunk by a few ulps so rounding cannot push the norm over θ",
                                     zh: "严格成立：裁剪系数预先缩小几个 ulp，舍入不会让范数越过 θ")))
        let plain = training.plain, clipped = training.clipped
        claims.append(.allTrue(
            id: "clipping-prevents-divergence",
            statement: Bilingual(en: "without clipping the training diverges (a gradient that is not finite); with clipping every loss and gradient stays finite",
                                 zh: "不裁剪时训练发散（出现非有限的梯度）；裁剪后每次的损失和梯度都保持有限"),
            [plain.divergedAt != nil, clipped.divergedAt == nil,
             clipped.losses.allSatisfy(\.isFinite), clipped.normsBefore.allSatisfy(\.isFinite)]))
        let zeroAnswer = Double(cc.inputs) / 2
        claims.append(Claim(
            id: "clipping-does-not-teach-memory",
            statement: Bilingual(en: "clipping does not make the network remember: its final loss is at least half the loss of always answering 0 (d/2 = \(NumberText.short(zeroAnswer)))",
                                 zh: "裁剪并不能让网络记住输入：最终损失至少是“总是输出 0”的损失（d/2 = \(NumberText.short(zeroAnswer))）的一半"),
            measured: (clipped.losses.last ?? .nan) / zeroAnswer, comparison: .atLeast, tolerance: 0.5,
            toleranceNote: Bilingual(en: "a network that had learnt the task would reach a loss near 0", zh: "真正学会任务的网络，损失会接近 0")))
        return claims
    }
}
