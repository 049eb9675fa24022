/**
 * A small NumPy stand-in: the n-dimensional array that DeZero computes with.
 *
 * Steps import it as `import * as np from "../dezero/ndarray.ts"` so the code reads like the
 * book (`np.array(0.5)`, `np.exp(x)`, `np.onesLike(x)`). It follows NumPy's semantics for what
 * DeZero needs: broadcasting, dtype promotion, IEEE results and NumPy's printing.
 *
 * This module is the whole public API; the code is in internal modules: `_array.ts` (the
 * NDArray class and the dispatch of operations), `_creation.ts`, `_math.ts`, `_random.ts`, and
 * below them `_kernels.ts` (the loops), `_shape.ts` (broadcasting), `_dtype.ts` (promotion) and
 * `_errors.ts`; `format.ts` prints as NumPy does.
 *
 * @module
 */

export { NDArray } from "./_array.ts";
export type { NestedArray, Operand } from "./_array.ts";
export type { DType } from "./_dtype.ts";
export { ValueError } from "./_errors.ts";
export {
  arange,
  array,
  full,
  isScalar,
  linspace,
  ones,
  onesLike,
  zeros,
  zerosLike,
} from "./_creation.ts";
export type { ArrayInput } from "./_creation.ts";
export {
  add,
  allclose,
  cos,
  divide,
  exp,
  multiply,
  negative,
  pi,
  power,
  sin,
  square,
  subtract,
  tanh,
} from "./_math.ts";
export { random } from "./_random.ts";
