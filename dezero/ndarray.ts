/**
 * A small NumPy stand-in: the n-dimensional array that DeZero computes with.
 *
 * Steps import it as `import * as np from "../dezero/ndarray.ts"` so the code reads like the
 * book (`np.array(0.5)`, `np.exp(x)`, `np.onesLike(x)`). It follows NumPy's semantics for what
 * DeZero needs: broadcasting, dtype promotion, IEEE results and NumPy's printing.
 *
 * @module
 */

import { describe } from "./describe.ts";
import { expLoop, mathExpIsCorrectlyRounded } from "./exp_kernel.ts";
import { formatArray } from "./format.ts";

/** The element types this stand-in supports: NumPy's `float64`, `int64` and `bool`. */
export type DType = "float64" | "int64" | "bool";

/** What `array()` accepts: a number, a boolean or (nested) arrays of them. */
export type ArrayInput = number | boolean | readonly ArrayInput[];

/** What `toArray()` returns: a number (or boolean) for 0-d, nested JS arrays otherwise. */
export type NestedArray = number | boolean | NestedArray[];

/** An operand of the math functions: an array or a plain number (a NumPy "weak" scalar). */
export type Operand = NDArray | number;

/** NumPy's `ValueError`, for errors where NumPy raises one (e.g. shapes that do not broadcast). */
export class ValueError extends Error {
  /**
   * Makes the error.
   *
   * @param message what went wrong, in NumPy's wording where NumPy has one
   *
   * @example
   * ```ts
   * import { ValueError } from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new ValueError("bad").name, "ValueError");
   * ```
   */
  constructor(message: string) {
    super(message);
    this.name = "ValueError";
  }
}

const EMPTY_SHAPE: readonly number[] = Object.freeze([]);

// Friend accessors, assigned in NDArray's static block: the kernels in this module need the
// storage that NDArray keeps private from its users.
let valueOf0d: (a: NDArray) => number;
let bufferOf: (a: NDArray) => Float64Array;

/**
 * An n-dimensional array of float64, int64 or bool elements, stored flat in C order.
 *
 * A 0-d array keeps its value in a plain number field and only allocates a `Float64Array` when
 * its `data` is asked for: DeZero's graphs are mostly scalars, and creating a typed array costs
 * about a hundred times more than creating an object in V8.
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * const a = np.array([[1, 2, 3], [4, 5, 6]], "int64");
 * assert.deepEqual(a.shape, [2, 3]);
 * assert.equal(a.toString(), "[[1 2 3]\n [4 5 6]]");
 * assert.equal(np.array(0.5).add(1).toString(), "1.5");
 * ```
 */
export class NDArray {
  /** The size of each dimension, like NumPy's `shape` tuple. */
  readonly shape: readonly number[];
  /** The element type. */
  readonly dtype: DType;
  /** The number of elements. */
  readonly size: number;
  #buf: Float64Array | null;
  #value: number;

  static {
    valueOf0d = (a) => a.#buf === null ? a.#value : a.#buf[0];
    bufferOf = (a) => a.data;
  }

  /**
   * Wraps flat C-order storage; most code should use `array()`, `zeros()` and friends instead.
   *
   * @param shape the dimensions (not copied: pass a fresh array)
   * @param dtype the element type
   * @param data the elements, `shape`'s product of them (bools as 0/1); a number makes a 0-d array
   *
   * @example
   * ```ts
   * import { NDArray } from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * const a = new NDArray([2], "float64", new Float64Array([1, 2]));
   * assert.equal(a.toString(), "[1. 2.]");
   * assert.equal(new NDArray([], "float64", 3).toString(), "3.0");
   * ```
   */
  constructor(shape: readonly number[], dtype: DType, data: Float64Array | number) {
    // Results share their operands' shape arrays, so a shape must never change. (The identity
    // test first: 0-d arrays, most of a scalar graph, then skip the slower isFrozen call.)
    this.shape = shape === EMPTY_SHAPE || Object.isFrozen(shape)
      ? shape
      : Object.freeze(shape.slice());
    this.dtype = dtype === "float64" ? dtype : checkDtype(dtype);
    if (typeof data === "number") {
      if (shape.length !== 0) throw new RangeError("a number makes a 0-d array: shape must be []");
      this.size = 1;
      this.#buf = null;
      this.#value = data;
    } else {
      const size = shapeSize(shape);
      if (data.length !== size) {
        throw new RangeError(
          `cannot make an array of shape ${shapeText(shape)} from ${data.length} elements`,
        );
      }
      this.size = size;
      this.#buf = data;
      this.#value = 0;
    }
  }

  /**
   * The flat C-order storage (bools as 0/1). Writing into it changes the array in place.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.deepEqual(Array.from(np.array([[1, 2], [3, 4]]).data), [1, 2, 3, 4]);
   * ```
   */
  get data(): Float64Array {
    if (this.#buf === null) this.#buf = new Float64Array([this.#value]);
    return this.#buf;
  }

  /**
   * The number of dimensions.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.zeros([2, 3]).ndim, 2);
   * ```
   */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * The size of the first dimension, like Python's `len()`; a 0-d array has none.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.zeros([4, 2]).length, 4);
   * assert.throws(() => np.array(1).length, TypeError);
   * ```
   */
  get length(): number {
    if (this.shape.length === 0) throw new TypeError("len() of unsized object");
    return this.shape[0];
  }

  /**
   * The single element as a number (a bool array gives 1 or 0).
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([[2.5]]).item(), 2.5);
   * ```
   */
  item(): number {
    if (this.size !== 1) {
      throw new ValueError("can only convert an array of size 1 to a Python scalar");
    }
    return valueOf0d(this);
  }

  /**
   * The elements as nested JS arrays (booleans for a bool array); a 0-d array gives its value.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.deepEqual(np.array([[1, 2], [3, 4]]).toArray(), [[1, 2], [3, 4]]);
   * assert.equal(np.array(7).toArray(), 7);
   * ```
   */
  toArray(): NestedArray {
    const data = this.data;
    const toValue = this.dtype === "bool" ? (v: number) => v !== 0 : (v: number) => v;
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === this.shape.length) return toValue(data[offset]);
      const n = this.shape[axis];
      const step = n === 0 ? 0 : shapeSize(this.shape.slice(axis + 1));
      return Array.from({ length: n }, (_, i) => build(axis + 1, offset + i * step));
    };
    return build(0, 0);
  }

  /**
   * NumPy's `str()` of the array.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([0.5, 1.25, -3]).toString(), "[ 0.5   1.25 -3.  ]");
   * ```
   */
  toString(): string {
    return this.#buf === null
      ? formatArray([this.#value], this.shape, this.dtype)
      : formatArray(this.#buf, this.shape, this.dtype);
  }

  /** Makes `console.log(a)` print what Python's `print(a)` prints. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /**
   * Elementwise `this + other`, with broadcasting.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, 2]).add(np.array([[10], [20]])).toString(), "[[11. 12.]\n [21. 22.]]");
   * ```
   */
  add(other: Operand): NDArray {
    const y = NDArray.#floatScalar(other);
    if (y !== undefined && this.#buf === null && this.dtype === "float64") {
      return floatScalar(this.#value + y);
    }
    return binary(ADD, this, other);
  }

  /**
   * Elementwise `this - other`, with broadcasting.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array(5).sub(2).item(), 3);
   * ```
   */
  sub(other: Operand): NDArray {
    const y = NDArray.#floatScalar(other);
    if (y !== undefined && this.#buf === null && this.dtype === "float64") {
      return floatScalar(this.#value - y);
    }
    return binary(SUBTRACT, this, other);
  }

  /**
   * Elementwise `this * other`, with broadcasting.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, 2]).mul(3).toString(), "[3. 6.]");
   * ```
   */
  mul(other: Operand): NDArray {
    const y = NDArray.#floatScalar(other);
    if (y !== undefined && this.#buf === null && this.dtype === "float64") {
      return floatScalar(this.#value * y);
    }
    return binary(MULTIPLY, this, other);
  }

  /**
   * Elementwise `this / other` (true division: integers give float64), with broadcasting.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array(1).div(0).toString(), "inf");
   * ```
   */
  div(other: Operand): NDArray {
    const y = NDArray.#floatScalar(other);
    if (y !== undefined && this.#buf === null && this.dtype === "float64") {
      return floatScalar(this.#value / y);
    }
    return binary(DIVIDE, this, other);
  }

  /**
   * Elementwise `this ** other`, with broadcasting.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array(10, "int64").pow(2).toString(), "100");
   * ```
   */
  pow(other: Operand): NDArray {
    const y = NDArray.#floatScalar(other);
    if (y !== undefined && this.#buf === null && this.dtype === "float64") {
      return floatScalar(powScalarExponent(this.#value, y));
    }
    return binary(POWER, this, other);
  }

  /**
   * Elementwise `-this`.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, -2]).neg().toString(), "[-1.  2.]");
   * ```
   */
  neg(): NDArray {
    return this.#buf === null && this.dtype === "float64"
      ? floatScalar(-this.#value)
      : unary(NEGATIVE, this);
  }

  // The arithmetic methods above first try the case of DeZero's scalar graphs, float64 0-d
  // arrays (whose value is in #value, no buffer made) and numbers, and compute it directly: the
  // general path (dtype promotion, broadcasting) costs many times the arithmetic, and a graph of
  // scalars does little else. The test is written out in each method, as it runs for every one.

  /** The value of a number or of a float64 0-d array without a buffer; else undefined. */
  static #floatScalar(x: Operand): number | undefined {
    if (typeof x === "number") return x;
    return x instanceof NDArray && x.#buf === null && x.dtype === "float64" ? x.#value : undefined;
  }
}

/** A float64 0-d array holding `value`. */
function floatScalar(value: number): NDArray {
  return new NDArray(EMPTY_SHAPE, "float64", value);
}

// ---------------------------------------------------------------------------------------------
// Shapes

function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A shape as NumPy prints a tuple: `(2,3)`, `(4,)`, `()`. */
function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`;
}

function checkShape(shape: number | readonly number[]): readonly number[] {
  const dims = typeof shape === "number" ? [shape] : shape;
  if (!Array.isArray(dims)) {
    throw new TypeError(`a shape must be a number or an array of numbers, not ${describe(shape)}`);
  }
  for (const d of dims) {
    if (typeof d !== "number" || !Number.isInteger(d)) {
      throw new RangeError(`shape entries must be integers, got ${describe(d)} in [${dims}]`);
    }
    if (d < 0) throw new RangeError(`negative dimensions are not allowed: [${dims}]`);
  }
  return dims.length === 0 ? EMPTY_SHAPE : [...dims];
}

// ---------------------------------------------------------------------------------------------
// Creation

/**
 * Creates an array from a number, a boolean or nested arrays, like `np.array`.
 *
 * Numbers give float64 unless `dtype` says otherwise: JavaScript cannot tell `1` from `1.0`, so
 * integer arrays are asked for with `"int64"`. Booleans alone give a bool array.
 *
 * @param value the elements; an NDArray is copied
 * @param dtype the element type (default: bool for booleans only, float64 otherwise)
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.array(1).toString(), "1.0");
 * assert.equal(np.array([1, 2, 3], "int64").toString(), "[1 2 3]");
 * assert.equal(np.array([true, false]).toString(), "[ True False]");
 * assert.throws(() => np.array([[1, 2], [3]]), TypeError);
 * ```
 */
export function array(value: ArrayInput | NDArray, dtype?: DType): NDArray {
  // A plain number, as DeZero's constants are: the shortest path.
  if (typeof value === "number" && dtype === undefined) return floatScalar(value);
  if (dtype !== undefined) checkDtype(dtype);
  if (value instanceof NDArray) {
    return cast(new NDArray(value.shape, value.dtype, value.data.slice()), dtype ?? value.dtype);
  }
  if (typeof value === "number" || typeof value === "boolean") {
    const type = dtype ?? (typeof value === "boolean" ? "bool" : "float64");
    return new NDArray(EMPTY_SHAPE, type, element(value, type, []));
  }
  const shape = inferShape(value);
  const data = new Float64Array(shapeSize(shape));
  let allBool = true;
  let n = 0;
  const type = dtype ?? "float64";
  const path: number[] = []; // the index being filled, for error messages
  const fill = (v: ArrayInput): void => {
    if (Array.isArray(v)) {
      path.push(0);
      for (const item of v) {
        fill(item);
        path[path.length - 1]++;
      }
      path.pop();
      return;
    }
    if (typeof v !== "boolean") allBool = false;
    data[n++] = element(v as number | boolean, type, path);
  };
  fill(value);
  return new NDArray(shape, dtype ?? (allBool && n > 0 ? "bool" : "float64"), data);
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
      throw new TypeError(
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

function element(v: number | boolean, dtype: DType, path: number[]): number {
  const where = path.length ? ` at [${path}]` : "";
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v !== "number") {
    throw new TypeError(
      `array() takes numbers, booleans and nested arrays, got ${describe(v)}${where}`,
    );
  }
  if (dtype === "int64") {
    if (!Number.isInteger(v)) {
      throw new RangeError(`${v}${where} is not an integer, so it cannot be stored as int64`);
    }
    if (!Number.isSafeInteger(v)) throw int64Overflow(v);
    return v + 0; // -0 is a float; an integer zero has no sign
  }
  if (dtype === "bool") return v !== 0 ? 1 : 0;
  return v;
}

// int64 elements live in a Float64Array, exact up to 2^53; beyond that a result would be a silent
// wrong number (NumPy's wrap around at 2^63), so it is an error instead.
function int64Overflow(v: number): RangeError {
  return new RangeError(
    `${v} is outside the int64 values this array stores exactly (|v| <= 2^53 - 1)`,
  );
}

const DTYPES: readonly string[] = ["float64", "int64", "bool"];

/** Checks a dtype given at run time (JavaScript callers, casts): NumPy's error for unknown ones. */
function checkDtype(dtype: unknown): DType {
  if (typeof dtype !== "string" || !DTYPES.includes(dtype)) {
    throw new TypeError(
      `data type '${String(dtype)}' not understood (this stand-in has ${DTYPES.join(", ")})`,
    );
  }
  return dtype as DType;
}

function cast(a: NDArray, dtype: DType): NDArray {
  if (a.dtype === dtype) return a;
  const data = a.data;
  for (let i = 0; i < data.length; i++) data[i] = element(data[i], dtype, []);
  return new NDArray(a.shape, dtype, a.ndim === 0 ? data[0] : data);
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
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.full([2], 7).toString(), "[7. 7.]");
 * ```
 */
export function full(
  shape: number | readonly number[],
  value: number | boolean,
  dtype?: DType,
): NDArray {
  const dims = checkShape(shape);
  const type = dtype === undefined
    ? (typeof value === "boolean" ? "bool" : "float64")
    : checkDtype(dtype);
  const v = element(value, type, []);
  if (dims.length === 0) return new NDArray(EMPTY_SHAPE, type, v);
  const data = new Float64Array(shapeSize(dims));
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
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.zeros([2, 2]).toString(), "[[0. 0.]\n [0. 0.]]");
 * ```
 */
export function zeros(shape: number | readonly number[], dtype: DType = "float64"): NDArray {
  return full(shape, 0, dtype);
}

/**
 * An array of ones, like `np.ones`.
 *
 * @param shape the dimensions, e.g. `[2, 3]`
 * @param dtype the element type (default float64)
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.ones([3]).toString(), "[1. 1. 1.]");
 * ```
 */
export function ones(shape: number | readonly number[], dtype: DType = "float64"): NDArray {
  return full(shape, 1, dtype);
}

/**
 * Zeros with the shape and dtype of `a`, like `np.zeros_like`.
 *
 * @param a the array (or number) whose shape and dtype to copy
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.zerosLike(np.array([1, 2], "int64")).toString(), "[0 0]");
 * ```
 */
export function zerosLike(a: Operand): NDArray {
  return typeof a === "number" ? zeros([]) : full(a.shape, 0, a.dtype);
}

/**
 * Ones with the shape and dtype of `a`, like `np.ones_like`.
 *
 * @param a the array (or number) whose shape and dtype to copy
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.onesLike(np.array(0.5)).toString(), "1.0");
 * ```
 */
export function onesLike(a: Operand): NDArray {
  return typeof a === "number" ? ones([]) : full(a.shape, 1, a.dtype);
}

/**
 * Evenly spaced values in `[start, stop)`, like `np.arange` (float64 unless `dtype` says).
 *
 * @param start the first value, or the stop when `stop` is omitted
 * @param stop the end (excluded)
 * @param step the spacing (not 0)
 * @param dtype the element type (default float64)
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.arange(4).toString(), "[0. 1. 2. 3.]");
 * assert.equal(np.arange(1, 2, 0.25).toString(), "[1.   1.25 1.5  1.75]");
 * ```
 */
export function arange(start: number, stop?: number, step = 1, dtype: DType = "float64"): NDArray {
  if (stop === undefined) [start, stop] = [0, start];
  checkDtype(dtype);
  if (dtype === "bool") throw new TypeError("arange() cannot make a bool array (as in NumPy)");
  if (step === 0) throw new ValueError("Maximum allowed size exceeded");
  const n = Math.ceil((stop - start) / step);
  if (!Number.isFinite(n)) {
    throw new ValueError(`arange: cannot compute length of [${start}, ${stop}) by ${step}`);
  }
  // NumPy steps by the difference of the first two values, not by `step` itself; the two differ
  // in the last bit for steps like 0.7, and so would the elements.
  const delta = (start + step) - start;
  const data = new Float64Array(Math.max(0, n));
  for (let i = 0; i < data.length; i++) data[i] = element(start + i * delta, dtype, [i]);
  return new NDArray([data.length], dtype, data);
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
 * import * as np from "./ndarray.ts";
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
    throw new TypeError(`linspace()'s num must be an integer, got ${describe(num)}`);
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
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.isScalar(1.5), true);
 * assert.equal(np.isScalar(np.array(1.5)), false);
 * ```
 */
export function isScalar(x: unknown): x is number | boolean {
  return typeof x === "number" || typeof x === "boolean";
}

// ---------------------------------------------------------------------------------------------
// Elementwise kernels. Each is a plain `for` loop over whole Float64Arrays, in three forms:
// array∘array, array∘scalar and scalar∘array. Broadcasting runs them row by row, so no function
// is called per element. (V8 runs `out[i] = a[i] + b[i]` about 1.5× faster than a loop that
// carries its own strided indices, which is why there is no single strided loop.)

interface BinaryOp {
  readonly name: string;
  readonly scalar: (x: number, y: number) => number;
  readonly vv: (a: Float64Array, b: Float64Array, out: Float64Array) => void;
  readonly vs: (a: Float64Array, y: number, out: Float64Array) => void;
  readonly sv: (x: number, b: Float64Array, out: Float64Array) => void;
}

const ADD: BinaryOp = {
  name: "add",
  scalar: (x, y) => x + y,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
  },
  vs: (a, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] + y;
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x + b[i];
  },
};
const SUBTRACT: BinaryOp = {
  name: "subtract",
  scalar: (x, y) => x - y,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i];
  },
  vs: (a, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] - y;
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x - b[i];
  },
};
const MULTIPLY: BinaryOp = {
  name: "multiply",
  scalar: (x, y) => x * y,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i];
  },
  vs: (a, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] * y;
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x * b[i];
  },
};
const DIVIDE: BinaryOp = {
  name: "divide",
  scalar: (x, y) => x / y,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] / b[i];
  },
  vs: (a, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] / y;
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x / b[i];
  },
};
/**
 * `x ** y` as C's pow, which NumPy uses: JavaScript's `**` gives NaN for `1 ** NaN` and
 * `(±1) ** ±Infinity`, where C gives 1, and it is not always correctly rounded: `x ** -1` can be
 * an ulp off `1 / x`, which is what a correctly rounded pow gives. (For other exponents V8's `**`
 * may still differ from NumPy in the last bit.)
 */
function pow(x: number, y: number): number {
  if (y === -1) return 1 / x;
  const r = x ** y;
  return r === r || !(x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) ? r : 1;
}

/** `x ** y` for one exponent for the whole array: NumPy takes `sqrt` for 0.5 (`-0.0 ** 0.5` is -0). */
function powScalarExponent(x: number, y: number): number {
  return y === 0.5 ? Math.sqrt(x) : pow(x, y);
}

const POWER: BinaryOp = {
  name: "power",
  scalar: powScalarExponent,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = pow(a[i], b[i]);
  },
  vs: (a, y, out) => {
    // x ** 2 is DeZero's most common power (and x ** 1 is in its gradient): a multiply or a copy
    // gives the same numbers many times faster than pow.
    if (y === 2) SQUARE.loop(a, out);
    else if (y === 1) out.set(a);
    else if (y === 0.5) { for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(a[i]); }
    else for (let i = 0; i < out.length; i++) out[i] = pow(a[i], y);
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = pow(x, b[i]);
  },
};

interface UnaryOp {
  readonly name: string;
  readonly scalar: (x: number) => number;
  readonly loop: (a: Float64Array, out: Float64Array) => void;
}

const NEGATIVE: UnaryOp = {
  name: "negative",
  scalar: (x) => -x,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = -a[i];
  },
};
const EXP: UnaryOp = {
  name: "exp",
  scalar: Math.exp,
  // Math.exp's bits without a call per element (see exp_kernel.ts), 1.5–2× as fast on 1e6, where
  // Math.exp is correctly rounded as the kernel is; else Math.exp per element.
  loop: mathExpIsCorrectlyRounded ? expLoop : (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.exp(a[i]);
  },
};
// V8's Math.sin and Math.cos are correctly rounded on every input tests/trig_test.ts tries;
// NumPy's SIMD sin, cos and tanh (and V8's tanh) are an ulp off on some inputs.
const SIN: UnaryOp = {
  name: "sin",
  scalar: Math.sin,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.sin(a[i]);
  },
};
const COS: UnaryOp = {
  name: "cos",
  scalar: Math.cos,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.cos(a[i]);
  },
};
const TANH: UnaryOp = {
  name: "tanh",
  scalar: Math.tanh,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.tanh(a[i]);
  },
};
const SQUARE: UnaryOp = {
  name: "square",
  scalar: (x) => x * x,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] * a[i];
  },
};

// NumPy's promotion: float64 wins, then int64, then bool. A plain number is a "weak" scalar that
// does not widen an array's dtype beyond what its value needs (NEP 50): an integer-valued number
// keeps int64, a fractional one makes float64. Two plain numbers are float64, our default.
function operandDtype(x: Operand, other: Operand): DType {
  if (typeof x !== "number") return x.dtype;
  // -0 is a float in JavaScript (integer arithmetic never makes it), as -0.0 is in Python.
  const integer = Number.isInteger(x) && !Object.is(x, -0);
  if (typeof other === "number" || other.dtype === "float64" || !integer) {
    return "float64";
  }
  return other.dtype === "bool" ? "int64" : other.dtype;
}

function resultDtype(op: BinaryOp, x: Operand, y: Operand): DType {
  const a = operandDtype(x, y);
  const b = operandDtype(y, x);
  if (op === DIVIDE || a === "float64" || b === "float64") return "float64";
  if (a === "int64" || b === "int64") return "int64";
  if (op === SUBTRACT) {
    throw new TypeError(
      "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` " +
        "operator, or the logical_xor function instead.",
    );
  }
  // bool ** bool is int8 in NumPy; this stand-in has no int8, so it gives int64.
  return op === POWER ? "int64" : "bool";
}

function binary(op: BinaryOp, x: Operand, y: Operand): NDArray {
  if (!(x instanceof NDArray) && typeof x !== "number") throw operandError(op, x);
  if (!(y instanceof NDArray) && typeof y !== "number") throw operandError(op, y);
  const dtype = x instanceof NDArray && y instanceof NDArray && x.dtype === "float64" &&
      y.dtype === "float64"
    ? "float64"
    : resultDtype(op, x, y);
  const x0d = typeof x === "number" || x.shape.length === 0;
  const y0d = typeof y === "number" || y.shape.length === 0;
  const xv = x0d ? (typeof x === "number" ? x : valueOf0d(x)) : 0;
  const yv = y0d ? (typeof y === "number" ? y : valueOf0d(y)) : 0;
  if (x0d && y0d) {
    // 0-d with 0-d: the hot path of DeZero's scalar graphs, no typed array at all.
    if (op === POWER && dtype === "int64" && yv < 0) throw negativeIntPower();
    return new NDArray(EMPTY_SHAPE, dtype, fixElement(dtype, op.scalar(xv, yv)));
  }
  if (
    op === POWER && dtype === "int64" && (y0d ? yv < 0 : bufferOf(y as NDArray).some(isNegative))
  ) {
    throw negativeIntPower();
  }
  if (x0d || y0d) {
    const arr = (x0d ? y : x) as NDArray;
    const out = new Float64Array(arr.size);
    if (x0d) op.sv(xv, bufferOf(arr), out);
    else op.vs(bufferOf(arr), yv, out);
    return new NDArray(arr.shape, dtype, fixElements(dtype, out));
  }
  const a = x as NDArray;
  const b = y as NDArray;
  const shape = broadcastShapes(a.shape, b.shape);
  const out = new Float64Array(shapeSize(shape));
  if (shape === a.shape) op.vv(bufferOf(a), bufferOf(b), out);
  else broadcastLoop(op, bufferOf(a), a.shape, bufferOf(b), b.shape, out, shape);
  return new NDArray(shape, dtype, fixElements(dtype, out));
}

function isNegative(v: number): boolean {
  return v < 0;
}

/**
 * Brings a computed element back into its dtype: bool + bool is logical or in NumPy (a sum of 2
 * reads True); an int64 has no -0 (as -x or x * -1 of 0 would give) and must stay exact.
 */
function fixElement(dtype: DType, v: number): number {
  if (dtype === "bool") return v !== 0 ? 1 : 0;
  if (dtype === "int64") {
    if (!Number.isSafeInteger(v)) throw int64Overflow(v);
    return v + 0;
  }
  return v;
}

/** {@linkcode fixElement} over a result; float64 results need nothing. */
function fixElements(dtype: DType, out: Float64Array): Float64Array {
  if (dtype !== "float64") {
    for (let i = 0; i < out.length; i++) out[i] = fixElement(dtype, out[i]);
  }
  return out;
}

function negativeIntPower(): ValueError {
  return new ValueError("Integers to negative integer powers are not allowed.");
}

function operandError(op: { name: string }, v: unknown): TypeError {
  return new TypeError(`np.${op.name}() takes NDArrays and numbers, got ${describe(v)}`);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The shape two operands broadcast to, by NumPy's rules: align the trailing dimensions; each
 * pair must be equal or contain a 1.
 */
function broadcastShapes(a: readonly number[], b: readonly number[]): readonly number[] {
  if (sameShape(a, b)) return a;
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 1; i <= n; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ValueError(
        `operands could not be broadcast together with shapes ${shapeText(a)} ${shapeText(b)} `,
      );
    }
    out[n - i] = da === 1 ? db : da;
  }
  return out;
}

/** Element strides of `shape` seen as `outShape` (0 along broadcast dimensions). */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const strides = new Array<number>(outShape.length).fill(0);
  let stride = 1;
  for (let i = 1; i <= shape.length; i++) {
    const d = shape[shape.length - i];
    strides[outShape.length - i] = d === 1 ? 0 : stride;
    stride *= d;
  }
  return strides;
}

/**
 * Runs `op` over every row of the output, walking the operands with broadcast strides.
 * Adjacent dimensions that both operands traverse contiguously are merged first, so that
 * `(1000, 1000) + (1000,)` runs 1000 rows of 1000. Along the innermost merged dimension each
 * operand has stride 1 (a contiguous row) or 0 (one value repeated), which picks the loop form.
 */
function broadcastLoop(
  op: BinaryOp,
  a: Float64Array,
  aShape: readonly number[],
  b: Float64Array,
  bShape: readonly number[],
  out: Float64Array,
  outShape: readonly number[],
): void {
  if (out.length === 0) return;
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const dims: number[] = [];
  const stA: number[] = [];
  const stB: number[] = [];
  for (let i = 0; i < outShape.length; i++) {
    const d = outShape[i];
    if (d === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && stA[last] === sa[i] * d && stB[last] === sb[i] * d) {
      dims[last] *= d;
      stA[last] = sa[i];
      stB[last] = sb[i];
    } else {
      dims.push(d);
      stA.push(sa[i]);
      stB.push(sb[i]);
    }
  }
  if (dims.length === 0) {
    out[0] = op.scalar(a[0], b[0]); // every dimension is 1
    return;
  }
  const inner = dims.length - 1;
  const n = dims[inner];
  const index = new Array<number>(inner).fill(0);
  let ia = 0;
  let ib = 0;
  for (let io = 0; io < out.length; io += n) {
    const row = out.subarray(io, io + n);
    if (stA[inner] === 0) op.sv(a[ia], b.subarray(ib, ib + n), row);
    else if (stB[inner] === 0) op.vs(a.subarray(ia, ia + n), b[ib], row);
    else op.vv(a.subarray(ia, ia + n), b.subarray(ib, ib + n), row);
    // Advance the outer multi-index like an odometer.
    for (let axis = inner - 1; axis >= 0; axis--) {
      ia += stA[axis];
      ib += stB[axis];
      if (++index[axis] < dims[axis]) break;
      ia -= stA[axis] * dims[axis];
      ib -= stB[axis] * dims[axis];
      index[axis] = 0;
    }
  }
}

function unary(op: UnaryOp, x: Operand, dtype?: DType): NDArray {
  if (!(x instanceof NDArray) && typeof x !== "number") throw operandError(op, x);
  const inType = typeof x === "number" ? "float64" : x.dtype;
  if (op === NEGATIVE && inType === "bool") {
    throw new TypeError(
      "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or " +
        "the logical_not function instead.",
    );
  }
  const type = dtype ?? inType;
  if (typeof x === "number" || x.shape.length === 0) {
    const v = op.scalar(typeof x === "number" ? x : valueOf0d(x));
    return new NDArray(EMPTY_SHAPE, type, fixElement(type, v));
  }
  const out = new Float64Array(x.size);
  op.loop(bufferOf(x), out);
  return new NDArray(x.shape, type, fixElements(type, out));
}

// ---------------------------------------------------------------------------------------------
// NumPy-style functions

/**
 * `x + y` elementwise with broadcasting, like `np.add`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.add(np.array([1, 2]), 0.5).toString(), "[1.5 2.5]");
 * ```
 */
export function add(x: Operand, y: Operand): NDArray {
  return binary(ADD, x, y);
}

/**
 * `x - y` elementwise with broadcasting, like `np.subtract`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.subtract(3, np.array([1, 2])).toString(), "[2. 1.]");
 * ```
 */
export function subtract(x: Operand, y: Operand): NDArray {
  return binary(SUBTRACT, x, y);
}

/**
 * `x * y` elementwise with broadcasting, like `np.multiply`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.multiply(np.array([1, 2]), np.array([3, 4])).toString(), "[3. 8.]");
 * ```
 */
export function multiply(x: Operand, y: Operand): NDArray {
  return binary(MULTIPLY, x, y);
}

/**
 * `x / y` elementwise with broadcasting (true division), like `np.divide`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.divide(np.array(2, "int64"), np.array(3, "int64")).toString(), "0.6666666666666666");
 * ```
 */
export function divide(x: Operand, y: Operand): NDArray {
  return binary(DIVIDE, x, y);
}

/**
 * `x ** y` elementwise with broadcasting, like `np.power`. Integers to negative integer powers
 * throw, as in NumPy.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.power(np.array([1, 2, 3]), 2).toString(), "[1. 4. 9.]");
 * assert.throws(() => np.power(np.array(2, "int64"), -1), /negative integer powers/);
 * ```
 */
export function power(x: Operand, y: Operand): NDArray {
  return binary(POWER, x, y);
}

/**
 * `-x` elementwise, like `np.negative`.
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.negative(np.array(0)).toString(), "-0.0");
 * ```
 */
export function negative(x: Operand): NDArray {
  return unary(NEGATIVE, x);
}

/**
 * `e ** x` elementwise, like `np.exp` (always float64).
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.exp(np.array(0.5)).toString(), "1.6487212707001282");
 * ```
 */
export function exp(x: Operand): NDArray {
  return unary(EXP, x, "float64");
}

/**
 * The sine of `x` (in radians) elementwise, like `np.sin` (always float64): `Math.sin` of each
 * element, so a 0-d array and an array give the same bits.
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.sin(np.array([0, 1, 2], "int64")).toString(), "[0.         0.84147098 0.90929743]");
 * ```
 */
export function sin(x: Operand): NDArray {
  return unary(SIN, x, "float64");
}

/**
 * The cosine of `x` (in radians) elementwise, like `np.cos` (always float64): `Math.cos` of each
 * element.
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.cos(np.array(1)).toString(), "0.5403023058681398");
 * ```
 */
export function cos(x: Operand): NDArray {
  return unary(COS, x, "float64");
}

/**
 * The hyperbolic tangent of `x` elementwise, like `np.tanh` (always float64): `Math.tanh` of each
 * element.
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.tanh(np.array([-0, 1, 20])).toString(), "[-0.          0.76159416  1.        ]");
 * ```
 */
export function tanh(x: Operand): NDArray {
  return unary(TANH, x, "float64");
}

/**
 * π as a double, like `np.pi`.
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.cos(np.pi).item(), -1);
 * ```
 */
export const pi: number = Math.PI;

/**
 * `x * x` elementwise, like `np.square`.
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.square(np.array([2, -3], "int64")).toString(), "[4 9]");
 * ```
 */
export function square(x: Operand): NDArray {
  return unary(SQUARE, x);
}

const ALLCLOSE = { name: "allclose" };

/**
 * Whether `a` and `b` are equal within `atol + rtol * |b|` elementwise, with broadcasting, like
 * `np.allclose` (NaN is never close; equal infinities are).
 *
 * @param a an array or number
 * @param b an array or number (the reference)
 * @param rtol relative tolerance
 * @param atol absolute tolerance
 *
 * @example
 * ```ts
 * import * as np from "./ndarray.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.allclose(np.array([1, 2]), np.array([1, 2.000001])), true);
 * assert.equal(np.allclose(np.array(1), np.array(1.1)), false);
 * ```
 */
export function allclose(a: Operand, b: Operand, rtol = 1e-5, atol = 1e-8): boolean {
  if (!(a instanceof NDArray) && typeof a !== "number") throw operandError(ALLCLOSE, a);
  if (!(b instanceof NDArray) && typeof b !== "number") throw operandError(ALLCLOSE, b);
  const x = typeof a === "number" ? array(a) : a;
  const y = typeof b === "number" ? array(b) : b;
  // Broadcast both to the common shape by adding zeros, then compare flat.
  const shape = broadcastShapes(x.shape, y.shape);
  const xs = add(x, zeros(shape)).data;
  const ys = add(y, zeros(shape)).data;
  for (let i = 0; i < xs.length; i++) {
    const u = xs[i];
    const v = ys[i];
    if (u === v) continue; // also equal infinities
    // Unequal infinities would pass the tolerance test below (inf <= inf), so reject them first.
    if (!Number.isFinite(u) || !Number.isFinite(v)) return false;
    if (!(Math.abs(u - v) <= atol + rtol * Math.abs(v))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Random numbers: xoshiro128** (small, fast, good statistical quality), seedable for tests.

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
 * import * as np from "./ndarray.ts";
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
