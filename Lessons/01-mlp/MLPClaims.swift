import Course
import Tensor

/// What lesson 01 claims, and the tolerances, each derived from how float32
/// rounds.
extension MLPLesson {
    /// How far a row of softmax may sum from 1: γ_{q+1}.
    ///
    /// softmaxRows computes e_j = exp(o_j − m), the float sum S = Σ_k e_k and
    /// p_j = e_j / S. Whatever error exp makes cancels, because the same e_j
    /// appear above and below. S is within γ_{q−1} (relative) of the exact
    /// Σ e_k (q − 1 additions of non-negative terms) and each division adds
    /// one rounding u, so |Σ_j p_j − 1| ≤ (u + γ_{q−1}) / (1 − γ_{q−1}) ≤ γ_{q+1}.
    /// The last step leaves about u of slack, which covers the Double
    /// rounding of the check sum (< q·2⁻⁵³) and results in the subnormal
    /// range (≤ q·2⁻¹⁵⁰ absolute).
    static func rowSumTolerance(classes q: Int) -> Double { Float.roundingGamma(q + 1) }

    /// Below this spread of a row's logits, max − min, float32 can keep every
    /// probability strictly inside (0, 1): every e_j ≥ e⁻¹⁵ ≈ 3.1e−7 is a
    /// normal number, and S ≥ 1 + e⁻¹⁵ rounds above 1 (the next float after 1
    /// is 1 + 2⁻²³ ≈ 1 + 1.2e−7), so the largest p = 1/S rounds below 1.
    /// Beyond a spread of about 16.6 the top probability can round to
    /// exactly 1, beyond about 104 the smallest to exactly 0.
    static let strictSpread = 15.0

    /// The spread max − min of each row, in Double.
    static func spreads(_ o: Matrix<Float>) -> [Double] {
        (0..<o.rows).map { i in
            let row = o.row(i).scalars.map(Double.init)
            return (row.max() ?? 0) - (row.min() ?? 0)
        }
    }

    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let n = c.batch, h = c.hiddens, q = c.outputs
        let unitInterval = unitIntervalClaim(r, c)
        return [
            .allTrue(id: "shapes",
                     statement: Bilingual(
                        en: "b_h is (1, \(h)) and is broadcast to (\(n), \(h)); H is (\(n), \(h)); O and softmax(O) are (\(n), \(q))",
                        zh: "b_h 的形状是 (1, \(h))，被广播成 (\(n), \(h))；H 的形状是 (\(n), \(h))；O 与 softmax(O) 的形状是 (\(n), \(q))"),
                     [r.bH.shape == Shape(1, h), r.z.shape == Shape(n, h), r.h.shape == Shape(n, h),
                      r.o.shape == Shape(n, q), r.p.shape == Shape(n, q)]),
            Claim(id: "broadcast-is-row-by-row",
                  statement: Bilingual(
                    en: "X·W_xh + b_h by broadcasting equals X·W_xh plus b_h copied into each of the \(n) rows: max |Δ|",
                    zh: "按广播计算的 X·W_xh + b_h 等于把 b_h 复制到全部 \(n) 行后再相加：最大 |Δ|"),
                  measured: r.broadcastDifference, comparison: .equal, tolerance: 0,
                  toleranceNote: Bilingual(
                    en: "exactly 0: both add the same two float32 numbers once per entry, and IEEE 754 rounds every addition the same way",
                    zh: "恰好为 0：两种算法对每个元素都只把同样的两个 float32 数相加一次，而 IEEE 754 对每次加法的舍入是确定的")),
            Claim(id: "rows-sum-to-one",
                  statement: Bilingual(
                    en: "Each row of softmax(O) sums to 1: max over rows of |Σ_j p_ij − 1|",
                    zh: "softmax(O) 的每一行之和为 1：各行 |Σ_j p_ij − 1| 的最大值"),
                  measured: r.rowSums.map { ($0 - 1).magnitude }.max() ?? 0,
                  tolerance: rowSumTolerance(classes: q),
                  toleranceNote: Bilingual(
                    en: "γ_\(q + 1) = \(q + 1)u/(1 − \(q + 1)u), u = 2⁻²⁴: \(q - 1) roundings in the sum Σ exp, one in each division; the error of exp cancels",
                    zh: "γ_\(q + 1) = \(q + 1)u/(1 − \(q + 1)u)，u = 2⁻²⁴：求和 Σ exp 中的 \(q - 1) 次舍入，加上每次除法的一次舍入；exp 本身的误差在分子分母中相互抵消")),
            unitInterval,
            .allTrue(id: "argmax-kept",
                     statement: Bilingual(
                        en: "softmax keeps each row's winner: the class with the largest logit has the largest probability",
                        zh: "softmax 不改变每一行的最大者：logit 最大的类别，概率也最大"),
                     (0..<n).map { i in
                         r.argmaxP[i] == r.argmaxO[i] || r.p[i, r.argmaxO[i]] == r.p[i, r.argmaxP[i]]
                     }),
            .allTrue(id: "stable-for-extreme-logits",
                     statement: Bilingual(
                        en: "For logits of ±1000, softmax (max subtracted first) stays finite and each row sums to 1 within γ_4",
                        zh: "对于 ±1000 的 logit，softmax（先减去行最大值）仍然有限，且每行之和与 1 的差不超过 γ_4"),
                     r.stable.scalars.map(\.isFinite)
                        + rowSums(r.stable).map { ($0 - 1).magnitude <= rowSumTolerance(classes: r.stable.cols) }),
            Claim(id: "naive-overflows",
                  statement: Bilingual(
                    en: "The same logits break the unshifted formula exp(o_j)/Σ exp(o_k): entries that are ∞ or NaN (of \(r.naive.count))",
                    zh: "同样的 logit 会让不做平移的公式 exp(o_j)/Σ exp(o_k) 失效：结果为 ∞ 或 NaN 的元素个数（共 \(r.naive.count) 个）"),
                  measured: Double(r.naive.scalars.filter { !$0.isFinite }.count),
                  comparison: .atLeast, tolerance: 1,
                  toleranceNote: Bilingual(
                    en: "at least one, or the demonstration shows nothing: exp(1000) overflows float32 (largest ≈ 3.4e38), exp(−999) underflows to 0",
                    zh: "至少一个，否则这个演示说明不了问题：exp(1000) 超出 float32 的上限（约 3.4e38），exp(−999) 下溢为 0")),
        ]
    }

    /// 0 < p < 1 in every row where float32 can keep it strict (q ≥ 2 and a
    /// logit spread below ``strictSpread``), 0 ≤ p ≤ 1 everywhere, and p = 1
    /// exactly when there is only one class.
    static func unitIntervalClaim(_ r: Result, _ c: Config) -> Claim {
        let n = c.batch, q = c.outputs
        let spreads = spreads(r.o)
        var checks: [Bool] = []
        var strictRows = 0
        for i in 0..<n {
            let row = r.p.row(i).scalars
            if q == 1 {
                checks.append(row[0] == 1)
            } else if spreads[i] < strictSpread {
                strictRows += 1
                checks += row.map { $0 > 0 && $0 < 1 }
            } else {
                checks += row.map { $0 >= 0 && $0 <= 1 }
            }
        }
        let statement: Bilingual
        if q == 1 {
            statement = Bilingual(en: "With a single class, softmax gives it probability exactly 1",
                                  zh: "只有一个类别时，softmax 给它的概率恰好是 1")
        } else if strictRows == n {
            statement = Bilingual(en: "Every probability lies strictly between 0 and 1",
                                  zh: "每个概率都严格介于 0 与 1 之间")
        } else {
            statement = Bilingual(
                en: "Every probability lies in [0, 1], and strictly inside (0, 1) in every row whose logits span less than 15 (\(strictRows) of \(n) rows here; wider rows can round to exactly 0 or 1)",
                zh: "每个概率都在 [0, 1] 内；在 logit 跨度小于 15 的每一行中严格介于 0 与 1 之间（本次共 \(n) 行，其中 \(strictRows) 行属于此类；跨度更大的行可能被舍入为恰好 0 或 1）")
        }
        return .allTrue(id: "probabilities-in-unit-interval", statement: statement, checks)
    }
}
