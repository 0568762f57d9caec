import ArgumentParser
import Course
import Tensor

/// Lesson 03: X·W_xh + H·W_hh equals cat(X, H; dim 1) · cat(W_xh, W_hh; dim 0).
///
/// Reads top to bottom: configuration → data → the two computations →
/// measurements. The claims are in `ConcatClaims.swift`, the text, JSON,
/// report and figure in `Presentation/`.
enum ConcatLesson: Lesson {
    /// Sizes, with the book's values as defaults. Each is capped so the
    /// largest matrix, (d + h, h), stays at 2048 × 1024 floats (8 MiB) and a
    /// run takes well under a second.
    struct Config: ParsableArguments {
        static let sizes = 1...1024

        @Option(parsing: .unconditional, help: OptionRange.help("Examples per batch, n", sizes, valueName: "n"))
        var batch = 3
        @Option(parsing: .unconditional, help: OptionRange.help("Inputs per example, d", sizes, valueName: "d"))
        var inputs = 1
        @Option(parsing: .unconditional, help: OptionRange.help("Hidden units, h", sizes, valueName: "h"))
        var hiddens = 4

        func validate() throws {
            try OptionRange.check("--batch", batch, Self.sizes)
            try OptionRange.check("--inputs", inputs, Self.sizes)
            try OptionRange.check("--hiddens", hiddens, Self.sizes)
        }
    }

    struct Result {
        var x, wXH, h, wHH: Matrix<Float>        // the four draws, in order
        var catXH, catW: Matrix<Float>           // (n, d + h), (d + h, h)
        var separate, concatenated: Matrix<Float> // both (n, h)
        var maxAbsDifference: Double
        /// How many entries differ in at least one bit.
        var differingEntries: Int
        /// 2·γ_{d+h+1}·max_ij (|X||W_xh| + |H||W_hh|)_ij, see `roundingBound`.
        var tolerance: Double
        /// Multiplications done by X·W_xh + H·W_hh and by the single product.
        var multiplications: (separate: Int, concatenated: Int)
    }

    static func run(_ config: Config, seed: UInt64) -> Result {
        let n = config.batch, d = config.inputs, h = config.hiddens
        var generator = TorchGenerator(seed: seed)
        // BEGIN-QUOTE compute
        // The four draws, in the book's order (same as torch.randn).
        let x = Matrix<Float>.randn(n, d, using: &generator)    // X     (n, d)
        let wXH = Matrix<Float>.randn(d, h, using: &generator)  // W_xh  (d, h)
        let hPrev = Matrix<Float>.randn(n, h, using: &generator) // H     (n, h)
        let wHH = Matrix<Float>.randn(h, h, using: &generator)  // W_hh  (h, h)

        // Two products, then a sum ...
        let separate = x.matmul(wXH) + hPrev.matmul(wHH)        // (n, h)

        // ... or one product of the concatenated matrices.
        let catXH = Matrix.cat([x, hPrev], dim: 1)              // (n, d + h)
        let catW = Matrix.cat([wXH, wHH], dim: 0)               // (d + h, h)
        let concatenated = catXH.matmul(catW)                   // (n, h)
        // END-QUOTE compute
        let differing = zip(separate.scalars, concatenated.scalars).filter { $0.bitPattern != $1.bitPattern }.count
        return Result(
            x: x, wXH: wXH, h: hPrev, wHH: wHH, catXH: catXH, catW: catW,
            separate: separate, concatenated: concatenated,
            maxAbsDifference: separate.maxAbsDifference(concatenated),
            differingEntries: differing,
            tolerance: roundingBound(x: x, wXH: wXH, h: hPrev, wHH: wHH),
            multiplications: multiplications(x: x, wXH: wXH, h: hPrev, wHH: wHH, catXH: catXH, catW: catW))
    }

    /// How far apart Float rounding can push the two results.
    ///
    /// A sum of K products computed in floating point in any order is within
    /// γ_K·Σ|a_k b_k| of the exact sum, γ_K = K·u/(1 − K·u), u = 2⁻²⁴
    /// (Higham, *Accuracy and Stability of Numerical Algorithms*, §3.1).
    /// The concatenated product sums K = d + h terms; the separate one sums
    /// d and h terms and adds the two partial sums (one more rounding), so
    /// each is within γ_{d+h+1}·S of the exact value, with
    /// S = (|X||W_xh| + |H||W_hh|)_ij, and the two within twice that. The
    /// largest S over all entries gives one tolerance for the whole matrix.
    /// The multiplications each form does, counted from the shapes of the
    /// matrices it multiplies: (m, k)·(k, n) takes m·k·n.
    static func multiplications(x: Matrix<Float>, wXH: Matrix<Float>, h: Matrix<Float>, wHH: Matrix<Float>,
                                catXH: Matrix<Float>, catW: Matrix<Float>) -> (separate: Int, concatenated: Int) {
        (x.rows * x.cols * wXH.cols + h.rows * h.cols * wHH.cols, catXH.rows * catXH.cols * catW.cols)
    }

    static func roundingBound(x: Matrix<Float>, wXH: Matrix<Float>, h: Matrix<Float>, wHH: Matrix<Float>) -> Double {
        let s = x.magnitudes().matmul(wXH.magnitudes()) + h.magnitudes().matmul(wHH.magnitudes())  // (n, h), in Double
        return 2 * Float.roundingGamma(x.cols + h.cols + 1) * s.maxAbs()
    }
}
