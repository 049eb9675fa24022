/**
 * The NumPy stand-in (dezero/np/) against NumPy 2.4 itself: every case of
 * tests/fixtures/numpy_conformance.json (read at run time, so `deno task test`, which grants
 * --allow-read=., runs these), made by tools/gen_numpy_conformance.py (see its docstring for the
 * encoding), is replayed here and its result compared with NumPy's: dtype, shape, the
 * elements bit for bit (unless the case says how close is close enough) and `str()`; or, for an
 * error, its Python type and NumPy's message, which the stand-in's message must contain. Cases
 * noted as one of the stand-in's documented differences (NOTES) assert that behaviour instead.
 */
import assert from "node:assert/strict";
import * as np from "../dezero/np/mod.ts";
import { decode, type JsonValue } from "./_fixture.ts";
import { missingFlags, type Needed, testWith } from "./_permissions.ts";
import { ulps } from "./_ulp.ts";

interface ArraySpec {
  dtype: string;
  shape: number[];
  data?: JsonValue[];
  b64?: string;
  str?: string;
}

interface GenSpec {
  shape: number[];
  dtype: string;
  seed: number;
  scale?: number;
  int?: number[];
  abs?: boolean;
}

type Encoded =
  | number
  | string
  | null
  | Encoded[]
  | { arr: ArraySpec }
  | { gen: GenSpec }
  | { num: string }
  | { slice: (number | null)[] }
  | { ellipsis: boolean }
  | { bool: boolean };

interface Case {
  op: string;
  args: Encoded[];
  kw?: Record<string, Encoded>;
  out?: ArraySpec;
  err?: { type: string; msg: string };
  cmp?: string;
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Building the arguments

/** murmur3's 32-bit finaliser, as the generator's `mix32`. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The generator's `hash_values`: the same IEEE operations, so the same bits. */
function hashArray(spec: GenSpec): np.NDArray {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const base = Math.imul(spec.seed, 0x9e3779b9) >>> 0;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h1 = mix32((base + 2 * i) >>> 0);
    const h2 = mix32((base + 2 * i + 1) >>> 0);
    if (spec.int) {
      values[i] = (h1 % spec.int[1]) + spec.int[0];
      continue;
    }
    const u = ((h1 >>> 5) * 67108864 + (h2 >>> 6)) / 9007199254740992;
    const v = (2 * u - 1) * 2 ** ((h1 & 15) - 8) * (spec.scale ?? 1);
    values[i] = spec.abs ? Math.abs(v) : v;
  }
  const a = np.zeros(spec.shape, spec.dtype as np.DType);
  const data = a.data;
  for (let i = 0; i < n; i++) {
    data[i] = spec.dtype === "bool" ? (values[i] !== 0 ? 1 : 0) : values[i];
  }
  return a;
}

/** The elements of an array spec, as numbers (bools 1/0). */
function elements(spec: ArraySpec): ArrayLike<number> {
  if (spec.b64 !== undefined) {
    const bytes = Uint8Array.from(atob(spec.b64), (ch) => ch.charCodeAt(0));
    return spec.dtype === "float32"
      ? new Float32Array(bytes.buffer)
      : new Float64Array(bytes.buffer);
  }
  return (spec.data ?? []).map(decode);
}

function makeArray(spec: ArraySpec): np.NDArray {
  const dtype = spec.dtype as np.DType;
  const values = elements(spec);
  // A 0-d array as DeZero makes them (its value kept as a number), others through their data.
  if (spec.shape.length === 0) return np.array(values[0], dtype);
  const a = np.zeros(spec.shape, dtype);
  a.data.set(values);
  return a;
}

function arg(v: Encoded): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(arg);
  if ("arr" in v) return makeArray(v.arr);
  if ("gen" in v) return hashArray(v.gen);
  if ("num" in v) return decode(v.num);
  if ("slice" in v) return np.slice(...v.slice);
  if ("ellipsis" in v) return np.ellipsis;
  return v.bool;
}

// ---------------------------------------------------------------------------------------------
// The operations, by the generator's names

type Kw = Record<string, unknown>;
type Op = (args: unknown[], kw: Kw) => unknown;

const A = (v: unknown) => v as np.NDArray;
const O = (v: unknown) => v as np.Operand;
const D = (v: unknown) => (v ?? undefined) as np.DType | undefined;

const binary = (f: (x: np.Operand, y: np.Operand) => np.NDArray): Op => ([x, y]) => f(O(x), O(y));
const unary = (f: (x: np.Operand) => np.NDArray): Op => ([x]) => f(O(x));
const reduceOptions = (kw: Kw) => kw as np.ReduceOptions;
/** `x op= y`: the array itself, changed, is the result (and what the method returns). */
const inPlace = (f: (x: np.NDArray, y: np.Operand) => np.NDArray): Op => ([x, y]) => {
  assert.equal(f(A(x), O(y)), x, "an in-place method returns its array");
  return x;
};

const OPS: Record<string, Op> = {
  add: binary(np.add),
  subtract: binary(np.subtract),
  multiply: binary(np.multiply),
  divide: binary(np.divide),
  power: binary(np.power),
  maximum: binary(np.maximum),
  minimum: binary(np.minimum),
  greater: binary(np.greater),
  greater_equal: binary(np.greaterEqual),
  less: binary(np.less),
  less_equal: binary(np.lessEqual),
  equal: binary(np.equal),
  not_equal: binary(np.notEqual),
  negative: unary(np.negative),
  abs: unary(np.abs),
  square: unary(np.square),
  exp: unary(np.exp),
  log: unary(np.log),
  sqrt: unary(np.sqrt),
  sin: unary(np.sin),
  cos: unary(np.cos),
  tanh: unary(np.tanh),
  clip: ([a, lo, hi]) => np.clip(O(a), O(lo), O(hi)),
  where: ([c, x, y]) => np.where(A(c), O(x), O(y)),
  "m.add": ([x, y]) => A(x).add(O(y)),
  "m.sub": ([x, y]) => A(x).sub(O(y)),
  "m.mul": ([x, y]) => A(x).mul(O(y)),
  "m.div": ([x, y]) => A(x).div(O(y)),
  "m.pow": ([x, y]) => A(x).pow(O(y)),
  "m.neg": ([x]) => A(x).neg(),
  "m.gt": ([x, y]) => A(x).gt(O(y)),
  "m.ge": ([x, y]) => A(x).ge(O(y)),
  "m.lt": ([x, y]) => A(x).lt(O(y)),
  "m.le": ([x, y]) => A(x).le(O(y)),
  "m.eq": ([x, y]) => A(x).eq(O(y)),
  "m.ne": ([x, y]) => A(x).ne(O(y)),
  iadd: inPlace((x, y) => x.iadd(y)),
  isub: inPlace((x, y) => x.isub(y)),
  imul: inPlace((x, y) => x.imul(y)),
  idiv: inPlace((x, y) => x.idiv(y)),
  sum: ([x], kw) => A(x).sum(reduceOptions(kw)),
  mean: ([x], kw) => A(x).mean(reduceOptions(kw)),
  max: ([x], kw) => A(x).max(reduceOptions(kw)),
  min: ([x], kw) => A(x).min(reduceOptions(kw)),
  argmax: ([x], kw) => A(x).argmax(kw as { axis?: number | null; keepdims?: boolean }),
  argmin: ([x], kw) => np.argmin(A(x), kw as { axis?: number | null; keepdims?: boolean }),
  reshape: ([x, shape]) => np.reshape(A(x), shape as number[]),
  transpose: ([x, axes]) =>
    axes === undefined || axes === null ? np.transpose(A(x)) : np.transpose(A(x), axes as number[]),
  swapaxes: ([x, a, b]) => np.swapaxes(A(x), a as number, b as number),
  flatten: ([x]) => A(x).flatten(),
  ravel: ([x]) => np.ravel(A(x)),
  squeeze: ([x, axis]) => A(x).squeeze((axis ?? null) as np.Axis),
  expand_dims: ([x, axis]) => np.expandDims(A(x), axis as number),
  broadcast_to: ([x, shape]) => np.broadcastTo(A(x), shape as number[]),
  pad: ([x, width, value]) =>
    np.pad(
      A(x),
      width as np.PadWidth,
      value === undefined ? {} : { constantValues: value as number },
    ),
  concatenate: ([arrays, axis]) =>
    np.concatenate(arrays as np.NDArray[], axis === undefined ? {} : { axis: axis as number }),
  matmul: ([a, b]) => A(a).matmul(A(b)),
  dot: ([a, b]) => np.dot(A(a), A(b)),
  tensordot: ([a, b, axes]) =>
    np.tensordot(A(a), A(b), axes as number | [number[], number[]] | undefined),
  get: ([x, ...index]) => A(x).get(...(index as np.IndexItem[])),
  set: ([x, index, value]) => {
    A(x).set(...(index as np.IndexItem[]), O(value));
    return x;
  },
  add_at: ([x, index, b]) => {
    np.addAt(A(x), index as np.IndexItem[], O(b));
    return x;
  },
  array: ([value, dtype]) => np.array(value as np.ArrayInput, D(dtype)),
  zeros: ([shape, dtype]) => np.zeros(shape as number[], D(dtype)),
  ones: ([shape, dtype]) => np.ones(shape as number[], D(dtype)),
  full: ([shape, value, dtype]) => np.full(shape as number[], value as number, D(dtype)),
  arange: ([start, stop, step], kw) =>
    np.arange(start as number, stop as number | undefined, step as number | undefined, D(kw.dtype)),
  linspace: ([start, stop, num]) =>
    np.linspace(start as number, stop as number, num as number | undefined),
  eye: ([n], kw) =>
    np.eye(n as number, {
      ...(kw.M === undefined ? {} : { m: kw.M as number | null }),
      ...(kw.k === undefined ? {} : { k: kw.k as number }),
      ...(kw.dtype === undefined ? {} : { dtype: kw.dtype as np.DType }),
    }),
  astype: ([x, dtype]) => A(x).astype(dtype as np.DType),
  fill: ([x, value]) => {
    A(x).fill(value as number);
    return x;
  },
  zeros_like: ([x]) => np.zerosLike(A(x)),
  ones_like: ([x]) => np.onesLike(A(x)),
  allclose: ([a, b]) => np.array(np.allclose(O(a), O(b))),
  array_equal: ([a, b]) => np.array(np.arrayEqual(A(a), A(b))),
  id: ([x]) => x,
};

// ---------------------------------------------------------------------------------------------
// Comparing

/** A float32's position on the number line counted in float32 ulps (±0 both 0). */
function ordinal32(x: number): number {
  const bits = new Int32Array(new Float32Array([x]).buffer)[0];
  return bits < 0 ? -(bits & 0x7fffffff) : bits;
}

/** How many float32s apart `a` and `b` are (two NaNs: 0; a NaN and a number: Infinity). */
function ulps32(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  return Math.abs(ordinal32(a) - ordinal32(b));
}

/**
 * The largest differences from NumPy of the math functions allowed, in ulps of the dtype, over
 * the "math-ulps" cases (600 float64 and 2048 float32 arguments each): what was measured against
 * the fixture. NumPy computes both dtypes with its own SIMD code (AVX-512 here), the stand-in
 * with V8's functions (float32: the double result rounded to float32, so within one ulp of the
 * exact value), and neither is correctly rounded. A regenerated fixture, from another CPU, may
 * need these looked at again.
 */
const ULP_BOUNDS: Record<string, number> = {
  "exp/float64": 1,
  "log/float64": 1,
  "sqrt/float64": 0,
  "sin/float64": 1,
  "cos/float64": 1,
  "tanh/float64": 2,
  "exp/float32": 2,
  "log/float32": 2,
  "sqrt/float32": 0,
  "sin/float32": 1,
  "cos/float32": 1,
  "tanh/float32": 1,
};

type Outcome = { value: unknown } | { error: unknown };

function describeCase(c: Case): string {
  const show = (v: Encoded): string => {
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
    if ("arr" in v) {
      const data = v.arr.data ?? ["…"];
      const head = data.slice(0, 6).join(",") + (data.length > 6 ? ",…" : "");
      return `${v.arr.dtype}${JSON.stringify(v.arr.shape)}[${head}]`;
    }
    if ("gen" in v) return `gen${JSON.stringify(v.gen.shape)} ${v.gen.dtype}`;
    if ("num" in v) return v.num;
    if ("slice" in v) return `slice(${v.slice.join(",")})`;
    if ("ellipsis" in v) return "...";
    return String(v.bool);
  };
  const kw = c.kw ? " " + JSON.stringify(c.kw) : "";
  return `${c.op}(${c.args.map(show).join(", ")})${kw}`;
}

/** Compares the elements of `got` with `want`'s by the case's rule; a failure's text or "". */
function compareElements(got: np.NDArray, want: ArraySpec, cmp: string | undefined): string {
  const expected = elements(want);
  const actual = got.data;
  if (actual.length !== expected.length) return `size ${actual.length}, NumPy ${expected.length}`;
  const float = want.dtype === "float32" || want.dtype === "float64";
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    if (Object.is(a, e)) continue;
    let off: number;
    if (!float || cmp === undefined) off = Infinity;
    else if (cmp.startsWith("rel:")) {
      off = Math.abs(a - e) <= Number(cmp.slice(4)) * Math.abs(e) ? 0 : Infinity;
    } else off = want.dtype === "float32" ? ulps32(a, e) : ulps(a, e);
    if (off > worst) [worst, worstAt] = [off, i];
  }
  if (worst === 0) return "";
  const at = `[${worstAt}]: got ${actual[worstAt]}, NumPy ${expected[worstAt]}`;
  if (cmp?.startsWith("measure:")) {
    const bound = ULP_BOUNDS[cmp.slice(8)];
    return worst <= bound ? "" : `${worst} ulps > the bound ${bound} at ${at}`;
  }
  if (cmp?.startsWith("ulp:")) {
    return worst <= Number(cmp.slice(4)) ? "" : `${worst} ulps at ${at}`;
  }
  return `elements differ at ${at}`;
}

/** NumPy's result for `c` against `outcome`; a failure's text or "". */
function compareWithNumPy(c: Case, outcome: Outcome): string {
  if (c.err) {
    if (!("error" in outcome)) return `no error; NumPy: ${c.err.type}: ${c.err.msg}`;
    const e = outcome.error as Error;
    if (e.name !== c.err.type || !e.message.includes(c.err.msg)) {
      return `${e.name}: ${e.message}\n    NumPy: ${c.err.type}: ${c.err.msg}`;
    }
    return "";
  }
  const want = c.out as ArraySpec;
  if ("error" in outcome) {
    const e = outcome.error as Error;
    return `threw ${e.name}: ${e.message}\n    NumPy: ${want.dtype} ${want.str ?? ""}`;
  }
  const got = outcome.value;
  if (!(got instanceof np.NDArray)) return `returned ${String(got)}, not an NDArray`;
  if (got.dtype !== want.dtype) return `dtype ${got.dtype}, NumPy ${want.dtype}`;
  if (JSON.stringify(got.shape) !== JSON.stringify(want.shape)) {
    return `shape ${JSON.stringify(got.shape)}, NumPy ${JSON.stringify(want.shape)}`;
  }
  if (want.data !== undefined || want.b64 !== undefined) {
    const diff = compareElements(got, want, c.cmp);
    if (diff) return diff;
  }
  if (want.str !== undefined && got.toString() !== want.str) {
    return `str:\n${got}\n    NumPy:\n${want.str}`;
  }
  return "";
}

/** An error of the stand-in's own, matching `name` and `pattern`; a failure's text or "". */
function expectError(outcome: Outcome, name: string, pattern: RegExp): string {
  if (!("error" in outcome)) return `no error; expected the stand-in's ${name} ${pattern}`;
  const e = outcome.error as Error;
  return e.name === name && pattern.test(e.message)
    ? ""
    : `${e.name}: ${e.message}; expected ${name} ${pattern}`;
}

/** NumPy's values in another dtype (the stand-in's documented one), its other checks as usual. */
function expectDtype(c: Case, outcome: Outcome, dtype: string, compareStr: boolean): string {
  const want = c.out as ArraySpec;
  return compareWithNumPy(
    { ...c, out: { ...want, dtype, str: compareStr ? want.str : undefined } },
    outcome,
  );
}

/**
 * The stand-in's documented differences from NumPy (dezero/np/mod.ts, _dtypes.ts, _creation.ts),
 * each checked for what the stand-in promises instead.
 */
const NOTES: Record<string, (c: Case, outcome: Outcome) => string> = {
  // No float16: NumPy's float16 results (exp of uint8 or bool ...) are an error naming the fix.
  float16: (_c, o) => expectError(o, "TypeError", /gives float16 in NumPy.*astype\("float32"\)/),
  // No int8: NumPy's int8 results (bool ** bool, square of bool) are int64, same values.
  int8: (c, o) => expectDtype(c, o, "int64", true),
  // A uint8 sum is int64 (NumPy: uint64), same values.
  uint64: (c, o) => expectDtype(c, o, "int64", true),
  // NaN or an out-of-range float cast to an integer: NumPy's result is undefined; an error here.
  cast: (_c, o) => expectError(o, "ValueError", /NumPy's result is undefined/),
  // int64 is exact only to 2^53: results beyond are an error, not a wrong number.
  "int64-range": (_c, o) =>
    expectError(o, "RangeError", /outside the int64 values this array stores exactly/),
  // A JavaScript number cannot say it is an int: arrays made from numbers (and results of
  // numbers alone) are float64 where NumPy's Python ints give int64; same values.
  "js-number": (c, o) => expectDtype(c, o, "float64", false),
  // np.where with a weak integer beyond a uint8 array's range: NumPy wraps it around silently
  // (300 becomes 44); the stand-in gives the OverflowError of NumPy's own ufuncs.
  "where-wrap": (_c, o) => expectError(o, "OverflowError", /out of bounds for uint8/),
  // np.add.at casts its result back unsafely (an int64 array plus 0.5 stays 0, a uint8 plus 300
  // wraps); the stand-in's addAt refuses to change the numbers and says how to convert.
  "add-at-cast": (_c, o) =>
    "error" in o && (o.error as Error).name === "OverflowError"
      ? expectError(o, "OverflowError", /out of bounds for uint8/)
      : expectError(o, "TypeError", /np\.addAt\(\): adding .* would change them .*astype/),
  // A 0-d bool array as an index (NumPy: a new axis of length 1 or 0) is an error naming the fix.
  "bool-0d": (_c, o) => expectError(o, "IndexError", /0-d boolean index is not supported/),
  // tensordot with an axis beyond the array: NumPy's IndexError is Python's own "tuple index out
  // of range"; the stand-in's AxisError names the axis.
  "tensordot-axis": (_c, o) =>
    expectError(o, "AxisError", /axis 5 is out of bounds for array of dimension 2/),
  // An integer dtype takes only integers from JavaScript values (NumPy truncates 1.5 silently).
  strict: (_c, o) => expectError(o, "RangeError", /is not an integer/),
};

function run(c: Case): Outcome {
  const op = OPS[c.op];
  assert.ok(op, `no operation ${c.op}`);
  try {
    // Inside the try: np.slice(null, null, 0) is NumPy's ValueError already.
    const args = c.args.map(arg);
    const kw = Object.fromEntries(Object.entries(c.kw ?? {}).map(([k, v]) => [k, arg(v)]));
    return { value: op(args, kw) };
  } catch (error) {
    return { error };
  }
}

// Read at run time: a static JSON import of the fixture (1 MB) costs deno check ten seconds.
const FIXTURE = new URL("./fixtures/numpy_conformance.json", import.meta.url);
const READ_FIXTURE: Needed = [{ name: "read", path: FIXTURE }, "--allow-read=."];
const groups: Record<string, Case[]> = (await missingFlags([READ_FIXTURE])).length === 0
  ? JSON.parse(Deno.readTextFileSync(FIXTURE))
  : {};
if (Object.keys(groups).length === 0) await testWith("NumPy conformance", [READ_FIXTURE], () => {});

for (const [group, cases] of Object.entries(groups)) {
  Deno.test(`NumPy conformance: ${group} (${cases.length} cases)`, () => {
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const outcome = run(c);
      const failure = c.note === undefined
        ? compareWithNumPy(c, outcome)
        : (NOTES[c.note] ?? (() => `unknown note ${c.note}`))(c, outcome);
      if (failure) failures.push(`#${i} ${describeCase(c)}: ${failure}`);
    }
    assert.ok(
      failures.length === 0,
      `${failures.length} of ${cases.length} cases differ from NumPy:\n` +
        failures.slice(0, 40).join("\n"),
    );
  });
}
