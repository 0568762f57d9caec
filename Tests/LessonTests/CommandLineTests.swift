import Foundation
import Testing
import TestSupport

/// The command line every lesson shares, checked for all of them: help, bad
/// arguments, the output folder, `--json`, and reports that come out the
/// same twice.
@Suite struct CommandLineTests {
    @Test(arguments: LessonCase.all)
    func helpListsEveryOptionWithItsRangeAndDefault(lesson: LessonCase) throws {
        let run = try LessonProcess.run(lesson.executable, ["--help"])
        #expect(run.status == 0)
        for option in LessonCase.common + lesson.options {
            #expect(run.stdout.contains(option), "\(lesson.executable) --help lacks \(option)")
        }
        #expect(run.stdout.contains("(default: "))
        #expect(run.stdout.contains("torch.manual_seed"))
    }

    @Test(arguments: LessonCase.all)
    func badArgumentsExit64NamingOptionValueAndRange(lesson: LessonCase) throws {
        let cases = lesson.badArguments + LessonCase.commonBadArguments.filter {
            !$0.0.contains("--batch") || lesson.options.contains("--batch")
        }
        for (arguments, message) in cases {
            let run = try LessonProcess.run(lesson.executable, arguments)
            #expect(run.status == 64, "\(lesson.executable) \(arguments): status \(run.status)")
            #expect(run.stderr.contains(message), "\(lesson.executable) \(arguments): stderr was \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    /// `--activation` takes any case in every lesson that has it.
    @Test(arguments: LessonCase.all.filter { $0.options.contains("--activation") })
    func activationIsCaseInsensitive(lesson: LessonCase) throws {
        let run = try lesson.run(["--activation", "TANH", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((doc["config"] as? [String: Any])?["activation"] as? String == "tanh")
    }

    @Test(arguments: LessonCase.all)
    func outputDirThatIsAFileFailsWithoutWriting(lesson: LessonCase) throws {
        let folder = try LessonProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("not-a-folder")
        try Data("keep me".utf8).write(to: file)
        let run = try LessonProcess.run(lesson.executable, ["--output-dir", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--output-dir") && run.stderr.contains("is a file"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["not-a-folder"])
        // A path below a file can never be created, even as root.
        let below = try LessonProcess.run(lesson.executable, ["--output-dir", file.appendingPathComponent("sub").path])
        #expect(below.status == 1)
        #expect(below.stderr.contains("cannot be created"))
    }

    /// `--json` is one document with the contract's keys, its `config` block
    /// holds every option the lesson declares, and it is the same twice.
    @Test(arguments: LessonCase.all)
    func jsonIsOneDeterministicDocument(lesson: LessonCase) throws {
        let first = try lesson.run(["--json", "--seed", "5"])
        #expect(first.status == 0, "\(first.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(Set(doc.keys) == ["lesson", "seed", "config", "inputs", "results", "claims"])
        #expect(doc["lesson"] as? String == lesson.executable)
        #expect(doc["seed"] as? Int == 5)
        let config = try #require(doc["config"] as? [String: Any])
        for option in lesson.options {
            let key = String(option.dropFirst(2)).replacingOccurrences(of: "-", with: "_")
            #expect(config[key] != nil || config.keys.contains { $0.hasPrefix(key) }, "config lacks \(key): \(config.keys)")
        }
        let claims = try #require(doc["claims"] as? [[String: Any]])
        #expect(!claims.isEmpty)
        #expect(claims.allSatisfy { Set($0.keys).isSuperset(of: ["id", "statement", "measured", "tolerance", "holds"]) })
        #expect(claims.allSatisfy { $0["holds"] as? Bool == true })
        let second = try lesson.run(["--json", "--seed", "5"])
        #expect(second.stdout == first.stdout)
    }

    /// The terminal shows the header, the lesson's text and the claims.
    @Test(arguments: LessonCase.all)
    func terminalTextHasHeaderAndClaims(lesson: LessonCase) throws {
        let run = try lesson.run(["--seed", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        let number = lesson.folder.prefix(2)
        #expect(run.stdout.hasPrefix("Lesson \(number) · \(lesson.executable) — "))
        #expect(run.stdout.contains("\nseed 3 · "))
        #expect(run.stdout.contains("Claims:\n  ✓ "))
        #expect(!run.stdout.contains("✗"))
        #expect(run.stderr.isEmpty, "a pipe gets no progress line: \(run.stderr)")
        let quiet = try lesson.run(["--seed", "3", "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
    }

    /// A report written twice is byte-identical, in every language, with no
    /// template tag left and no temporary file.
    @Test(arguments: LessonCase.all)
    func reportIsDeterministic(lesson: LessonCase) throws {
        let folder = try LessonProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a", "b"] {
            let run = try lesson.run(["--seed", "2", "--quiet", "--output-dir", folder.appendingPathComponent(name).path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let a = folder.appendingPathComponent("a/\(lesson.folder)")
        let files = try #require(FileManager.default.enumerator(atPath: a.path)?.allObjects as? [String])
        #expect(Set(files).isSuperset(of: ["README.md", "README.zh.md", "claims.json"]))
        // Every figure in English has its Chinese twin, and the other way round.
        let english = Set(files.filter { $0.hasPrefix("figures/") && !$0.hasPrefix("figures/zh") }.map { String($0.dropFirst("figures/".count)) })
        let chinese = Set(files.filter { $0.hasPrefix("figures/zh/") }.map { String($0.dropFirst("figures/zh/".count)) })
        #expect(english.subtracting(["zh"]) == chinese, "\(lesson.executable): figures without a twin")
        var isFolder: ObjCBool = false
        for file in files where FileManager.default.fileExists(atPath: a.appendingPathComponent(file).path, isDirectory: &isFolder) && !isFolder.boolValue {
            let x = try Data(contentsOf: a.appendingPathComponent(file))
            let y = try Data(contentsOf: folder.appendingPathComponent("b/\(lesson.folder)/\(file)"))
            #expect(x == y, "\(file) differs between two runs")
            #expect(!file.split(separator: "/").last!.hasPrefix("."), "stray file \(file)")
        }
        for report in ["README.md", "README.zh.md"] {
            let text = try String(contentsOf: a.appendingPathComponent(report), encoding: .utf8)
            #expect(!text.contains("{{"), "\(report) has a template tag left")
            #expect(text.contains("| ✓ |"))
            #expect(text.contains("--seed 2"))
        }
    }
}
