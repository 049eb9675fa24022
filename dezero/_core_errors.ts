/**
 * The errors both cores (`core_simple.ts` and `core.ts`) raise for bad input, so that a mistake
 * gets the same message whichever core the learner uses. Internal to the package (not exported by
 * `mod.ts` or `full.ts`).
 *
 * @module
 */

import { foreignCopyError } from "./_guards.ts";
import { typeName } from "./describe.ts";

/**
 * The book's `TypeError('{} is not supported')`, for Variable data that is not an `NDArray`, or
 * the error for a Variable or NDArray of another copy of the package or of the other core.
 *
 * @param data the value given as data
 * @param ownVariable the brand of the refusing core's Variable
 *
 * @example
 * ```ts
 * import { notSupported } from "./_core_errors.ts";
 * import assert from "node:assert/strict";
 * assert.equal(notSupported(1.0, "Variable").message, "number is not supported");
 * ```
 */
export function notSupported(data: unknown, ownVariable: string): TypeError {
  return foreignCopyError(data, ownVariable) ?? new TypeError(`${typeName(data)} is not supported`);
}

/**
 * For a function called with an input Variable that has no data.
 *
 * @param f the function called
 *
 * @example
 * ```ts
 * import { inputWithoutData } from "./_core_errors.ts";
 * import assert from "node:assert/strict";
 * class Add {}
 * assert.equal(
 *   inputWithoutData(new Add()).message,
 *   "Add needs inputs with data, not Variable(null)",
 * );
 * ```
 */
export function inputWithoutData(f: object): TypeError {
  return new TypeError(`${f.constructor.name} needs inputs with data, not Variable(null)`);
}

/**
 * For a `backward` that returns a number of gradients other than the function's inputs.
 *
 * @param f the function whose `backward` returned them
 * @param got how many gradients it returned
 * @param inputs how many inputs the function has
 *
 * @example
 * ```ts
 * import { wrongGradientCount } from "./_core_errors.ts";
 * import assert from "node:assert/strict";
 * class Bad {}
 * assert.equal(
 *   wrongGradientCount(new Bad(), 1, 2).message,
 *   "Bad.backward() returned 1 gradient(s) for 2 input(s)",
 * );
 * ```
 */
export function wrongGradientCount(f: object, got: number, inputs: number): TypeError {
  return new TypeError(
    `${f.constructor.name}.backward() returned ${got} gradient(s) for ${inputs} input(s)`,
  );
}

/**
 * The book's `NotImplementedError`, for the base class's `forward` and `backward`.
 *
 * @param f the function
 * @param method `"forward"` or `"backward"`
 *
 * @example
 * ```ts
 * import { notImplemented } from "./_core_errors.ts";
 * import assert from "node:assert/strict";
 * class Function {}
 * assert.equal(
 *   notImplemented(new Function(), "forward").message,
 *   "Function.forward() is not implemented",
 * );
 * ```
 */
export function notImplemented(f: object, method: "forward" | "backward"): Error {
  return new Error(`${f.constructor.name}.${method}() is not implemented`);
}
