// swift-tools-version: 6.1
//
// RNNLessons: one textbook section on recurrent neural networks, taught as
// five runnable lessons on a small numerics core, with Cairo figures and
// generated reports. See README.md and Output/README.md.

import Foundation
import PackageDescription

// MARK: - Dependencies

let dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let realModule = Target.Dependency.product(name: "RealModule", package: "swift-numerics")
let mustache = Target.Dependency.product(name: "Mustache", package: "swift-mustache")
let propertyBased = Target.Dependency.product(name: "PropertyBased", package: "swift-property-based")

// MARK: - Libraries

// The numerics targets are compiled optimised in debug builds too, so that
// `swift run gradients` (a debug build) runs at release speed where the time
// goes; their generic entry points are @_specialize'd for Float and Double,
// so unoptimised callers reach specialised code.
let optimisedAlways: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let libraries: [Target] = [
    // Cairo, found with pkg-config (`make deps` installs libcairo2-dev).
    .systemLibrary(
        name: "CCairo",
        path: "Sources/CCairo",
        pkgConfig: "cairo",
        providers: [.apt(["libcairo2-dev"])]
    ),
    // Pango and fontconfig: text layout, shaping and font fallback for the
    // Cairo backend (`make deps` installs libpango1.0-dev).
    .systemLibrary(
        name: "CPango",
        path: "Sources/CPango",
        pkgConfig: "pangocairo",
        providers: [.apt(["libpango1.0-dev"])]
    ),
    // The matrix-product kernels in C: register-tiled, vectorised, compiled
    // for baseline x86-64 and for AVX2 and chosen at run time. Optimised in
    // every configuration; never contracted to fused multiply-adds (each
    // entry must stay bit for bit the plain loop's).
    .target(name: "CKernels", path: "Sources/CKernels",
             cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])]),
    // The numerics core: Matrix<Scalar>, its operations, the seeded
    // generators and PyTorch-style printing.
    .target(name: "Tensor", dependencies: ["CKernels", realModule], swiftSettings: optimisedAlways),
    // Networks built on the core: MLP, RNN forward pass, BPTT, clipping.
    .target(name: "Network", dependencies: ["Tensor"], swiftSettings: optimisedAlways),
    // Charts over a small renderer protocol; knows no drawing library.
    .target(name: "Plot"),
    // The Cairo backend: renders a Plot figure to PNG, SVG or PDF bytes.
    .target(name: "PlotCairo", dependencies: ["Plot", "CCairo", "CPango"]),
    // The book's diagrams (the unrolled RNN, the concatenation picture).
    .target(name: "BookFigures", dependencies: ["Plot"]),
    // Lesson plumbing: options, claims, JSON, Markdown reports, safe output.
    .target(name: "Course", dependencies: ["Tensor", "Plot", "PlotCairo", argumentParser, mustache]),
]

// MARK: - Lessons (one executable per section of the book)

// The course's lessons, in order: the executable and its folder in Lessons/.
// Adding a lesson is a folder and a line here; the Makefile reads this list.
let lessonFolders: [(executable: String, folder: String)] = [
    ("mlp", "01-mlp"),
    ("hidden-state", "02-hidden-state"),
    ("concat", "03-concat"),
    ("sharing", "04-parameter-sharing"),
    ("gradients", "05-gradients"),
    ("char-model", "06-char-model"),
]

/// The files of a lesson's Presentation/ folder that are read at run time
/// (report templates, string tables), not compiled.
func presentationFiles(_ folder: String) -> [String] {
    let path = Context.packageDirectory + "/Lessons/\(folder)/Presentation"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { !$0.hasSuffix(".swift") }.sorted().map { "Presentation/\($0)" }
}

let lessons: [Target] = lessonFolders.map { lesson in
    .executableTarget(
        name: lesson.executable,
        dependencies: ["Tensor", "Network", "Plot", "BookFigures", "Course", argumentParser],
        path: "Lessons/\(lesson.folder)",
        exclude: presentationFiles(lesson.folder)
    )
}

// The maintainer's tool that writes Output/README.md from the lessons' reports.
let tools: [Target] = [
    .executableTarget(name: "course-index", dependencies: ["Course", argumentParser], path: "Sources/CourseIndex"),
    // `make lessons` / `make check-output`: the course regenerated all or
    // nothing, and compared with a fresh run (PNGs decoded with Cairo).
    .executableTarget(name: "course-output", dependencies: ["Course", "CCairo", argumentParser], path: "Sources/CourseOutput"),
]

// The benchmark of issue 12 (`make bench`): the sweep, matmul and lessons
// workloads, self-timed. Always built in release by the Makefile.
let benchmarks: [Target] = [
    .executableTarget(name: "bench", dependencies: ["Tensor", "Network"], path: "Sources/Bench"),
]

// MARK: - Tests

let tests: [Target] = [
    .target(name: "TestSupport", dependencies: ["Tensor", propertyBased], path: "Tests/TestSupport"),
    .testTarget(name: "TensorTests", dependencies: ["Tensor", "TestSupport", propertyBased]),
    .testTarget(name: "NetworkTests", dependencies: ["Network", "Tensor", "TestSupport", propertyBased]),
    .testTarget(name: "PlotTests", dependencies: ["Plot", "PlotCairo", "BookFigures", "CCairo", "CPango"], exclude: ["Golden"]),
    .testTarget(name: "CourseTests", dependencies: ["Course", "Tensor", "TestSupport"]),
    .testTarget(
        name: "LessonTests",
        dependencies: ["Course", "Tensor", "Network", "TestSupport"] + lessonFolders.map { .target(name: $0.executable) }
    ),
    // Output that is always one whole run: staging, swaps, locks, signals,
    // fault injection and random arguments against the built executables.
    .testTarget(
        name: "OutputTests",
        dependencies: ["Course", "CCairo", "TestSupport", propertyBased, "course-index", "course-output"]
            + lessonFolders.map { .target(name: $0.executable) }
    ),
]

// MARK: - Site (the course as a static website, from Output/)

let site: [Target] = [
    // cmark-gfm, found with pkg-config (`make deps` installs libcmark-gfm-dev
    // and libcmark-gfm-extensions-dev; libcmark-gfm.pc links both libraries).
    .systemLibrary(
        name: "CCmark",
        path: "Sources/CCmark",
        pkgConfig: "libcmark-gfm",
        providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    // Markdown to HTML pages: math kept intact and typeset by KaTeX, links
    // and figures mapped into the site, the page chrome, lesson 05's
    // interactive figure data.
    .target(name: "Site", dependencies: ["CCmark", "Tensor", "Network"], resources: [.copy("Assets")]),
    .executableTarget(name: "course-site", dependencies: ["Site", argumentParser], path: "Sources/CourseSite"),
    .testTarget(name: "SiteTests", dependencies: ["Site"]),
]

let package = Package(
    name: "RNNLessons",
    platforms: [.macOS(.v14)],
    products: lessonFolders.map { .executable(name: $0.executable, targets: [$0.executable]) },
    dependencies: dependencies,
    targets: libraries + lessons + tools + benchmarks + tests + site,
    swiftLanguageModes: [.v6]
)
