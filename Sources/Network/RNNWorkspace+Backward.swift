import Tensor

// The backward passes of RNNWorkspace: the twins of `rnnBackward` and
// `rnnStateGradients` (BPTT.swift, the definition), with the numbered lines
// of BPTT.swift in the same order on the workspace's buffers.

extension RNNWorkspace {
    /// Backpropagation through time over the last forward pass: the twin of
    /// ``rnnBackward(xs:forward:params:activation:outputGradient:)``. Leaves
    /// ∂L/∂H_t in ``stateGradient(_:)`` and the parameter gradients in
    /// ``parameterGradients``; returns ‖∂L/∂H_t‖ for t = 0…T.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(outputGradient dO: OutputGradient<Scalar>) -> [Double] {
        let (n, d, h, q, T) = (batch, inputs, hiddens, outputs, steps)
        let size = n * h
        gWXH.update(repeating: 0, count: d * h); gWHH.update(repeating: 0, count: h * h); gBH.update(repeating: 0, count: h)
        gWHQ.update(repeating: 0, count: h * q); gBQ.update(repeating: 0, count: q)
        gs.update(repeating: 0, count: (T + 1) * size)
        let (dzBack, hsBack) = backBuffers ?? (Self.allocate(T * size), Self.allocate(T * size))
        if backBuffers == nil {
            backBuffers = (dzBack, hsBack)
            allocations += [dzBack, hsBack]
        }
        switch dO {
        case .finalState(let dHT):
            precondition(dHT.rows == n && dHT.cols == h, "RNNWorkspace.backward: ∂L/∂H_T \(dHT.shape), need (\(n), \(h))")
            dHT.scalars.withUnsafeBufferPointer { src in
                let gT = gs + T * size
                for k in 0..<size { gT[k] += src[k] }                                               // G_T += ∂L/∂H_T
            }
        case .everyStep(let all):
            precondition(all.count == T, "RNNWorkspace.backward: \(all.count) output gradients for \(T) steps")
        case .lastStep: break
        }
        for t in stride(from: T, through: 1, by: -1) {
            let hPrev = hs + (t - 1) * size, hNow = hs + t * size
            let z = zs + (t - 1) * size, g = gs + t * size
            if let dOt = dO.at(step: t, of: T) {
                precondition(dOt.rows == n && dOt.cols == q, "RNNWorkspace.backward: ∂L/∂O_\(t) \(dOt.shape), need (\(n), \(q))")
                dOt.scalars.withUnsafeBufferPointer { o in
                    let o = o.baseAddress!
                    ProductKernel.addProduct(rows: n, cols: h, terms: q, o, aRowStride: q, aTermStride: 1,
                                             UnsafePointer(wHQt), bRowStride: h, g, cRowStride: h)       // (1) G_t += ∂L/∂O_t W_hqᵀ
                    ProductKernel.addProduct(rows: h, cols: q, terms: n, UnsafePointer(hNow), aRowStride: 1, aTermStride: h,
                                             o, bRowStride: q, gWHQ, cRowStride: q)                     // (2) ∂W_hq += H_tᵀ ∂L/∂O_t
                    Self.addColumnSums(o, n, q, into: gBQ)                                              // (3) ∂b_q += 1ᵀ ∂L/∂O_t
                }
            }
            let back = (T - t) * size                                                                   // block T − t of the backward order
            let dzt = dzBack + back
            slopeTimesGradient(g, hNow, z, size, into: dzt)                                             // (4) D_t = G_t ⊙ φ′(Z_t)
            (hsBack + back).update(from: hPrev, count: size)
            ProductKernel.addProduct(rows: n, cols: h, terms: h, UnsafePointer(dzt), aRowStride: h, aTermStride: 1,
                                     packed: UnsafePointer(wHHtPacked), g - size, cRowStride: h)        // (8) G_(t−1) += D_t W_hhᵀ
        }
        // (5)–(7) for every step at once. Each of these gradients is its own
        // running sum, over t = T…1 and within a step over the batch rows in
        // ascending order: exactly the ascending term order of one product
        // over T·n terms whose blocks are stored from step T down to step 1.
        ProductKernel.addProduct(rows: d, cols: h, terms: T * n, UnsafePointer(xsBack), aRowStride: 1, aTermStride: d,
                                 UnsafePointer(dzBack), bRowStride: h, gWXH, cRowStride: h)             // (5) ∂W_xh += X_tᵀ D_t
        ProductKernel.addProduct(rows: h, cols: h, terms: T * n, UnsafePointer(hsBack), aRowStride: 1, aTermStride: h,
                                 UnsafePointer(dzBack), bRowStride: h, gWHH, cRowStride: h)             // (6) ∂W_hh += H_(t−1)ᵀ D_t
        Self.addColumnSums(UnsafePointer(dzBack), T * n, h, into: gBH)                                  // (7) ∂b_h += 1ᵀ D_t
        return (0...T).map { norm(gs + $0 * size, size) }
    }

    /// Propagates ∂L/∂H_T = `dHT` back to H_0 through the last forward pass:
    /// the twin of ``rnnStateGradients(forward:wHH:activation:dHT:)``.
    /// Leaves ∂L/∂H_t in ``stateGradient(_:)``; returns ‖∂L/∂H_t‖ for t = 0…T.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func stateGradientNorms(dHT: Matrix<Scalar>) -> [Double] {
        let (n, h, T) = (batch, hiddens, steps)
        let size = n * h
        precondition(dHT.rows == n && dHT.cols == h, "RNNWorkspace.stateGradientNorms: ∂L/∂H_T \(dHT.shape), need (\(n), \(h))")
        dHT.scalars.withUnsafeBufferPointer { (gs + T * size).update(from: $0.baseAddress!, count: size) }  // G_T
        for t in stride(from: T, through: 1, by: -1) {
            let g = gs + t * size
            slopeTimesGradient(g, hs + t * size, zs + (t - 1) * size, size, into: dz)                     // (4) D_t = G_t ⊙ φ′(Z_t)
            (g - size).update(repeating: 0, count: size)
            ProductKernel.addProduct(rows: n, cols: h, terms: h, UnsafePointer(dz), aRowStride: h, aTermStride: 1,
                                     packed: UnsafePointer(wHHtPacked), g - size, cRowStride: h)    // (8) G_(t−1) += D_t W_hhᵀ
        }
        return (0...T).map { norm(gs + $0 * size, size) }
    }

    /// ∂L/∂W_xh, ∂L/∂W_hh, ∂L/∂b_h, ∂L/∂W_hq, ∂L/∂b_q of the last
    /// ``backward(outputGradient:)``.
    public var parameterGradients: RNNParameters<Scalar> {
        let (d, h, q) = (inputs, hiddens, outputs)
        func m(_ p: UnsafeMutablePointer<Scalar>, _ r: Int, _ c: Int) -> Matrix<Scalar> {
            Matrix(rows: r, cols: c, scalars: Array(UnsafeBufferPointer(start: p, count: r * c)))
        }
        return RNNParameters(wXH: m(gWXH, d, h), wHH: m(gWHH, h, h), bH: m(gBH, 1, h), wHQ: m(gWHQ, h, q), bQ: m(gBQ, 1, q))
    }

    /// ‖∂L/∂W_xh‖, ‖∂L/∂W_hh‖, ‖∂L/∂b_h‖ of the last backward pass, without
    /// copying the gradients out (each as ``Matrix/frobeniusNorm()``).
    public var recurrentGradientNorms: (wXH: Double, wHH: Double, bH: Double) {
        (norm(gWXH, inputs * hiddens), norm(gWHH, hiddens * hiddens), norm(gBH, hiddens))
    }

    /// D = G ⊙ φ′(H, Z) into `dz`, entry by entry, φ′ from the output and
    /// the input as `Activation.derivative(output:input:)` (the case chosen
    /// once, outside the loop).
    @inline(__always)
    func slopeTimesGradient(_ g: UnsafeMutablePointer<Scalar>, _ y: UnsafeMutablePointer<Scalar>,
                            _ z: UnsafeMutablePointer<Scalar>, _ count: Int, into dz: UnsafeMutablePointer<Scalar>) {
        @inline(__always) func run(_ slope: (Scalar, Scalar) -> Scalar) {
            for k in 0..<count { dz[k] = g[k] * slope(y[k], z[k]) }
        }
        switch activation {
        case .identity: run { Activation.identity.derivative(output: $0, input: $1) }
        case .tanh: run { Activation.tanh.derivative(output: $0, input: $1) }
        case .relu: run { Activation.relu.derivative(output: $0, input: $1) }
        case .sigmoid: run { Activation.sigmoid.derivative(output: $0, input: $1) }
        }
    }

    /// c_j += a_0j + a_1j + … + a_(rows−1)j, in that order (`addColumnSums`).
    @inline(__always)
    static func addColumnSums(_ a: UnsafePointer<Scalar>, _ rows: Int, _ cols: Int, into c: UnsafeMutablePointer<Scalar>) {
        for i in 0..<rows {
            for j in 0..<cols { c[j] += a[i * cols + j] }
        }
    }
}
