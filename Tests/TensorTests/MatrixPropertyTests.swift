import PropertyBased
import Testing
import TestSupport
@testable import Tensor

/// Properties of the core operations on random shapes and values, run for
/// Float and Double on cases drawn from a fixed seed (see
/// ``seededPropertyCheck(count:input:perform:)``, deterministic in CI). Each
/// tolerance is the rounding bound γ_K of the sums involved, scaled by the
/// sum of magnitudes (Higham §3.1), so the checks fail on a real bug but
/// never on honest rounding.
@Suite struct MatrixPropertyTests {
    static let dims = Gen.int(in: 1...9)
    static let seeds = Gen.uint64()

    static func random<T: TensorScalar>(_ r: Int, _ c: Int, _ g: inout TestNormals) -> Matrix<T> {
        Matrix<T>.randn(r, c, using: &g)
    }


    func checkAssociativity<T: TensorScalar>(_: T.Type, m: Int, k: Int, n: Int, p: Int, seed: UInt64) {
        var g = TestNormals(seed: seed)
        let a: Matrix<T> = Self.random(m, k, &g), b: Matrix<T> = Self.random(k, n, &g), c: Matrix<T> = Self.random(n, p, &g)
        let left = a.matmul(b).matmul(c), right = a.matmul(b.matmul(c))
        // Each side is within (γ_k + γ_n + γ_kγ_n)·(|A||B||C|)_ij of the
        // exact product; the difference within twice that.
        let bound = a.magnitudes().matmul(b.magnitudes()).matmul(c.magnitudes())
        let g2 = gamma(k, T.self) + gamma(n, T.self) + gamma(k, T.self) * gamma(n, T.self)
        for idx in left.scalars.indices {
            let diff = abs(Double(left.scalars[idx]) - Double(right.scalars[idx]))
            #expect(diff <= 2 * g2 * bound.scalars[idx] + Double(T.leastNormalMagnitude),
                    "(AB)C vs A(BC) at \(idx): \(diff)")
        }
    }

    @Test func matmulIsAssociative() {
        seededPropertyCheck(count: 60, input: zip(Self.dims, Self.dims, Self.dims, Self.dims, Self.seeds)) { m, k, n, p, s in
            checkAssociativity(Float.self, m: m, k: k, n: n, p: p, seed: s)
            checkAssociativity(Double.self, m: m, k: k, n: n, p: p, seed: s)
        }
    }

    func checkDistributivity<T: TensorScalar>(_: T.Type, m: Int, k: Int, n: Int, seed: UInt64) {
        var g = TestNormals(seed: seed)
        let a: Matrix<T> = Self.random(m, k, &g), b: Matrix<T> = Self.random(k, n, &g), c: Matrix<T> = Self.random(k, n, &g)
        let left = a.matmul(b + c), right = a.matmul(b) + a.matmul(c)
        let bound = a.magnitudes().matmul(b.magnitudes() + c.magnitudes())
        let tol = 2 * gamma(k + 2, T.self)
        for idx in left.scalars.indices {
            let diff = abs(Double(left.scalars[idx]) - Double(right.scalars[idx]))
            #expect(diff <= tol * bound.scalars[idx] + Double(T.leastNormalMagnitude))
        }
    }

    @Test func matmulDistributesOverAddition() {
        seededPropertyCheck(count: 60, input: zip(Self.dims, Self.dims, Self.dims, Self.seeds)) { m, k, n, s in
            checkDistributivity(Float.self, m: m, k: k, n: n, seed: s)
            checkDistributivity(Double.self, m: m, k: k, n: n, seed: s)
        }
    }

    @Test func catThenSplitIsIdentity() {
        seededPropertyCheck(count: 80, input: zip(Self.dims, Self.dims, Self.dims, Self.seeds)) { r, c1, c2, s in
            var g = TestNormals(seed: s)
            let a: Matrix<Float> = Self.random(r, c1, &g), b: Matrix<Float> = Self.random(r, c2, &g)
            #expect(Matrix.cat([a, b], dim: 1).split([c1, c2], dim: 1) == [a, b])
            let at = a.transposed, bt = b.transposed   // (c1, r), (c2, r)
            #expect(Matrix.cat([at, bt], dim: 0).split([c1, c2], dim: 0) == [at, bt])
        }
    }

    @Test func softmaxRowsSumToOneAndIgnoreShifts() {
        seededPropertyCheck(count: 80, input: zip(Self.dims, Self.dims, Gen.double(in: -1000...1000), Self.seeds)) { r, c, shift, s in
            var g = TestNormals(seed: s)
            let logits: Matrix<Double> = Self.random(r, c, &g).map { 10 * $0 }
            let p = logits.softmaxRows()
            for i in 0..<r {
                let row = p.row(i).scalars
                // A sum of c terms each rounded once: within γ_{2c} of 1.
                #expect(abs(row.reduce(0, +) - 1) <= gamma(2 * c, Double.self))
                #expect(row.allSatisfy { $0 >= 0 && $0 <= 1 })
            }
            // Adding a constant to a row does not change its softmax. The
            // shift itself is rounded: |o + s| ≤ 1100, so each logit moves by
            // at most 1100·u ≈ 1.2e−13, and exp's relative change is that.
            let shifted = logits.map { $0 + shift }.softmaxRows()
            #expect(maxRelativeDifference(p.scalars, shifted.scalars, floor: 1e-300) <= 1e-11)
            #expect(p.argmaxRows() == logits.argmaxRows())
        }
    }

    /// Each derivative against a central finite difference in Double:
    /// error O(h²)·|φ‴| + O(u/h)·|φ|; with h = 1e−5 both terms are ≤ 1e−9.
    @Test(arguments: Activation.allCases)
    func derivativeMatchesFiniteDifference(_ phi: Activation) {
        seededPropertyCheck(count: 200, input: Gen.double(in: -6...6)) { z in
            guard phi != .relu || abs(z) > 1e-3 else { return }   // ReLU has a kink at 0
            let h = 1e-5
            let fd = (phi.apply(z + h) - phi.apply(z - h)) / (2 * h)
            #expect(abs(phi.derivative(at: z) - fd) <= 1e-9, "\(phi) at \(z)")
        }
    }
}
