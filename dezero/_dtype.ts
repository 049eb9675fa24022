/**
 * Element types: checking a dtype, storing a value as an element of one, and NumPy's promotion
 * of two operands' dtypes.
 *
 * @module
 */

import { describe } from "./describe.ts";
import { int64Overflow } from "./_errors.ts";

/** The element types this stand-in supports: NumPy's `float64`, `int64` and `bool`. */
export type DType = "float64" | "int64" | "bool";

const DTYPES: readonly string[] = ["float64", "int64", "bool"];

/** Checks a dtype given at run time (JavaScript callers, casts): NumPy's error for unknown ones. */
export function checkDtype(dtype: unknown): DType {
  if (typeof dtype !== "string" || !DTYPES.includes(dtype)) {
    throw new TypeError(
      `data type '${String(dtype)}' not understood (this stand-in has ${DTYPES.join(", ")})`,
    );
  }
  return dtype as DType;
}

/** `v` as an element of `dtype` (bools as 0/1), or an error naming the index `path`. */
export function element(v: number | boolean, dtype: DType, path: number[]): number {
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

/**
 * Brings a computed element back into its dtype: bool + bool is logical or in NumPy (a sum of 2
 * reads True); an int64 has no -0 (as -x or x * -1 of 0 would give) and must stay exact.
 */
export function fixElement(dtype: DType, v: number): number {
  if (dtype === "bool") return v !== 0 ? 1 : 0;
  if (dtype === "int64") {
    if (!Number.isSafeInteger(v)) throw int64Overflow(v);
    return v + 0;
  }
  return v;
}

/**
 * Checks storage given to the public `NDArray` constructor: an int64 array holds integers (exact
 * up to 2^53), a bool array 0 and 1.
 */
export function checkElements(dtype: DType, data: Float64Array | number): void {
  if (dtype === "float64") return;
  const values = typeof data === "number" ? [data] : data;
  for (const v of values) {
    if (dtype === "int64" ? !Number.isSafeInteger(v) : v !== 0 && v !== 1) {
      throw new TypeError(
        `an ${dtype} array cannot hold ${v}: ` +
          (dtype === "int64"
            ? "its elements are integers (|v| <= 2^53 - 1); round first, or make a float64 array"
            : "its elements are 0 (false) and 1 (true)"),
      );
    }
  }
}

/** {@linkcode fixElement} over a result; float64 results need nothing. */
export function fixElements(dtype: DType, out: Float64Array): Float64Array {
  if (dtype !== "float64") {
    for (let i = 0; i < out.length; i++) out[i] = fixElement(dtype, out[i]);
  }
  return out;
}

/** An operand as promotion sees it: a plain number or anything with a dtype. */
export type Typed = number | { readonly dtype: DType };

// NumPy's promotion: float64 wins, then int64, then bool. A plain number is a "weak" scalar that
// does not widen an array's dtype beyond what its value needs (NEP 50): an integer-valued number
// keeps int64, a fractional one makes float64. Two plain numbers are float64, our default.
function operandDtype(x: Typed, other: Typed): DType {
  if (typeof x !== "number") return x.dtype;
  // -0 is a float in JavaScript (integer arithmetic never makes it), as -0.0 is in Python.
  const integer = Number.isInteger(x) && !Object.is(x, -0);
  if (typeof other === "number" || other.dtype === "float64" || !integer) {
    return "float64";
  }
  return other.dtype === "bool" ? "int64" : other.dtype;
}

/** The dtype of `x op y` (`op` is the ufunc's name), or NumPy's error for bools. */
export function resultDtype(op: string, x: Typed, y: Typed): DType {
  const a = operandDtype(x, y);
  const b = operandDtype(y, x);
  if (op === "divide" || a === "float64" || b === "float64") return "float64";
  if (a === "int64" || b === "int64") return "int64";
  if (op === "subtract") {
    throw new TypeError(
      "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` " +
        "operator, or the logical_xor function instead.",
    );
  }
  // bool ** bool is int8 in NumPy; this stand-in has no int8, so it gives int64.
  return op === "power" ? "int64" : "bool";
}
