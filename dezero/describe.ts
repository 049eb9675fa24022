/**
 * How error messages name a value of the wrong type. Internal to the package (not exported by
 * `mod.ts`).
 *
 * @module
 */

/**
 * A value as error messages describe it: `the string "2"`, `a number (3)`, `an object (Array)`,
 * `null`.
 *
 * @param value anything
 *
 * @example
 * ```ts
 * import { describe } from "./describe.ts";
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
 * import { typeName } from "./describe.ts";
 * import assert from "node:assert/strict";
 * assert.equal(typeName(1.0), "number");
 * assert.equal(typeName(new Float64Array(1)), "Float64Array");
 * ```
 */
export function typeName(value: unknown): string {
  if (value === null || typeof value !== "object") return typeof value;
  return value.constructor?.name ?? "Object";
}
