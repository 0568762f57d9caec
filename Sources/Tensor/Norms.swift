import RealModule

extension Matrix {
    /// The Frobenius norm ‖A‖ = sqrt(Σ a_ij²), accumulated in Double.
    ///
    /// Numerical caveat: the sum of squares is scaled by the largest |a_ij|
    /// first, so that tiny entries (vanishing gradients reach 1e−30 and
    /// below) do not underflow when squared and huge ones do not overflow.
    /// Returns 0 for an all-zero matrix, and NaN / +∞ if any entry is.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func frobeniusNorm() -> Double {
        Self.norm(of: scalars)
    }

    /// The largest |a_ij|, as a Double.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func maxAbs() -> Double {
        scalars.reduce(0.0) { Swift.max($0, Double($1.magnitude)) }
    }

    /// max_ij |a_ij − b_ij|, computed in Double; the shapes must agree.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func maxAbsDifference(_ other: Matrix) -> Double {
        ShapeError.check(ShapeError.elementwise("maxAbsDifference", shape, other.shape))
        var m = 0.0
        for k in scalars.indices {
            let d = (Double(scalars[k]) - Double(other.scalars[k])).magnitude
            if d > m || d.isNaN { m = d }
        }
        return m
    }

    /// The scaled Euclidean norm of any list of scalars (see
    /// ``frobeniusNorm()``); shared by the gradient-norm measurements. The
    /// algorithm is in Norms+Buffer.swift.
    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func norm(of values: [Scalar]) -> Double {
        values.withUnsafeBufferPointer { norm(of: $0) }
    }
}
