import Dispatch
import Foundation

/// `count` independent jobs on all cores: each worker makes its own state
/// once (a workspace, say) and takes the next job not yet taken until none
/// is left, so the cores finish together even when jobs differ in length.
/// Each result goes into its own slot, so the array is the same as a loop on
/// one thread. Lesson 05 and the benchmark's sweep run their work through it.
public func parallelMap<State, T>(_ count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                  state makeState: () -> State, _ job: (Int, State) -> T) -> [T] {
    let workers = max(1, min(count, workers))
    var slots = [T?](repeating: nil, count: count)
    slots.withUnsafeMutableBufferPointer { out in
        nonisolated(unsafe) let out = out
        withoutActuallyEscaping(makeState) { makeState in
            withoutActuallyEscaping(job) { job in
                nonisolated(unsafe) let (makeState, job) = (makeState, job)
                let queue = JobCounter(count)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    let state = makeState()
                    while let i = queue.next() { out[i] = job(i, state) }
                }
            }
        }
    }
    return slots.map { $0! }
}

/// Hands out the job indices 0, 1, …, count − 1 once each, to any thread.
final class JobCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let count: Int

    init(_ count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
    }
}
