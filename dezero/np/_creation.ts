/**
 * Making arrays: `array`, `full`, `zeros`, `ones` and their `Like` forms, `arange`, `linspace`,
 * `eye`.
 *
 * @module
 */

import { allocate, checkDtype, type DType, element, isFloat, resultType } from "./_dtypes.ts";
import { describe, pythonTypeName, ValueError, ZeroDivisionError } from "./_errors.ts";
import {
  checkShape,
  EMPTY_SHAPE,
  floatScalar,
  NDArray,
  type Operand,
  shapeSize,
  shapeText,
} from "./_ndarray.ts";

/** What `array()` accepts: a number, a boolean, an NDArray or (nested) arrays of them. */
export type ArrayInput = number | boolean | NDArray | readonly ArrayInput[];

/**
 * Creates an array from a number, a boolean or nested arrays, like `np.array`.
 *
 * Numbers give float64 unless `dtype` says otherwise: JavaScript cannot tell `1` from `1.0`, so
 * integer arrays are asked for with `"int64"`. Booleans alone give a bool array. An integer dtype
 * takes only integers that fit (NumPy would round or wrap some silently).
 *
 * A list of NDArrays of one shape stacks them along a new first axis, as NumPy's
 * `np.array([a, b])` does (the dtypes promote).
 *
 * @param value the elements; an NDArray is copied (and converted to `dtype`, as by `astype`)
 * @param dtype the element type (default: bool for booleans only, float64 otherwise)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.array(1).toString(), "1.0");
 * assert.equal(np.array([1, 2, 3], "int64").toString(), "[1 2 3]");
 * assert.equal(np.array([0.1, 0.2], "float32").toString(), "[0.1 0.2]");
 * assert.equal(np.array([true, false]).toString(), "[ True False]");
 * assert.throws(() => np.array([[1, 2], [3]]), np.ValueError);
 * ```
 */
export function array(value: ArrayInput | NDArray, dtype?: DType): NDArray {
  // A plain number, as DeZero's constants are: the shortest path.
  if (typeof value === "number" && dtype === undefined) return floatScalar(value);
  if (dtype !== undefined) checkDtype(dtype);
  if (value instanceof NDArray) return value.astype(dtype ?? value.dtype);
  if (typeof value === "number" || typeof value === "boolean") {
    const type = dtype ?? (typeof value === "boolean" ? "bool" : "float64");
    return new NDArray(EMPTY_SHAPE, type, element(value, type));
  }
  if (!Array.isArray(value)) {
    throw new TypeError(
      `np.array() takes a number, a boolean, nested arrays of them or an NDArray, not ` +
        `${describe(value)}`,
    );
  }
  if (value.length > 0 && value.every((v) => v instanceof NDArray)) {
    return stack(value as NDArray[], dtype);
  }
  const shape = inferShape(value);
  const values: (number | boolean)[] = value.flat(Infinity) as (number | boolean)[];
  const type = dtype ??
    (values.length > 0 && values.every((v) => typeof v === "boolean") ? "bool" : "float64");
  const data = allocate(type, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    data[i] = typeof v === "number" || typeof v === "boolean"
      ? element(v, type)
      : element(v, type, indexOf(i, shape));
  }
  return new NDArray(shape, type, data);
}

/** Arrays of one shape stacked along a new first axis (`np.array([a, b])`). */
function stack(arrays: readonly NDArray[], dtype?: DType): NDArray {
  const first = arrays[0];
  for (const [i, a] of arrays.entries()) {
    if (a.shape.length !== first.shape.length || a.shape.some((d, k) => d !== first.shape[k])) {
      throw new ValueError(
        "setting an array element with a sequence. The requested array has an inhomogeneous " +
          `shape after 1 dimensions: the array at index 0 has shape ${shapeText(first.shape)}, ` +
          `the one at index ${i} ${shapeText(a.shape)}`,
      );
    }
  }
  const type = dtype ?? resultType(arrays);
  const n = first.size;
  const out = allocate(type, arrays.length * n);
  for (const [i, a] of arrays.entries()) {
    out.set(a.dtype === type || isFloat(type) ? a.data : a.astype(type).data, i * n);
  }
  return new NDArray([arrays.length, ...first.shape], type, out);
}

/** The multi-index of the flat position `i` in `shape`, for messages. */
function indexOf(i: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = i % shape[axis];
    i = Math.floor(i / shape[axis]);
  }
  return index;
}

function inferShape(value: readonly ArrayInput[]): number[] {
  const shape: number[] = [];
  let level: ArrayInput = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const check = (v: ArrayInput, depth: number): void => {
    const isArr = Array.isArray(v);
    if (depth < shape.length ? !isArr || v.length !== shape[depth] : isArr) {
      throw new ValueError(
        "setting an array element with a sequence. The requested array has an inhomogeneous " +
          `shape after ${depth} dimensions. The detected shape was ${
            shapeText(shape.slice(0, depth))
          } + inhomogeneous part.`,
      );
    }
    if (isArr) { for (const item of v) check(item, depth + 1); }
  };
  check(value, 0);
  return shape;
}

/** Checks the dtype argument of a creation function, with a hint for `np.zeros(2, 3)`. */
function creationDtype(fn: string, dtype: unknown, shape: unknown): DType {
  if (typeof dtype === "number") {
    throw new TypeError(
      `np.${fn}(${shape}, ${dtype}): the shape is one argument, an array of its dimensions: ` +
        `write np.${fn}([${shape}, ${dtype}])`,
    );
  }
  return checkDtype(dtype);
}

/**
 * An array of the given shape filled with `value`, like `np.full`.
 *
 * @param shape the dimensions, e.g. `[2, 3]` (a number means a 1-d shape)
 * @param value the fill value
 * @param dtype the element type (default: bool for a boolean value, float64 otherwise)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.full([2], 7).toString(), "[7. 7.]");
 * ```
 */
export function full(
  shape: number | readonly number[],
  value: number | boolean,
  dtype?: DType,
): NDArray {
  const dims = checkShape(shape, "full");
  const type = dtype === undefined
    ? (typeof value === "boolean" ? "bool" : "float64")
    : creationDtype("full", dtype, shape);
  const v = element(value, type);
  if (dims.length === 0) return new NDArray(EMPTY_SHAPE, type, v);
  const data = allocate(type, shapeSize(dims));
  if (v !== 0) data.fill(v);
  return new NDArray(dims, type, data);
}

/**
 * An array of zeros, like `np.zeros`.
 *
 * @param shape the dimensions, e.g. `[2, 3]`
 * @param dtype the element type (default float64)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.zeros([2, 2]).toString(), "[[0. 0.]\n [0. 0.]]");
 * assert.throws(() => np.zeros(2, 3 as never), /np\.zeros\(\[2, 3\]\)/);
 * ```
 */
export function zeros(shape: number | readonly number[], dtype: DType = "float64"): NDArray {
  return full(shape, 0, creationDtype("zeros", dtype, shape));
}

/**
 * An array of ones, like `np.ones`.
 *
 * @param shape the dimensions, e.g. `[2, 3]`
 * @param dtype the element type (default float64)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.ones([3]).toString(), "[1. 1. 1.]");
 * ```
 */
export function ones(shape: number | readonly number[], dtype: DType = "float64"): NDArray {
  return full(shape, 1, creationDtype("ones", dtype, shape));
}

/**
 * Zeros with the shape and dtype of `a`, like `np.zeros_like`.
 *
 * @param a the array (or number) whose shape and dtype to copy
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.zerosLike(np.array([1, 2], "int64")).toString(), "[0 0]");
 * ```
 */
export function zerosLike(a: Operand): NDArray {
  return typeof a === "number" ? zeros([]) : full(likeShape("zerosLike", a), 0, a.dtype);
}

/**
 * Ones with the shape and dtype of `a`, like `np.ones_like`.
 *
 * @param a the array (or number) whose shape and dtype to copy
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.onesLike(np.array(0.5)).toString(), "1.0");
 * ```
 */
export function onesLike(a: Operand): NDArray {
  return typeof a === "number" ? ones([]) : full(likeShape("onesLike", a), 1, a.dtype);
}

function likeShape(fn: string, a: unknown): readonly number[] {
  if (!(a instanceof NDArray)) {
    throw new TypeError(`np.${fn}() takes an NDArray or a number, not ${describe(a)}`);
  }
  return a.shape;
}

/**
 * The identity matrix, or ones on the `k`-th diagonal of an `n × m` matrix, like `np.eye`.
 *
 * @param n the number of rows
 * @param options `m`: the number of columns (default `n`); `k`: the diagonal (0 the main one,
 *   positive above); `dtype` (default float64)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.eye(2, { dtype: "int64" }).toString(), "[[1 0]\n [0 1]]");
 * ```
 */
export function eye(
  n: number,
  options: { m?: number | null; k?: number; dtype?: DType } = {},
): NDArray {
  const { m = null, k = 0, dtype = "float64" } = options;
  const [rows, cols] = checkShape([n, m ?? n], "eye");
  if (!Number.isInteger(k)) {
    throw new TypeError(
      `'${pythonTypeName(k)}' object cannot be interpreted as an integer: np.eye()'s k is an ` +
        `integer, not ${describe(k)}`,
    );
  }
  const data = allocate(checkDtype(dtype), rows * cols);
  for (let i = Math.max(0, -k); i < rows && i + k < cols; i++) data[i * cols + i + k] = 1;
  return new NDArray([rows, cols], dtype, data);
}

/**
 * Evenly spaced values in `[start, stop)`, like `np.arange`: int64 when start, stop and step are
 * integers (as NumPy's Python ints give), float64 otherwise, unless `dtype` says.
 *
 * @param start the first value, or the stop when `stop` is omitted
 * @param stop the end (excluded)
 * @param step the spacing (not 0, Python's ZeroDivisionError)
 * @param dtype the element type (bool only for at most two elements, as in NumPy)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.arange(4).toString(), "[0 1 2 3]");
 * assert.equal(np.arange(1, 2, 0.25).toString(), "[1.   1.25 1.5  1.75]");
 * ```
 */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): NDArray {
  if (stop === undefined) [start, stop] = [0, start];
  for (const v of [start, stop, step]) {
    if (typeof v !== "number") {
      throw new TypeError(`np.arange() takes numbers, not ${describe(v)}`);
    }
  }
  const type = dtype === undefined
    ? ([start, stop, step].every(Number.isInteger) ? "int64" : "float64")
    : checkDtype(dtype);
  if (step === 0) {
    // Python's words for its int or float division (stop - start) / step.
    const kind = Number.isInteger(start) && Number.isInteger(stop) ? "" : "float ";
    throw new ZeroDivisionError(`${kind}division by zero (np.arange's step is 0)`);
  }
  const n = Math.ceil((stop - start) / step);
  if (!Number.isFinite(n)) {
    throw new ValueError(`arange: cannot compute length of [${start}, ${stop}) by ${step}`);
  }
  const data = allocate(type, Math.max(0, n));
  if (type === "bool" && data.length > 2) {
    throw new TypeError(
      "arange() is only supported for booleans when the result has at most length 2.",
    );
  }
  // NumPy stores the first two values, start and start + step, then steps by their difference
  // in the dtype's own arithmetic (float32's for float32), not by `step` itself: the two differ
  // in the last bit for steps like 0.7, and so would the elements.
  const first = element(start, type, [0]);
  const second = element(start + step, type, [1]);
  const round = type === "float32" ? Math.fround : (x: number) => x;
  const delta = round(second - first);
  for (let i = 0; i < data.length; i++) {
    data[i] = i === 0 ? first : i === 1 ? second : element(first + round(i * delta), type, [i]);
  }
  return new NDArray([data.length], type, data);
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included, like `np.linspace` (float64).
 *
 * The values are NumPy's bits: `i * step + start` with `step = (stop - start) / (num - 1)`, and
 * the last one is `stop` itself.
 *
 * @param start the first value
 * @param stop the last value
 * @param num how many values (a non-negative integer)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.linspace(0, 1, 5).toString(), "[0.   0.25 0.5  0.75 1.  ]");
 * assert.equal(np.linspace(-7, 7, 200).size, 200);
 * ```
 */
export function linspace(start: number, stop: number, num = 50): NDArray {
  for (const v of [start, stop]) {
    if (typeof v !== "number") {
      throw new TypeError(`linspace() takes numbers for start and stop, got ${describe(v)}`);
    }
  }
  if (typeof num !== "number" || !Number.isInteger(num)) {
    throw new TypeError(
      `'${pythonTypeName(num)}' object cannot be interpreted as an integer: linspace()'s num is ` +
        `an integer, got ${describe(num)}`,
    );
  }
  if (num < 0) throw new ValueError(`Number of samples, ${num}, must be non-negative.`);
  const data = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) {
    // NumPy: i * step, or (i / div) * delta when the step underflows to 0 (subnormal ranges);
    // one element has no step, so it is 0 * delta.
    const offset = div <= 0 ? i * delta : step === 0 ? (i / div) * delta : i * step;
    data[i] = offset + start;
  }
  if (num > 1) data[num - 1] = stop;
  return new NDArray([num], "float64", data);
}

/**
 * Whether `x` is a scalar, like `np.isscalar`: true for numbers and booleans, false for arrays
 * (also 0-d ones).
 *
 * @param x anything
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.isScalar(1.5), true);
 * assert.equal(np.isScalar(np.array(1.5)), false);
 * ```
 */
export function isScalar(x: unknown): x is number | boolean {
  return typeof x === "number" || typeof x === "boolean";
}
