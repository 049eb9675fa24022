/**
 * The NumPy stand-in's errors, in NumPy's wording where NumPy has one.
 *
 * @module
 */

import { describe } from "./describe.ts";

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

/**
 * The error for an int64 that this stand-in cannot hold: int64 elements live in a Float64Array,
 * exact up to 2^53; beyond that a result would be a silent wrong number (NumPy's wrap around at
 * 2^63), so it is an error instead.
 */
export function int64Overflow(v: number): RangeError {
  return new RangeError(
    `${v} is outside the int64 values this array stores exactly (|v| <= 2^53 - 1)`,
  );
}

/** NumPy's error for an int64 raised to a negative int64 power. */
export function negativeIntPower(): ValueError {
  return new ValueError("Integers to negative integer powers are not allowed.");
}

/** The error for an operand that is neither an NDArray nor a number. */
export function operandError(op: { name: string }, v: unknown): TypeError {
  return new TypeError(`np.${op.name}() takes NDArrays and numbers, got ${describe(v)}`);
}
