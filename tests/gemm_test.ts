/**
 * dezero/np/_gemm.ts: every route of `gemm` (the JavaScript loop, WebAssembly on one thread and
 * on two) gives the bits of `gemmReference`, the plain triple loop, on odd shapes and on the MNIST
 * network's, with NaN, infinities, -0 and subnormals; `gemmReference` itself gives the bits of the
 * book's NumPy 1.24 on the reference BLAS, and the same numbers as NumPy 2.4 within rounding
 * (tests/fixtures/numpy_gemm.json, from tools/gen_gemm_fixture.py); hand-computed cases pin the
 * order of the sums, the rounding of each operation and the absence of fused multiply-add. With
 * --allow-ffi and OpenBLAS or Accelerate installed, the system BLAS within rounding. Also:
 * the argument checks, the worker thread not keeping a program alive, and the embedded WebAssembly
 * being a fresh build of wasm/gemm.ts.
 */
import assert from "node:assert/strict";
import {
  type FloatData,
  gemm,
  gemmInto,
  gemmReference,
  gemmRoute,
  gemmWith,
  parallelVerdict,
  type Route,
  startParallel,
  transposeMatrix,
} from "../dezero/np/_gemm.ts";
import { systemBlas } from "../dezero/np/_blas.ts";
import { decode, type JsonValue } from "./_fixture.ts";
import fixture from "./fixtures/numpy_gemm.json" with { type: "json" };
import { READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno } from "./_subprocess.ts";

type DType = "float32" | "float64";
const DTYPES: DType[] = ["float32", "float64"];
const ROUTES: Route[] = ["loop", "wasm", "parallel"];
const SIZES = [0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 100, 129];

/** A seeded generator of floats in [-1, 1) (mulberry32), so that a failure can be rerun. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * 2 - 1;
  };
}

function filled(dtype: DType, length: number, next: () => number): FloatData {
  const x = dtype === "float32" ? new Float32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) x[i] = next();
  return x;
}

/** The index of the first element where x and y differ as Object.is sees them, or -1. */
function firstDifference(x: FloatData, y: FloatData): number {
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return x.length === y.length ? -1 : x.length;
}

/** `gemm` and each route, each into an out filled with garbage, against `expected`. */
function assertAllRoutes(
  m: number,
  n: number,
  k: number,
  a: FloatData,
  b: FloatData,
  expected: FloatData,
  label: string,
): void {
  const runs: [string, (out: FloatData) => void][] = ROUTES.map((r) => [
    r,
    (out) => gemmWith(r, m, n, k, a, b, out),
  ]);
  // gemm itself, unless it takes the system BLAS (under --allow-ffi), tested for rounding below.
  if (gemmRoute(m, n, k) !== "blas") runs.push(["gemm", (out) => gemm(m, n, k, a, b, out)]);
  for (const [name, run] of runs) {
    const out = a instanceof Float32Array ? new Float32Array(m * n) : new Float64Array(m * n);
    out.fill(NaN);
    run(out);
    const i = firstDifference(out, expected);
    assert.equal(i, -1, `${name}, ${label}: element ${i} is ${out[i]}, expected ${expected[i]}`);
  }
}

function reference(m: number, n: number, k: number, a: FloatData, b: FloatData): FloatData {
  const out = a instanceof Float32Array ? new Float32Array(m * n) : new Float64Array(m * n);
  gemmReference(m, n, k, a, b, out);
  return out;
}

Deno.test("the worker thread starts (so that the parallel route runs on two threads)", async () => {
  assert.equal(await startParallel(), true);
});

Deno.test("every route gives gemmReference's bits on odd shapes", async () => {
  assert.equal(await startParallel(), true);
  const next = generator(1);
  for (const dtype of DTYPES) {
    for (const m of SIZES) {
      for (const n of SIZES) {
        // All k for the small products, a spread of k (across the kernels' depth of 256) else.
        const ks = m * n <= 289 ? [...SIZES, 255, 256, 257, 520] : [0, 1, 9, 17, 100, 257];
        for (const k of ks) {
          const a = filled(dtype, m * k, next);
          const b = filled(dtype, k * n, next);
          assertAllRoutes(
            m,
            n,
            k,
            a,
            b,
            reference(m, n, k, a, b),
            `${dtype} ${m}×${k} @ ${k}×${n}`,
          );
        }
      }
    }
  }
});

Deno.test("every route gives gemmReference's bits on the MNIST network's products", async () => {
  assert.equal(await startParallel(), true);
  const next = generator(2);
  // (m, n, k): forward (100,784)@(784,1000) and (100,1000)@(1000,10); backward (784,100)@(100,1000)
  // and (100,1000)@(1000,784).
  const shapes = [[100, 1000, 784], [100, 10, 1000], [784, 1000, 100], [100, 784, 1000]];
  for (const dtype of DTYPES) {
    for (const [m, n, k] of shapes) {
      const a = filled(dtype, m * k, next);
      const b = filled(dtype, k * n, next);
      assertAllRoutes(m, n, k, a, b, reference(m, n, k, a, b), `${dtype} ${m}×${k} @ ${k}×${n}`);
    }
  }
});

Deno.test("gemmInto converts narrower operands exactly: the bits of gemmReference on converted copies", () => {
  const next = generator(7);
  const ints = (length: number) =>
    Uint8Array.from({ length }, () => Math.floor((next() + 1) * 128));
  // (m, n, k) for each route: the loop, unpacked (few rows, short sums), packed, two threads.
  const shapes = [[2, 3, 4], [1, 100, 100], [100, 100, 1], [30, 10, 3], [64, 70, 90], [
    100,
    1000,
    784,
  ]];
  for (const [m, n, k] of shapes) {
    const cases: [string, FloatData | Uint8Array, FloatData | Uint8Array, DType][] = [
      [
        "float32 @ float64",
        filled("float32", m * k, next),
        filled("float64", k * n, next),
        "float64",
      ],
      [
        "float64 @ float32",
        filled("float64", m * k, next),
        filled("float32", k * n, next),
        "float64",
      ],
      ["uint8 @ float32", ints(m * k), filled("float32", k * n, next), "float32"],
      ["float64 @ uint8", filled("float64", m * k, next), ints(k * n), "float64"],
    ];
    for (const [label, a, b, dtype] of cases) {
      const convert = (x: FloatData | Uint8Array) =>
        dtype === "float32" ? Float32Array.from(x) : Float64Array.from(x);
      const expected = reference(m, n, k, convert(a), convert(b));
      const out = dtype === "float32" ? new Float32Array(m * n) : new Float64Array(m * n);
      out.fill(NaN);
      gemmInto(m, n, k, a, b, out);
      const i = firstDifference(out, expected);
      assert.equal(
        i,
        -1,
        `${label} ${m}×${k} @ ${k}×${n}: element ${i} is ${out[i]}, expected ${expected[i]}`,
      );
    }
  }
});

Deno.test("transposeMatrix gives the transpose, element for element, on odd shapes", () => {
  const next = generator(8);
  for (const dtype of DTYPES) {
    for (
      const [rows, cols] of [[1, 1], [1, 7], [7, 1], [31, 33], [32, 32], [33, 100], [100, 784]]
    ) {
      const a = filled(dtype, rows * cols, next);
      a[0] = -0;
      const out = dtype === "float32"
        ? new Float32Array(rows * cols)
        : new Float64Array(rows * cols);
      assert.ok(transposeMatrix(rows, cols, a, out));
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          assert.ok(
            Object.is(out[j * rows + i], a[i * cols + j]),
            `${dtype} ${rows}×${cols} at (${i}, ${j}): ${out[j * rows + i]}, expected ${
              a[i * cols + j]
            }`,
          );
        }
      }
    }
  }
});

Deno.test("gemm times one and two threads on its first large products, then keeps one", async () => {
  assert.equal(await startParallel(), true);
  const next = generator(5);
  const [m, n, k] = [128, 160, 128]; // 2.6e6 multiply-adds, above PARALLEL_FLOPS
  for (let i = 0; i < 14; i++) {
    const dtype = DTYPES[i % 2];
    const a = filled(dtype, m * k, next);
    const b = filled(dtype, k * n, next);
    const out = filled(dtype, m * n, next);
    gemm(m, n, k, a, b, out);
    assert.equal(firstDifference(out, reference(m, n, k, a, b)), -1, `product ${i}`);
  }
  const { pays, wasm, parallel } = parallelVerdict();
  assert.equal(typeof pays, "boolean");
  assert.ok(wasm > 0 && parallel > 0);
  assert.equal(gemmRoute(m, n, k), pays ? "parallel" : "wasm");
});

Deno.test("every route gives gemmReference's bits with NaN, infinities, -0 and subnormals", async () => {
  assert.equal(await startParallel(), true);
  const next = generator(3);
  for (const dtype of DTYPES) {
    const tiny = dtype === "float32" ? 2 ** -149 : 2 ** -1074;
    const specials = [NaN, Infinity, -Infinity, -0, 0, tiny, -tiny, 3 * tiny, 2 ** -130];
    const spiced = () => {
      const u = next();
      if (u < -0.9) return specials[Math.floor((u + 1) * 10 * specials.length)];
      if (u > 0.9) return u * 2 ** -140; // products and sums underflow into subnormals
      return u;
    };
    for (const [m, n, k] of [[3, 5, 7], [17, 33, 9], [9, 65, 300], [65, 15, 31], [1, 100, 40]]) {
      const a = filled(dtype, m * k, spiced);
      const b = filled(dtype, k * n, spiced);
      assertAllRoutes(m, n, k, a, b, reference(m, n, k, a, b), `${dtype} ${m}×${k} @ ${k}×${n}`);
    }
  }
});

interface FixtureCase {
  kind: "plain" | "special" | "zeros" | "tiny";
  dtype: DType;
  m: number;
  n: number;
  k: number;
  a: JsonValue[];
  b: JsonValue[];
  numpy: JsonValue[];
  reference_blas: JsonValue[];
}
const cases = fixture.cases as FixtureCase[];

function data(dtype: DType, values: JsonValue[]): FloatData {
  const x = values.map(decode);
  return dtype === "float32" ? Float32Array.from(x) : Float64Array.from(x);
}

Deno.test(
  "gemmReference and every route give the bits of NumPy 1.24 on the reference BLAS (the book's)",
  () => {
    assert.ok(cases.length >= 10);
    for (const c of cases) {
      const a = data(c.dtype, c.a);
      const b = data(c.dtype, c.b);
      const expected = data(c.dtype, c.reference_blas);
      const label = `${c.dtype} ${c.m}×${c.k} @ ${c.k}×${c.n}`;
      const i = firstDifference(reference(c.m, c.n, c.k, a, b), expected);
      assert.equal(i, -1, `gemmReference, ${label}: element ${i}`);
      assertAllRoutes(c.m, c.n, c.k, a, b, expected, label);
    }
  },
);

/**
 * Counts the elements where `x` and `y` differ, asserting that each difference is within rounding:
 * two sums of the same k products, each within γ_k·Σ|a·b| of the exact sum, γ_k = k·u / (1 − k·u)
 * (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1; the order of the terms
 * and fused multiply-adds do not change the bound), are within twice that of each other.
 */
function countWithinRounding(
  m: number,
  n: number,
  k: number,
  a: FloatData,
  b: FloatData,
  x: FloatData,
  y: FloatData,
  label: string,
): number {
  const u = a instanceof Float32Array ? 2 ** -24 : 2 ** -53;
  const gamma = (k * u) / (1 - k * u);
  // Subnormal results carry an absolute error of up to half the smallest subnormal per step.
  const floor = k * (a instanceof Float32Array ? 2 ** -149 : 2 ** -1074);
  let differing = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const [s, t] = [x[i * n + j], y[i * n + j]];
      const at = `${label}, element (${i}, ${j}): ${s} vs ${t}`;
      if (!Number.isFinite(s) || !Number.isFinite(t)) {
        assert.ok(Object.is(s, t), at);
        continue;
      }
      let magnitude = 0;
      for (let p = 0; p < k; p++) magnitude += Math.abs(a[i * k + p] * b[p * n + j]);
      assert.ok(Math.abs(s - t) <= 2 * gamma * magnitude + floor, at);
      if (s !== t) differing++;
    }
  }
  return differing;
}

Deno.test("the sequential sums agree with NumPy 2.4 (OpenBLAS) within rounding", () => {
  for (const c of cases) {
    const a = data(c.dtype, c.a);
    const b = data(c.dtype, c.b);
    const out = reference(c.m, c.n, c.k, a, b); // every route's numbers, as tested above
    const label = `${c.dtype} ${c.m}×${c.k} @ ${c.k}×${c.n}`;
    const differing = countWithinRounding(c.m, c.n, c.k, a, b, out, data(c.dtype, c.numpy), label);
    // The fixture is not trivial: OpenBLAS's sums differ from the sequential ones in most cases.
    if (c.kind === "plain") assert.ok(differing > 0, `${label}: no element differs`);
  }
});

const ffi = Deno.permissions.querySync({ name: "ffi" }).state === "granted";
const blas = ffi ? systemBlas() : null;
Deno.test({
  name: blas === null
    ? `the system BLAS agrees within rounding (skipped: ${
      ffi ? "no OpenBLAS or Accelerate found" : "needs --allow-ffi"
    })`
    : `the system BLAS (${blas.library}) agrees within rounding, and gemm uses it`,
  ignore: blas === null,
  fn() {
    const next = generator(4);
    for (const dtype of DTYPES) {
      for (const [m, n, k] of [[100, 1000, 784], [100, 10, 1000], [33, 65, 17], [1, 9, 600]]) {
        const a = filled(dtype, m * k, next);
        const b = filled(dtype, k * n, next);
        const label = `${dtype} ${m}×${k} @ ${k}×${n}`;
        const expected = reference(m, n, k, a, b);
        const [out, auto] = [expected.slice().fill(NaN), expected.slice().fill(NaN)];
        gemmWith("blas", m, n, k, a, b, out);
        countWithinRounding(m, n, k, a, b, out, expected, label);
        assert.equal(gemmRoute(m, n, k), "blas");
        gemm(m, n, k, a, b, auto);
        assert.equal(firstDifference(auto, out), -1, `gemm did not use the system BLAS: ${label}`);
      }
    }
  },
});

Deno.test("by hand: sums run in order from +0, each operation rounded, without FMA", () => {
  for (const route of ROUTES) {
    const run = <T extends FloatData>(m: number, n: number, k: number, a: T, b: T): T => {
      const out = (a instanceof Float32Array ? new Float32Array(m * n) : new Float64Array(m * n))
        .fill(NaN) as T;
      gemmWith(route, m, n, k, a, b, out);
      return out;
    };
    // In order: (1e16 + 1) − 1e16 = 0 in float64, as 1e16 + 1 rounds to 1e16; 1 in other orders.
    assert.deepEqual([...run(1, 1, 3, Float64Array.of(1e16, 1, -1e16), Float64Array.of(1, 1, 1))], [
      0,
    ]);
    // In float32, 2^24 + 1 rounds to 2^24 (float64 arithmetic would give 1).
    assert.deepEqual([
      ...run(1, 1, 3, Float32Array.of(2 ** 24, 1, -(2 ** 24)), Float32Array.of(1, 1, 1)),
    ], [
      0,
    ]);
    // The product rounds before the sum: (1 + 2^-52)(1 − 2^-52) = 1 − 2^-104 rounds to 1, and
    // 1 − 1 = 0; a fused multiply-add would give 2^-104. Likewise 2^-23 and 2^-46 in float32.
    const e64 = 2 ** -52;
    assert.deepEqual([...run(1, 1, 2, Float64Array.of(1, 1 + e64), Float64Array.of(-1, 1 - e64))], [
      0,
    ]);
    const e32 = 2 ** -23;
    assert.deepEqual([...run(1, 1, 2, Float32Array.of(1, 1 + e32), Float32Array.of(-1, 1 - e32))], [
      0,
    ]);
    // Sums start from +0: products of -0 sum to +0, and k = 0 gives +0.
    const zeros = run(2, 1, 2, Float64Array.of(-0, -0, 1, -0), Float64Array.of(-0, 1));
    assert.ok(Object.is(zeros[0], 0) && Object.is(zeros[1], 0), `${route}: ${[...zeros]}`);
    assert.ok(Object.is(run(1, 1, 0, new Float32Array(0), new Float32Array(0))[0], 0));
    // Inf·0 is NaN, whatever comes after it; −Inf + Inf too.
    const inf = run(1, 2, 2, Float64Array.of(Infinity, 1), Float64Array.of(0, 1, 5, -Infinity));
    assert.ok(Number.isNaN(inf[0]) && Number.isNaN(inf[1]), `${route}: ${[...inf]}`);
  }
});

Deno.test("gemm checks its arguments", () => {
  const f64 = (n: number) => new Float64Array(n);
  const call = (...args: unknown[]) => () => (gemm as (...xs: unknown[]) => void)(...args);
  assert.throws(call(-1, 1, 1, f64(0), f64(1), f64(0)), /m must be a non-negative integer/);
  assert.throws(call(1, 1.5, 1, f64(1), f64(1), f64(1)), /n must be a non-negative integer/);
  assert.throws(call(1, 1, "2", f64(2), f64(2), f64(1)), /k must be a non-negative integer/);
  assert.throws(
    call(1, 1, 1, f64(1), new Float32Array(1), f64(1)),
    /all Float64Array or all Float32Array, got Float64Array, Float32Array and Float64Array/,
  );
  assert.throws(call(1, 1, 1, [1], [1], [0]), /got Array, Array and Array/);
  assert.throws(call(2, 3, 4, f64(8), f64(12), f64(5)), /out has 5 elements but m·n = 6/);
  assert.throws(call(2, 3, 4, f64(8), f64(11), f64(6)), /b has 11 elements but k·n = 12/);
  const shared = f64(8);
  assert.throws(
    call(2, 2, 2, shared.subarray(0, 4), f64(4), shared.subarray(2, 6)),
    /out overlaps a or b/,
  );
  assert.throws(
    () => gemmWith("gpu" as Route, 1, 1, 1, f64(1), f64(1), f64(1)),
    /unknown route gpu/,
  );
});

testWith(
  "the worker thread needs no permission and does not keep a program alive",
  [RUN_DENO, READ_REPO],
  async () => {
    // The script multiplies on two threads, then returns; no flag grants it anything.
    const script = new URL("./_gemm_exit.ts", import.meta.url).pathname;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), 60_000);
    });
    const result = await Promise.race([
      runDeno(["run", "--no-prompt", "--no-config", script], new URL("../", import.meta.url)),
      timeout,
    ]);
    clearTimeout(timer);
    assert.ok(result !== null, "the program did not end within a minute");
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), "parallel: true, 2.7e+7");
  },
);

const build = await (async () => {
  const granted = (await Deno.permissions.query({ name: "run", command: "deno" })).state;
  if (granted !== "granted") return null;
  const args = ["run", "--cached-only", "--allow-read=.", "--allow-env", "tools/build_wasm.ts"];
  return await runDeno([...args, "--check"], new URL("../", import.meta.url));
})();
const compilerMissing = build !== null && /--cached-only is specified/.test(build.stderr);
Deno.test({
  name: compilerMissing
    ? "the embedded WebAssembly is a fresh build of wasm/gemm.ts (skipped: AssemblyScript is " +
      "not in Deno's cache; `deno task build-wasm` fetches it)"
    : build === null
    ? "the embedded WebAssembly is a fresh build of wasm/gemm.ts (skipped: needs " +
      "--allow-run=deno; run `deno task test`)"
    : "the embedded WebAssembly is a fresh build of wasm/gemm.ts",
  ignore: build === null || compilerMissing,
  fn() {
    assert.ok(build !== null);
    assert.equal(build.code, 0, build.stderr);
  },
});
