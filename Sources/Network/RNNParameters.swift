import Tensor

/// The five parameters of the book's RNN, shared by every time step:
/// H_t = φ(X_t W_xh + H_{t−1} W_hh + b_h),  O_t = H_t W_hq + b_q.
///
/// Glossary (book → code): X → `x`, H → `h`, O → `o`, W_xh → `wXH`,
/// W_hh → `wHH`, b_h → `bH`, W_hq → `wHQ`, b_q → `bQ`; d inputs, h hiddens,
/// q outputs, n batch, T steps. Lesson 04 (`sharing`) counts them.
public struct RNNParameters<Scalar: TensorScalar>: Equatable, Sendable {
    public var wXH: Matrix<Scalar>   // (d, h)
    public var wHH: Matrix<Scalar>   // (h, h)
    public var bH: Matrix<Scalar>    // (1, h)
    public var wHQ: Matrix<Scalar>   // (h, q)
    public var bQ: Matrix<Scalar>    // (1, q)

    public init(wXH: Matrix<Scalar>, wHH: Matrix<Scalar>, bH: Matrix<Scalar>, wHQ: Matrix<Scalar>, bQ: Matrix<Scalar>) {
        precondition(wHH.rows == wHH.cols && wXH.cols == wHH.rows, "W_xh \(wXH.shape) and W_hh \(wHH.shape): need (d, h) and (h, h)")
        precondition(bH.shape == Shape(1, wHH.cols), "b_h \(bH.shape): need (1, \(wHH.cols))")
        precondition(wHQ.rows == wHH.cols, "W_hq \(wHQ.shape): need (\(wHH.cols), q)")
        precondition(bQ.shape == Shape(1, wHQ.cols), "b_q \(bQ.shape): need (1, \(wHQ.cols))")
        self.wXH = wXH; self.wHH = wHH; self.bH = bH; self.wHQ = wHQ; self.bQ = bQ
    }

    public var inputs: Int { wXH.rows }
    public var hiddens: Int { wHH.rows }
    public var outputs: Int { wHQ.cols }

    /// d·h + h·h + h + h·q + q — independent of the number of steps.
    public var count: Int { Self.count(inputs: inputs, hiddens: hiddens, outputs: outputs) }

    public static func count(inputs d: Int, hiddens h: Int, outputs q: Int) -> Int {
        d * h + h * h + h + h * q + q
    }

    /// The same transformation applied to each of the five parameters:
    /// `p.map { $0.converted(to: Double.self) }` widens them,
    /// `g.map { s * $0 }` scales gradients, `p.map { .zeros($0.rows, $0.cols) }`
    /// makes the zero gradient. The results must keep the shapes an RNN needs.
    @inlinable
    public func map<Other>(_ f: (Matrix<Scalar>) -> Matrix<Other>) -> RNNParameters<Other> {
        RNNParameters<Other>(wXH: f(wXH), wHH: f(wHH), bH: f(bH), wHQ: f(wHQ), bQ: f(bQ))
    }

    /// Two parameter sets combined part by part: `p.zip(step, +)` is the
    /// update p + step, `p.zip(g) { $0 - η * $1 }` a gradient step.
    @inlinable
    public func zip(_ other: RNNParameters, _ f: (Matrix<Scalar>, Matrix<Scalar>) -> Matrix<Scalar>) -> RNNParameters {
        RNNParameters(wXH: f(wXH, other.wXH), wHH: f(wHH, other.wHH), bH: f(bH, other.bH),
                      wHQ: f(wHQ, other.wHQ), bQ: f(bQ, other.bQ))
    }

    /// The parameters in a fixed order with their book names, for reports,
    /// JSON and gradient bookkeeping.
    public var named: [(name: String, value: Matrix<Scalar>)] {
        [("W_xh", wXH), ("W_hh", wHH), ("b_h", bH), ("W_hq", wHQ), ("b_q", bQ)]
    }
}
