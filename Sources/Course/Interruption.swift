#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The signal caught while output is being written, 0 if none. Written only
/// by `noteSignal` (a signal handler: it stores one integer, which is
/// async-signal-safe) and read between files by the writer.
nonisolated(unsafe) private var caughtSignal: Int32 = 0

/// SIGINT and SIGTERM while output is being written: instead of dying
/// midway, the writer notices the signal between two files, removes its
/// staging copy and exits with 128 + the signal number (130 for SIGINT,
/// 143 for SIGTERM), leaving the destination exactly as it was.
///
/// Outside a ``catching(_:)`` scope the default dispositions apply (a
/// lesson interrupted while it computes dies at once; it has written
/// nothing yet). SIGXFSZ is ignored inside the scope, so a file-size limit
/// (`ulimit -f`) makes `write` fail with EFBIG, reported as an error,
/// instead of killing the process with a half-built staging folder.
public enum Interruption {
    /// The signals that request a clean stop.
    static let stopSignals: [Int32] = [SIGINT, SIGTERM]

    /// Runs `body` with SIGINT and SIGTERM caught and SIGXFSZ ignored, then
    /// restores the previous dispositions. Scopes do not nest.
    public static func catching<T>(_ body: () throws -> T) rethrows -> T {
        caughtSignal = 0
        var previous: [(Int32, sigaction)] = []
        for signo in stopSignals + [SIGXFSZ] {
            var action = sigaction()
            setHandler(&action, signo == SIGXFSZ ? SIG_IGN : noteSignal)
            sigemptyset(&action.sa_mask)
            // No SA_RESTART: a blocking call returns EINTR and the caller
            // gets to look at `pending`.
            action.sa_flags = 0
            var old = sigaction()
            sigaction(signo, &action, &old)
            previous.append((signo, old))
        }
        // A parent may have started us with these signals blocked (a
        // runner whose threads block everything passes its mask on):
        // unblock them here, or a stop request would wait until exit.
        var stopSet = sigset_t(), previousMask = sigset_t()
        sigemptyset(&stopSet)
        for signo in stopSignals { sigaddset(&stopSet, signo) }
        pthread_sigmask(SIG_UNBLOCK, &stopSet, &previousMask)
        defer {
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
            for (signo, old) in previous {
                var old = old
                sigaction(signo, &old, nil)
            }
        }
        return try body()
    }

    /// The signal caught so far inside the current scope, if any.
    public static var pending: Int32? {
        let signo = caughtSignal
        return signo == 0 ? nil : signo
    }

    /// Throws ``Interrupted`` if a stop signal arrived.
    public static func check() throws {
        if let signo = pending { throw Interrupted(signal: signo) }
    }

    /// Prints why and exits with 128 + `signal` (the shell's convention).
    public static func exit(after signal: Int32, _ message: String) -> Never {
        printError(message)
        #if canImport(Glibc)
        Glibc.exit(128 + signal)
        #elseif canImport(Musl)
        Musl.exit(128 + signal)
        #else
        Darwin.exit(128 + signal)
        #endif
    }

    /// The name shown in messages: "SIGINT", "SIGTERM" or "signal N".
    public static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }

    private static func setHandler(_ action: inout sigaction, _ handler: (@convention(c) (Int32) -> Void)?) {
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = handler
        #else
        action.__sigaction_handler.sa_handler = handler
        #endif
    }
}

/// The handler: remembers the signal, nothing else.
private func noteSignal(_ signo: Int32) {
    caughtSignal = signo
}

/// A stop signal arrived while output was being written.
public struct Interrupted: Error {
    public var signal: Int32
    public init(signal: Int32) { self.signal = signal }
}
