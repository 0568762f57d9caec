import ArgumentParser
import Course
import Tensor

@main
struct MLPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "Lesson 01: an MLP without hidden state — H = φ(X·W_xh + b_h), O = H·W_hq + b_q, softmax(O).",
        discussion: """
        Draws X (batch × inputs), W_xh (inputs × hiddens), b_h (1 × hiddens), \
        W_hq (hiddens × outputs) and b_q (1 × outputs) in that order, as \
        torch.randn would after torch.manual_seed(seed). Computes the hidden \
        layer (the one-row bias b_h is broadcast to every row of X·W_xh), the \
        outputs O and the class probabilities softmax(O); prints every tensor \
        the way PyTorch prints it; checks the shapes, the broadcast, that each \
        row of probabilities sums to 1, and that softmax stays finite for \
        logits of ±1000 where the plain formula exp(o)/Σexp(o) gives NaN.

        Defaults: a batch of n = 3 examples with d = 4 features, h = 5 hidden \
        units, q = 3 classes, φ = tanh (the activation of the RNN in lessons 02–05).

        Examples:
          swift run mlp                          n = 3, d = 4, h = 5, q = 3, tanh
          swift run mlp --seed 3 --activation relu
          swift run mlp --outputs 10 --batch 8   ten classes, eight examples
          swift run mlp --json                   JSON: config, inputs, results, claims
        """)

    @OptionGroup var common: CommonOptions

    @Option(parsing: .unconditional, help: "Examples per batch, n (1 to 1024; default 3).",
            transform: { try OptionParsing.size($0, option: "--batch", range: MLPLesson.Config.sizeRange) })
    var batch = 3

    @Option(parsing: .unconditional, help: "Features per example, d (1 to 1024; default 4).",
            transform: { try OptionParsing.size($0, option: "--inputs", range: MLPLesson.Config.sizeRange) })
    var inputs = 4

    @Option(parsing: .unconditional, help: "Hidden units, h (1 to 1024; default 5).",
            transform: { try OptionParsing.size($0, option: "--hiddens", range: MLPLesson.Config.sizeRange) })
    var hiddens = 5

    @Option(parsing: .unconditional, help: "Outputs, q: the number of classes (1 to 1024; default 3).",
            transform: { try OptionParsing.size($0, option: "--outputs", range: MLPLesson.Config.sizeRange) })
    var outputs = 3

    @Option(parsing: .unconditional, help: ArgumentHelp("The hidden layer's activation φ: tanh, relu, sigmoid or identity (default tanh).",
                               valueName: "phi"),
            transform: { try MLPCommand.activation($0) })
    var activation = Activation.tanh

    /// Parses `--activation`, naming the valid choices on error (exit 64).
    static func activation(_ text: String) throws -> Activation {
        let choices: [Activation] = [.tanh, .relu, .sigmoid, .identity]
        guard let phi = choices.first(where: { $0.rawValue == text.lowercased() }) else {
            throw ValidationError("--activation must be one of tanh, relu, sigmoid, identity; got '\(text)'.")
        }
        return phi
    }

    func run() throws {
        let config = MLPLesson.Config(batch: batch, inputs: inputs, hiddens: hiddens, outputs: outputs,
                                      activation: activation)
        let source = LessonSource(file: #filePath)
        try LessonDriver.run(MLPLesson.info, options: common, source: source) {
            let result = MLPLesson.run(config, seed: common.seed)
            let claims = MLPLesson.claims(result, config)
            return try MLPReport.outcome(result, config, claims: claims, seed: common.seed, source: source)
        }
    }
}
