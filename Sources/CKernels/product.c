// The product kernels for float and double, each compiled for baseline
// x86-64 and for AVX2, and the run-time choice between them. See
// include/CKernels.h for the contract and product_body.h for the method.
//
// Bit-exactness: the multiply and the add of every term stay two separate
// roundings (contraction into a fused multiply-add is switched off below,
// and the AVX2 variants are not compiled with FMA enabled), and every entry
// adds its terms in ascending order of the summed index, as the reference.
#pragma STDC FP_CONTRACT OFF

#include "CKernels.h"
#include <stdlib.h>
#include <string.h>

typedef double v4d __attribute__((vector_size(32)));
typedef float v8f __attribute__((vector_size(32)));

// MARK: double: tiles of 4 × 8; blocks of 64 rows × 256 terms × 512 columns
// (A block 128 KB in L2, B panel 16 KB in L1).
#define T double
#define V v4d
#define L 4
#define SPLAT(x) ((V){(x), (x), (x), (x)})
#define MC 64
#define KC 256
#define NC 512

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#define NAME(f) f##_f64_avx2
#include "product_body.h"
#undef NAME
#pragma clang attribute pop
#endif
#define NAME(f) f##_f64_base
#include "product_body.h"
#undef NAME

#undef T
#undef V
#undef L
#undef SPLAT
#undef MC
#undef KC
#undef NC

// MARK: float: tiles of 4 × 16; blocks of 128 rows × 256 terms × 1024 columns.
#define T float
#define V v8f
#define L 8
#define SPLAT(x) ((V){(x), (x), (x), (x), (x), (x), (x), (x)})
#define MC 128
#define KC 256
#define NC 1024

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#define NAME(f) f##_f32_avx2
#include "product_body.h"
#undef NAME
#pragma clang attribute pop
#endif
#define NAME(f) f##_f32_base
#include "product_body.h"
#undef NAME

#define MC_F64 64
#define KC_F64 256
#define NC_F64 512
#define MC_F32 128
#define KC_F32 256
#define NC_F32 1024

// MARK: Run-time choice

static int forced_isa = -1;

static int processor_has_avx2(void) {
#if defined(__x86_64__)
    static int has = -1;   // asked once; a race only writes the same value twice
    if (has < 0) {
        __builtin_cpu_init();
        has = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return has;
#else
    return 0;
#endif
}

int rnnk_isa(void) {
    int has = processor_has_avx2();
    return forced_isa < 0 ? has : (forced_isa && has);
}

int rnnk_set_isa(int isa) {
    forced_isa = isa < 0 ? -1 : (isa ? 1 : 0);
    return rnnk_isa();
}

// The packing buffers: on the stack for the small products of the lessons
// (up to 32 KB each), on the heap beyond.
#define STACK_BYTES 32768
// B is read in place, unpacked, when its width is a multiple of the tile
// width and either it fits in 64 KB or A has at most two tiles of rows (a
// batch of 8: each value of B is used twice, back to back): packing it
// would cost about as much as the product.
#define DIRECT_BYTES 65536

#if defined(__x86_64__)
#define CALL_AVX2(SFX) product_##SFX##_avx2
#else
#define CALL_AVX2(SFX) product_##SFX##_base   // never taken: rnnk_isa() is 0 here
#endif

#define DEFINE_ENTRY(SFX, T, MCX, KCX, NCX, LANES)                                                    \
    static void add_product_##SFX(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const T *a, ptrdiff_t a_row,   \
                                  ptrdiff_t a_col, const T *b, ptrdiff_t ldb, T *c, ptrdiff_t ldc,      \
                                  const T *packed) {                                                   \
        if (m <= 0 || n <= 0 || k <= 0) return;                                                        \
        ptrdiff_t kc = k < KCX ? k : KCX;                                                              \
        ptrdiff_t mc = (m < MCX ? m : MCX) + 4;                                                        \
        if (mc < 8) mc = 8;   /* the few-row path packs 8 rows */                                     \
        ptrdiff_t nc = (n < NCX ? n : NCX) + 2 * LANES;                                                \
        size_t abytes = (size_t)(mc * kc) * sizeof(T), bbytes = (size_t)(nc * kc) * sizeof(T);          \
        T astack[STACK_BYTES / sizeof(T)] __attribute__((aligned(64)));                                \
        T bstack[STACK_BYTES / sizeof(T)] __attribute__((aligned(64)));                                \
        T *abuf = abytes <= STACK_BYTES ? astack : aligned_alloc(64, (abytes + 63) / 64 * 64);         \
        T *bbuf = packed || bbytes <= STACK_BYTES ? bstack : aligned_alloc(64, (bbytes + 63) / 64 * 64); \
        if (!abuf || !bbuf) abort();                                                                   \
        int direct = n % (2 * LANES) == 0 && (m <= 2 * 4 || (size_t)(k * ldb) * sizeof(T) <= DIRECT_BYTES); \
        if (rnnk_isa()) CALL_AVX2(SFX)(m, n, k, a, a_row, a_col, b, ldb, c, ldc, abuf, bbuf, direct, packed); \
        else product_##SFX##_base(m, n, k, a, a_row, a_col, b, ldb, c, ldc, abuf, bbuf, direct, packed);      \
        if (abuf != astack) free(abuf);                                                                \
        if (bbuf != bstack) free(bbuf);                                                                \
    }

DEFINE_ENTRY(f64, double, MC_F64, KC_F64, NC_F64, 4)
DEFINE_ENTRY(f32, float, MC_F32, KC_F32, NC_F32, 8)

// The public entries. The packed layout is the same on both instruction
// sets (only the block sizes of the element type decide it).
#define DEFINE_PUBLIC(SFX, T)                                                                          \
    void rnnk_add_product_##SFX(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const T *a, ptrdiff_t a_row,     \
                                ptrdiff_t a_col, const T *b, ptrdiff_t ldb, T *c, ptrdiff_t ldc) {      \
        add_product_##SFX(m, n, k, a, a_row, a_col, b, ldb, c, ldc, NULL);                             \
    }                                                                                                  \
    ptrdiff_t rnnk_packed_size_##SFX(ptrdiff_t k, ptrdiff_t n) {                                       \
        return k <= 0 || n <= 0 ? 0 : packed_size_##SFX##_base(k, n);                                   \
    }                                                                                                  \
    void rnnk_pack_b_##SFX(ptrdiff_t k, ptrdiff_t n, const T *b, ptrdiff_t ldb, T *packed) {            \
        if (k > 0 && n > 0) pack_all_##SFX##_base(k, n, b, ldb, packed);                                 \
    }                                                                                                  \
    void rnnk_add_product_packed_##SFX(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const T *a,               \
                                       ptrdiff_t a_row, ptrdiff_t a_col, const T *packed, T *c,        \
                                       ptrdiff_t ldc) {                                                \
        add_product_##SFX(m, n, k, a, a_row, a_col, NULL, 0, c, ldc, packed);                          \
    }

DEFINE_PUBLIC(f64, double)
DEFINE_PUBLIC(f32, float)
