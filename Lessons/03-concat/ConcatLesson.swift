import Course
import Tensor

/// Lesson 03: X·W_xh + H·W_hh equals cat(X, H; dim 1) · cat(W_xh, W_hh; dim 0).
///
/// Reads top to bottom: configuration → data → the two computations →
/// measurements → claims. `ConcatCommand` turns it into text, JSON, a report
/// and a figure.
struct ConcatLesson {
    static let info = LessonInfo(
        number: 3, slug: "concat", executable: "concat",
        title: Bilingual(en: "Two products or one: concatenating inputs and state",
                         zh: "两次乘法还是一次：把输入与状态拼接起来"),
        summary: Bilingual(
            en: "X·W_xh + H·W_hh is the same matrix as [X | H]·[W_xh ; W_hh]: the RNN cell is one fully connected layer on the concatenated input and state.",
            zh: "X·W_xh + H·W_hh 与 [X | H]·[W_xh ; W_hh] 是同一个矩阵：RNN 单元就是作用在“输入与状态拼接”之上的一个全连接层。"))

    /// Sizes, with the book's values as defaults.
    struct Config: Equatable {
        var batch = 3     // n
        var inputs = 1    // d
        var hiddens = 4   // h
        /// Each size is capped so the largest matrix, (d + h, h), stays at
        /// 2048 × 1024 floats (8 MiB) and a run takes well under a second.
        static let sizeRange = 1...1024
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
            tolerance: roundingBound(x: x, wXH: wXH, h: hPrev, wHH: wHH))
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
    static func roundingBound(x: Matrix<Float>, wXH: Matrix<Float>, h: Matrix<Float>, wHH: Matrix<Float>) -> Double {
        let s = x.magnitudes().matmul(wXH.magnitudes()) + h.magnitudes().matmul(wHH.magnitudes())  // (n, h), in Double
        return 2 * Float.roundingGamma(x.cols + h.cols + 1) * s.maxAbs()
    }

    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let n = c.batch, d = c.inputs, h = c.hiddens
        return [
            .allTrue(id: "cat-inputs-shape",
                     statement: Bilingual(en: "cat((X, H), dim=1) has shape (\(n), \(d + h)): the columns add up, \(d) + \(h)",
                                          zh: "cat((X, H), dim=1) 的形状是 (\(n), \(d + h))：列数相加，\(d) + \(h)"),
                     [r.catXH.shape == Shape(n, d + h)]),
            .allTrue(id: "cat-weights-shape",
                     statement: Bilingual(en: "cat((W_xh, W_hh), dim=0) has shape (\(d + h), \(h)): the rows add up, \(d) + \(h)",
                                          zh: "cat((W_xh, W_hh), dim=0) 的形状是 (\(d + h), \(h))：行数相加，\(d) + \(h)"),
                     [r.catW.shape == Shape(d + h, h)]),
            .allTrue(id: "result-shapes",
                     statement: Bilingual(en: "Both results have shape (\(n), \(h))",
                                          zh: "两种算法的结果形状都是 (\(n), \(h))"),
                     [r.separate.shape == Shape(n, h), r.concatenated.shape == Shape(n, h)]),
            Claim(id: "products-agree",
                  statement: Bilingual(en: "X·W_xh + H·W_hh equals cat(X, H)·cat(W_xh, W_hh): max |Δ| over all entries",
                                       zh: "X·W_xh + H·W_hh 等于 cat(X, H)·cat(W_xh, W_hh)：所有元素的最大 |Δ|"),
                  measured: r.maxAbsDifference, tolerance: r.tolerance,
                  toleranceNote: Bilingual(
                    en: "float32 rounding of two sums of \(d + h) products: 2·γ_\(d + h + 1)·max(|X||W_xh| + |H||W_hh|)",
                    zh: "两个含 \(d + h) 项乘积之和的 float32 舍入误差：2·γ_\(d + h + 1)·max(|X||W_xh| + |H||W_hh|)")),
        ]
    }
}
