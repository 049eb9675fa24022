/**
 * NumPy's math functions: arithmetic with broadcasting, `exp`, `sin`, `cos`, `tanh`, `square`,
 * `allclose`, and `pi`.
 *
 * @module
 */

import { binary, NDArray, type Operand, unary } from "./_array.ts";
import { array, zeros } from "./_creation.ts";
import { operandError } from "./_errors.ts";
import {
  ADD,
  COS,
  DIVIDE,
  EXP,
  MULTIPLY,
  NEGATIVE,
  POWER,
  SIN,
  SQUARE,
  SUBTRACT,
  TANH,
} from "./_kernels.ts";
import { broadcastShapes } from "./_shape.ts";

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
