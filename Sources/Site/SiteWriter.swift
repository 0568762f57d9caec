import Foundation

/// Writes a whole folder at once: the files go to a fresh sibling folder,
/// which then takes the old folder's place, so a failed build leaves the
/// previous site untouched and never a half-written one.
enum SiteWriter {
    static func replace(_ folder: URL, with files: [String: Data]) throws {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(pid)", isDirectory: true)
        let old = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(pid)", isDirectory: true)
        try? fm.removeItem(at: staging)
        do {
            for path in files.keys.sorted() {
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files[path]!.write(to: url)
            }
            if fm.fileExists(atPath: folder.path) { try fm.moveItem(at: folder, to: old) }
            do { try fm.moveItem(at: staging, to: folder) } catch {
                if fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: folder) }
                throw error
            }
            try? fm.removeItem(at: old)
        } catch {
            try? fm.removeItem(at: staging)
            throw SiteError.io("cannot write \(folder.path): \(error.localizedDescription)")
        }
    }
}
