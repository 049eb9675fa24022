/**
 * Indexing: `x.get(...index)` is NumPy's `x[index]`, `x.set(...index, value)` is
 * `x[index] = value`, and `np.addAt(a, index, b)` is `np.add.at(a, index, b)`.
 *
 * An index is a list of entries, as NumPy's tuple: integers (negative count from the end),
 * slices, written `np.slice(start, stop, step)` (NumPy's `start:stop:step`; `null` or a missing
 * argument takes the default, so `np.slice()` is `:` and `np.slice(1)` is `1:`), `np.newaxis`,
 * `np.ellipsis`, and index arrays: int or bool NDArrays, or (nested) JavaScript lists of
 * integers or booleans. NumPy's rules apply: with no index array the result is basic indexing's;
 * index arrays (and the integers beside them) broadcast together, and their result axes go where
 * they stand when they stand together, else first.
 *
 * Every index is resolved to the flat offsets it selects; `get` copies those elements, `set`
 * writes them, `addAt` adds into them (repeated offsets add up, as `np.add.at` promises).
 *
 * @module
 */

import { allocate, assignedElement, castElement, type DType, resultType } from "./_dtypes.ts";
import { describe, IndexError, ValueError } from "./_errors.ts";
import { broadcastCopy, broadcastShapes } from "./_loops.ts";
import {
  EMPTY_SHAPE,
  type IndexItem,
  type IndexList,
  NDArray,
  type Operand,
  shapeSize,
  shapeText,
  type SliceLike,
  stridesOf,
} from "./_ndarray.ts";

/**
 * A slice, NumPy's `start:stop:step`; make one with {@linkcode slice}.
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.ok(np.slice(1) instanceof np.Slice);
 * ```
 */
export class Slice implements SliceLike {
  /**
   * @param start the first index, or `null`
   * @param stop the index to stop before, or `null`
   * @param step the step, or `null` for 1
   */
  constructor(
    readonly start: number | null,
    readonly stop: number | null,
    readonly step: number | null,
  ) {}

  /** `start:stop:step` as Python writes it. */
  toString(): string {
    const part = (v: number | null) => (v === null ? "" : String(v));
    return `${part(this.start)}:${part(this.stop)}${this.step === null ? "" : `:${this.step}`}`;
  }
}

/**
 * NumPy's slice `start:stop:step` for `x.get(...)` and `x.set(...)`. Arguments left out or `null`
 * take the defaults: `np.slice()` is `:`, `np.slice(1)` is `1:` (Python's one-argument
 * `slice(1)` would be `:1`), `np.slice(null, 3)` is `:3`, `np.slice(null, null, -1)` is `::-1`.
 *
 * @param start the first index (negative counts from the end)
 * @param stop the index to stop before
 * @param step the step (not 0; negative walks backwards)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = np.arange(6);
 * assert.equal(x.get(np.slice(1, null, 2)).toString(), "[1 3 5]");
 * assert.equal(x.get(np.slice(null, null, -1)).toString(), "[5 4 3 2 1 0]");
 * ```
 */
export function slice(
  start: number | null = null,
  stop: number | null = null,
  step: number | null = null,
): Slice {
  for (const v of [start, stop, step]) {
    if (v !== null && (typeof v !== "number" || !Number.isInteger(v))) {
      throw new TypeError(
        `slice indices must be integers or None or have an __index__ method, got ${describe(v)}`,
      );
    }
  }
  if (step === 0) throw new ValueError("slice step cannot be zero");
  return new Slice(start, stop, step);
}

/**
 * NumPy's `np.newaxis` (Python's `None` in an index): a new axis of size 1.
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(np.arange(3).get(np.slice(), np.newaxis).shape, [3, 1]);
 * ```
 */
export const newaxis: null = null;

/**
 * NumPy's `...` in an index: as many `:` as the other entries leave axes.
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(np.zeros([2, 3, 4]).get(np.ellipsis, 0).shape, [2, 3]);
 * ```
 */
export const ellipsis: unique symbol = Symbol("...");

const VALID =
  "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or " +
  "boolean arrays are valid indices";

/** An index array, checked: integer positions, or a bool mask. */
interface IndexArray {
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
  readonly bool: boolean;
}

function isSlice(v: unknown): v is SliceLike {
  return v instanceof Slice ||
    (typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof NDArray) &&
      "start" in v && "stop" in v && "step" in v);
}

/** An index array from an NDArray or a (nested) list, or an error in NumPy's words. */
function indexArray(v: NDArray | IndexList): IndexArray {
  if (v instanceof NDArray) {
    if (v.dtype === "float64" || v.dtype === "float32") {
      throw new IndexError(
        `arrays used as indices must be of integer (or boolean) type, not ${v.dtype}: convert ` +
          `with .astype("int64")`,
      );
    }
    return { shape: v.shape, values: v.data, bool: v.dtype === "bool" };
  }
  const shape: number[] = [];
  for (let level: unknown = v; Array.isArray(level); level = level[0]) shape.push(level.length);
  const flat = (v as unknown[]).flat(Infinity) as unknown[];
  if (flat.length !== shapeSize(shape)) {
    throw new IndexError(`an index list must be rectangular, like an array: ${JSON.stringify(v)}`);
  }
  const bool = flat.length > 0 && flat.every((x) => typeof x === "boolean");
  const values = flat.map((x) => {
    if (typeof x === "boolean" && bool) return x ? 1 : 0;
    if (typeof x !== "number" || !Number.isInteger(x)) {
      throw new IndexError(`${VALID}; the list holds ${describe(x)}`);
    }
    return x;
  });
  return { shape, values, bool };
}

/** Whether an index array is a bool mask over all `ndim` axes. */
function isMaskOf(a: IndexArray, ndim: number): boolean {
  return a.bool && a.shape.length === ndim;
}

/** A slice's start, step and length on an axis of `n`, as Python's `slice.indices(n)`. */
function sliceRange(s: SliceLike, n: number): [number, number, number] {
  const step = s.step ?? 1;
  if (step === 0) throw new ValueError("slice step cannot be zero");
  const lower = step < 0 ? -1 : 0;
  const upper = step < 0 ? n - 1 : n;
  const clamp = (v: number | null, fallback: number) => {
    if (v === null) return fallback;
    const w = v < 0 ? v + n : v;
    return Math.min(Math.max(w, lower), upper);
  };
  const start = clamp(s.start, step < 0 ? upper : lower);
  const stop = clamp(s.stop, step < 0 ? lower : upper);
  const length = step < 0
    ? (stop < start ? Math.floor((start - stop - 1) / -step) + 1 : 0)
    : (start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0);
  return [start, step, length];
}

/** An axis of the selection: a strided axis of the source, or the index arrays' offsets. */
type Part =
  | { readonly size: number; readonly stride: number }
  | { readonly size: number; readonly offsets: Float64Array };

/** What an index selects: the result's shape and the parts that give each element's offset. */
interface Selection {
  readonly shape: number[];
  readonly base: number;
  readonly parts: Part[];
}

/** Resolves `index` on an array of `shape` (NumPy's rules, see the module doc). */
function select(shape: readonly number[], index: readonly unknown[]): Selection {
  // Expand the ellipsis and bool masks into per-axis entries; count the axes used.
  const ellipses = index.filter((v) => v === ellipsis).length;
  if (ellipses > 1) throw new IndexError("an index can only have a single ellipsis ('...')");
  type Entry =
    | { kind: "int"; value: number }
    | { kind: "slice"; value: SliceLike }
    | { kind: "new" }
    | { kind: "array"; value: IndexArray };
  const entries: (Entry | typeof ellipsis)[] = index.map((v): Entry | typeof ellipsis => {
    if (v === ellipsis) return ellipsis;
    if (v === null) return { kind: "new" };
    if (typeof v === "number") {
      if (!Number.isInteger(v)) throw new IndexError(`${VALID}; got ${v}`);
      return { kind: "int", value: v };
    }
    if (isSlice(v)) return { kind: "slice", value: v };
    if (v instanceof NDArray || Array.isArray(v)) {
      const a = indexArray(v as NDArray | IndexList);
      if (a.bool && a.shape.length === 0) {
        throw new IndexError("a 0-d boolean index is not supported: index with a 1-d mask");
      }
      // A 0-d integer array is an integer to NumPy (basic indexing, unless arrays stand beside).
      if (a.shape.length === 0) return { kind: "int", value: a.values[0] };
      return { kind: "array", value: a };
    }
    throw new IndexError(
      `${VALID}, not ${describe(v)}` +
        (typeof v === "boolean" ? " (a single boolean is not supported; use a bool array)" : "") +
        (v === undefined ? " (an entry is undefined)" : ""),
    );
  });
  const used = entries.reduce(
    (n, e) =>
      e === ellipsis || e.kind === "new"
        ? n
        : n + (e.kind === "array" && e.value.bool ? e.value.shape.length : 1),
    0,
  );
  if (used > shape.length) {
    throw new IndexError(
      `too many indices for array: array is ${shape.length}-dimensional, but ${used} were indexed`,
    );
  }
  // The ellipsis stands for the axes no entry uses; without one, they follow the entries.
  const rest: Entry[] = Array.from({ length: shape.length - used }, () => ({
    kind: "slice",
    value: ALL,
  }));
  const full: Entry[] = ellipses === 0
    ? [...entries as Entry[], ...rest]
    : entries.flatMap((e) => (e === ellipsis ? rest : [e]));

  // Walk the entries over the source axes: basic ones give parts, index arrays are gathered.
  const strides = stridesOf(shape);
  const hasArrays = full.some((e) => e.kind === "array");
  let base = 0;
  let axis = 0;
  const basicBefore: Part[] = [];
  const basicAfter: Part[] = [];
  const arrays: { values: ArrayLike<number>; shape: readonly number[]; axis: number }[] = [];
  let arraysStart = -1; // where the arrays stand among the entries
  let together = true;
  let lastArray = -1;
  for (const [k, e] of full.entries()) {
    const isAdvanced = e.kind === "array" || (hasArrays && e.kind === "int");
    if (isAdvanced) {
      if (arraysStart < 0) arraysStart = k;
      else if (lastArray !== k - 1) together = false;
      lastArray = k;
    }
    const target = arraysStart < 0 ? basicBefore : basicAfter;
    if (e.kind === "new") {
      target.push({ size: 1, stride: 0 });
    } else if (e.kind === "slice") {
      const [start, step, length] = sliceRange(e.value, shape[axis]);
      base += start * strides[axis];
      target.push({ size: length, stride: step * strides[axis] });
      axis++;
    } else if (e.kind === "int" && !hasArrays) {
      base += checkBounds(e.value, shape[axis], axis) * strides[axis];
      axis++;
    } else if (e.kind === "int") {
      arrays.push({ values: [e.value], shape: EMPTY_SHAPE, axis: axis++ });
    } else if (e.kind === "array" && e.value.bool) {
      // A mask over the next axes: the positions of its true elements, one array per axis.
      const mask = e.value;
      const dims = mask.shape;
      for (let d = 0; d < dims.length; d++) {
        if (dims[d] !== shape[axis + d]) {
          throw new IndexError(
            `boolean index did not match indexed array along axis ${axis + d}; size of axis ` +
              `is ${shape[axis + d]} but size of corresponding boolean axis is ${dims[d]}`,
          );
        }
      }
      const positions = nonzero(mask.values, dims);
      for (let d = 0; d < dims.length; d++) {
        arrays.push({ values: positions[d], shape: [positions[d].length], axis: axis + d });
      }
      axis += dims.length;
    } else if (e.kind === "array") {
      arrays.push({ values: e.value.values, shape: e.value.shape, axis: axis++ });
    }
  }

  if (arrays.length === 0) {
    return { shape: basicBefore.map((p) => p.size), base, parts: basicBefore };
  }
  // The index arrays broadcast together; each result position gets the sum of their offsets.
  let arrayShape: readonly number[] = EMPTY_SHAPE;
  for (const a of arrays) {
    try {
      arrayShape = broadcastShapes(arrayShape, a.shape);
    } catch {
      throw new IndexError(
        "shape mismatch: indexing arrays could not be broadcast together with shapes " +
          // The integers beside the arrays are not named.
          arrays.filter((x) => x.shape.length > 0).map((x) => shapeText(x.shape)).join(" ") + " ",
      );
    }
  }
  const count = shapeSize(arrayShape);
  const offsets = new Float64Array(count);
  const spread = new Float64Array(count);
  for (const a of arrays) {
    broadcastCopy(Float64Array.from(a.values), a.shape, spread, arrayShape);
    const n = shape[a.axis];
    for (let i = 0; i < count; i++) {
      offsets[i] += checkBounds(spread[i], n, a.axis) * strides[a.axis];
    }
  }
  const group: Part = { size: count, offsets };
  const parts = together
    ? [...basicBefore, group, ...basicAfter]
    : [group, ...basicBefore, ...basicAfter];
  const resultShape = together
    ? [...basicBefore.map((p) => p.size), ...arrayShape, ...basicAfter.map((p) => p.size)]
    : [...arrayShape, ...basicBefore.map((p) => p.size), ...basicAfter.map((p) => p.size)];
  return { shape: resultShape, base, parts };
}

const ALL = new Slice(null, null, null);

/** `i` as a position on an axis of `n` (negative from the end), or NumPy's IndexError. */
function checkBounds(i: number, n: number, axis: number): number {
  if (i < -n || i >= n) {
    throw new IndexError(`index ${i} is out of bounds for axis ${axis} with size ${n}`);
  }
  return i < 0 ? i + n : i;
}

/** The multi-indices of the true elements of a mask of `shape`, one list per axis. */
function nonzero(values: ArrayLike<number>, shape: readonly number[]): Float64Array[] {
  const hits: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) hits.push(i);
  const strides = stridesOf(shape);
  return shape.map((d, axis) => Float64Array.from(hits, (h) => Math.floor(h / strides[axis]) % d));
}

/** Calls `visit(offset)` for each selected element, in the result's C order. */
function forEachOffset(sel: Selection, visit: (offset: number, i: number) => void): void {
  const { parts, base } = sel;
  const total = parts.reduce((n, p) => n * p.size, 1);
  if (total === 0) return;
  const index = new Array<number>(parts.length).fill(0);
  const offsetOf = (p: Part, i: number) => ("stride" in p ? i * p.stride : p.offsets[i]);
  for (let i = 0; i < total; i++) {
    let offset = base;
    for (let k = 0; k < parts.length; k++) offset += offsetOf(parts[k], index[k]);
    visit(offset, i);
    for (let k = parts.length - 1; k >= 0; k--) {
      if (++index[k] < parts[k].size) break;
      index[k] = 0;
    }
  }
}

/**
 * What `a.get(...index)` selects from an array of `shape`, by NumPy's rules and with its errors:
 * the result's shape and, in its C order, the storage offset of each element taken. Shared with
 * the GPU's arrays, which gather on the device.
 *
 * @param shape the indexed array's shape
 * @param index the index entries, as `get` takes them
 */
export function selectionOffsets(
  shape: readonly number[],
  index: readonly unknown[],
): { shape: number[]; offsets: Float64Array } {
  const sel = select(shape, index);
  const offsets = new Float64Array(shapeSize(sel.shape));
  forEachOffset(sel, (offset, i) => {
    offsets[i] = offset;
  });
  return { shape: sel.shape, offsets };
}

function checkArray(fn: string, a: unknown): asserts a is NDArray {
  if (!(a instanceof NDArray)) {
    throw new TypeError(`np.${fn}() takes an NDArray, not ${describe(a)}`);
  }
}

/**
 * `a[i, j, ...]` for integers in range only (a dataset's `x[i]`, the most frequent index): the
 * contiguous block they select, copied without resolving a selection; null for anything else,
 * which `select` handles, errors included.
 */
function leadingIntegers(a: NDArray, index: readonly IndexItem[]): NDArray | null {
  const shape = a.shape;
  if (index.length === 0 || index.length > shape.length) return null;
  let offset = 0;
  for (let axis = 0; axis < index.length; axis++) {
    let i = index[axis];
    const size = shape[axis];
    if (typeof i !== "number" || !Number.isInteger(i) || i < -size || i >= size) return null;
    if (i < 0) i += size;
    offset = offset * size + i;
  }
  const rest = shape.slice(index.length);
  const count = shapeSize(rest);
  offset *= count;
  const src = a.data;
  if (rest.length === 0) return new NDArray(EMPTY_SHAPE, a.dtype, src[offset]);
  const out = allocate(a.dtype, count);
  if (count > 64) out.set(src.subarray(offset, offset + count));
  else for (let k = 0; k < count; k++) out[k] = src[offset + k]; // cheaper than a view
  return new NDArray(rest, a.dtype, out);
}

/**
 * `a[index]`, like NumPy's indexing (a copy; see the module doc).
 *
 * @param a the array
 * @param index the index entries
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const logP = np.array([[0.1, 0.2, 0.7], [0.5, 0.4, 0.1]]);
 * assert.equal(np.getItem(logP, np.arange(2), [2, 0]).toString(), "[0.7 0.5]");
 * ```
 */
export function getItem(a: NDArray, ...index: IndexItem[]): NDArray {
  checkArray("getItem", a);
  const row = leadingIntegers(a, index);
  if (row !== null) return row;
  const sel = select(a.shape, index);
  const src = a.data;
  if (sel.shape.length === 0) return new NDArray(EMPTY_SHAPE, a.dtype, src[sel.base]);
  const out = allocate(a.dtype, shapeSize(sel.shape));
  forEachOffset(sel, (offset, i) => {
    out[i] = src[offset];
  });
  return new NDArray(sel.shape, a.dtype, out);
}

/**
 * How an index assigns, which decides NumPy's error for a value of the wrong shape: basic
 * indexing, advanced indexing, a single bool mask over all the array's axes (NumPy's special
 * case, which takes only 0-d and 1-d values), or `np.add.at`.
 */
type Assignment = "basic" | "advanced" | "mask" | "addAt";

/** NumPy's error for a `value` that does not fit the selection of an assignment. */
function fitError(kind: Assignment, value: NDArray, sel: Selection): Error {
  switch (kind) {
    case "basic":
      if (sel.shape.length === 0) {
        return new ValueError("setting an array element with a sequence.");
      }
      return new ValueError(
        `could not broadcast input array from shape ${shapeText(value.shape)} into shape ` +
          `${shapeText(sel.shape)}`,
      );
    case "advanced":
      if (sel.shape.length === 0) {
        return new ValueError("setting an array element with a sequence.");
      }
      return new ValueError(
        `shape mismatch: value array of shape ${shapeText(value.shape)} could not be broadcast ` +
          `to indexing result of shape ${shapeText(sel.shape)}`,
      );
    case "mask":
      return value.ndim > 1
        ? new TypeError(
          "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input " +
            `has ${value.ndim} dimensions`,
        )
        : new ValueError(
          `NumPy boolean array indexing assignment cannot assign ${value.size} input values to ` +
            `the ${shapeSize(sel.shape)} output values where the mask is true`,
        );
    case "addAt":
      return new ValueError("array is not broadcastable to correct shape");
  }
}

/**
 * `value` broadcast to the selection's shape, converted to `dtype`: a number as NumPy converts a
 * Python scalar ({@linkcode assignedElement}), an array as `astype` casts.
 */
function valuesFor(
  dtype: DType,
  sel: Selection,
  value: Operand,
  kind: Assignment,
): Float64Array {
  if (!(value instanceof NDArray) && typeof value !== "number") {
    throw new TypeError(
      `np.${kind === "addAt" ? "addAt" : "setItem"}()'s value must be an NDArray or a number, ` +
        `not ${describe(value)}`,
    );
  }
  const v = typeof value === "number"
    ? new NDArray(EMPTY_SHAPE, dtype, assignedElement(value, dtype))
    : value;
  // NumPy drops the value's leading axes of size 1 beyond the selection's: x[0] = [[1, 2, 3]].
  let shape = v.shape;
  while (shape.length > sel.shape.length && shape[0] === 1) shape = shape.slice(1);
  let ok = shape.length <= sel.shape.length && !(kind === "mask" && v.ndim > 1);
  for (let i = 1; ok && i <= shape.length; i++) {
    ok = shape[shape.length - i] === 1 ||
      shape[shape.length - i] === sel.shape[sel.shape.length - i];
  }
  if (!ok) throw fitError(kind, v, sel);
  const spread = new Float64Array(shapeSize(sel.shape));
  broadcastCopy(v.data, shape, spread, sel.shape);
  if (v.dtype !== dtype) {
    for (let i = 0; i < spread.length; i++) spread[i] = castElement(spread[i], v.dtype, dtype);
  }
  return spread;
}

/**
 * `a[index] = value`, like NumPy's assignment: `value` broadcasts to the selected shape and is
 * converted to `a`'s dtype; of repeated positions the last value stays.
 *
 * @param a the array to change
 * @param index the index entries
 * @param value an array or a number
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = np.zeros([3], "int64");
 * np.setItem(x, [np.array([true, false, true])], 5);
 * assert.equal(x.toString(), "[5 0 5]");
 * ```
 */
export function setItem(a: NDArray, index: readonly IndexItem[], value: Operand): void {
  checkArray("setItem", a);
  const sel = select(a.shape, index);
  const only = index.length === 1 ? index[0] : undefined;
  const mask = (only instanceof NDArray || Array.isArray(only)) && a.ndim > 0 &&
    isMaskOf(indexArray(only as NDArray | IndexList), a.ndim);
  const kind = mask ? "mask" : sel.parts.some((p) => "offsets" in p) ? "advanced" : "basic";
  const values = valuesFor(a.dtype, sel, value, kind);
  if (typeof a.elements === "number") {
    if (values.length > 0) (a as { elements: number }).elements = values[0];
    return;
  }
  const dst = a.elements;
  forEachOffset(sel, (offset, i) => {
    dst[offset] = values[i];
  });
}

/**
 * Adds `b` into `a` at `index` in place, like `np.add.at(a, index, b)`: unlike
 * `a[index] += b`, repeated positions add up. The index is a list of entries, as `get` takes
 * them: `np.addAt(gx, [np.arange(N), t], gy)` is NumPy's `np.add.at(gx, (np.arange(N), t), gy)`,
 * and `np.addAt(gx, [[0, 0, 1]], 1)` is `np.add.at(gx, [0, 0, 1], 1)`.
 *
 * @param a the array to add into
 * @param index the index entries
 * @param b the values, broadcast to the selected shape
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const gx = np.zeros([3]);
 * np.addAt(gx, [[0, 0, 2]], 1);
 * assert.equal(gx.toString(), "[2. 0. 1.]");
 * ```
 */
export function addAt(a: NDArray, index: readonly IndexItem[], b: Operand): void {
  checkArray("addAt", a);
  if (!Array.isArray(index)) {
    throw new TypeError(
      `np.addAt()'s index is a list of index entries, e.g. [np.arange(N), t] or [[0, 0, 1]], ` +
        `not ${describe(index)}`,
    );
  }
  const dtype: DType = resultType([a, b]);
  if (dtype !== a.dtype && !(a.dtype === "float32" && dtype === "float64")) {
    // NumPy's add.at casts the sums back unsafely (a uint8 wraps, an int64 truncates 0.5): here
    // that is an error rather than a silently changed number.
    throw new TypeError(
      `np.addAt(): adding ${dtype} values into a ${a.dtype} array would change them (NumPy's ` +
        `add.at truncates or wraps them silently): convert first, a.astype("${dtype}"), or b`,
    );
  }
  const sel = select(a.shape, index);
  const values = valuesFor(dtype, sel, b, "addAt");
  const dst = a.data;
  const bool = a.dtype === "bool"; // bool + bool is `or`
  forEachOffset(sel, (offset, i) => {
    const v = dst[offset] + values[i];
    dst[offset] = bool && v > 1 ? 1 : v;
  });
}

const proto = NDArray.prototype;
proto.get = function (this: NDArray, ...index: IndexItem[]): NDArray {
  return getItem(this, ...index);
};
proto.set = function (this: NDArray, ...indexThenValue: [...IndexItem[], Operand]): void {
  if (indexThenValue.length < 1) {
    throw new TypeError("set() takes the index entries, then the value: x.set(0, 1, value)");
  }
  const value = indexThenValue[indexThenValue.length - 1] as Operand;
  setItem(this, indexThenValue.slice(0, -1) as IndexItem[], value);
};
