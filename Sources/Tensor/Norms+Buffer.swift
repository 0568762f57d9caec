extension Matrix {
    /// The scaled Euclidean norm of the scalars in `buffer`: the one
    /// implementation behind ``norm(of:)-([Scalar])`` and
    /// ``frobeniusNorm()``, for callers that keep their values in memory of
    /// their own (the RNN twin of Network, `RNNWorkspace`).
    ///
    /// ‖v‖ = s · sqrt(Σ (v_k / s)²) with s = max |v_k|, accumulated in
    /// Double in ascending k: no underflow of tiny entries (vanishing
    /// gradients reach 1e−30 and below), no overflow of huge ones. 0 for an
    /// all-zero or empty buffer, NaN if an entry is NaN, +∞ if one is ±∞.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func norm(of buffer: UnsafeBufferPointer<Scalar>) -> Double {
        var scale = 0.0
        for v in buffer {
            let a = Double(v.magnitude)
            if a.isNaN { return .nan }
            scale = Swift.max(scale, a)
        }
        if scale == 0 { return 0 }
        if scale.isInfinite { return .infinity }
        // Multiplying by the reciprocal would be faster, but 1/scale
        // overflows for subnormal scales; divide.
        var sum = 0.0
        for v in buffer {
            let r = Double(v) / scale
            sum += r * r
        }
        return scale * sum.squareRoot()
    }
}
