/**
 * The full core of DeZero, as step 32 leaves it (the book's `dezero/core.py` at that step): the
 * backward pass itself builds a graph, so that a gradient can be differentiated again.
 *
 * Since `core_simple.ts` (stage 2), three things change, and they are the lesson of step 32
 * (`deno task diff core_simple core` shows each line that changed):
 *
 * - A Variable's `grad` is a Variable, not an array: the seed is `new Variable(np.onesLike(data))`.
 * - Each Function's `backward` computes with Variables (`gy.mul(x1)`, not `gy.mul(x1.data)`), so
 *   that, while recording is on, the gradient gets a graph of its own.
 * - `backward({ createGraph })` runs every function's backward with recording
 *   (`Config.enableBackprop`) set to `createGraph`: off by default, since most gradients are
 *   never differentiated again; on for higher-order derivatives (step 33 on).
 *
 * Everything else is stage 2's: `Config`, `usingConfig`, `noGrad` and `asArray` are those of
 * `core_simple.ts` (one switch for both cores), the backward order comes from the same heap, and
 * bad input gets the same errors. The package's differences from the book are those of
 * `core_simple.ts` too: `backward()` on a leaf seeds its gradient, an output nobody used
 * contributes zeros, a `backward` returning the wrong number of gradients (or, here, arrays
 * instead of Variables) is reported. One difference is new: `Pow(0)`'s gradient is 0, also at
 * x = 0, where the book's `0 * x ** -1` gives NaN (with a NumPy warning): higher derivatives of
 * `x ** 2` at 0 need it.
 *
 * Stage 4 (steps 37–51) brings it to the book's final `core.py`: `Config.train` and `testMode()`;
 * Variable's tensor methods (`reshape`, `transpose`, `T`, `sum`, `get` for `x[...]`, `matmul`,
 * `dot`, `max`, `min`), `unchain` and `unchainBackward`; `Parameter`; and arithmetic that
 * broadcasts in both directions: `Add`, `Mul`, `Sub` and `Div` sum each gradient back to its
 * input's shape (step 40). Every backward's gradients are checked to have their inputs' shapes.
 *
 * The operator methods are patched onto `Variable.prototype` by {@linkcode setupVariable}, which
 * `full.ts` calls once, with the functions module: the book's core reaches `dezero.functions` at
 * run time (`dezero.functions.sum_to(...)`), and so does this one, through the object
 * {@linkcode dezero} that `setupVariable` fills (a module cannot import the module that imports
 * it).
 *
 * Step 52 adds the GPU, as the book's final `core.py` does: `toGpu()` and `toCpu()` move a
 * Variable's data (`toCpu()` awaits, since WebGPU reads back asynchronously: see `cuda.ts`); the
 * seed and the zeros of `backward` are made by `xp = cuda.getArrayModule(data)`, and the
 * arithmetic functions turn a number into an array where the other operand is
 * (`asArray(x1, cuda.getArrayModule(x0))`).
 *
 * @module
 */

import * as check from "./_checks.ts";
import { GenerationHeap } from "./_heap.ts";
import { Config, usingConfig } from "./core_simple.ts";
import * as cuda from "./cuda.ts";
import * as np from "./np/mod.ts";

export { Config, noGrad, usingConfig } from "./core_simple.ts";

/**
 * Wraps a plain number in a 0-d array of `arrayModule` (`np` by default, or `cuda.gpu`); an array
 * passes through (the book's `as_array`).
 *
 * @param x a number or an array
 * @param arrayModule the module that makes the array
 *
 * @example
 * ```ts
 * import { asArray, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(asArray(3).toString(), "3.0"); // NumPy's float64, as np.array(3.0)
 * const a = np.array([1, 2]);
 * assert.equal(asArray(a), a);
 * ```
 */
export function asArray(x: np.NDArray | number, arrayModule: cuda.ArrayModule = np): np.NDArray {
  return np.isScalar(x) ? arrayModule.array(x) : x;
}

/**
 * `x1` as the arithmetic functions take it: a number becomes an array where `x0` is, as the book's
 * `as_array(x1, get_array_module(x0.data))`. On the CPU the number is left for `call` to wrap
 * (the same array; a number passed on is faster than an array made here).
 */
function besides(x1: Operand, x0: Operand): Operand {
  if (typeof x1 !== "number") return x1;
  const xp = cuda.getArrayModule(x0);
  return xp === np ? x1 : asArray(x1, xp);
}

/**
 * Switches to test mode (`Config.train` false) until disposed: `using _ = testMode();` is the
 * book's `with test_mode():`, under which `F.dropout` passes its input through.
 *
 * @example
 * ```ts
 * import { Config, testMode } from "./full.ts";
 * import assert from "node:assert/strict";
 * {
 *   using _ = testMode();
 *   assert.equal(Config.train, false);
 * }
 * assert.equal(Config.train, true);
 * ```
 */
export function testMode(): Disposable {
  return usingConfig("train", false);
}

/** The functions of `functions.ts` that the core calls: the book's `dezero.functions`. */
export interface CoreFunctions {
  /** `F.reshape`. */
  reshape(x: Operand, shape: readonly number[]): Variable;
  /** `F.transpose`. */
  transpose(x: Operand, axes?: readonly number[] | null): Variable;
  /** `F.sum`. */
  sum(x: Operand, options?: np.ReduceOptions): Variable;
  /** `F.sumTo`. */
  sumTo(x: Operand, shape: readonly number[]): Variable;
  /** `F.getItem`. */
  getItem(x: Operand, ...index: np.IndexItem[]): Variable;
  /** `F.matmul`. */
  matmul(x: Operand, W: Operand): Variable;
  /** `F.max`. */
  max(x: Operand, options?: np.ReduceOptions): Variable;
  /** `F.min`. */
  min(x: Operand, options?: np.ReduceOptions): Variable;
}

/**
 * The book's `dezero` as `core.py` sees it at run time: `dezero.functions` is set by
 * {@linkcode setupVariable}, which `full.ts` calls with `functions.ts`.
 *
 * @example
 * ```ts
 * import { dezero, F } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(dezero.functions.sumTo, F.sumTo);
 * ```
 */
export const dezero: { functions: CoreFunctions } = {
  functions: new Proxy({} as CoreFunctions, {
    get() {
      throw new Error(
        "dezero/core.ts is used before setupVariable(F): import the package from dezero/full.ts",
      );
    },
  }),
};

/** Whether two shapes are equal: Python's `x0.shape != x1.shape` is `!sameShape(...)`. */
function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * A box around an `NDArray` that remembers the function that created it, so that `backward()`
 * can compute the gradient of it with respect to every variable it came from. The gradient is a
 * Variable, which may itself have a creator: differentiate it again for a higher derivative.
 *
 * @example
 * ```ts
 * import { np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = x.pow(4).sub(x.pow(2).rmul(2)); // x ** 4 - 2 * x ** 2, step 33's function
 * y.backward({ createGraph: true });
 * assert.equal(x.grad?.toString(), "variable(24.0)"); // 4x³ - 4x
 * const gx = x.grad!;
 * x.cleargrad();
 * gx.backward();
 * assert.equal(x.grad?.toString(), "variable(44.0)"); // 12x² - 4
 * ```
 */
export class Variable {
  /** The value; `null` for an empty variable. */
  data: np.NDArray | null;
  /** An optional name, for the reader (the book uses it to label graphs). */
  name: string | null;
  /** The gradient computed by `backward()`, a Variable of `data`'s shape; `null` before. */
  grad: Variable | null = null;
  /** The function that produced this variable; `null` for a variable made by the user. */
  creator: Function | null = null;
  /** How many functions lie between this variable and the user's inputs (0 for those). */
  generation = 0;

  /** Makes a variable holding `data`: an `NDArray` or `null` (wrap numbers with `np.array`). */
  constructor(data: np.NDArray | null, name: string | null = null) {
    if (data !== null && !(data instanceof np.NDArray)) {
      throw check.notSupported(data, check.FULL_VARIABLE);
    }
    this.data = data;
    this.name = name;
  }

  // A Variable without data has no shape (...): they throw, as they raise AttributeError in the book.
  /** The shape of `data`. */
  get shape(): readonly number[] {
    return this.data!.shape;
  }

  /** The number of dimensions of `data`. */
  get ndim(): number {
    return this.data!.ndim;
  }

  /** The number of elements of `data`. */
  get size(): number {
    return this.data!.size;
  }

  /** The element type of `data`. */
  get dtype(): np.DType {
    return this.data!.dtype;
  }

  /** The size of the first dimension of `data`, Python's `len(x)`. */
  get length(): number {
    return this.data!.length;
  }

  /** `variable(...)` around NumPy's printing of `data`: the book's `__repr__`. */
  toString(): string {
    if (this.data === null) return "variable(null)";
    const p = String(this.data).replaceAll("\n", "\n" + " ".repeat(9));
    return "variable(" + p + ")";
  }

  /** Makes `console.log(x)` print `toString()`, as Python's `print(x)` prints `repr(x)`. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /** Strings give the printed form; `x * y`, `-x`, `x < y` throw and name the method to use. */
  [Symbol.toPrimitive](hint: string): string {
    return check.toPrimitive(this, hint);
  }

  /** `JSON.stringify(x)` writes `x.data`'s nested lists (not the graph behind x). */
  toJSON(): np.NestedArray | null {
    return this.data === null ? null : this.data.toArray();
  }

  /** Records `func` as the creator of this variable, one generation after it. */
  setCreator(func: Function): void {
    this.creator = func;
    this.generation = func.generation + 1;
  }

  /**
   * Forgets the gradient, so that the next `backward()` does not add to it. Step 33 calls it
   * between the two passes: the second pass must start from a clean `grad`.
   */
  cleargrad(): void {
    this.grad = null;
  }

  /** Cuts this variable from the function that made it: `backward` stops here. */
  unchain(): void {
    this.creator = null;
  }

  /**
   * Cuts every variable of the graph behind this one from its creator, so that the graph can be
   * freed (the truncated backpropagation of steps 59–60).
   *
   * @example
   * ```ts
   * import { np, Variable } from "./full.ts";
   * import assert from "node:assert/strict";
   * const x = new Variable(np.array(1.0));
   * const h = x.mul(2).add(1);
   * const y = h.mul(3);
   * y.unchainBackward();
   * assert.equal(h.creator, null);
   * assert.notEqual(y.creator, null);
   * ```
   */
  unchainBackward(): void {
    if (this.creator !== null) {
      const funcs = [this.creator];
      while (funcs.length > 0) {
        const f = funcs.pop()!;
        for (const x of f.inputs) {
          if (x.creator !== null) {
            funcs.push(x.creator);
            x.unchain();
          }
        }
      }
    }
  }

  /**
   * The same elements in another shape: `x.reshape(2, 3)` or `x.reshape([2, 3])` (`F.reshape`).
   *
   * @example
   * ```ts
   * import { np, Variable } from "./full.ts";
   * import assert from "node:assert/strict";
   * const x = new Variable(np.array([[1, 2, 3], [4, 5, 6]]));
   * assert.deepEqual(x.reshape(6).shape, [6]);
   * assert.deepEqual(x.reshape([3, 2]).shape, [3, 2]);
   * ```
   */
  reshape(...shape: number[] | [readonly number[]]): Variable {
    const dims = shape.length === 1 && Array.isArray(shape[0]) ? shape[0] : shape as number[];
    return dezero.functions.reshape(this, dims);
  }

  /**
   * The axes permuted: reversed by default, else `x.transpose(1, 0, 2)` (`F.transpose`).
   *
   * @example
   * ```ts
   * import { np, Variable } from "./full.ts";
   * import assert from "node:assert/strict";
   * const x = new Variable(np.zeros([2, 3, 4]));
   * assert.deepEqual(x.transpose().shape, [4, 3, 2]);
   * assert.deepEqual(x.transpose(1, 0, 2).shape, [3, 2, 4]);
   * ```
   */
  transpose(...axes: number[] | [readonly number[] | null]): Variable {
    const list = axes.length === 0
      ? null
      : axes.length === 1 && (Array.isArray(axes[0]) || axes[0] === null)
      ? axes[0]
      : axes as number[];
    return dezero.functions.transpose(this, list);
  }

  /** The transpose, `x.T` (`F.transpose`). */
  get T(): Variable {
    return dezero.functions.transpose(this);
  }

  /**
   * The sum over `axis` (all axes by default): `x.sum({ axis: 0, keepdims: true })` (`F.sum`).
   *
   * @example
   * ```ts
   * import { np, Variable } from "./full.ts";
   * import assert from "node:assert/strict";
   * const x = new Variable(np.array([[1, 2, 3], [4, 5, 6]], "int64"));
   * assert.equal(x.sum({ axis: 0 }).toString(), "variable([5 7 9])");
   * ```
   */
  sum(options: np.ReduceOptions = {}): Variable {
    return dezero.functions.sum(this, options);
  }

  /**
   * Moves `data` to the CPU, once the GPU has computed it (the book's `to_cpu`; asynchronous,
   * since WebGPU reads back asynchronously: `await x.toCpu()`). Data on the CPU stays.
   *
   * @example
   * ```ts
   * import { cuda, np, Variable } from "./full.ts";
   * import assert from "node:assert/strict";
   * const x = new Variable(np.array([1, 2], "float32"));
   * if (await cuda.init()) {
   *   x.toGpu();
   *   const y = x.mul(2);
   *   await y.toCpu();
   *   assert.equal(y.toString(), "variable([2. 4.])");
   * }
   * ```
   */
  async toCpu(): Promise<void> {
    if (this.data !== null) this.data = await cuda.asNumpy(this.data);
  }

  /**
   * Moves `data` to the GPU (the book's `to_gpu`): after `await cuda.init()` found one, else an
   * error that says why. float64 data becomes float32, the GPU's float.
   *
   * @example
   * ```ts
   * import { cuda, np, Variable } from "./full.ts";
   * import assert from "node:assert/strict";
   * const x = new Variable(np.array([1, 2], "float32"));
   * if (await cuda.init()) {
   *   x.toGpu();
   *   assert.equal(cuda.getArrayModule(x), cuda.gpu);
   * } else {
   *   assert.throws(() => x.toGpu(), /no GPU/);
   * }
   * ```
   */
  toGpu(): void {
    if (this.data !== null) this.data = cuda.asGpu(this.data);
  }

  /**
   * Backpropagation: computes the gradient of this variable with respect to every variable of
   * its graph, adding it to their `grad` (so call `cleargrad()` to start afresh). The seed is
   * `grad` if set, else a Variable of ones. Intermediate gradients are freed unless `retainGrad`
   * is true.
   *
   * Each function's `backward` runs with recording set to `createGraph` (the old setting comes
   * back afterwards, also when a `backward` throws). With `createGraph: false`, the default, the
   * gradients are plain values without creators; with `true`, the computation of each gradient
   * is recorded, so `x.grad.backward()` differentiates it again.
   *
   * Functions run from the highest generation down, taken from the same heap as in
   * `core_simple.ts` (the book's sorted list, in O(log n) per function), each once per pass.
   *
   * @param options `retainGrad`: keep the gradients of intermediate variables; `createGraph`:
   *   record the backward computation
   * @throws {TypeError} when a function's `backward` returns the wrong number of gradients, or
   *   something other than Variables
   */
  backward(options: { retainGrad?: boolean; createGraph?: boolean } = {}): void {
    const { retainGrad = false, createGraph = false } = check.checkFlags("backward()", options, [
      "retainGrad",
      "createGraph",
    ]);
    if (this.creator === null && !Config.enableBackprop) throw check.recordingOffError(this.name);
    if (this.grad === null && this.data !== null) {
      const xp = cuda.getArrayModule(this.data);
      this.grad = new Variable(xp.onesLike(this.data));
    }
    check.checkSeed(this.grad, this.data, VARIABLE); // a grad set by hand

    const funcs = new GenerationHeap<Function>();
    const seen = new Set<Function>();
    const addFunc = (f: Function): void => {
      if (!seen.has(f)) {
        funcs.push(f);
        seen.add(f);
      }
    };

    if (this.creator !== null) addFunc(this.creator);
    while (funcs.length > 0) {
      const f = funcs.pop()!;
      const gys = f.outputs.map(gradOf);

      {
        using _ = usingConfig("enableBackprop", createGraph);
        const gxs = check.gradientsOf(f, f.backward(...gys), GRADIENT);
        for (const [i, x] of f.inputs.entries()) {
          const gx = gxs[i];
          if (gx === null) continue;
          // A new Variable, never an update in place: x.grad may be the very Variable another
          // variable holds as its gradient.
          x.grad = x.grad === null ? gx : x.grad.add(gx);
          if (x.creator !== null) addFunc(x.creator);
        }
      }

      if (!retainGrad) {
        for (const y of f.outputs) y.grad = null;
      }
    }
  }
}

/**
 * A Variable that is a parameter of a model (a weight or a bias): `Layer` collects them for
 * `params()`, and optimizers update them.
 *
 * @example
 * ```ts
 * import { np, Parameter, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const W = new Parameter(np.array([1.0, 2.0]), "W");
 * assert.ok(W instanceof Variable);
 * assert.equal(W.mul(2).toString(), "variable([2. 4.])");
 * ```
 */
export class Parameter extends Variable {}

const NDARRAY: check.Kind<np.NDArray> = { is: (x) => x instanceof np.NDArray, name: "NDArray" };

/** Whether `x` is an operand of a function: a Variable of this core or an NDArray. */
function isOperand(x: unknown): boolean {
  return x instanceof Variable || x instanceof np.NDArray;
}
const VARIABLE: check.Kind<Variable> = { is: (x) => x instanceof Variable, name: "Variable" };
// A backward may give `null` for an input that takes no gradient, as the labels of a loss: the
// book's losses return fewer gradients than inputs, and its `zip` drops the rest.
const GRADIENT: check.Kind<Variable | null> = {
  is: (x) => x instanceof Variable || x === null,
  name: "Variable",
};

/** An operand of the arithmetic functions and methods: a Variable, an array or a number. */
export type Operand = Variable | np.NDArray | number;

/**
 * Wraps an `NDArray`, or a number (through {@linkcode asArray}), into a Variable; a Variable is
 * returned as is (the book's `as_variable`).
 *
 * @param obj a Variable, an array or a number
 *
 * @example
 * ```ts
 * import { asVariable, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * assert.equal(asVariable(x), x);
 * assert.equal(asVariable(3).toString(), "variable(3.0)");
 * ```
 */
export function asVariable(obj: Operand): Variable {
  return obj instanceof Variable ? obj : new Variable(asArray(obj));
}

/** An output's gradient for `Function.backward`; an output nobody used contributes zeros. */
function gradOf(y: Variable): Variable {
  return y.grad ?? new Variable(cuda.getArrayModule(y.data).zerosLike(y.data!));
}

/**
 * What `call` returns for a function `F`: one Variable if `F`'s `forward` returns one array, an
 * array of Variables if it returns several, and either when it may return both (as the base
 * class's does, so that every subclass stays assignable to `Function`).
 */
export type Outputs<F extends Function> = ReturnType<F["forward"]> extends np.NDArray ? Variable
  : ReturnType<F["forward"]> extends np.NDArray[] ? Variable[]
  : Variable | Variable[];

/**
 * A function of the graph. Subclasses implement `forward` (on arrays) and `backward` (on
 * Variables: the gradients of the inputs from those of the outputs, computed with the operations
 * of this module and of `functions.ts`, so that the computation can be recorded); `call` wraps
 * `forward` and, while `Config.enableBackprop` is true, records the connections that
 * `Variable.backward` follows.
 *
 * Outputs are kept as plain references, not weak ones as in the book: V8's garbage collector
 * frees reference cycles (CPython's reference counting cannot, hence the book's `weakref`).
 *
 * @example
 * ```ts
 * import { Function, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * class Cube extends Function {
 *   override forward(x: np.NDArray): np.NDArray {
 *     return x.pow(3);
 *   }
 *   override backward(gy: Variable): Variable {
 *     const x = this.inputs[0];
 *     return x.pow(2).rmul(3).mul(gy); // in Variables: recorded under createGraph
 *   }
 * }
 * const x = new Variable(np.array(2.0));
 * new Cube().call(x).backward({ createGraph: true });
 * const gx = x.grad!; // 3x² = 12
 * x.cleargrad();
 * gx.backward();
 * assert.equal(x.grad?.data?.item(), 12); // 6x
 * ```
 */
export class Function {
  /** The input variables of the last `call` (recorded only while backprop is enabled). */
  inputs: Variable[] = [];
  /** The output variables of the last `call` (recorded only while backprop is enabled). */
  outputs: Variable[] = [];
  /** The largest generation among the inputs: `backward` runs later generations first. */
  generation = 0;

  /**
   * Applies the function: Python's `__call__`. Arrays and numbers are wrapped into variables;
   * the result is one Variable when `forward` returns one array, else an array of Variables.
   *
   * @throws {TypeError} when an input is a Variable without data
   */
  call(...operands: Operand[]): Outputs<this> {
    check.checkArity(this, this.forward, operands.length);
    check.checkOperands(this, operands, isOperand, check.FULL_VARIABLE);
    const inputs = operands.map((x) => asVariable(x));
    check.noteConstants(operands, inputs); // their gradients may keep a broadcast shape
    const xs = inputs.map((x) => x.data);
    if (xs.includes(null)) throw check.inputWithoutData(this); // out of the closure: faster warm-up
    const ys = this.forward(...xs as np.NDArray[]);
    const outputs = check.outputsOf(this, ys, NDARRAY).map((y) => new Variable(y));

    if (Config.enableBackprop) {
      this.generation = Math.max(...inputs.map((x) => x.generation));
      for (const output of outputs) output.setCreator(this);
      this.inputs = inputs;
      this.outputs = outputs;
    }
    return (Array.isArray(ys) ? outputs : outputs[0]) as Outputs<this>;
  }

  /**
   * The computation on arrays; subclasses implement it. Return one array, or an array of arrays
   * for several outputs.
   *
   * @param _xs the input arrays
   * @throws {Error} always, in the base class (the book's `NotImplementedError`)
   */
  forward(..._xs: np.NDArray[]): np.NDArray | np.NDArray[] {
    throw check.notImplemented(this, "forward");
  }

  /**
   * The gradients of the inputs from those of the outputs, as Variables; subclasses implement
   * it. Return one Variable for one input, else an array with one gradient per input (`null`
   * for an input that takes none, such as a loss's labels).
   *
   * @param _gys the gradients of the outputs
   * @throws {Error} always, in the base class (the book's `NotImplementedError`)
   */
  backward(..._gys: Variable[]): Variable | (Variable | null)[] {
    throw check.notImplemented(this, "backward");
  }
}

/**
 * `y = x0 + x1`; both gradients are `gy`.
 *
 * @example
 * ```ts
 * import { Add, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * new Add().call(x, np.array(5.0)).backward();
 * assert.equal(x.grad?.data?.item(), 1);
 * ```
 */
export class Add extends Function {
  /** The inputs' shapes, for broadcasting's backward. */
  x0Shape: readonly number[] = [];
  /** The inputs' shapes, for broadcasting's backward. */
  x1Shape: readonly number[] = [];

  /** `x0 + x1`. */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    [this.x0Shape, this.x1Shape] = [x0.shape, x1.shape];
    const y = x0.add(x1);
    return y;
  }

  /** `[gy, gy]`, each summed back to its input's shape where the input was broadcast. */
  override backward(gy: Variable): [Variable, Variable] {
    let [gx0, gx1] = [gy, gy];
    if (!sameShape(this.x0Shape, this.x1Shape)) { // for broadcast
      gx0 = dezero.functions.sumTo(gx0, this.x0Shape);
      gx1 = dezero.functions.sumTo(gx1, this.x1Shape);
    }
    return [gx0, gx1];
  }
}

/**
 * `x0 + x1` as a graph node (`x1` may be a number).
 *
 * @param x0 the left operand
 * @param x1 the right operand
 *
 * @example
 * ```ts
 * import { add, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(add(new Variable(np.array(2.0)), 3).toString(), "variable(5.0)");
 * ```
 */
export function add(x0: Operand, x1: Operand): Variable {
  x1 = besides(x1, x0);
  return new Add().call(x0, x1);
}

/**
 * `y = x0 * x1`; the gradients are `gy * x1` and `gy * x0`, products of Variables.
 *
 * @example
 * ```ts
 * import { Mul, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * new Mul().call(x, np.array(5.0)).backward();
 * assert.equal(x.grad?.data?.item(), 5);
 * ```
 */
export class Mul extends Function {
  /** `x0 * x1`. */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.mul(x1);
    return y;
  }

  /** `[gy * x1, gy * x0]`, from the recorded inputs, summed back to their shapes. */
  override backward(gy: Variable): [Variable, Variable] {
    const [x0, x1] = this.inputs;
    let gx0 = gy.mul(x1);
    let gx1 = gy.mul(x0);
    if (!sameShape(x0.shape, x1.shape)) { // for broadcast
      gx0 = dezero.functions.sumTo(gx0, x0.shape);
      gx1 = dezero.functions.sumTo(gx1, x1.shape);
    }
    return [gx0, gx1];
  }
}

/**
 * `x0 * x1` as a graph node (`x1` may be a number).
 *
 * @param x0 the left operand
 * @param x1 the right operand
 *
 * @example
 * ```ts
 * import { mul, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(mul(new Variable(np.array(2.0)), 3).toString(), "variable(6.0)");
 * ```
 */
export function mul(x0: Operand, x1: Operand): Variable {
  x1 = besides(x1, x0);
  return new Mul().call(x0, x1);
}

/**
 * `y = -x`; the gradient is `-gy`.
 *
 * @example
 * ```ts
 * import { Neg, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new Neg().forward(np.array(2.0)).toString(), "-2.0");
 * ```
 */
export class Neg extends Function {
  /** `-x`. */
  override forward(x: np.NDArray): np.NDArray {
    return x.neg();
  }

  /** `-gy`. */
  override backward(gy: Variable): Variable {
    return gy.neg();
  }
}

/**
 * `-x` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { neg, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(neg(new Variable(np.array(2.0))).toString(), "variable(-2.0)");
 * ```
 */
export function neg(x: Operand): Variable {
  return new Neg().call(x);
}

/**
 * `y = x0 - x1`; the gradients are `gy` and `-gy`.
 *
 * @example
 * ```ts
 * import { np, Sub } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new Sub().forward(np.array(2.0), np.array(3.0)).toString(), "-1.0");
 * ```
 */
export class Sub extends Function {
  /** The inputs' shapes, for broadcasting's backward. */
  x0Shape: readonly number[] = [];
  /** The inputs' shapes, for broadcasting's backward. */
  x1Shape: readonly number[] = [];

  /** `x0 - x1`. */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    [this.x0Shape, this.x1Shape] = [x0.shape, x1.shape];
    const y = x0.sub(x1);
    return y;
  }

  /** `[gy, -gy]`, each summed back to its input's shape where the input was broadcast. */
  override backward(gy: Variable): [Variable, Variable] {
    let gx0 = gy;
    let gx1 = gy.neg();
    if (!sameShape(this.x0Shape, this.x1Shape)) { // for broadcast
      gx0 = dezero.functions.sumTo(gx0, this.x0Shape);
      gx1 = dezero.functions.sumTo(gx1, this.x1Shape);
    }
    return [gx0, gx1];
  }
}

/**
 * `x0 - x1` as a graph node (`x1` may be a number).
 *
 * @param x0 the left operand
 * @param x1 the right operand
 *
 * @example
 * ```ts
 * import { np, sub, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(sub(new Variable(np.array(2.0)), 1.0).toString(), "variable(1.0)");
 * ```
 */
export function sub(x0: Operand, x1: Operand): Variable {
  x1 = besides(x1, x0);
  return new Sub().call(x0, x1);
}

/**
 * `x1 - x0` as a graph node: `sub` with the operands swapped, for `2.0 - x` (`x.rsub(2.0)`).
 *
 * @param x0 the right operand of the subtraction
 * @param x1 the left operand of the subtraction
 *
 * @example
 * ```ts
 * import { np, rsub, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(rsub(new Variable(np.array(2.0)), 2.0).toString(), "variable(0.0)");
 * ```
 */
export function rsub(x0: Operand, x1: Operand): Variable {
  x1 = besides(x1, x0);
  return sub(x1, x0);
}

/**
 * `y = x0 / x1`; the gradients are `gy / x1` and `gy * (-x0 / x1 ** 2)`.
 *
 * @example
 * ```ts
 * import { Div, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new Div().forward(np.array(1.0), np.array(4.0)).toString(), "0.25");
 * ```
 */
export class Div extends Function {
  /** `x0 / x1`. */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.div(x1);
    return y;
  }

  /** `[gy / x1, gy * (-x0 / x1 ** 2)]`, from the recorded inputs, summed back to their shapes. */
  override backward(gy: Variable): [Variable, Variable] {
    const [x0, x1] = this.inputs;
    let gx0 = gy.div(x1);
    let gx1 = gy.mul(x0.neg().div(x1.pow(2)));
    if (!sameShape(x0.shape, x1.shape)) { // for broadcast
      gx0 = dezero.functions.sumTo(gx0, x0.shape);
      gx1 = dezero.functions.sumTo(gx1, x1.shape);
    }
    return [gx0, gx1];
  }
}

/**
 * `x0 / x1` as a graph node (`x1` may be a number).
 *
 * @param x0 the dividend
 * @param x1 the divisor
 *
 * @example
 * ```ts
 * import { div, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(div(new Variable(np.array(12.0)), 3.0).toString(), "variable(4.0)");
 * ```
 */
export function div(x0: Operand, x1: Operand): Variable {
  x1 = besides(x1, x0);
  return new Div().call(x0, x1);
}

/**
 * `x1 / x0` as a graph node: `div` with the operands swapped, for `24.0 / x` (`x.rdiv(24.0)`).
 *
 * @param x0 the divisor
 * @param x1 the dividend
 *
 * @example
 * ```ts
 * import { np, rdiv, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(rdiv(new Variable(np.array(12.0)), 24.0).toString(), "variable(2.0)");
 * ```
 */
export function rdiv(x0: Operand, x1: Operand): Variable {
  x1 = besides(x1, x0);
  return div(x1, x0);
}

/**
 * `y = x ** c` for a constant `c`; the gradient is `c * x ** (c - 1) * gy`.
 *
 * @example
 * ```ts
 * import { np, Pow } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new Pow(3).forward(np.array(2.0)).toString(), "8.0");
 * ```
 */
export class Pow extends Function {
  /** The exponent. */
  c: number;

  /** Makes the function `x ** c`. */
  constructor(c: number) {
    super();
    this.c = check.checkExponent(c);
  }

  /** `x ** c`. */
  override forward(x: np.NDArray): np.NDArray {
    const y = x.pow(this.c);
    return y;
  }

  /** `c * x ** (c - 1) * gy`, from the recorded input; `0 * gy` for `c = 0`. */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    const c = this.c;
    // x ** 0 is 1 everywhere, also at 0: its gradient is 0, where the formula gives
    // 0 * 0 ** -1 = NaN at x = 0 (reached by differentiating x ** 2 three times, say).
    if (c === 0) return gy.mul(0);
    const gx = x.pow(c - 1).rmul(c).mul(gy);
    return gx;
  }
}

/**
 * `x ** c` as a graph node, for a constant exponent `c`.
 *
 * @param x the base
 * @param c the exponent
 *
 * @example
 * ```ts
 * import { np, pow, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(pow(new Variable(np.array(2.0)), 3).toString(), "variable(8.0)");
 * ```
 */
export function pow(x: Operand, c: number): Variable {
  return new Pow(c).call(x);
}

/**
 * The methods that {@linkcode setupVariable} patches onto `Variable.prototype` (the book's
 * `Variable.__add__ = add` and so on). `x.op(other)` is `x op other`; `x.rop(other)` is
 * `other op x`, for when the left operand is not a Variable. `x.get(...index)` is `x[index]`.
 */
export interface Variable {
  /** `this + other`. */
  add(other: Operand): Variable;
  /** `other + this` (the same graph as `add`, as the book's `__radd__ = add`). */
  radd(other: Operand): Variable;
  /** `this * other`. */
  mul(other: Operand): Variable;
  /** `other * this` (the same graph as `mul`, as the book's `__rmul__ = mul`). */
  rmul(other: Operand): Variable;
  /** `-this`. */
  neg(): Variable;
  /** `this - other`. */
  sub(other: Operand): Variable;
  /** `other - this`. */
  rsub(other: Operand): Variable;
  /** `this / other`. */
  div(other: Operand): Variable;
  /** `other / this`. */
  rdiv(other: Operand): Variable;
  /** `this ** c`, for a constant exponent `c`. */
  pow(c: number): Variable;
  /** `this[index]` (`F.getItem`): `x.get(1)`, `x.get(np.slice(), 2)`, `x.get(np.arange(N), t)`. */
  get(...index: np.IndexItem[]): Variable;
  /** The book's `Variable.__getitem__`, the same as {@linkcode Variable.get}. */
  getItem(...index: np.IndexItem[]): Variable;
  /** `this @ W` (`F.matmul`). */
  matmul(W: Operand): Variable;
  /** `this @ W` (`F.matmul`), as the book's `Variable.dot = matmul`. */
  dot(W: Operand): Variable;
  /** The largest element over `axis` (`F.max`). */
  max(options?: np.ReduceOptions): Variable;
  /** The smallest element over `axis` (`F.min`). */
  min(options?: np.ReduceOptions): Variable;
}

/**
 * Patches the methods onto `Variable.prototype` (the book's `setup_variable`): the operators
 * `add`, `radd`, `mul`, `rmul`, `neg`, `sub`, `rsub`, `div`, `rdiv`, `pow`, and, from the
 * functions module it is given, `get`/`getItem`, `matmul`, `dot`, `max` and `min`; it also
 * makes that module the core's `dezero.functions`. `full.ts` calls it once with `F`; calling it
 * again changes nothing.
 *
 * @param functions the functions module (`functions.ts`)
 *
 * @example
 * ```ts
 * import { F, np, setupVariable, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * setupVariable(F);
 * assert.equal(new Variable(np.array(2.0)).rsub(1).toString(), "variable(-1.0)");
 * ```
 */
export function setupVariable(functions: CoreFunctions): void {
  dezero.functions = functions;
  Object.defineProperty(Variable.prototype, check.BRAND, { value: check.FULL_VARIABLE });
  const proto = Variable.prototype;
  proto.add = function (this: Variable, other: Operand): Variable {
    return add(this, other);
  };
  proto.radd = proto.add;
  proto.mul = function (this: Variable, other: Operand): Variable {
    return mul(this, other);
  };
  proto.rmul = proto.mul;
  proto.neg = function (this: Variable): Variable {
    return neg(this);
  };
  proto.sub = function (this: Variable, other: Operand): Variable {
    return sub(this, other);
  };
  proto.rsub = function (this: Variable, other: Operand): Variable {
    return rsub(this, other);
  };
  proto.div = function (this: Variable, other: Operand): Variable {
    return div(this, other);
  };
  proto.rdiv = function (this: Variable, other: Operand): Variable {
    return rdiv(this, other);
  };
  proto.pow = function (this: Variable, c: number): Variable {
    return pow(this, c);
  };
  proto.get = function (this: Variable, ...index: np.IndexItem[]): Variable {
    return functions.getItem(this, ...index);
  };
  proto.getItem = proto.get;
  proto.matmul = function (this: Variable, W: Operand): Variable {
    return functions.matmul(this, W);
  };
  proto.dot = proto.matmul;
  proto.max = function (this: Variable, options?: np.ReduceOptions): Variable {
    return functions.max(this, options);
  };
  proto.min = function (this: Variable, options?: np.ReduceOptions): Variable {
    return functions.min(this, options);
  };
}
