import PropertyBased
import Testing
import TestSupport
import Tensor

/// Every product kernel, on both instruction-set paths, against the one plain reference,
/// `Matrix.referenceAddProduct` (C + A·B by the definition, one entry at a
/// time). Kernel and reference add each entry's terms one at a time in
/// ascending order of the summed index (vectorising over columns and taking
/// four terms per pass reorders no single entry's sum), so they must agree
/// bit for bit: tolerance 0.
@Suite struct ProductKernelTests {
    /// Shapes (m, k, n) that reach every path: the four-term pass and its
    /// remainder of addProduct (k = 1…9), the four-row pass and its remainder
    /// of addTransposedProduct (m = 4, 5, 7, 8: a batch of 4 or more, and
    /// not a multiple of 4), empty inner dimensions, long rows.
    static let shapes = [
        (1, 1, 1), (3, 4, 5), (7, 2, 9), (16, 16, 16), (5, 33, 3), (4, 3, 6), (5, 5, 2),
        (7, 7, 7), (8, 6, 3), (9, 8, 1), (2, 0, 3), (1, 70, 65),
    ]

    static func kernelsMatchReference<S: TensorScalar>(_: S.Type) {
        var g = TestNormals(seed: 21)
        for (m, k, n) in shapes {
            let a = Matrix<S>.randn(m, k, using: &g)                    // (m, k)
            let b = Matrix<S>.randn(k, n, using: &g)                    // (k, n)
            let c = Matrix<S>.randn(m, n, using: &g)                    // (m, n)
            var sum = c
            sum.addProduct(a, b)
            #expect(sum == Matrix<S>.referenceAddProduct(c, a, b), "C += A·B \(a.shape) × \(b.shape)")
            #expect(a.matmul(b) == a.referenceMatmul(b), "A·B \(a.shape) × \(b.shape)")

            let at = Matrix<S>.randn(m, k, using: &g)                   // (m, k)
            let bt = Matrix<S>.randn(m, n, using: &g)                   // (m, n)
            let ct = Matrix<S>.randn(k, n, using: &g)                   // (k, n)
            var sumT = ct
            sumT.addTransposedProduct(at, bt)
            #expect(sumT == Matrix<S>.referenceAddProduct(ct, at.transposed, bt), "C += Aᵀ·B \(at.shape)ᵀ × \(bt.shape)")
            #expect(at.transposedMatmul(bt) == at.transposed.matmul(bt))
        }
    }

    /// Both instruction-set paths of the C kernels (AVX2 is tested where the
    /// processor has it; elsewhere `force` falls back to baseline and the
    /// test says so).
    @Test(.serialized, arguments: ProductKernelPath.allCases)
    func kernelsMatchReference(path: ProductKernelPath) {
        let used = ProductKernelPath.force(path)
        defer { ProductKernelPath.force(nil) }
        if used != path { print("ProductKernelTests: \(path) is not available here; tested \(used)") }
        Self.kernelsMatchReference(Float.self)
        Self.kernelsMatchReference(Double.self)
        // Sizes past one block of the blocking (256 terms, 64/128 rows, 512/1024 columns).
        var g = TestNormals(seed: 99)
        for (m, k, n) in [(131, 300, 20), (9, 520, 1030), (70, 257, 515)] {
            let a = Matrix<Double>.randn(m, k, using: &g), b = Matrix<Double>.randn(k, n, using: &g)
            let c = Matrix<Double>.randn(m, n, using: &g)
            var sum = c
            sum.addProduct(a, b)
            #expect(sum == Matrix.referenceAddProduct(c, a, b), "\(path) double (\(m), \(k)) × (\(k), \(n))")
            let af = a.converted(to: Float.self), bf = b.converted(to: Float.self)
            #expect(af.matmul(bf) == af.referenceMatmul(bf), "\(path) float (\(m), \(k)) × (\(k), \(n))")
        }
    }

    /// Two accumulations in a row are the running sum of both products, in
    /// order: C + A₁B₁ + A₂B₂ entry by entry, not C + (A₁B₁ + A₂B₂).
    @Test func accumulationKeepsTheRunningSum() {
        var g = TestNormals(seed: 5)
        let (a1, b1) = (Matrix<Float>.randn(5, 6, using: &g), Matrix<Float>.randn(6, 7, using: &g))
        let (a2, b2) = (Matrix<Float>.randn(5, 3, using: &g), Matrix<Float>.randn(3, 7, using: &g))
        var c = Matrix<Float>.randn(5, 7, using: &g)
        let expected = Matrix.referenceAddProduct(Matrix.referenceAddProduct(c, a1, b1), a2, b2)
        c.addProduct(a1, b1)
        c.addProduct(a2, b2)
        #expect(c == expected)
    }

    /// Aᵀ·B by hand for batches of 4, 5, 7 and 8 rows (the four-row pass,
    /// and it plus a remainder): rows of A are (i, 2i) and rows of B are
    /// (1, i), so (AᵀB) = [[Σi, Σi²], [2Σi, 2Σi²]] over i = 1…m.
    @Test(arguments: [4, 5, 7, 8])
    func transposedProductHandWorked(batch m: Int) {
        let a = Matrix<Double>((1...m).map { i -> [Double] in [Double(i), Double(2 * i)] })   // (m, 2)
        let b = Matrix<Double>((1...m).map { i -> [Double] in [1, Double(i)] })               // (m, 2)
        let s1 = Double(m * (m + 1) / 2)
        let s2 = Double(m * (m + 1) * (2 * m + 1) / 6)
        #expect(a.transposedMatmul(b) == Matrix([[s1, s2], [2 * s1, 2 * s2]]))
        // Distinct entries in every row and column, so a row read twice or
        // skipped, or two rows swapped, changes the result.
        var x = Matrix<Double>.zeros(m, 3), y = Matrix<Double>.zeros(m, 2)     // (m, 3), (m, 2)
        for i in 0..<m {
            for j in 0..<3 { x[i, j] = Double(1 << (3 * i + j)) }
            y[i, 0] = Double(i + 1)
            y[i, 1] = Double(100 * (i + 1))
        }
        #expect(x.transposedMatmul(y) == Matrix.referenceAddProduct(.zeros(3, 2), x.transposed, y))
    }

    @Test func transposedMatmulHandWorked() {
        let a = Matrix<Float>([[1, 2], [3, 4], [5, 6]])                 // (3, 2)
        let b = Matrix<Float>([[1, 0], [0, 1], [1, 1]])                 // (3, 2)
        // Aᵀ·B: row 0 = 1·(1,0) + 3·(0,1) + 5·(1,1) = (6, 8); row 1 = (8, 10).
        #expect(a.transposedMatmul(b) == Matrix([[6, 8], [8, 10]]))
    }

    /// C += 1ᵀA: the column sums added to a row, in ascending row order.
    @Test func columnSumsAccumulate() {
        var c = Matrix<Float>([[100, 200]])
        c.addColumnSums(Matrix([[1, 2], [3, 4], [5, 6]]))
        #expect(c == Matrix([[109, 212]]))
        #expect(Matrix<Float>([[1, 2], [3, 4], [5, 6]]).columnSums() == Matrix([[9, 12]]))
    }

    /// Random shapes up to 40 (every remainder of both passes many times).
    @Test func kernelsMatchReferenceOnRandomShapes() {
        let dims = Gen.int(in: 1...40)
        seededPropertyCheck(count: 60, input: zip(dims, dims, dims, Gen.uint64())) { m, k, n, s in
            var g = TestNormals(seed: s)
            let a = Matrix<Float>.randn(m, k, using: &g), b = Matrix<Float>.randn(k, n, using: &g)
            #expect(a.matmul(b) == a.referenceMatmul(b))
            let bt = Matrix<Float>.randn(m, n, using: &g)
            #expect(a.transposedMatmul(bt) == a.transposed.referenceMatmul(bt))
        }
    }
}
