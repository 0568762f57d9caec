// The matrix-product kernels of the course, in C: C += op(A)·B for row-major
// float and double matrices, register-tiled and vectorised, compiled twice
// (baseline x86-64 and AVX2) and chosen at run time by what the processor
// supports. Each entry of C still adds its terms one at a time in ascending
// order of the summed index, with a separate multiply and add (no fused
// multiply-add), so the result is bit for bit the plain triple loop's.
// Called from Tensor/Matrix+Kernels.swift; tested in TensorTests.
#ifndef RNNLESSONS_CKERNELS_H
#define RNNLESSONS_CKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// C (m, n) += op(A) (m, k) · B (k, n), every matrix row-major.
/// op(A)[i][p] = a[i * a_row + p * a_col]: (a_row, a_col) = (k, 1) reads A
/// as stored, (1, m) reads a stored (k, m) matrix transposed. B rows are
/// `ldb` elements apart, C rows `ldc`. C must not overlap A or B.
void rnnk_add_product_f64(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                          const double *a, ptrdiff_t a_row, ptrdiff_t a_col,
                          const double *b, ptrdiff_t ldb, double *c, ptrdiff_t ldc);
void rnnk_add_product_f32(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                          const float *a, ptrdiff_t a_row, ptrdiff_t a_col,
                          const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc);

/// B (k, n), rows `ldb` apart, copied once into the order the kernels
/// read it ("packed"), for many products with the same B (an RNN's W_hh,
/// once per pass): `packed` must hold rnnk_packed_size(k, n) values.
/// rnnk_add_product_packed then computes C += op(A)·B exactly as
/// rnnk_add_product does (the same bits: packing moves values, never sums
/// them), without reading or packing B again.
ptrdiff_t rnnk_packed_size_f64(ptrdiff_t k, ptrdiff_t n);
ptrdiff_t rnnk_packed_size_f32(ptrdiff_t k, ptrdiff_t n);
void rnnk_pack_b_f64(ptrdiff_t k, ptrdiff_t n, const double *b, ptrdiff_t ldb, double *packed);
void rnnk_pack_b_f32(ptrdiff_t k, ptrdiff_t n, const float *b, ptrdiff_t ldb, float *packed);
void rnnk_add_product_packed_f64(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                 const double *a, ptrdiff_t a_row, ptrdiff_t a_col,
                                 const double *packed, double *c, ptrdiff_t ldc);
void rnnk_add_product_packed_f32(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                 const float *a, ptrdiff_t a_row, ptrdiff_t a_col,
                                 const float *packed, float *c, ptrdiff_t ldc);

/// Which code path the kernels take: 1 AVX2, 0 baseline (SSE2).
int rnnk_isa(void);
/// Forces a path (for the tests and the benchmark): 0 baseline, 1 AVX2 if
/// the processor has it; -1 goes back to choosing by the processor. Returns
/// the path now in use.
int rnnk_set_isa(int isa);

#ifdef __cplusplus
}
#endif

#endif
