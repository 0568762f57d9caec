import Course
import Network
import Tensor

/// Lesson 02: the hidden state. H_t = φ(X_t W_xh + H_{t−1} W_hh + b_h) and
/// O_t = H_t W_hq + b_q over T steps from H_0 = 0; changing X_1 reaches every
/// later H_t, while the same layer without state forgets it after step 1.
///
/// Reads top to bottom: configuration → data → the unrolled loop → checks
/// against a hand computation (`HiddenStateByHand.swift`) → the memory
/// experiment (`HiddenStateMemory.swift`) → claims. `HiddenStateCommand`
/// turns it into text, JSON, a report and figures.
struct HiddenStateLesson {
    static let info = LessonInfo(
        number: 2, slug: "hidden-state", executable: "hidden-state",
        title: Bilingual(en: "The hidden state: a layer that remembers",
                         zh: "隐藏状态：会记事的隐藏层"),
        summary: Bilingual(
            en: "H_t = φ(X_t·W_xh + H_{t−1}·W_hh + b_h) feeds each step's state into the next: change X_1 and every later H_t moves, while the same layer without state forgets X_1 after step 1.",
            zh: "H_t = φ(X_t·W_xh + H_{t−1}·W_hh + b_h) 把每一步的状态送进下一步：改动 X_1，之后每一个 H_t 都会跟着变；去掉状态的同一层在第 1 步之后就不再受 X_1 影响。"))

    /// Sizes and the activation, with small defaults whose tensors fit on a
    /// screen.
    struct Config: Equatable {
        var batch = 2      // n
        var inputs = 3     // d
        var hiddens = 4    // h
        var outputs = 2    // q
        var steps = 6      // T
        var activation = Activation.tanh   // φ
        /// n, d, h and q are capped at 32 and T at 50: a run does about
        /// twenty passes over the T steps (the loop, the hand computations in
        /// two precisions, their error bounds, the memory experiment), and at
        /// the largest sizes that stays within a few seconds even in a debug
        /// build. Fifty steps are plenty to watch a memory fade; lesson 05
        /// goes further.
        static let sizeRange = 1...32
        static let stepsRange = 1...50
        /// What is added to every entry of X_1 in the memory experiment.
        static let perturbation: Float = 1
        /// The spectral norms ‖W_hh‖₂ of the two rescaled recurrent weights
        /// the memory chart compares with the drawn one.
        static let memoryScales: [Double] = [0.5, 1.5]
    }

    struct Result {
        // The draws, in the order of the PyTorch snippet.
        var xs: [Matrix<Float>]              // X_1 … X_T, each (n, d)
        var params: RNNParameters<Float>
        // The unrolled loop (Network.rnnForward) and the same steps by hand.
        var forward: RNNForward<Float>       // H_0 … H_T and O_1 … O_T
        var handFloat: HandRun<Float>        // same operations, same order, float32
        var handDouble: HandRun<Double>      // the reference, float64
        var check: ReferenceCheck
        // The memory of X_1.
        var memory: MemoryExperiment

        /// H_1 … H_T (H_0 = 0 is not part of the printed stack).
        var states: [Matrix<Float>] { Array(forward.states.dropFirst()) }
    }

    static func run(_ config: Config, seed: UInt64) -> Result {
        let n = config.batch, d = config.inputs, h = config.hiddens, q = config.outputs, T = config.steps
        let phi = config.activation
        var generator = TorchGenerator(seed: seed)
        // BEGIN-QUOTE compute
        // Draws in the order of the PyTorch snippet: the parameters first, so
        // that --steps changes the data but not the network. Weights are
        // scaled by 1/√fan-in, so every pre-activation has a variance near 1
        // and φ is not saturated; biases as drawn.
        let wXH = Matrix<Float>.randn(d, h, using: &generator).map { $0 / Float(d).squareRoot() } // (d, h)
        let wHH = Matrix<Float>.randn(h, h, using: &generator).map { $0 / Float(h).squareRoot() } // (h, h)
        let bH = Matrix<Float>.randn(1, h, using: &generator)                                     // (1, h)
        let wHQ = Matrix<Float>.randn(h, q, using: &generator).map { $0 / Float(h).squareRoot() } // (h, q)
        let bQ = Matrix<Float>.randn(1, q, using: &generator)                                     // (1, q)
        let params = RNNParameters(wXH: wXH, wHH: wHH, bH: bH, wHQ: wHQ, bQ: bQ)

        // X is ONE (T, n, d) draw; X_t is its t-th (n, d) slice.
        let xDraw = generator.randn(T * n * d)                           // (T, n, d), row-major
        let xs = (0..<T).map { t in
            Matrix(rows: n, cols: d, scalars: Array(xDraw[(t * n * d)..<((t + 1) * n * d)]))
        }                                                                // X_1 … X_T, each (n, d)

        // The unrolled loop: H_t = φ(X_t W_xh + H_{t−1} W_hh + b_h), O_t = H_t W_hq + b_q.
        let h0 = Matrix<Float>.zeros(n, h)                               // H_0 = 0, (n, h)
        let forward = rnnForward(xs: xs, h0: h0, params: params, activation: phi)
        // forward.states: H_0 … H_T, each (n, h); forward.outputs: O_1 … O_T, each (n, q)
        // END-QUOTE compute

        let handFloat = ByHand.run(xs: xs, params: params, activation: phi)
        let handDouble = ByHand.run(xs: xs.map { $0.converted(to: Double.self) },
                                    params: params.map { $0.converted(to: Double.self) }, activation: phi)
        let check = ReferenceCheck(forward: forward, handFloat: handFloat, handDouble: handDouble,
                                   xs: xs, params: params, activation: phi)
        let memory = MemoryExperiment.run(xs: xs, params: params, forward: forward, activation: phi)
        return Result(xs: xs, params: params, forward: forward, handFloat: handFloat, handDouble: handDouble,
                      check: check, memory: memory)
    }

    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let T = c.steps, phi = c.activation
        let m = r.memory
        let half = m.scaled[0]
        var claims: [Claim] = [
            Claim(id: "loop-equals-hand",
                  statement: Bilingual(
                    en: "The unrolled loop and the hand computation in float32, same operations in the same order, agree bit for bit: differing entries of \(span("H", 1, T)) and \(span("O", 1, T))",
                    zh: "展开的循环与 float32 手算（同样的运算、同样的顺序）逐位相同：\(span("H", 1, T)) 与 \(span("O", 1, T)) 中不同的元素个数"),
                  measured: Double(r.check.differingBits), comparison: .equal, tolerance: 0,
                  toleranceNote: Bilingual(
                    en: "identical operations in identical order round identically",
                    zh: "相同顺序的相同运算，舍入也完全相同")),
            Claim(id: "states-match-reference",
                  statement: Bilingual(
                    en: "The float32 states \(span("H", 1, T)) match the float64 hand computation: max |Δ| over all steps and entries",
                    zh: "float32 计算的状态 \(span("H", 1, T)) 与 float64 手算一致：所有时间步、所有元素上的最大 |Δ|"),
                  measured: r.check.maxStateError, tolerance: r.check.stateTolerance,
                  toleranceNote: Bilingual(
                    en: "float32 rounding of each step (γ_\(r.check.sumLength)), carried through W_hh and φ over \(T) steps, plus float64's own: see “How close is close”",
                    zh: "每一步的 float32 舍入（γ_\(r.check.sumLength)）经 W_hh 与 φ 传过 \(T) 步，再加上 float64 自身的舍入，见“多近才算近”")),
            Claim(id: "outputs-match-reference",
                  statement: Bilingual(
                    en: "The float32 outputs \(span("O", 1, T)) match the float64 hand computation: max |Δ|",
                    zh: "float32 计算的输出 \(span("O", 1, T)) 与 float64 手算一致：最大 |Δ|"),
                  measured: r.check.maxOutputError, tolerance: r.check.outputTolerance,
                  toleranceNote: Bilingual(
                    en: "the state's bound times |W_hq|, plus the rounding of O_t = H_t W_hq + b_q (γ_\(c.hiddens + 1))",
                    zh: "状态误差上界乘以 |W_hq|，再加上 O_t = H_t W_hq + b_q 本身的舍入（γ_\(c.hiddens + 1)）")),
            Claim(id: "state-carries-history",
                  statement: Bilingual(
                    en: "With state, changing only X_1 changes H_t at every one of the \(T) steps (‖ΔH_t‖ > 0, propagated in float64): steps that changed",
                    zh: "有状态时，只改动 X_1，H_t 在全部 \(T) 步中的每一步都会改变（‖ΔH_t‖ > 0，按 float64 逐步传播）：发生改变的步数"),
                  measured: Double(m.rnnExact.filter { $0 > 0 }.count), comparison: .equal, tolerance: Double(T),
                  toleranceNote: Bilingual(
                    en: "a count: every one of the \(T) steps",
                    zh: "计数：\(T) 步中的每一步")),
            Claim(id: "no-state-forgets",
                  statement: Bilingual(
                    en: "Without state (the same layer on each X_t alone), changing X_1 leaves every later H_t bit-for-bit unchanged\(T == 1 ? " (none at T = 1)" : ""): max ‖ΔH_t‖ for t ≥ 2, float32 runs",
                    zh: "没有状态时（同一层分别作用于每个 X_t），改动 X_1 后之后的每个 H_t 都逐位不变\(T == 1 ? "（T = 1 时没有之后的步）" : "")：t ≥ 2 时的最大 ‖ΔH_t‖（float32 实际运行）"),
                  measured: m.mlpFloat32.dropFirst().max() ?? 0, comparison: .equal, tolerance: 0,
                  toleranceNote: Bilingual(
                    en: "exactly 0: those steps never see X_1",
                    zh: "恰好为 0：这些步根本见不到 X_1")),
            Claim(id: "memory-fades-when-contracting",
                  statement: Bilingual(
                    en: "With ‖W_hh‖₂ = \(NumberText.short(half.target)), each step shrinks the change at least by the factor γ·‖W_hh‖₂ (γ = \(NumberText.short(phi.derivativeBound)) for \(phi.displayName)): max over t ≥ 2 of ‖ΔH_t‖ / ‖ΔH_{t−1}‖",
                    zh: "当 ‖W_hh‖₂ = \(NumberText.short(half.target)) 时，每一步都把改动至少缩小为 γ·‖W_hh‖₂ 倍（\(phi.displayName) 的 γ = \(NumberText.short(phi.derivativeBound))）：t ≥ 2 时 ‖ΔH_t‖ / ‖ΔH_{t−1}‖ 的最大值"),
                  measured: half.maxStepRatio, tolerance: half.ratioBound,
                  toleranceNote: Bilingual(
                    en: "γ·‖W_hh‖₂ = \(NumberText.short(phi.derivativeBound * half.spectralNorm)) from ‖ΔH W_hh‖ ≤ ‖ΔH‖·‖W_hh‖₂ and |φ′| ≤ γ, plus float64 rounding (relative \(NumberText.sci(half.ratioSlack, digits: 0)))",
                    zh: "由 ‖ΔH W_hh‖ ≤ ‖ΔH‖·‖W_hh‖₂ 与 |φ′| ≤ γ 得 γ·‖W_hh‖₂ = \(NumberText.short(phi.derivativeBound * half.spectralNorm))，再加上 float64 舍入（相对 \(NumberText.sci(half.ratioSlack, digits: 0))）")),
        ]
        claims[3].unit = Bilingual(en: "of \(T) steps", zh: "步（共 \(T) 步）")
        // ReLU is flat (φ′ = 0) for negative inputs: a unit that is off in both
        // runs passes nothing on, and the change can die out exactly. The
        // claim is a theorem only for strictly increasing φ with an
        // invertible W_hh, so for ReLU the lesson shows the count but claims nothing.
        if !phi.isStrictlyIncreasing { claims.remove(at: 3) }
        return claims
    }
}

extension Activation {
    /// Whether φ(a) ≠ φ(b) whenever a ≠ b: true for tanh, sigmoid and the
    /// identity, false for ReLU (flat below 0).
    var isStrictlyIncreasing: Bool { self != .relu }
}

/// "H_1", "H_1, H_2" or "H_1…H_6": a run of subscripted names for claims
/// and text, correct at T = 1 and T = 2 too.
func span(_ name: String, _ first: Int, _ last: Int, separator: String = "…") -> String {
    if last <= first { return "\(name)_\(first)" }
    if last == first + 1 { return "\(name)_\(first), \(name)_\(last)" }
    return "\(name)_\(first)\(separator)\(name)_\(last)"
}
