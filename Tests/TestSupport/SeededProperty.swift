import Foundation
import PropertyBased

/// Property checks that draw their cases from a fixed seed, so a test run is
/// deterministic (the same cases in CI as on a laptop, and a failure
/// reproduces by running the test again). `propertyCheck` of PropertyBased
/// draws a fresh random seed on every run; this one does not.
///
/// The seed is ``defaultPropertySeed`` unless the environment variable
/// `RNNLESSONS_PROPERTY_SEED` holds another whole number (to explore more
/// cases by hand); the seed in use is printed then.
///
/// - Parameters:
///   - count: how many cases to draw and check.
///   - input: the generator of one case (combine several with `zip`).
///   - body: the property, with its own `#expect`s.
public func seededPropertyCheck<Value>(
    count: Int, input: Generator<Value, some Sequence>, perform body: (Value) throws -> Void
) rethrows {
    var rng = Xoshiro(seed: propertySeedState(propertySeed()))
    for _ in 0..<count {
        try body(input.run(using: &rng))
    }
}

/// The seed of ``seededPropertyCheck(count:input:perform:)`` when the
/// environment does not name one.
public let defaultPropertySeed: UInt64 = 20_251_202

func propertySeed() -> UInt64 {
    guard let text = ProcessInfo.processInfo.environment["RNNLESSONS_PROPERTY_SEED"] else { return defaultPropertySeed }
    guard let seed = UInt64(text) else {
        preconditionFailure("RNNLESSONS_PROPERTY_SEED=\(text): need a whole number from 0 to \(UInt64.max)")
    }
    FileHandle.standardError.write(Data("property checks use RNNLESSONS_PROPERTY_SEED=\(seed)\n".utf8))
    return seed
}

/// Xoshiro's four words of state from one seed, by SplitMix64 (an all-zero
/// state would stay zero forever).
func propertySeedState(_ seed: UInt64) -> (UInt64, UInt64, UInt64, UInt64) {
    var s = seed
    func next() -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    return (next(), next(), next(), next())
}
