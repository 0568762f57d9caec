import Foundation
import Testing
@testable import Course
import Tensor

/// The JSON writer: deterministic, ordered, valid JSON whose numbers read
/// back to the same bits.
@Suite struct JSONTests {
    @Test func floatsRoundTripBitForBit() throws {
        let floats: [Float] = [0, -0.0, 1, 0.1, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1.1754944e-38, -2.5e-7]
        let doubles: [Double] = [0.1, 1e-300, .leastNonzeroMagnitude, .pi, 4.07e17, -1e-48]
        let text = JSONValue.object([("f", .floats(floats)), ("d", .floats(doubles))]).serialized(indent: nil)
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [NSNumber]])
        #expect(parsed["f"]!.map { Float($0.stringValue)!.bitPattern } == floats.map(\.bitPattern))
        #expect(parsed["d"]!.map { Double($0.stringValue)!.bitPattern } == doubles.map(\.bitPattern))
    }

    @Test func nonFiniteNumbersBecomeStrings() {
        #expect(JSONValue.floats([Double.nan, .infinity, -.infinity]).serialized(indent: nil) == #"["NaN","Infinity","-Infinity"]"#)
    }

    @Test func keysKeepTheirOrderAndStringsAreEscaped() throws {
        let value = JSONValue.object([("z", .int(1)), ("a", .string("quote \" back\\slash\nline\u{1}")), ("m", .bool(true)), ("n", .null)])
        let text = value.serialized()
        #expect(text.firstRange(of: "\"z\"")!.lowerBound < text.firstRange(of: "\"a\"")!.lowerBound)
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["a"] as? String == "quote \" back\\slash\nline\u{1}")
        #expect(parsed["m"] as? Bool == true)
        #expect(parsed["n"] is NSNull)
    }

    @Test func matricesAreRowsOnOneLine() {
        let m = Matrix<Float>([[1, 2], [3, 4]])
        #expect(JSONValue.object([("M", .matrix(m))]).serialized() == "{\n  \"M\": [\n    [1.0, 2.0],\n    [3.0, 4.0]\n  ]\n}")
    }

    @Test func claimJSONHasTheContractKeysAndEveryLanguage() throws {
        var claim = Claim(id: "x", measured: 0.5, tolerance: 1)
        claim.statement = Localized([.en: "half", .zh: "一半"])
        let text = claim.json.serialized(indent: nil)
        #expect(text == #"{"id":"x","statement":"half","statement_zh":"一半","measured":0.5,"comparison":"<=","tolerance":1.0,"holds":true}"#)
    }
}
