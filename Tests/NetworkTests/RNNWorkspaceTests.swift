import Network
import Tensor
import Testing
import TestSupport

/// The fast twin, `RNNWorkspace`, against the readable definition
/// (`rnnForward`, `rnnBackward`, `rnnStateGradients`). The twin runs the
/// same operations in the same order on its own buffers, so every output
/// must be equal with `==`: tolerance 0, on both instruction-set paths of
/// the product kernels, in Float and Double, for every activation and every
/// kind of output gradient.
@Suite(.serialized) struct RNNWorkspaceTests {
    /// (n, d, h, q, T): T = 1; batches that are not a multiple of the
    /// kernels' four-row tile; widths below, at and past one tile of 8 or 16
    /// columns; h = 300 past one block of 256 terms.
    static let sizes: [(n: Int, d: Int, h: Int, q: Int, steps: Int)] = [
        (1, 1, 1, 1, 1), (3, 2, 5, 2, 1), (5, 3, 13, 3, 4), (8, 16, 64, 1, 7), (7, 5, 37, 4, 6), (9, 3, 70, 2, 3),
        (3, 4, 300, 2, 2),
    ]

    struct Case<S: TensorScalar> {
        var xs: [Matrix<S>]
        var h0: Matrix<S>
        var params: RNNParameters<S>
        var seed: Matrix<S>             // ∂L/∂H_T for the state-only losses, (n, h)
        var dOs: [Matrix<S>]            // ∂L/∂O_t for t = 1…T, each (n, q)

        init(_ s: (n: Int, d: Int, h: Int, q: Int, steps: Int), seed: UInt64) {
            var g = TestNormals(seed: seed)
            func draw(_ r: Int, _ c: Int, _ scale: Double) -> Matrix<S> { (scale * Matrix<Double>.randn(r, c, using: &g)).converted() }
            xs = (0..<s.steps).map { _ in draw(s.n, s.d, 1) }                                      // T of (n, d)
            h0 = draw(s.n, s.h, 0.5)                                                               // (n, h)
            // W_hh of spectral norm about 1.8: some steps grow the gradient, tanh and sigmoid saturate in places.
            params = RNNParameters(wXH: draw(s.d, s.h, 1 / Double(s.d).squareRoot()), wHH: draw(s.h, s.h, 0.9 / Double(s.h).squareRoot()),
                                   bH: draw(1, s.h, 0.3), wHQ: draw(s.h, s.q, 0.5), bQ: draw(1, s.q, 0.3))
            self.seed = draw(s.n, s.h, 1)
            dOs = (0..<s.steps).map { _ in draw(s.n, s.q, 1) }
        }
    }

    /// Everything the twin returns, compared with the readable functions.
    static func compare<S: TensorScalar>(_ c: Case<S>, _ phi: Activation, _ w: RNNWorkspace<S>, _ label: String) {
        let T = c.xs.count
        w.load(c.params)
        w.loadInputs(c.xs)
        w.forward(h0: c.h0, activation: phi)
        let f = rnnForward(xs: c.xs, h0: c.h0, params: c.params, activation: phi)
        #expect((0...T).map(w.state) == f.states, "states \(label)")
        #expect((1...T).map(w.preActivation) == f.preActivations, "pre-activations \(label)")
        #expect((1...T).map(w.output) == f.outputs, "outputs \(label)")

        for dO in [OutputGradient<S>.finalState(c.seed), .lastStep(c.dOs[T - 1]), .everyStep(c.dOs)] {
            let norms = w.backward(outputGradient: dO)
            let g = rnnBackward(xs: c.xs, forward: f, params: c.params, activation: phi, outputGradient: dO)
            #expect(norms == g.dHNorms, "‖∂L/∂H_t‖ \(label) \(dO)")
            #expect((0...T).map(w.stateGradient) == g.dH, "∂L/∂H_t \(label)")
            #expect(w.parameterGradients == g.params, "parameter gradients \(label)")
            let r = w.recurrentGradientNorms
            #expect([r.wXH, r.wHH, r.bH] == [g.params.wXH, g.params.wHH, g.params.bH].map { $0.frobeniusNorm() }, "norms \(label)")
        }

        let norms = w.stateGradientNorms(dHT: c.seed)
        let s = rnnStateGradients(forward: f, wHH: c.params.wHH, activation: phi, dHT: c.seed)
        #expect(norms == s.norms, "state-gradient norms \(label)")
        #expect((0...T).map(w.stateGradient) == s.dH, "state gradients \(label)")

        // Without outputs and from H_0 = 0 (the sweeps): the same states.
        w.forward(activation: phi, outputs: false)
        let f0 = rnnForward(xs: c.xs, h0: .zeros(c.h0.rows, c.h0.cols), params: c.params, activation: phi)
        #expect((0...T).map(w.state) == f0.states, "states from zero \(label)")
        #expect(w.stateGradientNorms(dHT: c.seed) == rnnStateGradients(forward: f0, wHH: c.params.wHH, activation: phi, dHT: c.seed).norms)
    }

    static func all<S: TensorScalar>(_: S.Type, path: ProductKernelPath) {
        for (i, size) in sizes.enumerated() {
            // One workspace per shape, reused for two problems: nothing of the first may leak into the second.
            let w = RNNWorkspace<S>(steps: size.steps, batch: size.n, inputs: size.d, hiddens: size.h, outputs: size.q)
            for phi in Activation.allCases {
                for seed in [UInt64(11 * i + 1), UInt64(11 * i + 2)] {
                    compare(Case<S>(size, seed: seed), phi, w, "\(S.dtypeName) \(path) \(phi) \(size) seed \(seed)")
                }
            }
        }
    }

    @Test(.serialized, arguments: ProductKernelPath.allCases)
    func twinMatchesDefinitionBitForBit(path: ProductKernelPath) {
        let used = ProductKernelPath.force(path)
        defer { ProductKernelPath.force(nil) }
        if used != path { print("RNNWorkspaceTests: \(path) is not available here; tested \(used)") }
        Self.all(Float.self, path: used)
        Self.all(Double.self, path: used)
    }

    /// Inputs loaded from Double into a Float workspace are rounded as
    /// `Matrix.converted` rounds them.
    @Test func inputsConvertLikeMatrix() {
        var g = TestNormals(seed: 5)
        let xs = (0..<3).map { _ in Matrix<Double>.randn(2, 3, using: &g) }
        let c = Case<Float>((2, 3, 4, 1, 3), seed: 9)
        let w = RNNWorkspace<Float>(steps: 3, batch: 2, inputs: 3, hiddens: 4, outputs: 1)
        w.load(c.params)
        w.loadInputs(xs)
        w.forward(activation: .tanh)
        let f = rnnForward(xs: xs.map { $0.converted(to: Float.self) }, h0: .zeros(2, 4), params: c.params, activation: .tanh)
        #expect((0...3).map(w.state) == f.states)
    }
}
