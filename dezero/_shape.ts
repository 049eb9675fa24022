/**
 * Shapes: checking them, their sizes and printed form, and NumPy's broadcasting rules.
 *
 * @module
 */

import { describe, typeName } from "./describe.ts";
import { ValueError } from "./_errors.ts";

/** The shape of every 0-d array made here (frozen, so arrays can share it). */
export const EMPTY_SHAPE: readonly number[] = Object.freeze([]);

/** The number of elements of an array of this shape. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A shape as NumPy prints a tuple: `(2,3)`, `(4,)`, `()`. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`;
}

/** Checks a shape given by a user (a number means 1-d) and returns a copy. */
export function checkShape(shape: number | readonly number[]): readonly number[] {
  const dims = typeof shape === "number" ? [shape] : shape;
  if (!Array.isArray(dims)) {
    throw new TypeError(`a shape must be a number or an array of numbers, not ${describe(shape)}`);
  }
  for (const d of dims) {
    if (typeof d !== "number" || !Number.isInteger(d)) {
      // NumPy's words: `'str' object cannot be interpreted as an integer`.
      const kind = typeof d === "number"
        ? "float"
        : typeof d === "string"
        ? "str"
        : d === null
        ? "NoneType"
        : typeName(d);
      throw new TypeError(
        `'${kind}' object cannot be interpreted as an integer: a shape's entries are integers, ` +
          `got ${describe(d)} (write np.zeros([2, 3]))`,
      );
    }
    if (d < 0) throw new RangeError(`negative dimensions are not allowed: [${dims}]`);
  }
  return dims.length === 0 ? EMPTY_SHAPE : [...dims];
}

/** Whether two shapes are equal. */
function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The shape two operands broadcast to, by NumPy's rules: align the trailing dimensions; each
 * pair must be equal or contain a 1.
 */
export function broadcastShapes(a: readonly number[], b: readonly number[]): readonly number[] {
  if (sameShape(a, b)) return a;
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 1; i <= n; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ValueError(
        `operands could not be broadcast together with shapes ${shapeText(a)} ${shapeText(b)} `,
      );
    }
    out[n - i] = da === 1 ? db : da;
  }
  return out;
}

/** Element strides of `shape` seen as `outShape` (0 along broadcast dimensions). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const strides = new Array<number>(outShape.length).fill(0);
  let stride = 1;
  for (let i = 1; i <= shape.length; i++) {
    const d = shape[shape.length - i];
    strides[outShape.length - i] = d === 1 ? 0 : stride;
    stride *= d;
  }
  return strides;
}
