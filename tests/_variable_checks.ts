/**
 * Checks shared by the tests of every Variable class that has step 19's properties (the steps'
 * own from step 19 on, and the package's): the book's `shape`, `ndim`, `size`, `dtype`, `len()`
 * and `__repr__`.
 */
import assert from "node:assert/strict";
import * as np from "../dezero/np/mod.ts";

interface VariableLike {
  readonly shape: readonly number[];
  readonly ndim: number;
  readonly size: number;
  readonly dtype: np.DType;
  readonly length: number;
  toString(): string;
}

/** Asserts step 19's properties and printing for `Variable`, a class of such variables. */
export function checkVariableProperties(
  Variable: new (data: np.NDArray | null, name?: string | null) => VariableLike,
): void {
  const x = new Variable(np.array([[1, 2, 3], [4, 5, 6]], "int64"), "x");
  assert.deepEqual(x.shape, [2, 3]);
  assert.equal(x.ndim, 2);
  assert.equal(x.size, 6);
  assert.equal(x.dtype, "int64");
  assert.equal(x.length, 2);
  // DeZero's __repr__ indents continuation lines by len("variable(") = 9 spaces.
  assert.equal(x.toString(), "variable([[1 2 3]\n          [4 5 6]])");
  assert.equal(Deno.inspect(x), x.toString());
  assert.equal(new Variable(null).toString(), "variable(null)");
  assert.equal(new Variable(np.array(1.5)).toString(), "variable(1.5)");
  assert.throws(() => new Variable(np.array(1.5)).length, TypeError); // len() of a 0-d array
}
