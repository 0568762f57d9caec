// The body of one product kernel, included by product.c once per element
// type and instruction set with these macros defined:
//   T       float or double        V      a 32-byte vector of T
//   L       lanes of V             NAME   the function name (a suffix pasted on)
//   SPLAT   x in every lane of V   MC, KC, NC  the block sizes
// It defines NAME(pack_a), NAME(pack_b), NAME(micro), NAME(product), and
// for 5 to 8 rows NAME(pack_a8), NAME(micro8), NAME(few_rows).
//
// The blocking is the classic one (Goto & van de Geijn): C is cut into
// MR × NR tiles held in registers; for each tile the inner loop runs over
// the summed index p in ascending order and adds a_ip · b_pj to every entry
// (multiply, then add: no fused multiply-add). Blocks of KC values of p, MC
// rows of A and NC columns of B are copied ("packed") into contiguous
// buffers first, so the tile loop reads memory in order; packing moves
// values, never sums them, and a block of p is finished for every entry
// before the next one starts, so each entry's additions stay in ascending
// order across blocks. Edge tiles run on a zero-padded copy of C.

#define MR 4
#define NR (2 * L)

// ap[p * MR + r] = op(A)[i0 + r][p0 + p], zero past the last row.
static void NAME(pack_a)(ptrdiff_t rows, ptrdiff_t kc, const T *a, ptrdiff_t a_row, ptrdiff_t a_col, T *ap) {
    for (ptrdiff_t i = 0; i < rows; i += MR) {
        if (i + MR <= rows && a_row == 1) {
            // A read transposed: the MR values of one p are contiguous.
            for (ptrdiff_t p = 0; p < kc; p++) memcpy(ap + p * MR, a + i + p * a_col, MR * sizeof(T));
        } else if (i + MR <= rows) {
            const T *a0 = a + i * a_row;
            for (ptrdiff_t p = 0; p < kc; p++)
                for (ptrdiff_t r = 0; r < MR; r++) ap[p * MR + r] = a0[r * a_row + p * a_col];
        } else for (ptrdiff_t p = 0; p < kc; p++) {
            for (ptrdiff_t r = 0; r < MR; r++) {
                ap[p * MR + r] = (i + r < rows) ? a[(i + r) * a_row + p * a_col] : (T)0;
            }
        }
        ap += MR * kc;
    }
}

// bp[p * NR + j] = B[p0 + p][j0 + j] per panel of NR columns, zero past the last column.
static void NAME(pack_b)(ptrdiff_t kc, ptrdiff_t cols, const T *b, ptrdiff_t ldb, T *bp) {
    for (ptrdiff_t j = 0; j < cols; j += NR) {
        ptrdiff_t w = cols - j < NR ? cols - j : NR;
        if (w == NR) {
            for (ptrdiff_t p = 0; p < kc; p++) memcpy(bp + p * NR, b + p * ldb + j, NR * sizeof(T));
            bp += NR * kc;
            continue;
        }
        for (ptrdiff_t p = 0; p < kc; p++) {
            const T *row = b + p * ldb + j;
            ptrdiff_t q = 0;
            for (; q < w; q++) bp[p * NR + q] = row[q];
            for (; q < NR; q++) bp[p * NR + q] = (T)0;
        }
        bp += NR * kc;
    }
}

// The MR × NR tile at c (rows ldc apart) += Σ_p ap[p] ⊗ bp[p], p ascending;
// the NR values of B for one p are contiguous, successive p `bs` apart.
static inline void NAME(micro)(ptrdiff_t kc, const T *ap, const T *bp, ptrdiff_t bs, T *c, ptrdiff_t ldc) {
    V c00, c01, c10, c11, c20, c21, c30, c31;
    memcpy(&c00, c + 0 * ldc, sizeof(V)); memcpy(&c01, c + 0 * ldc + L, sizeof(V));
    memcpy(&c10, c + 1 * ldc, sizeof(V)); memcpy(&c11, c + 1 * ldc + L, sizeof(V));
    memcpy(&c20, c + 2 * ldc, sizeof(V)); memcpy(&c21, c + 2 * ldc + L, sizeof(V));
    memcpy(&c30, c + 3 * ldc, sizeof(V)); memcpy(&c31, c + 3 * ldc + L, sizeof(V));
    for (ptrdiff_t p = 0; p < kc; p++) {
        V b0, b1;
        memcpy(&b0, bp, sizeof(V)); memcpy(&b1, bp + L, sizeof(V));
        V a0 = SPLAT(ap[0]), a1 = SPLAT(ap[1]), a2 = SPLAT(ap[2]), a3 = SPLAT(ap[3]);
        c00 = c00 + a0 * b0; c01 = c01 + a0 * b1;
        c10 = c10 + a1 * b0; c11 = c11 + a1 * b1;
        c20 = c20 + a2 * b0; c21 = c21 + a2 * b1;
        c30 = c30 + a3 * b0; c31 = c31 + a3 * b1;
        ap += MR;
        bp += bs;
    }
    memcpy(c + 0 * ldc, &c00, sizeof(V)); memcpy(c + 0 * ldc + L, &c01, sizeof(V));
    memcpy(c + 1 * ldc, &c10, sizeof(V)); memcpy(c + 1 * ldc + L, &c11, sizeof(V));
    memcpy(c + 2 * ldc, &c20, sizeof(V)); memcpy(c + 2 * ldc + L, &c21, sizeof(V));
    memcpy(c + 3 * ldc, &c30, sizeof(V)); memcpy(c + 3 * ldc + L, &c31, sizeof(V));
}

// The few-row path (4 < m ≤ 8, the batch of the lessons' RNN steps): one tile
// of 8 rows × L columns, A's 8 values of one p broadcast from an 8-row
// panel, B's L values of one p read once. Per p it does the same 8
// multiplies and 8 adds as the 4 × 2L tile, but each value of B is loaded
// once instead of once per 4 rows, and A stays in L1.
// ap[p * 8 + r] = op(A)[r][p0 + p], zero past the last row.
static void NAME(pack_a8)(ptrdiff_t rows, ptrdiff_t kc, const T *a, ptrdiff_t a_row, ptrdiff_t a_col, T *ap) {
    if (rows == 8 && a_row == 1) {
        for (ptrdiff_t p = 0; p < kc; p++) memcpy(ap + p * 8, a + p * a_col, 8 * sizeof(T));
        return;
    }
    if (rows == 8) {
        for (ptrdiff_t p = 0; p < kc; p++)
            for (ptrdiff_t r = 0; r < 8; r++) ap[p * 8 + r] = a[r * a_row + p * a_col];
        return;
    }
    for (ptrdiff_t p = 0; p < kc; p++) {
        ptrdiff_t r = 0;
        for (; r < rows; r++) ap[p * 8 + r] = a[r * a_row + p * a_col];
        for (; r < 8; r++) ap[p * 8 + r] = (T)0;
    }
}

// The 8 × L tile at c (rows ldc apart) += Σ_p ap[p] ⊗ bp[p], p ascending.
static inline void NAME(micro8)(ptrdiff_t kc, const T *ap, const T *bp, ptrdiff_t bs, T *c, ptrdiff_t ldc) {
    V c0, c1, c2, c3, c4, c5, c6, c7;
    memcpy(&c0, c + 0 * ldc, sizeof(V)); memcpy(&c1, c + 1 * ldc, sizeof(V));
    memcpy(&c2, c + 2 * ldc, sizeof(V)); memcpy(&c3, c + 3 * ldc, sizeof(V));
    memcpy(&c4, c + 4 * ldc, sizeof(V)); memcpy(&c5, c + 5 * ldc, sizeof(V));
    memcpy(&c6, c + 6 * ldc, sizeof(V)); memcpy(&c7, c + 7 * ldc, sizeof(V));
    // Unrolled 4 terms deep: fewer loop instructions per term, so the
    // front end keeps up with the two multiply and two add pipes (measured
    // 10–14 % faster at m = 8, h = 64 and 256; the order of the terms is unchanged).
    _Pragma("clang loop unroll_count(4)")
    for (ptrdiff_t p = 0; p < kc; p++) {
        V b0;
        memcpy(&b0, bp, sizeof(V));
        c0 = c0 + SPLAT(ap[0]) * b0; c1 = c1 + SPLAT(ap[1]) * b0;
        c2 = c2 + SPLAT(ap[2]) * b0; c3 = c3 + SPLAT(ap[3]) * b0;
        c4 = c4 + SPLAT(ap[4]) * b0; c5 = c5 + SPLAT(ap[5]) * b0;
        c6 = c6 + SPLAT(ap[6]) * b0; c7 = c7 + SPLAT(ap[7]) * b0;
        ap += 8;
        bp += bs;
    }
    memcpy(c + 0 * ldc, &c0, sizeof(V)); memcpy(c + 1 * ldc, &c1, sizeof(V));
    memcpy(c + 2 * ldc, &c2, sizeof(V)); memcpy(c + 3 * ldc, &c3, sizeof(V));
    memcpy(c + 4 * ldc, &c4, sizeof(V)); memcpy(c + 5 * ldc, &c5, sizeof(V));
    memcpy(c + 6 * ldc, &c6, sizeof(V)); memcpy(c + 7 * ldc, &c7, sizeof(V));
}

// C (m ≤ 8 rows) += op(A)·B over one block of kc terms and nc columns: B
// as `product` reads it (bp0 its first panel, panels `panel` apart, values
// of successive p `bs` apart), A packed by pack_a8 into ap. Tiles short of
// 8 rows or L columns run on a zero-padded copy of C.
static void NAME(few_rows)(ptrdiff_t m, ptrdiff_t nc, ptrdiff_t kc, const T *ap, const T *bp0, ptrdiff_t panel,
                           ptrdiff_t bs, T *c, ptrdiff_t ldc) {
    for (ptrdiff_t j = 0; j < nc; j += L) {
        const T *bp = bp0 + (j / NR) * panel + (j % NR);
        T *ct = c + j;
        ptrdiff_t w = nc - j < L ? nc - j : L;
        if (m == 8 && w == L) {
            NAME(micro8)(kc, ap, bp, bs, ct, ldc);
        } else {
            T tile[8 * L];
            for (ptrdiff_t r = 0; r < 8; r++)
                for (ptrdiff_t q = 0; q < L; q++) tile[r * L + q] = (r < m && q < w) ? ct[r * ldc + q] : (T)0;
            NAME(micro8)(kc, ap, bp, bs, tile, L);
            for (ptrdiff_t r = 0; r < m; r++)
                for (ptrdiff_t q = 0; q < w; q++) ct[r * ldc + q] = tile[r * L + q];
        }
    }
}

// B packed once for many products: for each block of NC columns (jc) and
// each block of KC terms (pc), the panels pack_b makes, at offset
// jc·k + pc·(nc rounded up to NR). `packed` must hold
// NAME(packed_size)(k, n) values.
__attribute__((unused)) static ptrdiff_t NAME(packed_size)(ptrdiff_t k, ptrdiff_t n) {
    ptrdiff_t full = n / NC * NC, rest = n - full;
    return k * full + k * ((rest + NR - 1) / NR * NR);
}

__attribute__((unused)) static void NAME(pack_all)(ptrdiff_t k, ptrdiff_t n, const T *b, ptrdiff_t ldb, T *packed) {
    for (ptrdiff_t jc = 0; jc < n; jc += NC) {
        ptrdiff_t nc = n - jc < NC ? n - jc : NC, npad = (nc + NR - 1) / NR * NR;
        for (ptrdiff_t pc = 0; pc < k; pc += KC) {
            ptrdiff_t kc = k - pc < KC ? k - pc : KC;
            NAME(pack_b)(kc, nc, b + pc * ldb + jc, ldb, packed + jc * k + pc * npad);
        }
    }
}

// `direct`: B is read where it is (its width a multiple of NR, small enough
// to stay in cache), not packed: the small products of the lessons.
// `packed` (or NULL): B already packed by NAME(pack_all), read from there.
static void NAME(product)(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const T *a, ptrdiff_t a_row, ptrdiff_t a_col,
                          const T *b, ptrdiff_t ldb, T *c, ptrdiff_t ldc, T *abuf, T *bbuf, int direct,
                          const T *packed) {
    for (ptrdiff_t jc = 0; jc < n; jc += NC) {
        ptrdiff_t nc = n - jc < NC ? n - jc : NC;
        for (ptrdiff_t pc = 0; pc < k; pc += KC) {
            ptrdiff_t kc = k - pc < KC ? k - pc : KC;
            if (packed) bbuf = (T *)packed + jc * k + pc * ((nc + NR - 1) / NR * NR);
            else if (!direct) NAME(pack_b)(kc, nc, b + pc * ldb + jc, ldb, bbuf);
            if (m > MR && m <= 8) {
                int in_place = direct && !packed;
                NAME(pack_a8)(m, kc, a + pc * a_col, a_row, a_col, abuf);
                NAME(few_rows)(m, nc, kc, abuf, in_place ? b + pc * ldb + jc : bbuf, in_place ? NR : NR * kc,
                               in_place ? ldb : NR, c + jc, ldc);
                continue;
            }
            for (ptrdiff_t ic = 0; ic < m; ic += MC) {
                ptrdiff_t mc = m - ic < MC ? m - ic : MC;
                NAME(pack_a)(mc, kc, a + ic * a_row + pc * a_col, a_row, a_col, abuf);
                for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
                    int in_place = direct && !packed;
                    const T *bp = in_place ? b + pc * ldb + jc + jr : bbuf + (jr / NR) * NR * kc;
                    ptrdiff_t bs = in_place ? ldb : NR;
                    for (ptrdiff_t ir = 0; ir < mc; ir += MR) {
                        const T *ap = abuf + (ir / MR) * MR * kc;
                        T *ct = c + (ic + ir) * ldc + jc + jr;
                        if (ir + MR <= mc && jr + NR <= nc) {
                            NAME(micro)(kc, ap, bp, bs, ct, ldc);
                        } else {
                            // An edge tile: run on a zero-padded copy, keep the valid part.
                            T tile[MR * NR];
                            ptrdiff_t h = mc - ir < MR ? mc - ir : MR, w = nc - jr < NR ? nc - jr : NR;
                            for (ptrdiff_t r = 0; r < MR; r++)
                                for (ptrdiff_t q = 0; q < NR; q++)
                                    tile[r * NR + q] = (r < h && q < w) ? ct[r * ldc + q] : (T)0;
                            NAME(micro)(kc, ap, bp, bs, tile, NR);
                            for (ptrdiff_t r = 0; r < h; r++)
                                for (ptrdiff_t q = 0; q < w; q++) ct[r * ldc + q] = tile[r * NR + q];
                        }
                    }
                }
            }
        }
    }
}

#undef MR
#undef NR
