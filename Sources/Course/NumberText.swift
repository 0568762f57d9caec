import Foundation

/// Short, deterministic renderings of numbers for prose and tables.
public enum NumberText {
    /// Integers as integers; other values with 3 significant digits
    /// (`4.77e-07`, `0.0123`, `1.5`); ∞ and NaN spelled out.
    public static func short(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "−∞" : "∞" }
        if x == x.rounded(), x.magnitude < 1e6 { return String(Int64(x)) }
        return String(format: "%.3g", x)
    }

    /// Scientific notation with `digits` digits after the point: `1.23e-07`.
    public static func sci(_ x: Double, digits: Int = 2) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "−∞" : "∞" }
        return String(format: "%.\(digits)e", x)
    }
}
