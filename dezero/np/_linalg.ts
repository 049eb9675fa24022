/**
 * Linear algebra: `matmul` (NumPy's `@`), `dot` and `tensordot`. All of them come down to one
 * kernel, {@linkcode product}, the product of two C-order matrices (`_gemm.ts`'s WebAssembly
 * kernels for floats).
 *
 * Each element of a product is the sum of its `k` products in order, from the first to the last,
 * each rounded in the result's precision: what the reference BLAS behind the book's NumPy 1.24
 * computes. NumPy on OpenBLAS adds in another order (and with fused multiply-adds), so its last
 * bits can differ.
 *
 * @module
 */

import { gemmInto } from "./_gemm.ts";
import { allocate, type DType, fixElements, isFloat, resultType, type Storage } from "./_dtypes.ts";
import { describe, ValueError } from "./_errors.ts";
import { broadcastStrides } from "./_loops.ts";
import { permute } from "./_manipulation.ts";
import { EMPTY_SHAPE, NDArray, normalizeAxis, shapeSize, shapeText } from "./_ndarray.ts";

/**
 * `out (m×n) = a (m×k) @ b (k×n)` for C-order matrices, each element summed in order of `p`
 * (see the module doc): float64 and float32 (and int64, whose sums of integers are exact within
 * 2^53) by `_gemm.ts`'s kernels, bit for bit the triple loop, operands of a narrower type
 * (float32 or integers in a float64 product, uint8 or bool in a float32 one) converted exactly as
 * they are copied; uint8 and bool by that loop here, wrapping a uint8 after each step (bool is
 * fixed by the caller).
 *
 * @param m rows of `a` and `out`
 * @param n columns of `b` and `out`
 * @param k columns of `a`, rows of `b`
 * @param a the left matrix
 * @param b the right matrix
 * @param out the result, overwritten
 *
 * @example
 * ```ts
 * import { product } from "./_linalg.ts";
 * import assert from "node:assert/strict";
 * const out = new Uint8Array(1);
 * product(1, 1, 2, new Uint8Array([200, 1]), new Uint8Array([2, 3]), out);
 * assert.equal(out[0], (400 + 3) % 256);
 * ```
 */
export function product(
  m: number,
  n: number,
  k: number,
  a: Storage,
  b: Storage,
  out: Storage,
): void {
  if (out instanceof Float64Array || out instanceof Float32Array) {
    // Operands of another type are converted as gemm copies them (NumPy's casting: exact here).
    gemmInto(m, n, k, a, b, out);
  } else {
    out.fill(0);
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) {
        const aip = a[i * k + p];
        for (let j = 0; j < n; j++) out[i * n + j] += aip * b[p * n + j];
      }
    }
  }
}

function checkArray(fn: string, a: unknown, position: number): asserts a is NDArray {
  if (!(a instanceof NDArray)) {
    throw new TypeError(
      `np.${fn}()'s argument ${position} must be an NDArray, not ${describe(a)}` +
        (typeof a === "number" ? `: wrap it, np.array(${a}), or multiply instead` : ""),
    );
  }
}

/** The storage of `x` in `dtype` (a copy only where the dtype changes). */
function storageAs(x: NDArray, dtype: DType): Storage {
  return x.dtype === dtype ? x.data : x.astype(dtype).data;
}

/**
 * The storage of `x` for a product in `dtype`: a float product converts its operands itself, as it
 * copies them (see `product`); an integer one takes a copy in `dtype`.
 */
function operandAs(x: NDArray, dtype: DType): Storage {
  return dtype === "float64" || dtype === "float32" ? x.data : storageAs(x, dtype);
}

const SIGNATURE = "(n?,k),(k,m?)->(n?,m?)";

/**
 * The matrix product `a @ b`, like `np.matmul`: 1-d operands are a row (left) or a column (right)
 * vector whose axis is dropped from the result; more than 2 dimensions are stacks of matrices,
 * broadcast against each other.
 *
 * @param a the left operand (at least 1-d)
 * @param b the right operand (at least 1-d)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const a = np.array([[1, 2], [3, 4]]);
 * assert.equal(np.matmul(a, np.array([1, 1])).toString(), "[3. 7.]");
 * assert.throws(() => np.matmul(a, np.ones([3, 1])), /mismatch in its core dimension 0/);
 * ```
 */
export function matmul(a: NDArray, b: NDArray): NDArray {
  checkArray("matmul", a, 1);
  checkArray("matmul", b, 2);
  checkProduct("matmul", a.shape, b.shape);
  const aShape = a.ndim === 1 ? [1, a.shape[0]] : a.shape;
  const bShape = b.ndim === 1 ? [b.shape[0], 1] : b.shape;
  const [m, k] = aShape.slice(-2);
  const n = bShape[bShape.length - 1];
  const dtype = resultType([a, b]);
  const x = operandAs(a, dtype);
  const y = operandAs(b, dtype);
  if (a.ndim <= 2 && b.ndim <= 2) {
    // One product, no stack: the common case, without the batch bookkeeping below.
    const out = allocate(dtype, m * n);
    product(m, n, k, x, y, out);
    fixElements(dtype, out);
    const shape = [...(a.ndim === 1 ? [] : [m]), ...(b.ndim === 1 ? [] : [n])];
    return shape.length === 0
      ? new NDArray(EMPTY_SHAPE, dtype, out[0])
      : new NDArray(shape, dtype, out);
  }
  const batchA = aShape.slice(0, -2);
  const batchB = bShape.slice(0, -2);
  const batch = broadcastBatch(batchA, batchB, a.shape, b.shape);
  const count = shapeSize(batch);
  const out = allocate(dtype, count * m * n);
  const sa = broadcastStrides(batchA, batch);
  const sb = broadcastStrides(batchB, batch);
  for (let t = 0; t < count; t++) {
    // The t-th matrix of each operand, through the broadcast batch strides.
    let ia = 0;
    let ib = 0;
    for (let axis = batch.length - 1, rest = t; axis >= 0; axis--) {
      const i = rest % batch[axis];
      rest = Math.floor(rest / batch[axis]);
      ia += i * sa[axis];
      ib += i * sb[axis];
    }
    product(
      m,
      n,
      k,
      x.subarray(ia * m * k, (ia + 1) * m * k),
      y.subarray(ib * k * n, (ib + 1) * k * n),
      out.subarray(t * m * n, (t + 1) * m * n),
    );
  }
  fixElements(dtype, out);
  const shape = [...batch, ...(a.ndim === 1 ? [] : [m]), ...(b.ndim === 1 ? [] : [n])];
  return shape.length === 0
    ? new NDArray(EMPTY_SHAPE, dtype, out[0])
    : new NDArray(shape, dtype, out);
}

/** The broadcast shape of two stacks of matrices, with matmul's error. */
function broadcastBatch(
  a: readonly number[],
  b: readonly number[],
  aShape: readonly number[],
  bShape: readonly number[],
): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 1; i <= n; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      const remap = (s: readonly number[]) =>
        `${shapeText(s)}->(${[...s.slice(0, -2), "newaxis", "newaxis"].join(",")})`;
      throw new ValueError(
        "operands could not be broadcast together with remapped shapes [original->remapped]: " +
          `${remap(aShape)} ${remap(bShape)}  and requested shape (${
            [...aShape.slice(-2, -1), ...bShape.slice(-1)].join(",")
          })`,
      );
    }
    out[n - i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Checks that `np.dot` (of operands with dimensions) or `np.matmul` of arrays of these shapes is
 * defined, with NumPy's errors, and returns the result's shape for operands of 1 or 2
 * dimensions; shared with the GPU's arrays.
 *
 * @param fn the product
 * @param a the left operand's shape
 * @param b the right operand's shape
 */
export function checkProduct(
  fn: "dot" | "matmul",
  a: readonly number[],
  b: readonly number[],
): number[] {
  if (fn === "matmul") {
    for (const [i, shape] of [a, b].entries()) {
      if (shape.length === 0) {
        throw new ValueError(
          `matmul: Input operand ${i} does not have enough dimensions (has 0, gufunc core ` +
            `with signature ${SIGNATURE} requires 1)`,
        );
      }
    }
    const k = a[a.length - 1];
    const k2 = b.length === 1 ? b[0] : b[b.length - 2];
    if (k !== k2) {
      throw new ValueError(
        `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ` +
          `${SIGNATURE} ` +
          `(size ${k2} is different from ${k})`,
      );
    }
  } else {
    const axisB = b.length === 1 ? 0 : b.length - 2;
    if (a[a.length - 1] !== b[axisB]) {
      throw new ValueError(
        `shapes ${shapeText(a)} and ${shapeText(b)} not aligned: ` +
          `${a[a.length - 1]} (dim ${a.length - 1}) != ${b[axisB]} (dim ${axisB})`,
      );
    }
  }
  return [
    ...(a.length === 1 ? [] : [a[a.length - 2]]),
    ...(b.length === 1 ? [] : [b[b.length - 1]]),
  ];
}

/**
 * The dot product, like `np.dot`: for 1-d and 2-d operands the inner product or the matrix
 * product; a number or 0-d array multiplies; for more dimensions, the sum over the last axis of
 * `a` and the second-to-last of `b`.
 *
 * @param a the left operand
 * @param b the right operand
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(np.dot(np.array([1, 2, 3]), np.array([4, 5, 6])).toString(), "32.0");
 * assert.throws(() => np.dot(np.ones([2, 3]), np.ones([2, 3])), /shapes \(2,3\) and \(2,3\) not aligned/);
 * ```
 */
export function dot(a: NDArray, b: NDArray): NDArray {
  checkArray("dot", a, 1);
  checkArray("dot", b, 2);
  if (a.ndim === 0 || b.ndim === 0) {
    // NumPy multiplies, except for float operands of at most 2 dimensions and more than one
    // product, which go to BLAS's axpy: each product added to a zero, so -0 comes out +0.
    const product = a.mul(b);
    if (!isFloat(product.dtype) || a.ndim > 2 || b.ndim > 2 || product.size === 1) {
      return product;
    }
    const data = product.data;
    for (let i = 0; i < data.length; i++) data[i] += 0;
    return product;
  }
  checkProduct("dot", a.shape, b.shape);
  const axisB = b.ndim === 1 ? 0 : b.ndim - 2;
  if (a.ndim <= 2 && b.ndim <= 2) return matmul(a, b);
  return tensordot(a, b, [[a.ndim - 1], [axisB]]);
}

/**
 * The sum of products over the given axes, like `np.tensordot`: `axes` is a number `N` (the last
 * N axes of `a` with the first N of `b`) or two lists of axes, paired in order. The result has
 * `a`'s other axes, then `b`'s.
 *
 * @param a the left operand
 * @param b the right operand
 * @param axes the axes to sum over (default 2)
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const a = np.arange(24).reshape(2, 3, 4);
 * const b = np.ones([3, 4, 5], "int64");
 * assert.deepEqual(np.tensordot(a, b, [[1, 2], [0, 1]]).shape, [2, 5]);
 * assert.equal(np.tensordot(a, b).get(0, 0).toString(), "66");
 * ```
 */
export function tensordot(
  a: NDArray,
  b: NDArray,
  axes: number | readonly [readonly number[], readonly number[]] = 2,
): NDArray {
  checkArray("tensordot", a, 1);
  checkArray("tensordot", b, 2);
  let axesA: number[];
  let axesB: number[];
  if (typeof axes === "number") {
    if (!Number.isInteger(axes) || axes < 0) {
      throw new ValueError(`np.tensordot()'s axes must be a non-negative integer, got ${axes}`);
    }
    axesA = Array.from({ length: axes }, (_, i) => a.ndim - axes + i);
    axesB = Array.from({ length: axes }, (_, i) => i);
  } else if (Array.isArray(axes) && axes.length === 2) {
    const list = (x: unknown) => (Array.isArray(x) ? x : [x]);
    axesA = list(axes[0]).map((i) => normalizeAxis(i, a.ndim, "tensordot"));
    axesB = list(axes[1]).map((i) => normalizeAxis(i, b.ndim, "tensordot"));
  } else {
    throw new TypeError(
      `np.tensordot()'s axes is a number or [axesOfA, axesOfB], not ${describe(axes)}`,
    );
  }
  if (
    axesA.length !== axesB.length || axesA.some((i, j) => a.shape[i] !== b.shape[axesB[j]]) ||
    axesA.some((i) => i < 0 || i >= a.ndim) || axesB.some((i) => i < 0 || i >= b.ndim)
  ) {
    throw new ValueError("shape-mismatch for sum");
  }
  const freeA = [...a.shape.keys()].filter((i) => !axesA.includes(i));
  const freeB = [...b.shape.keys()].filter((i) => !axesB.includes(i));
  const m = shapeSize(freeA.map((i) => a.shape[i]));
  const n = shapeSize(freeB.map((i) => b.shape[i]));
  const k = shapeSize(axesA.map((i) => a.shape[i]));
  const dtype = resultType([a, b]);
  const x = allocate(dtype, a.size);
  permute(storageAs(a, dtype), a.shape, [...freeA, ...axesA], x);
  const y = allocate(dtype, b.size);
  permute(storageAs(b, dtype), b.shape, [...axesB, ...freeB], y);
  const out = allocate(dtype, m * n);
  product(m, n, k, x, y, out);
  fixElements(dtype, out);
  const shape = [...freeA.map((i) => a.shape[i]), ...freeB.map((i) => b.shape[i])];
  return shape.length === 0
    ? new NDArray(EMPTY_SHAPE, dtype, out[0])
    : new NDArray(shape, dtype, out);
}

const proto = NDArray.prototype;
proto.dot = function (this: NDArray, other: NDArray): NDArray {
  return dot(this, other);
};
proto.matmul = function (this: NDArray, other: NDArray): NDArray {
  return matmul(this, other);
};
