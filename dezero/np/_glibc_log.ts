/**
 * glibc's `log`, bit for bit, for NumPy's legacy normal generator (which calls the C library's
 * `log`). glibc's `log` is not correctly rounded (it misses in about 7 of 10,000 inputs in
 * (0, 1)); V8's `Math.log` missed in none of the 300,000 we checked, so the two differ there.
 * This module runs glibc's algorithm (ARM's optimized-routines) as glibc's x86-64 build for CPUs
 * with FMA and AVX2 (most x86-64 CPUs since 2013) compiles it, its fused multiply-adds emulated
 * exactly.
 *
 * @module
 */

import { GLIBC_LOG_DATA } from "./_glibc_log_data.ts";

// A double's two 32-bit halves, to read and set its exponent.
const scratch = new Float64Array(1);
const halves = new Uint32Array(scratch.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: 1

const SPLIT = 134217729; // 2^27 + 1: Veltkamp's splitter for 53-bit doubles

/**
 * The fused multiply-add `a * b + c` with one rounding, as the FMA instruction gives it: the
 * product exactly (Dekker), its sum with `c` as `s` plus a tail (Knuth's two-sum), then `s` plus
 * the tail rounded, corrected where that sum is a tie that the tail's own rounding decided.
 * Exact while `|a|`, `|b|`, `|c|` stay below 2^995 and `a * b` is 0 or above 2^-969 in
 * magnitude (so the product's low part does not underflow), which holds for every use here.
 *
 * @param a a factor
 * @param b the other factor
 * @param c the addend
 *
 * @example
 * ```ts
 * import { fma } from "./_glibc_log.ts";
 * import assert from "node:assert/strict";
 * const x = 1 + 2 ** -30;
 * assert.equal(x * x - 1, 2 ** -29); // the product's 2^-60 is rounded away first
 * assert.equal(fma(x, x, -1), 2 ** -29 + 2 ** -60);
 * ```
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pLow = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = c + p;
  t = s - c;
  const sLow = c - (s - t) + (p - t);
  const tail = sLow + pLow;
  t = tail - sLow;
  const tailError = sLow - (tail - t) + (pLow - t);
  const sum = s + tail;
  if (tailError === 0) return sum;
  // tailError is not 0 only when c + p was inexact, so s is no cancellation's remainder and
  // |tail| is about an ulp of s: s + tail and every midpoint near it are multiples of ulp(tail),
  // which exceeds 2|tailError|. So the rounding of s + tail is right unless s + tail is itself
  // a midpoint, a tie that tailError breaks: the sum's error e is then half the gap to the
  // neighbour sum + 2e, which is a double exactly then.
  t = sum - s;
  const e = s - (sum - t) + (tail - t);
  if (e === 0 || sum + 2 * e - sum !== 2 * e) return sum;
  return tailError > 0 === e > 0 ? sum + 2 * e : sum;
}

const { ln2hi: LN2HI, ln2lo: LN2LO } = GLIBC_LOG_DATA;
const [A0, A1, A2, A3, A4] = GLIBC_LOG_DATA.poly;
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = GLIBC_LOG_DATA.poly1;
const TABLE = Float64Array.from(GLIBC_LOG_DATA.table.flat());

/**
 * glibc's `log(x)` (glibc 2.28 and later, x86-64 with FMA), bit for bit, for every double:
 * NaN for NaN and negatives, -Infinity for ±0, Infinity for Infinity.
 *
 * @param x any number
 *
 * @example
 * ```ts
 * import { glibcLog } from "./_glibc_log.ts";
 * import assert from "node:assert/strict";
 * assert.equal(glibcLog(1), 0);
 * assert.equal(glibcLog(0), -Infinity);
 * // One of the inputs where glibc's rounding differs from the correct one (Math.log's here).
 * assert.equal(glibcLog(0.3803550313855809), -0.9666501693219139);
 * assert.equal(Math.log(0.3803550313855809), -0.9666501693219138);
 * ```
 */
export function glibcLog(x: number): number {
  let kShift = 0;
  if (!(x >= 2.2250738585072014e-308 && x < Infinity)) {
    if (x === 0) return -Infinity;
    if (!(x > 0) || x === Infinity) return x < 0 ? NaN : x;
    // A subnormal: scale it into the normal range and take the scale off the exponent.
    x *= 2 ** 52;
    kShift = -52;
  }
  scratch[0] = x;
  const high = halves[HIGH];
  if (high >= 0x3fee0000 && high < 0x3ff10900) return logNear1(x);
  // x = 2^k z with z in [0x1.6p-1, 0x1.6p0), in the subinterval i of 128 (from glibc's bits).
  const offset = (high - 0x3fe60000) | 0;
  const i = (offset >>> 13) & 127;
  const k = (offset >> 20) + kShift;
  halves[HIGH] = high - (offset & 0xfff00000);
  const z = scratch[0];
  const invc = TABLE[2 * i];
  const logc = TABLE[2 * i + 1];
  // log(x) = k ln2 + log(c) + log1p(r), r = z/c - 1; the sums keep hi + lo exact.
  const w = k * LN2HI + logc; // exact: k * LN2HI needs at most 53 bits, and logc suits it
  const r = fma(z, invc, -1);
  const hi = w + r;
  const lo = fma(k, LN2LO, w - hi + r);
  const r2 = r * r;
  const p = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, p, fma(r2, A0, lo)) + hi;
}

/** glibc's path for x in [1 - 2^-4, 1 + 0x1.09p-4), where log(x) is small. */
function logNear1(x: number): number {
  const r = x - 1;
  const r2 = r * r;
  const r3 = r * r2;
  const a = fma(r2, B3, fma(r, B2, B1));
  const b = fma(r2, B6, fma(r, B5, B4));
  const c = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
  const poly = fma(fma(c, r3, b), r3, a);
  // r = rhi + rlo with rhi short enough that rhi * rhi is nearly exact; the products with
  // 2^27 and B0 = -0.5 are exact, so glibc's fused forms of these lines round as these do.
  const w = r * 2 ** 27;
  const rhi = r + w - w;
  const rlo = r - rhi;
  const square = rhi * rhi;
  const hi = square * B0 + r;
  const lo = fma(B0 * rlo, rhi + r, square * B0 + (r - hi));
  return hi + fma(r3, poly, lo);
}
