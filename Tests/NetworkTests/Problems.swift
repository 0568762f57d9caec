import Network
import Tensor
import TestSupport

/// Small random RNN problems shared by the network tests, drawn from the
/// test generator of TestSupport (independent of the generator under test).
struct Problem {
    var xs: [Matrix<Double>]         // T of (n, d)
    var h0: Matrix<Double>           // (n, h)
    var params: RNNParameters<Double>
    var loss: SequenceLoss<Double>

    /// The sizes of a problem: batch n, inputs d, hiddens h, outputs q, steps T.
    struct Size: CustomStringConvertible, Sendable {
        var n, d, h, q, steps: Int
        var description: String { "n=\(n) d=\(d) h=\(h) q=\(q) T=\(steps)" }
    }

    /// Which loss, and where it sits.
    enum LossKind: String, CaseIterable, Sendable {
        case lastSquared, lastCrossEntropy, everySquared, everyCrossEntropy
    }

    static let sizes: [Size] = [
        Size(n: 2, d: 3, h: 4, q: 2, steps: 5),
        Size(n: 1, d: 2, h: 3, q: 3, steps: 4),
        Size(n: 3, d: 1, h: 5, q: 2, steps: 6),
        Size(n: 2, d: 3, h: 4, q: 3, steps: 1),
        // Batches of 4 and 5 rows: the four-row pass of the weight-gradient
        // product (C += Aᵀ·B sums over the batch), alone and with a remainder.
        Size(n: 4, d: 2, h: 3, q: 2, steps: 3),
        Size(n: 5, d: 2, h: 3, q: 2, steps: 2),
    ]

    /// Weights of scale 0.5 keep tanh and sigmoid away from saturation, so
    /// the gradients are of order one and the check is informative.
    init(_ s: Size, loss kind: LossKind, seed: UInt64) {
        var g = TestNormals(seed: seed)
        xs = (0..<s.steps).map { _ in Matrix<Double>.randn(s.n, s.d, using: &g) }       // T of (n, d)
        h0 = 0.5 * Matrix<Double>.randn(s.n, s.h, using: &g)                           // (n, h)
        params = RNNParameters(
            wXH: 0.5 * Matrix<Double>.randn(s.d, s.h, using: &g),                      // (d, h)
            wHH: 0.5 * Matrix<Double>.randn(s.h, s.h, using: &g),                      // (h, h)
            bH: 0.1 * Matrix<Double>.randn(1, s.h, using: &g),                         // (1, h)
            wHQ: 0.5 * Matrix<Double>.randn(s.h, s.q, using: &g),                      // (h, q)
            bQ: 0.1 * Matrix<Double>.randn(1, s.q, using: &g))                         // (1, q)
        func stepLoss() -> OutputLoss<Double> {
            switch kind {
            case .lastSquared, .everySquared:
                return .squaredError(target: Matrix<Double>.randn(s.n, s.q, using: &g))  // (n, q)
            case .lastCrossEntropy, .everyCrossEntropy:
                return .softmaxCrossEntropy(labels: (0..<s.n).map { _ in g.int(in: 0...(s.q - 1)) })
            }
        }
        switch kind {
        case .lastSquared, .lastCrossEntropy: loss = .lastStep(stepLoss())
        case .everySquared, .everyCrossEntropy: loss = .everyStep((0..<s.steps).map { _ in stepLoss() })
        }
    }

    /// The smallest |z| over all pre-activations: how far the forward pass
    /// stays from ReLU's kink at 0.
    func kinkMargin(_ phi: Activation) -> Double {
        rnnForward(xs: xs, h0: h0, params: params, activation: phi).preActivations
            .flatMap(\.scalars).map(\.magnitude).min()!
    }
}
