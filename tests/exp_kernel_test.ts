/**
 * `np.exp` on arrays runs dezero/exp_kernel.ts instead of calling `Math.exp` per element (where
 * the runtime's Math.exp is correctly rounded); its results must be `Math.exp`'s, bit for bit
 * (steps print them to 16 digits), and the kernel's must be e^x rounded to the nearest double.
 */
import assert from "node:assert/strict";
import * as np from "../dezero/ndarray.ts";
import { expLoop, mathExpIsCorrectlyRounded } from "../dezero/exp_kernel.ts";
import fixture from "./fixtures/exp_correctly_rounded.json" with { type: "json" };

/** e^x rounded to the nearest double, by Python's `decimal` (tools/gen_exp_fixture.py). */
const correctlyRounded: { x: number[]; exp: number[] } = fixture;

/** A deterministic generator of doubles in [0, 1) (xorshift32, two draws per double). */
function uniform(seed: number): () => number {
  let s = seed;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  return () => (next() * 2 ** 21 + (next() >>> 11)) / 2 ** 53;
}

/** The doubles up to `count` ulps either side of `x` (found through the bits). */
function around(x: number, count: number): number[] {
  const f = new Float64Array(1);
  const bits = new BigInt64Array(f.buffer);
  const result: number[] = [];
  f[0] = x;
  const center = bits[0];
  for (let d = -count; d <= count; d++) {
    bits[0] = center + BigInt(d);
    result.push(f[0]);
  }
  return result;
}

function inputs(): Float64Array {
  const rand = uniform(2024);
  const xs: number[] = [];
  // The whole range, with overflow (> 709.78) and underflow to subnormals and 0 (< -708.4).
  for (let i = 0; i < 450_000; i++) xs.push((rand() * 2 - 1) * 750);
  // Where steps and gradients live.
  for (let i = 0; i < 450_000; i++) xs.push((rand() * 2 - 1) * 2);
  // Subnormal results, and around e^x = 1 (tiny x, log-uniform down to 1e-20).
  for (let i = 0; i < 50_000; i++) xs.push(-708.4 - rand() * 37);
  for (let i = 0; i < 50_000; i++) xs.push((rand() < 0.5 ? -1 : 1) * 10 ** (-20 + 19 * rand()));
  // Random bit patterns: every exponent, and NaNs with payloads.
  const bits = new Uint32Array(2);
  const asDouble = new Float64Array(bits.buffer);
  for (let i = 0; i < 50_000; i++) {
    bits[0] = rand() * 2 ** 32;
    bits[1] = rand() * 2 ** 32;
    xs.push(asDouble[0]);
  }
  // Thresholds of fdlibm's and our kernel's branches, a few hundred ulps either side:
  // ±ln2/2, ±1.5·ln2, ±2^-28, overflow, the smallest normal result, underflow to 0, ±708, and
  // the points where the nearest k = x·256/ln2 changes.
  const thresholds = [0.5 * Math.LN2, 1.5 * Math.LN2, 2 ** -28, 2 ** -53, 709.782712893384];
  thresholds.push(-708.3964185322641, -745.1332191019411, 708, 1);
  for (let k = -3; k <= 3; k++) thresholds.push((k + 0.5) * Math.LN2 / 256);
  thresholds.push((100_000 + 0.5) * Math.LN2 / 256);
  for (const t of thresholds) xs.push(...around(t, 300), ...around(-t, 300));
  // Special values.
  xs.push(0, -0, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE);
  xs.push(Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, -Number.EPSILON);
  return Float64Array.from(xs);
}

Deno.test("np.exp on an array gives Math.exp's bits for every element", () => {
  const xs = inputs();
  assert.ok(xs.length > 1_000_000);
  const ys = np.exp(new np.NDArray([xs.length], "float64", xs)).data;
  const wrong: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (!Object.is(ys[i], Math.exp(xs[i]))) wrong.push(`exp(${xs[i]}) = ${ys[i]}`);
  }
  assert.deepEqual(wrong.slice(0, 5), [], `${wrong.length} elements differ from Math.exp`);
});

Deno.test("np.exp on short, empty and 2-d arrays", () => {
  for (const xs of [[], [0.5], [1, -1, 1e-300, 800]]) {
    assert.deepEqual(Array.from(np.exp(np.array(xs)).data), xs.map(Math.exp));
  }
  const m = np.exp(np.array([[0, 1], [2, -3]]));
  assert.deepEqual(m.shape, [2, 2]);
  assert.deepEqual(Array.from(m.data), [0, 1, 2, -3].map(Math.exp));
  assert.equal(np.exp(np.array(0.5)).item(), Math.exp(0.5));
});

Deno.test("the exp kernel rounds e^x to the nearest double (checked against Python's decimal)", {
  // The kernel leaves about 1% of inputs to Math.exp, which is correctly rounded only in newer V8s.
  ignore: !mathExpIsCorrectlyRounded,
}, () => {
  const xs = Float64Array.from(correctlyRounded.x);
  const out = new Float64Array(xs.length);
  expLoop(xs, out);
  const wrong = correctlyRounded.exp.flatMap((e, i) => Object.is(out[i], e) ? [] : [xs[i]]);
  assert.deepEqual(wrong, []);
});

Deno.test("the runtime's Math.exp is judged correctly rounded exactly when it is", () => {
  const { x, exp } = correctlyRounded;
  assert.equal(mathExpIsCorrectlyRounded, x.every((xi, i) => Object.is(Math.exp(xi), exp[i])));
});

Deno.test("the exp kernel may write over its input (an in-place exp)", () => {
  const rand = uniform(7);
  const xs = Float64Array.from({ length: 5000 }, () => (rand() * 2 - 1) * 800);
  const expected = xs.map(Math.exp);
  expLoop(xs, xs);
  assert.deepEqual(Array.from(xs), Array.from(expected));
});
