import Course
import Network
import Tensor

/// What lesson 04 claims.
extension SharingLesson {
    /// d·h + h·h + h + h·q + q, from the sizes alone.
    static func formulaCount(_ c: Config) -> Int {
        RNNParameters<Float>.count(inputs: c.inputs, hiddens: c.hiddens, outputs: c.outputs)
    }

    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let d = c.inputs, h = c.hiddens, q = c.outputs, steps = c.steps
        let k = formulaCount(c)
        let p = r.params
        let stepsText = r.shared.map { String($0.steps) }.joined(separator: ", ")
        let longest = r.shared.last!, longestSeparate = r.separate.last!
        let separateText = r.separate.map { String($0.steps * k) }.joined(separator: ", ")
        return [
            .allTrue(id: "parameter-shapes",
                     statement: Bilingual(
                        en: "W_xh (\(d), \(h)), W_hh (\(h), \(h)), b_h (1, \(h)), W_hq (\(h), \(q)), b_q (1, \(q))",
                        zh: "W_xh (\(d), \(h))、W_hh (\(h), \(h))、b_h (1, \(h))、W_hq (\(h), \(q))、b_q (1, \(q))"),
                     [p.wXH.shape == Shape(d, h), p.wHH.shape == Shape(h, h), p.bH.shape == Shape(1, h),
                      p.wHQ.shape == Shape(h, q), p.bQ.shape == Shape(1, q)]),
            .equal(id: "parameter-count",
                   statement: Bilingual(
                    en: "The five matrices hold d·h + h·h + h + h·q + q = \(k) numbers",
                    zh: "五个矩阵共有 d·h + h·h + h + h·q + q = \(k) 个数"),
                   p.named.reduce(0) { $0 + $1.value.count }, k),
            .equal(id: "same-storage-every-step",
                   statement: Bilingual(
                    en: "A forward pass over \(longest.steps) steps reads 5 distinct parameter matrices — the same five at every step",
                    zh: "沿 \(longest.steps) 个时间步的前向计算只读取 5 个不同的参数矩阵——每一步都是同样的五个"),
                   longest.buffers, 5),
            .allTrue(id: "count-independent-of-T",
                     statement: Bilingual(
                        en: "Numbers read by forward passes over T = \(stepsText) steps: \(k) every time",
                        zh: "沿 T = \(stepsText) 步做前向计算时读取的参数个数：每次都是 \(k)"),
                     r.shared.map { $0.scalars == k }),
            .allTrue(id: "separate-weights-grow-with-T",
                     statement: Bilingual(
                        en: "With its own weights at each step a network would read T·\(k) = \(separateText) numbers (\(longestSeparate.buffers) matrices at T = \(longestSeparate.steps))",
                        zh: "若每一步都有自己的权重，网络要读取 T·\(k) = \(separateText) 个数（T = \(longestSeparate.steps) 时共 \(longestSeparate.buffers) 个矩阵）"),
                     r.separate.map { $0.scalars == $0.steps * k && $0.buffers == 5 * $0.steps }),
            Claim(id: "pieces-sum-to-W_xh-gradient",
                  statement: Bilingual(
                    en: "Σ_t X_tᵀ·δ_t over the \(steps) steps equals BPTT's ∂L/∂W_xh: max |Δ|",
                    zh: "\(steps) 个时间步的 Σ_t X_tᵀ·δ_t 等于 BPTT 得到的 ∂L/∂W_xh：最大 |Δ|"),
                  measured: r.differenceXH, tolerance: r.toleranceXH,
                  toleranceNote: toleranceNote(terms: c.batch * steps, factor: "|X_t|ᵀ|δ_t|")),
            Claim(id: "pieces-sum-to-W_hh-gradient",
                  statement: Bilingual(
                    en: "Σ_t H_{t−1}ᵀ·δ_t over the \(steps) steps equals BPTT's ∂L/∂W_hh: max |Δ|",
                    zh: "\(steps) 个时间步的 Σ_t H_{t−1}ᵀ·δ_t 等于 BPTT 得到的 ∂L/∂W_hh：最大 |Δ|"),
                  measured: r.differenceHH, tolerance: r.toleranceHH,
                  toleranceNote: toleranceNote(terms: c.batch * steps, factor: "|H_{t−1}|ᵀ|δ_t|")),
        ]
    }

    static func toleranceNote(terms: Int, factor: String) -> Bilingual {
        Bilingual(
            en: "both sum the same n·T = \(terms) products in a different order: 2·γ_\(terms)·max Σ_t \(factor), u = 2⁻²⁴",
            zh: "两者对同样的 n·T = \(terms) 个乘积求和，只是顺序不同：2·γ_\(terms)·max Σ_t \(factor)，u = 2⁻²⁴")
    }
}
