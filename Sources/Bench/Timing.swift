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

    /// What a timing reads: the wall clock, or the CPU time of this process
    /// (user + system, all threads) — steadier than the wall clock on a
    /// machine that other work shares, and equal to it for one busy thread.
    enum Clock: String { case wall, cpu }

    /// Runs `body` `repeats` times after one untimed warm-up run.
    static func measure(repeats: Int, warmUp: Bool = true, clock: Clock = .wall, _ body: () -> Void) -> Timing {
        if warmUp { body() }
        let seconds = (0..<repeats).map { _ in
            let start = now(clock)
            body()
            return now(clock) - start
        }
        return Timing(seconds: seconds)
    }

    static func now(_ clock: Clock) -> Double {
        var t = timespec()
        clock_gettime(clock == .wall ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
