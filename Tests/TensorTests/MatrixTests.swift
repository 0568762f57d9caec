import PropertyBased
import Testing
import TestSupport
@testable import Tensor

/// Hand-worked cases for the core operations.
@Suite struct MatrixTests {
    @Test func matmulHandWorked() {
        let a = Matrix<Float>([[1, 2, 3], [4, 5, 6]])         // (2, 3)
        let b = Matrix<Float>([[7, 8], [9, 10], [11, 12]])    // (3, 2)
        // 1·7 + 2·9 + 3·11 = 58, 1·8 + 2·10 + 3·12 = 64, …
        #expect(a.matmul(b) == Matrix([[58, 64], [139, 154]]))
        #expect(a.referenceMatmul(b) == Matrix([[58, 64], [139, 154]]))
    }

    @Test func transposeAndIdentity() {
        let a = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(a.transposed.transposed == a)
        #expect(a.matmul(.identity(3)) == a)
        #expect(Matrix<Double>.identity(2).matmul(a) == a)
    }

    @Test func elementwiseAndBroadcast() {
        let a = Matrix<Float>([[1, 2], [3, 4]])
        let b = Matrix<Float>([[10, 20], [30, 40]])
        #expect(a + b == Matrix([[11, 22], [33, 44]]))
        #expect(b - a == Matrix([[9, 18], [27, 36]]))
        #expect(a .* b == Matrix([[10, 40], [90, 160]]))
        #expect(2 * a == Matrix([[2, 4], [6, 8]]))
        #expect(-a == Matrix([[-1, -2], [-3, -4]]))
        // The book's bias add: a (1, 2) row added to every row.
        let row = Matrix<Float>([[100, 200]])
        #expect(a.addingRow(row) == Matrix([[101, 202], [103, 204]]))
        #expect(a.columnSums() == Matrix([[4, 6]]))
        #expect(a.sum() == 10)
    }

    @Test func catHandWorked() {
        let x = Matrix<Float>([[1], [2], [3]])                 // (3, 1)
        let h = Matrix<Float>([[4, 5], [6, 7], [8, 9]])        // (3, 2)
        #expect(Matrix.cat([x, h], dim: 1) == Matrix([[1, 4, 5], [2, 6, 7], [3, 8, 9]]))
        #expect(Matrix.cat([h, h], dim: 0).shape == Shape(6, 2))
        #expect(Matrix.cat([h, h], dim: 0).row(4) == Matrix([[6, 7]]))
    }

    /// Parts of equal widths and heights, so the shape alone cannot tell
    /// the dimensions apart: only the values can. dim 0 stacks rows, dim 1
    /// puts rows side by side (torch.cat).
    @Test func catDimensionWithEqualParts() {
        let a = Matrix<Float>([[1, 2], [3, 4]])                // (2, 2)
        let b = Matrix<Float>([[5, 6], [7, 8]])                // (2, 2)
        #expect(Matrix.cat([a, b], dim: 0) == Matrix([[1, 2], [3, 4], [5, 6], [7, 8]]))   // (4, 2)
        #expect(Matrix.cat([a, b], dim: 1) == Matrix([[1, 2, 5, 6], [3, 4, 7, 8]]))       // (2, 4)
        let c = Matrix<Float>([[9, 10], [11, 12]])             // (2, 2)
        #expect(Matrix.cat([a, b, c], dim: 1) == Matrix([[1, 2, 5, 6, 9, 10], [3, 4, 7, 8, 11, 12]]))
        #expect(Matrix.cat([a, b, c], dim: 0).split([2, 2, 2], dim: 0) == [a, b, c])
        #expect(Matrix.cat([a, b, c], dim: 1).split([2, 2, 2], dim: 1) == [a, b, c])
    }

    @Test func shapeErrorsNameBothShapes() {
        let message = ShapeError.matmul(Shape(3, 5), Shape(4, 4))?.description ?? ""
        #expect(message.contains("(3, 5)") && message.contains("(4, 4)"))
        let add = ShapeError.elementwise("add", Shape(2, 3), Shape(3, 2))?.description ?? ""
        #expect(add.contains("(2, 3)") && add.contains("(3, 2)"))
        let bias = ShapeError.rowBroadcast(Shape(3, 4), Shape(1, 5))?.description ?? ""
        #expect(bias.contains("(3, 4)") && bias.contains("(1, 5)"))
        let cat = ShapeError.cat(dim: 1, [Shape(3, 1), Shape(2, 4)])?.description ?? ""
        #expect(cat.contains("(3, 1)") && cat.contains("(2, 4)"))
        #expect(ShapeError.matmul(Shape(3, 5), Shape(5, 4)) == nil)
        #expect(ShapeError.cat(dim: 0, [Shape(1, 4), Shape(4, 4)]) == nil)
    }

    @Test func normsAndDifferences() {
        let a = Matrix<Float>([[3, 4]])
        #expect(a.frobeniusNorm() == 5)
        #expect(a.maxAbs() == 4)
        #expect(a.maxAbsDifference(Matrix([[3, 4.5]])) == 0.5)
        // Entries whose squares underflow Float and even Double still give
        // the right norm, because the sum is scaled first.
        let tiny = Matrix<Double>([[3e-200, 4e-200]])
        #expect(abs(tiny.frobeniusNorm() / 5e-200 - 1) < 1e-15)
        let huge = Matrix<Float>([[3e30, 4e30]])
        #expect(abs(huge.frobeniusNorm() / 5e30 - 1) < 1e-7)
        #expect(Matrix<Float>.zeros(2, 2).frobeniusNorm() == 0)
        #expect(Matrix<Float>([[.nan, 1]]).frobeniusNorm().isNaN)
        #expect(Matrix<Float>([[.infinity, 1]]).frobeniusNorm() == .infinity)
    }

    @Test func softmaxHandWorked() {
        // softmax(0, ln 3) = (1/4, 3/4).
        let p = Matrix<Double>([[0, Double.log(3)]]).softmaxRows()
        #expect(abs(p[0, 0] - 0.25) < 1e-15 && abs(p[0, 1] - 0.75) < 1e-15)
        // Logits of ±1000 overflow a naive exp; the shifted form does not.
        let extreme = Matrix<Float>([[1000, -1000, 0], [-1000, -1000, -1000]]).softmaxRows()
        #expect(extreme.scalars.allSatisfy { $0.isFinite })
        #expect(extreme[0, 0] == 1 && extreme[0, 1] == 0)
        #expect(abs(extreme[1, 0] - 1.0 / 3) < 1e-7)
        #expect(extreme.argmaxRows() == [0, 0])
    }

    @Test func activationsHandWorked() {
        #expect(Activation.relu.apply(Float(-2)) == 0 && Activation.relu.apply(Float(3)) == 3)
        #expect(Activation.sigmoid.apply(0.0) == 0.5)
        #expect(Activation.tanh.apply(0.0) == 0)
        #expect(Activation.identity.apply(Float(-1.5)) == -1.5)
        // Sigmoid is finite and in [0, 1] at extreme inputs.
        #expect(Activation.sigmoid.apply(Float(-1000)) == 0 && Activation.sigmoid.apply(Float(1000)) == 1)
        #expect(Activation.sigmoid.derivativeBound == 0.25 && Activation.tanh.derivativeBound == 1)
    }

    /// ReLU′ at exactly z = 0 is 0 (PyTorch's choice: the gradient of
    /// `relu` passes only where z > 0), for a scalar and for a matrix, and
    /// whatever the sign of the zero.
    @Test func reluDerivativeAtZeroIsZero() {
        #expect(Activation.relu.derivative(at: Float(0)) == 0)
        #expect(Activation.relu.derivative(at: -0.0) == 0)
        #expect(Activation.relu.derivative(output: 0.0, input: 0.0) == 0)
        #expect(Activation.relu.derivative(at: Float.leastNonzeroMagnitude) == 1)
        let z = Matrix<Double>([[-1, 0, 2], [0, -0.0, 0.5]])
        #expect(Activation.relu.derivative(output: z.applying(.relu), input: z) == Matrix([[0, 0, 1], [0, 0, 1]]))
    }

    /// The matrix form of φ′ is the scalar one entry by entry.
    @Test(arguments: Activation.allCases)
    func matrixDerivativeIsScalarDerivative(phi: Activation) {
        let z = Matrix<Double>([[-2, -0.5, 0], [0.25, 1, 3]])
        let d = phi.derivative(output: z.applying(phi), input: z)
        for i in 0..<2 {
            for j in 0..<3 { #expect(d[i, j] == phi.derivative(at: z[i, j]), "\(phi) at \(z[i, j])") }
        }
    }
}
