import Network
import Tensor

/// The curves behind lesson 05's interactive figure: for one run of the
/// lesson's experiment, ‖∂L/∂H_t‖ / ‖∂L/∂H_T‖ for t = 0…T at every ρ of a
/// fine grid and every activation, with the bound (γ‖W_hh‖₂)^(T−t).
///
/// The run is drawn exactly as lesson 05 draws its first run (same sizes,
/// same generator, same order of draws: X as one (T·n, d) draw split into T
/// steps, W_xh/√d, an orthogonal Q, then G = ∂L/∂H_T of norm 1), so at the
/// lesson's own values of ρ the curves are the lesson's first run. The
/// gradient is pushed back by the Network module's `rnnStateGradients`, in
/// Double, with W_hh = ρQ and zero biases, from H_0 = 0.
public struct GradientCurves: Sendable {
    public struct Config: Equatable, Sendable {
        public var steps = 100       // T
        public var hiddens = 64      // h
        public var batch = 8         // n
        public var inputs = 16       // d
        /// ρ from `rhoMin` to `rhoMax` in steps of `rhoStep` (26 values by default).
        public var rhoMin = 0.5, rhoMax = 3.0, rhoStep = 0.1
        public var activations: [Activation] = [.identity, .tanh, .sigmoid]
        public init() {}

        /// The grid, computed as min + k·step so that it holds no drift.
        public var rhos: [Double] {
            let count = Int(((rhoMax - rhoMin) / rhoStep).rounded()) + 1
            return (0..<count).map { k in ((rhoMin + Double(k) * rhoStep) * 1e6).rounded() / 1e6 }
        }
    }

    public struct Curve: Sendable {
        public var activation: Activation
        public var rho: Double
        /// ‖∂L/∂H_t‖ / ‖∂L/∂H_T‖ at t = 0…T.
        public var ratios: [Double]
        /// γ‖W_hh‖₂ = γρ‖Q‖₂: the bound at t is this to the power T − t.
        public var boundBase: Double
    }

    public var config: Config
    public var seed: UInt64
    public var curves: [Curve]

    public init(config: Config = Config(), seed: UInt64) {
        self.config = config
        self.seed = seed
        var g = TorchGenerator(seed: seed)
        let c = config
        let all = Matrix<Double>.randn(c.steps * c.batch, c.inputs, using: &g)                      // (T·n, d)
        let xs = all.split(Array(repeating: c.batch, count: c.steps), dim: 0)                      // T of (n, d)
        let wXH = (1 / Double(c.inputs).squareRoot()) * Matrix<Double>.randn(c.inputs, c.hiddens, using: &g)  // (d, h)
        let q: Matrix<Double> = orthogonalWHH(hiddens: c.hiddens, scale: 1, using: &g)             // (h, h)
        let seedGradient = Matrix<Double>.randn(c.batch, c.hiddens, using: &g)                     // (n, h)
        let dHT = (1 / seedGradient.frobeniusNorm()) * seedGradient                                // (n, h), ‖·‖ = 1
        let qNorm = q.spectralNorm()
        let h0 = Matrix<Double>.zeros(c.batch, c.hiddens)                                           // (n, h)
        var curves: [Curve] = []
        for phi in c.activations {
            for rho in c.rhos {
                let params = RNNParameters<Double>(
                    wXH: wXH, wHH: rho * q,                                                         // (d, h), (h, h)
                    bH: .zeros(1, c.hiddens), wHQ: .zeros(c.hiddens, 1), bQ: .zeros(1, 1))          // outputs unused
                let forward = rnnForward(xs: xs, h0: h0, params: params, activation: phi)
                let norms = rnnStateGradients(forward: forward, wHH: params.wHH, activation: phi, dHT: dHT).norms
                let last = norms[c.steps]
                curves.append(Curve(activation: phi, rho: rho, ratios: norms.map { $0 / last },
                                    boundBase: phi.derivativeBound * rho * qNorm))
            }
        }
        self.curves = curves
    }
}
