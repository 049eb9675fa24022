/**
 * `x ** y` where NumPy takes a shortcut (0.5 → sqrt, -1 → reciprocal, 2 → square, 1 → copy,
 * 0 → ones) and where it calls C's pow, on bases that include -0.0, NaN and the infinities;
 * int64 and bool bases with negative integer exponents. Every expected value is NumPy 2.4's
 * (tests/fixtures/numpy_power.json, made by tools/gen_numpy_power_fixture.py).
 */
import assert from "node:assert/strict";
import * as np from "../dezero/np/mod.ts";
import fixture from "./fixtures/numpy_power.json" with { type: "json" };
import { decode } from "./_fixture.ts";
import { ulps } from "./_ulp.ts";

const bases = fixture.bases.map(decode);

/** The exponents NumPy's scalar shortcut covers (sqrt, reciprocal, ...), exact in both. */
const EXACT = new Set([0.5, -1, 2, 1, 0, NaN, Infinity, -Infinity]);
/** The exponents where pow's result has no rounding at all (-0 is in the set as 0). */
const POW_EXACT = new Set([1, 0, NaN, Infinity, -Infinity]);

/**
 * `actual` is NumPy's `expected` bit for bit (the sign of zero, NaN); or, where both are pow of
 * a finite non-zero value (V8's ** and NumPy's SIMD pow may differ in the last bit), within an
 * ulp.
 */
function assertPower(actual: number, expected: number, exact: boolean, what: string): void {
  if (Object.is(actual, expected)) return;
  const nearby = !exact && Number.isFinite(expected) && expected !== 0 &&
    ulps(actual, expected) <= 1;
  assert.ok(nearby, `${what}: got ${actual}, NumPy gives ${expected}`);
}

/** A 0-d array whose buffer exists, so that it takes the general path, not the 0-d shortcut. */
function general(x: number): np.NDArray {
  const a = np.array(x);
  void a.data;
  return a;
}

Deno.test("x ** e for one exponent: NumPy's shortcuts and pow, on every path", () => {
  const a = np.array(bases);
  for (const c of fixture.float) {
    const e = decode(c.exponent);
    const exact = EXACT.has(e);
    const expected = c.scalar.map(decode);
    const forms: [string, () => ArrayLike<number>][] = [
      ["a.pow(e)", () => a.pow(e).data],
      ["np.power(a, e)", () => np.power(a, e).data],
      ["a.pow(np.array(e))", () => a.pow(np.array(e)).data],
      ["0-d x.pow(e)", () => bases.map((x) => np.array(x).pow(e).item())],
      ["0-d x.pow(0-d e)", () => bases.map((x) => np.array(x).pow(np.array(e)).item())],
      ["general 0-d", () => bases.map((x) => general(x).pow(general(e)).item())],
      ["np.power(x, e)", () => bases.map((x) => np.power(x, e).item())],
    ];
    for (const [form, f] of forms) {
      const got = f();
      bases.forEach((x, i) => assertPower(got[i], expected[i], exact, `${form}: ${x} ** ${e}`));
    }
  }
});

Deno.test("x ** e with an array of exponents is pow for every element, as in NumPy", () => {
  // NumPy's shortcuts apply only to one exponent: -0.0 ** [0.5] is 0.0 and -inf ** [0.5] is inf.
  const a = np.array(bases);
  for (const c of fixture.float) {
    const e = decode(c.exponent);
    const expected = c.array.map(decode);
    const got = np.power(a, np.full([bases.length], e)).data;
    // pow gives the double nearest x ** e or a neighbour: where that is not exact (0.1 ** 2 and
    // 600.3 ** -1 are an ulp apart in V8 and NumPy), an ulp either way.
    const exact = POW_EXACT.has(e);
    bases.forEach((x, i) => assertPower(got[i], expected[i], exact, `${x} ** [${e}]`));
  }
});

Deno.test("int64 and bool bases: NumPy's dtypes, values and negative-power error", () => {
  for (const c of fixture.int) {
    const a = np.array(c.bases, c.dtype as np.DType);
    const e = c.exponent_kind === "number" ? c.exponent : np.array(c.exponent);
    const what = `${c.dtype} ${JSON.stringify(c.bases)} ** ${c.exponent} (${c.exponent_kind})`;
    const forms = [
      () => a.pow(e),
      () => np.power(a, e),
      () => np.array(c.bases[1], c.dtype as np.DType).pow(e),
    ];
    for (const f of forms) {
      if (c.error !== undefined) {
        assert.throws(f, (err: unknown) => {
          assert.ok(err instanceof np.ValueError, what);
          assert.equal(`${err.name}: ${err.message}`, c.error, what);
          return true;
        });
        continue;
      }
      const r = f();
      // NumPy's bool ** 2 is int8 (its square); this stand-in has no int8 and gives int64.
      const dtype = c.result_dtype === "int8" ? "int64" : c.result_dtype;
      assert.equal(r.dtype, dtype, what);
    }
    if (c.result !== undefined) {
      const got = Array.from(np.power(a, e).data);
      const exact = c.result_dtype !== "float64";
      c.result.map(decode).forEach((v, i) => assertPower(got[i], v, exact, `${what} [${i}]`));
    }
  }
  // An int64 array with an int64 array of exponents: the error as soon as one is negative.
  const ints = np.array([2, 3], "int64");
  assert.throws(() => ints.pow(np.array([1, -1], "int64")), np.ValueError);
  assert.equal(ints.pow(np.array([1, 2], "int64")).toString(), "[2 9]");
});
