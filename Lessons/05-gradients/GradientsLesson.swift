import Course
import Network
import Tensor

/// Lesson 05: gradients through time vanish or explode with the scale of W_hh.
///
/// Configuration → data (one seeded generator) → the sweep over activation
/// and ρ → the theory → the gradient check → claims. The clipping
/// experiment is in `GradientsTraining.swift`.
struct GradientsLesson {
    static let info = LessonInfo(
        number: 5, slug: "gradients", executable: "gradients",
        title: Bilingual(en: "Vanishing and exploding gradients through time",
                         zh: "随时间步消失或爆炸的梯度"),
        summary: Bilingual(
            en: "Backpropagation through time multiplies by W_hhᵀ and φ′ once per step, so ‖∂L/∂H_t‖ shrinks or grows like (γρ)^(T−t); measured, drawn, bounded, and tamed by clipping.",
            zh: "随时间反向传播每一步都乘以 W_hhᵀ 和 φ′，所以 ‖∂L/∂H_t‖ 大致按 (γρ)^(T−t) 缩小或增大；本课实测、作图、给出上界，并用梯度裁剪加以控制。"),
        prefersRelease: true)

    enum Initialisation: String, CaseIterable {
        /// W_hh = ρ·Q, Q orthogonal: every singular value is ρ.
        case orthogonal
        /// A Gaussian matrix rescaled to spectral radius ρ.
        case gaussian
    }

    struct Config: Equatable {
        var steps = 100        // T
        var hiddens = 64       // h
        var batch = 8          // n
        var inputs = 16        // d
        var runs = 5           // random initialisations per configuration
        var rhos: [Double] = [0.5, 0.9, 1.0, 1.1, 1.5]
        var activations: [Activation] = [.identity, .tanh, .sigmoid]
        var initialisation = Initialisation.orthogonal

        static let stepsRange = 1...1000
        static let hiddensRange = 1...512
        static let batchRange = 1...256
        static let inputsRange = 1...512
        static let runsRange = 1...50
        static let rhoRange = 0.01...10.0
    }

    /// One (activation, ρ) configuration over all runs.
    struct Sweep {
        var activation: Activation
        var rho: Double
        /// ‖∂L/∂H_t‖ / ‖∂L/∂H_T‖ for t = 0…T, one array per run, in Double.
        var norms: [[Double]]
        /// The same for the first run computed entirely in Float (norms taken
        /// in Double from the Float entries).
        var floatNorms: [Double]
        /// The bound (γ·‖W_hh‖₂)^(T−t) per run (‖W_hh‖₂ measured).
        var bounds: [[Double]]
        /// ‖W_hh‖₂ per run.
        var spectralNorms: [Double]

        /// Median over runs at each t.
        var median: [Double] { (0..<norms[0].count).map { t in GradientsLesson.median(norms.map { $0[t] }) } }
        /// The largest t at which the Float gradient is exactly zero (every
        /// entry flushed), or nil if it never is.
        var floatFlushStep: Int? { floatNorms.lastIndex(of: 0) }
    }

    /// The tensors of one run (all runs share one generator, drawn in order).
    struct RunData {
        var xs: [Matrix<Double>]      // T of (n, d)
        var wXH: Matrix<Double>       // (d, h)
        var q: Matrix<Double>         // (h, h), W_hh = ρ·q
        var dHT: Matrix<Double>       // ∂L/∂H_T, (n, h), ‖·‖ = 1
    }

    /// Draws one run's tensors: X as one torch.randn(T, n, d) call, W_xh
    /// scaled by 1/√d (so pre-activations are of order one), the unscaled
    /// recurrent matrix (orthogonal Q, or Gaussian at spectral radius 1),
    /// and a random unit-norm ∂L/∂H_T — the loss L = ⟨G, H_T⟩ for a random
    /// direction G.
    static func drawRun<G: NormalGenerator>(_ c: Config, using g: inout G) -> RunData {
        let all = Matrix<Double>.randn(c.steps * c.batch, c.inputs, using: &g)          // (T·n, d)
        let xs = all.split(Array(repeating: c.batch, count: c.steps), dim: 0)          // T of (n, d)
        let wXH = (1 / Double(c.inputs).squareRoot()) * Matrix<Double>.randn(c.inputs, c.hiddens, using: &g)  // (d, h)
        let q: Matrix<Double> = c.initialisation == .orthogonal
            ? orthogonalWHH(hiddens: c.hiddens, scale: 1, using: &g)
            : gaussianWHH(hiddens: c.hiddens, spectralRadius: 1, using: &g)            // (h, h)
        let seedGradient = Matrix<Double>.randn(c.batch, c.hiddens, using: &g)         // (n, h)
        return RunData(xs: xs, wXH: wXH, q: q, dHT: (1 / seedGradient.frobeniusNorm()) * seedGradient)
    }

    // BEGIN-QUOTE sweep
    /// ‖∂L/∂H_t‖ for t = 0…T: run the RNN forward from H_0 = 0, then push
    /// ∂L/∂H_T back one step at a time, ∂L/∂H_{t−1} = (∂L/∂H_t ⊙ φ′(Z_t)) W_hhᵀ.
    static func gradientNorms<S: TensorScalar>(
        _ run: RunData, rho: Double, activation phi: Activation, as _: S.Type
    ) -> [Double] {
        let h = run.q.rows
        let params = RNNParameters<S>(
            wXH: run.wXH.converted(), wHH: (rho * run.q).converted(),       // (d, h), (h, h)
            bH: .zeros(1, h), wHQ: .zeros(h, 1), bQ: .zeros(1, 1))          // outputs unused here
        let h0 = Matrix<S>.zeros(run.dHT.rows, h)                             // (n, h)
        let forward = rnnForward(xs: run.xs.map { $0.converted(to: S.self) }, h0: h0,
                                 params: params, activation: phi)
        return rnnStateGradients(forward: forward, wHH: params.wHH, activation: phi,
                                 dHT: run.dHT.converted()).norms
    }
    // END-QUOTE sweep

    /// The whole sweep: every activation × ρ, `runs` initialisations each.
    /// `progress` is called after each configuration (for the terminal).
    static func run(_ c: Config, seed: UInt64, progress: (Int, Int) -> Void = { _, _ in }) -> (sweeps: [Sweep], firstRun: RunData) {
        var generator = TorchGenerator(seed: seed)
        let runs = (0..<c.runs).map { _ in drawRun(c, using: &generator) }
        let spectral = runs.map { $0.q.spectralNorm() }
        var sweeps: [Sweep] = []
        let total = c.activations.count * c.rhos.count
        for phi in c.activations {
            for rho in c.rhos {
                let norms = runs.map { gradientNorms($0, rho: rho, activation: phi, as: Double.self) }
                let floatNorms = gradientNorms(runs[0], rho: rho, activation: phi, as: Float.self)
                let bounds = spectral.map { s in
                    (0...c.steps).map { t in Double.pow(phi.derivativeBound * rho * s, Double(c.steps - t)) }
                }
                sweeps.append(Sweep(activation: phi, rho: rho, norms: norms, floatNorms: floatNorms,
                                    bounds: bounds, spectralNorms: spectral.map { rho * $0 }))
                progress(sweeps.count, total)
            }
        }
        return (sweeps, runs[0])
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
