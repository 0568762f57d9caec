import Foundation

/// An exclusive `flock` on `<folder>/.rnnlessons.lock`, held while a run
/// changes what is in `folder`: two lessons, or two course regenerations,
/// writing into the same folder take turns instead of interleaving.
///
/// The lock file stays in the folder (git ignores it; see .gitignore) and
/// is never inside a lesson folder. When a whole course folder is swapped
/// (``CourseStaging``), the lock file under the path is replaced by the new
/// folder's; a waiter that obtained the lock on the old file notices that
/// the path no longer names the file it locked and tries again, so it never
/// works on a folder someone else is replacing.
public final class OutputLock {
    public static let fileName = ".rnnlessons.lock"

    public let folder: URL
    private var descriptor: Int32

    private init(folder: URL, descriptor: Int32) {
        self.folder = folder
        self.descriptor = descriptor
    }

    /// Takes the lock on `folder` (which must exist). While another run
    /// holds it, says so once through `waiting` and waits, polling, so that
    /// SIGINT/SIGTERM (``Interruption``) still stop the wait: it then throws
    /// ``Interrupted``.
    public static func acquire(_ folder: URL, waiting: (String) -> Void = { printError($0) }) throws -> OutputLock {
        let path = folder.appendingPathComponent(fileName).path
        var announced = false
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw LessonError.io("cannot write into \(folder.path): cannot open its lock file \(path): \(SystemCall.reason())")
            }
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                guard code == EWOULDBLOCK || code == EINTR else {
                    close(fd)
                    throw LessonError.io("cannot lock \(path): \(SystemCall.reason(code))")
                }
                if !announced {
                    waiting("waiting: another run is writing into \(folder.path) (it holds \(path))")
                    announced = true
                }
                if let signo = Interruption.pending {
                    close(fd)
                    throw Interrupted(signal: signo)
                }
                usleep(50_000)
            }
            // The lock is ours if the path still names the file we locked.
            var held = stat(), current = stat()
            if fstat(fd, &held) == 0, stat(path, &current) == 0,
               held.st_dev == current.st_dev, held.st_ino == current.st_ino {
                return OutputLock(folder: folder, descriptor: fd)
            }
            close(fd)
        }
    }

    /// Releases the lock (also done when the process exits or is killed).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
