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
