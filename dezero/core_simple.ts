/**
 * The core of DeZero as the book leaves it at the end of stage 2 (`dezero/core_simple.py`):
 * `Variable`, `Function`, the arithmetic functions and the configuration switches.
 *
 * The code is the consolidated result of steps 11–22 and computes the same numbers. It differs
 * where a package must scale or fail clearly, not where the steps teach:
 *
 * - `Variable.backward` takes the functions from a binary heap, in exactly the order of the book's
 *   sorted list (which steps 16–22 keep, as it is easier to read), but in O(log n) per function
 *   instead of a sort per insertion; see {@linkcode Variable.backward}.
 * - `backward()` on a variable without a creator seeds its gradient (the book's code fails there);
 *   an output nobody used contributes a zero gradient; a `backward` returning the wrong number of
 *   gradients is reported.
 * - The hot paths (`Function.call`, the backward loop) are plain loops without per-call closures.
 *
 * TypeScript has no operator overloading, so `x * 3.0` is written `x.mul(3.0)` and `3.0 * x` is
 * `x.rmul(3.0)`; the methods are patched onto `Variable.prototype` by {@linkcode setupVariable}
 * (the book's `Variable.__mul__ = mul`), which `mod.ts` calls once. For ordinary math notation,
 * see `expr` in `expr.ts`.
 *
 * @module
 */

import { typeName } from "./describe.ts";
import * as np from "./ndarray.ts";

// =============================================================================================
// Config

/**
 * Global switches. `enableBackprop` false (see {@linkcode noGrad}) makes functions compute without
 * recording the graph, which saves memory when no gradient is needed.
 *
 * @example
 * ```ts
 * import { Config } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(Config.enableBackprop, true);
 * ```
 */
export class Config {
  /** Whether functions record the graph (their inputs, outputs and generation) for backward. */
  static enableBackprop = true;
}

/**
 * Sets `Config[name]` to `value` until the returned object is disposed: the TypeScript form of
 * the book's `with using_config(name, value):`. The old value comes back at the end of the
 * `using` block, also when the block throws.
 *
 * @param name the setting to change
 * @param value its value inside the block
 *
 * @example
 * ```ts
 * import { Config, usingConfig } from "./mod.ts";
 * import assert from "node:assert/strict";
 * {
 *   using _ = usingConfig("enableBackprop", false);
 *   assert.equal(Config.enableBackprop, false);
 * }
 * assert.equal(Config.enableBackprop, true);
 * ```
 */
export function usingConfig(name: "enableBackprop", value: boolean): Disposable {
  const old = Config[name];
  Config[name] = value;
  return {
    [Symbol.dispose]() {
      Config[name] = old;
    },
  };
}

/**
 * Turns off graph recording until the returned object is disposed: `using _ = noGrad();` is the
 * book's `with no_grad():`.
 *
 * @example
 * ```ts
 * import { noGrad, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * {
 *   using _ = noGrad();
 *   const y = new Variable(np.array(2.0)).mul(3);
 *   assert.equal(y.creator, null);
 * }
 * ```
 */
export function noGrad(): Disposable {
  return usingConfig("enableBackprop", false);
}

// =============================================================================================
// Variable / Function

/** An operand of the arithmetic functions and methods: a Variable, an array or a number. */
export type Operand = Variable | np.NDArray | number;

/**
 * What `call` returns for a function `F`: one Variable if `F`'s `forward` returns one array, an
 * array of Variables if it returns several, and either when it may return both (as the base
 * class's does, so that every subclass stays assignable to `Function`).
 */
export type Outputs<F extends Function> = ReturnType<F["forward"]> extends np.NDArray ? Variable
  : ReturnType<F["forward"]> extends np.NDArray[] ? Variable[]
  : Variable | Variable[];

/**
 * A box around an `NDArray` that remembers the function that created it (`creator`), so that
 * `backward()` can compute the gradient of it with respect to every variable it came from.
 *
 * @example
 * ```ts
 * import { np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * const y = x.add(3).pow(2); // (x + 3) ** 2
 * y.backward();
 * assert.equal(y.toString(), "variable(16.0)");
 * assert.equal(x.grad?.item(), 8);
 * ```
 */
export class Variable {
  /** The value; `null` for an empty variable. */
  data: np.NDArray | null;
  /** An optional name, for the reader (the book uses it to label graphs). */
  name: string | null;
  /** The gradient computed by `backward()`, an array of `data`'s shape; `null` before. */
  grad: np.NDArray | null;
  /** The function that produced this variable; `null` for a variable made by the user. */
  creator: Function | null;
  /** How many functions lie between this variable and the user's inputs (0 for those). */
  generation: number;

  /**
   * Makes a variable holding `data`, without gradient or creator.
   *
   * @param data the value: an `NDArray` or `null` (numbers must be wrapped with `np.array`)
   * @param name an optional name
   * @throws {TypeError} when `data` is neither an `NDArray` nor `null`
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array([1, 2]), "x").name, "x");
   * assert.throws(() => new Variable(1.0 as unknown as np.NDArray), {
   *   name: "TypeError",
   *   message: "number is not supported",
   * });
   * ```
   */
  constructor(data: np.NDArray | null, name: string | null = null) {
    if (data !== null && !(data instanceof np.NDArray)) {
      throw new TypeError(`${typeName(data)} is not supported`);
    }
    this.data = data;
    this.name = name;
    this.grad = null;
    this.creator = null;
    this.generation = 0;
  }

  /**
   * The shape of `data`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.deepEqual(new Variable(np.zeros([2, 3])).shape, [2, 3]);
   * ```
   */
  get shape(): readonly number[] {
    return dataOf(this).shape;
  }

  /**
   * The number of dimensions of `data`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.zeros([2, 3])).ndim, 2);
   * ```
   */
  get ndim(): number {
    return dataOf(this).ndim;
  }

  /**
   * The number of elements of `data`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.zeros([2, 3])).size, 6);
   * ```
   */
  get size(): number {
    return dataOf(this).size;
  }

  /**
   * The element type of `data`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array([1, 2], "int64")).dtype, "int64");
   * ```
   */
  get dtype(): np.DType {
    return dataOf(this).dtype;
  }

  /**
   * The size of the first dimension of `data`, Python's `len(x)`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.zeros([4, 2])).length, 4);
   * ```
   */
  get length(): number {
    return dataOf(this).length;
  }

  /**
   * `variable(...)` around NumPy's printing of `data`, continuation lines indented to match:
   * the book's `__repr__`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(null).toString(), "variable(null)");
   * assert.equal(
   *   new Variable(np.array([[1, 2, 3], [4, 5, 6]], "int64")).toString(),
   *   "variable([[1 2 3]\n          [4 5 6]])",
   * );
   * ```
   */
  toString(): string {
    if (this.data === null) return "variable(null)";
    return "variable(" + String(this.data).replaceAll("\n", "\n" + " ".repeat(9)) + ")";
  }

  /** Makes `console.log(x)` print `toString()`, as Python's `print(x)` prints `repr(x)`. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /**
   * Records `func` as the creator of this variable, one generation after it.
   *
   * @param func the function whose output this variable is
   *
   * @example
   * ```ts
   * import { Add, np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * const y = new Variable(np.array(1.0));
   * const f = new Add();
   * f.generation = 4;
   * y.setCreator(f);
   * assert.equal(y.creator, f);
   * assert.equal(y.generation, 5);
   * ```
   */
  setCreator(func: Function): void {
    this.creator = func;
    this.generation = func.generation + 1;
  }

  /**
   * Forgets the gradient, so that the next `backward()` does not add to it.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * const x = new Variable(np.array(2.0));
   * x.add(x).backward();
   * x.cleargrad();
   * x.mul(x).backward();
   * assert.equal(x.grad?.item(), 4);
   * ```
   */
  cleargrad(): void {
    this.grad = null;
  }

  /**
   * Backpropagation: computes the gradient of this variable with respect to every variable of
   * its graph, adding it to their `grad` (so call `cleargrad()` to start afresh). The seed is
   * `grad` if set, else ones. Intermediate gradients are freed unless `retainGrad` is true.
   *
   * Functions run from the highest generation down, as in the book, so that a function runs only
   * after every function that uses its outputs. The book re-sorts a list after each insertion;
   * here a binary max-heap gives the same order in O(log n) per function, so a graph where many
   * functions wait at once (a sum of n products: n waiting) takes O(n log n), not O(n² log n).
   * Ties (equal generations) pop the function added last first, which is exactly the order of
   * the book's stable sort followed by `pop()`, so gradients are summed in the same order. The
   * loop is iterative: a chain of a million functions needs no deep stack.
   *
   * On a variable without a creator, `backward()` only seeds `grad` (the book's version fails
   * there).
   *
   * @param options `retainGrad`: keep the gradients of intermediate variables
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * const x = new Variable(np.array(3.0));
   * const a = x.pow(2);
   * const y = a.add(a); // 2 * x ** 2
   * y.backward({ retainGrad: true });
   * assert.equal(x.grad?.item(), 12);
   * assert.equal(a.grad?.item(), 2);
   * ```
   */
  backward({ retainGrad = false }: { retainGrad?: boolean } = {}): void {
    if (this.grad === null) this.grad = np.onesLike(dataOf(this));
    if (this.creator === null) return;

    const heap = new FunctionHeap();
    heap.pushOnce(this.creator);
    passesRunning++;
    try {
      while (heap.size > 0) {
        const f = heap.pop();
        const outputs = f.outputs;
        const gxs = outputs.length === 1
          ? f.backward(gradOf(outputs[0]))
          : f.backward(...outputs.map(gradOf));
        const inputs = f.inputs;
        if (gxs instanceof np.NDArray) {
          if (inputs.length !== 1) throw arityError(f, 1);
          accumulate(inputs[0], gxs, heap);
        } else {
          if (gxs.length !== inputs.length) throw arityError(f, gxs.length);
          for (let i = 0; i < inputs.length; i++) accumulate(inputs[i], gxs[i], heap);
        }
        if (!retainGrad) {
          for (let i = 0; i < outputs.length; i++) outputs[i].grad = null;
        }
      }
    } finally {
      passesRunning--;
    }
  }
}

/**
 * The operator methods that {@linkcode setupVariable} patches onto `Variable.prototype` (the
 * book's `Variable.__add__ = add` and so on). `x.op(other)` is `x op other`; `x.rop(other)` is
 * `other op x`, for when the left operand is not a Variable.
 */
export interface Variable {
  /**
   * `this + other`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(2.0)).add(3).toString(), "variable(5.0)");
   * ```
   */
  add(other: Operand): Variable;
  /**
   * `other + this` (the same graph as `add`, as the book's `__radd__ = add`).
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(2.0)).radd(3).toString(), "variable(5.0)");
   * ```
   */
  radd(other: Operand): Variable;
  /**
   * `this * other`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(2.0)).mul(3).toString(), "variable(6.0)");
   * ```
   */
  mul(other: Operand): Variable;
  /**
   * `other * this` (the same graph as `mul`, as the book's `__rmul__ = mul`).
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(2.0)).rmul(3).toString(), "variable(6.0)");
   * ```
   */
  rmul(other: Operand): Variable;
  /**
   * `-this`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(2.0)).neg().toString(), "variable(-2.0)");
   * ```
   */
  neg(): Variable;
  /**
   * `this - other`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(2.0)).sub(1).toString(), "variable(1.0)");
   * ```
   */
  sub(other: Operand): Variable;
  /**
   * `other - this`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(2.0)).rsub(1).toString(), "variable(-1.0)");
   * ```
   */
  rsub(other: Operand): Variable;
  /**
   * `this / other`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(12.0)).div(3).toString(), "variable(4.0)");
   * ```
   */
  div(other: Operand): Variable;
  /**
   * `other / this`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(12.0)).rdiv(24).toString(), "variable(2.0)");
   * ```
   */
  rdiv(other: Operand): Variable;
  /**
   * `this ** c`, for a constant exponent `c`.
   *
   * @example
   * ```ts
   * import { np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Variable(np.array(2.0)).pow(3).toString(), "variable(8.0)");
   * ```
   */
  pow(c: number): Variable;
}

// Backward passes started so far and running now (more than one when a Function's backward
// calls backward()); see FunctionHeap.
let passesStarted = 0;
let passesRunning = 0;
/**
 * Marks `f` as taken by backward pass number `pass`; false if it already was, undefined if `f`
 * cannot carry the mark (it is not a real Function instance).
 */
let takeOnce: (f: Function, pass: number) => boolean | undefined;

// What a function's inputs and outputs are before its first call: one shared, frozen empty list,
// so that creating a function allocates nothing more than the function itself.
const NONE = Object.freeze([]) as unknown as Variable[];

/**
 * A function of the graph. Subclasses implement `forward` (on arrays) and `backward` (gradients
 * of the inputs from the gradients of the outputs); `call` wraps `forward` and, while
 * `Config.enableBackprop` is true, records the connections that `Variable.backward` follows.
 *
 * Outputs are kept as plain references, not weak ones as in the book: V8's garbage collector
 * frees reference cycles (CPython's reference counting cannot, hence the book's `weakref`).
 *
 * @example
 * ```ts
 * import { Function, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * class Square extends Function {
 *   override forward(x: np.NDArray): np.NDArray {
 *     return x.pow(2);
 *   }
 *   override backward(gy: np.NDArray): np.NDArray {
 *     return this.inputs[0].data!.mul(2).mul(gy);
 *   }
 * }
 * const x = new Variable(np.array(3.0));
 * const y = new Square().call(x);
 * y.backward();
 * assert.equal(y.data?.item(), 9);
 * assert.equal(x.grad?.item(), 6);
 * ```
 */
export class Function {
  /** The input variables of the last `call` (recorded only while backprop is enabled). */
  inputs: Variable[];
  /** The output variables of the last `call` (recorded only while backprop is enabled). */
  outputs: Variable[];
  /** The largest generation among the inputs: `backward` runs later generations first. */
  generation: number;
  // The number of the last backward pass that took this function (see FunctionHeap).
  #pass = 0;

  static {
    takeOnce = (f, pass) => {
      if (!(#pass in f)) return undefined; // a Proxy or a look-alike: it has no mark
      if (f.#pass === pass) return false;
      f.#pass = pass;
      return true;
    };
  }

  /**
   * Makes a function; its `call` may then be applied to variables.
   *
   * @example
   * ```ts
   * import { Add } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Add().generation, 0);
   * ```
   */
  constructor() {
    this.inputs = NONE;
    this.outputs = NONE;
    this.generation = 0;
  }

  /**
   * Applies the function: Python's `__call__`. Arrays and numbers are wrapped into variables;
   * the result is one Variable when `forward` returns one array, else an array of Variables.
   *
   * @param inputs the arguments of `forward`
   * @throws {TypeError} when an input is a Variable without data
   *
   * @example
   * ```ts
   * import { Mul, np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * const y = new Mul().call(new Variable(np.array(2.0)), np.array(3.0));
   * assert.equal(y.toString(), "variable(6.0)");
   * ```
   */
  call(...inputs: Operand[]): Outputs<this> {
    // The rest array is fresh, so it becomes the list of input variables; forward gets its
    // arguments without a second array for one or two inputs, the common cases.
    const n = inputs.length;
    let generation = 0;
    for (let i = 0; i < n; i++) {
      const input = inputs[i];
      // asVariable, written out: this line runs for every input of every function.
      const v = input instanceof Variable ? input : new Variable(asArray(input));
      if (v.data === null) {
        throw new TypeError(`${this.constructor.name} needs inputs with data, not Variable(null)`);
      }
      inputs[i] = v;
      if (v.generation > generation) generation = v.generation;
    }
    const vars = inputs as Variable[];
    let ys: np.NDArray | np.NDArray[];
    if (n === 1) ys = this.forward(vars[0].data!);
    else if (n === 2) ys = this.forward(vars[0].data!, vars[1].data!);
    else ys = this.forward(...vars.map((v) => v.data!));
    // One output, the common case, has a path of its own: no map, no loop.
    if (ys instanceof np.NDArray) {
      const y = new Variable(ys);
      if (Config.enableBackprop) {
        this.generation = generation;
        y.setCreator(this);
        this.inputs = vars;
        this.outputs = [y];
      }
      return y as Outputs<this>;
    }
    const outputs = ys.map((y) => new Variable(asArray(y)));
    if (Config.enableBackprop) {
      this.generation = generation;
      for (const y of outputs) y.setCreator(this);
      this.inputs = vars;
      this.outputs = outputs;
    }
    return outputs as Outputs<this>;
  }

  /**
   * The computation on arrays; subclasses implement it. Return one array, or an array of arrays
   * for several outputs.
   *
   * @param _xs the input arrays
   * @throws {Error} always, in the base class (the book's `NotImplementedError`)
   *
   * @example
   * ```ts
   * import { Function, np } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.throws(() => new Function().forward(np.array(1)), {
   *   message: "Function.forward() is not implemented",
   * });
   * ```
   */
  forward(..._xs: np.NDArray[]): np.NDArray | np.NDArray[] {
    throw new Error(`${this.constructor.name}.forward() is not implemented`);
  }

  /**
   * The gradients of the inputs from those of the outputs; subclasses implement it. Return one
   * array for one input, else an array with one gradient per input.
   *
   * @param _gys the gradients of the outputs
   * @throws {Error} always, in the base class (the book's `NotImplementedError`)
   *
   * @example
   * ```ts
   * import { Function, np } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.throws(() => new Function().backward(np.array(1)), {
   *   message: "Function.backward() is not implemented",
   * });
   * ```
   */
  backward(..._gys: np.NDArray[]): np.NDArray | np.NDArray[] {
    throw new Error(`${this.constructor.name}.backward() is not implemented`);
  }
}

function dataOf(v: Variable): np.NDArray {
  if (v.data === null) throw new TypeError("variable(null) has no data");
  return v.data;
}

/** An output's gradient for `Function.backward`; an output nobody used contributes zeros. */
function gradOf(y: Variable): np.NDArray {
  return y.grad ?? np.zerosLike(dataOf(y));
}

function arityError(f: Function, got: number): TypeError {
  return new TypeError(
    `${f.constructor.name}.backward() returned ${got} gradient(s) for ${f.inputs.length} input(s)`,
  );
}

function accumulate(x: Variable, gx: np.NDArray, heap: FunctionHeap): void {
  // A new array, never an in-place update: x.grad may be the very array another variable holds.
  x.grad = x.grad === null ? gx : x.grad.add(gx);
  const creator = x.creator;
  if (creator !== null) heap.pushOnce(creator);
}

/**
 * A binary max-heap of functions keyed by (generation, insertion order): the function with the
 * highest generation comes out first, and among equal generations the one pushed last.
 * `pushOnce` skips a function this heap has already taken: the book's `seen_set`, one per
 * backward pass, so that a `backward()` run inside another one (say, from a Function's own
 * `backward`) cannot make the outer pass run a function twice.
 *
 * The seen set is kept without hashing: each pass has a number, and a function taken by the pass
 * is marked with it (a `Set` of functions took a sixth of the time of a scalar graph's backward).
 * A pass that starts while another is running keeps a real `Set` instead, so that it leaves the
 * marks of the outer pass alone; so does any pass for a creator that cannot carry a mark (a Proxy
 * of a Function, say).
 */
class FunctionHeap {
  readonly #pass = ++passesStarted;
  readonly #nested = passesRunning > 0;
  #seen: Set<Function> | null = null;
  // Parallel arrays: the functions and their keys, so that comparisons read plain numbers.
  #items: Function[] = [];
  #gens: number[] = [];
  #seqs: number[] = [];
  #pushed = 0;

  get size(): number {
    return this.#items.length;
  }

  pushOnce(f: Function): void {
    const taken = this.#nested ? undefined : takeOnce(f, this.#pass);
    if (taken === false) return;
    if (taken === undefined) {
      const seen = this.#seen ??= new Set();
      if (seen.has(f)) return;
      seen.add(f);
    }
    this.push(f);
  }

  push(f: Function): void {
    const items = this.#items;
    const gens = this.#gens;
    const seqs = this.#seqs;
    const gen = f.generation;
    const seq = this.#pushed++;
    let i = items.length;
    items.push(f);
    gens.push(gen);
    seqs.push(seq);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pg = gens[parent];
      if (pg > gen || (pg === gen && seqs[parent] > seq)) break;
      items[i] = items[parent];
      gens[i] = pg;
      seqs[i] = seqs[parent];
      i = parent;
    }
    items[i] = f;
    gens[i] = gen;
    seqs[i] = seq;
  }

  pop(): Function {
    const items = this.#items;
    const gens = this.#gens;
    const seqs = this.#seqs;
    const top = items[0];
    const last = items.pop()!;
    const gen = gens.pop()!;
    const seq = seqs.pop()!;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const right = child + 1;
        if (
          right < n &&
          (gens[right] > gens[child] || (gens[right] === gens[child] && seqs[right] > seqs[child]))
        ) {
          child = right;
        }
        const cg = gens[child];
        if (cg < gen || (cg === gen && seqs[child] < seq)) break;
        items[i] = items[child];
        gens[i] = cg;
        seqs[i] = seqs[child];
        i = child;
      }
      items[i] = last;
      gens[i] = gen;
      seqs[i] = seq;
    }
    return top;
  }
}

/**
 * Wraps an `NDArray`, or a number (through {@linkcode asArray}), into a Variable; a Variable is
 * returned as is. The book's `as_variable`; it converts numbers with `as_array` in each function
 * instead, which builds the same graph.
 *
 * @param obj a Variable, an array or a number
 *
 * @example
 * ```ts
 * import { asVariable, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * assert.equal(asVariable(x), x);
 * assert.equal(asVariable(np.array(2.0)).toString(), "variable(2.0)");
 * assert.equal(asVariable(3).toString(), "variable(3.0)");
 * ```
 */
export function asVariable(obj: Operand): Variable {
  return obj instanceof Variable ? obj : new Variable(asArray(obj));
}

/**
 * Wraps a number into a 0-d float64 `NDArray`; anything else is returned as is (the book's
 * `as_array`).
 *
 * @param x a number or an array
 *
 * @example
 * ```ts
 * import { asArray, np } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(asArray(3).toString(), "3.0");
 * const a = np.array([1, 2]);
 * assert.equal(asArray(a), a);
 * ```
 */
export function asArray(x: np.NDArray | number): np.NDArray {
  return typeof x === "number" ? np.array(x) : x;
}

// =============================================================================================
// Arithmetic

/**
 * `y = x0 + x1`; both gradients are `gy`.
 *
 * @example
 * ```ts
 * import { Add, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * new Add().call(x, np.array(5.0)).backward();
 * assert.equal(x.grad?.item(), 1);
 * ```
 */
export class Add extends Function {
  /**
   * `x0 + x1`.
   *
   * @param x0 the left operand
   * @param x1 the right operand
   *
   * @example
   * ```ts
   * import { Add, np } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Add().forward(np.array(2.0), np.array(3.0)).toString(), "5.0");
   * ```
   */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    return x0.add(x1);
  }

  /**
   * `[gy, gy]`.
   *
   * @param gy the gradient of the output
   *
   * @example
   * ```ts
   * import { Add, np } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Add().backward(np.array(1.0)).length, 2);
   * ```
   */
  override backward(gy: np.NDArray): np.NDArray[] {
    return [gy, gy];
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
 * import { add, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = add(x, 3);
 * y.backward();
 * assert.equal(y.toString(), "variable(5.0)");
 * assert.equal(x.grad?.item(), 1);
 * ```
 */
export function add(x0: Operand, x1: Operand): Variable {
  return new Add().call(x0, x1);
}

/**
 * `y = x0 * x1`; the gradients are `gy * x1` and `gy * x0`.
 *
 * @example
 * ```ts
 * import { Mul, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * new Mul().call(x, np.array(5.0)).backward();
 * assert.equal(x.grad?.item(), 5);
 * ```
 */
export class Mul extends Function {
  /**
   * `x0 * x1`.
   *
   * @param x0 the left operand
   * @param x1 the right operand
   *
   * @example
   * ```ts
   * import { Mul, np } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Mul().forward(np.array(2.0), np.array(3.0)).toString(), "6.0");
   * ```
   */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    return x0.mul(x1);
  }

  /**
   * `[gy * x1, gy * x0]`, from the recorded inputs.
   *
   * @param gy the gradient of the output
   *
   * @example
   * ```ts
   * import { mul, np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * const y = mul(new Variable(np.array(2.0)), 3);
   * assert.equal(String(y.creator!.backward(np.array(1.0))), "3.0,2.0");
   * ```
   */
  override backward(gy: np.NDArray): np.NDArray[] {
    const inputs = this.inputs;
    return [gy.mul(dataOf(inputs[1])), gy.mul(dataOf(inputs[0]))];
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
 * import { mul, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = mul(x, 3);
 * y.backward();
 * assert.equal(y.toString(), "variable(6.0)");
 * assert.equal(x.grad?.item(), 3);
 * ```
 */
export function mul(x0: Operand, x1: Operand): Variable {
  return new Mul().call(x0, x1);
}

/**
 * `y = -x`; the gradient is `-gy`.
 *
 * @example
 * ```ts
 * import { Neg, np } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new Neg().forward(np.array(2.0)).toString(), "-2.0");
 * ```
 */
export class Neg extends Function {
  /**
   * `-x`.
   *
   * @param x the operand
   *
   * @example
   * ```ts
   * import { Neg, np } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Neg().forward(np.array(1.5)).toString(), "-1.5");
   * ```
   */
  override forward(x: np.NDArray): np.NDArray {
    return x.neg();
  }

  /**
   * `-gy`.
   *
   * @param gy the gradient of the output
   *
   * @example
   * ```ts
   * import { Neg, np } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Neg().backward(np.array(1.0)).toString(), "-1.0");
   * ```
   */
  override backward(gy: np.NDArray): np.NDArray {
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
 * import { neg, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = neg(x);
 * y.backward();
 * assert.equal(y.toString(), "variable(-2.0)");
 * assert.equal(x.grad?.item(), -1);
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
 * import { np, Sub } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(String(new Sub().backward(np.array(1.0))), "1.0,-1.0");
 * ```
 */
export class Sub extends Function {
  /**
   * `x0 - x1`.
   *
   * @param x0 the left operand
   * @param x1 the right operand
   *
   * @example
   * ```ts
   * import { np, Sub } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Sub().forward(np.array(2.0), np.array(3.0)).toString(), "-1.0");
   * ```
   */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    return x0.sub(x1);
  }

  /**
   * `[gy, -gy]`.
   *
   * @param gy the gradient of the output
   *
   * @example
   * ```ts
   * import { np, Sub } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Sub().backward(np.array(2.0))[1].toString(), "-2.0");
   * ```
   */
  override backward(gy: np.NDArray): np.NDArray[] {
    return [gy, gy.neg()];
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
 * import { np, sub, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * assert.equal(sub(x, 1.0).toString(), "variable(1.0)");
 * ```
 */
export function sub(x0: Operand, x1: Operand): Variable {
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
 * import { np, rsub, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * assert.equal(rsub(x, 2.0).toString(), "variable(0.0)");
 * ```
 */
export function rsub(x0: Operand, x1: Operand): Variable {
  return sub(x1, x0);
}

/**
 * `y = x0 / x1`; the gradients are `gy / x1` and `gy * (-x0 / x1 ** 2)`.
 *
 * @example
 * ```ts
 * import { Div, np } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new Div().forward(np.array(1.0), np.array(4.0)).toString(), "0.25");
 * ```
 */
export class Div extends Function {
  /**
   * `x0 / x1`.
   *
   * @param x0 the dividend
   * @param x1 the divisor
   *
   * @example
   * ```ts
   * import { Div, np } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Div().forward(np.array(24.0), np.array(12.0)).toString(), "2.0");
   * ```
   */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    return x0.div(x1);
  }

  /**
   * `[gy / x1, gy * (-x0 / x1 ** 2)]`, from the recorded inputs.
   *
   * @param gy the gradient of the output
   *
   * @example
   * ```ts
   * import { div, np, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * const y = div(new Variable(np.array(1.0)), 2);
   * assert.equal(String(y.creator!.backward(np.array(1.0))), "0.5,-0.25");
   * ```
   */
  override backward(gy: np.NDArray): np.NDArray[] {
    const x0 = dataOf(this.inputs[0]);
    const x1 = dataOf(this.inputs[1]);
    return [gy.div(x1), gy.mul(x0.neg().div(x1.pow(2)))];
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
 * import { div, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(div(new Variable(np.array(12.0)), 3.0).toString(), "variable(4.0)");
 * ```
 */
export function div(x0: Operand, x1: Operand): Variable {
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
 * import { np, rdiv, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(rdiv(new Variable(np.array(12.0)), 24.0).toString(), "variable(2.0)");
 * ```
 */
export function rdiv(x0: Operand, x1: Operand): Variable {
  return div(x1, x0);
}

/**
 * `y = x ** c` for a constant `c`; the gradient is `c * x ** (c - 1) * gy`.
 *
 * @example
 * ```ts
 * import { np, Pow } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new Pow(3).forward(np.array(2.0)).toString(), "8.0");
 * ```
 */
export class Pow extends Function {
  /** The exponent. */
  c: number;

  /**
   * Makes the function `x ** c`.
   *
   * @param c the exponent
   *
   * @example
   * ```ts
   * import { Pow } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Pow(2).c, 2);
   * ```
   */
  constructor(c: number) {
    super();
    this.c = c;
  }

  /**
   * `x ** c`.
   *
   * @param x the base
   *
   * @example
   * ```ts
   * import { np, Pow } from "./mod.ts";
   * import assert from "node:assert/strict";
   * assert.equal(new Pow(0.5).forward(np.array(9.0)).toString(), "3.0");
   * ```
   */
  override forward(x: np.NDArray): np.NDArray {
    return x.pow(this.c);
  }

  /**
   * `c * x ** (c - 1) * gy`, from the recorded input.
   *
   * @param gy the gradient of the output
   *
   * @example
   * ```ts
   * import { np, pow, Variable } from "./mod.ts";
   * import assert from "node:assert/strict";
   * const y = pow(new Variable(np.array(2.0)), 3);
   * assert.equal(y.creator!.backward(np.array(1.0)).toString(), "12.0");
   * ```
   */
  override backward(gy: np.NDArray): np.NDArray {
    const c = this.c;
    const x = dataOf(this.inputs[0]);
    // x ** 1 is x: for the common square, skip computing (and allocating) a copy of x. The
    // product is written from x (x ** (c - 1) * c, the same number as c * x ** (c - 1)) so that
    // a 0-d x takes NDArray.mul's scalar shortcut.
    return (c === 2 ? x : x.pow(c - 1)).mul(c).mul(gy);
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
 * import { np, pow, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = pow(x, 3);
 * y.backward();
 * assert.equal(y.toString(), "variable(8.0)");
 * assert.equal(x.grad?.item(), 12);
 * ```
 */
export function pow(x: Operand, c: number): Variable {
  return new Pow(c).call(x);
}

/**
 * Patches the operator methods onto `Variable.prototype`: `add`, `radd`, `mul`, `rmul`, `neg`,
 * `sub`, `rsub`, `div`, `rdiv`, `pow` (the book's `setup_variable`). `mod.ts` calls it once;
 * calling it again changes nothing.
 *
 * @example
 * ```ts
 * import { np, setupVariable, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * setupVariable();
 * const x = new Variable(np.array(2.0));
 * assert.equal(x.rsub(1).toString(), "variable(-1.0)");
 * ```
 */
export function setupVariable(): void {
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
}
