import Foundation
import Tensor

// `bench`: the course's self-timed benchmark (issue 12). Built in release
// and run by `make bench`; `--json` prints one JSON object
//   {"sweep": {"float64": {"threads_1": s, "threads_all": s}, "float32": {…}},
//    "matmul": {"float32": {"16": gflops, …}, "float64": {…}},
//    "lessons": {"mlp": s, …}}
// with median seconds (GFLOP/s for matmul). Not a test: nothing here asserts
// a time.

struct Options {
    var json = false
    var repeats = 5
    var workloads: Set<String> = ["sweep", "matmul", "lessons"]
    var kernel: ProductKernelPath?
    var clock = Timing.Clock.wall

    static let usage = """
        USAGE: bench [--json] [--repeats N] [--only sweep,matmul,lessons] [--kernel baseline|avx2] [--clock wall|cpu]

          --json        print one JSON object (median seconds; GFLOP/s for matmul) instead of a table
          --repeats N   timed runs per measurement, 1 to 100 (default 5), after one warm-up run
          --only LIST   the workloads to run, comma-separated (default all three)
          --kernel P    force the product kernels' instruction set (default: what the processor has)
          --clock C     wall (default) or cpu: the process's CPU time for the one-thread sweep and
                        matmul (steadier on a shared machine); all-core runs and lessons stay wall
        """

    static func parse(_ arguments: [String]) throws -> Options {
        var o = Options()
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let v = rest.popFirst() else { throw BenchError("\(name) needs a value\n\n\(usage)") }
            return v
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--json": o.json = true
            case "--repeats":
                let v = try value(argument)
                guard let n = Int(v), (1...100).contains(n) else { throw BenchError("--repeats \(v): need a whole number from 1 to 100") }
                o.repeats = n
            case "--only":
                let v = try value(argument)
                let names = Set(v.split(separator: ",").map(String.init))
                guard !names.isEmpty, names.isSubset(of: ["sweep", "matmul", "lessons"]) else {
                    throw BenchError("--only \(v): the workloads are sweep, matmul and lessons")
                }
                o.workloads = names
            case "--kernel":
                let v = try value(argument)
                guard let path = ProductKernelPath.allCases.first(where: { "\($0)" == v }) else {
                    throw BenchError("--kernel \(v): need baseline or avx2")
                }
                o.kernel = path
            case "--clock":
                let v = try value(argument)
                guard let clock = Timing.Clock(rawValue: v) else { throw BenchError("--clock \(v): need wall or cpu") }
                o.clock = clock
            case "-h", "--help": print(usage); exit(0)
            default: throw BenchError("unknown argument \(argument)\n\n\(usage)")
            }
        }
        return o
    }
}

func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func number(_ x: Double) -> String { String(format: "%.6g", x) }

func main() throws {
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    if let kernel = options.kernel { ProductKernelPath.force(kernel) }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var json: [String] = []
    var table: [String] = ["RNNLessons benchmark: product kernels \(ProductKernelPath.current), \(cores) cores, \(options.repeats) timed runs each (seconds are medians; min in brackets; one-thread clock: \(options.clock))"]

    if options.workloads.contains("sweep") {
        log("sweep: drawing the data")
        let sweep = SweepWorkload()
        table.append("")
        table.append("sweep (\(sweep.configurations.count) configurations: T = 100, h = 64, n = 8, d = 16; forward + BPTT)")
        var parts: [String] = []
        func measure<S: TensorScalar>(_: S.Type) -> String {
            let xs = sweep.inputs(S.self)
            log("sweep \(S.dtypeName)")
            let one = Timing.measure(repeats: options.repeats, clock: options.clock) { _ = sweep.runAll(xs, parallel: false) }
            let all = Timing.measure(repeats: options.repeats) { _ = sweep.runAll(xs, parallel: true) }
            let single = sweep.runAll(xs, parallel: false)
            let identical = single == sweep.runAll(xs, parallel: true)
            let readable = single == sweep.runReadable(xs)
            table.append("  \(S.dtypeName)  1 thread \(number(one.median)) s [\(number(one.min))]   \(cores) threads \(number(all.median)) s [\(number(all.min))]   speed-up \(String(format: "%.2f", one.median / all.median))×   results bit-identical: \(identical ? "yes" : "NO"), = readable path: \(readable ? "yes" : "NO")")
            return "\"\(S.dtypeName)\": {\"threads_1\": \(number(one.median)), \"threads_all\": \(number(all.median))}"
        }
        parts.append(measure(Double.self))
        parts.append(measure(Float.self))
        json.append("\"sweep\": {\(parts.joined(separator: ", "))}")
    }

    if options.workloads.contains("matmul") {
        table.append("")
        table.append("matmul (C = A·B, square, one thread): GFLOP/s from the median time")
        var parts: [String] = []
        func measure<S: TensorScalar>(_: S.Type) -> String {
            var cells: [String] = [], line = "  \(S.dtypeName) "
            for n in MatmulWorkload.sizes {
                log("matmul \(S.dtypeName) n = \(n)")
                let r = MatmulWorkload.measure(S.self, n: n, repeats: options.repeats, clock: options.clock)
                cells.append("\"\(n)\": \(number(r.gflops))")
                line += "  n=\(n): \(String(format: "%.1f", r.gflops))"
            }
            table.append(line)
            return "\"\(S.dtypeName)\": {\(cells.joined(separator: ", "))}"
        }
        parts.append(measure(Float.self))
        parts.append(measure(Double.self))
        json.append("\"matmul\": {\(parts.joined(separator: ", "))}")
    }

    if options.workloads.contains("lessons") {
        table.append("")
        table.append("lessons (each executable end to end with its defaults)")
        var cells: [String] = []
        for lesson in LessonsWorkload.lessons {
            log("lesson \(lesson)")
            let t = try LessonsWorkload.measure(lesson, repeats: options.repeats)
            cells.append("\"\(lesson)\": \(number(t.median))")
            table.append("  \(lesson.padding(toLength: 14, withPad: " ", startingAt: 0)) \(number(t.median)) s [\(number(t.min))]")
        }
        json.append("\"lessons\": {\(cells.joined(separator: ", "))}")
    }

    print(options.json ? "{\(json.joined(separator: ", "))}" : table.joined(separator: "\n"))
}

do {
    try main()
} catch {
    log("bench: error: \(error)")
    exit(error is BenchError ? 64 : 1)
}
