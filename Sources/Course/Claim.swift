/// A numeric statement a lesson makes, checked against a tolerance.
///
/// A claim is never asserted by hand: `holds` is computed from the measured
/// value, the tolerance and the comparison. Every claim appears in the
/// terminal output, the JSON document, the report's table and the tests.
public struct Claim: Sendable, Equatable {
    /// How `measured` is compared with `tolerance`.
    public enum Comparison: String, Sendable {
        /// measured ≤ tolerance (an error or a difference that must be small).
        case atMost = "<="
        /// measured ≥ tolerance (a quantity that must be large).
        case atLeast = ">="
        /// measured == tolerance exactly (counts, shapes).
        case equal = "=="
    }

    /// A short stable identifier, e.g. `products-agree`.
    public var id: String
    public var statement: Bilingual
    public var measured: Double
    public var tolerance: Double
    public var comparison: Comparison
    /// How the tolerance was chosen, for the report (one short sentence).
    public var toleranceNote: Bilingual?
    /// What `measured` counts, when it is not self-evident (e.g. "failed
    /// checks" for a claim made of several yes/no checks).
    public var unit: Bilingual?

    public init(id: String, statement: Bilingual, measured: Double, comparison: Comparison = .atMost,
                tolerance: Double, toleranceNote: Bilingual? = nil) {
        self.id = id
        self.statement = statement
        self.measured = measured
        self.tolerance = tolerance
        self.comparison = comparison
        self.toleranceNote = toleranceNote
        self.unit = nil
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
    public static func allTrue(id: String, statement: Bilingual, _ checks: [Bool]) -> Claim {
        var claim = Claim(id: id, statement: statement, measured: Double(checks.filter { !$0 }.count),
                          comparison: .equal, tolerance: 0)
        claim.unit = Bilingual(en: "failed checks (of \(checks.count))", zh: "项检查不成立（共 \(checks.count) 项）")
        return claim
    }

    /// The measured value with its unit, for tables and the terminal.
    public func measuredText(_ language: Language) -> String {
        let value = NumberText.short(measured)
        guard let unit else { return value }
        return "\(value) \(unit[language])"
    }

    /// A claim that two integers are equal (a count, a dimension).
    public static func equal(id: String, statement: Bilingual, _ measured: Int, _ expected: Int) -> Claim {
        Claim(id: id, statement: statement, measured: Double(measured), comparison: .equal, tolerance: Double(expected))
    }
}
