/**
 * `Math.exp` over a whole array, without a call per element: the kernel behind `np.exp`.
 *
 * `Math.exp` is compiled C that JIT code calls once per element, about 15–20 ns each. V8 (since it
 * took LLVM libc's exp in place of fdlibm's) returns the correctly rounded result: the double
 * nearest to e^x. So any method that provably finds the double nearest to e^x gives the same
 * bits. This loop computes e^x to about 2^-60 relative accuracy with a table and a short
 * polynomial, then checks that this is accurate enough to decide the rounding (Ziv's test): if
 * the whole interval where e^x must lie rounds to one double, that double is the answer. The
 * other inputs (about 1 in 100), and those whose result would overflow, be subnormal, NaN or
 * infinite, are left to `Math.exp`. tests/exp_kernel_test.ts compares the two bit for bit on a
 * million inputs.
 *
 * Before V8 took LLVM libc's exp (Deno 2.9.6 has it; Deno 2.9.0 and older do not), `Math.exp` was
 * fdlibm's, which is an ulp off the nearest double for about 9% of inputs. There this loop would
 * not give `Math.exp`'s bits, so `np.exp` uses it only where {@linkcode mathExpIsCorrectlyRounded}.
 *
 * The method (Tang's table-driven exp): x = (k/N)·ln2 + r with integer k and |r| ≤ ln2/(2N);
 * then e^x = 2^(k div N) · 2^((k mod N)/N) · e^r, the middle factor from a table.
 *
 * @module
 */

/** The table size N: 2^(j/N) for j = 0..N−1 (N = 2^LOG2_N). */
const LOG2_N = 8;
const N = 1 << LOG2_N;

/** |x| < 708 keeps e^x a normal double (e^-708 ≈ 3.3e-308 > 2^-1022); the rest go to Math.exp. */
const LIMIT = 708;
/** N/ln2, to find k = the integer nearest x·N/ln2. */
const N_OVER_LN2 = 369.3299304675746;
/** Adding and subtracting 1.5·2^52 rounds a double below 2^51 to the nearest integer. */
const SHIFT = 6755399441055744;
/** ln2/N to 35 significant bits (0x1.62e42fefcp-9): k·C1 is exact for |k| < 2^18. */
const C1 = 0.0027076061741126978;
/** ln2/N − C1, so that C1 + C2 is ln2/N to 2^-105. */
const C2 = -5.0411407304988844e-14;

/**
 * How far our e^x/2^(k div N), a number in [0.99, 2), may be from the exact value, plus the
 * rounding of the test itself (see the error budget at the end of expLoop): 5·2^-62.
 */
const ZIV_MARGIN = 1.0842021724855044e-18;

/**
 * 2^(j/N) as an unevaluated sum T_HI[j] + T_LO[j], accurate to about 2^-95, with T_HI the nearest
 * double. A first guess g from `**` (within an ulp) is raised to the N-th power in double-double
 * arithmetic: g^N = 2^j·(1 + d) means 2^(j/N) = g·(1 − d/N) up to terms in d² (d < 2^-43).
 */
const T_HI = new Float64Array(N);
const T_LO = new Float64Array(N);
for (let j = 0, twoJ = 1; j < N; j++, twoJ *= 2) {
  const g = 2 ** (j / N);
  let h = g;
  let l = 0;
  for (let s = 0; s < LOG2_N; s++) [h, l] = squareDD(h, l);
  const d = (h - twoJ + l) / twoJ; // h − twoJ is exact: h is within 2^-43 of twoJ
  const correction = -g * d / N;
  T_HI[j] = g + correction; // rounds g to the double nearest 2^(j/N)
  T_LO[j] = correction - (T_HI[j] - g); // what is left, exactly (Fast2Sum)
}

/** Elements per block of expLoop, and where a block notes the elements left to Math.exp. */
const BLOCK = 1024;
const LEFT_TO_MATH_EXP = new Int32Array(BLOCK);
/** Their inputs, kept so that `out` may be `a` itself (an in-place exp). */
const LEFT_X = new Float64Array(BLOCK);

/** 2^m at index m + 1022 for the m = k div N that |x| < LIMIT gives; built by exact doublings. */
const POW2 = new Float64Array(2045);
POW2[1022] = 1;
for (let i = 1023; i < POW2.length; i++) POW2[i] = POW2[i - 1] * 2;
for (let i = 1021; i >= 0; i--) POW2[i] = POW2[i + 1] / 2;

/** Splits a double into a high half (26 bits) and the rest, exactly (Veltkamp). */
function split(a: number): [number, number] {
  const c = 134217729 * a; // 2^27 + 1
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** (h + l)² as a double-double: h² exactly (Dekker's product) plus 2hl, renormalised. */
function squareDD(h: number, l: number): [number, number] {
  const p = h * h;
  const [a, b] = split(h);
  const e = ((a * a - p) + 2 * a * b) + b * b + 2 * h * l; // h² − p exactly, then 2hl
  const s = p + e;
  return [s, e - (s - p)];
}

/**
 * Writes `Math.exp(a[i])` into `out[i]` for every i, bit for bit.
 *
 * @param a the inputs
 * @param out where the results go: as long as `a` (it may be `a` itself)
 *
 * @example
 * ```ts
 * import { expLoop } from "./exp_kernel.ts";
 * import assert from "node:assert/strict";
 * const out = new Float64Array(3);
 * expLoop(new Float64Array([0, 0.5, -3]), out);
 * assert.deepEqual(Array.from(out), [1, Math.exp(0.5), Math.exp(-3)]);
 * ```
 */
export function expLoop(a: Float64Array, out: Float64Array): void {
  // Blocks of BLOCK elements: the elements that need Math.exp are noted and done after each
  // block, because a call inside the main loop makes V8 compile it into slower code.
  for (let start = 0; start < out.length; start += BLOCK) {
    const end = Math.min(out.length, start + BLOCK);
    let pending = 0;
    for (let i = start; i < end; i++) {
      const x = a[i];
      if (!(Math.abs(x) < LIMIT)) { // also NaN
        LEFT_X[pending] = x;
        LEFT_TO_MATH_EXP[pending++] = i;
        continue;
      }
      const kd = (x * N_OVER_LN2 + SHIFT) - SHIFT; // k, |k| < 2^18
      const k = kd | 0;
      const r = (x - kd * C1) - kd * C2; // x − k·ln2/N; the first subtraction is exact
      const hi = T_HI[k & (N - 1)]; // 2^(j/N), j = k mod N
      const tlo = T_LO[k & (N - 1)];
      // e^r − 1 − r by Taylor's series to r^5 (hi·r^6/6! is below 2^-65)
      const q = r * r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120))));
      // 2^(j/N)·e^r = hi + lo: lo is small (|lo| < 2^-8), so its rounding errors are too
      const lo = hi * r + (hi * q + tlo);
      // Ziv's test: the exact hi + lo lies within ZIV_MARGIN of the computed one. If both ends
      // of that interval round to the same double, so does e^x/2^m; scaling by 2^m is exact.
      const up = hi + (lo + ZIV_MARGIN);
      if (up !== hi + (lo - ZIV_MARGIN)) {
        LEFT_X[pending] = x;
        LEFT_TO_MATH_EXP[pending++] = i;
      }
      out[i] = up * POW2[(k >> LOG2_N) + 1022];
    }
    for (let p = 0; p < pending; p++) {
      out[LEFT_TO_MATH_EXP[p]] = Math.exp(LEFT_X[p]);
    }
  }
  // Error budget for hi + lo, relative to 1 (hi < 2, |r| < 2^-9.5, so r, hi·r and lo each have
  // half-ulps ≤ 2^-63, 2^-62, 2^-62): r's rounding (×hi: 2^-62), hi·r's rounding (2^-62), lo's
  // sum (2^-62), the dropped tlo·r (2^-62.5), the series and the table (< 2^-65): under
  // 3.9·2^-62. Rounding lo ± ZIV_MARGIN adds at most 2^-62 more; 5·2^-62 covers both.
}

/**
 * Inputs whose e^x fdlibm's exp does not round to the nearest double (found with Deno 2.8 and
 * checked with Python's `decimal`), and for which expLoop's own test decides the rounding.
 */
const PROBES = new Float64Array([
  0.9576773643493652,
  -0.3229241371154785,
  -0.2559298276901245,
  0.3569885492324829,
  -1.6314992904663086,
  -0.9834342002868652,
  -0.8777122497558594,
  1.213222622871399,
  -0.8326249122619629,
  -0.869288444519043,
  -0.1871016025543213,
  1.2173984050750732,
]);

/**
 * Whether this runtime's `Math.exp` gives the double nearest to e^x, as {@linkcode expLoop} does,
 * judged on inputs where the older fdlibm exp does not: then the two give the same bits.
 *
 * @example
 * ```ts
 * import { mathExpIsCorrectlyRounded } from "./exp_kernel.ts";
 * import assert from "node:assert/strict";
 * assert.equal(typeof mathExpIsCorrectlyRounded, "boolean");
 * ```
 */
export const mathExpIsCorrectlyRounded: boolean = (() => {
  const out = new Float64Array(PROBES.length);
  expLoop(PROBES, out);
  return PROBES.every((x, i) => out[i] === Math.exp(x));
})();
