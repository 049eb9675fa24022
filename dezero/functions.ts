/**
 * The book's `dezero.functions`, imported as `F`: functions of the full core (`core.ts`) whose
 * `backward` computes with Variables, so that their derivatives can be differentiated again.
 *
 * - Stage 3 (steps 33–36): `sin`, `cos`, `tanh`, `exp`, and `square` (steps 7–9's function).
 * - Stage 4 (steps 37–51): `log`; tensors (`reshape`, `transpose`, `getItem`, `expandDims`,
 *   `flatten`, `sum`, `sumTo`, `broadcastTo`, `mean`, `matmul`, `linear`); activations
 *   (`sigmoid`, `relu`, `softmax`, `logSoftmax`, `leakyRelu`); losses (`meanSquaredError`,
 *   `softmaxCrossEntropy`, `sigmoidCrossEntropy`, `binaryCrossEntropy`, with the `Simple`
 *   versions the book teaches first); `accuracy`, `dropout`, `max`, `min`, `clip`.
 * - Stage 5 (steps 52–60): `batchNorm` (the book's `batch_nrom`) and `embedId`; the convolutions
 *   and poolings are in `functions_conv.ts`, and `F` (from `full.ts`) holds both modules.
 *
 * Each backward is written with these very functions (the derivative of `sin` is `cos`, that of
 * `reshape` is `reshape` back) or with its own output (`tanh`, `exp`, `sigmoid`), as in the book.
 * Differences: the book's keyword arguments are a trailing options object
 * (`F.sum(x, { axis: 0, keepdims: true })`, `F.softmax(x, { axis: 1 })`); `F.linear(x, W)` makes
 * a function of two inputs (the book passes `None` as a third); the losses and `matmul` check
 * their inputs' shapes, and `softmaxCrossEntropy` its labels, where the book would broadcast or
 * index silently wrong; `batchNorm` keeps what its backward needs in test mode too (the book's
 * fails there).
 *
 * @module
 */

import * as check from "./_checks.ts";
import {
  add,
  asVariable,
  Config,
  div,
  Function,
  mul,
  neg,
  type Operand,
  pow,
  rdiv,
  rsub,
  sub,
  Variable,
} from "./core.ts";
import * as cuda from "./cuda.ts";
import type { ExprFunction } from "./expr.ts";
import { describe } from "./np/_errors.ts";
import * as np from "./np/mod.ts";
import * as utils from "./utils.ts";

export { add, div, mul, neg, pow, rdiv, rsub, sub };

/**
 * `y = sin(x)`; the gradient is `gy * cos(x)`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Sin().forward(np.array(0.0)).toString(), "0.0");
 * ```
 */
export class Sin extends Function {
  /**
   * `np.sin(x)`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    return xp.sin(x);
  }

  /**
   * `gy * cos(x)`.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    return gy.mul(cos(x));
  }
}

/**
 * `sin(x)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(np.pi / 4));
 * const y = F.sin(x);
 * y.backward();
 * assert.equal(y.toString(), "variable(0.7071067811865475)");
 * assert.equal(x.grad?.toString(), "variable(0.7071067811865476)");
 * ```
 */
export function sin(x: Operand): Variable {
  return new Sin().call(x);
}

/**
 * `y = cos(x)`; the gradient is `gy * -sin(x)`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Cos().forward(np.array(0.0)).toString(), "1.0");
 * ```
 */
export class Cos extends Function {
  /**
   * `np.cos(x)`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    return xp.cos(x);
  }

  /**
   * `gy * -sin(x)`.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    return gy.mul(sin(x).neg());
  }
}

/**
 * `cos(x)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(0.0));
 * const y = F.cos(x);
 * y.backward();
 * assert.equal(y.toString(), "variable(1.0)");
 * assert.equal(x.grad?.toString(), "variable(-0.0)");
 * ```
 */
export function cos(x: Operand): Variable {
  return new Cos().call(x);
}

/**
 * `y = tanh(x)`; the gradient is `gy * (1 - y * y)`, from the output.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Tanh().forward(np.array(0.0)).toString(), "0.0");
 * ```
 */
export class Tanh extends Function {
  /**
   * `np.tanh(x)`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    return xp.tanh(x);
  }

  /**
   * `gy * (1 - y * y)`, with `y` the recorded output.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const y = this.outputs[0];
    return gy.mul(y.mul(y).rsub(1));
  }
}

/**
 * `tanh(x)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(0.0));
 * F.tanh(x).backward();
 * assert.equal(x.grad?.toString(), "variable(1.0)");
 * ```
 */
export function tanh(x: Operand): Variable {
  return new Tanh().call(x);
}

/**
 * `y = exp(x)`; the gradient is `gy * y`, from the output.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Exp().forward(np.array(0.0)).toString(), "1.0");
 * ```
 */
export class Exp extends Function {
  /**
   * `np.exp(x)`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    return xp.exp(x);
  }

  /**
   * `gy * y`, with `y` the recorded output.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const y = this.outputs[0];
    return gy.mul(y);
  }
}

/**
 * `exp(x)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * F.exp(x).backward();
 * assert.equal(x.grad?.toString(), "variable(2.718281828459045)");
 * ```
 */
export function exp(x: Operand): Variable {
  return new Exp().call(x);
}

/**
 * `y = x ** 2`; the gradient is `2 * x * gy` (steps 7–9's `Square`, in Variables).
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Square().forward(np.array(3.0)).toString(), "9.0");
 * ```
 */
export class Square extends Function {
  /**
   * `x ** 2`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    return xp.square(x);
  }

  /**
   * `2 * x * gy`, from the recorded input.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    return x.rmul(2).mul(gy);
  }
}

/**
 * `x ** 2` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(3.0));
 * F.square(x).backward();
 * assert.equal(x.grad?.toString(), "variable(6.0)");
 * ```
 */
export function square(x: Operand): Variable {
  return new Square().call(x);
}

/**
 * `y = log(x)`; the gradient is `gy / x`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Log().forward(np.array(1.0)).toString(), "0.0");
 * ```
 */
export class Log extends Function {
  /** `np.log(x)`. */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    return xp.log(x);
  }

  /** `gy / x`, from the recorded input. */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    return gy.div(x);
  }
}

/**
 * `log(x)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * F.log(x).backward();
 * assert.equal(x.grad?.toString(), "variable(0.5)");
 * ```
 */
export function log(x: Operand): Variable {
  return new Log().call(x);
}

// =============================================================================================
// Tensor operations: reshape / transpose / getItem / expandDims / flatten

/**
 * `y = x.reshape(shape)`; the gradient is `gy` reshaped back to `x`'s shape.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(new F.Reshape([3, 2]).forward(np.zeros([2, 3])).shape, [3, 2]);
 * ```
 */
export class Reshape extends Function {
  /** The input's shape, for backward. */
  xShape: readonly number[] = [];

  /** @param shape the new shape (one dimension may be -1) */
  constructor(readonly shape: readonly number[]) {
    super();
  }

  /** `x.reshape(shape)`. */
  override forward(x: np.NDArray): np.NDArray {
    this.xShape = x.shape;
    const y = x.reshape(this.shape);
    return y;
  }

  /** `gy` in `x`'s shape. */
  override backward(gy: Variable): Variable {
    return reshape(gy, this.xShape);
  }
}

/**
 * `x` in another shape (`x` itself, as a Variable, when the shape is already that).
 *
 * @param x the operand
 * @param shape the new shape
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[0, 1, 2], [3, 4, 5]]));
 * const y = F.reshape(x, [6]);
 * y.backward({ retainGrad: true });
 * assert.equal(x.grad?.toString(), "variable([[1. 1. 1.]\n          [1. 1. 1.]])");
 * ```
 */
export function reshape(x: Operand, shape: readonly number[]): Variable {
  const v = asVariable(x);
  if (sameShape(v.shape, shape)) return v;
  return new Reshape(shape).call(v);
}

/** Whether two shapes are equal (Python's `x.shape == shape`). */
function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * `y = x.transpose(axes)`; the gradient is `gy` transposed back.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(new F.Transpose().forward(np.zeros([2, 3])).shape, [3, 2]);
 * ```
 */
export class Transpose extends Function {
  /** @param axes the new order of the axes, or `null` to reverse them */
  constructor(readonly axes: readonly number[] | null = null) {
    super();
  }

  /** `x.transpose(axes)`. */
  override forward(x: np.NDArray): np.NDArray {
    const y = this.axes === null ? x.transpose() : x.transpose(this.axes);
    return y;
  }

  /** `gy` transposed by the inverse permutation. */
  override backward(gy: Variable): Variable {
    if (this.axes === null) return transpose(gy);
    const n = this.axes.length;
    const axes = this.axes.map((ax) => ((ax % n) + n) % n);
    const invAxes = axes.map((_, i) => axes.indexOf(i)); // np.argsort of a permutation
    return transpose(gy, invAxes);
  }
}

/**
 * `x` with its axes permuted: reversed by default (`x.T`), else in the order given.
 *
 * @param x the operand
 * @param axes the new order of the axes
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[1, 2, 3], [4, 5, 6]]));
 * const y = F.transpose(x);
 * y.backward();
 * assert.deepEqual([y.shape, x.grad?.shape], [[3, 2], [2, 3]]);
 * ```
 */
export function transpose(x: Operand, axes: readonly number[] | null = null): Variable {
  return new Transpose(axes).call(x);
}

/**
 * `y = x[index]`; the gradient puts `gy` back at the indexed places (`GetItemGrad`).
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.GetItem([1]).forward(np.array([[1, 2], [3, 4]])).toString(), "[3. 4.]");
 * ```
 */
export class GetItem extends Function {
  /** @param slices the index entries, as `x.get(...slices)` takes them */
  constructor(readonly slices: readonly np.IndexItem[]) {
    super();
  }

  /** `x[slices]`. */
  override forward(x: np.NDArray): np.NDArray {
    const y = x.get(...this.slices);
    return y;
  }

  /** `GetItemGrad(slices, x.shape)(gy)`. */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    const f = new GetItemGrad(this.slices, x.shape);
    return f.call(gy);
  }
}

/**
 * The gradient of `GetItem`: zeros of the input's shape with `gy` added at the indexed places
 * (`np.addAt`, so that an index taken twice gets both gradients); its own gradient is `GetItem`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const g = new F.GetItemGrad([[0, 0]], [3]).forward(np.array([1.0, 2.0]));
 * assert.equal(g.toString(), "[3. 0. 0.]");
 * ```
 */
export class GetItemGrad extends Function {
  /**
   * @param slices the index entries of the `GetItem`
   * @param inShape the shape of its input
   */
  constructor(readonly slices: readonly np.IndexItem[], readonly inShape: readonly number[]) {
    super();
  }

  /** `np.addAt(zeros(inShape), slices, gy)`. */
  override forward(gy: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(gy);
    const gx = xp.zeros(this.inShape, gy.dtype);
    xp.addAt(gx, this.slices, gy);
    return gx;
  }

  /** `ggx[slices]`. */
  override backward(ggx: Variable): Variable {
    return getItem(ggx, ...this.slices);
  }
}

/**
 * `x[index]` as a graph node: `F.getItem(x, 1)` is `x[1]`, `F.getItem(x, np.slice(), 2)` is
 * `x[:, 2]`, `F.getItem(x, [0, 0, 1])` is `x[[0, 0, 1]]` (also `x.get(...)`).
 *
 * @param x the operand
 * @param slices the index entries
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[1, 2, 3], [4, 5, 6]]));
 * const y = F.getItem(x, [0, 0, 1]);
 * y.backward();
 * assert.equal(x.grad?.toString(), "variable([[2. 2. 2.]\n          [1. 1. 1.]])");
 * ```
 */
export function getItem(x: Operand, ...slices: np.IndexItem[]): Variable {
  const f = new GetItem(slices);
  return f.call(x);
}

/**
 * `x` with a new axis of size 1 inserted at `axis` (as Python's `list.insert` places it).
 *
 * @param x the operand
 * @param axis where the new axis goes
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(F.expandDims(np.zeros([2, 3]), 1).shape, [2, 1, 3]);
 * ```
 */
export function expandDims(x: Operand, axis: number): Variable {
  const v = asVariable(x);
  const shape = [...v.shape];
  const at = axis < 0 ? Math.max(0, shape.length + axis) : Math.min(axis, shape.length);
  shape.splice(at, 0, 1);
  return reshape(v, shape);
}

/**
 * `x` flattened to `(batch, features)`: the first axis is kept.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(F.flatten(np.zeros([2, 3, 4])).shape, [2, 12]);
 * ```
 */
export function flatten(x: Operand): Variable {
  const v = asVariable(x);
  return reshape(v, [v.shape[0], -1]);
}

// =============================================================================================
// sum / sumTo / broadcastTo / mean / matmul / linear

/**
 * `y = x.sum(axis, keepdims)`; the gradient is `gy` broadcast back to `x`'s shape.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Sum(0, false).forward(np.array([[1, 2], [3, 4]])).toString(), "[4. 6.]");
 * ```
 */
export class Sum extends Function {
  /** The input's shape, for backward. */
  xShape: readonly number[] = [];

  /**
   * @param axis the axes to sum (`null` for all)
   * @param keepdims whether to keep them with size 1
   */
  constructor(readonly axis: np.Axis, readonly keepdims: boolean) {
    super();
  }

  /** `x.sum({ axis, keepdims })`. */
  override forward(x: np.NDArray): np.NDArray {
    this.xShape = x.shape;
    const y = x.sum({ axis: this.axis, keepdims: this.keepdims });
    return y;
  }

  /** `gy` reshaped to keep the summed axes, then broadcast to `x`'s shape. */
  override backward(gy: Variable): Variable {
    gy = utils.reshapeSumBackward(gy, this.xShape, this.axis, this.keepdims);
    const gx = broadcastTo(gy, this.xShape);
    return gx;
  }
}

/**
 * The sum of `x` over `axis` (all axes by default) as a graph node.
 *
 * @param x the operand
 * @param options `axis` (a number, a list of them, or `null` for all) and `keepdims`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[1, 2, 3], [4, 5, 6]], "int64"));
 * const y = F.sum(x, { axis: 0 });
 * y.backward();
 * assert.equal(`${y} ${x.grad}`, "variable([5 7 9]) variable([[1 1 1]\n          [1 1 1]])");
 * ```
 */
export function sum(x: Operand, options: np.ReduceOptions = {}): Variable {
  const { axis = null, keepdims = false } = check.checkReduceOptions("F.sum", options);
  return new Sum(axis, keepdims).call(x);
}

/**
 * `y` = `x` summed to `shape` (`utils.sumTo`); the gradient is `gy` broadcast back.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.SumTo([1, 2]).forward(np.array([[1, 2], [3, 4]])).toString(), "[[4. 6.]]");
 * ```
 */
export class SumTo extends Function {
  /** The input's shape, for backward. */
  xShape: readonly number[] = [];

  /** @param shape the shape to sum to */
  constructor(readonly shape: readonly number[]) {
    super();
  }

  /** `utils.sumTo(x, shape)`. */
  override forward(x: np.NDArray): np.NDArray {
    this.xShape = x.shape;
    const y = utils.sumTo(x, this.shape);
    return y;
  }

  /** `gy` broadcast to `x`'s shape. */
  override backward(gy: Variable): Variable {
    const gx = broadcastTo(gy, this.xShape);
    return gx;
  }
}

/**
 * `x` summed to `shape`, the inverse of broadcasting (`x` itself when it has that shape): the
 * gradient of an input that was broadcast (step 40).
 *
 * @param x the operand
 * @param shape a shape that broadcasts to `x`'s
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[1, 2, 3], [4, 5, 6]]));
 * assert.equal(F.sumTo(x, [1, 3]).toString(), "variable([[5. 7. 9.]])");
 * ```
 */
export function sumTo(x: Operand, shape: readonly number[]): Variable {
  const v = asVariable(x);
  if (sameShape(v.shape, shape)) return v;
  return new SumTo(shape).call(v);
}

/**
 * `y = np.broadcastTo(x, shape)`; the gradient is `gy` summed back to `x`'s shape.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(new F.BroadcastTo([2, 3]).forward(np.zeros([3])).shape, [2, 3]);
 * ```
 */
export class BroadcastTo extends Function {
  /** The input's shape, for backward. */
  xShape: readonly number[] = [];

  /** @param shape the shape to broadcast to */
  constructor(readonly shape: readonly number[]) {
    super();
  }

  /** `np.broadcastTo(x, shape)`. */
  override forward(x: np.NDArray): np.NDArray {
    this.xShape = x.shape;
    const xp = cuda.getArrayModule(x);
    const y = xp.broadcastTo(x, this.shape);
    return y;
  }

  /** `gy` summed to `x`'s shape. */
  override backward(gy: Variable): Variable {
    const gx = sumTo(gy, this.xShape);
    return gx;
  }
}

/**
 * `x` broadcast to `shape` as a graph node (`x` itself when it has that shape).
 *
 * @param x the operand
 * @param shape the shape to broadcast to
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([1, 2, 3]));
 * F.broadcastTo(x, [2, 3]).backward();
 * assert.equal(x.grad?.toString(), "variable([2. 2. 2.])");
 * ```
 */
export function broadcastTo(x: Operand, shape: readonly number[]): Variable {
  const v = asVariable(x);
  if (sameShape(v.shape, shape)) return v;
  return new BroadcastTo(shape).call(v);
}

/**
 * The mean of `x` over `axis` (all axes by default): the sum times `y.size / x.size` (the book's
 * `average`, also called `mean`).
 *
 * @param x the operand
 * @param options `axis` and `keepdims`, as for `F.sum`
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(F.mean(np.array([[1, 2], [3, 4]]), { axis: 0 }).toString(), "variable([2. 3.])");
 * ```
 */
export function mean(x: Operand, options: np.ReduceOptions = {}): Variable {
  const v = asVariable(x);
  const y = sum(v, options);
  return y.mul(y.data!.size / v.data!.size);
}

/** The book's `F.average`, the same function as {@linkcode mean}. */
export const average: typeof mean = mean;

/**
 * `y = x @ W`; the gradients are `gy @ W.T` and `x.T @ gy`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = new F.MatMul().forward(np.array([[1, 2]]), np.array([[3], [4]]));
 * assert.equal(y.toString(), "[[11.]]");
 * ```
 */
export class MatMul extends Function {
  /** `x.dot(W)`, after checking that the shapes align. */
  override forward(x: np.NDArray, W: np.NDArray): np.NDArray {
    check.checkMatmulShapes("matmul", x.shape, W.shape);
    const y = x.dot(W);
    return y;
  }

  /** `[gy @ W.T, x.T @ gy]`. */
  override backward(gy: Variable): [Variable, Variable] {
    const [x, W] = this.inputs;
    const gx = matmul(gy, W.T);
    const gW = matmul(x.T, gy);
    return [gx, gW];
  }
}

/**
 * The matrix product `x @ W` as a graph node (also `x.matmul(W)` and `x.dot(W)`).
 *
 * @param x the left operand
 * @param W the right operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.random.randn(2, 3));
 * const W = new Variable(np.random.randn(3, 4));
 * F.matmul(x, W).backward();
 * assert.deepEqual([x.grad?.shape, W.grad?.shape], [[2, 3], [3, 4]]); // step 41
 * ```
 */
export function matmul(x: Operand, W: Operand): Variable {
  return new MatMul().call(x, W);
}

/**
 * `y = x @ W + b` in one function (less memory than `matmul` and `add`); the gradients are those
 * of `matmul` and, for `b`, `gy` summed to `b`'s shape. Without `b` it has two inputs.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = new F.Linear().forward(np.array([[1, 2]]), np.array([[3], [4]]), np.array([1]));
 * assert.equal(y.toString(), "[[12.]]");
 * ```
 */
export class Linear extends Function {
  /**
   * `x.dot(W) + b`, after checking that the shapes align.
   *
   * @param xs `x`, `W` and optionally `b` (a rest parameter: the bias is optional)
   */
  override forward(...xs: np.NDArray[]): np.NDArray {
    check.checkInputCount(this, xs.length, 2, 3, "x, W and optionally b");
    const [x, W, b] = xs;
    check.checkMatmulShapes("linear", x.shape, W.shape);
    let y = x.dot(W);
    if (b !== undefined) y = y.add(b);
    return y;
  }

  /** `[gy @ W.T, x.T @ gy, sumTo(gy, b.shape)]` (without `b`, the first two). */
  override backward(gy: Variable): Variable[] {
    const [x, W, b] = this.inputs;
    const gx = matmul(gy, W.T);
    const gW = matmul(x.T, gy);
    if (b === undefined) return [gx, gW];
    const gb = sumTo(gy, b.shape);
    return [gx, gW, gb];
  }
}

/**
 * `x @ W + b` as one graph node (`b` may be left out or `null`).
 *
 * @param x the input, `(N, in)`
 * @param W the weight, `(in, out)`
 * @param b the bias, `(out,)`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const W = new Variable(np.ones([2, 3]));
 * const y = F.linear(np.array([[1, 2]]), W, np.array([0.5, 0.5, 0.5]));
 * y.backward();
 * assert.equal(`${y}`, "variable([[3.5 3.5 3.5]])");
 * assert.equal(`${W.grad}`, "variable([[1. 1. 1.]\n          [2. 2. 2.]])");
 * assert.equal(`${F.linear(np.array([[1, 2]]), W)}`, "variable([[3. 3. 3.]])");
 * ```
 */
export function linear(x: Operand, W: Operand, b: Operand | null = null): Variable {
  const f = new Linear();
  return b === null ? f.call(x, W) : f.call(x, W, b);
}

/**
 * `x @ W + b` as two graph nodes, freeing the product's data once the sum is made (the book's
 * `linear_simple`, before `Linear`).
 *
 * @param x the input
 * @param W the weight
 * @param b the bias
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = F.linearSimple(np.array([[1, 2]]), np.ones([2, 1]), np.array([1]));
 * assert.equal(y.toString(), "variable([[4.]])");
 * ```
 */
export function linearSimple(x: Operand, W: Operand, b: Operand | null = null): Variable {
  const t = matmul(x, W);
  if (b === null) return t;

  const y = t.add(b);
  t.data = null; // Release t.data (ndarray) for memory efficiency
  return y;
}

// =============================================================================================
// activation function: sigmoid / relu / softmax / logSoftmax / leakyRelu

/**
 * `1 / (1 + exp(-x))` from basic functions (the book's `sigmoid_simple`).
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(F.sigmoidSimple(np.array(0.0)).toString(), "variable(0.5)");
 * ```
 */
export function sigmoidSimple(x: Operand): Variable {
  const v = asVariable(x);
  const y = exp(v.neg()).radd(1).rdiv(1);
  return y;
}

/**
 * `y = 1 / (1 + exp(-x))`, computed as `tanh(x / 2) / 2 + 1 / 2`; the gradient is
 * `gy * y * (1 - y)`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Sigmoid().forward(np.array([0.0])).toString(), "[0.5]");
 * ```
 */
export class Sigmoid extends Function {
  /** `tanh(x * 0.5) * 0.5 + 0.5`. */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    // y = 1 / (1 + xp.exp(-x))
    const y = xp.tanh(x.mul(0.5)).mul(0.5).add(0.5); // Better implementation
    return y;
  }

  /** `gy * y * (1 - y)`, with `y` the recorded output. */
  override backward(gy: Variable): Variable {
    const y = this.outputs[0];
    const gx = gy.mul(y).mul(y.rsub(1));
    return gx;
  }
}

/**
 * The sigmoid `1 / (1 + exp(-x))` as one graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(0.0));
 * F.sigmoid(x).backward();
 * assert.equal(x.grad?.toString(), "variable(0.25)");
 * ```
 */
export function sigmoid(x: Operand): Variable {
  return new Sigmoid().call(x);
}

/**
 * `y = max(x, 0)`; the gradient is `gy` where `x > 0`, else 0.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.ReLU().forward(np.array([-1, 2])).toString(), "[0. 2.]");
 * ```
 */
export class ReLU extends Function {
  /** `np.maximum(x, 0.0)`. */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    const y = xp.maximum(x, 0.0);
    return y;
  }

  /** `gy * (x > 0)`. */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    const mask = x.data!.gt(0);
    const gx = gy.mul(mask);
    return gx;
  }
}

/**
 * The rectified linear unit `max(x, 0)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([-1.0, 2.0]));
 * F.relu(x).backward();
 * assert.equal(x.grad?.toString(), "variable([0. 1.])");
 * ```
 */
export function relu(x: Operand): Variable {
  return new ReLU().call(x);
}

/**
 * `exp(x) / sum(exp(x))` over `axis` from basic functions (the book's `softmax_simple`).
 *
 * @param x the operand
 * @param options `axis` (default 1)
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(F.softmaxSimple(np.array([[0, 0]])).toString(), "variable([[0.5 0.5]])");
 * ```
 */
export function softmaxSimple(x: Operand, options: { axis?: number } = {}): Variable {
  const { axis = 1 } = options;
  const v = asVariable(x);
  const y = exp(v);
  const sumY = sum(y, { axis, keepdims: true });
  return y.div(sumY);
}

/**
 * `y = exp(x - max) / sum(exp(x - max))` over `axis`; the gradient is
 * `y * gy - y * sum(y * gy)`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Softmax().forward(np.array([[1, 1]])).toString(), "[[0.5 0.5]]");
 * ```
 */
export class Softmax extends Function {
  /** @param axis the axis to normalise over */
  constructor(readonly axis = 1) {
    super();
  }

  /** `exp(x - x.max(axis))`, divided by its sum over `axis`. */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    let y = x.sub(x.max({ axis: this.axis, keepdims: true }));
    y = xp.exp(y);
    y.idiv(y.sum({ axis: this.axis, keepdims: true }));
    return y;
  }

  /** `y * gy - y * sum(y * gy)`, with `y` the recorded output. */
  override backward(gy: Variable): Variable {
    const y = this.outputs[0];
    let gx = y.mul(gy);
    const sumdx = gx.sum({ axis: this.axis, keepdims: true });
    gx = gx.sub(y.mul(sumdx));
    return gx;
  }
}

/**
 * The softmax of `x` over `axis` (default 1) as one graph node.
 *
 * @param x the operand
 * @param options `axis` (default 1)
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(F.softmax(np.array([[0, Math.log(3)]])).toString(), "variable([[0.25 0.75]])");
 * ```
 */
export function softmax(x: Operand, options: { axis?: number } = {}): Variable {
  const { axis = 1 } = options;
  return new Softmax(axis).call(x);
}

/**
 * `y = x - logsumexp(x)` over `axis`; the gradient is `gy - exp(y) * sum(gy)`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.LogSoftmax().forward(np.array([[0, 0]])).toString(), "[[-0.69314718 -0.69314718]]");
 * ```
 */
export class LogSoftmax extends Function {
  /** @param axis the axis to normalise over */
  constructor(readonly axis = 1) {
    super();
  }

  /** `x - utils.logsumexp(x, axis)`. */
  override forward(x: np.NDArray): np.NDArray {
    const logZ = utils.logsumexp(x, this.axis);
    const y = x.sub(logZ);
    return y;
  }

  /** `gy - exp(y) * gy.sum(axis)`, with `y` the recorded output. */
  override backward(gy: Variable): Variable {
    const y = this.outputs[0];
    const gx = gy.sub(exp(y).mul(gy.sum({ axis: this.axis, keepdims: true })));
    return gx;
  }
}

/**
 * The log of the softmax of `x` over `axis` (default 1), computed stably, as a graph node.
 *
 * @param x the operand
 * @param options `axis` (default 1)
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(F.logSoftmax(np.array([[1000, 1000]])).toString(), "variable([[-0.69314718 -0.69314718]])");
 * ```
 */
export function logSoftmax(x: Operand, options: { axis?: number } = {}): Variable {
  const { axis = 1 } = options;
  return new LogSoftmax(axis).call(x);
}

/**
 * `y = x` where `x > 0`, else `slope * x`; the gradient is `gy` times 1 or `slope`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.LeakyReLU(0.2).forward(np.array([-1, 2])).toString(), "[-0.2  2. ]");
 * ```
 */
export class LeakyReLU extends Function {
  /** @param slope the slope below 0 */
  constructor(readonly slope: number) {
    super();
  }

  /** `x`, with the elements `<= 0` multiplied by the slope. */
  override forward(x: np.NDArray): np.NDArray {
    const y = x.copy();
    const negative = x.le(0);
    y.set(negative, y.get(negative).mul(this.slope));
    return y;
  }

  /** `gy * mask`, the mask 1 where `x > 0`, else the slope. */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    const mask = x.data!.gt(0).astype(gy.dtype);
    mask.set(mask.le(0), this.slope);
    const gx = gy.mul(mask);
    return gx;
  }
}

/**
 * The leaky ReLU, `x` for `x > 0` and `slope * x` otherwise, as a graph node.
 *
 * @param x the operand
 * @param slope the slope below 0
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([-1.0, 2.0]));
 * F.leakyRelu(x).backward();
 * assert.equal(x.grad?.toString(), "variable([0.2 1. ])");
 * ```
 */
export function leakyRelu(x: Operand, slope = 0.2): Variable {
  return new LeakyReLU(slope).call(x);
}

// =============================================================================================
// loss function: meanSquaredError / softmaxCrossEntropy / sigmoidCrossEntropy /
// binaryCrossEntropy

/**
 * `sum((x0 - x1) ** 2) / len(x0 - x1)` from basic functions (the book's step 42 function, later
 * `mean_squared_error_simple`).
 *
 * @param x0 the prediction
 * @param x1 the target, of the same shape
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(F.meanSquaredErrorSimple(np.array([1, 2]), np.array([0, 0])).toString(), "variable(2.5)");
 * ```
 */
export function meanSquaredErrorSimple(x0: Operand, x1: Operand): Variable {
  const [v0, v1] = [asVariable(x0), asVariable(x1)];
  check.checkSameShapes("meanSquaredErrorSimple", v0.shape, v1.shape);
  const diff = v0.sub(v1);
  const y = sum(diff.pow(2)).div(diff.length);
  return y;
}

/**
 * `y = sum((x0 - x1) ** 2) / len(x0)`; the gradients are `±gy * (x0 - x1) * 2 / len`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.MeanSquaredError().forward(np.array([1, 2]), np.array([0, 0])).toString(), "2.5");
 * ```
 */
export class MeanSquaredError extends Function {
  /** `(x0 - x1) ** 2` summed, divided by the length, after checking the shapes are equal. */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    check.checkSameShapes("meanSquaredError", x0.shape, x1.shape);
    const diff = x0.sub(x1);
    const y = diff.pow(2).sum().div(diff.length);
    return y;
  }

  /** `[gy * diff * (2 / len), -that]`. */
  override backward(gy: Variable): [Variable, Variable] {
    const [x0, x1] = this.inputs;
    const diff = x0.sub(x1);
    const gx0 = gy.mul(diff).mul(2 / diff.length);
    const gx1 = gx0.neg();
    return [gx0, gx1];
  }
}

/**
 * The mean squared error of `x0` against `x1` (of the same shape) as one graph node.
 *
 * @param x0 the prediction
 * @param x1 the target
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[1.0], [2.0]]));
 * F.meanSquaredError(x, np.array([[0.0], [0.0]])).backward();
 * assert.equal(x.grad?.toString(), "variable([[1.]\n          [2.]])");
 * assert.throws(() => F.meanSquaredError(x, np.array([0.0, 0.0])), /broadcast to \(2, 2\)/);
 * ```
 */
export function meanSquaredError(x0: Operand, x1: Operand): Variable {
  return new MeanSquaredError().call(x0, x1);
}

/**
 * The cross entropy of the softmax of `x` (`(N, C)` scores) against the labels `t` (`N`
 * integers in `[0, C)`), from basic functions (the book's `softmax_cross_entropy_simple`).
 *
 * @param x the scores
 * @param t the labels
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const loss = F.softmaxCrossEntropySimple(np.array([[0, 0]]), np.array([1], "int64"));
 * assert.equal(loss.toString(), "variable(0.6931471805599453)");
 * ```
 */
export function softmaxCrossEntropySimple(x: Operand, t: Operand): Variable {
  const [xv, tv] = [asVariable(x), asVariable(t)];
  const labels = check.checkLabels("softmaxCrossEntropySimple", xv.data!, tv.data!);
  const N = xv.shape[0];
  let p = softmax(xv);
  p = clip(p, 1e-15, 1.0); // To avoid log(0)
  const logP = log(p);
  const tlogP = logP.get(np.arange(N), labels.indices);
  const y = sum(tlogP).rmul(-1).div(N);
  return y;
}

/**
 * `y = -mean(log softmax(x)[t])`; the gradient is `(softmax(x) - onehot(t)) * gy / N`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = new F.SoftmaxCrossEntropy().forward(np.array([[0, 0]]), np.array([0], "int64"));
 * assert.equal(y.toString(), "0.6931471805599453");
 * ```
 */
export class SoftmaxCrossEntropy extends Function {
  /** `-sum(log_p[arange(N), t]) / N`, with `log_p = x - logsumexp(x)`. */
  override forward(x: np.NDArray, t: np.NDArray): np.NDArray {
    const labels = check.checkLabels("softmaxCrossEntropy", x, t);
    const N = x.shape[0];
    const logZ = utils.logsumexp(x, 1);
    let logP = x.sub(logZ);
    logP = logP.get(np.arange(N), labels.ravelled);
    const y = logP.sum().neg().div(np.array(N, "float32"));
    return y;
  }

  /** `(softmax(x) - onehot(t)) * gy / N`, and no gradient for the labels `t`. */
  override backward(gy: Variable): [Variable, null] {
    const [x, t] = this.inputs;
    const [N, CLS_NUM] = x.shape;

    gy = gy.mul(1 / N);
    let y = softmax(x);
    // convert to one-hot
    const xp = cuda.getArrayModule(t.data);
    const labels = check.checkLabels("softmaxCrossEntropy", x.data!, t.data!);
    const tOnehot = xp.eye(CLS_NUM, { dtype: t.dtype }).get(labels.indices);
    y = y.sub(tOnehot).mul(gy);
    return [y, null]; // the book returns y alone: its zip leaves t without a gradient
  }
}

/**
 * The cross entropy of the softmax of the scores `x` (`(N, C)`) against the labels `t` (`N`
 * integers in `[0, C)`, int64 or integer-valued floats), as one graph node.
 *
 * @param x the scores
 * @param t the labels
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[0.0, 0.0]]));
 * F.softmaxCrossEntropy(x, np.array([1], "int64")).backward();
 * assert.equal(x.grad?.toString(), "variable([[ 0.5 -0.5]])");
 * assert.throws(() => F.softmaxCrossEntropy(x, np.array([2], "int64")), /label 2 .* 2 classes/);
 * ```
 */
export function softmaxCrossEntropy(x: Operand, t: Operand): Variable {
  return new SoftmaxCrossEntropy().call(x, t);
}

/**
 * The cross entropy of `sigmoid(x)` against 0/1 targets `t` (reshaped to `x`'s shape if needed).
 *
 * @param x the scores
 * @param t the targets
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = F.sigmoidCrossEntropy(np.array([[0.0]]), np.array([1], "int64"));
 * assert.equal(y.toString(), "variable(0.6931471805599453)");
 * ```
 */
export function sigmoidCrossEntropy(x: Operand, t: Operand): Variable {
  let [xv, tv] = [asVariable(x), asVariable(t)];
  if (xv.ndim !== tv.ndim) tv = tv.reshape(xv.shape);
  const N = xv.length;
  let p = sigmoid(xv);
  p = clip(p, 1e-15, 1.0);
  const tlogP = tv.mul(log(p)).add(tv.rsub(1).mul(log(p.rsub(1))));
  const y = sum(tlogP).rmul(-1).div(N);
  return y;
}

/**
 * The cross entropy of probabilities `p` against 0/1 targets `t`.
 *
 * @param p the probabilities
 * @param t the targets
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = F.binaryCrossEntropy(np.array([0.5]), np.array([1], "int64"));
 * assert.equal(y.toString(), "variable(0.6931471805599453)");
 * ```
 */
export function binaryCrossEntropy(p: Operand, t: Operand): Variable {
  let [pv, tv] = [asVariable(p), asVariable(t)];
  if (pv.ndim !== tv.ndim) tv = tv.reshape(pv.shape);
  const N = tv.length;
  pv = clip(pv, 1e-15, 0.999);
  const tlogP = tv.mul(log(pv)).add(tv.rsub(1).mul(log(pv.rsub(1))));
  const y = sum(tlogP).rmul(-1).div(N);
  return y;
}

// =============================================================================================
// accuracy / dropout

/**
 * The share of rows of `y` whose largest score is at the label `t` (not differentiable).
 *
 * @param y the scores, `(N, C)`
 * @param t the labels, `N` integers
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = np.array([[0.2, 0.8, 0], [0.1, 0.9, 0], [0.8, 0.1, 0.1]]);
 * assert.equal(F.accuracy(y, np.array([1, 2, 0], "int64")).toString(), "variable(0.6666666666666666)");
 * ```
 */
export function accuracy(y: Operand, t: Operand): Variable {
  const [yv, tv] = [asVariable(y), asVariable(t)];

  const pred = yv.data!.argmax({ axis: 1 }).reshape(tv.shape);
  const result = pred.eq(tv.data!);
  const acc = result.mean();
  return new Variable(acc);
}

/**
 * In training (`Config.train`), each element of `x` zeroed with probability `dropoutRatio`, the
 * others scaled by `1 / (1 - dropoutRatio)`; in test mode, `x` itself.
 *
 * @param x the operand
 * @param dropoutRatio the probability of zeroing an element
 *
 * @example
 * ```ts
 * import { F, np, testMode } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = np.ones([1000]);
 * const kept = F.dropout(x).data!;
 * assert.ok(kept.eq(0).mul(kept.eq(2)).sum().item() === 0); // each element 0 or 2
 * assert.equal(kept.eq(0).sum().item() + kept.eq(2).sum().item(), 1000);
 * assert.throws(() => F.dropout(x, 1), /\[0, 1\)/);
 * using _ = testMode();
 * assert.equal(F.dropout(np.ones([5])).toString(), "variable([1. 1. 1. 1. 1.])");
 * ```
 */
export function dropout(x: Operand, dropoutRatio = 0.5): Variable {
  if (typeof dropoutRatio !== "number" || !(dropoutRatio >= 0 && dropoutRatio < 1)) {
    // 1 would scale by 1 / 0 and give NaN where the book's NumPy warns.
    throw new RangeError(
      `F.dropout's dropoutRatio is the probability of dropping an element, a number in [0, 1), ` +
        `not ${describe(dropoutRatio)}`,
    );
  }
  const v = asVariable(x);

  if (Config.train) {
    const xp = cuda.getArrayModule(v);
    const mask = xp.random.rand(...v.shape).gt(dropoutRatio);
    const scale = xp.array(1.0 - dropoutRatio).astype(v.dtype);
    const y = v.mul(mask).div(scale);
    return y;
  } else {
    return v;
  }
}

// =============================================================================================
// max / min / clip

/**
 * `y = x.max(axis, keepdims)`; the gradient is `gy` where `x` equals the maximum, else 0.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Max().forward(np.array([1, 3, 2])).toString(), "3.0");
 * ```
 */
export class Max extends Function {
  /**
   * @param axis the axes to reduce (`null` for all)
   * @param keepdims whether to keep them with size 1
   */
  constructor(readonly axis: np.Axis = null, readonly keepdims = false) {
    super();
  }

  /** `x.max({ axis, keepdims })`. */
  override forward(x: np.NDArray): np.NDArray {
    const y = x.max({ axis: this.axis, keepdims: this.keepdims });
    return y;
  }

  /** `gy` broadcast to `x`'s shape, times the mask of where `x` equals `y`. */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    let y = this.outputs[0];

    const shape = utils.maxBackwardShape(x, this.axis);
    gy = reshape(gy, shape);
    y = reshape(y, shape);
    const cond = x.data!.eq(y.data!);
    gy = broadcastTo(gy, cond.shape);
    return gy.mul(cond);
  }
}

/**
 * `y = x.min(axis, keepdims)`; the gradient is `gy` where `x` equals the minimum, else 0.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Min().forward(np.array([1, 3, 2])).toString(), "1.0");
 * ```
 */
export class Min extends Max {
  /** `x.min({ axis, keepdims })`. */
  override forward(x: np.NDArray): np.NDArray {
    const y = x.min({ axis: this.axis, keepdims: this.keepdims });
    return y;
  }
}

/**
 * The largest element of `x` over `axis` (all axes by default) as a graph node.
 *
 * @param x the operand
 * @param options `axis` and `keepdims`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[1.0, 5.0], [3.0, 4.0]]));
 * F.max(x, { axis: 1 }).backward();
 * assert.equal(x.grad?.toString(), "variable([[0. 1.]\n          [0. 1.]])");
 * ```
 */
export function max(x: Operand, options: np.ReduceOptions = {}): Variable {
  const { axis = null, keepdims = false } = check.checkReduceOptions("F.max", options);
  return new Max(axis, keepdims).call(x);
}

/**
 * The smallest element of `x` over `axis` (all axes by default) as a graph node.
 *
 * @param x the operand
 * @param options `axis` and `keepdims`
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(F.min(np.array([[1, 5], [3, 4]]), { axis: 0 }).toString(), "variable([1. 4.])");
 * ```
 */
export function min(x: Operand, options: np.ReduceOptions = {}): Variable {
  const { axis = null, keepdims = false } = check.checkReduceOptions("F.min", options);
  return new Min(axis, keepdims).call(x);
}

/**
 * `y = x` limited to `[xMin, xMax]`; the gradient is `gy` where `x` lies inside, else 0.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Clip(0, 1).forward(np.array([-1, 0.5, 2])).toString(), "[0.  0.5 1. ]");
 * ```
 */
export class Clip extends Function {
  /**
   * @param xMin the lower bound
   * @param xMax the upper bound
   */
  constructor(readonly xMin: number, readonly xMax: number) {
    super();
  }

  /** `np.clip(x, xMin, xMax)`. */
  override forward(x: np.NDArray): np.NDArray {
    const xp = cuda.getArrayModule(x);
    const y = xp.clip(x, this.xMin, this.xMax);
    return y;
  }

  /** `gy * ((x >= xMin) * (x <= xMax))`. */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    const mask = x.data!.ge(this.xMin).mul(x.data!.le(this.xMax));
    const gx = gy.mul(mask);
    return gx;
  }
}

/**
 * `x` limited to `[xMin, xMax]` as a graph node.
 *
 * @param x the operand
 * @param xMin the lower bound
 * @param xMax the upper bound
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([-1.0, 0.5, 2.0]));
 * F.clip(x, 0, 1).backward();
 * assert.equal(x.grad?.toString(), "variable([0. 1. 0.])");
 * ```
 */
export function clip(x: Operand, xMin: number, xMax: number): Variable {
  return new Clip(xMin, xMax).call(x);
}

// =============================================================================================
// The functions `expr` calls by name

/**
 * What `expr` needs of a Function class `C` of one input and no parameters: `C` on a Variable
 * (a graph node) and on an array (its `forward`, for constants).
 *
 * @param C the Function class
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(F.exprFunction(F.Exp).onArray(np.array(0.0)).toString(), "1.0");
 * ```
 */
export function exprFunction(C: new () => Function): ExprFunction<Variable> {
  return {
    onVariable: (x) => new C().call(x) as Variable,
    onArray: (a) => new C().forward(a) as np.NDArray,
  };
}

/**
 * The elementwise functions that the full core's `expr` calls by name, in one list:
 * `` expr`sigmoid(${x}) * 2` ``. Add your own Function class to it with one line:
 * `F.exprFunctions.softplus = F.exprFunction(Softplus);`.
 *
 * @example
 * ```ts
 * import { expr, F, Function, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * class Twice extends Function {
 *   override forward(x: np.NDArray): np.NDArray {
 *     return x.mul(2);
 *   }
 *   override backward(gy: Variable): Variable {
 *     return gy.mul(2);
 *   }
 * }
 * F.exprFunctions.twice = F.exprFunction(Twice);
 * assert.equal(expr`twice(${new Variable(np.array(3.0))}) + 1`.toString(), "variable(7.0)");
 * ```
 */
export const exprFunctions: Record<string, ExprFunction<Variable>> = {
  sin: exprFunction(Sin),
  cos: exprFunction(Cos),
  tanh: exprFunction(Tanh),
  exp: exprFunction(Exp),
  log: exprFunction(Log),
  square: exprFunction(Square),
  sigmoid: exprFunction(Sigmoid),
  relu: exprFunction(ReLU),
};

// =============================================================================================
// batchNorm / embedId

/**
 * Batch normalization: each feature (a column of `(N, D)`, a channel of `(N, C, H, W)`) is
 * normalized to mean 0 and variance 1, then scaled by `gamma` and shifted by `beta`. In training
 * (`Config.train`) it uses the batch's mean and variance and updates the running averages
 * `avgMean` and `avgVar` in place (`avg = decay * avg + (1 - decay) * batch`, the variance made
 * unbiased); in test mode it uses the running averages. The gradients are those of the formula,
 * through the batch's mean and variance in training.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const [mean, variance] = [np.zeros([1]), np.ones([1])];
 * const f = new F.BatchNorm(mean, variance, 0.9, 0);
 * const y = f.forward(np.array([[1], [3]]), np.ones([1]), np.zeros([1]));
 * assert.equal(y.toString(), "[[-1.]\n [ 1.]]");
 * assert.equal(`${mean} ${variance}`, "[0.2] [1.1]"); // 0.9 * 0 + 0.1 * 2; 0.9 + 0.1 * 2
 * ```
 */
export class BatchNorm extends Function {
  /** `1 / sqrt(var + eps)` of the last forward, for backward. */
  invStd: np.NDArray | null = null;
  /** Whether the last forward ran in training mode. */
  train = true;

  /**
   * @param avgMean the running mean, `(D,)`, updated in place in training
   * @param avgVar the running variance, `(D,)`, updated in place in training
   * @param decay how much of the running averages each training step keeps
   * @param eps added to the variance, against division by zero
   */
  constructor(
    readonly avgMean: np.NDArray,
    readonly avgVar: np.NDArray,
    readonly decay = 0.9,
    readonly eps = 2e-5,
  ) {
    super();
    for (const [name, a] of [["mean", avgMean], ["var", avgVar]] as const) {
      if (!(a instanceof np.NDArray) || a.ndim !== 1) {
        throw new TypeError(
          `F.batchNorm: ${name} must be a 1-d NDArray (the running average, updated in place), ` +
            `not ${a instanceof np.NDArray ? `an array of shape (${a.shape})` : typeof a}`,
        );
      }
    }
    if (typeof decay !== "number" || typeof eps !== "number") {
      throw new TypeError("F.batchNorm: decay and eps are numbers");
    }
  }

  /**
   * `gamma * (x - mean) / sqrt(var + eps) + beta`, per feature.
   *
   * @param x the input, `(N, D)` or `(N, C, H, W)`
   * @param gamma the scale, `(D,)`
   * @param beta the shift, `(D,)`
   */
  override forward(x: np.NDArray, gamma: np.NDArray, beta: np.NDArray): np.NDArray {
    if (x.ndim !== 2 && x.ndim !== 4) {
      throw new np.ValueError(
        `F.batchNorm: x must be (N, D) or (N, C, H, W), got shape (${x.shape.join(", ")})`,
      );
    }
    const xNdim = x.ndim;
    const [N, C, H, W] = x.shape;
    if (xNdim === 4) x = x.transpose(0, 2, 3, 1).reshape(-1, C); // (N, C, H, W) -> (N*H*W, C)
    const D = x.shape[1];
    for (
      const [name, a] of [["gamma", gamma], ["beta", beta], ["mean", this.avgMean], [
        "var",
        this.avgVar,
      ]] as const
    ) {
      if (a.ndim !== 1 || a.shape[0] !== D) {
        throw new np.ValueError(
          `F.batchNorm: ${name} must have shape (${D},), one value per feature of x of shape ` +
            `(${[N, C, H, W].slice(0, xNdim).join(", ")}), got (${a.shape.join(", ")})`,
        );
      }
    }

    let xc: np.NDArray;
    this.train = Config.train;
    if (Config.train) {
      const mean = x.mean({ axis: 0 });
      const diff = x.sub(mean);
      const variance = diff.mul(diff).mean({ axis: 0 }); // x.var(axis=0)
      const invStd = np.divide(1, np.sqrt(variance.add(this.eps)));
      xc = diff.mul(invStd);

      const m = Math.floor(x.size / gamma.size);
      const s = m - 1 > 1 ? m - 1 : 1;
      const adjust = m / s; // unbiased estimation
      this.avgMean.imul(this.decay);
      this.avgMean.iadd(mean.mul(1 - this.decay));
      this.avgVar.imul(this.decay);
      this.avgVar.iadd(variance.mul((1 - this.decay) * adjust));
      this.invStd = invStd;
    } else {
      const invStd = np.divide(1, np.sqrt(this.avgVar.add(this.eps)));
      xc = x.sub(this.avgMean).mul(invStd);
      this.invStd = invStd; // the book keeps none, and its backward fails in test mode
    }
    let y = gamma.mul(xc).add(beta);

    if (xNdim === 4) y = y.reshape(N, H, W, C).transpose(0, 3, 1, 2); // back to (N, C, H, W)
    return y;
  }

  /**
   * `[gx, ggamma, gbeta]`: in training, through the batch's mean and variance; in test mode,
   * `gy * gamma / sqrt(avgVar + eps)` for `x`.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): [Variable, Variable, Variable] {
    const gyNdim = gy.ndim;
    const [N, C, H, W] = gy.shape;
    if (gyNdim === 4) gy = gy.transpose(0, 2, 3, 1).reshape(-1, C);

    let [x] = this.inputs;
    const gamma = this.inputs[1];
    const batchSize = gy.length;
    if (x.ndim === 4) x = x.transpose(0, 2, 3, 1).reshape(-1, C);
    const invStd = this.invStd;
    if (invStd === null) throw new Error("F.BatchNorm.backward() runs after its forward()");

    const center = this.train ? x.sum({ axis: 0 }).div(batchSize) : this.avgMean;
    const xc = x.sub(center).mul(invStd);
    const gbeta = sum(gy, { axis: 0 });
    const ggamma = sum(xc.mul(gy), { axis: 0 });
    let gx = this.train ? gy.sub(gbeta.div(batchSize)).sub(xc.mul(ggamma).div(batchSize)) : gy;
    gx = gx.mul(gamma.mul(invStd));

    if (gyNdim === 4) gx = gx.reshape(N, H, W, C).transpose(0, 3, 1, 2);
    return [gx, ggamma, gbeta];
  }
}

/**
 * Batch normalization of `x` (`(N, D)` or `(N, C, H, W)`) with the scale `gamma` and shift
 * `beta`, one per feature, and the running averages `mean` and `variance` (arrays, updated in
 * place in training; used in test mode). The book's `batch_nrom` (sic).
 *
 * @param x the input
 * @param gamma the scale
 * @param beta the shift
 * @param mean the running mean
 * @param variance the running variance
 * @param options `decay` (0.9) and `eps` (2e-5)
 *
 * @example
 * ```ts
 * import { F, np, testMode, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[1.0, 10.0], [3.0, 30.0]]));
 * const [gamma, beta] = [np.ones([2]), np.zeros([2])];
 * const [mean, variance] = [np.zeros([2]), np.ones([2])];
 * const y = F.batchNorm(x, gamma, beta, mean, variance, { eps: 0 });
 * assert.equal(y.toString(), "variable([[-1. -1.]\n          [ 1.  1.]])");
 * assert.equal(`${mean} ${variance}`, "[0.2 2. ] [ 1.1 20.9]"); // updated in place
 * using _ = testMode(); // normalizes with the running averages
 * const z = F.batchNorm(np.array([[0.2, 2.0]]), gamma, beta, mean, variance);
 * assert.ok(np.allclose(z.data!, np.zeros([1, 2])));
 * ```
 */
export function batchNorm(
  x: Operand,
  gamma: Operand,
  beta: Operand,
  mean: np.NDArray,
  variance: np.NDArray,
  options: { decay?: number; eps?: number } = {},
): Variable {
  const { decay = 0.9, eps = 2e-5 } = check.checkOptions(
    "F.batchNorm",
    options,
    ["decay", "eps"],
    "F.batchNorm(x, gamma, beta, mean, variance, { decay: 0.9, eps: 2e-5 })",
  );
  return new BatchNorm(mean, variance, decay, eps).call(x, gamma, beta);
}

/**
 * The rows of the embedding matrix `W` at the ids `x`: `W[x]`, a lookup whose gradient adds into
 * those rows (the book's `embed_id`).
 *
 * @param x the ids: an integer, or an int64 array of them
 * @param W the embedding matrix, `(vocabulary size, D)`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const W = new Variable(np.array([[0, 1], [2, 3], [4, 5]]));
 * const y = F.embedId(np.array([2, 0, 2], "int64"), W);
 * y.backward();
 * assert.equal(y.toString(), "variable([[4. 5.]\n          [0. 1.]\n          [4. 5.]])");
 * assert.equal(W.grad?.toString(), "variable([[1. 1.]\n          [0. 0.]\n          [2. 2.]])");
 * ```
 */
export function embedId(x: np.NDArray | number, W: Operand): Variable {
  if (!(typeof x === "number" || x instanceof np.NDArray)) {
    throw new TypeError(
      `F.embedId(x, W): x holds the ids, an integer or an int64 NDArray, not ${typeof x}`,
    );
  }
  return getItem(W, x);
}
