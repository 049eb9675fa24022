/**
 * The book's `dezero.transforms` for arrays: `Compose`, `Flatten`, `AsType` (`ToFloat`, `ToInt`)
 * and `Normalize`, applied by datasets to each example. A transform is an object whose `call`
 * takes an array (or a plain function of one). The book's transforms of PIL images (`Convert`,
 * `Resize`, `CenterCrop`, `ToArray`, `ToPIL`) have no counterpart: there is no PIL.
 *
 * @module
 */

import { describe } from "./np/_errors.ts";
import * as np from "./np/mod.ts";

/** A transform: an object with `call(x)`, or a function of one array. */
export type Transform =
  | { call(x: np.NDArray): np.NDArray }
  | ((x: np.NDArray) => np.NDArray);

/**
 * `t(x)` for a transform object or function.
 *
 * @param t the transform
 * @param x the array
 *
 * @example
 * ```ts
 * import { transforms, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(transforms.apply((x) => x.mul(2), np.array([1])).toString(), "[2.]");
 * ```
 */
export function apply(t: Transform, x: np.NDArray): np.NDArray {
  if (typeof t === "function") return t(x);
  if (typeof t?.call !== "function") {
    throw new TypeError(`a transform is a function or an object with call(x), not ${describe(t)}`);
  }
  return t.call(x);
}

/**
 * Several transforms applied in order.
 *
 * @example
 * ```ts
 * import { np, transforms } from "./full.ts";
 * import assert from "node:assert/strict";
 * const f = new transforms.Compose([new transforms.Flatten(), new transforms.ToFloat()]);
 * const y = f.call(np.array([[1, 2], [3, 4]], "uint8"));
 * assert.equal(`${y} ${y.dtype}`, "[1. 2. 3. 4.] float32");
 * ```
 */
export class Compose {
  /** @param transforms the transforms, in order */
  constructor(readonly transforms: readonly Transform[] = []) {}

  /**
   * The transforms applied to `img` in order.
   *
   * @param img the array
   */
  call(img: np.NDArray): np.NDArray {
    for (const t of this.transforms) img = apply(t, img);
    return img;
  }
}

/**
 * `(array - mean) / std`; a list of means or deviations applies one per channel (first axis).
 *
 * @example
 * ```ts
 * import { np, transforms } from "./full.ts";
 * import assert from "node:assert/strict";
 * const f = new transforms.Normalize(0, 255);
 * assert.equal(f.call(np.array([0, 255], "float32")).toString(), "[0. 1.]");
 * ```
 */
export class Normalize {
  /**
   * @param mean the mean, or one per channel
   * @param std the deviation, or one per channel
   */
  constructor(
    readonly mean: number | readonly number[] = 0,
    readonly std: number | readonly number[] = 1,
  ) {}

  /**
   * `(array - mean) / std`.
   *
   * @param array the array (its first axis is the channel axis for per-channel values)
   */
  call(array: np.NDArray): np.NDArray {
    const perChannel = (v: number | readonly number[]): number | np.NDArray => {
      if (typeof v === "number") return v;
      const shape = new Array<number>(array.ndim).fill(1);
      shape[0] = v.length === 1 ? array.length : v.length;
      return np.array([...v], array.dtype).reshape(shape);
    };
    return array.sub(perChannel(this.mean)).div(perChannel(this.std));
  }
}

/**
 * The array flattened to one axis.
 *
 * @example
 * ```ts
 * import { np, transforms } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(new transforms.Flatten().call(np.zeros([1, 28, 28])).shape, [784]);
 * ```
 */
export class Flatten {
  /**
   * `array.flatten()`.
   *
   * @param array the array
   */
  call(array: np.NDArray): np.NDArray {
    return array.flatten();
  }
}

/**
 * The array converted to `dtype` (float32 by default); `ToFloat` is this class.
 *
 * @example
 * ```ts
 * import { np, transforms } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new transforms.AsType().call(np.array([1], "uint8")).dtype, "float32");
 * ```
 */
export class AsType {
  /** @param dtype the dtype to convert to */
  constructor(readonly dtype: np.DType = "float32") {}

  /**
   * `array.astype(dtype)`.
   *
   * @param array the array
   */
  call(array: np.NDArray): np.NDArray {
    return array.astype(this.dtype);
  }
}

/**
 * The book's `ToFloat`, the same class as {@linkcode AsType} (float32 by default).
 *
 * @example
 * ```ts
 * import { np, transforms } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new transforms.ToFloat().call(np.array([1], "uint8")).toString(), "[1.]");
 * ```
 */
export const ToFloat: typeof AsType = AsType;

/**
 * `AsType` to int64 by default.
 *
 * @example
 * ```ts
 * import { np, transforms } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new transforms.ToInt().call(np.array([1.7])).toString(), "[1]");
 * ```
 */
export class ToInt extends AsType {
  /** @param dtype the dtype to convert to */
  constructor(dtype: np.DType = "int64") {
    super(dtype);
  }
}
