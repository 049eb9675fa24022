/**
 * The array: `NDArray`, its shape, dtype and flat storage, and how it prints and converts. Its
 * NumPy methods (`a.add(b)`, `a.sum()`, `a.reshape(2, 3)`, `a.get(0)`, `a.dot(b)` ...) are
 * declared here, in one list, and defined by the module of their concept, which installs them on
 * `NDArray.prototype` when it loads, as NumPy's `ndarray` methods call its functions:
 * `_ufuncs.ts` (arithmetic, comparisons), `_reductions.ts`, `_manipulation.ts`, `_indexing.ts`,
 * `_linalg.ts`. `mod.ts` loads them all.
 *
 * Every array is C-contiguous, and every operation returns a new array: `reshape`, `transpose`
 * and slices copy where NumPy gives views. Only the in-place methods (`iadd` ... for `+=`, and
 * `set` for assignment) change an array.
 *
 * @module
 */

import {
  allocate,
  assignedElement,
  castElement,
  checkDtype,
  checkElements,
  type DType,
  fixElement,
  type Storage,
  storesAs,
} from "./_dtypes.ts";
import { AxisError, describe, pythonTypeName, ValueError } from "./_errors.ts";
import { formatArray } from "./_print.ts";

/** What `toArray()` returns: a number (or boolean) for 0-d, nested JS arrays otherwise. */
export type NestedArray = number | boolean | NestedArray[];

/** An operand of the math functions: an array or a plain number (a NumPy "weak" scalar). */
export type Operand = NDArray | number;

/** The shape of every 0-d array made here (frozen, so arrays can share it). */
export const EMPTY_SHAPE: readonly number[] = Object.freeze([]);

/** The number of elements of an array of this shape. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A shape as NumPy prints a tuple: `(2,3)`, `(4,)`, `()`. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`;
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Checks a shape given by a user (a number means 1-d) and returns a fresh array. `fn` names the
 * function for the hint when a second dimension was passed as another argument.
 */
export function checkShape(shape: unknown, fn = "zeros"): number[] {
  const dims = typeof shape === "number" ? [shape] : shape;
  if (!Array.isArray(dims)) {
    throw new TypeError(
      `a shape must be a number or an array of numbers, not ${describe(shape)} ` +
        `(write np.${fn}([2, 3]))`,
    );
  }
  for (const d of dims) {
    if (typeof d !== "number" || !Number.isInteger(d)) {
      // NumPy's words: `'str' object cannot be interpreted as an integer`.
      throw new TypeError(
        `'${pythonTypeName(d)}' object cannot be interpreted as an integer: a shape's entries ` +
          `are integers, got ${describe(d)} (write np.${fn}([2, 3]))`,
      );
    }
    if (d < 0) throw new ValueError(`negative dimensions are not allowed`);
  }
  return [...dims];
}

/**
 * An axis given by a user as an index in `[0, ndim)`: negative ones count from the end; anything
 * else is NumPy's AxisError (or a TypeError for a non-integer), after `prefix` when given.
 */
export function normalizeAxis(
  axis: unknown,
  ndim: number,
  fn?: string,
  prefix?: string,
): number {
  if (typeof axis !== "number" || !Number.isInteger(axis)) {
    throw new TypeError(
      `'${pythonTypeName(axis)}' object cannot be interpreted as an integer: an axis is an ` +
        `integer${fn === undefined ? "" : ` (np.${fn})`}, got ${describe(axis)}`,
    );
  }
  if (axis < -ndim || axis >= ndim) throw new AxisError(axis, ndim, prefix);
  return axis < 0 ? axis + ndim : axis;
}

/**
 * The axes of an `axis` option, normalized and sorted: all of them for `null` or `undefined`;
 * NumPy's "duplicate value in 'axis'" error for repeats.
 */
export function normalizeAxes(axis: unknown, ndim: number, fn?: string): number[] {
  if (axis === null || axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = Array.isArray(axis) ? axis : [axis];
  const axes = list.map((a) => normalizeAxis(a, ndim, fn));
  if (new Set(axes).size !== axes.length) throw new ValueError("duplicate value in 'axis'");
  return axes.sort((a, b) => a - b);
}

/** The C-order strides (in elements) of an array of `shape`. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

/** The storage's value at 0 of a 0-d array or of a one-element one. */
function first(a: NDArray): number {
  const e = a.elements;
  return typeof e === "number" ? e : e[0];
}

/**
 * An n-dimensional array of `float64`, `float32`, `int64`, `uint8` or `bool` elements, stored
 * flat in C order (see `_dtypes.ts` for what each dtype is stored in).
 *
 * A 0-d array keeps its value in a plain number until its `data` is asked for: DeZero's graphs
 * are mostly scalars, and a typed array costs about a hundred times more to make than an object.
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const a = np.array([[1, 2, 3], [4, 5, 6]], "int64");
 * assert.deepEqual(a.shape, [2, 3]);
 * assert.equal(a.toString(), "[[1 2 3]\n [4 5 6]]");
 * assert.equal(np.array([0.1], "float32").toString(), "[0.1]");
 * assert.equal(a.sum({ axis: 0 }).toString(), "[5 7 9]");
 * ```
 */
export class NDArray {
  /** The size of each dimension, like NumPy's `shape` tuple. */
  readonly shape: readonly number[];
  /** The element type. */
  readonly dtype: DType;
  /**
   * The storage, which is also what `node:assert`'s `deepEqual` compares (it sees no private
   * fields and no getters): the number of a 0-d array until its `data` is asked for, else the
   * typed array. Read `toArray()`, `item()` or `data` instead.
   */
  readonly elements: number | Storage;

  static {
    // Not enumerable: node:assert compares only enumerable properties. The brand lets another
    // copy of the package recognise an NDArray that `instanceof` cannot.
    Object.defineProperty(NDArray.prototype, Symbol.for("dezero.brand"), { value: "NDArray" });
  }

  /**
   * Wraps flat C-order storage; most code should use `np.array()`, `np.zeros()` and friends.
   *
   * @param shape the dimensions (not copied: pass a fresh array)
   * @param dtype the element type
   * @param data the elements, `shape`'s product of them, in the storage of `dtype` (a
   *   `Float64Array` for float64 and int64, `Float32Array` for float32, `Uint8Array` for uint8
   *   and bool); a number makes a 0-d array
   */
  constructor(shape: readonly number[], dtype: DType, data: Storage | number) {
    // Results share their operands' shape arrays, so a shape must never change. (The identity
    // test first: 0-d arrays, most of a scalar graph, then skip the slower isFrozen call.)
    this.shape = shape === EMPTY_SHAPE || Object.isFrozen(shape)
      ? shape
      : Object.freeze(shape.slice());
    this.dtype = dtype === "float64" ? dtype : checkDtype(dtype);
    this.elements = data;
    if (typeof data === "number") {
      if (shape.length !== 0) throw new RangeError("a number makes a 0-d array: shape must be []");
    } else {
      if (!storesAs(this.dtype, data)) {
        throw new TypeError(
          `a ${this.dtype} array keeps its elements in a ${
            allocate(this.dtype, 0).constructor.name
          }, not ${describe(data)}: write np.array([1, 2, 3], "${this.dtype}") to make an array ` +
            "from JavaScript values",
        );
      }
      const size = shapeSize(shape);
      if (data.length !== size) {
        throw new RangeError(
          `cannot make an array of shape ${shapeText(shape)} from ${data.length} elements`,
        );
      }
    }
    if (dtype !== "float64") checkElements(this.dtype, data);
  }

  /**
   * The flat C-order storage (bools as 0/1). Writing into it changes the array in place.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.deepEqual(Array.from(np.array([[1, 2], [3, 4]]).data), [1, 2, 3, 4]);
   * assert.ok(np.zeros([2], "float32").data instanceof Float32Array);
   * ```
   */
  get data(): Storage {
    const e = this.elements;
    if (typeof e !== "number") return e;
    const buf = allocate(this.dtype, 1);
    buf[0] = e;
    (this as { elements: Storage }).elements = buf;
    return buf;
  }

  /**
   * The number of elements.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.zeros([2, 3]).size, 6);
   * ```
   */
  get size(): number {
    return typeof this.elements === "number" ? 1 : this.elements.length;
  }

  /**
   * The number of dimensions.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
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
   * import * as np from "./mod.ts";
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
   * The transpose, `a.T`: the axes reversed (a copy).
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([[1, 2, 3]]).T.toString(), "[[1.]\n [2.]\n [3.]]");
   * ```
   */
  get T(): NDArray {
    return this.transpose();
  }

  /**
   * The single element as a number (a bool array gives 1 or 0), like NumPy's `item()`.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([[2.5]]).item(), 2.5);
   * ```
   */
  item(): number {
    if (this.size !== 1) {
      throw new ValueError("can only convert an array of size 1 to a Python scalar");
    }
    return first(this);
  }

  /**
   * The elements as nested JS arrays (booleans for a bool array); a 0-d array gives its value.
   * NumPy's `tolist()`.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.deepEqual(np.array([[1, 2], [3, 4]]).toArray(), [[1, 2], [3, 4]]);
   * assert.equal(np.array(7).toArray(), 7);
   * ```
   */
  toArray(): NestedArray {
    const toValue = this.dtype === "bool" ? (v: number) => v !== 0 : (v: number) => v;
    // A 0-d array keeps its number: no buffer, so `elements` (what node:assert sees) stays one.
    if (this.shape.length === 0) return toValue(first(this));
    const data = this.data;
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === this.shape.length) return toValue(data[offset]);
      const n = this.shape[axis];
      const step = n === 0 ? 0 : shapeSize(this.shape.slice(axis + 1));
      return Array.from({ length: n }, (_, i) => build(axis + 1, offset + i * step));
    };
    return build(0, 0);
  }

  /**
   * A copy converted to `dtype`, like NumPy's `astype` (floats to integers truncate toward zero,
   * integers to uint8 wrap around; NaN or an out-of-range float to an integer throws, where NumPy
   * gives an undefined number).
   *
   * @param dtype the element type of the copy
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1.7, -1.7]).astype("int64").toString(), "[ 1 -1]");
   * assert.equal(np.array([0.1]).astype("float32").toString(), "[0.1]");
   * ```
   */
  astype(dtype: DType): NDArray {
    const to = checkDtype(dtype);
    const from = this.dtype;
    const e = this.elements;
    if (typeof e === "number") return new NDArray(EMPTY_SHAPE, to, castElement(e, from, to));
    const out = allocate(to, e.length);
    if (from === to || to === "float64" || to === "float32") out.set(e);
    else for (let i = 0; i < e.length; i++) out[i] = castElement(e[i], from, to);
    return new NDArray(this.shape, to, out);
  }

  /**
   * A copy of the array.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * const a = np.array([1, 2]);
   * const b = a.copy();
   * b.set(0, 5);
   * assert.equal(a.toString(), "[1. 2.]");
   * ```
   */
  copy(): NDArray {
    const e = this.elements;
    return new NDArray(this.shape, this.dtype, typeof e === "number" ? e : e.slice());
  }

  /**
   * Fills the array with `value` in place, like NumPy's `fill` (the value is converted as NumPy
   * converts a Python number: 2.7 fills an int64 array with 2, 300 a uint8 one is an error).
   *
   * @param value the new value of every element
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * const a = np.zeros([3]);
   * a.fill(2);
   * assert.equal(a.toString(), "[2. 2. 2.]");
   * ```
   */
  fill(value: number): void {
    if (typeof value !== "number" && typeof value !== "boolean") {
      throw new TypeError(`fill() takes a number, not ${describe(value)}`);
    }
    const v = assignedElement(Number(value), this.dtype);
    if (typeof this.elements === "number") (this as { elements: number }).elements = v;
    else this.elements.fill(v);
  }

  /**
   * NumPy's `str()` of the array.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([0.5, 1.25, -3]).toString(), "[ 0.5   1.25 -3.  ]");
   * ```
   */
  toString(): string {
    const e = this.elements;
    return formatArray(typeof e === "number" ? [e] : e, this.shape, this.dtype);
  }

  /** Makes `console.log(a)` print what Python's `print(a)` prints. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /**
   * `String(a)` and template literals give the printed form; JavaScript's arithmetic and
   * comparison operators (`2 * a`, `a + 1`, `a < b`) throw a TypeError naming the method to use,
   * since they would compute NaN or a string.
   *
   * @param hint the conversion JavaScript asks for
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * const a = np.array([1, 2]);
   * assert.equal(`${a}`, "[1. 2.]");
   * assert.throws(() => 2 * (a as unknown as number), TypeError);
   * ```
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === "string") return this.toString();
    throw new TypeError(
      "an NDArray cannot be used with JavaScript's operators (+ - * / ** %, unary - and +, " +
        "< > <= >=, == with a primitive): they would compute NaN or a string, not the array. " +
        "Instead, write a.add(b), a.sub(b), a.mul(b), a.div(b), a.pow(c) and a.neg() (or " +
        "np.add(a, b), np.multiply(2, a) ...), a.gt(b) for a > b; a 0-d array's number is " +
        "a.item(). String(a) or `${a}` gives the printed form.",
    );
  }

  /**
   * What `JSON.stringify` writes: nested lists, as NumPy's `tolist()`.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(JSON.stringify(np.array([[1, 2], [3, 4]])), "[[1,2],[3,4]]");
   * ```
   */
  toJSON(): NestedArray {
    return this.toArray();
  }
}

/** An axis argument: one axis (negative counts from the end), several, or `null` for all. */
export type Axis = number | readonly number[] | null;

/** The options of the reductions: `x.sum({ axis: 1, keepdims: true })`. */
export interface ReduceOptions {
  /** The axis or axes to reduce; all of them when absent or `null`. */
  axis?: Axis;
  /** Keep the reduced axes, with size 1, so that the result broadcasts against the input. */
  keepdims?: boolean;
}

/** NumPy's `start:stop:step` (made by `np.slice()`); `null` parts take their defaults. */
export interface SliceLike {
  /** The first index, or `null` for the start (the end when stepping backwards). */
  readonly start: number | null;
  /** The index to stop before, or `null` for the end (the start when stepping backwards). */
  readonly stop: number | null;
  /** The step, or `null` for 1. */
  readonly step: number | null;
}

/** A nested list of integers or booleans, an index array written in JavaScript. */
export type IndexList = readonly (number | boolean | IndexList)[];

/**
 * One entry of an index, as `x.get(...index)` takes them: an integer (negative counts from the
 * end), a slice (`np.slice(1, null, 2)` is NumPy's `1::2`), `np.newaxis` (`null`), `np.ellipsis`
 * (`...`), or an index array: an int or bool `NDArray`, or a (nested) list of integers or
 * booleans.
 */
export type IndexItem = number | SliceLike | null | symbol | NDArray | IndexList;

/**
 * NumPy's methods of an array, each defined by the module of its concept (named in brackets),
 * which installs it on `NDArray.prototype` when `mod.ts` loads it. Each is the NumPy function of
 * the same name with the array as its first argument: `a.sum(opts)` is `np.sum(a, opts)`.
 */
export interface NDArray {
  /**
   * `this + other` elementwise, with broadcasting [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, 2]).add(np.array([[10], [20]])).toString(), "[[11. 12.]\n [21. 22.]]");
   * ```
   */
  add(other: Operand): NDArray;
  /**
   * `this - other` elementwise, with broadcasting [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array(5).sub(2).item(), 3);
   * ```
   */
  sub(other: Operand): NDArray;
  /**
   * `this * other` elementwise, with broadcasting [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, 2]).mul(3).toString(), "[3. 6.]");
   * assert.equal(np.array([1, 2], "float32").mul(0.5).dtype, "float32");
   * ```
   */
  mul(other: Operand): NDArray;
  /**
   * `this / other` elementwise (true division: integers give float64), with broadcasting
   * [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array(1).div(0).toString(), "inf");
   * ```
   */
  div(other: Operand): NDArray;
  /**
   * `this ** other` elementwise, with broadcasting [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array(10, "int64").pow(2).toString(), "100");
   * ```
   */
  pow(other: Operand): NDArray;
  /**
   * `-this` elementwise [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, -2]).neg().toString(), "[-1.  2.]");
   * ```
   */
  neg(): NDArray;
  /**
   * `this += other` in place: the result is cast back to this array's dtype (NumPy's
   * `same_kind` casting) and must have its shape [`_ufuncs.ts`]. Returns this array.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * const w = np.array([1, 2], "float32");
   * w.iadd(np.array([0.5, 0.5])); // float64 operand, float32 result, as NumPy's w += g
   * assert.equal(`${w} ${w.dtype}`, "[1.5 2.5] float32");
   * ```
   */
  iadd(other: Operand): NDArray;
  /**
   * `this -= other` in place, like {@linkcode NDArray.iadd} [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * const w = np.array([1, 2]);
   * w.isub(np.array([1, 1]).mul(0.5)); // the book's W.data -= lr * W.grad.data
   * assert.equal(w.toString(), "[0.5 1.5]");
   * ```
   */
  isub(other: Operand): NDArray;
  /**
   * `this *= other` in place, like {@linkcode NDArray.iadd} [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, 2]).imul(3).toString(), "[3. 6.]");
   * ```
   */
  imul(other: Operand): NDArray;
  /**
   * `this /= other` in place, like {@linkcode NDArray.iadd} [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, 2]).idiv(4).toString(), "[0.25 0.5 ]");
   * ```
   */
  idiv(other: Operand): NDArray;
  /**
   * `this > other` elementwise, a bool array [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([-1, 0, 2]).gt(0).toString(), "[False False  True]");
   * ```
   */
  gt(other: Operand): NDArray;
  /**
   * `this >= other` elementwise, a bool array [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([-1, 0, 2]).ge(0).toString(), "[False  True  True]");
   * ```
   */
  ge(other: Operand): NDArray;
  /**
   * `this < other` elementwise, a bool array [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([-1, 0, 2]).lt(0).toString(), "[ True False False]");
   * ```
   */
  lt(other: Operand): NDArray;
  /**
   * `this <= other` elementwise, a bool array [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([-1, 0, 2]).le(0).toString(), "[ True  True False]");
   * ```
   */
  le(other: Operand): NDArray;
  /**
   * `this == other` elementwise, a bool array [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, 2]).eq(np.array([1, 3])).toString(), "[ True False]");
   * ```
   */
  eq(other: Operand): NDArray;
  /**
   * `this != other` elementwise, a bool array [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([1, 2]).ne(2).toString(), "[ True False]");
   * ```
   */
  ne(other: Operand): NDArray;
  /**
   * The elements limited to `[min, max]`, like NumPy's `clip` [`_ufuncs.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([-2, 0.5, 3]).clip(0, 1).toString(), "[0.  0.5 1. ]");
   * ```
   */
  clip(min: Operand, max: Operand): NDArray;
  /**
   * The sum of the elements over `axis` (all by default), like NumPy's `sum`: float sums use
   * NumPy's pairwise summation, integer and bool sums are int64 [`_reductions.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * const x = np.array([[1, 2, 3], [4, 5, 6]], "int64");
   * assert.equal(x.sum().toString(), "21");
   * assert.equal(x.sum({ axis: 1, keepdims: true }).toString(), "[[ 6]\n [15]]");
   * ```
   */
  sum(options?: ReduceOptions): NDArray;
  /**
   * The mean over `axis` (all by default), like NumPy's `mean` [`_reductions.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([[1, 2], [3, 4]]).mean({ axis: 0 }).toString(), "[2. 3.]");
   * ```
   */
  mean(options?: ReduceOptions): NDArray;
  /**
   * The largest element over `axis` (all by default), like NumPy's `max` [`_reductions.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([[1, 5], [3, 4]]).max({ axis: 1 }).toString(), "[5. 4.]");
   * ```
   */
  max(options?: ReduceOptions): NDArray;
  /**
   * The smallest element over `axis` (all by default), like NumPy's `min` [`_reductions.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([[1, 5], [3, 4]]).min().toString(), "1.0");
   * ```
   */
  min(options?: ReduceOptions): NDArray;
  /**
   * The index of the largest element over `axis` (of the flattened array by default), like
   * NumPy's `argmax`: the first one among equals, int64 [`_reductions.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([[1, 5], [7, 4]]).argmax({ axis: 1 }).toString(), "[1 0]");
   * ```
   */
  argmax(options?: { axis?: number | null; keepdims?: boolean }): NDArray;
  /**
   * The same elements in another shape, like NumPy's `reshape`: `x.reshape(2, 3)` or
   * `x.reshape([2, 3])`; one dimension may be -1 [`_manipulation.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.deepEqual(np.arange(6).reshape(2, -1).shape, [2, 3]);
   * ```
   */
  reshape(...shape: number[] | [readonly number[]]): NDArray;
  /**
   * The axes permuted, like NumPy's `transpose`: reversed by default, or in the order given,
   * `x.transpose(1, 0, 2)` [`_manipulation.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.deepEqual(np.zeros([2, 3, 4]).transpose(1, 0, 2).shape, [3, 2, 4]);
   * ```
   */
  transpose(...axes: number[] | [readonly number[]]): NDArray;
  /**
   * A 1-d copy, like NumPy's `flatten` [`_manipulation.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([[1, 2], [3, 4]]).flatten().toString(), "[1. 2. 3. 4.]");
   * ```
   */
  flatten(): NDArray;
  /**
   * The same elements without the axes of size 1 (or only `axis`), like NumPy's `squeeze`
   * [`_manipulation.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.deepEqual(np.zeros([1, 3, 1]).squeeze().shape, [3]);
   * ```
   */
  squeeze(axis?: Axis): NDArray;
  /**
   * `x[index]`: the elements at an index, by NumPy's basic and advanced indexing rules
   * [`_indexing.ts`]. Slices are `np.slice(start, stop, step)`; `x.get(np.arange(N), t)` is
   * NumPy's `x[np.arange(N), t]`.
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * const x = np.arange(6).reshape(2, 3);
   * assert.equal(x.get(1).toString(), "[3 4 5]");
   * assert.equal(x.get(np.slice(), -1).toString(), "[2 5]");
   * assert.equal(x.get([0, 1], [2, 0]).toString(), "[2 3]");
   * ```
   */
  get(...index: IndexItem[]): NDArray;
  /**
   * `x[index] = value`: the last argument is the value (an array that broadcasts to the indexed
   * shape, or a number), the others the index, as `get` takes it [`_indexing.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * const x = np.zeros([2, 3]);
   * x.set(0, np.slice(1), 7); // x[0, 1:] = 7
   * assert.equal(x.toString(), "[[0. 7. 7.]\n [0. 0. 0.]]");
   * ```
   */
  set(...indexThenValue: [...IndexItem[], Operand]): void;
  /**
   * The matrix product, like NumPy's `a.dot(b)` [`_linalg.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(np.array([[1, 2]]).dot(np.array([[3], [4]])).toString(), "[[11.]]");
   * ```
   */
  dot(other: NDArray): NDArray;
  /**
   * The matrix product `this @ other`, like NumPy's `np.matmul` [`_linalg.ts`].
   *
   * @example
   * ```ts
   * import * as np from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.deepEqual(np.ones([2, 3]).matmul(np.ones([3, 4])).shape, [2, 4]);
   * ```
   */
  matmul(other: NDArray): NDArray;
}

/** A float64 0-d array holding `value`. */
export function floatScalar(value: number): NDArray {
  return new NDArray(EMPTY_SHAPE, "float64", value);
}

/** A 0-d array of `dtype` holding `value` (brought into the dtype). */
export function scalarOf(dtype: DType, value: number): NDArray {
  return new NDArray(EMPTY_SHAPE, dtype, fixElement(dtype, value));
}
