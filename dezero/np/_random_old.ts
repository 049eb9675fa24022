/**
 * Random numbers like `np.random`, from xoshiro128** (small, fast, good statistical quality),
 * seedable for tests.
 *
 * @module
 */

import { checkShape, EMPTY_SHAPE, NDArray, shapeSize } from "./_ndarray.ts";

class Xoshiro128 {
  #s = new Uint32Array(4);

  constructor(seed: number) {
    this.seed(seed);
  }

  seed(seed: number): void {
    // SplitMix32 spreads the seed over the 128-bit state (which must not be all zero).
    let z = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
      this.#s[i] = (t ^ (t >>> 16)) >>> 0;
    }
  }

  nextUint32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    return ((this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6)) / 9007199254740992;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const generator = new Xoshiro128(crypto.getRandomValues(new Uint32Array(1))[0]);

function randomArray(shape: readonly number[], next: () => number): NDArray {
  const dims = checkShape(shape);
  if (dims.length === 0) return new NDArray(EMPTY_SHAPE, "float64", next());
  const data = new Float64Array(shapeSize(dims));
  for (let i = 0; i < data.length; i++) data[i] = next();
  return new NDArray(dims, "float64", data);
}

function standardNormal(): number {
  // Marsaglia's polar method: exact normal samples from uniform pairs, no trigonometry.
  for (;;) {
    const u = 2 * generator.nextFloat() - 1;
    const v = 2 * generator.nextFloat() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt(-2 * Math.log(s) / s);
  }
}

/**
 * Random numbers like `np.random`: `rand` (uniform in [0, 1)), `randn` (standard normal) and
 * `seed`. The generator is xoshiro128**, so the numbers differ from NumPy's for the same seed.
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * np.random.seed(0);
 * const a = np.random.rand(2, 3);
 * np.random.seed(0);
 * assert.deepEqual(np.random.rand(2, 3).toArray(), a.toArray());
 * assert.deepEqual(np.random.randn(4).shape, [4]);
 * ```
 */
export const random: {
  /** Seeds the generator so that the following numbers repeat. */
  seed(seed: number): void;
  /** Uniform random numbers in [0, 1) of the given shape (`rand()` is a 0-d array). */
  rand(...shape: number[]): NDArray;
  /** Standard normal random numbers of the given shape (`randn()` is a 0-d array). */
  randn(...shape: number[]): NDArray;
} = {
  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
      throw new RangeError(`Seed must be between 0 and 2**32 - 1, got ${seed}`);
    }
    generator.seed(seed);
  },
  rand(...shape: number[]): NDArray {
    return randomArray(shape, () => generator.nextFloat());
  },
  randn(...shape: number[]): NDArray {
    return randomArray(shape, standardNormal);
  },
};
