import ArgumentParser
import Tensor

/// Range checks for a lesson's options, one helper for every lesson: the
/// help text states the range (ArgumentParser adds the default), and
/// `validate()` rejects a value outside it with a message that names the
/// option, the value and the range (exit 64).
public enum OptionRange {
    /// "Hidden units, h: 1 to 1024." — the help of a size option.
    public static func help(_ text: String, _ range: ClosedRange<Int>, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp("\(text): \(range.lowerBound) to \(range.upperBound).", valueName: valueName)
    }

    /// "Clipping threshold θ: 1e-06 to 1e+06." — the help of a real option.
    public static func help(_ text: String, _ range: ClosedRange<Double>, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp("\(text): \(NumberText.short(range.lowerBound)) to \(NumberText.short(range.upperBound)).", valueName: valueName)
    }

    /// Throws unless `range` holds `value`.
    public static func check(_ option: String, _ value: Int, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(value)'.")
        }
    }

    /// Throws unless `range` holds `value` (NaN never is).
    public static func check(_ option: String, _ value: Double, _ range: ClosedRange<Double>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be a number from \(NumberText.short(range.lowerBound)) to \(NumberText.short(range.upperBound)); got '\(NumberText.short(value))'.")
        }
    }

    /// Throws unless every value is in `range` and there are 1 to `maxCount`.
    public static func check(_ option: String, _ values: [Double], _ range: ClosedRange<Double>, maxCount: Int) throws {
        guard (1...maxCount).contains(values.count) else {
            throw ValidationError("\(option) takes 1 to \(maxCount) comma-separated numbers; got \(values.count).")
        }
        for value in values { try check(option, value, range) }
    }
}

/// A comma-separated list of numbers as one option value: `--rhos 0.5,1,2`.
public struct NumberList: ExpressibleByArgument, ExpressibleByArrayLiteral, Sendable, Equatable, CustomStringConvertible {
    public var values: [Double]

    public init(_ values: [Double]) { self.values = values }
    public init(arrayLiteral values: Double...) { self.values = values }

    public init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, values.count == parts.count else { return nil }
        self.values = values
    }

    public var description: String { values.map { NumberText.short($0) }.joined(separator: ",") }
    public var defaultValueDescription: String { description }
}

/// φ as an option, the same for every lesson: `--activation tanh` (any case).
extension Activation: ExpressibleByArgument {
    public init?(argument: String) {
        guard let phi = Activation.allCases.first(where: { $0.rawValue == argument.lowercased() }) else { return nil }
        self = phi
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
