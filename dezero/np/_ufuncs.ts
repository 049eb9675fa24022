/**
 * NumPy's elementwise functions (ufuncs): each one's dtype rule, the dispatch to its loops in
 * `_loops.ts` (0-d operands, plain numbers, broadcasting), the public functions (`np.add`,
 * `np.exp`, `np.maximum`, `np.greater`, `np.where` ...) and the array methods that call them
 * (`a.add(b)`, `a.gt(0)`, `a.isub(b)` ...).
 *
 * dtypes follow NumPy 2 (NEP 50): arrays promote to the smallest dtype that holds both, and a
 * plain JavaScript number is a "weak" Python scalar that takes the array's dtype
 * (`float32Array.mul(0.5)` stays float32; the 0.5 is rounded to float32 first, as NumPy casts it).
 *
 * @module
 */

import {
  allocate,
  type DType,
  fixElement,
  fixElements,
  isFloat,
  isIntegral,
  resultType,
  type Storage,
} from "./_dtypes.ts";
import { describe, operandError, ValueError } from "./_errors.ts";
import {
  ABSOLUTE,
  ADD,
  type BinaryLoops,
  broadcastCopy,
  broadcastLoop,
  broadcastShapes,
  COS,
  DIVIDE,
  EQUAL,
  EXP,
  GREATER,
  GREATER_EQUAL,
  LESS,
  LESS_EQUAL,
  LOG,
  MAXIMUM,
  MINIMUM,
  MULTIPLY,
  NEGATIVE,
  NOT_EQUAL,
  POWER,
  POWER_UINT8,
  powScalarExponent,
  SIN,
  SQRT,
  SQUARE,
  SUBTRACT,
  TANH,
  type UnaryLoops,
} from "./_loops.ts";
import {
  EMPTY_SHAPE,
  floatScalar,
  NDArray,
  type Operand,
  sameShape,
  shapeSize,
  shapeText,
} from "./_ndarray.ts";

/** A binary ufunc: its loops and its dtype rule, `[the dtype it computes in, its result's]`. */
interface BinaryUfunc {
  readonly loops: BinaryLoops;
  readonly types: (x: Operand, y: Operand) => readonly [DType, DType];
}

function checkOperand(fn: string, v: unknown, position: number): asserts v is Operand {
  if (!(v instanceof NDArray) && typeof v !== "number") throw operandError(fn, v, position);
}

/** Arithmetic: the common dtype; bools add as `or` and multiply as `and` (fixed after the loop). */
function arithmetic(name: string, loops: BinaryLoops): BinaryUfunc {
  return {
    loops,
    types(x, y) {
      const dtype = resultType([x, y]);
      if (dtype === "bool" && name === "subtract") {
        throw new TypeError(
          "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the " +
            "`^` operator, or the logical_xor function instead.",
        );
      }
      return [dtype, dtype];
    },
  };
}

const ADD_UFUNC = arithmetic("add", ADD);
const SUBTRACT_UFUNC = arithmetic("subtract", SUBTRACT);
const MULTIPLY_UFUNC = arithmetic("multiply", MULTIPLY);
const MAXIMUM_UFUNC = arithmetic("maximum", MAXIMUM);
const MINIMUM_UFUNC = arithmetic("minimum", MINIMUM);

const DIVIDE_UFUNC: BinaryUfunc = {
  loops: DIVIDE,
  types(x, y) {
    // Without NumPy 2's fit check: divide has no integer loop, so a weak integer meets the
    // float64 loop (np.array([3], "uint8") / -1 is [-3.]).
    const dtype = resultType([x, y], false);
    const out = isIntegral(dtype) ? "float64" : dtype; // true division of integers
    return [out, out];
  },
};

const POWER_UFUNC: BinaryUfunc = {
  loops: POWER,
  types(x, y) {
    const dtype = resultType([x, y]);
    // bool ** bool is int8 in NumPy; this stand-in has no int8, so it gives int64.
    const out = dtype === "bool" ? "int64" : dtype;
    return [out, out];
  },
};

/** A comparison: computed in the common dtype (without NumPy 2's fit check), a bool result. */
function comparison(loops: BinaryLoops): BinaryUfunc {
  return { loops, types: (x, y) => [resultType([x, y], false), "bool"] };
}

const GREATER_UFUNC = comparison(GREATER);
const GREATER_EQUAL_UFUNC = comparison(GREATER_EQUAL);
const LESS_UFUNC = comparison(LESS);
const LESS_EQUAL_UFUNC = comparison(LESS_EQUAL);
const EQUAL_UFUNC = comparison(EQUAL);
const NOT_EQUAL_UFUNC = comparison(NOT_EQUAL);

/** The binary ufuncs by NumPy name. */
const BINARY_UFUNCS = {
  add: ADD_UFUNC,
  subtract: SUBTRACT_UFUNC,
  multiply: MULTIPLY_UFUNC,
  divide: DIVIDE_UFUNC,
  power: POWER_UFUNC,
  maximum: MAXIMUM_UFUNC,
  minimum: MINIMUM_UFUNC,
  greater: GREATER_UFUNC,
  greater_equal: GREATER_EQUAL_UFUNC,
  less: LESS_UFUNC,
  less_equal: LESS_EQUAL_UFUNC,
  equal: EQUAL_UFUNC,
  not_equal: NOT_EQUAL_UFUNC,
} as const;

/** The NumPy name of a binary ufunc. */
export type BinaryName = keyof typeof BINARY_UFUNCS;

/**
 * The dtypes of binary ufunc `name` on `x` and `y` by NumPy's rules, `[the dtype it computes in,
 * its result's]`, with NumPy's errors (a bool subtract, a weak integer outside uint8); shared
 * with the GPU's arrays.
 *
 * @param name the ufunc
 * @param x the left operand
 * @param y the right operand
 */
export function binaryTypes(name: BinaryName, x: Operand, y: Operand): readonly [DType, DType] {
  return BINARY_UFUNCS[name].types(x, y);
}

/** The value of a 0-d array. */
function value0d(a: NDArray): number {
  const e = a.elements;
  return typeof e === "number" ? e : e[0];
}

/**
 * A weak number as the ufunc sees it, converted to the dtype it computes in: NumPy casts a
 * Python float to float32 before it meets a float32 array. Integers are exact as they are.
 */
function weakValue(v: number, compute: DType): number {
  return compute === "float32" ? Math.fround(v) : v;
}

/** `ufunc(x, y)` elementwise: checks the operands, finds the dtypes, broadcasts. */
function binary(ufunc: BinaryUfunc, x: Operand, y: Operand): NDArray {
  const name = ufunc.loops.name;
  checkOperand(name, x, 1);
  checkOperand(name, y, 2);
  const [compute, dtype] = ufunc.types(x, y);
  let loops = ufunc.loops;
  if (loops === POWER && isIntegral(compute)) {
    // NumPy checks the shapes first, and meets the exponents only when there is an element.
    const shape = broadcastShapes(
      typeof x === "number" ? EMPTY_SHAPE : x.shape,
      typeof y === "number" ? EMPTY_SHAPE : y.shape,
    );
    if (shapeSize(shape) > 0 && (typeof y === "number" ? y < 0 : y.data.some(isNegative))) {
      throw new ValueError("Integers to negative integer powers are not allowed.");
    }
    if (compute === "uint8") loops = POWER_UINT8;
  }
  const x0d = typeof x === "number" || x.shape.length === 0;
  const y0d = typeof y === "number" || y.shape.length === 0;
  const xv = x0d ? (typeof x === "number" ? weakValue(x, compute) : value0d(x)) : 0;
  const yv = y0d ? (typeof y === "number" ? weakValue(y, compute) : value0d(y)) : 0;
  if (x0d && y0d) {
    // 0-d with 0-d: the hot path of DeZero's scalar graphs, no typed array at all.
    return new NDArray(EMPTY_SHAPE, dtype, fixElement(dtype, loops.scalar(xv, yv)));
  }
  if (x0d || y0d) {
    const arr = (x0d ? y : x) as NDArray;
    const out = allocate(dtype, arr.size);
    if (x0d) loops.sv(xv, arr.data, 0, out, 0, out.length);
    else loops.vs(arr.data, 0, yv, out, 0, out.length);
    return new NDArray(arr.shape, dtype, fixElements(dtype, out));
  }
  const a = x as NDArray;
  const b = y as NDArray;
  const shape = broadcastShapes(a.shape, b.shape);
  const out = allocate(dtype, shapeSize(shape));
  // broadcastShapes gives back a's own shape array when the two shapes are equal.
  if (shape === a.shape) loops.vv(a.data, 0, b.data, 0, out, 0, out.length);
  else broadcastLoop(loops, a.data, a.shape, b.data, b.shape, out, shape);
  return new NDArray(shape, dtype, fixElements(dtype, out));
}

function isNegative(v: number): boolean {
  return v < 0;
}

/** Whether NumPy's `same_kind` casting lets a result of `from` be written into `to`. */
function sameKind(from: DType, to: DType): boolean {
  if (from === to || from === "bool") return true;
  if (isFloat(from)) return isFloat(to);
  if (from === "uint8") return to !== "bool";
  return to === "int64" || to === "float64"; // int64: to int64, or safely to float64
}

/** `a op= b`: `ufunc(a, b)` written back into `a`, as NumPy's in-place operators do. */
function inPlace(ufunc: BinaryUfunc, a: NDArray, b: Operand, symbol: string): NDArray {
  const r = binary(ufunc, a, b);
  checkInPlace(ufunc.loops.name, r, a, symbol);
  if (typeof a.elements === "number") {
    (a as { elements: number }).elements = fixElement(a.dtype, value0d(r));
  } else {
    a.elements.set(r.data);
  }
  return a;
}

/**
 * Checks that the result `r` of `a op b` can be written back into `a` (`a op= b`): the same
 * shape, and a dtype NumPy's `same_kind` casting allows; shared with the GPU's arrays.
 *
 * @param name the ufunc's NumPy name
 * @param r the result's shape and dtype
 * @param a the array written into
 * @param symbol the operator, `+`, `-`, `*` or `/`
 */
export function checkInPlace(
  name: string,
  r: { readonly shape: readonly number[]; readonly dtype: DType },
  a: { readonly shape: readonly number[]; readonly dtype: DType },
  symbol: string,
): void {
  if (!sameShape(r.shape, a.shape)) {
    throw new ValueError(
      `non-broadcastable output operand with shape ${shapeText(a.shape)} doesn't match the ` +
        `broadcast shape ${shapeText(r.shape)}`,
    );
  }
  if (!sameKind(r.dtype, a.dtype)) {
    throw new TypeError(
      `Cannot cast ufunc '${name}' output from dtype('${r.dtype}') to ` +
        `dtype('${a.dtype}') with casting rule 'same_kind': a ${symbol}= b keeps a's dtype; ` +
        `write a = a.${symbol === "+" ? "add" : symbol === "-" ? "sub" : "mul"}(b) for a new ` +
        `${r.dtype} array, or convert first with astype`,
    );
  }
}

/**
 * The shape that operands broadcast to, or NumPy's error naming all their shapes (a number's is
 * `()`), which broadcasting them two by two would not.
 *
 * @param operands arrays and numbers
 */
export function broadcastOperands(operands: readonly Operand[]): readonly number[] {
  const shapes = operands.map((v) => (typeof v === "number" ? EMPTY_SHAPE : v.shape));
  try {
    return shapes.reduce((s, t) => broadcastShapes(s, t), EMPTY_SHAPE);
  } catch {
    throw new ValueError(
      `operands could not be broadcast together with shapes ${shapes.map(shapeText).join(" ")} `,
    );
  }
}

/**
 * A float function's result dtype: float32 stays, integers give float64; uint8 and bool, float16
 * in NumPy, an error. Shared with the GPU's arrays.
 *
 * @param name the function, for the message
 * @param dtype the operand's dtype
 */
export function floatResult(name: string, dtype: DType): DType {
  if (isFloat(dtype)) return dtype;
  if (dtype === "int64") return "float64";
  throw new TypeError(
    `np.${name}() of a ${dtype} array gives float16 in NumPy, which this stand-in does not have: ` +
      `convert first, np.${name}(x.astype("float32"))`,
  );
}

/** `loops(x)` elementwise, into an array of `dtype` (the input's by default). */
function unary(loops: UnaryLoops, x: Operand, dtype?: DType): NDArray {
  checkOperand(loops.name, x, 1);
  const type = dtype ?? (typeof x === "number" ? "float64" : x.dtype);
  if (typeof x === "number" || x.shape.length === 0) {
    const v = loops.scalar(typeof x === "number" ? x : value0d(x));
    return new NDArray(EMPTY_SHAPE, type, fixElement(type, v));
  }
  const out = allocate(type, x.size);
  loops.loop(x.data, out);
  return new NDArray(x.shape, type, fixElements(type, out));
}

/** A float function (exp, log ...): float results, see {@linkcode floatResult}. */
function floatUnary(loops: UnaryLoops, x: Operand): NDArray {
  checkOperand(loops.name, x, 1);
  return unary(loops, x, floatResult(loops.name, typeof x === "number" ? "float64" : x.dtype));
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

/**
 * `x + y` elementwise with broadcasting, like `np.add`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.add(np.array([1, 2]), 0.5).toString(), "[1.5 2.5]");
 * ```
 */
export function add(x: Operand, y: Operand): NDArray {
  return binary(ADD_UFUNC, x, y);
}

/**
 * `x - y` elementwise with broadcasting, like `np.subtract`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.subtract(3, np.array([1, 2])).toString(), "[2. 1.]");
 * ```
 */
export function subtract(x: Operand, y: Operand): NDArray {
  return binary(SUBTRACT_UFUNC, x, y);
}

/**
 * `x * y` elementwise with broadcasting, like `np.multiply`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.multiply(np.array([1, 2]), np.array([3, 4])).toString(), "[3. 8.]");
 * ```
 */
export function multiply(x: Operand, y: Operand): NDArray {
  return binary(MULTIPLY_UFUNC, x, y);
}

/**
 * `x / y` elementwise with broadcasting (true division: integers give float64), like `np.divide`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.divide(np.array(2, "int64"), np.array(3, "int64")).toString(), "0.6666666666666666");
 * ```
 */
export function divide(x: Operand, y: Operand): NDArray {
  return binary(DIVIDE_UFUNC, x, y);
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
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.power(np.array([1, 2, 3]), 2).toString(), "[1. 4. 9.]");
 * assert.throws(() => np.power(np.array(2, "int64"), -1), /negative integer powers/);
 * ```
 */
export function power(x: Operand, y: Operand): NDArray {
  return binary(POWER_UFUNC, x, y);
}

/**
 * `-x` elementwise, like `np.negative` (a uint8 array wraps around; bool has no negative).
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.negative(np.array(0)).toString(), "-0.0");
 * assert.equal(np.negative(np.array([1], "uint8")).toString(), "[255]");
 * ```
 */
export function negative(x: Operand): NDArray {
  if (x instanceof NDArray) unaryResult("negative", x.dtype);
  return unary(NEGATIVE, x);
}

/**
 * The result dtype of `negative`, `abs` or `square` of an array of `dtype`, with NumPy's error
 * for a bool negative; shared with the GPU's arrays.
 *
 * @param name the function
 * @param dtype the operand's dtype
 */
export function unaryResult(name: "negative" | "abs" | "square", dtype: DType): DType {
  if (dtype !== "bool") return dtype;
  if (name === "negative") {
    throw new TypeError(
      "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or " +
        "the logical_not function instead.",
    );
  }
  // bool squared is int8 in NumPy; this stand-in has no int8, so it gives int64.
  return name === "square" ? "int64" : dtype;
}

/**
 * `|x|` elementwise, like `np.abs`.
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.abs(np.array([-1.5, 2])).toString(), "[1.5 2. ]");
 * ```
 */
export function abs(x: Operand): NDArray {
  return unary(ABSOLUTE, x);
}

/**
 * `x * x` elementwise, like `np.square` (a bool array gives int64, where NumPy gives int8, which
 * this stand-in does not have).
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.square(np.array([2, -3], "int64")).toString(), "[4 9]");
 * ```
 */
export function square(x: Operand): NDArray {
  return unary(SQUARE, x, x instanceof NDArray ? unaryResult("square", x.dtype) : undefined);
}

/**
 * The larger of `x` and `y` elementwise (NaN if either is), like `np.maximum`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.maximum(np.array([-1, 2]), 0).toString(), "[0. 2.]");
 * ```
 */
export function maximum(x: Operand, y: Operand): NDArray {
  return binary(MAXIMUM_UFUNC, x, y);
}

/**
 * The smaller of `x` and `y` elementwise (NaN if either is), like `np.minimum`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.minimum(np.array([-1, 2]), 0).toString(), "[-1.  0.]");
 * ```
 */
export function minimum(x: Operand, y: Operand): NDArray {
  return binary(MINIMUM_UFUNC, x, y);
}

/**
 * `a` limited to `[min, max]` elementwise, like `np.clip`: `minimum(maximum(a, min), max)`.
 *
 * @param a an array or number
 * @param min the lower bound
 * @param max the upper bound
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.clip(np.array([-2, 0.5, 3]), 0, 1).toString(), "[0.  0.5 1. ]");
 * ```
 */
export function clip(a: Operand, min: Operand, max: Operand): NDArray {
  checkOperand("clip", a, 1);
  checkOperand("clip", min, 2);
  checkOperand("clip", max, 3);
  // NumPy 2 leaves out a weak integer bound that an integer array's range keeps anyway
  // (np.clip(u8, -1, 300) clips nothing; a minimum of 300 is still its OverflowError), and then
  // computes only the other bound.
  let lower: Operand | null = min;
  let upper: Operand | null = max;
  if (a instanceof NDArray && (a.dtype === "uint8" || a.dtype === "int64")) {
    const [least, most] = a.dtype === "uint8" ? [0, 255] : [-(2 ** 63), 2 ** 63 - 1];
    if (isWeakInteger(min) && min <= least) lower = null;
    if (isWeakInteger(max) && max >= most) upper = null;
  }
  broadcastOperands([a, lower, upper].filter((v): v is Operand => v !== null));
  if (lower === null) return upper === null ? (a as NDArray).copy() : minimum(a, upper);
  if (upper === null) return maximum(a, lower);
  const dtype = resultType([a, lower, upper]);
  const low = maximum(typeof a === "number" ? a : a.astype(dtype), lower);
  return minimum(low.dtype === dtype ? low : low.astype(dtype), upper);
}

/** Whether `v` is a JavaScript number that NumPy would see as a Python int (-0 is a float). */
function isWeakInteger(v: Operand): v is number {
  return typeof v === "number" && Number.isInteger(v) && !Object.is(v, -0);
}

// ---------------------------------------------------------------------------------------------
// Comparisons

/**
 * `x > y` elementwise, a bool array, like `np.greater`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.greater(np.array([1, 2, 3]), 2).toString(), "[False False  True]");
 * ```
 */
export function greater(x: Operand, y: Operand): NDArray {
  return binary(GREATER_UFUNC, x, y);
}

/**
 * `x >= y` elementwise, a bool array, like `np.greater_equal`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.greaterEqual(np.array([1, 2, 3]), 2).toString(), "[False  True  True]");
 * ```
 */
export function greaterEqual(x: Operand, y: Operand): NDArray {
  return binary(GREATER_EQUAL_UFUNC, x, y);
}

/**
 * `x < y` elementwise, a bool array, like `np.less`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.less(np.array([1, 2, 3]), 2).toString(), "[ True False False]");
 * ```
 */
export function less(x: Operand, y: Operand): NDArray {
  return binary(LESS_UFUNC, x, y);
}

/**
 * `x <= y` elementwise, a bool array, like `np.less_equal`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.lessEqual(np.array([1, 2, 3]), 2).toString(), "[ True  True False]");
 * ```
 */
export function lessEqual(x: Operand, y: Operand): NDArray {
  return binary(LESS_EQUAL_UFUNC, x, y);
}

/**
 * `x == y` elementwise, a bool array, like `np.equal`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.equal(np.array([1, 2, 3]), 2).toString(), "[False  True False]");
 * ```
 */
export function equal(x: Operand, y: Operand): NDArray {
  return binary(EQUAL_UFUNC, x, y);
}

/**
 * `x != y` elementwise, a bool array, like `np.not_equal`.
 *
 * @param x an array or number
 * @param y an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.notEqual(np.array([1, 2, 3]), 2).toString(), "[ True False  True]");
 * ```
 */
export function notEqual(x: Operand, y: Operand): NDArray {
  return binary(NOT_EQUAL_UFUNC, x, y);
}

/**
 * `x` where `condition` is true, else `y`, elementwise with broadcasting, like `np.where`.
 *
 * @param condition an array (non-zero elements count as true)
 * @param x the values where it is true
 * @param y the values where it is false
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = np.array([-1, 2, -3]);
 * assert.equal(np.where(x.gt(0), x, 0).toString(), "[0. 2. 0.]");
 * ```
 */
export function where(condition: NDArray, x: Operand, y: Operand): NDArray {
  if (!(condition instanceof NDArray)) {
    throw new TypeError(
      `np.where()'s condition must be an NDArray (e.g. x.gt(0)), not ${describe(condition)}`,
    );
  }
  checkOperand("where", x, 2);
  checkOperand("where", y, 3);
  const dtype = resultType([x, y]);
  const xa = typeof x === "number" ? new NDArray(EMPTY_SHAPE, dtype, fixElement(dtype, x)) : x;
  const ya = typeof y === "number" ? new NDArray(EMPTY_SHAPE, dtype, fixElement(dtype, y)) : y;
  const shape = broadcastOperands([condition, xa, ya]);
  const n = shapeSize(shape);
  const spread = (a: NDArray, type: DType): Storage => {
    const out = allocate(type, n);
    broadcastCopy(a.data, a.shape, out, shape);
    return out;
  };
  const c = spread(condition, "float64");
  const xs = spread(xa, dtype);
  const ys = spread(ya, dtype);
  for (let i = 0; i < n; i++) if (c[i] === 0) xs[i] = ys[i];
  return shape.length === 0
    ? new NDArray(EMPTY_SHAPE, dtype, xs[0])
    : new NDArray(shape, dtype, xs);
}

// ---------------------------------------------------------------------------------------------
// Float functions

/**
 * `e ** x` elementwise, like `np.exp` (float64, or float32 for float32).
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.exp(np.array(0.5)).toString(), "1.6487212707001282");
 * ```
 */
export function exp(x: Operand): NDArray {
  return floatUnary(EXP, x);
}

/**
 * The natural logarithm elementwise, like `np.log` (`-inf` at 0, NaN below).
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.log(np.array([1, 0])).toString(), "[  0. -inf]");
 * ```
 */
export function log(x: Operand): NDArray {
  return floatUnary(LOG, x);
}

/**
 * The square root elementwise, like `np.sqrt` (correctly rounded, as IEEE requires).
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.sqrt(np.array([4, 2], "float32")).toString(), "[2.        1.4142135]");
 * ```
 */
export function sqrt(x: Operand): NDArray {
  return floatUnary(SQRT, x);
}

/**
 * The sine of `x` (in radians) elementwise, like `np.sin`: `Math.sin` of each element, so a 0-d
 * array and an array give the same bits.
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.sin(np.array([0, 1, 2], "int64")).toString(), "[0.         0.84147098 0.90929743]");
 * ```
 */
export function sin(x: Operand): NDArray {
  return floatUnary(SIN, x);
}

/**
 * The cosine of `x` (in radians) elementwise, like `np.cos`: `Math.cos` of each element.
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.cos(np.array(1)).toString(), "0.5403023058681398");
 * ```
 */
export function cos(x: Operand): NDArray {
  return floatUnary(COS, x);
}

/**
 * The hyperbolic tangent of `x` elementwise, like `np.tanh`: `Math.tanh` of each element.
 *
 * @param x an array or number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.tanh(np.array([-0, 1, 20])).toString(), "[-0.          0.76159416  1.        ]");
 * ```
 */
export function tanh(x: Operand): NDArray {
  return floatUnary(TANH, x);
}

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
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.allclose(np.array([1, 2]), np.array([1, 2.000001])), true);
 * assert.equal(np.allclose(np.array(1), np.array(1.1)), false);
 * ```
 */
export function allclose(a: Operand, b: Operand, rtol = 1e-5, atol = 1e-8): boolean {
  checkOperand("allclose", a, 1);
  checkOperand("allclose", b, 2);
  const x = typeof a === "number" ? floatScalar(a) : a;
  const y = typeof b === "number" ? floatScalar(b) : b;
  const shape = broadcastShapes(x.shape, y.shape);
  const n = shapeSize(shape);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  broadcastCopy(x.data, x.shape, xs, shape);
  broadcastCopy(y.data, y.shape, ys, shape);
  for (let i = 0; i < n; i++) {
    const u = xs[i];
    const v = ys[i];
    if (u === v) continue; // also equal infinities
    // Unequal infinities would pass the tolerance test below (inf <= inf), so reject them first.
    if (!Number.isFinite(u) || !Number.isFinite(v)) return false;
    if (!(Math.abs(u - v) <= atol + rtol * Math.abs(v))) return false;
  }
  return true;
}

/**
 * Whether two arrays have the same shape and elements, like `np.array_equal` (dtypes may differ).
 *
 * @param a an array
 * @param b an array
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.arrayEqual(np.array([1, 2]), np.array([1, 2], "int64")), true);
 * assert.equal(np.arrayEqual(np.array([1, 2]), np.array([[1, 2]])), false);
 * ```
 */
export function arrayEqual(a: NDArray, b: NDArray): boolean {
  checkOperand("array_equal", a, 1);
  checkOperand("array_equal", b, 2);
  if (!sameShape(a.shape, b.shape)) return false;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// The array's methods

// The arithmetic methods first try the case of DeZero's scalar graphs, float64 0-d arrays (whose
// value is the number in `elements`, no buffer made) with numbers or other such arrays, and
// compute it directly: the general path (dtypes, broadcasting) costs many times the arithmetic,
// and a graph of scalars does little else.

/** The value of a number or of a float64 0-d array without a buffer; else undefined. */
function floatScalarValue(x: Operand): number | undefined {
  if (typeof x === "number") return x;
  return x instanceof NDArray && typeof x.elements === "number" && x.dtype === "float64"
    ? x.elements
    : undefined;
}

/** Whether `a` is a float64 0-d array without a buffer. */
function isFloatScalar(a: NDArray): a is NDArray & { readonly elements: number } {
  return typeof a.elements === "number" && a.dtype === "float64";
}

const proto = NDArray.prototype;

proto.add = function (this: NDArray, other: Operand): NDArray {
  const y = floatScalarValue(other);
  return y !== undefined && isFloatScalar(this)
    ? floatScalar(this.elements + y)
    : binary(ADD_UFUNC, this, other);
};
proto.sub = function (this: NDArray, other: Operand): NDArray {
  const y = floatScalarValue(other);
  return y !== undefined && isFloatScalar(this)
    ? floatScalar(this.elements - y)
    : binary(SUBTRACT_UFUNC, this, other);
};
proto.mul = function (this: NDArray, other: Operand): NDArray {
  const y = floatScalarValue(other);
  return y !== undefined && isFloatScalar(this)
    ? floatScalar(this.elements * y)
    : binary(MULTIPLY_UFUNC, this, other);
};
proto.div = function (this: NDArray, other: Operand): NDArray {
  const y = floatScalarValue(other);
  return y !== undefined && isFloatScalar(this)
    ? floatScalar(this.elements / y)
    : binary(DIVIDE_UFUNC, this, other);
};
proto.pow = function (this: NDArray, other: Operand): NDArray {
  const y = floatScalarValue(other);
  return y !== undefined && isFloatScalar(this)
    ? floatScalar(powScalarExponent(this.elements, y))
    : binary(POWER_UFUNC, this, other);
};
proto.neg = function (this: NDArray): NDArray {
  return isFloatScalar(this) ? floatScalar(-this.elements) : negative(this);
};
proto.iadd = function (this: NDArray, other: Operand): NDArray {
  return inPlace(ADD_UFUNC, this, other, "+");
};
proto.isub = function (this: NDArray, other: Operand): NDArray {
  return inPlace(SUBTRACT_UFUNC, this, other, "-");
};
proto.imul = function (this: NDArray, other: Operand): NDArray {
  return inPlace(MULTIPLY_UFUNC, this, other, "*");
};
proto.idiv = function (this: NDArray, other: Operand): NDArray {
  return inPlace(DIVIDE_UFUNC, this, other, "/");
};
proto.gt = function (this: NDArray, other: Operand): NDArray {
  return binary(GREATER_UFUNC, this, other);
};
proto.ge = function (this: NDArray, other: Operand): NDArray {
  return binary(GREATER_EQUAL_UFUNC, this, other);
};
proto.lt = function (this: NDArray, other: Operand): NDArray {
  return binary(LESS_UFUNC, this, other);
};
proto.le = function (this: NDArray, other: Operand): NDArray {
  return binary(LESS_EQUAL_UFUNC, this, other);
};
proto.eq = function (this: NDArray, other: Operand): NDArray {
  return binary(EQUAL_UFUNC, this, other);
};
proto.ne = function (this: NDArray, other: Operand): NDArray {
  return binary(NOT_EQUAL_UFUNC, this, other);
};
proto.clip = function (this: NDArray, min: Operand, max: Operand): NDArray {
  return clip(this, min, max);
};
