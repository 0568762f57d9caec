import Tensor

/// The fast twin of ``rnnForward(xs:h0:params:activation:)``,
/// ``rnnBackward(xs:forward:params:activation:outputGradient:)`` and
/// ``rnnStateGradients(forward:wHH:activation:dHT:)``: the same arithmetic,
/// without the allocations. Those readable functions stay the definition;
/// this type only makes the sweeps of lesson 05 and the benchmark fast, and
/// NetworkTests/RNNWorkspaceTests.swift holds it to them bit for bit.
///
/// A workspace owns every buffer one forward pass and its backward pass
/// need, for one shape (T steps, batch n, inputs d, hiddens h, outputs q),
/// allocated once and reused for any number of parameter sets and inputs.
/// It runs the same operations in the same order as the readable path, per
/// entry:
///
///     Z_t = (X_t W_xh + H_(t−1) W_hh) + b_h      two products from zero, one add, then the bias
///     H_t = φ(Z_t),  O_t = H_t W_hq + b_q
///     D_t = G_t ⊙ φ′(H_t, Z_t),  G_(t−1) = (0 + D_t W_hhᵀ) + ∂L/∂O_(t−1) W_hqᵀ
///
/// with the products of `ProductKernel` (the kernels behind `Matrix`'s
/// products: every entry adds its terms in ascending order), φ and φ′ from
/// ``Activation`` and the norms from `Matrix.norm(of:)`. So every number it
/// returns equals the readable functions' with `==`.
///
/// Not thread-safe: give each thread its own workspace.
public final class RNNWorkspace<Scalar: TensorScalar> {
    public let steps: Int, batch: Int, inputs: Int, hiddens: Int, outputs: Int

    // One block per quantity, row-major, step after step.
    let xs: UnsafeMutablePointer<Scalar>        // X_1 … X_T, T·n·d
    let xsBack: UnsafeMutablePointer<Scalar>    // X_T … X_1, T·n·d (the order backward reads them in)
    let zs: UnsafeMutablePointer<Scalar>        // Z_1 … Z_T, T·n·h
    let hs: UnsafeMutablePointer<Scalar>        // H_0 … H_T, (T+1)·n·h
    let os: UnsafeMutablePointer<Scalar>        // O_1 … O_T, T·n·q
    let gs: UnsafeMutablePointer<Scalar>        // G_0 … G_T = ∂L/∂H_t, (T+1)·n·h
    let dz: UnsafeMutablePointer<Scalar>        // D_t, n·h
    // D_T … D_1 and H_(T−1) … H_0, each T·n·h, for the full backward pass
    // only (allocated on its first call: the state-only pass does not need them).
    var backBuffers: (dz: UnsafeMutablePointer<Scalar>, hs: UnsafeMutablePointer<Scalar>)?
    let tmp: UnsafeMutablePointer<Scalar>       // H_(t−1) W_hh, n·h
    // The parameters, W_hhᵀ and W_hqᵀ, and the parameter gradients.
    let wXH: UnsafeMutablePointer<Scalar>, wHH: UnsafeMutablePointer<Scalar>, bH: UnsafeMutablePointer<Scalar>
    let wHQ: UnsafeMutablePointer<Scalar>, bQ: UnsafeMutablePointer<Scalar>
    let wHHt: UnsafeMutablePointer<Scalar>, wHQt: UnsafeMutablePointer<Scalar>
    // W_hh and W_hhᵀ packed once per `load` for the kernels (`ProductKernel.pack`),
    // read by the two products of every step.
    let wHHPacked: UnsafeMutablePointer<Scalar>, wHHtPacked: UnsafeMutablePointer<Scalar>
    let gWXH: UnsafeMutablePointer<Scalar>, gWHH: UnsafeMutablePointer<Scalar>, gBH: UnsafeMutablePointer<Scalar>
    let gWHQ: UnsafeMutablePointer<Scalar>, gBQ: UnsafeMutablePointer<Scalar>
    var allocations: [UnsafeMutablePointer<Scalar>] = []

    /// The activation of the last forward pass.
    public private(set) var activation = Activation.identity
    /// Whether the last forward pass computed the outputs O_t.
    public private(set) var hasOutputs = false

    /// Buffers for T = `steps`, n = `batch`, d = `inputs`, h = `hiddens`,
    /// q = `outputs` (every size ≥ 1).
    public init(steps: Int, batch: Int, inputs: Int, hiddens: Int, outputs: Int) {
        precondition(steps >= 1 && batch >= 1 && inputs >= 1 && hiddens >= 1 && outputs >= 1,
                     "RNNWorkspace: every size must be ≥ 1, got T=\(steps) n=\(batch) d=\(inputs) h=\(hiddens) q=\(outputs)")
        (self.steps, self.batch, self.inputs, self.hiddens, self.outputs) = (steps, batch, inputs, hiddens, outputs)
        let (n, d, h, q, T) = (batch, inputs, hiddens, outputs, steps)
        var all: [UnsafeMutablePointer<Scalar>] = []
        func buffer(_ count: Int) -> UnsafeMutablePointer<Scalar> {
            let p = Self.allocate(count)
            all.append(p)
            return p
        }
        xs = buffer(T * n * d); xsBack = buffer(T * n * d); zs = buffer(T * n * h); hs = buffer((T + 1) * n * h); os = buffer(T * n * q)
        gs = buffer((T + 1) * n * h); dz = buffer(n * h); tmp = buffer(n * h)
        wXH = buffer(d * h); wHH = buffer(h * h); bH = buffer(h); wHQ = buffer(h * q); bQ = buffer(q)
        wHHt = buffer(h * h); wHQt = buffer(q * h)
        let packed = ProductKernel.packedCount(terms: h, cols: h, Scalar.self)
        wHHPacked = buffer(packed); wHHtPacked = buffer(packed)
        gWXH = buffer(d * h); gWHH = buffer(h * h); gBH = buffer(h); gWHQ = buffer(h * q); gBQ = buffer(q)
        allocations = all
    }

    deinit {
        for p in allocations { UnsafeMutableRawPointer(p).deallocate() }
    }

    /// `count` zeros on a cache-line boundary (a row of 8 doubles or 16 floats is one line).
    static func allocate(_ count: Int) -> UnsafeMutablePointer<Scalar> {
        let p = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Scalar>.stride, alignment: 64)
            .bindMemory(to: Scalar.self, capacity: count)
        p.initialize(repeating: 0, count: count)
        return p
    }

    // MARK: Loading

    /// Copies the parameters in (their shapes must match the workspace's).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func load(_ p: RNNParameters<Scalar>) {
        precondition(p.inputs == inputs && p.hiddens == hiddens && p.outputs == outputs,
                     "RNNWorkspace.load: parameters for d=\(p.inputs) h=\(p.hiddens) q=\(p.outputs), workspace d=\(inputs) h=\(hiddens) q=\(outputs)")
        copy(p.wXH, to: wXH); copy(p.wHH, to: wHH); copy(p.bH, to: bH); copy(p.wHQ, to: wHQ); copy(p.bQ, to: bQ)
        transpose(wHH, rows: hiddens, cols: hiddens, into: wHHt)
        transpose(wHQ, rows: hiddens, cols: outputs, into: wHQt)
        ProductKernel.pack(terms: hiddens, cols: hiddens, UnsafePointer(wHH), bRowStride: hiddens, into: wHHPacked)
        ProductKernel.pack(terms: hiddens, cols: hiddens, UnsafePointer(wHHt), bRowStride: hiddens, into: wHHtPacked)
    }

    /// Copies the inputs X_1 … X_T in, each (n, d), converted to `Scalar`
    /// entry by entry as ``Matrix/converted(to:)`` does.
    @_specialize(where Scalar == Float, Source == Double)
    @_specialize(where Scalar == Double, Source == Double)
    @_specialize(where Scalar == Float, Source == Float)
    public func loadInputs<Source: TensorScalar>(_ xs: [Matrix<Source>]) {
        precondition(xs.count == steps, "RNNWorkspace.loadInputs: \(xs.count) inputs for \(steps) steps")
        let size = batch * inputs
        for (t, x) in xs.enumerated() {
            precondition(x.rows == batch && x.cols == inputs, "RNNWorkspace.loadInputs: X_\(t + 1) \(x.shape), need (\(batch), \(inputs))")
            x.scalars.withUnsafeBufferPointer { src in
                let dst = self.xs + t * size, back = xsBack + (steps - 1 - t) * size
                for k in 0..<size { dst[k] = Scalar(src[k]); back[k] = dst[k] }
            }
        }
    }

    private func copy(_ m: Matrix<Scalar>, to p: UnsafeMutablePointer<Scalar>) {
        m.scalars.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: $0.count) }
    }

    private func transpose(_ a: UnsafeMutablePointer<Scalar>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Scalar>) {
        for i in 0..<rows {
            for j in 0..<cols { out[j * rows + i] = a[i * cols + j] }
        }
    }

    // MARK: Forward

    /// The forward pass over the loaded inputs and parameters from H_0 =
    /// `h0` (zeros when nil): the twin of ``rnnForward(xs:h0:params:activation:)``.
    /// With `outputs: false` the outputs O_t are skipped (a loss on the
    /// states alone never reads them).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(h0: Matrix<Scalar>? = nil, activation phi: Activation, outputs computeOutputs: Bool = true) {
        let (n, d, h, q) = (batch, inputs, hiddens, outputs)
        let size = n * h
        if let h0 {
            precondition(h0.rows == n && h0.cols == h, "RNNWorkspace.forward: H_0 \(h0.shape), need (\(n), \(h))")
            copy(h0, to: hs)
        } else {
            hs.update(repeating: 0, count: size)
        }
        // X_t W_xh for every t at once: row i of the product depends on row i
        // of X alone, so one (T·n, d)·(d, h) product gives each entry the
        // same sum, in the same order, as T products of (n, d)·(d, h).
        zs.update(repeating: 0, count: steps * size)
        ProductKernel.addProduct(rows: steps * n, cols: h, terms: d, UnsafePointer(xs), aRowStride: d, aTermStride: 1,
                                 UnsafePointer(wXH), bRowStride: h, zs, cRowStride: h)              // X_t W_xh
        for t in 1...steps {
            let hPrev = hs + (t - 1) * size, z = zs + (t - 1) * size, hNow = hs + t * size
            tmp.update(repeating: 0, count: size)
            ProductKernel.addProduct(rows: n, cols: h, terms: h, UnsafePointer(hPrev), aRowStride: h, aTermStride: 1,
                                     packed: UnsafePointer(wHHPacked), tmp, cRowStride: h)          // H_(t−1) W_hh
            switch phi {   // chosen once per step; each loop calls the scalar definition
            case .identity: Self.finishStep(z, tmp, bH, hNow, n, h) { Activation.identity.apply($0) }
            case .tanh: Self.finishStep(z, tmp, bH, hNow, n, h) { Activation.tanh.apply($0) }
            case .relu: Self.finishStep(z, tmp, bH, hNow, n, h) { Activation.relu.apply($0) }
            case .sigmoid: Self.finishStep(z, tmp, bH, hNow, n, h) { Activation.sigmoid.apply($0) }
            }
        }
        if computeOutputs {   // H_t W_hq + b_q, every step at once (rows independent, as above)
            os.update(repeating: 0, count: steps * n * q)
            ProductKernel.addProduct(rows: steps * n, cols: q, terms: h, UnsafePointer(hs + size), aRowStride: h, aTermStride: 1,
                                     UnsafePointer(wHQ), bRowStride: q, os, cRowStride: q)
            for i in 0..<(steps * n) {
                for j in 0..<q { os[i * q + j] += bQ[j] }
            }
        }
        activation = phi
        hasOutputs = computeOutputs
    }

    /// Z = (Z + T) + b_h row by row, H = φ(Z): the sum, the bias add and φ
    /// of `rnnStep`, in its order, in one loop.
    @inline(__always)
    static func finishStep(_ z: UnsafeMutablePointer<Scalar>, _ t: UnsafeMutablePointer<Scalar>, _ b: UnsafeMutablePointer<Scalar>,
                           _ hNow: UnsafeMutablePointer<Scalar>, _ n: Int, _ h: Int, _ phi: (Scalar) -> Scalar) {
        for i in 0..<n {
            for j in 0..<h {
                let k = i * h + j
                let v = (z[k] + t[k]) + b[j]
                z[k] = v
                hNow[k] = phi(v)
            }
        }
    }

    // MARK: Reading the results

    /// H_t for t = 0…T, (n, h).
    public func state(_ t: Int) -> Matrix<Scalar> { matrix(hs + t * batch * hiddens, batch, hiddens, index: t, of: 0...steps) }
    /// Z_t for t = 1…T, (n, h).
    public func preActivation(_ t: Int) -> Matrix<Scalar> {
        matrix(zs + (t - 1) * batch * hiddens, batch, hiddens, index: t, of: 1...steps)
    }
    /// O_t for t = 1…T, (n, q), if the forward pass computed the outputs.
    public func output(_ t: Int) -> Matrix<Scalar> {
        precondition(hasOutputs, "RNNWorkspace.output: the last forward pass skipped the outputs")
        return matrix(os + (t - 1) * batch * outputs, batch, outputs, index: t, of: 1...steps)
    }
    /// ∂L/∂H_t for t = 0…T, (n, h), from the last backward pass.
    public func stateGradient(_ t: Int) -> Matrix<Scalar> { matrix(gs + t * batch * hiddens, batch, hiddens, index: t, of: 0...steps) }

    /// The states H_1 … H_T of the last forward pass, one after the other
    /// (T·n·h values, each H_t row-major), for measurements along the pass.
    public func withStates<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: hs + batch * hiddens, count: steps * batch * hiddens))
    }

    func matrix(_ p: UnsafeMutablePointer<Scalar>, _ rows: Int, _ cols: Int, index t: Int, of range: ClosedRange<Int>) -> Matrix<Scalar> {
        precondition(range.contains(t), "RNNWorkspace: step \(t) outside \(range)")
        return Matrix(rows: rows, cols: cols, scalars: Array(UnsafeBufferPointer(start: p, count: rows * cols)))
    }

    /// ‖block‖ with `Matrix.norm(of:)`: the norm ``Matrix/frobeniusNorm()`` takes.
    func norm(_ p: UnsafeMutablePointer<Scalar>, _ count: Int) -> Double {
        Matrix<Scalar>.norm(of: UnsafeBufferPointer(start: p, count: count))
    }
}
