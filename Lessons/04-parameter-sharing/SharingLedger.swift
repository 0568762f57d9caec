import Network
import Tensor

/// Which parameter storage a forward pass reads, step by step: the
/// measurement behind "the number of parameters does not grow with T".
///
/// Each step hands its five matrices to `record`; a matrix is identified by
/// the address of the memory holding its numbers (all of them stay alive
/// for the whole pass, so no address is reused). Buffers are numbered 1, 2,
/// 3, … in the order they are first read.
struct SharingLedger {
    /// The buffer numbers each step read: W_xh, W_hh, b_h, W_hq, b_q.
    private(set) var stepBuffers: [[Int]] = []
    /// How many scalars each distinct buffer holds, by number − 1.
    private(set) var bufferSizes: [Int] = []
    private var numbers: [UInt: Int] = [:]

    /// The distinct matrices read and the scalars they hold.
    var buffers: Int { bufferSizes.count }
    var scalars: Int { bufferSizes.reduce(0, +) }

    mutating func record(_ p: RNNParameters<Float>) {
        stepBuffers.append(p.named.map { number(of: $0.value) })
    }

    private mutating func number(of m: Matrix<Float>) -> Int {
        let address = m.scalars.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        if let known = numbers[address] { return known }
        bufferSizes.append(m.count)
        numbers[address] = bufferSizes.count
        return bufferSizes.count
    }

    /// What one forward pass read.
    struct Count: Equatable {
        var steps: Int
        var buffers: Int
        var scalars: Int
        /// The buffer numbers read by a few steps (the first three and the
        /// last), for the printed account.
        var sample: [StepRead]
    }

    /// The buffers one step read.
    struct StepRead: Equatable {
        var step: Int          // 1-based
        var buffers: [Int]
    }

    // BEGIN-QUOTE unroll
    /// Runs the RNN over the inputs, taking step t's parameters from
    /// `parameters(t)`, and records the storage every step reads.
    static func unroll(_ xs: [Matrix<Float>], h0: Matrix<Float>,
                       parameters: (Int) -> RNNParameters<Float>) -> (state: Matrix<Float>, ledger: SharingLedger) {
        var ledger = SharingLedger()
        var state = h0                                           // H_0 (n, h)
        for (t, x) in xs.enumerated() {
            let p = parameters(t)                                // this step's five matrices
            ledger.record(p)
            state = rnnStep(x: x, hPrev: state, params: p, activation: .tanh).h  // H_t (n, h)
            _ = state.matmul(p.wHQ).addingRow(p.bQ)              // O_t (n, q)
        }
        return (state, ledger)
    }

    /// The parameters read over T steps: the RNN (one set for all steps)
    /// and, for contrast, a network with its own copy for every step.
    static func measure(params: RNNParameters<Float>, xs: [Matrix<Float>]) -> (shared: SharingLedger, separate: SharingLedger) {
        let h0 = Matrix<Float>.zeros(xs[0].rows, params.hiddens)
        let shared = unroll(xs, h0: h0) { _ in params }
        let copies = xs.indices.map { _ in params.separateCopy() }   // T sets, T × the storage
        let separate = unroll(xs, h0: h0) { t in copies[t] }
        return (shared.ledger, separate.ledger)
    }
    // END-QUOTE unroll

    /// Counts for each T in `steps`: the first example of the drawn
    /// sequence, its inputs repeated to length T (the batch size changes the
    /// activations, never the parameters, so one example is enough).
    static func counts(params: RNNParameters<Float>, xs: [Matrix<Float>],
                       steps: [Int]) -> (shared: [Count], separate: [Count]) {
        var shared: [Count] = [], separate: [Count] = []
        for length in steps {
            let inputs = (0..<length).map { xs[$0 % xs.count].row(0) }   // (1, d) each
            let ledgers = measure(params: params, xs: inputs)
            shared.append(ledgers.shared.count(length))
            separate.append(ledgers.separate.count(length))
        }
        return (shared, separate)
    }

    func count(_ length: Int) -> Count {
        let shown = stepBuffers.count <= 4 ? Array(stepBuffers.indices) : [0, 1, 2, stepBuffers.count - 1]
        return Count(steps: length, buffers: buffers, scalars: scalars,
                     sample: shown.map { StepRead(step: $0 + 1, buffers: stepBuffers[$0]) })
    }
}

extension RNNParameters {
    /// The same values in new storage of their own (a plain copy would
    /// share the original's memory until one of them is changed).
    func separateCopy() -> RNNParameters {
        map { m in Matrix(rows: m.rows, cols: m.cols, scalars: m.scalars.withUnsafeBufferPointer { Array($0) }) }
    }
}
