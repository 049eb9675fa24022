/**
 * The system's BLAS (OpenBLAS on Linux and Windows, Accelerate on macOS) through `Deno.dlopen`,
 * for `gemm`'s large products when the program was granted `--allow-ffi` (checked without a
 * prompt) and a library is found; never otherwise.
 *
 * Its numbers are NOT those of the book: a tuned BLAS splits and reorders each element's sum and
 * uses fused multiply-add, so results differ from the sequential sums in the last bits (within
 * the usual rounding bound, like NumPy 2.4's). Leave `--allow-ffi` out to get the book's numbers.
 *
 * @module
 */

/**
 * `out` (m×n) = `a` (m×k) @ `b` (k×n), row-major and contiguous, by the library's cblas_sgemm
 * or cblas_dgemm; false (and nothing done) when a dimension is too large for its 32-bit integers.
 */
export type BlasGemm = <T extends Float64Array | Float32Array>(
  m: number,
  n: number,
  k: number,
  a: T,
  b: T,
  out: T,
) => boolean;

/** The libraries tried, in order, by operating system. */
const CANDIDATES: Record<string, string[]> = {
  linux: ["libopenblas.so.0", "libopenblas.so"],
  darwin: ["/System/Library/Frameworks/Accelerate.framework/Accelerate"],
  windows: ["libopenblas.dll"],
};

/** CBLAS's enums: row-major order, no transposition. */
const ROW_MAJOR = 101;
const NO_TRANS = 111;

/** The LP64 CBLAS gemm: order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc. */
function signature(real: "f32" | "f64") {
  return {
    parameters: [
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      real,
      "buffer",
      "i32",
      "buffer",
      "i32",
      real,
      "buffer",
      "i32",
    ],
    result: "void",
  } as const;
}

let found: { gemm: BlasGemm; library: string } | null | undefined;

/** The largest dimension that LP64 CBLAS takes (its integers are 32-bit). */
const MAX_DIMENSION = 2 ** 31 - 1;

/**
 * The system BLAS's gemm and the library's name, or null: when `--allow-ffi` was not granted
 * (queried without a prompt), or no library was found. Looked up once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { systemBlas } from "./_blas.ts";
 *
 * // Without --allow-ffi, as under plain `deno test --doc`, there is none.
 * if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") {
 *   assert.equal(systemBlas(), null);
 * }
 * ```
 */
export function systemBlas(): { gemm: BlasGemm; library: string } | null {
  if (found !== undefined) return found;
  found = null;
  if (typeof Deno.dlopen !== "function") return found;
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return found;
  for (const library of CANDIDATES[Deno.build.os] ?? []) {
    let lib;
    try {
      lib = Deno.dlopen(library, {
        cblas_sgemm: signature("f32"),
        cblas_dgemm: signature("f64"),
      });
    } catch {
      continue; // not installed there, or without CBLAS
    }
    const { cblas_sgemm, cblas_dgemm } = lib.symbols;
    const gemm: BlasGemm = (m, n, k, a, b, out) => {
      if (Math.max(m, n, k) > MAX_DIMENSION) return false;
      if (m === 0 || n === 0) return true;
      const call = a instanceof Float32Array ? cblas_sgemm : cblas_dgemm;
      // Contiguous rows (CBLAS wants strides of at least 1); beta = 0: out is overwritten.
      const [lda, ldb] = [Math.max(1, k), Math.max(1, n)];
      call(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1, a, lda, b, ldb, 0, out, ldb);
      return true;
    };
    found = { gemm, library };
    break;
  }
  return found;
}
