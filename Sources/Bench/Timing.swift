import Foundation

/// Wall-clock timings of one workload repeated: the minimum and the median
/// (the median is what the JSON reports; the minimum shows the noise floor).
struct Timing {
    var seconds: [Double]

    var min: Double { seconds.min() ?? .nan }
    var median: Double {
        let s = seconds.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Runs `body` `repeats` times after one untimed warm-up run.
    static func measure(repeats: Int, warmUp: Bool = true, _ body: () -> Void) -> Timing {
        if warmUp { body() }
        let clock = ContinuousClock()
        let seconds = (0..<repeats).map { _ in
            let elapsed = clock.measure { body() }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        return Timing(seconds: seconds)
    }
}
