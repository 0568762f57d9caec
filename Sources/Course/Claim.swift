/// A numeric statement a lesson makes, checked against a tolerance.
///
/// A claim is never asserted by hand: `holds` is computed from the measured
/// value, the tolerance and the comparison. A lesson's claims file builds
/// claims from numbers alone; their words come from the lesson's string
/// tables (`claim.<id>` for the statement, `claim.<id>.why` for how the
/// tolerance was chosen), filled in with `arguments` by ``resolved(_:course:)``.
/// Every claim appears in the terminal output, the JSON document, the
/// report's table and the tests.
public struct Claim: Sendable, Equatable {
    /// How `measured` is compared with `tolerance`.
    public enum Comparison: String, Sendable {
        /// measured ≤ tolerance (an error or a difference that must be small).
        case atMost = "<="
        /// measured ≥ tolerance (a quantity that must be large).
        case atLeast = ">="
        /// measured == tolerance exactly (counts, shapes).
        case equal = "=="

        /// ≤, ≥ or =, for tables and terminal output.
        public var symbol: String {
            switch self {
            case .atMost: return "≤"
            case .atLeast: return "≥"
            case .equal: return "="
            }
        }
    }

    /// A short stable identifier, e.g. `products-agree`.
    public var id: String
    public var measured: Double
    public var tolerance: Double
    public var comparison: Comparison
    /// The string-table entry of the statement; `claim.<id>` unless a lesson
    /// words the same claim differently for different runs.
    public var textKey: String
    /// The values the statement and the tolerance note mention.
    public var arguments: [String: String]
    /// For a claim made of yes/no checks: how many checks there were (the
    /// measured value counts the failures).
    public var checkCount: Int?

    /// The statement, the tolerance note and the unit of `measured`, in
    /// every language: empty until ``resolved(_:course:)``.
    public var statement = Localized([:])
    public var toleranceNote: Localized?
    public var unit: Localized?

    public init(id: String, measured: Double, comparison: Comparison = .atMost, tolerance: Double,
                text textKey: String? = nil, arguments: [String: String] = [:]) {
        self.id = id
        self.measured = measured
        self.tolerance = tolerance
        self.comparison = comparison
        self.textKey = textKey ?? "claim.\(id)"
        self.arguments = arguments
    }

    /// Whether the claim holds. NaN never holds.
    public var holds: Bool {
        guard !measured.isNaN, !tolerance.isNaN else { return false }
        switch comparison {
        case .atMost: return measured <= tolerance
        case .atLeast: return measured >= tolerance
        case .equal: return measured == tolerance
        }
    }

    /// A claim that a list of booleans is all true, measured as the number
    /// of failures (which must be 0).
    public static func allTrue(id: String, text textKey: String? = nil, arguments: [String: String] = [:],
                               _ checks: [Bool]) -> Claim {
        var claim = Claim(id: id, measured: Double(checks.filter { !$0 }.count), comparison: .equal,
                          tolerance: 0, text: textKey, arguments: arguments)
        claim.checkCount = checks.count
        return claim
    }

    /// A claim that two integers are equal (a count, a dimension).
    public static func equal(id: String, text textKey: String? = nil, arguments: [String: String] = [:],
                             _ measured: Int, _ expected: Int) -> Claim {
        Claim(id: id, measured: Double(measured), comparison: .equal, tolerance: Double(expected),
              text: textKey, arguments: arguments)
    }

    /// The claim with its words filled in from the lesson's tables (the
    /// statement, the tolerance note and the unit of the measured value when
    /// the table has them: `<key>.why`, `<key>.unit`) and the course's (the
    /// unit of a yes/no claim).
    public func resolved(_ strings: StringTables, course: StringTables) throws -> Claim {
        var claim = self
        claim.statement = try strings.text(textKey, arguments)
        let why = "\(textKey).why", unit = "\(textKey).unit"
        claim.toleranceNote = strings.has(why) ? try strings.text(why, arguments) : nil
        if strings.has(unit) {
            claim.unit = try strings.text(unit, arguments)
        } else if let checkCount {
            claim.unit = try course.text("unit.failed-checks", ["count": String(checkCount)])
        }
        return claim
    }

    /// The measured value with its unit, for tables and the terminal.
    public func measuredText(_ language: Language) -> String {
        let value = NumberText.short(measured)
        guard let unit else { return value }
        return "\(value) \(unit[language])"
    }
}
