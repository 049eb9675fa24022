/**
 * Reductions over axes: `sum`, `mean`, `max`, `min`, `argmax`, `argmin`, each taking `axis` (a
 * number, negative, a list, or none for all) and `keepdims`.
 *
 * Float sums add in NumPy's order, so totals are NumPy's bits: along the innermost axis NumPy
 * sums each row pairwise (`pairwise_sum` in its `loops_utils.h`: blocks of eight partial sums,
 * halves of larger rows summed separately), and across outer axes it adds row after row into the
 * result. Axes of size 1 drop out first and neighbouring axes reduced alike merge, as NumPy's
 * iterator does, so `(100, 1).sum()` is one pairwise sum of 100.
 *
 * @module
 */

import { allocate, type DType, fixElements, isFloat, type Storage } from "./_dtypes.ts";
import { describe, ValueError } from "./_errors.ts";
import {
  EMPTY_SHAPE,
  NDArray,
  normalizeAxes,
  normalizeAxis,
  type ReduceOptions,
  shapeSize,
  stridesOf,
} from "./_ndarray.ts";
import { permute } from "./_manipulation.ts";

// NumPy's pairwise summation of `n` elements from `start`: fewer than 8 one by one, up to 128
// with eight interleaved partial sums, more by halves (the first a multiple of 8 long).
function pairwise64(a: Storage, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res += a[i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    const end = start + n - (n % 8);
    let i = start + 8;
    for (; i < end; i += 8) {
      r0 += a[i];
      r1 += a[i + 1];
      r2 += a[i + 2];
      r3 += a[i + 3];
      r4 += a[i + 4];
      r5 += a[i + 5];
      r6 += a[i + 6];
      r7 += a[i + 7];
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < start + n; i++) res += a[i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise64(a, start, n2) + pairwise64(a, start + n2, n - n2);
}

// The same in float32 arithmetic: every partial sum rounded to float32, as NumPy's float loop.
function pairwise32(a: Storage, start: number, n: number): number {
  const f = Math.fround;
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res = f(res + a[i]);
    return res;
  }
  if (n <= 128) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    const end = start + n - (n % 8);
    let i = start + 8;
    for (; i < end; i += 8) {
      r0 = f(r0 + a[i]);
      r1 = f(r1 + a[i + 1]);
      r2 = f(r2 + a[i + 2]);
      r3 = f(r3 + a[i + 3]);
      r4 = f(r4 + a[i + 4]);
      r5 = f(r5 + a[i + 5]);
      r6 = f(r6 + a[i + 6]);
      r7 = f(r7 + a[i + 7]);
    }
    let res = f(f(f(r0 + r1) + f(r2 + r3)) + f(f(r4 + r5) + f(r6 + r7)));
    for (; i < start + n; i++) res = f(res + a[i]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return f(pairwise32(a, start, n2) + pairwise32(a, start + n2, n - n2));
}

/** How a reduction combines: its start value, its row reduction and its accumulation. */
interface Reducer {
  readonly name: string;
  /** The value the result starts from (NumPy's initial value, or the identity of max/min). */
  readonly initial: number;
  /** The reduction of `n` contiguous elements from `start`, combined into `acc`. */
  readonly row: (acc: number, a: Storage, start: number, n: number) => number;
  /** One element combined into `acc`. */
  readonly step: (acc: number, x: number) => number;
}

function sumReducer(dtype: DType): Reducer {
  if (dtype === "float32") {
    return {
      name: "add",
      initial: 0,
      row: (acc, a, start, n) => Math.fround(acc + pairwise32(a, start, n)),
      step: (acc, x) => Math.fround(acc + x),
    };
  }
  return {
    name: "add",
    initial: 0,
    row: (acc, a, start, n) => acc + pairwise64(a, start, n),
    step: (acc, x) => acc + x,
  };
}

// max and min: NaN wins, and of two equal values the later one (as np.maximum's second operand).
const MAX: Reducer = {
  name: "maximum",
  initial: -Infinity,
  row(acc, a, start, n) {
    for (let i = start; i < start + n; i++) {
      const x = a[i];
      if (!(acc > x || acc !== acc)) acc = x;
    }
    return acc;
  },
  step: (acc, x) => (acc > x || acc !== acc ? acc : x),
};

const MIN: Reducer = {
  name: "minimum",
  initial: Infinity,
  row(acc, a, start, n) {
    for (let i = start; i < start + n; i++) {
      const x = a[i];
      if (!(acc < x || acc !== acc)) acc = x;
    }
    return acc;
  },
  step: (acc, x) => (acc < x || acc !== acc ? acc : x),
};

function checkArray(fn: string, a: unknown): asserts a is NDArray {
  if (!(a instanceof NDArray)) {
    throw new TypeError(`np.${fn}() takes an NDArray, not ${describe(a)}`);
  }
}

/** The result's shape: the input's without the reduced axes, or with 1s there for keepdims. */
function reducedShape(shape: readonly number[], axes: readonly number[], keepdims: boolean) {
  return keepdims
    ? shape.map((d, i) => (axes.includes(i) ? 1 : d))
    : shape.filter((_, i) => !axes.includes(i));
}

/**
 * Reduces `a` over `axes`, walking the input in C order as NumPy's iterator does (see the module
 * doc): the dimensions without size 1, neighbours reduced alike merged; rows of the innermost
 * group are reduced at once when it is reduced, else added element by element into the result.
 * The results are kept as doubles (exact for every dtype: float32 reducers round themselves).
 */
function reduce(a: NDArray, axes: readonly number[], reducer: Reducer): Float64Array {
  const sizes: number[] = [];
  const reduced: boolean[] = [];
  for (let i = 0; i < a.ndim; i++) {
    const d = a.shape[i];
    if (d === 1) continue;
    const r = axes.includes(i);
    if (sizes.length > 0 && reduced[reduced.length - 1] === r) sizes[sizes.length - 1] *= d;
    else {
      sizes.push(d);
      reduced.push(r);
    }
  }
  const outSizes = sizes.filter((_, k) => !reduced[k]);
  const out = new Float64Array(shapeSize(outSizes)).fill(reducer.initial);
  const src = a.data;
  if (src.length === 0) return out;
  // Output strides of the groups: C order over the kept groups, 0 along the reduced ones.
  const outStrides = new Array<number>(sizes.length).fill(0);
  const kept = stridesOf(outSizes);
  for (let k = 0, j = 0; k < sizes.length; k++) if (!reduced[k]) outStrides[k] = kept[j++];
  const last = sizes.length - 1;
  if (last < 0) {
    out[0] = reducer.step(reducer.initial, src[0]);
    return out;
  }
  const rowLength = sizes[last];
  const rowReduced = reduced[last];
  const index = new Array<number>(last).fill(0);
  let o = 0;
  for (let i = 0; i < src.length; i += rowLength) {
    if (rowReduced) out[o] = reducer.row(out[o], src, i, rowLength);
    else {
      for (let j = 0; j < rowLength; j++) out[o + j] = reducer.step(out[o + j], src[i + j]);
    }
    for (let axis = last - 1; axis >= 0; axis--) {
      o += outStrides[axis];
      if (++index[axis] < sizes[axis]) break;
      o -= outStrides[axis] * sizes[axis];
      index[axis] = 0;
    }
  }
  return out;
}

/** A reduction's results as an array of `dtype` (0-d when every axis went). */
function result(shape: readonly number[], dtype: DType, values: Float64Array): NDArray {
  const out = dtype === "float64" || dtype === "int64" ? values : allocate(dtype, values.length);
  if (out !== values) out.set(values);
  fixElements(dtype, out);
  return shape.length === 0
    ? new NDArray(EMPTY_SHAPE, dtype, out[0])
    : new NDArray(shape, dtype, out);
}

function checkOptions(fn: string, options: unknown): ReduceOptions {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `np.${fn}()'s options are an object, e.g. { axis: 1, keepdims: true }, not ` +
        `${describe(options)} (write x.${fn}({ axis: ${JSON.stringify(options)} }))`,
    );
  }
  for (const key of Object.keys(options)) {
    if (key !== "axis" && key !== "keepdims") {
      throw new TypeError(`np.${fn}() has no option "${key}": the options are axis and keepdims`);
    }
  }
  return options as ReduceOptions;
}

/**
 * The axes of a reduction: {@linkcode normalizeAxes}, but a 0-d array takes the single axis 0 or
 * -1 as all of its none, as NumPy's sum, max and min do (not in a list, and not its mean).
 */
function reductionAxes(fn: string, a: NDArray, axis: unknown): number[] {
  return a.ndim === 0 && (axis === 0 || axis === -1) ? [] : normalizeAxes(axis, a.ndim, fn);
}

/** The dtype of a sum: floats keep theirs, integers and bools sum as int64. */
export function sumDtype(dtype: DType): DType {
  return isFloat(dtype) ? dtype : "int64";
}

/**
 * The sum over `axis` (all axes by default), like `np.sum`: float sums in NumPy's pairwise order,
 * so the bits are NumPy's; integer and bool sums are int64 (NumPy gives uint64 for uint8).
 *
 * @param a the array
 * @param options `axis`: a number, a list of them or `null` for all; `keepdims`
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = np.array([[1, 2, 3], [4, 5, 6]]);
 * assert.equal(np.sum(x).toString(), "21.0");
 * assert.equal(np.sum(x, { axis: 0 }).toString(), "[5. 7. 9.]");
 * assert.equal(np.sum(x, { axis: -1, keepdims: true }).toString(), "[[ 6.]\n [15.]]");
 * ```
 */
export function sum(a: NDArray, options?: ReduceOptions): NDArray {
  const { axes, shape } = reduction("sum", a, options);
  const dtype = sumDtype(a.dtype);
  return result(shape, dtype, reduce(a, axes, sumReducer(dtype)));
}

/**
 * The mean over `axis` (all axes by default), like `np.mean`: the sum divided by the count, in
 * float32 for float32 and float64 otherwise.
 *
 * @param a the array
 * @param options `axis`: a number, a list of them or `null` for all; `keepdims`
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.mean(np.array([[1, 2], [3, 4]], "int64"), { axis: 1 }).toString(), "[1.5 3.5]");
 * ```
 */
export function mean(a: NDArray, options?: ReduceOptions): NDArray {
  const { axes, shape } = reduction("mean", a, options);
  const dtype = a.dtype === "float32" ? "float32" : "float64";
  const out = reduce(a, axes, sumReducer(dtype));
  const count = axes.reduce((n, i) => n * a.shape[i], 1);
  // float32 divides by the count as a float32 (NumPy casts the Python int); the double quotient,
  // rounded once when stored, is the correctly rounded float32 one.
  const divisor = dtype === "float32" ? Math.fround(count) : count;
  for (let i = 0; i < out.length; i++) out[i] = out[i] / divisor;
  return result(shape, dtype, out);
}

function extreme(
  fn: "max" | "min",
  reducer: Reducer,
  a: NDArray,
  options?: ReduceOptions,
): NDArray {
  const { axes, shape } = reduction(fn, a, options);
  return result(shape, a.dtype, reduce(a, axes, reducer));
}

/**
 * The reduced axes and the result's shape of `a.sum(options)` (or `mean`, `max`, `min`), with
 * NumPy's errors for bad options and for max and min of nothing; shared with the GPU's arrays.
 *
 * @param fn the reduction
 * @param a the array
 * @param options `axis` and `keepdims`
 */
export function reduction(
  fn: "sum" | "mean" | "max" | "min",
  a: NDArray,
  options: ReduceOptions | undefined,
): { axes: number[]; shape: number[] } {
  checkArray(fn, a);
  const { axis = null, keepdims = false } = checkOptions(fn, options);
  let axes: number[];
  if (fn === "mean") {
    for (const ax of Array.isArray(axis) ? axis : [axis]) {
      if (typeof ax === "number" && !Number.isInteger(ax)) {
        // NumPy's mean has its own words for this.
        throw new TypeError(
          `integer argument expected, got float: an axis is an integer, got ${ax}`,
        );
      }
    }
    axes = normalizeAxes(axis, a.ndim, "mean");
  } else {
    axes = reductionAxes(fn, a, axis);
  }
  if ((fn === "max" || fn === "min") && axes.some((i) => a.shape[i] === 0)) {
    throw new ValueError(
      `zero-size array to reduction operation ${
        fn === "max" ? "maximum" : "minimum"
      } which has no identity`,
    );
  }
  return { axes, shape: reducedShape(a.shape, axes, keepdims) };
}

/**
 * The largest element over `axis` (all axes by default), like `np.max` (NaN if any is NaN).
 *
 * @param a the array
 * @param options `axis`: a number, a list of them or `null` for all; `keepdims`
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.max(np.array([[1, 5], [3, 4]]), { axis: 0 }).toString(), "[3. 5.]");
 * ```
 */
export function max(a: NDArray, options?: ReduceOptions): NDArray {
  return extreme("max", MAX, a, options);
}

/**
 * The smallest element over `axis` (all axes by default), like `np.min` (NaN if any is NaN).
 *
 * @param a the array
 * @param options `axis`: a number, a list of them or `null` for all; `keepdims`
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.min(np.array([[1, 5], [3, 4]]), { axis: 1 }).toString(), "[1. 3.]");
 * ```
 */
export function min(a: NDArray, options?: ReduceOptions): NDArray {
  return extreme("min", MIN, a, options);
}

/**
 * The axis searched by `a.argmax(options)` (or `argmin`; `null`: the flattened array), the
 * result's shape and the length of each search, with NumPy's errors; shared with the GPU's
 * arrays.
 *
 * @param fn `argmax` or `argmin`
 * @param a the array
 * @param options `axis` (one, or `null`) and `keepdims`
 */
export function argReduction(
  fn: "argmax" | "argmin",
  a: NDArray,
  options: { axis?: number | null; keepdims?: boolean },
): { axis: number | null; shape: number[]; n: number } {
  checkArray(fn, a);
  const { axis = null, keepdims = false } = checkOptions(fn, options);
  if (Array.isArray(axis)) {
    throw new TypeError(
      // A list of axes is the stand-in's spelling of NumPy's tuple.
      `'tuple' object cannot be interpreted as an integer: np.${fn}()'s axis is one number or ` +
        "null",
    );
  }
  // NumPy searches a 0-d array as a 1-d one: axis 0 and -1 work, others name dimension 1.
  const checked = axis === null ? null : normalizeAxis(axis, Math.max(a.ndim, 1), fn);
  const ax = a.ndim === 0 ? null : checked;
  const n = ax === null ? a.size : a.shape[ax];
  if (n === 0) throw new ValueError(`attempt to get ${fn} of an empty sequence`);
  const shape = ax === null
    ? (keepdims ? a.shape.map(() => 1) : [])
    : keepdims
    ? a.shape.map((d, i) => (i === ax ? 1 : d))
    : a.shape.filter((_, i) => i !== ax);
  return { axis: ax, shape, n };
}

/** The index of the first largest (`sign` 1) or smallest (-1) element of each row; NaN first. */
function argExtreme(
  fn: "argmax" | "argmin",
  sign: 1 | -1,
  a: NDArray,
  options: { axis?: number | null; keepdims?: boolean } = {},
): NDArray {
  const { axis: ax, shape, n } = argReduction(fn, a, options);
  // Rows to search: the flattened array, or the axis moved last.
  let rows: Storage;
  if (ax === null) {
    rows = a.data;
  } else {
    const perm = [...a.shape.keys()].filter((i) => i !== ax).concat(ax);
    rows = allocate(a.dtype, a.size);
    permute(a.data, a.shape, perm, rows);
  }
  const out = new Float64Array(rows.length / n);
  for (let r = 0; r < out.length; r++) {
    const start = r * n;
    let best = 0;
    let value = rows[start];
    for (let j = 1; j < n && value === value; j++) {
      const x = rows[start + j];
      if (x !== x || sign * (x - value) > 0) {
        best = j;
        value = x;
      }
    }
    out[r] = best;
  }
  return result(shape, "int64", out);
}

/**
 * The index of the largest element over `axis` (of the flattened array by default), like
 * `np.argmax`: the first among equal ones, the first NaN if any; int64.
 *
 * @param a the array
 * @param options `axis`: one axis or `null`; `keepdims`
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.argmax(np.array([[1, 5], [7, 4]])).toString(), "2");
 * assert.equal(np.argmax(np.array([[1, 5], [7, 4]]), { axis: 0 }).toString(), "[1 0]");
 * ```
 */
export function argmax(
  a: NDArray,
  options?: { axis?: number | null; keepdims?: boolean },
): NDArray {
  return argExtreme("argmax", 1, a, options);
}

/**
 * The index of the smallest element over `axis` (of the flattened array by default), like
 * `np.argmin`: the first among equal ones, the first NaN if any; int64.
 *
 * @param a the array
 * @param options `axis`: one axis or `null`; `keepdims`
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.argmin(np.array([3, 1, 1])).toString(), "1");
 * ```
 */
export function argmin(
  a: NDArray,
  options?: { axis?: number | null; keepdims?: boolean },
): NDArray {
  return argExtreme("argmin", -1, a, options);
}

const proto = NDArray.prototype;
proto.sum = function (this: NDArray, options?: ReduceOptions): NDArray {
  return sum(this, options);
};
proto.mean = function (this: NDArray, options?: ReduceOptions): NDArray {
  return mean(this, options);
};
proto.max = function (this: NDArray, options?: ReduceOptions): NDArray {
  return max(this, options);
};
proto.min = function (this: NDArray, options?: ReduceOptions): NDArray {
  return min(this, options);
};
proto.argmax = function (
  this: NDArray,
  options?: { axis?: number | null; keepdims?: boolean },
): NDArray {
  return argmax(this, options);
};
