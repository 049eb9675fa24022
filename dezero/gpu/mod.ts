/**
 * The GPU's array module, CuPy to this port: `GpuArray`, an `NDArray` whose elements live on a
 * WebGPU device, and the NumPy functions DeZero calls through `xp = cuda.getArrayModule(x)`
 * (`xp.exp(x)`, `xp.zerosLike(x)`, `xp.eye(n)`, `xp.array(...)` ...), with the same names and
 * arguments as `np`'s. `dezero/cuda.ts` (the book's `cuda.py`) gets the device and moves arrays;
 * this module computes on them. The arrays' methods (`a.add(b)`, `a.sum()`, `a.dot(b)`, `a.get(i)`)
 * run on the GPU too.
 *
 * | module        | what                                                                |
 * | ------------- | ------------------------------------------------------------------- |
 * | `_device.ts`  | the adapter and device, the buffer pool, submitting, reading back   |
 * | `_kernels.ts` | the WGSL kernels                                                     |
 * | `_array.ts`   | `GpuArray` and its operations                                        |
 *
 * Every operation records a kernel and returns at once; the GPU runs them in order while
 * JavaScript goes on. Only reading numbers back waits: `await a.toCpu()`. The random functions
 * draw from `np.random`'s generator and upload, so a seeded run on the GPU starts from the CPU's
 * numbers. The differences from NumPy that the device imposes are listed in `_array.ts`: float32
 * is the GPU's only float, its integers are 32-bit.
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import * as np from "../np/mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   const x = gpu.array([[0, 1], [2, 3]], "float32");
 *   const y = gpu.exp(x).sum({ axis: 1 }); // recorded, not waited for
 *   assert.ok(y instanceof gpu.GpuArray);
 *   const cpu = np.exp(np.array([[0, 1], [2, 3]], "float32")).sum({ axis: 1 });
 *   assert.ok(np.allclose(await y.toCpu(), cpu, 1e-6)); // the GPU's exp may differ in the last bit
 * }
 * ```
 *
 * @module
 */

import {
  addAt as addAtImpl,
  binary,
  broadcastTo as broadcastToImpl,
  clip as clipImpl,
  deviceDtype,
  filled,
  floatFunction,
  GpuArray,
  toDevice,
  unary,
} from "./_array.ts";
import { current } from "./_device.ts";
import type { ArrayInput } from "../np/_creation.ts";
import type { DType } from "../np/_dtypes.ts";
import { describe } from "../np/_errors.ts";
import { checkShape, type IndexItem, NDArray, type Operand } from "../np/_ndarray.ts";
import * as np from "../np/mod.ts";

export { GpuArray } from "./_array.ts";
export type { AdapterSummary } from "./_device.ts";

/** A GPU array for an argument that must be one (CuPy does not take NumPy's arrays either). */
function onGpu(fn: string, a: unknown): GpuArray {
  if (a instanceof GpuArray) return a;
  throw new TypeError(
    `gpu.${fn}() takes an array on the GPU, not ${
      a instanceof NDArray ? "an array on the CPU" : describe(a)
    }: move it there with cuda.asGpu(a)`,
  );
}

/**
 * An array on the GPU from JavaScript values or an array (a copy), like `cupy.array`: float64
 * becomes float32 there.
 *
 * @param value numbers, nested lists, arrays (on either device)
 * @param dtype the element type
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   const a = gpu.array([1, 2, 3]);
 *   assert.equal(a.dtype, "float32"); // NumPy's float64, on the GPU
 *   assert.equal((await a.toCpu()).toString(), "[1. 2. 3.]");
 * }
 * ```
 */
export function array(value: ArrayInput | NDArray, dtype?: DType): GpuArray {
  current();
  if (value instanceof GpuArray) return value.astype(dtype ?? value.dtype);
  return toDevice(np.array(value, dtype));
}

/**
 * An array of `shape` filled with `value` on the GPU, made there (nothing is uploaded).
 *
 * @param shape the dimensions
 * @param value the value of every element
 * @param dtype the element type (default float64, which is float32 on the GPU)
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.equal((await gpu.full([2], 7, "int64").toCpu()).toString(), "[7 7]");
 * }
 * ```
 */
export function full(
  shape: number | readonly number[],
  value: number,
  dtype: DType = "float64",
): GpuArray {
  current();
  const dims = checkShape(shape, "full");
  const type = deviceDtype(dtype);
  return filled(dims, type, np.full([], value, dtype).astype(type).item());
}

/**
 * An array of zeros on the GPU, like `cupy.zeros`.
 *
 * @param shape the dimensions
 * @param dtype the element type (default float64, which is float32 on the GPU)
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.deepEqual(gpu.zeros([2, 3]).shape, [2, 3]);
 * }
 * ```
 */
export function zeros(shape: number | readonly number[], dtype: DType = "float64"): GpuArray {
  return full(shape, 0, dtype);
}

/**
 * Zeros of `a`'s shape and dtype on the GPU, like `cupy.zeros_like`.
 *
 * @param a an array (on either device) or a number
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   const z = gpu.zerosLike(gpu.array([[1, 2]], "int64"));
 *   assert.equal((await z.toCpu()).toString(), "[[0 0]]");
 * }
 * ```
 */
export function zerosLike(a: Operand): GpuArray {
  return typeof a === "number" ? full([], 0) : full(a.shape, 0, a.dtype);
}

/**
 * Ones of `a`'s shape and dtype on the GPU, like `cupy.ones_like`.
 *
 * @param a an array (on either device) or a number
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.equal((await gpu.onesLike(gpu.zeros([2])).toCpu()).toString(), "[1. 1.]");
 * }
 * ```
 */
export function onesLike(a: Operand): GpuArray {
  return typeof a === "number" ? full([], 1) : full(a.shape, 1, a.dtype);
}

/**
 * The identity matrix (or ones on diagonal `k`) on the GPU, like `cupy.eye`.
 *
 * @param n the number of rows
 * @param options `m` columns (default `n`), the diagonal `k`, the `dtype` (default float64, which
 *   is float32 on the GPU)
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.equal((await gpu.eye(2, { dtype: "int64" }).toCpu()).toString(), "[[1 0]\n [0 1]]");
 * }
 * ```
 */
export function eye(
  n: number,
  options: { m?: number | null; k?: number; dtype?: DType } = {},
): GpuArray {
  current();
  return toDevice(np.eye(n, options));
}

/**
 * `e ** x` elementwise on the GPU (float32).
 *
 * @param x a GPU array, a number or a 0-d array
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import * as np from "../np/mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   const y = await gpu.exp(gpu.array([0, 1])).toCpu();
 *   assert.ok(np.allclose(y, np.array([1, Math.E]), 1e-6));
 * }
 * ```
 */
export function exp(x: Operand): GpuArray {
  return floatFunction("exp", x);
}

/**
 * The natural logarithm elementwise on the GPU (float32).
 *
 * @param x a GPU array, a number or a 0-d array
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import * as np from "../np/mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   const y = await gpu.log(gpu.array([1, 4])).toCpu();
 *   assert.ok(np.allclose(y, np.array([0, Math.log(4)]), 1e-6));
 * }
 * ```
 */
export function log(x: Operand): GpuArray {
  return floatFunction("log", x);
}

/**
 * The sine elementwise on the GPU (float32).
 *
 * @param x a GPU array, a number or a 0-d array
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.equal((await gpu.sin(gpu.array([0])).toCpu()).toString(), "[0.]");
 * }
 * ```
 */
export function sin(x: Operand): GpuArray {
  return floatFunction("sin", x);
}

/**
 * The cosine elementwise on the GPU (float32).
 *
 * @param x a GPU array, a number or a 0-d array
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.equal((await gpu.cos(gpu.array([0])).toCpu()).toString(), "[1.]");
 * }
 * ```
 */
export function cos(x: Operand): GpuArray {
  return floatFunction("cos", x);
}

/**
 * The hyperbolic tangent elementwise on the GPU (float32).
 *
 * @param x a GPU array, a number or a 0-d array
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.equal((await gpu.tanh(gpu.array([0, 100])).toCpu()).toString(), "[0. 1.]");
 * }
 * ```
 */
export function tanh(x: Operand): GpuArray {
  return floatFunction("tanh", x);
}

/**
 * The square root elementwise on the GPU (float32).
 *
 * @param x a GPU array, a number or a 0-d array
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.equal((await gpu.sqrt(gpu.array([4, 9])).toCpu()).toString(), "[2. 3.]");
 * }
 * ```
 */
export function sqrt(x: Operand): GpuArray {
  return floatFunction("sqrt", x);
}

/**
 * `x * x` elementwise on the GPU.
 *
 * @param x a GPU array, a number or a 0-d array
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.equal((await gpu.square(gpu.array([-3, 2])).toCpu()).toString(), "[9. 4.]");
 * }
 * ```
 */
export function square(x: Operand): GpuArray {
  return unary("square", x);
}

/**
 * The larger of `x` and `y` elementwise on the GPU (NaN if either is), with broadcasting.
 *
 * @param x a GPU array, a number or a 0-d array
 * @param y a GPU array, a number or a 0-d array
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   assert.equal((await gpu.maximum(gpu.array([-1, 2]), 0.0).toCpu()).toString(), "[0. 2.]");
 * }
 * ```
 */
export function maximum(x: Operand, y: Operand): GpuArray {
  return binary("maximum", x, y);
}

/**
 * `a` limited to `[min, max]` elementwise on the GPU; the bounds are numbers or 0-d arrays.
 *
 * @param a the array on the GPU
 * @param min the lower bound
 * @param max the upper bound
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   const y = gpu.clip(gpu.array([-2, 0.5, 3]), 0, 1);
 *   assert.equal((await y.toCpu()).toString(), "[0.  0.5 1. ]");
 * }
 * ```
 */
export function clip(a: Operand, min: Operand, max: Operand): GpuArray {
  return clipImpl(onGpu("clip", a), min, max);
}

/**
 * `a` broadcast to `shape` on the GPU (a copy).
 *
 * @param a an array on the GPU, or a number
 * @param shape the shape to broadcast to
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   const y = gpu.broadcastTo(gpu.array([1, 2]), [2, 2]);
 *   assert.equal((await y.toCpu()).toString(), "[[1. 2.]\n [1. 2.]]");
 * }
 * ```
 */
export function broadcastTo(a: NDArray | number, shape: number | readonly number[]): GpuArray {
  const x = typeof a === "number" ? full([], a) : onGpu("broadcastTo", a);
  return broadcastToImpl(x, shape);
}

/**
 * Adds `b` into the float32 GPU array `a` at `index` in place, like `np.addAt` (repeated
 * positions add up). An index with GPU arrays takes integers and integer arrays for the leading
 * axes, as `a.get` does.
 *
 * @param a the array to add into
 * @param index the index entries
 * @param b the values, broadcast to the selected shape
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   const g = gpu.zeros([3], "float32");
 *   gpu.addAt(g, [[0, 0, 2]], 1);
 *   assert.equal((await g.toCpu()).toString(), "[2. 0. 1.]");
 * }
 * ```
 */
export function addAt(a: NDArray, index: readonly IndexItem[], b: Operand): void {
  addAtImpl(onGpu("addAt", a), index, b);
}

/**
 * Random arrays on the GPU: drawn from `np.random`'s generator (so `np.random.seed` seeds them
 * too, and a seeded run gets the CPU's numbers) and uploaded, as float32.
 *
 * @example
 * ```ts
 * import * as gpu from "./mod.ts";
 * import * as np from "../np/mod.ts";
 * import { init } from "../cuda.ts";
 * import assert from "node:assert/strict";
 * if (await init()) {
 *   np.random.seed(0);
 *   const r = await gpu.random.rand(3).toCpu();
 *   np.random.seed(0);
 *   assert.equal(r.toString(), np.random.rand(3).astype("float32").toString());
 * }
 * ```
 */
export const random: {
  /** Uniform numbers in `[0, 1)` of the given shape. */
  rand(...shape: number[]): GpuArray;
  /** Standard normal numbers of the given shape. */
  randn(...shape: number[]): GpuArray;
} = {
  rand(...shape: number[]): GpuArray {
    current();
    return toDevice(np.random.rand(...shape));
  },
  randn(...shape: number[]): GpuArray {
    current();
    return toDevice(np.random.randn(...shape));
  },
};
