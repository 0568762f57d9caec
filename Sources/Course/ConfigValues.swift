import ArgumentParser
import Tensor

/// A value that can stand in a lesson's JSON `config` block.
public protocol JSONConvertible {
    var json: JSONValue { get }
}

extension Int: JSONConvertible { public var json: JSONValue { .int(self) } }
extension Double: JSONConvertible { public var json: JSONValue { .float(self) } }
extension Bool: JSONConvertible { public var json: JSONValue { .bool(self) } }
extension String: JSONConvertible { public var json: JSONValue { .string(self) } }
extension Array: JSONConvertible where Element: JSONConvertible { public var json: JSONValue { .array(map(\.json)) } }
extension NumberList: JSONConvertible { public var json: JSONValue { .floats(values) } }
extension Activation: JSONConvertible { public var json: JSONValue { .string(rawValue) } }
extension Option: JSONConvertible where Value: JSONConvertible { public var json: JSONValue { wrappedValue.json } }
extension Flag: JSONConvertible where Value: JSONConvertible { public var json: JSONValue { wrappedValue.json } }

/// The settings of a parsed `Config`, read from its declarations: each
/// `@Option`, `@Flag` or plain stored property, in declaration order, keyed
/// by its name in snake case. They make the JSON `config` block and the
/// terminal header, so a lesson declares an option once.
public enum ConfigValues {
    public static func entries(_ config: Any) -> [(key: String, value: JSONValue)] {
        Mirror(reflecting: config).children.compactMap { child in
            guard var label = child.label, let value = child.value as? any JSONConvertible else { return nil }
            if label.hasPrefix("_") { label.removeFirst() }
            return (snakeCase(label), value.json)
        }
    }

    /// `learningRate` → `learning_rate`.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase, !out.isEmpty { out += "_" }
            out += character.lowercased()
        }
        return out
    }

    /// `batch = 3 · hiddens = 4`: the entries as the terminal header shows them.
    public static func summary(_ config: Any) -> String {
        entries(config).map { "\($0.key) = \(text($0.value))" }.joined(separator: " · ")
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .array(let items): return items.map(text).joined(separator: ",")
        default: return value.serialized(indent: nil)
        }
    }
}
