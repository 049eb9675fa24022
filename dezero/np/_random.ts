/**
 * NumPy's legacy random generator (`np.random.seed`, `np.random.RandomState`: MT19937 with
 * NumPy's legacy samplers), bit for bit, on numbers and Float64Arrays. The NDArray functions of
 * `np.random` are built on it.
 *
 * Normal samples take the logarithm as NumPy does on Linux with a CPU that has FMA and AVX2,
 * with glibc's `log` (`_glibc_log.ts`). Where NumPy's C library rounds `log` otherwise, its
 * normal samples differ from these in the last bit of a few: about 1 in 20,000 with glibc on
 * x86-64 CPUs without FMA and AVX2 (older or low-end ones), about 3 in 10,000 with a correctly
 * rounded `log` such as `Math.log`; macOS's and Windows' C libraries were not measured.
 *
 * @module
 */

import { describe, ValueError } from "./_errors.ts";
import { checkShape, EMPTY_SHAPE, NDArray, shapeSize } from "./_ndarray.ts";
import { allocate } from "./_dtypes.ts";
import { glibcLog } from "./_glibc_log.ts";

const N = 624; // MT19937's state words
const M = 397;
// The state and the constants as int32 (V8 keeps them in registers then, twice as fast as
// uint32); the bits are MT19937's.
const MATRIX_A = 0x9908b0df | 0;
const UPPER = 0x80000000 | 0;
const LOWER = 0x7fffffff;
const TEMPER_B = 0x9d2c5680 | 0;
const TEMPER_C = 0xefc60000 | 0;
const TWO_32 = 2 ** 32;
/** The largest magnitude of an int64 that a Float64Array holds exactly, as NDArray's int64. */
const INT64_EXACT = 2 ** 53 - 1;

/** The smallest 2^k - 1 at or above x, for a 32-bit x. */
function fillBits(x: number): number {
  x |= x >>> 1;
  x |= x >>> 2;
  x |= x >>> 4;
  x |= x >>> 8;
  x |= x >>> 16;
  return x >>> 0;
}

/**
 * The integers 0..rng (rng = rngHigh * 2^32 + rngLow) as NumPy's masked rejection draws them:
 * rng 0 draws nothing, rng below 2^32 one 32-bit word per try, larger rng one 64-bit word (the
 * first 32-bit draw is its high half).
 */
interface Bounds {
  readonly offset: number;
  readonly rngHigh: number;
  readonly rngLow: number;
  readonly maskHigh: number;
  readonly maskLow: number;
}

function bounds(offset: number, rngHigh: number, rngLow: number): Bounds {
  return rngHigh === 0
    ? { offset, rngHigh, rngLow, maskHigh: 0, maskLow: fillBits(rngLow) }
    : { offset, rngHigh, rngLow, maskHigh: fillBits(rngHigh), maskLow: 0xffffffff };
}

function checkInteger(where: string, name: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`${where}: ${name} must be an integer, got ${describe(value)}`);
  }
  if (!Number.isInteger(value)) {
    throw new TypeError(
      `${where}: ${name} must be an integer, got ${value} (NumPy truncates a float ${name}; ` +
        `pass Math.trunc(${name}) for that)`,
    );
  }
  return value;
}

/** The bounds of `randint(low, high)`, checked as NumPy checks them, plus the 2^53 limit. */
function randintBounds(low: unknown, high: unknown): Bounds {
  if (high === undefined) {
    const h = checkInteger("randint", "high", low);
    if (h <= 0) throw new ValueError("high <= 0 (randint(high) draws from 0 to high - 1)");
    return randintBounds(0, h);
  }
  const lo = checkInteger("randint", "low", low);
  const hi = checkInteger("randint", "high", high);
  if (lo < -INT64_EXACT) {
    throw new ValueError(
      `low is out of bounds for int64: ${lo} is below -(2**53 - 1), the most negative int64 ` +
        "stored exactly here",
    );
  }
  if (hi > 2 ** 53) {
    throw new ValueError(
      `high is out of bounds for int64: ${hi} is above 2**53, so randint could return an int64 ` +
        "above 2**53 - 1, which is not stored exactly here",
    );
  }
  if (lo >= hi) {
    throw new ValueError(`low >= high (${lo} >= ${hi}): randint draws from low to high - 1`);
  }
  // high - 1 - low is exact when below 2^53; above, BigInt gives its halves exactly.
  const rng = hi - 1 - lo;
  if (rng < 2 ** 53) return bounds(lo, Math.floor(rng / TWO_32), rng % TWO_32);
  const big = BigInt(hi) - 1n - BigInt(lo);
  return bounds(lo, Number(big >> 32n), Number(big & 0xffffffffn));
}

function checkOut(where: string, out: unknown): Float64Array {
  if (!(out instanceof Float64Array)) {
    throw new TypeError(`${where}: out must be a Float64Array, got ${describe(out)}`);
  }
  return out;
}

/** The range of `uniform(low, high)`, checked as NumPy checks it. */
function uniformRange(low: unknown, high: unknown): number {
  if (typeof low !== "number" || typeof high !== "number") {
    throw new TypeError(
      `uniform: low and high must be numbers, got ${describe(low)} and ${describe(high)}`,
    );
  }
  const range = high - low;
  if (!Number.isFinite(range)) {
    throw new ValueError(
      `Range exceeds valid bounds: high - low is ${range} for low ${low}, high ${high}; ` +
        "use finite bounds whose difference is finite",
    );
  }
  return range;
}

/**
 * A seed as NumPy's `_legacy_seeding` takes it: one integer, or a non-empty 1-d array of them,
 * each in [0, 2**32 - 1]. Returns the words for `init_by_array`, or the integer.
 */
function checkSeed(seed: unknown): number | Uint32Array {
  const range = "Seed must be between 0 and 2**32 - 1";
  const cast = (kind: string, v: number) =>
    `Cannot cast ${kind} from dtype('float64') to dtype('int64') according to the rule 'safe': ` +
    `seeds are integers in [0, 2**32 - 1], got ${v} (pass Math.trunc of it for an integer)`;
  if (typeof seed === "number") {
    if (!Number.isInteger(seed)) throw new TypeError(cast("scalar", seed));
    if (seed < 0 || seed > 0xffffffff) throw new ValueError(`${range}, got ${seed}`);
    return seed;
  }
  if (!Array.isArray(seed) && !(ArrayBuffer.isView(seed) && !(seed instanceof DataView))) {
    throw new TypeError(
      `seed must be an integer in [0, 2**32 - 1], an array of them, or undefined (fresh ` +
        `entropy), got ${describe(seed)}`,
    );
  }
  const items = seed as ArrayLike<unknown>;
  if (items.length === 0) throw new ValueError("Seed must be non-empty: pass at least one integer");
  const words = new Uint32Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (Array.isArray(v)) throw new ValueError("Seed array must be 1-d: pass a flat array");
    if (typeof v !== "number") {
      throw new TypeError(`seed[${i}] must be an integer in [0, 2**32 - 1], got ${describe(v)}`);
    }
    if (!Number.isInteger(v)) throw new TypeError(cast("array data", v));
    if (v < 0 || v > 0xffffffff) throw new ValueError(`${range}, got seed[${i}] = ${v}`);
    words[i] = v;
  }
  return words;
}

/**
 * NumPy's legacy `RandomState`: the Mersenne Twister MT19937 seeded as `np.random.seed` seeds
 * it, with NumPy's legacy samplers, so that the same seed gives NumPy's numbers bit for bit.
 * Methods that return one number draw as NumPy's scalar calls do; the `fill` methods draw as
 * NumPy's calls with a `size` do (the same sequence, element by element in C order).
 *
 * @example
 * ```ts
 * import { RandomState } from "./_random.ts";
 * import assert from "node:assert/strict";
 * const rs = new RandomState(0); // np.random.seed(0)
 * assert.deepEqual(
 *   Array.from(rs.fillRandomSample(new Float64Array(3)), (v) => v.toFixed(8)),
 *   ["0.54881350", "0.71518937", "0.60276338"], // np.random.rand(3)
 * );
 * ```
 */
export class RandomState {
  #key = new Int32Array(N);
  #pos = N;
  #hasGauss = false;
  #gauss = 0;

  /**
   * A generator seeded with `seed` (see {@link RandomState.seed}); without one, from fresh
   * entropy.
   *
   * @param seed an integer in [0, 2**32 - 1], a non-empty array of them, or undefined
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new RandomState(42).randomSample(), new RandomState(42).randomSample());
   * ```
   */
  constructor(seed?: number | ArrayLike<number>) {
    this.seed(seed);
  }

  /**
   * Seeds the generator as `np.random.seed(seed)`: an integer with MT19937's `init_genrand`, an
   * array of integers with `init_by_array`, undefined with 624 fresh words from
   * `crypto.getRandomValues`. Forgets the cached normal sample, as NumPy does.
   *
   * @param seed an integer in [0, 2**32 - 1], a non-empty array of them, or undefined
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const rs = new RandomState();
   * rs.seed([1, 2, 3]); // np.random.seed([1, 2, 3])
   * const a = rs.nextUint32();
   * rs.seed([1, 2, 3]);
   * assert.equal(rs.nextUint32(), a);
   * assert.throws(() => rs.seed(-1), /Seed must be between 0 and 2\*\*32 - 1/);
   * ```
   */
  seed(seed?: number | ArrayLike<number>): void {
    const key = this.#key;
    if (seed === undefined) {
      crypto.getRandomValues(key);
      key[0] = UPPER; // as NumPy: the state must not be all zero
    } else {
      const s = checkSeed(seed);
      if (typeof s === "number") this.#initGenrand(s);
      else this.#initByArray(s);
    }
    this.#pos = N;
    this.#hasGauss = false;
    this.#gauss = 0;
  }

  #initGenrand(s: number): void {
    const key = this.#key;
    key[0] = s;
    for (let i = 1; i < N; i++) {
      const prev = key[i - 1];
      key[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
  }

  #initByArray(words: Uint32Array): void {
    const key = this.#key;
    this.#initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, words.length); k > 0; k--) {
      const prev = key[i - 1];
      key[i] = (key[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + words[j] + j;
      i++;
      j++;
      if (i >= N) {
        key[0] = key[N - 1];
        i = 1;
      }
      if (j >= words.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = key[i - 1];
      key[i] = (key[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        key[0] = key[N - 1];
        i = 1;
      }
    }
    key[0] = UPPER;
  }

  #twist(): void {
    const key = this.#key;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (key[i] & UPPER) | (key[i + 1] & LOWER);
      key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      const y = (key[i] & UPPER) | (key[i + 1] & LOWER);
      key[i] = key[i + M - N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    const y = (key[N - 1] & UPPER) | (key[0] & LOWER);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.#pos = 0;
  }

  /**
   * The next 32-bit output of MT19937, an integer in [0, 2**32 - 1] (NumPy's `next_uint32`).
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * // MT19937's reference output for init_genrand(5489).
   * assert.equal(new RandomState(5489).nextUint32(), 3499211612);
   * ```
   */
  nextUint32(): number {
    if (this.#pos === N) this.#twist();
    let y = this.#key[this.#pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & TEMPER_B;
    y ^= (y << 15) & TEMPER_C;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A double in [0, 1) from 53 random bits of two draws (`np.random.random_sample()`, NumPy's
   * `legacy_double`).
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new RandomState(0).randomSample(), 0.5488135039273248);
   * ```
   */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A standard normal sample (`np.random.randn()`, NumPy's `legacy_gauss`): Marsaglia's polar
   * method, which makes two samples from one accepted pair; it returns one and caches the other
   * for the next call. Other draws leave the cache alone; seeding empties it.
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const rs = new RandomState(0);
   * assert.equal(rs.gauss(), 1.764052345967664); // np.random.seed(0); np.random.randn()
   * ```
   */
  gauss(): number {
    if (this.#hasGauss) {
      this.#hasGauss = false;
      const cached = this.#gauss;
      this.#gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * glibcLog(r2)) / r2);
    this.#gauss = f * x1;
    this.#hasGauss = true;
    return f * x2;
  }

  /**
   * A double in [low, high) (`np.random.uniform(low, high)`): `low + (high - low) * sample`.
   * As in NumPy, low may exceed high; `high - low` must be finite.
   *
   * @param low the lower bound (default 0)
   * @param high the upper bound (default 1)
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const v = new RandomState(0).uniform(-1, 1);
   * assert.equal(v, -1 + 2 * new RandomState(0).randomSample());
   * ```
   */
  uniform(low = 0, high = 1): number {
    const range = uniformRange(low, high);
    return low + range * this.randomSample();
  }

  /**
   * An integer in [0, max] (NumPy's `random_interval`, which `shuffle` and `permutation` use):
   * masked rejection with 32-bit draws when max < 2**32, 64-bit draws above.
   *
   * @param max an integer in [0, 2**53]
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const rs = new RandomState(7);
   * const v = rs.interval(9);
   * assert.ok(Number.isInteger(v) && v >= 0 && v <= 9);
   * ```
   */
  interval(max: number): number {
    checkInteger("interval", "max", max);
    if (max < 0 || max > 2 ** 53) {
      throw new ValueError(`interval: max must be in [0, 2**53], got ${max}`);
    }
    return this.#interval(max);
  }

  /** offset + an integer in [0, rngHigh * 2^32 + rngLow], as {@link Bounds} describes. */
  #masked(offset: number, rngHigh: number, rngLow: number, maskHigh: number, maskLow: number) {
    if (rngHigh === 0) {
      if (rngLow === 0) return offset;
      let v: number;
      do v = (this.nextUint32() & maskLow) >>> 0; while (v > rngLow);
      return offset + v;
    }
    let high: number;
    let low: number;
    do {
      high = (this.nextUint32() & maskHigh) >>> 0;
      low = this.nextUint32();
    } while (high > rngHigh || (high === rngHigh && low > rngLow));
    // offset + high * 2^32 lies between offset and the result, so both sums are exact.
    return offset + high * TWO_32 + low;
  }

  #draw(b: Bounds): number {
    return this.#masked(b.offset, b.rngHigh, b.rngLow, b.maskHigh, b.maskLow);
  }

  /** `interval(max)` for a checked max. */
  #interval(max: number): number {
    if (max < TWO_32) return this.#masked(0, 0, max, 0, fillBits(max));
    const high = Math.floor(max / TWO_32);
    return this.#masked(0, high, max % TWO_32, fillBits(high), 0xffffffff);
  }

  /**
   * An integer in [low, high) as `np.random.randint(low, high)` draws it for the default dtype
   * int64 (masked rejection). `randint(high)` draws from [0, high). The results must be int64s
   * that a Float64Array holds exactly: low >= -(2**53 - 1) and high <= 2**53.
   *
   * @param low the lowest value, or the bound `high` when `high` is left out
   * @param high one above the highest value
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const rs = new RandomState(0);
   * assert.deepEqual([rs.randint(10), rs.randint(10), rs.randint(10)], [5, 0, 3]);
   * assert.throws(() => rs.randint(5, 5), /low >= high/);
   * ```
   */
  randint(low: number, high?: number): number {
    return this.#draw(randintBounds(low, high));
  }

  /**
   * Fills `out` with `np.random.random_sample(out.length)` (also `np.random.rand`).
   *
   * @param out where the samples go
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const out = new RandomState(1).fillRandomSample(new Float64Array(2));
   * assert.deepEqual(Array.from(out), [0.417022004702574, 0.7203244934421581]);
   * ```
   */
  fillRandomSample(out: Float64Array): Float64Array {
    checkOut("fillRandomSample", out);
    for (let i = 0; i < out.length; i++) out[i] = this.randomSample();
    return out;
  }

  /**
   * Fills `out` with `np.random.randn(out.length)` (also `np.random.standard_normal`).
   *
   * @param out where the samples go
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const out = new RandomState(0).fillGauss(new Float64Array(2));
   * assert.deepEqual(Array.from(out), [1.764052345967664, 0.4001572083672233]);
   * ```
   */
  fillGauss(out: Float64Array): Float64Array {
    checkOut("fillGauss", out);
    for (let i = 0; i < out.length; i++) out[i] = this.gauss();
    return out;
  }

  /**
   * Fills `out` with `np.random.uniform(low, high, out.length)`.
   *
   * @param out where the samples go
   * @param low the lower bound (default 0)
   * @param high the upper bound (default 1)
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const out = new RandomState(0).fillUniform(new Float64Array(3), 5, 6);
   * assert.ok(out.every((v) => v >= 5 && v < 6));
   * ```
   */
  fillUniform(out: Float64Array, low = 0, high = 1): Float64Array {
    checkOut("fillUniform", out);
    const range = uniformRange(low, high);
    for (let i = 0; i < out.length; i++) out[i] = low + range * this.randomSample();
    return out;
  }

  /**
   * Fills `out` with `np.random.randint(low, high, out.length)` (dtype int64; see
   * {@link RandomState.randint}); `fillRandint(out, high)` draws from [0, high).
   *
   * @param out where the integers go
   * @param low the lowest value, or the bound `high` when `high` is left out
   * @param high one above the highest value
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * // np.random.seed(0); np.random.randint(10, size=3)
   * const out = new RandomState(0).fillRandint(new Float64Array(3), 10);
   * assert.deepEqual(Array.from(out), [5, 0, 3]);
   * ```
   */
  fillRandint(out: Float64Array, low: number, high?: number): Float64Array {
    checkOut("fillRandint", out);
    const b = randintBounds(low, high);
    for (let i = 0; i < out.length; i++) out[i] = this.#draw(b);
    return out;
  }

  /**
   * `np.random.permutation(n)`: 0, 1, ..., n - 1 shuffled as {@link RandomState.shuffleRows}
   * shuffles them. As in NumPy (whose `np.arange(n)` is empty then), a negative n gives an empty
   * array.
   *
   * @param n how many integers
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const p = new RandomState(0).permutation(5);
   * assert.deepEqual(Array.from(p).sort(), [0, 1, 2, 3, 4]);
   * ```
   */
  permutation(n: number): Float64Array {
    if (typeof n !== "number" || !Number.isInteger(n)) {
      throw new TypeError(
        `permutation: x must be an integer or at least 1-dimensional, got ${describe(n)}`,
      );
    }
    const out = new Float64Array(Math.max(n, 0));
    for (let i = 0; i < out.length; i++) out[i] = i;
    this.shuffleRows([out.length], (i, j) => {
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    });
    return out;
  }

  /**
   * NumPy's legacy `shuffle` of an array of shape `shape` along its first axis, as a sequence of
   * row swaps: for i from shape[0] - 1 down to 1, j = `interval(i)`, then `swap(i, j)` (not
   * called when j is i, a swap that changes nothing). The caller swaps rows i and j of its
   * array. As in NumPy, an array without elements (e.g. shape [5, 0]) draws nothing.
   *
   * @param shape the array's shape (at least one axis)
   * @param swap swaps rows i and j
   *
   * @example
   * ```ts
   * import { RandomState } from "./_random.ts";
   * import assert from "node:assert/strict";
   * const rows = ["a", "b", "c", "d"];
   * new RandomState(0).shuffleRows([rows.length], (i, j) => {
   *   [rows[i], rows[j]] = [rows[j], rows[i]];
   * });
   * assert.deepEqual([...rows].sort(), ["a", "b", "c", "d"]);
   * ```
   */
  shuffleRows(shape: readonly number[], swap: (i: number, j: number) => void): void {
    if (!Array.isArray(shape)) {
      throw new TypeError(`shuffleRows: shape must be an array of lengths, got ${describe(shape)}`);
    }
    if (shape.length === 0) {
      throw new TypeError("len() of unsized object: shuffle needs an array with at least one axis");
    }
    let size = 1;
    for (const n of shape) {
      if (!Number.isInteger(n) || n < 0) {
        throw new ValueError(
          `shuffleRows: shape must hold integers >= 0, got [${shape.map(String).join(", ")}]`,
        );
      }
      size *= n;
    }
    if (typeof swap !== "function") {
      throw new TypeError(`shuffleRows: swap must be a function (i, j), got ${describe(swap)}`);
    }
    if (size === 0) return;
    for (let i = shape[0] - 1; i > 0; i--) {
      const j = this.#interval(i);
      if (j !== i) swap(i, j);
    }
  }
}

/**
 * The generator behind the module-level functions of `np.random` (NumPy's global `RandomState`),
 * seeded from fresh entropy until `globalState.seed(...)`.
 *
 * @example
 * ```ts
 * import { globalState } from "./_random.ts";
 * import assert from "node:assert/strict";
 * globalState.seed(0);
 * assert.equal(globalState.randomSample(), 0.5488135039273248);
 * ```
 */
export const globalState: RandomState = new RandomState();

// ---------------------------------------------------------------------------------------------
// np.random: NumPy's module-level functions, on the global state

/** A float64 array of `shape` (a 0-d one for `[]`), its elements drawn by `fill`. */
function drawn(shape: readonly unknown[], fill: (out: Float64Array) => void): NDArray {
  const dims = checkShape(shape, "random.rand");
  const out = new Float64Array(shapeSize(dims));
  fill(out);
  return dims.length === 0
    ? new NDArray(EMPTY_SHAPE, "float64", out[0])
    : new NDArray(dims, "float64", out);
}

/** The `size` argument of `uniform` and `randint`: a shape, or `null` for one number. */
function sizeOf(size: number | readonly number[] | null | undefined): readonly number[] {
  return size === null || size === undefined ? [] : typeof size === "number" ? [size] : size;
}

/**
 * NumPy's `np.random` with its legacy global generator (`RandomState`, MT19937), bit for bit:
 * after `np.random.seed(0)` the draws are NumPy's, so seeded steps print the book's numbers.
 * Unseeded, it starts from fresh entropy. Shapes are given as NumPy's: `rand(2, 3)`, or
 * `uniform(low, high, [2, 3])` for the `size` argument.
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * np.random.seed(0);
 * assert.equal(np.random.rand(3).toString(), "[0.5488135  0.71518937 0.60276338]");
 * assert.equal(np.random.randn().toString(), "-2.268328201180374");
 * ```
 */
export const random: {
  /**
   * Seeds the global generator (NumPy's `np.random.seed`): an integer in `[0, 2**32)`, a list of
   * them, or nothing for fresh entropy.
   */
  seed(seed?: number | readonly number[]): void;
  /** Uniform numbers in `[0, 1)` of the given shape, float64 (`rand()` is a 0-d array). */
  rand(...shape: number[]): NDArray;
  /** Standard normal numbers of the given shape, float64 (NumPy's polar method). */
  randn(...shape: number[]): NDArray;
  /** Uniform numbers in `[low, high)`, one (0-d) or of shape `size`. */
  uniform(low?: number, high?: number, size?: number | readonly number[] | null): NDArray;
  /** Integers in `[low, high)` (or `[0, low)` without `high`), int64, one or of shape `size`. */
  randint(low: number, high?: number | null, size?: number | readonly number[] | null): NDArray;
  /** `0 .. n-1` shuffled (int64), or a shuffled copy of an array along its first axis. */
  permutation(x: number | NDArray): NDArray;
  /** Shuffles an array in place along its first axis. */
  shuffle(x: NDArray): void;
} = {
  seed(seed?: number | readonly number[]): void {
    globalState.seed(seed as number | ArrayLike<number> | undefined);
  },
  rand(...shape: number[]): NDArray {
    return drawn(shape, (out) => globalState.fillRandomSample(out));
  },
  randn(...shape: number[]): NDArray {
    return drawn(shape, (out) => globalState.fillGauss(out));
  },
  uniform(low = 0, high = 1, size = null): NDArray {
    return drawn(sizeOf(size), (out) => globalState.fillUniform(out, low, high));
  },
  randint(low: number, high = null, size = null): NDArray {
    const a = drawn(sizeOf(size), (out) => globalState.fillRandint(out, low, high ?? undefined));
    return a.astype("int64");
  },
  permutation(x: number | NDArray): NDArray {
    if (typeof x === "number") {
      return new NDArray([Math.max(x, 0)], "int64", globalState.permutation(x));
    }
    const copy = x instanceof NDArray ? x.copy() : x;
    random.shuffle(copy);
    return copy;
  },
  shuffle(x: NDArray): void {
    if (!(x instanceof NDArray)) {
      throw new TypeError(`np.random.shuffle() takes an NDArray, not ${describe(x)}`);
    }
    const data = x.data;
    const row = x.ndim === 0 ? 0 : x.size / Math.max(x.shape[0], 1);
    const tmp = allocate(x.dtype, row);
    globalState.shuffleRows(x.shape, (i, j) => {
      tmp.set(data.subarray(i * row, (i + 1) * row));
      data.copyWithin(i * row, j * row, (j + 1) * row);
      data.set(tmp, j * row);
    });
  },
};
