import Foundation

/// The lessons as the fault tests drive them.
enum CourseLessons {
    /// Executable → output folder name.
    static let folders: [String: String] = [
        "mlp": "01-mlp", "hidden-state": "02-hidden-state", "concat": "03-concat",
        "sharing": "04-parameter-sharing", "gradients": "05-gradients",
    ]
    /// The lessons that run in well under a second even in a debug build.
    static let fast = ["mlp", "hidden-state", "concat", "sharing"]
    static let all = fast + ["gradients"]

    /// Runs `lesson` with `seed` into `dir` and returns its folder, which
    /// must have been written (a failure here is a broken fixture).
    @discardableResult
    static func cleanRun(_ lesson: Executable, seed: UInt64, into dir: URL,
                         environment: [String: String] = [:]) throws -> URL {
        let result = try lesson.run(["--seed", String(seed), "--output-dir", dir.path, "--quiet"], environment: environment)
        guard result.exitCode == 0 else {
            throw FixtureError("\(lesson.name) --seed \(seed) --output-dir \(dir.path): \(result)")
        }
        return dir.appendingPathComponent(folders[lesson.name]!)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
