import Network
import Tensor
import Testing
import TestSupport

/// Consistency of the backward pass beyond the finite-difference check:
/// the state-only recursion, the norms, and Float against Double.
@Suite struct BPTTTests {
    /// For a loss on the last output only, ∂L/∂H_t is the state recursion
    /// seeded with ∂L/∂O_T W_hqᵀ. Both functions run the same operations in
    /// the same order, so they agree bit for bit (tolerance 0).
    @Test(arguments: Activation.allCases)
    func stateGradientsMatchFullBackward(phi: Activation) {
        let p = Problem(Problem.sizes[0], loss: .lastSquared, seed: 7)
        let f = rnnForward(xs: p.xs, h0: p.h0, params: p.params, activation: phi)
        let dO = p.loss.outputGradient(outputs: f.outputs)
        let full = rnnBackward(xs: p.xs, forward: f, params: p.params, activation: phi, outputGradient: dO)
        guard case .lastStep(let dOT) = dO else { Issue.record("expected a last-step gradient"); return }
        let seed = dOT.matmul(p.params.wHQ.transposed)                     // (n, h)
        let states = rnnStateGradients(forward: f, wHH: p.params.wHH, activation: phi, dHT: seed)
        #expect(states.dH == full.dH)
        #expect(states.norms == full.dHNorms)
        #expect(full.dHNorms == full.dH.map { $0.frobeniusNorm() })
        #expect(full.dH.count == p.xs.count + 1)
    }

    /// A loss on H_T itself (`.finalState`): ∂L/∂H_t is the state recursion
    /// seeded with ∂L/∂H_T, bit for bit (the same operations in the same
    /// order), no output gradient reaches W_hq or b_q, and W_xh, W_hh, b_h
    /// get exactly the gradients of the same loss written through an
    /// identity output layer (∂L/∂O_T = G, W_hq = I: G_T = G·Iᵀ is G exactly).
    @Test(arguments: Activation.allCases)
    func finalStateLossMatchesStateRecursion(phi: Activation) {
        let p = Problem(Problem.sizes[4], loss: .lastSquared, seed: 29)                // n = 4
        var g = TestNormals(seed: 31)
        let seed = Matrix<Double>.randn(p.xs[0].rows, p.params.hiddens, using: &g)     // ∂L/∂H_T, (n, h)
        let f = rnnForward(xs: p.xs, h0: p.h0, params: p.params, activation: phi)
        let full = rnnBackward(xs: p.xs, forward: f, params: p.params, activation: phi, outputGradient: .finalState(seed))
        let states = rnnStateGradients(forward: f, wHH: p.params.wHH, activation: phi, dHT: seed)
        #expect(full.dH == states.dH)
        #expect(full.params.wHQ == .zeros(p.params.hiddens, p.params.outputs) && full.params.bQ == .zeros(1, p.params.outputs))
        // The same gradients through O_T = H_T I + 0 and ∂L/∂O_T = G.
        let h = p.params.hiddens
        var viaOutput = p.params
        viaOutput.wHQ = .identity(h)
        viaOutput.bQ = .zeros(1, h)
        let f2 = rnnForward(xs: p.xs, h0: p.h0, params: viaOutput, activation: phi)
        let g2 = rnnBackward(xs: p.xs, forward: f2, params: viaOutput, activation: phi, outputGradient: .lastStep(seed))
        #expect(g2.params.wXH == full.params.wXH && g2.params.wHH == full.params.wHH && g2.params.bH == full.params.bH)
    }

    /// The same problem in Float and in Double (Float inputs widened
    /// exactly). Each gradient passes through about T·(d + h + q) Float
    /// roundings of relative size u = 6e−8, amplified by the conditioning of
    /// the chain (order ten for these weights of scale 0.5), so a normwise
    /// relative difference up to ~1e−5 is expected; the tolerance 1e−4 is
    /// that with a factor of ten to spare, and far below the order-one
    /// error of a wrong formula.
    @Test(arguments: Activation.allCases, Problem.LossKind.allCases)
    func floatAgreesWithDouble(phi: Activation, kind: Problem.LossKind) {
        let p = Problem(Problem.sizes[0], loss: kind, seed: 11)
        let xs32 = p.xs.map { $0.converted(to: Float.self) }
        let h032 = p.h0.converted(to: Float.self)
        let params32 = p.params.map { $0.converted(to: Float.self) }
        // The Double problem holds exactly the Float values.
        let xs64 = xs32.map { $0.converted(to: Double.self) }
        let h064 = h032.converted(to: Double.self)
        let params64 = params32.map { $0.converted(to: Double.self) }
        let loss32: SequenceLoss<Float> = convert(p.loss)

        let f32 = rnnForward(xs: xs32, h0: h032, params: params32, activation: phi)
        let g32 = rnnBackward(xs: xs32, forward: f32, params: params32, activation: phi,
                              outputGradient: loss32.outputGradient(outputs: f32.outputs))
        let f64 = rnnForward(xs: xs64, h0: h064, params: params64, activation: phi)
        let g64 = rnnBackward(xs: xs64, forward: f64, params: params64, activation: phi,
                              outputGradient: convert(loss32).outputGradient(outputs: f64.outputs))
        var worst = 0.0
        let pairs = zip(g32.params.named.map(\.value) + g32.dH, g64.params.named.map(\.value) + g64.dH)
        for (a, b) in pairs {
            let difference = (a.converted(to: Double.self) - b).frobeniusNorm() / b.frobeniusNorm()
            worst = max(worst, difference)
        }
        #expect(worst <= 1e-4, "\(phi) \(kind): Float and Double gradients differ by \(worst) relative")
    }

    /// The one-call form returns the same loss and gradients as the parts.
    @Test func lossAndGradientsInOneCall() {
        let p = Problem(Problem.sizes[2], loss: .everyCrossEntropy, seed: 13)
        let (loss, f, g) = rnnLossAndGradients(xs: p.xs, h0: p.h0, params: p.params, activation: .tanh, loss: p.loss)
        #expect(loss == p.loss.value(outputs: f.outputs))
        let parts = rnnBackward(xs: p.xs, forward: f, params: p.params, activation: .tanh,
                                outputGradient: p.loss.outputGradient(outputs: f.outputs))
        #expect(g.params == parts.params && g.dH == parts.dH)
    }

    /// ReLU′ at exactly z = 0 is 0 in the backward pass too (it uses
    /// `Activation.derivative`, PyTorch's convention). Row 0 of X_1 and H_0
    /// and b_h are zero, so row 0 of Z_1 is exactly 0 in every unit: nothing
    /// flows back through it to H_0, although ∂L/∂H_1 there is not zero.
    /// (The gradient check cannot see this: it keeps every pre-activation
    /// away from the kink.)
    @Test func reluPassesNothingBackAtExactlyZero() {
        var p = Problem(Problem.sizes[0], loss: .everySquared, seed: 17)   // n = 2, d = 3, h = 4, T = 5
        for j in 0..<p.params.inputs { p.xs[0][0, j] = 0 }
        for j in 0..<p.params.hiddens { p.h0[0, j] = 0; p.params.bH[0, j] = 0 }
        let f = rnnForward(xs: p.xs, h0: p.h0, params: p.params, activation: .relu)
        #expect(f.preActivations[0].row(0) == .zeros(1, p.params.hiddens))
        let g = rnnBackward(xs: p.xs, forward: f, params: p.params, activation: .relu,
                            outputGradient: p.loss.outputGradient(outputs: f.outputs))
        #expect(g.dH[1].row(0).maxAbs() > 0.01)                              // ∂L/∂H_1 is there …
        #expect(g.dH[0].row(0) == .zeros(1, p.params.hiddens))               // … and stops at Z_1 = 0
        let states = rnnStateGradients(forward: f, wHH: p.params.wHH, activation: .relu, dHT: g.dH[p.xs.count])
        #expect(states.dH[0].row(0) == .zeros(1, p.params.hiddens))
    }

    /// ReLU with a ReLU unit kept off at every step has a zero gradient in
    /// its column of W_xh (nothing flows through it), exactly.
    @Test func deadReluUnitHasZeroGradient() {
        var p = Problem(Problem.sizes[0], loss: .everySquared, seed: 3)
        p.params.bH[0, 0] = -100                                            // unit 0 never fires
        let f = rnnForward(xs: p.xs, h0: p.h0, params: p.params, activation: .relu)
        let g = rnnBackward(xs: p.xs, forward: f, params: p.params, activation: .relu,
                            outputGradient: p.loss.outputGradient(outputs: f.outputs))
        for i in 0..<p.params.inputs { #expect(g.params.wXH[i, 0] == 0) }
        #expect(g.params.bH[0, 0] == 0)
    }
}

/// The same loss with its targets in another scalar type.
func convert<A: TensorScalar, B: TensorScalar>(_ loss: SequenceLoss<A>) -> SequenceLoss<B> {
    func step(_ l: OutputLoss<A>) -> OutputLoss<B> {
        switch l {
        case .squaredError(let y): return .squaredError(target: y.converted())
        case .softmaxCrossEntropy(let labels): return .softmaxCrossEntropy(labels: labels)
        }
    }
    switch loss {
    case .lastStep(let l): return .lastStep(step(l))
    case .everyStep(let ls): return .everyStep(ls.map(step))
    }
}
