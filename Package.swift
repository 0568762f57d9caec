// swift-tools-version: 6.1
//
// RNNLessons: one textbook section on recurrent neural networks, taught as
// five runnable lessons on a small numerics core, with Cairo figures and
// generated reports. See README.md and Output/README.md.

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
    // Charts and diagrams over a small drawing protocol, with a Cairo backend.
    .target(name: "Plot", dependencies: ["CCairo"]),
    // Lesson plumbing: options, claims, JSON, Markdown reports, safe output.
    .target(name: "Course", dependencies: ["Tensor", "Plot", argumentParser, mustache]),
]

// MARK: - Lessons (one executable per section of the book)

let lessonFolders: [(executable: String, folder: String)] = [
    ("mlp", "01-mlp"),
    ("hidden-state", "02-hidden-state"),
    ("concat", "03-concat"),
    ("sharing", "04-parameter-sharing"),
    ("gradients", "05-gradients"),
]

let lessons: [Target] = lessonFolders.map { lesson in
    .executableTarget(
        name: lesson.executable,
        dependencies: ["Tensor", "Network", "Plot", "Course", argumentParser],
        path: "Lessons/\(lesson.folder)",
        // The report templates are read at run time from the lesson folder
        // (see Course/LessonSource.swift), not compiled.
        exclude: ["report"]
    )
}

// The maintainer's tool that writes Output/README.md from the lessons' reports.
let tools: [Target] = [
    .executableTarget(name: "course-index", dependencies: ["Course", argumentParser], path: "Sources/CourseIndex"),
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
    .testTarget(name: "PlotTests", dependencies: ["Plot"], exclude: ["Golden"]),
    .testTarget(name: "CourseTests", dependencies: ["Course", "Tensor", "TestSupport"]),
    .testTarget(
        name: "LessonTests",
        dependencies: ["Course", "Tensor", "Network", "TestSupport"] + lessonFolders.map { .target(name: $0.executable) }
    ),
]

let package = Package(
    name: "RNNLessons",
    platforms: [.macOS(.v14)],
    products: lessonFolders.map { .executable(name: $0.executable, targets: [$0.executable]) },
    dependencies: dependencies,
    targets: libraries + lessons + tools + benchmarks + tests,
    swiftLanguageModes: [.v6]
)
