/**
 * DeZero for Deno: the autograd framework of _Deep Learning from Scratch 3_ as the book leaves it
 * at the end of stage 2 (its `dezero/__init__.py` with `core_simple.py`), plus `expr` for writing
 * graphs in ordinary math notation, pictures of the graph (`getDotGraph`, `getMermaidGraph`,
 * `plotDotGraph`: the book's `utils.py`, steps 25–26) and `np`, the small NumPy stand-in it computes
 * with.
 *
 * Importing this module patches the operator methods onto `Variable` (`setupVariable()`, as the
 * book's `__init__.py` does). It has no dependencies, so it can be imported by path or by URL.
 *
 * @example
 * ```ts
 * import { expr, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * const y = x.add(3).pow(2); // (x + 3) ** 2
 * y.backward();
 * assert.equal(y.toString(), "variable(16.0)");
 * assert.equal(x.grad?.toString(), "8.0");
 * x.cleargrad();
 * expr`(${x} + 3) ** 2`.backward();
 * assert.equal(x.grad?.toString(), "8.0");
 * ```
 *
 * @module
 */

import { setupVariable } from "./core_simple.ts";

export {
  Add,
  add,
  asArray,
  asVariable,
  Config,
  Div,
  div,
  Function,
  Mul,
  mul,
  Neg,
  neg,
  noGrad,
  Pow,
  pow,
  rdiv,
  rsub,
  setupVariable,
  Sub,
  sub,
  usingConfig,
  Variable,
} from "./core_simple.ts";
export type { Operand, Outputs } from "./core_simple.ts";
export { expr } from "./expr.ts";
export { getDotGraph, getMermaidGraph, plotDotGraph } from "./utils.ts";
export type { GraphFunction, GraphVariable } from "./utils.ts";
export type { ExprValue } from "./expr.ts";
export * as np from "./np/mod.ts";
// The array types are also exported by name, because documentation tools do not follow `np`.
export type { ArrayInput, DType, NDArray, NestedArray, Operand as ArrayOperand } from "./np/mod.ts";

setupVariable();
