import Foundation
import Testing
@testable import Tensor

/// One case of `Tests/Fixtures/torch_print.json`: a tensor written by
/// PyTorch (bit patterns of its elements) and the exact `repr` it printed.
struct TorchPrintCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let dtype: String
    let shape: [Int]
    /// IEEE-754 bit patterns, big-endian hex: 8 digits for float32, 16 for float64.
    let bits: [String]
    let repr: String

    var testDescription: String { name }

    var torchDType: TorchDType { TorchDType(rawValue: dtype)! }

    /// The elements as Python sees them: float32 widened exactly to Double.
    var values: [Double] {
        bits.map { hex in
            switch hex.count {
            case 8: Double(Float(bitPattern: UInt32(hex, radix: 16)!))
            case 16: Double(bitPattern: UInt64(hex, radix: 16)!)
            default: Double.nan
            }
        }
    }

    /// The fixture, found from this file: up to `Tests`, then `Fixtures/`.
    static func loadAll(filePath: String = #filePath) throws -> [TorchPrintCase] {
        let tests = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // TensorTests
            .deletingLastPathComponent()  // Tests
        let url = tests.appendingPathComponent("Fixtures/torch_print.json")
        struct File: Decodable { let cases: [TorchPrintCase] }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

/// Exact text comparison: students diff our output against a notebook, so
/// there is no tolerance here — every character must match PyTorch 2.x.
@Suite struct TorchPrintTests {
    @Test func fixtureIsComplete() throws {
        let cases = try TorchPrintCase.loadAll()
        #expect(cases.count >= 19)
        for c in cases {
            #expect(c.bits.allSatisfy { $0.count == (c.dtype == "float64" ? 16 : 8) }, "\(c.name)")
            #expect(c.bits.count == c.shape.reduce(1, *), "\(c.name)")
        }
    }

    @Test(arguments: try TorchPrintCase.loadAll())
    func reproducesFixture(_ c: TorchPrintCase) {
        let text = TorchPrint.repr(values: c.values, shape: c.shape, dtype: c.torchDType)
        #expect(text == c.repr)
    }

    /// The 2-D cases again, through `Matrix.description` of the matching scalar type.
    @Test(arguments: try TorchPrintCase.loadAll().filter { $0.shape.count == 2 })
    func matrixDescriptionMatchesFixture(_ c: TorchPrintCase) {
        let (rows, cols) = (c.shape[0], c.shape[1])
        switch c.torchDType {
        case .float32:
            let m = Matrix<Float>(rows: rows, cols: cols, scalars: c.values.map { Float($0) })
            #expect(m.description == c.repr)
            #expect("\(m)" == c.repr)
        case .float64:
            let m = Matrix<Double>(rows: rows, cols: cols, scalars: c.values)
            #expect(m.description == c.repr)
        }
    }

    /// The 3-D case, as the stack of its (2, 3) slices.
    @Test func stackMatchesThreeDimensionalFixture() throws {
        let c = try #require(try TorchPrintCase.loadAll().first { $0.name == "three_d" })
        #expect(c.shape == [2, 2, 3])
        let slices = (0..<2).map { t in  // each (2, 3)
            Matrix<Float>(rows: 2, cols: 3, scalars: c.values[(t * 6)..<((t + 1) * 6)].map { Float($0) })
        }
        #expect(Matrix.repr(stack: slices) == c.repr)
    }

    // MARK: - Hand cases, derived from the rules of torch/_tensor_str.py

    @Test func columnWithMixedWidthsRightAligns() {
        let m = Matrix<Float>([[1.5], [-10.25], [100.125]])  // (3, 1)
        #expect(m.description == """
            tensor([[  1.5000],
                    [-10.2500],
                    [100.1250]])
            """)
    }

    @Test func integralValuesAndZeros() {
        #expect(TorchPrint.repr(values: [1, 2, 3], shape: [3]) == "tensor([1., 2., 3.])")
        // No nonzero finite value: integer notation of width 1.
        #expect(TorchPrint.repr(values: [0, 0, 0], shape: [3]) == "tensor([0., 0., 0.])")
        #expect(TorchPrint.repr(values: [.nan, .infinity], shape: [2]) == "tensor([nan, inf])")
        // The sign bit of a NaN is not printed (Python writes `nan`).
        #expect(TorchPrint.repr(values: [-.nan, 0.5], shape: [2]) == "tensor([   nan, 0.5000])")
    }

    @Test func zeroDimensionalAndEmpty() {
        #expect(TorchPrint.repr(values: [3.5], shape: []) == "tensor(3.5000)")
        #expect(TorchPrint.repr(values: [], shape: [0]) == "tensor([])")
        #expect(TorchPrint.repr(values: [], shape: [0, 3]) == "tensor([], size=(0, 3))")
        #expect(TorchPrint.repr(values: [], shape: [0], dtype: .float64) == "tensor([], dtype=torch.float64)")
    }

    @Test func roundingIsCorrectAndTiesGoToEven() {
        // 0.03125 = 2⁻⁵ is exactly halfway between 0.0312 and 0.0313.
        #expect(TorchPrint.repr(values: [0.03125, 0.5], shape: [2]) == "tensor([0.0312, 0.5000])")
        #expect(cFormat(0.125, "%.2f") == "0.12")
        #expect(cFormat(2.5, "%.0f") == "2")
        #expect(cFormat(-0.0, "%.0f") == "-0")
        #expect(cFormat(1e100, "%.4e") == "1.0000e+100")
    }

    /// `torch.arange(1001.)`: 1000 / 1 is not > 1000, so integer notation;
    /// `torch.arange(2000.)` is, so scientific — and the `...` counts as an
    /// item when a line is filled (6 per line at width 10).
    @Test func summarisedVector() {
        let small = (0...1000).map(Double.init)
        #expect(TorchPrint.repr(values: small, shape: [1001])
            == "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])")
        let large = (0..<2000).map(Double.init)
        #expect(TorchPrint.repr(values: large, shape: [2000]) == """
            tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,
                    1.9990e+03])
            """)
    }

    /// PyTorch summarises a tensor with *more than* 1000 elements
    /// (`numel() > threshold`): exactly 1000 prints every element, 1001 does
    /// not. `torch.arange(1000.)` ends `997., 998., 999.])` with no `...`.
    @Test func summaryThresholdIsMoreThanOneThousand() {
        let exactly = TorchPrint.repr(values: (0..<1000).map(Double.init), shape: [1000])
        #expect(!exactly.contains("..."))
        #expect(exactly.hasPrefix("tensor([  0.,   1.,   2.,   3.,") && exactly.hasSuffix("997., 998., 999.])"))
        #expect(exactly.components(separatedBy: ".,").count == 1000)         // 999 separators + the tail
        let oneMore = TorchPrint.repr(values: (0..<1001).map(Double.init), shape: [1001])
        #expect(oneMore.contains("..."))
        // The same threshold for a matrix: (10, 100) prints in full, (7, 143) = 1001 is summarised.
        #expect(!Matrix<Float>(repeating: 0.5, rows: 10, cols: 100).description.contains("..."))
        #expect(Matrix<Float>(repeating: 0.5, rows: 7, cols: 143).description.contains("..."))
    }

    /// A full last line pushes the dtype suffix onto a line of its own.
    @Test func dtypeSuffixWrapsWhenTheLineIsFull() {
        let row = [Double](repeating: -1.25, count: 8)  // 8 per line at width 7
        #expect(TorchPrint.repr(values: row, shape: [8], dtype: .float64) == """
            tensor([-1.2500, -1.2500, -1.2500, -1.2500, -1.2500, -1.2500, -1.2500, -1.2500],
                   dtype=torch.float64)
            """)
        #expect(Matrix<Double>([[0.5, 1]]).description == "tensor([[0.5000, 1.0000]], dtype=torch.float64)")
    }

    /// A summarised 3-D tensor: `...` between slices keeps the blank lines.
    @Test func summarisedThreeDimensional() {
        let slices = (0..<8).map { t in Matrix<Float>(repeating: Float(t) + 0.5, rows: 2, cols: 70) }
        let text = Matrix.repr(stack: slices)  // (8, 2, 70): 1120 elements > 1000
        let row = { (v: String) in "[" + [v, v, v, " ...", v, v, v].joined(separator: ", ") + "]" }
        let slice = { (v: String) in "[" + row(v) + ",\n         " + row(v) + "]" }
        let expected = "tensor(["
            + ["0.5000", "1.5000", "2.5000"].map(slice).joined(separator: ",\n\n        ")
            + ",\n\n        ...,\n\n        "
            + ["5.5000", "6.5000", "7.5000"].map(slice).joined(separator: ",\n\n        ")
            + "])"
        #expect(text == expected)
    }
}
