/**
 * The book's `dezero/cuda.py` (step 52), on WebGPU: whether there is a GPU (`gpuEnable`), the
 * array module of an array (`getArrayModule`: `np`, or the GPU's module `gpu`, CuPy to this
 * port), and moving arrays between the two (`asNumpy`, `asGpu`, the book's `as_numpy` and
 * `as_cupy`). `Variable`, `Layer` and `DataLoader` have `toGpu()` and `toCpu()` on top of these.
 *
 * WebGPU answers two things asynchronously, where CUDA does not:
 *
 * - **Getting the device.** `navigator.gpu.requestAdapter()` returns a promise, so the book's
 *   import-time check `gpu_enable` becomes `await cuda.init()`, once, before anything moves to
 *   the GPU. Importing the package requests nothing (every step imports it, and most need no
 *   GPU).
 * - **Reading numbers back.** A buffer is mapped for reading with `mapAsync`. Everything else
 *   stays synchronous: an operation records a kernel and returns at once (as CuPy's launch
 *   does), and only reading a GPU array's numbers awaits: `await cuda.asNumpy(a)`,
 *   `await a.toCpu()`, `await x.toCpu()` for a Variable. The book's `float(loss.data)` is such a
 *   read, which CuPy performs synchronously.
 *
 * Memory on the GPU comes back when JavaScript's garbage collector frees the arrays, and that
 * happens between tasks: a training loop should await once in a while (step 52's awaits each
 * loss, as the book's loop reads each one).
 *
 * Without an adapter, `init()` resolves to `false`, `gpuEnable` stays false, and moving
 * anything to the GPU throws an error that says why; the CPU path is untouched.
 *
 * @example
 * ```ts
 * import { cuda, MLP, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[1, 2]], "float32"));
 * assert.equal(cuda.getArrayModule(x), np);
 * if (await cuda.init()) {
 *   const model = new MLP([3, 1]);
 *   x.toGpu();
 *   model.toGpu();
 *   const y = model.call(x); // computed on the GPU
 *   assert.equal(cuda.getArrayModule(y), cuda.gpu);
 *   await y.toCpu();
 *   assert.deepEqual(y.data?.shape, [1, 1]);
 * }
 * ```
 *
 * @module
 */

import { GpuArray, toDevice } from "./gpu/_array.ts";
import {
  type AdapterSummary,
  current,
  noAdapterReason,
  requestGpu,
  summary,
  synchronize as synchronizeDevice,
} from "./gpu/_device.ts";
import * as gpu from "./gpu/mod.ts";
import { describe } from "./np/_errors.ts";
import * as np from "./np/mod.ts";

export { gpu };
export type { AdapterSummary };

/**
 * Whether a GPU is ready: `false` until `await init()` finds an adapter (the book's
 * `cuda.gpu_enable`).
 *
 * @example
 * ```ts
 * import { cuda } from "./full.ts";
 * import assert from "node:assert/strict";
 * const found = await cuda.init();
 * assert.equal(cuda.gpuEnable, found);
 * ```
 */
export let gpuEnable = false;

/**
 * Asks WebGPU for an adapter and a device (once; later calls give the same answer) and resolves
 * to whether there is one, setting {@linkcode gpuEnable}. A software adapter (Mesa's llvmpipe,
 * SwiftShader) counts: it runs the kernels on the CPU, slowly, and {@linkcode adapter} says so.
 *
 * @param options `memoryLimit`: the most bytes the GPU's arrays may hold (default 4 GiB), since
 *   memory comes back only between tasks
 *
 * @example
 * ```ts
 * import { cuda } from "./full.ts";
 * import assert from "node:assert/strict";
 * const ok = await cuda.init();
 * assert.equal(typeof ok, "boolean");
 * assert.equal(cuda.adapter() === null, !ok);
 * ```
 */
export async function init(options: { memoryLimit?: number } = {}): Promise<boolean> {
  gpuEnable = (await requestGpu(options)) !== null;
  return gpuEnable;
}

/**
 * The adapter `init` found (its description, and whether it is a software one), or `null`.
 *
 * @example
 * ```ts
 * import { cuda } from "./full.ts";
 * import assert from "node:assert/strict";
 * if (await cuda.init()) assert.equal(typeof cuda.adapter()?.software, "boolean");
 * ```
 */
export function adapter(): AdapterSummary | null {
  return summary();
}

/**
 * What `getArrayModule` gives: the NumPy functions DeZero calls through `xp`, which both `np`
 * and `gpu` have.
 *
 * @example
 * ```ts
 * import { cuda, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const xp: cuda.ArrayModule = cuda.getArrayModule(np.array([1, 2]));
 * assert.equal(xp.exp(np.array(0)).item(), 1);
 * ```
 */
export interface ArrayModule {
  /** An array from values (`np.array`). */
  array: typeof np.array;
  /** Zeros (`np.zeros`). */
  zeros: typeof np.zeros;
  /** Zeros of an array's shape and dtype (`np.zerosLike`). */
  zerosLike: typeof np.zerosLike;
  /** Ones of an array's shape and dtype (`np.onesLike`). */
  onesLike: typeof np.onesLike;
  /** The identity matrix (`np.eye`). */
  eye: typeof np.eye;
  /** `e ** x` (`np.exp`). */
  exp: typeof np.exp;
  /** The natural logarithm (`np.log`). */
  log: typeof np.log;
  /** The sine (`np.sin`). */
  sin: typeof np.sin;
  /** The cosine (`np.cos`). */
  cos: typeof np.cos;
  /** The hyperbolic tangent (`np.tanh`). */
  tanh: typeof np.tanh;
  /** The square root (`np.sqrt`). */
  sqrt: typeof np.sqrt;
  /** `x * x` (`np.square`). */
  square: typeof np.square;
  /** The larger elementwise (`np.maximum`). */
  maximum: typeof np.maximum;
  /** Limits to `[min, max]` (`np.clip`). */
  clip: typeof np.clip;
  /** Broadcasts to a shape (`np.broadcastTo`). */
  broadcastTo: typeof np.broadcastTo;
  /** Adds at an index in place (`np.addAt`). */
  addAt: typeof np.addAt;
  /** Random arrays (`np.random.rand`, `np.random.randn`). */
  random: Pick<typeof np.random, "rand" | "randn">;
}

const GPU_MODULE: ArrayModule = gpu;

/** The array of `x`: a Variable's data (anything with `data` that is not an array), or `x`. */
function arrayOf(x: unknown): unknown {
  return x instanceof np.NDArray || typeof x !== "object" || x === null
    ? x
    : (x as { data?: unknown }).data;
}

/**
 * The array module for `x` (an array, a Variable or a number): `gpu` for an array on the GPU,
 * else `np` (the book's `get_array_module`). DeZero's functions compute with it,
 * `const xp = cuda.getArrayModule(x); xp.exp(x)`, so that they run where their input is.
 *
 * @param x an array, a Variable or a number
 *
 * @example
 * ```ts
 * import { cuda, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(cuda.getArrayModule(new Variable(np.array(1.0))), np);
 * assert.equal(cuda.getArrayModule(2), np);
 * ```
 */
export function getArrayModule(x: unknown): ArrayModule {
  return arrayOf(x) instanceof GpuArray ? GPU_MODULE : np;
}

/**
 * `x` on the CPU, once the GPU has computed it (the book's `as_numpy`, asynchronous: see the
 * module doc): a GPU array's copy, a CPU array itself, a number as a 0-d array. A Variable's
 * data is converted (the Variable is not changed: `await x.toCpu()` does that).
 *
 * @param x an array, a Variable or a number
 *
 * @example
 * ```ts
 * import { cuda, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal((await cuda.asNumpy(2)).toString(), "2.0");
 * if (await cuda.init()) {
 *   const a = cuda.asGpu(np.array([1, 2], "float32"));
 *   assert.equal((await cuda.asNumpy(a.mul(3))).toString(), "[3. 6.]");
 * }
 * ```
 */
export async function asNumpy(x: unknown): Promise<np.NDArray> {
  const a = arrayOf(x);
  if (np.isScalar(a)) return np.array(a);
  if (a instanceof GpuArray) return await a.toCpu();
  if (a instanceof np.NDArray) return a;
  throw new TypeError(`cuda.asNumpy() takes an array, a Variable or a number, not ${describe(a)}`);
}

/**
 * `x` on the GPU (the book's `as_cupy`): a copy of a CPU array (float64 as float32, the GPU's
 * float), a GPU array itself, a number as a 0-d array; a Variable's data is converted. Without
 * a GPU, an error that says why.
 *
 * @param x an array, a Variable or a number
 *
 * @example
 * ```ts
 * import { cuda, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * if (await cuda.init()) {
 *   const a = cuda.asGpu(np.array([1.5, 2]));
 *   assert.equal(a.dtype, "float32");
 *   assert.equal((await a.toCpu()).toString(), "[1.5 2. ]");
 * } else {
 *   assert.throws(() => cuda.asGpu(np.array([1.5, 2])), /no GPU/);
 * }
 * ```
 */
export function asGpu(x: unknown): GpuArray {
  if (!gpuEnable) throw noGpu("an array");
  current();
  const a = arrayOf(x);
  if (np.isScalar(a)) return toDevice(np.array(a));
  if (a instanceof np.NDArray) return toDevice(a);
  throw new TypeError(`cuda.asGpu() takes an array, a Variable or a number, not ${describe(a)}`);
}

/**
 * The error for moving `what` to the GPU when there is none: it says why (`init` not awaited,
 * no adapter) and that the CPU path needs nothing of it.
 *
 * @param what what was to move, for the message
 *
 * @example
 * ```ts
 * import { cuda } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.match(cuda.noGpu("the model").message, /cannot move the model to the GPU: no GPU/);
 * ```
 */
export function noGpu(what: string): Error {
  return new Error(
    `cannot move ${what} to the GPU: no GPU (${noAdapterReason()}). Without one, leave out ` +
      "toGpu(): DeZero computes on the CPU",
  );
}

/**
 * Waits until the GPU has run what was recorded, and throws what a kernel reported meanwhile (an
 * index out of range, an integer overflow), as CuPy's `Stream.synchronize()`. Awaiting it also
 * lets the memory of arrays no longer used come back (see the module doc).
 *
 * @example
 * ```ts
 * import { cuda } from "./full.ts";
 * await cuda.synchronize(); // nothing to wait for without a GPU
 * ```
 */
export async function synchronize(): Promise<void> {
  await synchronizeDevice();
}
