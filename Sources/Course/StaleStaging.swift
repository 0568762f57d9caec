import Foundation

/// The hidden names the output writer gives to work in progress, so that a
/// later run can tell its own leftovers from anything else in the folder.
///
/// `.<target>.staging-<pid>-<8 hex>`: a folder (or file) being built for
/// `<target>`, or — after an atomic exchange — the old copy being removed.
/// `.<target>.previous-<pid>-<8 hex>`: the old folder moved aside by the
/// rename-aside fallback, restored if `<target>` is missing.
public enum StagingName {
    public enum Kind: String, Sendable { case staging, previous }

    /// A fresh name for work on `target` by this process.
    public static func make(for target: String, kind: Kind) -> String {
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let padded = String(repeating: "0", count: 8 - random.count) + random
        return ".\(target).\(kind.rawValue)-\(getpid())-\(padded)"
    }

    /// The target and kind encoded in `name`, or nil if it is not ours.
    public static func parse(_ name: String) -> (target: String, kind: Kind)? {
        guard name.hasPrefix(".") else { return nil }
        let parts = name.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last else { return nil }
        let target = parts.dropLast().joined(separator: ".")
        let fields = last.split(separator: "-", omittingEmptySubsequences: false)
        guard !target.isEmpty, fields.count == 3,
              let kind = Kind(rawValue: String(fields[0])),
              !fields[1].isEmpty, fields[1].allSatisfy(\.isASCII), fields[1].allSatisfy(\.isNumber),
              fields[2].count == 8, fields[2].allSatisfy(\.isHexDigit) else { return nil }
        return (target, kind)
    }

    /// `.tmp-<pid>-<name>`: what the earlier per-file writer left behind
    /// when it was killed. Removed like stale staging.
    static func isLegacyTemporary(_ name: String) -> Bool {
        guard name.hasPrefix(".tmp-") else { return false }
        let rest = name.dropFirst(5)
        guard let dash = rest.firstIndex(of: "-"), dash > rest.startIndex else { return false }
        return rest[..<dash].allSatisfy { $0.isASCII && $0.isNumber } && rest.index(after: dash) < rest.endIndex
    }
}

/// Leftovers of killed runs: found by name (``StagingName``) and owner (the
/// current user), and only ever cleaned while the folder's ``OutputLock``
/// is held, so that no live run's staging can be mistaken for one.
public enum StaleStaging {
    /// What one clean-up did, for messages and tests.
    public struct Report: Equatable, Sendable {
        public var removed: [String] = []
        public var restored: [String] = []
    }

    /// If `target` is missing from `folder` and a copy of it that the
    /// rename-aside fallback moved aside is there (ours), puts it back.
    /// Safe without the lock: it only ever fills a missing name. The course
    /// tool calls it before creating a missing `Output/` — creating it
    /// first would make the aside copy look like garbage.
    @discardableResult
    public static func restoreIfMissing(_ target: String, in folder: URL) -> Bool {
        let path = folder.appendingPathComponent(target).path
        guard SystemCall.linkStatus(path) == nil,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        for name in names.sorted() {
            guard let parsed = StagingName.parse(name), parsed.kind == .previous, parsed.target == target,
                  let info = SystemCall.linkStatus(folder.appendingPathComponent(name).path),
                  info.st_uid == geteuid() else { continue }
            if rename(folder.appendingPathComponent(name).path, path) == 0 { return true }
        }
        return false
    }

    /// Restores folders the rename-aside fallback left aside (when their
    /// target is missing), then removes every other leftover of ours in
    /// `folder`. Entries of other users, and names that are not ours, are
    /// never touched. With `target`, only leftovers for that one name are
    /// considered (the course tool cleans the folder *around* `Output/`,
    /// which is the user's, with `target: "Output"`). Failures to remove
    /// are reported as warnings: they do not stop the run.
    @discardableResult
    public static func clean(in folder: URL, target: String? = nil) -> Report {
        var report = Report()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return report }
        let uid = geteuid()
        let ours = names.sorted().filter { name in
            let recognised = target.map { StagingName.parse(name)?.target == $0 }
                ?? (StagingName.parse(name) != nil || StagingName.isLegacyTemporary(name))
            guard recognised,
                  let info = SystemCall.linkStatus(folder.appendingPathComponent(name).path) else { return false }
            return info.st_uid == uid
        }
        // Restore first: a target missing with a previous copy beside it is
        // the one window of the fallback in which a run was killed.
        for name in ours {
            guard let parsed = StagingName.parse(name), parsed.kind == .previous else { continue }
            let target = folder.appendingPathComponent(parsed.target).path
            if SystemCall.linkStatus(target) == nil,
               rename(folder.appendingPathComponent(name).path, target) == 0 {
                report.restored.append(parsed.target)
            }
        }
        for name in ours {
            let url = folder.appendingPathComponent(name)
            guard SystemCall.linkStatus(url.path) != nil else { continue }   // restored above
            do {
                try FileManager.default.removeItem(at: url)
                report.removed.append(name)
            } catch {
                printError("warning: could not remove the leftover \(url.path): \(SystemCall.describe(error))")
            }
        }
        return report
    }
}
