import Foundation
import Tensor

/// Shared helpers for the test targets: tolerance comparisons that name the
/// tolerance in their failure message, and a small seeded generator.

/// The largest relative difference |a − b| / max(|a|, |b|, floor) over two
/// equal-length arrays, in Double. `floor` keeps entries near zero from
/// turning a tiny absolute difference into a huge relative one.
public func maxRelativeDifference<T: TensorScalar>(_ a: [T], _ b: [T], floor: Double = 1e-300) -> Double {
    precondition(a.count == b.count, "lengths \(a.count) and \(b.count)")
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let dx = Double(x), dy = Double(y)
        let scale = max(abs(dx), abs(dy), floor)
        let r = abs(dx - dy) / scale
        if r > worst || r.isNaN { worst = r }
    }
    return worst
}

/// γ_K = K·u / (1 − K·u): the classic bound on the relative rounding error
/// of a sum of K terms in a format with unit roundoff u (Higham §3.1).
public func gamma<T: TensorScalar>(_ k: Int, _: T.Type) -> Double {
    T.roundingGamma(k)
}

/// A SplitMix64 stream with Box–Muller normals: a simple, well-known
/// generator for test data that does not depend on the generator under test.
public struct TestNormals: NormalGenerator {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    public mutating func uniform() -> Double {
        (Double(nextUInt64() >> 11) + 0.5) * 0x1p-53
    }

    public mutating func randn(_ count: Int) -> [Float] {
        (0..<count).map { _ in
            Float((-2 * Foundation.log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()))
        }
    }

    /// A whole number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(nextUInt64() % UInt64(range.count))
    }
}
