import CCairo
import Foundation
import Testing

/// `make check-output` (course-output check): exact for text, pixel-wise
/// for PNGs with the golden tolerance (≤ 0.5 % of pixels off by > 8/255),
/// byte-exact for everything under --strict; it lists what differs.
@Suite(.serialized) struct CheckOutputTests {
    static let lessons = ["mlp", "concat"]
    static let png = "01-mlp/figures/probabilities.png"

    /// `course-output check` (regenerates, then compares) when `fresh` is
    /// nil, else `course-output compare output fresh`.
    static func check(_ output: URL, against fresh: URL? = nil, strict: Bool = false) throws -> (Finished, String) {
        let tool = Executable.fastest("course-output")
        let process = Process()
        process.executableURL = tool.url
        let flags = strict ? ["--strict"] : []
        process.arguments = fresh.map { ["compare", output.path, $0.path] + flags }
            ?? ["check", "--output", output.path] + flags + lessons
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (Finished(signaled: process.terminationReason == .uncaughtSignal, status: process.terminationStatus, stderr: stderr), stdout)
    }

    /// Re-encodes the PNG at `path` after adding `delta` to the red channel
    /// of `count` pixels spread over the image (white stays white only if
    /// delta is negative; opaque figures keep alpha 255).
    static func perturb(_ path: String, pixels count: Int, delta: Int) throws {
        let surface = cairo_image_surface_create_from_png(path)
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            throw FixtureError("cannot read \(path)")
        }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let step = max(1, width * height / max(count, 1))
        for k in 0..<count {
            let index = (k * step) % (width * height)
            let word = UnsafeMutableRawPointer(data + (index / width) * stride).assumingMemoryBound(to: UInt32.self) + index % width
            let red = Int((word.pointee >> 16) & 0xFF)
            let changed = UInt32(min(255, max(0, red + delta)))
            word.pointee = (word.pointee & 0xFF00_FFFF) | (changed << 16)
        }
        cairo_surface_mark_dirty(surface)
        guard cairo_surface_write_to_png(surface, path) == CAIRO_STATUS_SUCCESS else { throw FixtureError("cannot write \(path)") }
    }

    @Test func verdicts() throws {
        let scratch = try Scratch()
        let output = scratch.path("Output")
        _ = try CourseRunTests.course(output, seed: 0, lessons: Self.lessons)
        // End to end once: regenerate into a temporary folder and compare.
        let (same, sameReport) = try Self.check(output, strict: true)
        #expect(same.exitCode == 0, "\(same) \(sameReport)")
        #expect(sameReport.contains("matches a fresh run"))
        // The verdicts, against a copy of the same run.
        let fresh = scratch.path("Fresh")
        try FileManager.default.copyItem(at: output, to: fresh)

        // Within tolerance: 0.1 % of the pixels moved by 40 levels.
        let pngPath = output.appendingPathComponent(Self.png).path
        let original = try Data(contentsOf: URL(fileURLWithPath: pngPath))
        let image = cairo_image_surface_create_from_png(pngPath)
        let total = Int(cairo_image_surface_get_width(image)) * Int(cairo_image_surface_get_height(image))
        cairo_surface_destroy(image)
        try Self.perturb(pngPath, pixels: total / 1000, delta: -40)
        let (tolerant, tolerantReport) = try Self.check(output, against: fresh)
        #expect(tolerant.exitCode == 0, "\(tolerant) \(tolerantReport)")
        #expect(tolerantReport.contains("within tolerance") && tolerantReport.contains(Self.png), "\(tolerantReport)")
        let (strict, strictReport) = try Self.check(output, against: fresh, strict: true)
        #expect(strict.exitCode == 1, "\(strict) \(strictReport)")
        #expect(strictReport.contains(Self.png), "\(strictReport)")

        // Beyond it: 2 % of the pixels.
        try original.write(to: URL(fileURLWithPath: pngPath))
        try Self.perturb(pngPath, pixels: total / 50, delta: -40)
        let (beyond, beyondReport) = try Self.check(output, against: fresh)
        #expect(beyond.exitCode == 1, "\(beyond) \(beyondReport)")
        #expect(beyondReport.contains("differ from a fresh run") && beyondReport.contains(Self.png), "\(beyondReport)")

        // Text is exact: one changed byte, a missing file, an extra file.
        try original.write(to: URL(fileURLWithPath: pngPath))
        let readme = output.appendingPathComponent("03-concat/README.md")
        var text = try Data(contentsOf: readme)
        text[text.count / 2] ^= 0x01
        try text.write(to: readme)
        try FileManager.default.removeItem(at: output.appendingPathComponent("01-mlp/claims.json"))
        try Data("stray".utf8).write(to: output.appendingPathComponent("03-concat/notes.md"))
        let (text1, textReport) = try Self.check(output, against: fresh)
        #expect(text1.exitCode == 1)
        #expect(textReport.contains("03-concat/README.md"), "\(textReport)")
        #expect(textReport.contains("01-mlp/claims.json"), "\(textReport)")
        #expect(textReport.contains("03-concat/notes.md"), "\(textReport)")
    }
}
