/// Uniform draws from the same seeded stream as ``TorchGenerator/randn(_:)``,
/// for the few places that need randomness PyTorch's `randn` does not give
/// (an orthogonal initialiser's matrix, a shuffled order).
///
/// Each is one element of the matching PyTorch call on the CPU, so mixing
/// them with `randn` keeps the stream reproducible from PyTorch too.
extension TorchGenerator {
    /// A uniform float in [0, 1): the low 24 bits of one 32-bit draw, times
    /// 2⁻²⁴. One element of `torch.rand(n)` (float32).
    public mutating func uniformFloat() -> Float {
        engine.uniformFloat()
    }

    /// A uniform double in [0, 1): the low 53 bits of one 64-bit draw (two
    /// 32-bit draws), times 2⁻⁵³. One element of
    /// `torch.rand(n, dtype=torch.float64)`.
    public mutating func uniformDouble() -> Double {
        engine.uniformDouble()
    }
}
