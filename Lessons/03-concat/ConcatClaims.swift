import Course
import Tensor

/// What lesson 03 claims. The words are in `Presentation/strings.*.json`
/// under `claim.<id>`.
extension ConcatLesson {
    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let n = c.batch, d = c.inputs, h = c.hiddens
        let sizes = ["n": "\(n)", "d": "\(d)", "h": "\(h)", "dh": "\(d + h)", "dh1": "\(d + h + 1)"]
        return [
            .allTrue(id: "cat-inputs-shape", arguments: sizes, [r.catXH.shape == Shape(n, d + h)]),
            .allTrue(id: "cat-weights-shape", arguments: sizes, [r.catW.shape == Shape(d + h, h)]),
            .allTrue(id: "result-shapes", arguments: sizes,
                     [r.separate.shape == Shape(n, h), r.concatenated.shape == Shape(n, h)]),
            Claim(id: "products-agree", measured: r.maxAbsDifference, tolerance: r.tolerance, arguments: sizes),
            .equal(id: "multiplications-equal", arguments: ["count": "\(r.multiplications.concatenated)"],
                   r.multiplications.concatenated, r.multiplications.separate),
        ]
    }
}
