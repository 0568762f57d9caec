import Course
import Tensor

/// What lesson 04 claims. The words are in `Presentation/strings.*.json`
/// under `claim.<id>`.
extension SharingLesson {
    static func claims(_ r: Result, _ c: Config) -> [Claim] {
        let d = c.inputs, h = c.hiddens, q = c.outputs
        let k = formulaCount(c)
        let p = r.params
        let longest = r.shared.last!, longestSeparate = r.separate.last!
        let arguments = [
            "d": "\(d)", "h": "\(h)", "q": "\(q)", "k": "\(k)", "T": "\(c.steps)", "terms": "\(c.batch * c.steps)",
            "longest": "\(longest.steps)",
            "counted": r.shared.map { String($0.steps) }.joined(separator: ", "),
            "separate": r.separate.map { String($0.steps * k) }.joined(separator: ", "),
            "separate_matrices": "\(longestSeparate.buffers)", "separate_longest": "\(longestSeparate.steps)",
        ]
        return [
            .allTrue(id: "parameter-shapes", arguments: arguments,
                     [p.wXH.shape == Shape(d, h), p.wHH.shape == Shape(h, h), p.bH.shape == Shape(1, h),
                      p.wHQ.shape == Shape(h, q), p.bQ.shape == Shape(1, q)]),
            .equal(id: "parameter-count", arguments: arguments, p.named.reduce(0) { $0 + $1.value.count }, k),
            .equal(id: "same-storage-every-step", arguments: arguments, longest.buffers, 5),
            .allTrue(id: "count-independent-of-T", arguments: arguments, r.shared.map { $0.scalars == k }),
            .allTrue(id: "separate-weights-grow-with-T", arguments: arguments,
                     r.separate.map { $0.scalars == $0.steps * k && $0.buffers == 5 * $0.steps }),
            Claim(id: "pieces-sum-to-W_xh-gradient", measured: r.differenceXH, tolerance: r.toleranceXH,
                  arguments: arguments),
            Claim(id: "pieces-sum-to-W_hh-gradient", measured: r.differenceHH, tolerance: r.toleranceHH,
                  arguments: arguments),
        ]
    }
}
