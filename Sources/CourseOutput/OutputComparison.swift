import Course
import Foundation

/// The verdict of comparing the committed output folder with a fresh
/// regeneration, file by file.
///
/// Every file must exist on both sides. PNGs are compared pixel by pixel
/// with the golden-image tolerance (Tests/PlotTests/GoldenTests.swift: at
/// most 0.5 % of the pixels may differ by more than 8/255 in a channel —
/// what another Cairo/FreeType version does to antialiased edges, far less
/// than a moved label or another colour); every other file (Markdown, JSON,
/// SVG) byte for byte. The lock file and leftovers of killed runs are not
/// course content and are skipped.
struct OutputComparison {
    static let pixelThreshold = 8
    static let maximumFraction = 0.005

    var compared = 0
    var missing: [String] = []       // committed, but no longer generated
    var unexpected: [String] = []    // generated, but not committed
    var differing: [String] = []     // beyond any tolerance
    /// PNGs with other bytes but pixels within tolerance, with the fraction.
    var withinTolerance: [(path: String, fraction: Double)] = []

    static func compare(committed: String, fresh: String) throws -> OutputComparison {
        guard FileManager.default.fileExists(atPath: committed) else {
            throw CourseFailure("\(committed) does not exist; run make lessons first")
        }
        let old = try files(under: committed), new = try files(under: fresh)
        var result = OutputComparison()
        result.missing = old.subtracting(new).sorted()
        result.unexpected = new.subtracting(old).sorted()
        for path in old.intersection(new).sorted() {
            result.compared += 1
            let a = committed + "/" + path, b = fresh + "/" + path
            guard let bytesA = FileManager.default.contents(atPath: a),
                  let bytesB = FileManager.default.contents(atPath: b) else {
                throw CourseFailure("cannot read \(a) or \(b)")
            }
            if bytesA == bytesB { continue }
            guard path.hasSuffix(".png") else {
                result.differing.append(path)
                continue
            }
            let fraction = try PNGPixels(file: a).fractionDiffering(from: PNGPixels(file: b), threshold: pixelThreshold)
            if fraction <= maximumFraction {
                result.withinTolerance.append((path, fraction))
            } else {
                result.differing.append(path + String(format: " (%.2f %% of pixels differ)", fraction * 100))
            }
        }
        return result
    }

    func passes(strict: Bool) -> Bool {
        missing.isEmpty && unexpected.isEmpty && differing.isEmpty && (!strict || withinTolerance.isEmpty)
    }

    func report(strict: Bool, committed: String) -> String {
        var lines: [String] = []
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("\(title) (\(items.count)):")
            lines += items.map { "  \($0)" }
        }
        section("differ from a fresh run", differing)
        section("in \(committed)/ but no longer generated", missing)
        section("generated but not in \(committed)/", unexpected)
        section(strict ? "PNG bytes differ (pixels within tolerance, but --strict wants identical bytes)"
                       : "PNG bytes differ, pixels within tolerance (accepted)",
                withinTolerance.map { $0.path + String(format: " (%.3f %% of pixels differ)", $0.fraction * 100) })
        lines.append(passes(strict: strict)
            ? "\(committed)/ matches a fresh run (\(compared) files compared\(strict ? ", strict" : "")). OK"
            : "\(committed)/ does NOT match a fresh run; run make lessons and commit the result if the change is intended.")
        return lines.joined(separator: "\n")
    }

    /// Paths of the regular files under `root`, relative to it, without
    /// the lock file and without our hidden leftovers.
    static func files(under root: String) throws -> Set<String> {
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw CourseFailure("cannot list \(root)")
        }
        var out: Set<String> = []
        while let path = walker.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name == OutputLock.fileName { continue }
            if StagingName.parse(name) != nil {
                walker.skipDescendants()
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.insert(path)
            }
        }
        return out
    }
}
