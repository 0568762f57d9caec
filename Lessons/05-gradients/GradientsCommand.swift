import ArgumentParser
import Course
import Foundation
import Network
import Tensor

@main
struct GradientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradients",
        abstract: "Lesson 05: gradients through time vanish or explode with the scale ρ of W_hh.",
        discussion: """
        For each activation and each ρ, builds W_hh = ρ·Q (Q a random orthogonal matrix, \
        so every singular value is ρ), runs the RNN forward over T steps, and pushes a \
        unit gradient ∂L/∂H_T back to t = 0, recording ‖∂L/∂H_t‖ at every step (in \
        Double, and once in Float to show where float32 flushes it to zero). Compares \
        with the theory, checks BPTT against finite differences, and trains a small \
        memory task with and without gradient clipping. Build it with -c release: \
        the sweep takes about a second there, and half a minute in a debug build.

        Examples:
          swift run -c release gradients                the defaults (T = 100, h = 64, 5 runs; about a second)
          swift run -c release gradients --rhos 0.95,1,1.05 --steps 300
          swift run -c release gradients --init gaussian   W_hh Gaussian, spectral radius ρ
        """)

    @OptionGroup var common: CommonOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Time steps T: 1 to 1000 (default 100).", valueName: "T"),
            transform: { try OptionParsing.size($0, option: "--steps", range: GradientsLesson.Config.stepsRange) })
    var steps = 100

    @Option(parsing: .unconditional, help: ArgumentHelp("Hidden units h: 1 to 512 (default 64).", valueName: "h"),
            transform: { try OptionParsing.size($0, option: "--hiddens", range: GradientsLesson.Config.hiddensRange) })
    var hiddens = 64

    @Option(parsing: .unconditional, help: ArgumentHelp("Batch size n: 1 to 256 (default 8).", valueName: "n"),
            transform: { try OptionParsing.size($0, option: "--batch", range: GradientsLesson.Config.batchRange) })
    var batch = 8

    @Option(parsing: .unconditional, help: ArgumentHelp("Inputs per step d: 1 to 512 (default 16).", valueName: "d"),
            transform: { try OptionParsing.size($0, option: "--inputs", range: GradientsLesson.Config.inputsRange) })
    var inputs = 16

    @Option(parsing: .unconditional, help: ArgumentHelp("Random initialisations per configuration: 1 to 50 (default 5); the charts show their median.", valueName: "N"),
            transform: { try OptionParsing.size($0, option: "--runs", range: GradientsLesson.Config.runsRange) })
    var runs = 5

    @Option(parsing: .unconditional, help: ArgumentHelp("Scales ρ of W_hh, comma-separated, each 0.01 to 10 (default 0.5,0.9,1,1.1,1.5).", valueName: "list"),
            transform: { try OptionParsing.realList($0, option: "--rhos", range: GradientsLesson.Config.rhoRange, maxCount: 8) })
    var rhos: [Double] = [0.5, 0.9, 1.0, 1.1, 1.5]

    @Option(name: .customLong("init"), parsing: .unconditional, help: ArgumentHelp("How W_hh is drawn: orthogonal (every singular value ρ) or gaussian (spectral radius ρ).", valueName: "kind"),
            transform: { text in
                guard let kind = GradientsLesson.Initialisation(rawValue: text) else {
                    throw ValidationError("--init must be orthogonal or gaussian; got '\(text)'.")
                }
                return kind
            })
    var initialisation: GradientsLesson.Initialisation = .orthogonal

    @Option(parsing: .unconditional, help: ArgumentHelp("Clipping threshold θ for the training experiment: 1e-6 to 1e6 (default 1).", valueName: "θ"),
            transform: { try OptionParsing.real($0, option: "--theta", range: ClippingExperiment.Config.thetaRange) })
    var theta = 1.0

    @Option(parsing: .unconditional, help: ArgumentHelp("SGD updates in the training experiment: 1 to 5000 (default 300).", valueName: "k"),
            transform: { try OptionParsing.size($0, option: "--updates", range: ClippingExperiment.Config.updatesRange) })
    var updates = 300

    func run() throws {
        var config = GradientsLesson.Config()
        config.steps = steps; config.hiddens = hiddens; config.batch = batch; config.inputs = inputs
        config.runs = runs; config.rhos = rhos; config.initialisation = initialisation
        var clipping = ClippingExperiment.Config()
        clipping.theta = theta; clipping.updates = updates
        let showProgress = !common.quiet && !common.json && isatty(STDERR_FILENO) == 1
        let source = LessonSource(file: #filePath)
        try LessonDriver.run(GradientsLesson.info, options: common, source: source) {
            let (sweeps, firstRun) = GradientsLesson.run(config, seed: common.seed) { done, total in
                if showProgress { printProgress("sweep \(done)/\(total)") }
            }
            if showProgress { printProgress("gradient check and training…") }
            let checks = GradientsLesson.gradientCheck(seed: common.seed)
            let training = ClippingExperiment.run(clipping, seed: common.seed)
            if showProgress { printProgress(nil) }
            let claims = GradientsLesson.claims(config, sweeps: sweeps, checks: checks, training: training, clipping: clipping)
            return try GradientsReport.outcome(
                GradientsReport.Inputs(config: config, clipping: clipping, sweeps: sweeps, firstRun: firstRun,
                                       checks: checks, training: training),
                claims: claims, seed: common.seed, source: source)
        }
    }
}

/// One status line on standard error, overwritten in place (nil clears it).
func printProgress(_ text: String?) {
    let line = text.map { "\r\u{1B}[K\($0)" } ?? "\r\u{1B}[K"
    FileHandle.standardError.write(Data(line.utf8))
}
