import Foundation

/// TeX to HTML with KaTeX, run once per site build under Node.js, so the
/// pages need no JavaScript to show math (only KaTeX's CSS and fonts).
///
/// Debian's `katex` package puts the library in
/// `/usr/share/javascript/katex` (`katex.js`, `katex.min.css`, `fonts/`);
/// Debian's Node finds it as a module, other Node builds do not, so the
/// script loads it by path.
public struct KaTeX: Sendable {
    /// The folder with `katex.js`, `katex.min.css` and `fonts/`.
    public var directory: URL
    /// The `node` executable.
    public var node: URL

    public init(directory: URL, node: URL) {
        self.directory = directory
        self.node = node
    }

    /// Finds `node` on PATH and checks that KaTeX is in `directory`.
    public static func locate(directory: String) throws -> KaTeX {
        let dir = URL(fileURLWithPath: directory, isDirectory: true)
        for file in ["katex.js", "katex.min.css", "fonts"] where !FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path) {
            throw SiteError.math("KaTeX not found: \(dir.path)/\(file) is missing (make deps installs Debian's katex package; --katex DIR names another folder)")
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("node")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return KaTeX(directory: dir, node: candidate)
            }
        }
        throw SiteError.math("Node.js ('node') is not on PATH; KaTeX needs it to typeset the math (make deps installs it with katex)")
    }

    /// Typesets every span; identical formulas are typeset once. Throws,
    /// naming the formula, if KaTeX rejects one.
    public func render(_ spans: [MathSpans.Span]) throws -> [String] {
        var unique: [MathSpans.Span] = []
        var index: [MathSpans.Span: Int] = [:]
        for s in spans where index[s] == nil { index[s] = unique.count; unique.append(s) }
        if unique.isEmpty { return [] }

        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("course-site-math-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: input) }
        let request = unique.map { ["tex": $0.tex, "display": $0.display] as [String: Any] }
        try JSONSerialization.data(withJSONObject: request).write(to: input)

        guard let script = Bundle.module.url(forResource: "katex-render", withExtension: "js", subdirectory: "Assets") else {
            throw SiteError.io("the site's katex-render.js is missing from the course-site resources")
        }
        let process = Process()
        process.executableURL = node
        process.arguments = [script.path, directory.appendingPathComponent("katex.js").path, input.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let answers = try JSONSerialization.jsonObject(with: data) as? [[String: String]],
              answers.count == unique.count else {
            throw SiteError.math("KaTeX (node \(script.lastPathComponent)) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        var html: [String] = []
        for (span, answer) in zip(unique, answers) {
            if let h = answer["html"] { html.append(h); continue }
            throw SiteError.math("KaTeX cannot typeset \(span.display ? "$$" : "$")\(span.tex)\(span.display ? "$$" : "$"): \(answer["error"] ?? "unknown error")")
        }
        return spans.map { html[index[$0]!] }
    }
}

