/**
 * Changing an array's shape: `reshape`, `transpose`, `swapaxes`, `flatten`, `ravel`, `squeeze`,
 * `expandDims`, `broadcastTo`, `pad` and `concatenate` (NumPy's "array manipulation routines").
 *
 * NumPy returns views where it can; this stand-in has no views, so: `reshape`, `ravel`,
 * `squeeze` and `expandDims` share the storage (as NumPy's views do, a write through one shows
 * in the other), while `transpose`, `swapaxes` and `broadcastTo`, whose NumPy views are not
 * contiguous, copy.
 *
 * @module
 */

import { allocate, castElement, type DType, resultType } from "./_dtypes.ts";
import { describe, ValueError } from "./_errors.ts";
import { transposeMatrix } from "./_gemm.ts";
import { broadcastCopy } from "./_loops.ts";
import {
  type Axis,
  checkShape,
  EMPTY_SHAPE,
  NDArray,
  normalizeAxes,
  normalizeAxis,
  shapeSize,
  shapeText,
  stridesOf,
} from "./_ndarray.ts";

function checkArray(fn: string, a: unknown): asserts a is NDArray {
  if (!(a instanceof NDArray)) {
    throw new TypeError(`np.${fn}() takes an NDArray, not ${describe(a)}`);
  }
}

/** `a`'s storage under another shape of the same size (no copy). */
function sameStorage(a: NDArray, shape: readonly number[]): NDArray {
  const e = a.elements;
  if (shape.length === 0) {
    return new NDArray(EMPTY_SHAPE, a.dtype, typeof e === "number" ? e : e[0]);
  }
  return new NDArray(shape, a.dtype, a.data);
}

/** The dimensions of a variadic shape argument: `f(2, 3)` or `f([2, 3])`. */
function dimsOf(args: readonly unknown[]): unknown {
  return args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
}

/**
 * The same elements in another shape, like `np.reshape` (sharing `a`'s storage): one dimension
 * may be -1, to be inferred.
 *
 * @param a the array
 * @param shape the new dimensions, as numbers or one array
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.reshape(np.arange(6), [3, -1]).toString(), "[[0 1]\n [2 3]\n [4 5]]");
 * assert.throws(() => np.reshape(np.arange(6), [4]), /cannot reshape array of size 6 into shape \(4,\)/);
 * ```
 */
export function reshape(a: NDArray, ...shape: number[] | [readonly number[]]): NDArray {
  checkArray("reshape", a);
  return sameStorage(a, reshapeDims(a.size, shape));
}

/**
 * The dimensions `reshape` gives `size` elements for a shape argument (`2, 3` or `[2, -1]`),
 * with NumPy's errors; shared with the GPU's arrays.
 *
 * @param size the number of elements
 * @param shape the new dimensions, as numbers or one array
 */
export function reshapeDims(size: number, shape: number[] | [readonly number[]]): number[] {
  const wanted = dimsOf(shape);
  // A negative dimension (NumPy takes any, not only -1) passes the shape check as a 0; it is
  // inferred below.
  const unknown = (d: unknown) => typeof d === "number" && d < 0;
  const asked = checkShape(
    Array.isArray(wanted) ? wanted.map((d) => (unknown(d) ? 0 : d)) : wanted,
    "reshape",
  )
    .map((d, i) => (Array.isArray(wanted) && unknown(wanted[i]) ? -1 : d));
  if (asked.filter((d) => d === -1).length > 1) {
    throw new ValueError("can only specify one unknown dimension");
  }
  const known = shapeSize(asked.filter((d) => d !== -1));
  const dims = asked.map((d) => (d === -1 ? (known === 0 ? -1 : size / known) : d));
  if (!dims.every((d) => Number.isInteger(d) && d >= 0) || shapeSize(dims) !== size) {
    throw new ValueError(`cannot reshape array of size ${size} into shape ${askedText(asked)}`);
  }
  return dims;
}

/** A shape asked of reshape as NumPy's message prints it: `(2,newaxis)`, leading unknowns left out. */
function askedText(dims: readonly number[]): string {
  const start = dims.findIndex((d) => d !== -1);
  if (start < 0) return "()";
  const words = dims.slice(start).map((d) => (d === -1 ? "newaxis" : String(d)));
  return start + words.length === 1 ? `(${words[0]},)` : `(${words.join(",")})`;
}

/** From this many elements, a float matrix's transpose runs in WebAssembly (transposeMatrix). */
const WASM_TRANSPOSE = 64;

/**
 * Copies `src` (of `shape`) into `out` with its axes permuted: output axis `k` is input axis
 * `perm[k]`. An odometer walks the outer output axes; the innermost runs a strided loop. (A large
 * float matrix's transpose goes to WebAssembly, as `matmul`'s backward pass makes many.)
 */
export function permute(
  src: ArrayLike<number>,
  shape: readonly number[],
  perm: readonly number[],
  out: { [i: number]: number; length: number },
): void {
  const n = out.length;
  if (n === 0) return;
  if (
    perm.length === 2 && perm[0] === 1 && n >= WASM_TRANSPOSE &&
    ((src instanceof Float64Array && out instanceof Float64Array) ||
      (src instanceof Float32Array && out instanceof Float32Array)) &&
    transposeMatrix(shape[0], shape[1], src, out)
  ) {
    return;
  }
  const inStrides = stridesOf(shape);
  const dims = perm.map((p) => shape[p]);
  const strides = perm.map((p) => inStrides[p]);
  const last = dims.length - 1;
  if (last < 0) {
    out[0] = src[0];
    return;
  }
  const inner = dims[last];
  const step = strides[last];
  const index = new Array<number>(last).fill(0);
  let base = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0, i = base; j < inner; j++, i += step) out[o + j] = src[i];
    for (let axis = last - 1; axis >= 0; axis--) {
      base += strides[axis];
      if (++index[axis] < dims[axis]) break;
      base -= strides[axis] * dims[axis];
      index[axis] = 0;
    }
  }
}

/** The axes of a permutation given by a user, checked: each axis once. */
function checkPermutation(axes: readonly unknown[], ndim: number): number[] {
  if (axes.length !== ndim) throw new ValueError("axes don't match array");
  const perm = axes.map((axis) => normalizeAxis(axis, ndim, "transpose"));
  if (new Set(perm).size !== ndim) throw new ValueError("repeated axis in transpose");
  return perm;
}

/**
 * The permutation `transpose` applies for an axes argument (none: reversed), checked; shared
 * with the GPU's arrays.
 *
 * @param ndim the number of dimensions
 * @param axes the new order of the axes, as numbers or one array (none: reversed)
 */
export function transposeAxes(ndim: number, axes: number[] | [readonly number[]]): number[] {
  const list = dimsOf(axes) as unknown[];
  return list.length === 0
    ? Array.from({ length: ndim }, (_, i) => ndim - 1 - i)
    : checkPermutation(list, ndim);
}

/**
 * The axes permuted, like `np.transpose` (a copy): reversed by default, else in the order given.
 *
 * @param a the array
 * @param axes the new order of the axes (default: reversed), as numbers or one array
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.transpose(np.array([[1, 2, 3], [4, 5, 6]])).toString(), "[[1. 4.]\n [2. 5.]\n [3. 6.]]");
 * ```
 */
export function transpose(a: NDArray, ...axes: number[] | [readonly number[]]): NDArray {
  checkArray("transpose", a);
  const perm = transposeAxes(a.ndim, axes);
  if (a.ndim < 2) return a.copy();
  const out = allocate(a.dtype, a.size);
  permute(a.data, a.shape, perm, out);
  return new NDArray(perm.map((p) => a.shape[p]), a.dtype, out);
}

/**
 * The array with two axes interchanged, like `np.swapaxes` (a copy).
 *
 * @param a the array
 * @param axis1 one axis
 * @param axis2 the other
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(np.swapaxes(np.zeros([2, 3, 4]), 0, 2).shape, [4, 3, 2]);
 * ```
 */
export function swapaxes(a: NDArray, axis1: number, axis2: number): NDArray {
  checkArray("swapaxes", a);
  const perm = Array.from({ length: a.ndim }, (_, i) => i);
  const i = normalizeAxis(axis1, a.ndim, "swapaxes", "axis1");
  const j = normalizeAxis(axis2, a.ndim, "swapaxes", "axis2");
  [perm[i], perm[j]] = [perm[j], perm[i]];
  return transpose(a, perm);
}

/**
 * A 1-d copy of the array, like NumPy's `flatten`.
 *
 * @param a the array
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.flatten(np.array([[1, 2], [3, 4]])).toString(), "[1. 2. 3. 4.]");
 * ```
 */
export function flatten(a: NDArray): NDArray {
  checkArray("flatten", a);
  return new NDArray([a.size], a.dtype, a.data.slice());
}

/**
 * The elements as a 1-d array sharing `a`'s storage, like `np.ravel`.
 *
 * @param a the array
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(np.ravel(np.zeros([2, 3])).shape, [6]);
 * ```
 */
export function ravel(a: NDArray): NDArray {
  checkArray("ravel", a);
  return sameStorage(a, [a.size]);
}

/**
 * The array without its axes of size 1 (or only those of `axis`), like `np.squeeze`.
 *
 * @param a the array
 * @param axis the axes to remove, which must have size 1 (default: all axes of size 1)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(np.squeeze(np.zeros([1, 3, 1]), 0).shape, [3, 1]);
 * ```
 */
export function squeeze(a: NDArray, axis: Axis = null): NDArray {
  checkArray("squeeze", a);
  return sameStorage(a, squeezedShape(a.shape, axis));
}

/**
 * The shape `squeeze` leaves, checked; shared with the GPU's arrays.
 *
 * @param shape the array's shape
 * @param axis the axes to remove (default: all axes of size 1)
 */
export function squeezedShape(shape: readonly number[], axis: Axis = null): readonly number[] {
  // NumPy's 0-d arrays take the single axis 0 or -1 (as in its reductions).
  if (shape.length === 0 && (axis === 0 || axis === -1)) return EMPTY_SHAPE;
  const axes = axis === null
    ? shape.flatMap((d, i) => (d === 1 ? [i] : []))
    : normalizeAxes(axis, shape.length, "squeeze");
  for (const i of axes) {
    if (shape[i] !== 1) {
      throw new ValueError("cannot select an axis to squeeze out which has size not equal to one");
    }
  }
  return shape.filter((_, i) => !axes.includes(i));
}

/**
 * The array with a new axis of size 1 at `axis` (or at each of several), like `np.expand_dims`.
 *
 * @param a the array
 * @param axis where the new axis goes in the result (negative counts from its end)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(np.expandDims(np.zeros([3]), 0).shape, [1, 3]);
 * assert.deepEqual(np.expandDims(np.zeros([3]), [0, -1]).shape, [1, 3, 1]);
 * ```
 */
export function expandDims(a: NDArray, axis: number | readonly number[]): NDArray {
  checkArray("expandDims", a);
  const ndim = a.ndim + (Array.isArray(axis) ? axis.length : 1);
  const axes = (Array.isArray(axis) ? axis : [axis]).map((i) =>
    normalizeAxis(i, ndim, "expandDims")
  );
  if (new Set(axes).size !== axes.length) throw new ValueError("repeated axis");
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < ndim; i++) shape.push(axes.includes(i) ? 1 : a.shape[k++]);
  return sameStorage(a, shape);
}

/**
 * The array broadcast to `shape` (a copy), like `np.broadcast_to`.
 *
 * @param a the array (or a number)
 * @param shape the shape to broadcast to
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.broadcastTo(np.array([1, 2]), [2, 2]).toString(), "[[1. 2.]\n [1. 2.]]");
 * ```
 */
export function broadcastTo(a: NDArray | number, shape: number | readonly number[]): NDArray {
  const x = typeof a === "number" ? new NDArray(EMPTY_SHAPE, "float64", a) : a;
  checkArray("broadcastTo", x);
  const dims = broadcastToShape(x.shape, shape);
  if (dims.length === 0) return x.copy();
  const out = allocate(x.dtype, shapeSize(dims));
  broadcastCopy(x.data, x.shape, out, dims);
  return new NDArray(dims, x.dtype, out);
}

/**
 * The shape `broadcastTo` gives an array of `xShape`, checked with NumPy's errors; shared with
 * the GPU's arrays.
 *
 * @param xShape the array's shape
 * @param shape the shape to broadcast to
 */
export function broadcastToShape(
  xShape: readonly number[],
  shape: number | readonly number[],
): number[] {
  if (Array.isArray(shape) && shape.some((d) => typeof d === "number" && d < 0)) {
    throw new ValueError("all elements of broadcast shape must be non-negative");
  }
  const dims = checkShape(shape, "broadcastTo");
  const ndim = xShape.length;
  if (ndim > dims.length) {
    throw new ValueError("input operand has more dimensions than allowed by the axis remapping");
  }
  let ok = true;
  for (let i = 1; ok && i <= ndim; i++) {
    const d = xShape[ndim - i];
    ok = d === 1 || d === dims[dims.length - i];
  }
  if (!ok) {
    throw new ValueError(
      "operands could not be broadcast together with remapped shapes [original->remapped]: " +
        `${shapeText(xShape)}  and requested shape ${shapeText(dims)}`,
    );
  }
  return dims;
}

/** How much to pad: one number for all, `[before, after]` for all, or one pair per axis. */
export type PadWidth = number | readonly [number, number] | readonly (readonly [number, number])[];

/**
 * The array padded with a constant, like `np.pad(a, padWidth, mode="constant")`.
 *
 * @param a the array
 * @param padWidth the widths: `n`, `[before, after]`, or `[[before, after], ...]` per axis
 * @param options `constantValues`: the value to pad with (default 0)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.pad(np.array([1, 2], "int64"), [1, 2]).toString(), "[0 1 2 0 0]");
 * ```
 */
export function pad(
  a: NDArray,
  padWidth: PadWidth,
  options: { constantValues?: number } = {},
): NDArray {
  checkArray("pad", a);
  const { constantValues = 0 } = options;
  const widths = padWidths(padWidth, a.ndim);
  const shape = a.shape.map((d, i) => d + widths[i][0] + widths[i][1]);
  const out = allocate(a.dtype, shapeSize(shape));
  // NumPy makes the value an array (int64 or float64) and casts it as astype does: 2.7 pads an
  // int64 array with 2, 300 a uint8 one with 44.
  const from = Number.isInteger(constantValues) ? "int64" : "float64";
  const fill = castElement(constantValues, from, a.dtype);
  if (fill !== 0) out.fill(fill);
  copyInto(a, out, shape, widths.map((w) => w[0]));
  return new NDArray(shape, a.dtype, out);
}

function padWidths(padWidth: PadWidth, ndim: number): [number, number][] {
  const bad = () =>
    new ValueError(
      `np.pad()'s padWidth must be n, [before, after] or one [before, after] per axis (${ndim}), ` +
        `of non-negative integers; got ${JSON.stringify(padWidth)}`,
    );
  const pair = (p: unknown): [number, number] => {
    if (typeof p === "number") return [p, p];
    if (Array.isArray(p) && p.length === 2) return [p[0], p[1]];
    if (Array.isArray(p) && p.length === 1) return [p[0], p[0]];
    throw bad();
  };
  let widths: [number, number][];
  if (!Array.isArray(padWidth)) widths = new Array(ndim).fill(pair(padWidth));
  else if (padWidth.every((p) => typeof p === "number")) {
    widths = new Array(ndim).fill(pair(padWidth));
  } else if (padWidth.length === ndim) widths = padWidth.map(pair);
  else if (padWidth.length === 1) widths = new Array(ndim).fill(pair(padWidth[0]));
  else {
    throw new ValueError(
      "operands could not be broadcast together with remapped shapes [original->remapped]: " +
        `(${padWidth.length},2)  and requested shape (${ndim},2)`,
    );
  }
  if (!widths.every((w) => w.every((v) => Number.isInteger(v)))) throw bad();
  if (widths.some((w) => w.some((v) => v < 0))) {
    throw new ValueError("index can't contain negative values");
  }
  return widths;
}

/** Copies all of `a` into `out` (of `shape`) starting at the multi-index `offset`. */
function copyInto(
  a: NDArray,
  out: { set(src: ArrayLike<number>, offset: number): void },
  shape: readonly number[],
  offset: readonly number[],
): void {
  const n = a.size;
  if (n === 0) return;
  const src = a.data;
  if (a.ndim === 0) {
    out.set(src, 0);
    return;
  }
  const strides = stridesOf(shape);
  const last = a.ndim - 1;
  const row = a.shape[last];
  const index = new Array<number>(last).fill(0);
  let base = offset.reduce((s, o, i) => s + o * strides[i], 0);
  for (let i = 0; i < n; i += row) {
    out.set(src.subarray(i, i + row), base);
    for (let axis = last - 1; axis >= 0; axis--) {
      base += strides[axis];
      if (++index[axis] < a.shape[axis]) break;
      base -= strides[axis] * a.shape[axis];
      index[axis] = 0;
    }
  }
}

/**
 * The arrays joined along an existing axis, like `np.concatenate` (dtypes promote).
 *
 * @param arrays the arrays, of equal shapes except along `axis`
 * @param options `axis`: the axis to join along (default 0), or `null` to join them flattened
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const a = np.array([[1, 2]]);
 * assert.equal(np.concatenate([a, a], { axis: 1 }).toString(), "[[1. 2. 1. 2.]]");
 * ```
 */
export function concatenate(
  arrays: readonly NDArray[],
  options: { axis?: number | null } = {},
): NDArray {
  if (!Array.isArray(arrays) || arrays.length === 0) {
    throw new ValueError("need at least one array to concatenate");
  }
  arrays.forEach((a) => checkArray("concatenate", a));
  if (options.axis === null) return concatenate(arrays.map(ravel));
  const first = arrays[0];
  if (first.ndim === 0) throw new ValueError("zero-dimensional arrays cannot be concatenated");
  const axis = normalizeAxis(options.axis ?? 0, first.ndim, "concatenate");
  for (const [k, a] of arrays.entries()) {
    if (a.ndim !== first.ndim) {
      throw new ValueError(
        "all the input arrays must have same number of dimensions, but the array at index 0 " +
          `has ${first.ndim} dimension(s) and the array at index ${k} has ${a.ndim} dimension(s)`,
      );
    }
    for (let i = 0; i < a.ndim; i++) {
      if (i !== axis && a.shape[i] !== first.shape[i]) {
        throw new ValueError(
          "all the input array dimensions except for the concatenation axis must match " +
            `exactly, but along dimension ${i}, the array at index 0 has size ` +
            `${first.shape[i]} and the array at index ${k} has size ${a.shape[i]}`,
        );
      }
    }
  }
  const dtype: DType = resultType(arrays);
  const shape = [...first.shape];
  shape[axis] = arrays.reduce((s, a) => s + a.shape[axis], 0);
  const out = allocate(dtype, shapeSize(shape));
  let at = 0;
  for (const a of arrays) {
    const offset = new Array<number>(shape.length).fill(0);
    offset[axis] = at;
    copyInto(a, out, shape, offset);
    at += a.shape[axis];
  }
  return new NDArray(shape, dtype, out);
}

const proto = NDArray.prototype;
proto.reshape = function (this: NDArray, ...shape: number[] | [readonly number[]]): NDArray {
  return reshape(this, ...shape);
};
proto.transpose = function (this: NDArray, ...axes: number[] | [readonly number[]]): NDArray {
  return transpose(this, ...axes);
};
proto.flatten = function (this: NDArray): NDArray {
  return flatten(this);
};
proto.squeeze = function (this: NDArray, axis: Axis = null): NDArray {
  return squeeze(this, axis);
};
