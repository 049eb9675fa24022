/**
 * The stand-in's errors and how its messages name values: NumPy's exception classes
 * (`ValueError`, `AxisError`, `IndexError`, Python's `ZeroDivisionError`) and their wording, where NumPy has one.
 *
 * @module
 */

/**
 * NumPy's `ValueError`, for errors where NumPy raises one (e.g. shapes that do not broadcast).
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new np.ValueError("bad").name, "ValueError");
 * ```
 */
export class ValueError extends Error {
  /**
   * Makes the error.
   *
   * @param message what went wrong, in NumPy's wording where NumPy has one
   */
  constructor(message: string) {
    super(message);
    this.name = "ValueError";
  }
}

/**
 * NumPy's `AxisError`: an axis out of range for the array's dimensions. A `ValueError`, as in
 * NumPy (where it is also an `IndexError`).
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const e = new np.AxisError(2, 2);
 * assert.equal(e.message, "axis 2 is out of bounds for array of dimension 2");
 * assert.ok(e instanceof np.ValueError);
 * ```
 */
export class AxisError extends ValueError {
  /**
   * Makes the error.
   *
   * @param axis the axis asked for
   * @param ndim the array's number of dimensions
   * @param prefix the argument's name, which NumPy puts first (`axis2: axis 3 is out ...`)
   */
  constructor(axis: number, ndim: number, prefix?: string) {
    super(
      `${prefix === undefined ? "" : `${prefix}: `}axis ${axis} is out of bounds for array of ` +
        `dimension ${ndim}`,
    );
    this.name = "AxisError";
  }
}

/**
 * Python's `ZeroDivisionError`, which NumPy raises for an `arange` step of 0.
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => np.arange(0, 5, 0), np.ZeroDivisionError);
 * ```
 */
export class ZeroDivisionError extends RangeError {
  /**
   * Makes the error.
   *
   * @param message what went wrong, in Python's wording
   */
  constructor(message: string) {
    super(message);
    this.name = "ZeroDivisionError";
  }
}

/**
 * NumPy's `IndexError`: an index out of bounds, or too many indices.
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => np.arange(3).get(5), np.IndexError);
 * ```
 */
export class IndexError extends RangeError {
  /**
   * Makes the error.
   *
   * @param message what went wrong, in NumPy's wording
   */
  constructor(message: string) {
    super(message);
    this.name = "IndexError";
  }
}

/**
 * A value as error messages describe it: `the string "2"`, `a number (3)`, `an object (Array)`,
 * `null`.
 *
 * @param value anything
 *
 * @example
 * ```ts
 * import { describe } from "./_errors.ts";
 * import assert from "node:assert/strict";
 * assert.equal(describe("2"), 'the string "2"');
 * assert.equal(describe([1]), "an object (Array)");
 * ```
 */
export function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  if (typeof value === "symbol") return `a symbol (${value.description ?? ""})`;
  if (typeof value === "function") return `a function (${value.name || "anonymous"})`;
  return `a ${typeof value} (${String(value)})`;
}

/**
 * The type name in DeZero's `<class 'float'> is not supported`: `typeof` for primitives
 * (`number`, `string`), the class name for objects (`Array`).
 *
 * @param value anything
 *
 * @example
 * ```ts
 * import { typeName } from "./_errors.ts";
 * import assert from "node:assert/strict";
 * assert.equal(typeName(1.0), "number");
 * assert.equal(typeName(new Float64Array(1)), "Float64Array");
 * ```
 */
export function typeName(value: unknown): string {
  if (value === null || typeof value !== "object") return typeof value;
  return value.constructor?.name ?? "Object";
}

/**
 * Python's name for the type of a value used where an integer is needed, for NumPy's
 * `'str' object cannot be interpreted as an integer`.
 *
 * @param value anything
 *
 * @example
 * ```ts
 * import { pythonTypeName } from "./_errors.ts";
 * import assert from "node:assert/strict";
 * assert.equal(pythonTypeName("2"), "str");
 * assert.equal(pythonTypeName(1.5), "float");
 * ```
 */
export function pythonTypeName(value: unknown): string {
  if (typeof value === "number") return "float";
  if (typeof value === "string") return "str";
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "boolean") return "bool";
  return typeName(value);
}

/**
 * The exact decimal value of a double: `2 ** 63` is `9223372036854775808`, not `9223372036854776000`.
 *
 * @param v a number
 *
 * @example
 * ```ts
 * import { exactText } from "./_errors.ts";
 * import assert from "node:assert/strict";
 * assert.equal(exactText(2 ** 63), "9223372036854775808");
 * assert.equal(exactText(0.5), "0.5");
 * ```
 */
export function exactText(v: number): string {
  return Number.isInteger(v) ? BigInt(v).toString() : String(v);
}

/**
 * The error for an int64 that this stand-in cannot hold: int64 elements live in a Float64Array,
 * exact up to 2^53; beyond that a result would be a silent wrong number (NumPy's wrap around at
 * 2^63), so it is an error instead.
 *
 * @param v the value that does not fit
 *
 * @example
 * ```ts
 * import { int64Overflow } from "./_errors.ts";
 * import assert from "node:assert/strict";
 * assert.match(int64Overflow(2 ** 60).message, /^1152921504606846976 is outside/);
 * ```
 */
export function int64Overflow(v: number): RangeError {
  return new RangeError(
    `${exactText(v)} is outside the int64 values this array stores exactly ` +
      '(|v| <= 2^53 - 1 = 9007199254740991): compute in float64 instead (x.astype("float64"))',
  );
}

/**
 * The error for an operand of a NumPy function that is neither an NDArray nor a number: it names
 * the function, the argument and what to pass.
 *
 * @param fn the function's name, e.g. `multiply`
 * @param v what was passed
 * @param position which argument (1-based), if the function has several
 *
 * @example
 * ```ts
 * import { operandError } from "./_errors.ts";
 * import assert from "node:assert/strict";
 * assert.match(operandError("multiply", "2", 2).message, /np\.multiply\(\)'s argument 2/);
 * ```
 */
export function operandError(fn: string, v: unknown, position?: number): TypeError {
  const which = position === undefined ? "argument" : `argument ${position}`;
  const fix = typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))
    ? `: write the number ${Number(v)}, not the string ${JSON.stringify(v)}`
    : v === null || v === undefined
    ? ": a value is missing (check the variable passed in)"
    : typeof v === "boolean"
    ? `: write ${v ? 1 : 0}, or np.array(${v}) for a bool array`
    : Array.isArray(v)
    ? `: make an array first, np.array([${v.slice(0, 3)}${v.length > 3 ? ", ..." : ""}])`
    : "";
  return new TypeError(
    `np.${fn}()'s ${which} must be an NDArray or a number, not ${describe(v)}${fix}`,
  );
}
