import Dispatch
import Foundation

/// Measurements that run on a second core while the caller goes on: the
/// lesson trains epoch e + 1 while the network of epoch e is scored.
///
/// Each call of ``measure(_:at:)`` hands one value (a copy of the network)
/// to a serial background queue, which applies `measurement` to it and
/// stores the result in slot `index`; ``results()`` waits for all of them.
/// A measurement reads only its own copy and writes only its own slot, so
/// the results are the same numbers, bit for bit, as calling `measurement`
/// on each value in turn on the caller's thread — the schedule changes when
/// they are computed, never what.
final class BackgroundMeasurements<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let measurement: @Sendable (Input) -> Output
    private let queue = DispatchQueue(label: "char-model.measurements")
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var slots: [Output?]                // guarded by `lock`

    /// Room for `count` results, slots 0 ..< count.
    init(count: Int, _ measurement: @escaping @Sendable (Input) -> Output) {
        self.measurement = measurement
        slots = Array(repeating: nil, count: count)
    }

    /// Starts measuring `input` in the background; its result goes to slot `index`.
    func measure(_ input: Input, at index: Int) {
        queue.async(group: group) {
            let output = self.measurement(input)
            self.lock.lock()
            self.slots[index] = output
            self.lock.unlock()
        }
    }

    /// Every slot's result, in slot order, once all measurements are done.
    /// Each slot must have been given a measurement.
    func results() -> [Output] {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return slots.enumerated().map { index, output in
            guard let output else { preconditionFailure("BackgroundMeasurements: slot \(index) was never measured") }
            return output
        }
    }
}
