import RealModule

/// The element types a ``Matrix`` can hold: `Float` (PyTorch's default dtype,
/// used by the lessons) and `Double` (used where accuracy matters: finite
/// differences, the norms of vanishing gradients).
///
/// `Real` (from swift-numerics) supplies the elementary functions
/// (`exp`, `log`, `tanh`, …) generically, so every operation is written once.
public protocol TensorScalar: Real, BinaryFloatingPoint, Sendable, LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// The unit roundoff u = 2^−p (half the distance from 1 to the next
    /// representable number): 2^−24 for Float, 2^−53 for Double.
    static var unitRoundoff: Self { get }
    /// The name PyTorch gives the dtype (`float32`, `float64`).
    static var dtypeName: String { get }
}

extension Float: TensorScalar {
    public static var unitRoundoff: Float { .ulpOfOne / 2 }
    public static var dtypeName: String { "float32" }
}

extension Double: TensorScalar {
    public static var unitRoundoff: Double { .ulpOfOne / 2 }
    public static var dtypeName: String { "float64" }
}
