/**
 * The NDArray class, and the dispatch of ufuncs to its kernels: dtype promotion, the 0-d path,
 * scalars and broadcasting.
 *
 * @module
 */

import {
  checkDtype,
  checkElements,
  type DType,
  fixElement,
  fixElements,
  resultDtype,
} from "./_dtype.ts";
import { allocate } from "./_grad_pool.ts";
import { BRAND, toPrimitive } from "./_guards.ts";
import { describe } from "./describe.ts";
import { negativeIntPower, operandError, ValueError } from "./_errors.ts";
import {
  ADD,
  type BinaryOp,
  broadcastLoop,
  DIVIDE,
  MULTIPLY,
  NEGATIVE,
  POWER,
  powScalarExponent,
  SUBTRACT,
  type UnaryOp,
} from "./_kernels.ts";
import { broadcastShapes, EMPTY_SHAPE, shapeSize, shapeText } from "./_shape.ts";
import { formatArray } from "./format.ts";

/** What `toArray()` returns: a number (or boolean) for 0-d, nested JS arrays otherwise. */
export type NestedArray = number | boolean | NestedArray[];

/** An operand of the math functions: an array or a plain number (a NumPy "weak" scalar). */
export type Operand = NDArray | number;

// Friend accessors, assigned in NDArray's static block: the kernels' dispatch below needs the
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
  /**
   * The storage, which is also what `node:assert`'s `deepEqual` compares (it sees no private
   * fields and no getters): the number of a 0-d array until its `data` is asked for, else the
   * `Float64Array`. Read `toArray()`, `item()` or `data` instead.
   */
  readonly elements: number | Float64Array;

  static {
    valueOf0d = (a) => typeof a.elements === "number" ? a.elements : a.elements[0];
    bufferOf = (a) => a.data;
    // Not enumerable: node:assert compares only enumerable properties.
    Object.defineProperty(NDArray.prototype, BRAND, { value: "NDArray" });
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
    this.elements = data;
    if (typeof data === "number") {
      if (shape.length !== 0) throw new RangeError("a number makes a 0-d array: shape must be []");
    } else {
      const size = shapeSize(shape);
      if (!(data instanceof Float64Array)) {
        throw new TypeError(
          `NDArray's data is a Float64Array or a number, not ${describe(data)}: ` +
            "write np.array([1, 2, 3]) to make an array from JavaScript values",
        );
      }
      if (data.length !== size) {
        throw new RangeError(
          `cannot make an array of shape ${shapeText(shape)} from ${data.length} elements`,
        );
      }
    }
    if (dtype !== "float64") checkElements(dtype, data);
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
    const e = this.elements;
    if (typeof e !== "number") return e;
    const buf = new Float64Array([e]);
    (this as { elements: Float64Array }).elements = buf;
    return buf;
  }

  /**
   * The number of elements.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
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
    const toValue = this.dtype === "bool" ? (v: number) => v !== 0 : (v: number) => v;
    // A 0-d array keeps its number: no buffer, so `elements` (what node:assert sees) stays one.
    if (this.shape.length === 0) return toValue(valueOf0d(this));
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
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * const a = np.array([1, 2]);
   * assert.equal(`${a}`, "[1. 2.]");
   * assert.throws(() => 2 * (a as unknown as number), TypeError);
   * ```
   */
  [Symbol.toPrimitive](hint: string): string {
    return toPrimitive(this, hint, "NDArray");
  }

  /**
   * What `JSON.stringify` writes: nested lists, as NumPy's `tolist()`.
   *
   * @example
   * ```ts
   * import * as np from "./ndarray.ts";
   * import assert from "node:assert/strict";
   * assert.equal(JSON.stringify(np.array([[1, 2], [3, 4]])), "[[1,2],[3,4]]");
   * ```
   */
  toJSON(): NestedArray {
    return this.toArray();
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
    if (y !== undefined && typeof this.elements === "number" && this.dtype === "float64") {
      return floatScalar(this.elements + y);
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
    if (y !== undefined && typeof this.elements === "number" && this.dtype === "float64") {
      return floatScalar(this.elements - y);
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
    if (y !== undefined && typeof this.elements === "number" && this.dtype === "float64") {
      return floatScalar(this.elements * y);
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
    if (y !== undefined && typeof this.elements === "number" && this.dtype === "float64") {
      return floatScalar(this.elements / y);
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
    if (y !== undefined && typeof this.elements === "number" && this.dtype === "float64") {
      return floatScalar(powScalarExponent(this.elements, y));
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
    return typeof this.elements === "number" && this.dtype === "float64"
      ? floatScalar(-this.elements)
      : unary(NEGATIVE, this);
  }

  // The arithmetic methods above first try the case of DeZero's scalar graphs, float64 0-d
  // arrays (whose value is the number in `elements`, no buffer made) and numbers, and compute it directly: the
  // general path (dtype promotion, broadcasting) costs many times the arithmetic, and a graph of
  // scalars does little else. The test is written out in each method, as it runs for every one.

  /** The value of a number or of a float64 0-d array without a buffer; else undefined. */
  static #floatScalar(x: Operand): number | undefined {
    if (typeof x === "number") return x;
    return x instanceof NDArray && typeof x.elements === "number" && x.dtype === "float64"
      ? x.elements
      : undefined;
  }
}

// The methods the package's backward formulas call, as the class defines them.
const METHODS = ["add", "sub", "mul", "div", "pow", "neg"] as const;
const OWN_METHODS = METHODS.map((m) => NDArray.prototype[m]);

/** Whether `NDArray.prototype`'s arithmetic methods are still the class's own (not patched). */
export function ownMethods(): boolean {
  return METHODS.every((m, i) => NDArray.prototype[m] === OWN_METHODS[i]);
}

/** A float64 0-d array holding `value`. */
export function floatScalar(value: number): NDArray {
  return new NDArray(EMPTY_SHAPE, "float64", value);
}

/** `op(x, y)` elementwise: checks the operands, promotes dtypes, broadcasts. */
export function binary(op: BinaryOp, x: Operand, y: Operand): NDArray {
  if (!(x instanceof NDArray) && typeof x !== "number") throw operandError(op, x);
  if (!(y instanceof NDArray) && typeof y !== "number") throw operandError(op, y);
  const dtype = x instanceof NDArray && y instanceof NDArray && x.dtype === "float64" &&
      y.dtype === "float64"
    ? "float64"
    : resultDtype(op.name, x, y);
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
    const out = allocate(arr.size);
    if (x0d) op.sv(xv, bufferOf(arr), out);
    else op.vs(bufferOf(arr), yv, out);
    return new NDArray(arr.shape, dtype, fixElements(dtype, out));
  }
  const a = x as NDArray;
  const b = y as NDArray;
  const shape = broadcastShapes(a.shape, b.shape);
  const out = allocate(shapeSize(shape));
  if (shape === a.shape) op.vv(bufferOf(a), bufferOf(b), out);
  else broadcastLoop(op, bufferOf(a), a.shape, bufferOf(b), b.shape, out, shape);
  return new NDArray(shape, dtype, fixElements(dtype, out));
}

function isNegative(v: number): boolean {
  return v < 0;
}

/** `op(x)` elementwise; the result has `dtype` if given, else the input's. */
export function unary(op: UnaryOp, x: Operand, dtype?: DType): NDArray {
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
  const out = allocate(x.size);
  op.loop(bufferOf(x), out);
  return new NDArray(x.shape, type, fixElements(type, out));
}
