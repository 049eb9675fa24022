// AssemblyScript source of dezero/np/_gemm_wasm.ts (built by `deno task build-wasm`, see
// tools/build_wasm.ts). C = A @ B for row-major float32 or float64 matrices, with 128-bit SIMD.
//
// Every element of C is the sequential sum 0 + a[i,0]*b[0,j] + a[i,1]*b[1,j] + ..., each product
// and each sum rounded to the element type, with no fused multiply-add: the numbers of the plain
// triple loop, bit for bit. The speed comes from computing many elements at once (SIMD lanes run
// across j, a 4 x 3-vector tile of C lives in registers) and from cache blocking over i, j and p;
// the blocks over p run in increasing order and carry each partial sum through C, so no element
// ever sees its terms in another order.
//
// Blocking (after Goto and van de Geijn): B is packed by blocks of KC x NC into panels NR columns
// wide, A by blocks of MC x KC into panels MR rows high, and the micro-kernel multiplies one A
// panel by one B panel into an MR x NR tile of C.

/** Rows of the register tile. */
const MR: i32 = 4;
/** Depth of a block: a panel of B (KC x NR) stays in the L1 cache. */
const KC: i32 = 256;
/** Rows of A packed at once (a multiple of MR): the packed block stays in the L2 cache. */
const MC: i32 = 32 * MR;
/** Panels of B packed at once. */
const NC_PANELS: i32 = 64;

/** Vector lanes for an element type T: 4 for f32, 2 for f64. */
@inline function lanes<T>(): i32 {
  return 16 / sizeof<T>();
}

/** Columns of the register tile: three vectors. */
@inline function panelWidth<T>(): i32 {
  return 3 * lanes<T>();
}

/** Bytes of the workspace that `gemm` needs (packed blocks and a spare tile). */
function workspace<T>(): i32 {
  const nr = panelWidth<T>();
  return (KC * NC_PANELS * nr + MC * KC + MR * nr) * sizeof<T>();
}

/**
 * The 4 x NR tile at c (row stride ldc bytes) plus the product of the packed panels a (kc x 4,
 * one column of 4 after another) and b (kc x NR, row after row). The tile starts from +0 when
 * `first`, and from the partial sums stored in c otherwise.
 */
@inline function microKernel<T>(
  kc: i32,
  a: usize,
  b: usize,
  c: usize,
  ldc: usize,
  first: bool,
): void {
  const S = sizeof<T>();
  let c00: v128, c01: v128, c02: v128;
  let c10: v128, c11: v128, c12: v128;
  let c20: v128, c21: v128, c22: v128;
  let c30: v128, c31: v128, c32: v128;
  if (first) {
    const zero = v128.splat<T>(<T>0);
    c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = zero;
  } else {
    c00 = v128.load(c);
    c01 = v128.load(c, 16);
    c02 = v128.load(c, 32);
    c10 = v128.load(c + ldc);
    c11 = v128.load(c + ldc, 16);
    c12 = v128.load(c + ldc, 32);
    c20 = v128.load(c + 2 * ldc);
    c21 = v128.load(c + 2 * ldc, 16);
    c22 = v128.load(c + 2 * ldc, 32);
    c30 = v128.load(c + 3 * ldc);
    c31 = v128.load(c + 3 * ldc, 16);
    c32 = v128.load(c + 3 * ldc, 32);
  }
  for (let p = 0; p < kc; p++) {
    // One step p for the whole tile: a rank-1 update, a product then a sum per element.
    let x = v128.load_splat<T>(a);
    c00 = v128.add<T>(c00, v128.mul<T>(x, v128.load(b)));
    c01 = v128.add<T>(c01, v128.mul<T>(x, v128.load(b, 16)));
    c02 = v128.add<T>(c02, v128.mul<T>(x, v128.load(b, 32)));
    x = v128.load_splat<T>(a, S);
    c10 = v128.add<T>(c10, v128.mul<T>(x, v128.load(b)));
    c11 = v128.add<T>(c11, v128.mul<T>(x, v128.load(b, 16)));
    c12 = v128.add<T>(c12, v128.mul<T>(x, v128.load(b, 32)));
    x = v128.load_splat<T>(a, 2 * S);
    c20 = v128.add<T>(c20, v128.mul<T>(x, v128.load(b)));
    c21 = v128.add<T>(c21, v128.mul<T>(x, v128.load(b, 16)));
    c22 = v128.add<T>(c22, v128.mul<T>(x, v128.load(b, 32)));
    x = v128.load_splat<T>(a, 3 * S);
    c30 = v128.add<T>(c30, v128.mul<T>(x, v128.load(b)));
    c31 = v128.add<T>(c31, v128.mul<T>(x, v128.load(b, 16)));
    c32 = v128.add<T>(c32, v128.mul<T>(x, v128.load(b, 32)));
    a += 4 * S;
    b += 48;
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c, c02, 32);
  v128.store(c + ldc, c10);
  v128.store(c + ldc, c11, 16);
  v128.store(c + ldc, c12, 32);
  v128.store(c + 2 * ldc, c20);
  v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 2 * ldc, c22, 32);
  v128.store(c + 3 * ldc, c30);
  v128.store(c + 3 * ldc, c31, 16);
  v128.store(c + 3 * ldc, c32, 32);
}

/** Packs the kc x nc block at b (row stride ldb bytes) into panels of NR columns, zero-padded. */
function packB<T>(kc: i32, nc: i32, b: usize, ldb: usize, dst: usize): void {
  const S = <usize>sizeof<T>();
  const nr = panelWidth<T>();
  for (let j = 0; j < nc; j += nr) {
    const w = min(nr, nc - j);
    let src = b + <usize>j * S;
    for (let p = 0; p < kc; p++) {
      if (w == nr) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        v128.store(dst, v128.load(src, 32), 32);
      } else {
        for (let q = 0; q < nr; q++) {
          store<T>(dst + <usize>q * S, q < w ? load<T>(src + <usize>q * S) : <T>0);
        }
      }
      src += ldb;
      dst += 48;
    }
  }
}

/** Packs the mc x kc block at a (row stride lda bytes) into panels of MR rows, zero-padded. */
function packA<T>(mc: i32, kc: i32, a: usize, lda: usize, dst: usize): void {
  const S = <usize>sizeof<T>();
  for (let i = 0; i < mc; i += MR) {
    const h = min(MR, mc - i);
    const src = a + <usize>i * lda;
    for (let p = 0; p < kc; p++) {
      const at = src + <usize>p * S;
      for (let r = 0; r < MR; r++) {
        store<T>(dst + <usize>r * S, r < h ? load<T>(at + <usize>r * lda) : <T>0);
      }
      dst += <usize>MR * S;
    }
  }
}

/**
 * C = A @ B, with A m x k at a, B k x n at b and C m x n at c; lda, ldb and ldc are the row
 * strides in elements, `work` is `workspace<T>()` bytes of scratch memory.
 */
function gemm<T>(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
  work: usize,
): void {
  const S = <usize>sizeof<T>();
  const nr = panelWidth<T>();
  const NC = NC_PANELS * nr;
  const rowA = <usize>lda * S;
  const rowB = <usize>ldb * S;
  const rowC = <usize>ldc * S;
  const packedB = work;
  const packedA = packedB + <usize>(KC * NC) * S;
  const tile = packedA + <usize>(MC * KC) * S;
  const tileRow = <usize>nr * S;
  if (k == 0) {
    for (let i = 0; i < m; i++) memory.fill(c + <usize>i * rowC, 0, <usize>n * S);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const first = pc == 0;
      packB<T>(kc, nc, b + <usize>pc * rowB + <usize>jc * S, rowB, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA<T>(mc, kc, a + <usize>ic * rowA + <usize>pc * S, rowA, packedA);
        for (let jr = 0; jr < nc; jr += nr) {
          const w = min(nr, nc - jr);
          const panelB = packedB + <usize>(jr * kc) * S;
          for (let ir = 0; ir < mc; ir += MR) {
            const h = min(MR, mc - ir);
            const panelA = packedA + <usize>(ir * kc) * S;
            const at = c + <usize>(ic + ir) * rowC + <usize>(jc + jr) * S;
            if (h == MR && w == nr) {
              microKernel<T>(kc, panelA, panelB, at, rowC, first);
            } else {
              // An edge tile: computed whole in the spare tile, of which the part in C is kept.
              const bytes = <usize>w * S;
              if (!first) {
                for (let r = 0; r < h; r++) {
                  memory.copy(tile + <usize>r * tileRow, at + <usize>r * rowC, bytes);
                }
              }
              microKernel<T>(kc, panelA, panelB, tile, tileRow, first);
              for (let r = 0; r < h; r++) {
                memory.copy(at + <usize>r * rowC, tile + <usize>r * tileRow, bytes);
              }
            }
          }
        }
      }
    }
  }
}

/**
 * C = A @ B without packing, for products that packing would cost more than it saves (few rows of
 * A, or a short inner dimension: packing copies B whole and pads A to MR rows). Each element of C
 * is still 0 + a[i,0]*b[0,j] + a[i,1]*b[1,j] + ..., in that order with the same roundings as
 * `gemm`: four vectors of a row of C are summed in registers over all of p, then stored.
 */
function rows<T>(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  const S = <usize>sizeof<T>();
  const L = lanes<T>();
  const rowB = <usize>n * S;
  const rowA = <usize>k * S;
  const wide = n - n % (4 * L);
  const whole = n - n % L;
  for (let i = 0; i < m; i++) {
    const ai = a + <usize>i * rowA;
    const ci = c + <usize>i * rowB;
    let j = 0;
    for (; j < wide; j += 4 * L) {
      const zero = v128.splat<T>(<T>0);
      let c0 = zero, c1 = zero, c2 = zero, c3 = zero;
      let bp = b + <usize>j * S;
      for (let p = 0; p < k; p++) {
        const x = v128.load_splat<T>(ai + <usize>p * S);
        c0 = v128.add<T>(c0, v128.mul<T>(x, v128.load(bp)));
        c1 = v128.add<T>(c1, v128.mul<T>(x, v128.load(bp, 16)));
        c2 = v128.add<T>(c2, v128.mul<T>(x, v128.load(bp, 32)));
        c3 = v128.add<T>(c3, v128.mul<T>(x, v128.load(bp, 48)));
        bp += rowB;
      }
      const at = ci + <usize>j * S;
      v128.store(at, c0);
      v128.store(at, c1, 16);
      v128.store(at, c2, 32);
      v128.store(at, c3, 48);
    }
    for (; j < whole; j += L) {
      let c0 = v128.splat<T>(<T>0);
      let bp = b + <usize>j * S;
      for (let p = 0; p < k; p++) {
        c0 = v128.add<T>(c0, v128.mul<T>(v128.load_splat<T>(ai + <usize>p * S), v128.load(bp)));
        bp += rowB;
      }
      v128.store(ci + <usize>j * S, c0);
    }
    for (; j < n; j++) {
      let sum = <T>0;
      let bp = b + <usize>j * S;
      for (let p = 0; p < k; p++) {
        sum += load<T>(ai + <usize>p * S) * load<T>(bp);
        bp += rowB;
      }
      store<T>(ci + <usize>j * S, sum);
    }
  }
}

/** `rows` on float32 matrices. */
export function rows32(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  rows<f32>(m, n, k, a, b, c);
}

/** `rows` on float64 matrices. */
export function rows64(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  rows<f64>(m, n, k, a, b, c);
}

/** Edge of the square blocks in which `transpose` copies: a block of each side stays in L1. */
const TB: i32 = 32;

/** dst (cols x rows) = the transpose of src (rows x cols), both row-major, by square blocks. */
function transpose<T>(rowCount: i32, cols: i32, src: usize, dst: usize): void {
  const S = <usize>sizeof<T>();
  for (let i0 = 0; i0 < rowCount; i0 += TB) {
    const i1 = min(i0 + TB, rowCount);
    for (let j0 = 0; j0 < cols; j0 += TB) {
      const j1 = min(j0 + TB, cols);
      for (let i = i0; i < i1; i++) {
        let from = src + (<usize>i * <usize>cols + <usize>j0) * S;
        let to = dst + (<usize>j0 * <usize>rowCount + <usize>i) * S;
        for (let j = j0; j < j1; j++) {
          store<T>(to, load<T>(from));
          from += S;
          to += <usize>rowCount * S;
        }
      }
    }
  }
}

/** `transpose` of a float32 matrix. */
export function transpose32(rowCount: i32, cols: i32, src: usize, dst: usize): void {
  transpose<f32>(rowCount, cols, src, dst);
}

/** `transpose` of a float64 matrix. */
export function transpose64(rowCount: i32, cols: i32, src: usize, dst: usize): void {
  transpose<f64>(rowCount, cols, src, dst);
}

/** `gemm` on float32 matrices. */
export function gemm32(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
  work: usize,
): void {
  gemm<f32>(m, n, k, a, lda, b, ldb, c, ldc, work);
}

/** `gemm` on float64 matrices. */
export function gemm64(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
  work: usize,
): void {
  gemm<f64>(m, n, k, a, lda, b, ldb, c, ldc, work);
}

/** Bytes of scratch memory that one call needs, for elements of 4 or 8 bytes. */
export function workspaceBytes(elementBytes: i32): i32 {
  return elementBytes == 4 ? workspace<f32>() : workspace<f64>();
}

/** Rows of a panel of A: splits of m at its multiples are best. */
export function panelRows(): i32 {
  return MR;
}

/** Columns of a panel of B, for elements of 4 or 8 bytes: splits of n at its multiples are best. */
export function panelColumns(elementBytes: i32): i32 {
  return elementBytes == 4 ? panelWidth<f32>() : panelWidth<f64>();
}
