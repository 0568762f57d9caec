import CKernels

// The bridge to the fast product kernels: the one place in the course where
// a matrix product touches raw memory. Everything else calls the readable
// forms of Matrix+Products.swift (`matmul`, `addProduct`,
// `addTransposedProduct`); they land here, and Float and Double go to the C
// kernels of Sources/CKernels (register-tiled, vectorised, AVX2 chosen at
// run time when the processor has it). The tests in
// TensorTests/ProductKernelTests.swift hold both instruction-set paths to the
// one plain reference, `Matrix.referenceAddProduct`, bit for bit: every
// entry adds its terms one at a time, in ascending order of the summed
// index, each product rounded before it is added.

extension Matrix {
    /// C += A·B on row-major arrays: A (m, k), B (k, n), C (m, n).
    @usableFromInline
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func addProductKernel(_ m: Int, _ k: Int, _ n: Int, _ a: [Scalar], _ b: [Scalar], _ c: inout [Scalar]) {
        product(rows: m, cols: n, terms: k, a, aRowStride: k, aTermStride: 1, b, &c)
    }

    /// C += Aᵀ·B on row-major arrays: A (m, k), B (m, n), C (k, n). Row p
    /// of Aᵀ is column p of A: element (p, i) sits at a[i·k + p].
    @usableFromInline
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func addTransposedProductKernel(_ m: Int, _ k: Int, _ n: Int, _ a: [Scalar], _ b: [Scalar], _ c: inout [Scalar]) {
        product(rows: k, cols: n, terms: m, a, aRowStride: 1, aTermStride: k, b, &c)
    }

    /// C (rows, cols) += op(A) (rows, terms) · B (terms, cols), with
    /// op(A)[i][p] = a[i·aRowStride + p·aTermStride].
    static func product(rows: Int, cols: Int, terms: Int, _ a: [Scalar], aRowStride: Int, aTermStride: Int,
                        _ b: [Scalar], _ c: inout [Scalar]) {
        guard rows > 0, cols > 0, terms > 0 else { return }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    ProductKernel.addProduct(rows: rows, cols: cols, terms: terms, a.baseAddress!, aRowStride: aRowStride,
                                             aTermStride: aTermStride, b.baseAddress!, bRowStride: cols,
                                             c.baseAddress!, cRowStride: cols)
                }
            }
        }
    }
}

/// The product kernels on raw memory, for code that keeps its matrices in
/// buffers of its own (the allocation-free RNN twin in Network,
/// `RNNWorkspace`). `Matrix`'s products call this same function, so both
/// give the same bits by construction.
public enum ProductKernel {
    /// C (rows, cols) += op(A) (rows, terms) · B (terms, cols), each entry
    /// adding its terms in ascending order of the summed index, every
    /// product rounded before it is added; op(A)[i][p] =
    /// a[i·aRowStride + p·aTermStride], B and C row-major with the given row
    /// strides. C must not overlap A or B.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func addProduct<Scalar: TensorScalar>(
        rows: Int, cols: Int, terms: Int, _ a: UnsafePointer<Scalar>, aRowStride: Int, aTermStride: Int,
        _ b: UnsafePointer<Scalar>, bRowStride: Int, _ c: UnsafeMutablePointer<Scalar>, cRowStride: Int
    ) {
        guard rows > 0, cols > 0, terms > 0 else { return }
        if Scalar.self == Double.self {
            rnnk_add_product_f64(rows, cols, terms, UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), aRowStride, aTermStride,
                                 UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), bRowStride,
                                 UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), cRowStride)
        } else if Scalar.self == Float.self {
            rnnk_add_product_f32(rows, cols, terms, UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), aRowStride, aTermStride,
                                 UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), bRowStride,
                                 UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), cRowStride)
        } else {
            // Any other scalar type: the definition, in the same order.
            for i in 0..<rows {
                for j in 0..<cols {
                    var s = c[i * cRowStride + j]
                    for p in 0..<terms { s += a[i * aRowStride + p * aTermStride] * b[p * bRowStride + j] }
                    c[i * cRowStride + j] = s
                }
            }
        }
    }
}

/// Which instruction set the product kernels use. They choose AVX2 when the
/// processor has it and baseline x86-64 (SSE2) otherwise; the tests and the
/// benchmark force one path or the other to compare them. Both give the same
/// bits.
public enum ProductKernelPath: Int, Sendable, CaseIterable {
    case baseline = 0
    case avx2 = 1

    /// The path the kernels take now.
    public static var current: ProductKernelPath { ProductKernelPath(rawValue: Int(rnnk_isa())) ?? .baseline }

    /// Forces `path` (AVX2 only where the processor has it), or with nil
    /// lets the processor decide again. Returns the path now in use. A
    /// process-wide setting: meant for tests and benchmarks.
    @discardableResult
    public static func force(_ path: ProductKernelPath?) -> ProductKernelPath {
        ProductKernelPath(rawValue: Int(rnnk_set_isa(Int32(path?.rawValue ?? -1)))) ?? .baseline
    }
}

extension ProductKernel {
    /// How many values the packed copy of a B (terms, cols) takes.
    public static func packedCount<Scalar: TensorScalar>(terms: Int, cols: Int, _: Scalar.Type) -> Int {
        if Scalar.self == Double.self { return rnnk_packed_size_f64(terms, cols) }
        if Scalar.self == Float.self { return rnnk_packed_size_f32(terms, cols) }
        return Swift.max(0, terms * cols)
    }

    /// Copies B (terms, cols), rows `bRowStride` apart, into `packed` (room
    /// for ``packedCount(terms:cols:_:)`` values) in the order the kernels
    /// read it: for many products with the same B, such as W_hh over the
    /// steps of one pass. Values are moved, never combined.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func pack<Scalar: TensorScalar>(terms: Int, cols: Int, _ b: UnsafePointer<Scalar>, bRowStride: Int,
                                                  into packed: UnsafeMutablePointer<Scalar>) {
        guard terms > 0, cols > 0 else { return }
        if Scalar.self == Double.self {
            rnnk_pack_b_f64(terms, cols, UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), bRowStride,
                            UnsafeMutableRawPointer(packed).assumingMemoryBound(to: Double.self))
        } else if Scalar.self == Float.self {
            rnnk_pack_b_f32(terms, cols, UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), bRowStride,
                            UnsafeMutableRawPointer(packed).assumingMemoryBound(to: Float.self))
        } else {
            for p in 0..<terms {
                for j in 0..<cols { packed[p * cols + j] = b[p * bRowStride + j] }
            }
        }
    }

    /// C (rows, cols) += op(A) · B with B given packed by
    /// ``pack(terms:cols:_:bRowStride:into:)``: the same bits as
    /// ``addProduct(rows:cols:terms:_:aRowStride:aTermStride:_:bRowStride:_:cRowStride:)``
    /// on the unpacked B (TensorTests/ProductKernelTests checks it).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func addProduct<Scalar: TensorScalar>(
        rows: Int, cols: Int, terms: Int, _ a: UnsafePointer<Scalar>, aRowStride: Int, aTermStride: Int,
        packed b: UnsafePointer<Scalar>, _ c: UnsafeMutablePointer<Scalar>, cRowStride: Int
    ) {
        guard rows > 0, cols > 0, terms > 0 else { return }
        if Scalar.self == Double.self {
            rnnk_add_product_packed_f64(rows, cols, terms, UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), aRowStride,
                                        aTermStride, UnsafeRawPointer(b).assumingMemoryBound(to: Double.self),
                                        UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), cRowStride)
        } else if Scalar.self == Float.self {
            rnnk_add_product_packed_f32(rows, cols, terms, UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), aRowStride,
                                        aTermStride, UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
                                        UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), cRowStride)
        } else {   // other scalar types pack B row-major: the definition
            addProduct(rows: rows, cols: cols, terms: terms, a, aRowStride: aRowStride, aTermStride: aTermStride,
                       b, bRowStride: cols, c, cRowStride: cRowStride)
        }
    }
}
