import Tensor

/// A JSON value with ordered object keys, written deterministically.
///
/// Numbers are kept as text produced by Swift's shortest round-trip
/// formatting (`Float.description`, `Double.description`), so a Float read
/// back as float32 — or a Double as float64 — is the same value bit for bit.
/// Non-finite numbers, which JSON cannot express, are written as the strings
/// "NaN", "Infinity" and "-Infinity".
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    public static func float<T: BinaryFloatingPoint & LosslessStringConvertible>(_ x: T) -> JSONValue {
        if x.isNaN { return .string("NaN") }
        if x.isInfinite { return .string(x < 0 ? "-Infinity" : "Infinity") }
        return .number(x.description)
    }

    public static func int<T: BinaryInteger>(_ x: T) -> JSONValue { .number(String(x)) }

    /// A matrix as row-major nested arrays.
    public static func matrix<T: TensorScalar>(_ m: Matrix<T>) -> JSONValue {
        .array(m.nested.map { row in .array(row.map { .float($0) }) })
    }

    public static func floats<T: BinaryFloatingPoint & LosslessStringConvertible>(_ xs: [T]) -> JSONValue {
        .array(xs.map { .float($0) })
    }

    /// Compact when `indent` is nil, otherwise pretty-printed with that many
    /// spaces per level. Arrays of numbers stay on one line, so matrices read
    /// as rows.
    public func serialized(indent: Int? = 2) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(into out: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            let flat = indent == nil || items.allSatisfy(\.isScalar)
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += flat ? (indent == nil ? "," : ", ") : "," }
                if !flat { Self.newline(&out, indent, level + 1) }
                item.write(into: &out, indent: indent, level: level + 1)
            }
            if !flat && !items.isEmpty { Self.newline(&out, indent, level) }
            out += "]"
        case .object(let members):
            out += "{"
            for (k, (key, value)) in members.enumerated() {
                if k > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                Self.writeString(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(into: &out, indent: indent, level: level + 1)
            }
            if !members.isEmpty { Self.newline(&out, indent, level) }
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int?, _ level: Int) {
        guard let indent else { return }
        out += "\n" + String(repeating: " ", count: indent * level)
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension Claim {
    /// `{"id", "statement", "measured", "tolerance", "holds"}` as in DESIGN.md,
    /// plus the comparison and the statement in the other languages
    /// (`statement_zh`, …).
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(id)), ("statement", .string(statement[.en]))]
        for language in Language.allCases where language != .en {
            members.append(("statement_\(language.rawValue)", .string(statement[language])))
        }
        members += [
            ("measured", .float(measured)),
            ("comparison", .string(comparison.rawValue)),
            ("tolerance", .float(tolerance)),
            ("holds", .bool(holds)),
        ]
        return .object(members)
    }
}
