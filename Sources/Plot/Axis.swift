import Foundation

/// How values map to positions along an axis.
public enum AxisScale: Sendable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios; decades are labelled 10ⁿ.
    case log10
}

/// A tick mark, with a label in markup when it is a major tick.
struct Tick: Equatable {
    var value: Double
    var label: String?
}

/// One axis: its scale, the value range it shows and its ticks.
struct Axis {
    let scale: AxisScale
    /// The shown range, in data units (both positive on a log axis).
    let lower: Double
    let upper: Double
    let ticks: [Tick]

    /// The position of `v` in axis units: `v` itself, or log10(v); nil when
    /// the value cannot be placed (not finite, or not a positive normal
    /// number on a log axis).
    static func transform(_ v: Double, _ scale: AxisScale) -> Double? {
        switch scale {
        case .linear: return v.isFinite ? v : nil
        case .log10: return v.isFinite && v >= Double.leastNormalMagnitude ? Foundation.log10(v) : nil
        }
    }

    /// `v` as a fraction of the axis (0 at `lower`, 1 at `upper`).
    func fraction(_ v: Double) -> Double? {
        guard let t = Axis.transform(v, scale), let a = Axis.transform(lower, scale),
              let b = Axis.transform(upper, scale), b > a else { return nil }
        return (t - a) / (b - a)
    }

    /// An axis that shows every value in `values` that the scale can place,
    /// widened to round numbers. `fixed` overrides the range.
    init(scale: AxisScale, values: [Double], fixed: ClosedRange<Double>? = nil) {
        self.scale = scale
        let placeable = values.filter { Axis.transform($0, scale) != nil }
        switch scale {
        case .linear:
            var lo = fixed?.lowerBound ?? placeable.min() ?? 0
            var hi = fixed?.upperBound ?? placeable.max() ?? 1
            if lo == hi { (lo, hi) = lo == 0 ? (-1, 1) : (lo - abs(lo) * 0.1, hi + abs(hi) * 0.1) }
            let step = Axis.niceStep((hi - lo) / 5)
            if fixed == nil {
                lo = (lo / step).rounded(.down) * step
                hi = (hi / step).rounded(.up) * step
            }
            lower = lo
            upper = hi
            ticks = Axis.linearTicks(lo, hi, step)
        case .log10:
            let logs = placeable.map { Foundation.log10($0) }
            var kLo: Double, kHi: Double
            if let fixed, let a = Axis.transform(fixed.lowerBound, .log10), let b = Axis.transform(fixed.upperBound, .log10), b > a {
                (kLo, kHi) = (a, b)
            } else {
                kLo = (logs.min() ?? -1).rounded(.down)
                kHi = (logs.max() ?? 1).rounded(.up)
                if kLo == kHi { kLo -= 1; kHi += 1 }
            }
            let decades = (kHi.rounded(.up) - kLo.rounded(.down))
            let stride = [1.0, 2, 3, 5, 10, 20, 25, 50, 100].first { decades / $0 <= 8 } ?? 100
            if fixed == nil && stride > 1 {
                kLo = (kLo / stride).rounded(.down) * stride
                kHi = (kHi / stride).rounded(.up) * stride
            }
            // Stay within the normal Double range, so 10^k is never 0 or ∞.
            kLo = min(max(kLo, -307), 307)
            kHi = min(max(kHi, kLo + 1), 308)
            lower = pow(10, kLo)
            upper = pow(10, kHi)
            ticks = Axis.logTicks(kLo, kHi, stride)
        }
    }

    /// The smallest of 1, 2, 2.5, 5, 10 × 10ᵏ at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, Foundation.log10(raw).rounded(.down))
        let factor = [1.0, 2, 2.5, 5, 10].first { $0 * magnitude >= raw * 0.999 } ?? 10
        return factor * magnitude
    }

    static func linearTicks(_ lo: Double, _ hi: Double, _ step: Double) -> [Tick] {
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            let v = k * step
            return Tick(value: v, label: formatTick(abs(v) < step * 1e-9 ? 0 : v, step: step))
        }
    }

    /// Decade ticks `10^k` (labelled every `stride` decades) and minor ticks:
    /// at 2…9 × 10^k when every decade is labelled, otherwise at some
    /// unlabelled decades (at most four between two labels).
    static func logTicks(_ kLo: Double, _ kHi: Double, _ stride: Double) -> [Tick] {
        var ticks: [Tick] = []
        let step = Int(stride)
        let minor = [1, 2, 5, 10, 25].first { step % $0 == 0 && step / $0 <= 5 } ?? step
        for k in Int(kLo.rounded(.down))...Int(kHi.rounded(.up)) {
            let decade = pow(10, Double(k))
            if Double(k) >= kLo - 1e-9 && Double(k) <= kHi + 1e-9 {
                if k % step == 0 {
                    ticks.append(Tick(value: decade, label: "$10^{\(k)}$"))
                } else if k % minor == 0 {
                    ticks.append(Tick(value: decade, label: nil))
                }
            }
            if step == 1 {
                for m in 2...9 {
                    let e = Foundation.log10(Double(m)) + Double(k)
                    if e > kLo && e < kHi { ticks.append(Tick(value: Double(m) * decade, label: nil)) }
                }
            }
        }
        return ticks
    }

    /// A tick value with as many decimals as the step needs, a real minus
    /// sign, and powers of ten for very large or very small values.
    static func formatTick(_ v: Double, step: Double) -> String {
        if v != 0 && (abs(v) >= 1e6 || step < 1e-4) {
            let k = Foundation.log10(abs(v)).rounded(.down)
            let mantissa = v / pow(10, k)
            let digits = max(0, Int(-Foundation.log10(step / pow(10, k)).rounded(.down)) + 1)
            let m = String(format: "%.\(min(digits, 3))f", mantissa)
            return "$\(m) \\times 10^{\(Int(k))}$"
        }
        var decimals = max(0, Int((-Foundation.log10(step)).rounded(.up)))
        if (step * pow(10, Double(decimals))).truncatingRemainder(dividingBy: 1) > 1e-6 { decimals += 1 }
        let text = String(format: "%.\(min(decimals, 6))f", v)
        return text.replacingOccurrences(of: "-", with: "\u{2212}")
    }
}
