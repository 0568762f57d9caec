import Tensor

/// Square products C = A·B, n = 16, 64, 256, 512, float32 and float64, one
/// thread, through `Matrix.matmul` (the bit-exact kernels). GFLOP/s counts
/// 2n³ operations per product, from the median time.
enum MatmulWorkload {
    static let sizes = [16, 64, 256, 512]

    /// The median seconds per product, and GFLOP/s from it.
    static func measure<S: TensorScalar>(_: S.Type, n: Int, repeats: Int, clock: Timing.Clock) -> (timing: Timing, gflops: Double) {
        var g = TorchGenerator(seed: UInt64(n))
        let a = Matrix<S>.randn(n, n, using: &g), b = Matrix<S>.randn(n, n, using: &g)   // (n, n) each
        // Enough products per timed run to last about 20 ms at 20 GFLOP/s.
        let flops = 2 * Double(n * n * n)
        let inner = max(1, Int(4e8 / flops))
        var sink: S = 0
        let timing = Timing.measure(repeats: repeats, clock: clock) {
            for _ in 0..<inner { sink += a.matmul(b).scalars[0] }
        }
        precondition(sink.isFinite, "matmul benchmark: non-finite result")
        let perProduct = Timing(seconds: timing.seconds.map { $0 / Double(inner) })
        return (perProduct, flops / perProduct.median / 1e9)
    }
}
