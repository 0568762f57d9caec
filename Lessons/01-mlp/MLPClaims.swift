import Course
import Tensor

/// What lesson 01 claims, and the tolerances, each derived from how float32
/// rounds. The words are in `Presentation/strings.*.json` under `claim.<id>`.
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

    /// d·h + h + h·q + q, from the sizes alone.
    static func parameterCount(_ c: Config) -> Int {
        c.inputs * c.hiddens + c.hiddens + c.hiddens * c.outputs + c.outputs
    }

    /// ln 2²⁴: the gap between two logits beyond which float32 rounds the
    /// larger probability, 1/(1 + e⁻ᵍ), to exactly 1.
    static let oneRoundingGap = 24 * 0.6931471805599453

    /// The spread max − min of each row, in Double.
    static func spreads(_ o: Matrix<Float>) -> [Double] {
        (0..<o.rows).map { i in
            let row = o.row(i).scalars.map(Double.init)
            return (row.max() ?? 0) - (row.min() ?? 0)
        }
    }

    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let n = c.batch, h = c.hiddens, q = c.outputs
        let sizes = ["n": "\(n)", "h": "\(h)", "q": "\(q)", "q1": "\(q + 1)", "qm1": "\(q - 1)"]
        return [
            .allTrue(id: "shapes", arguments: sizes,
                     [r.bH.shape == Shape(1, h), r.z.shape == Shape(n, h), r.h.shape == Shape(n, h),
                      r.o.shape == Shape(n, q), r.p.shape == Shape(n, q)]),
            Claim(id: "broadcast-is-row-by-row", measured: r.broadcastDifference, comparison: .equal, tolerance: 0,
                  arguments: sizes),
            Claim(id: "rows-sum-to-one", measured: r.rowSums.map { ($0 - 1).magnitude }.max() ?? 0,
                  tolerance: rowSumTolerance(classes: q), arguments: sizes),
            unitIntervalClaim(r, c),
            .allTrue(id: "argmax-kept",
                     (0..<n).map { i in
                         r.argmaxP[i] == r.argmaxO[i] || r.p[i, r.argmaxO[i]] == r.p[i, r.argmaxP[i]]
                     }),
            .allTrue(id: "stable-for-extreme-logits",
                     r.stable.scalars.map(\.isFinite)
                        + rowSums(r.stable).map { ($0 - 1).magnitude <= rowSumTolerance(classes: r.stable.cols) }),
            .equal(id: "parameter-count", arguments: ["count": "\(parameterCount(c))"],
                   r.wXH.count + r.bH.count + r.wHQ.count + r.bQ.count, parameterCount(c)),
            .equal(id: "rows-independent", text: n == 1 ? "claim.rows-independent-single" : nil,
                   arguments: ["entries": "\(r.otherRowEntries)"], r.otherRowsChanged, 0),
            Claim(id: "rounds-to-one-gap", measured: (r.roundsToOneGap - oneRoundingGap).magnitude,
                  tolerance: gapStep, arguments: ["gap": NumberText.short(r.roundsToOneGap)]),
            Claim(id: "naive-overflows", measured: Double(r.naive.scalars.filter { !$0.isFinite }.count),
                  comparison: .atLeast, tolerance: 1, arguments: ["entries": "\(r.naive.count)"]),
        ]
    }

    /// 0 < p < 1 in every row where float32 can keep it strict (q ≥ 2 and a
    /// logit spread below ``strictSpread``), 0 ≤ p ≤ 1 everywhere, and p = 1
    /// exactly when there is only one class. Worded for the case at hand:
    /// one class, every row strict, or some rows too wide to be.
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
        let wording = q == 1 ? "claim.probabilities-single-class"
            : strictRows == n ? "claim.probabilities-in-unit-interval" : "claim.probabilities-mostly-strict"
        return .allTrue(id: "probabilities-in-unit-interval", text: wording,
                        arguments: ["n": "\(n)", "strict_rows": "\(strictRows)"], checks)
    }
}
