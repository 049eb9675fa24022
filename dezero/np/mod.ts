/**
 * A NumPy stand-in: the n-dimensional array that DeZero computes with, and the NumPy functions
 * the book's code calls, with NumPy's semantics (broadcasting, NumPy 2's dtype promotion, NumPy's
 * printing, its legacy random generator, its `.npy`/`.npz` files).
 *
 * Steps and the package import it as `import * as np from "../dezero/np/mod.ts"`, so the code
 * reads like the book (`np.array(0.5)`, `np.exp(x)`, `np.random.seed(0)`). This module is the
 * whole public API; the code is laid out by the concepts a NumPy user knows, after NumPy's own
 * split (`numpy/_core`, `numpy/linalg`, `numpy/random`, `numpy/lib/format`):
 *
 * | module              | concept                                                        |
 * | ------------------- | -------------------------------------------------------------- |
 * | `_ndarray.ts`       | the array: shape, storage, conversions, and its list of methods |
 * | `_dtypes.ts`        | dtypes: storage per dtype, conversion, promotion (NEP 50)      |
 * | `_print.ts`         | printing, as NumPy's `str()`                                   |
 * | `_creation.ts`      | `array`, `zeros`, `arange`, `linspace`, `eye` ...              |
 * | `_ufuncs.ts`        | elementwise functions (with `_loops.ts`: loops, broadcasting)  |
 * | `_reductions.ts`    | `sum`, `mean`, `max`, `min`, `argmax` over axes                |
 * | `_manipulation.ts`  | `reshape`, `transpose`, `broadcastTo`, `pad`, `concatenate` ... |
 * | `_indexing.ts`      | `x.get(...)`, `x.set(...)`, `np.addAt`, `np.slice`             |
 * | `_linalg.ts`        | `matmul`, `dot`, `tensordot`                                   |
 * | `_random.ts`        | `np.random`                                                    |
 * | `_io.ts`            | `.npy` and `.npz` files (with `_zip.ts`)                       |
 * | `_errors.ts`        | NumPy's exceptions and messages                                |
 *
 * An elementwise operation reads in two files: its dtype rule and dispatch in `_ufuncs.ts`, its
 * loop in `_loops.ts`. Each module that defines array methods (`a.sum()`, `a.get(0)`) installs
 * them on `NDArray.prototype` when loaded; their list, with their docs, is in `_ndarray.ts`.
 *
 * Differences from NumPy, each deliberate:
 *
 * - Five dtypes: float64, float32, int64 (exact to 2^53), uint8 and bool. Where NumPy gives
 *   float16 (`np.exp` of uint8 or bool) or int8 (`bool ** bool`, `square` of bool), an error
 *   saying how to convert, or int64; uint8 sums are int64 (NumPy: uint64).
 * - JavaScript cannot tell `1` from `1.0`: `np.array([1, 2])` and numbers alone (`np.add(1, 2)`)
 *   are float64 (ask for `"int64"`); `np.arange` of integers is int64, as NumPy's of Python ints.
 * - No views (see `_manipulation.ts`): `reshape`, `ravel`, `squeeze` and `expandDims` share the
 *   storage, `transpose` and slices copy.
 * - Where NumPy would give a silently truncated, wrapped or undefined number, an error: an int64
 *   beyond 2^53, NaN or an out-of-range float cast to an integer, `np.array([1.5], "int64")`,
 *   `full`/`arange` with fractions into int64, `np.where(c, u8, 300)`, `np.addAt` that would
 *   truncate or wrap.
 * - A 0-d bool array as an index is an error; `tensordot`'s out-of-range axis is an AxisError.
 * - `np.slice(1)` is `1:` (Python's one-argument `slice(1)` is `:1`).
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = np.array([[1, 2, 3], [4, 5, 6]], "float32");
 * assert.equal(x.mul(0.1).sum({ axis: 0 }).toString(), "[0.5        0.7        0.90000004]");
 * assert.equal(np.exp(np.array(0.5)).toString(), "1.6487212707001282");
 * ```
 *
 * @module
 */

export { NDArray } from "./_ndarray.ts";
export type {
  Axis,
  IndexItem,
  IndexList,
  NestedArray,
  Operand,
  ReduceOptions,
  SliceLike,
} from "./_ndarray.ts";
export type { DType, Storage } from "./_dtypes.ts";
export { OverflowError } from "./_dtypes.ts";
export { AxisError, IndexError, ValueError, ZeroDivisionError } from "./_errors.ts";
export {
  arange,
  array,
  eye,
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
  abs,
  add,
  allclose,
  arrayEqual,
  clip,
  cos,
  divide,
  equal,
  exp,
  greater,
  greaterEqual,
  less,
  lessEqual,
  log,
  maximum,
  minimum,
  multiply,
  negative,
  notEqual,
  power,
  sin,
  sqrt,
  square,
  subtract,
  tanh,
  where,
} from "./_ufuncs.ts";
export { broadcastShapes } from "./_loops.ts";
export { argmax, argmin, max, mean, min, sum } from "./_reductions.ts";
export {
  broadcastTo,
  concatenate,
  expandDims,
  flatten,
  pad,
  ravel,
  reshape,
  squeeze,
  swapaxes,
  transpose,
} from "./_manipulation.ts";
export type { PadWidth } from "./_manipulation.ts";
export { addAt, ellipsis, getItem, newaxis, setItem, Slice, slice } from "./_indexing.ts";
export { dot, matmul, tensordot } from "./_linalg.ts";
export { load, save, savez, savezCompressed } from "./_io.ts";
export type { NpzFile } from "./_io.ts";
export { random } from "./_random.ts";

/**
 * π as a double, like `np.pi`.
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.cos(np.pi).item(), -1);
 * ```
 */
export const pi: number = Math.PI;
