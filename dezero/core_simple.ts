/**
 * The core of DeZero as the book leaves it at the end of stage 2 (`dezero/core_simple.py`): the
 * code of `steps/step22.ts` moved into a file (`deno task diff 22 core_simple` shows each line
 * that changed), with these deliberate differences:
 *
 * - `Variable.backward` takes the functions from a binary heap (`_heap.ts`) instead of sorting its
 *   list after each insertion: the same order, ties included (the highest generation first; among
 *   equal ones, the one added last), in O(log n) per function instead of a sort.
 * - What plain JavaScript lets through is an error that says what to write (`_checks.ts`): an
 *   operator on a Variable, an unknown option or setting, a forgotten `using`, what a Function
 *   returns, a seed set by hand, an exponent that is not a number. An output that no later
 *   function used contributes a zero gradient (step 22, like the book, fails on its `null` grad).
 * - The operator methods are patched onto `Variable.prototype` by {@linkcode setupVariable} (the
 *   book's `setup_variable`), which `mod.ts` calls once, instead of at the end of the file.
 *
 * @module
 */
import * as check from "./_checks.ts";
import { GenerationHeap } from "./_heap.ts";
import * as np from "./np/mod.ts";

/**
 * Global settings. `enableBackprop` off ({@linkcode noGrad}) saves the memory of a graph.
 *
 * @example
 * ```ts
 * import { Config } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(Config.enableBackprop, true); // the default: every call records the graph
 * ```
 */
export class Config {
  /** Whether functions record their inputs, outputs and generation for `backward`. */
  static enableBackprop = true;
  /** Training (true) or test mode: stage 5's dropout and batch norm (`testMode()`) read it. */
  static train = true;
}

/**
 * Sets `Config[name]` to `value` until disposed: with `using` (Python's `with`), the old value
 * comes back when the block exits, also when it throws.
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
export function usingConfig(name: "enableBackprop" | "train", value: boolean): Disposable {
  check.checkConfig(name, value, Config);
  const oldValue = Config[name];
  Config[name] = value;
  return {
    [Symbol.dispose]() {
      Config[name] = oldValue;
    },
  };
}

/**
 * Turns off graph recording until disposed: `using _ = noGrad();` is the book's `with no_grad():`.
 * @example
 * ```ts
 * import { noGrad, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * {
 *   using _ = noGrad();
 *   assert.equal(x.mul(3).creator, null);
 * }
 * assert.notEqual(x.mul(3).creator, null);
 * ```
 */
export function noGrad(): Disposable {
  check.noteNoGrad();
  return usingConfig("enableBackprop", false);
}

/**
 * A box holding an array, its gradient, the function that created it and its generation.
 * @example
 * ```ts
 * import { np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * const y = x.add(3).pow(2); // (x + 3) ** 2
 * y.backward();
 * assert.equal(y.toString(), "variable(16.0)");
 * assert.equal(x.grad?.toString(), "8.0"); // 2 * (x + 3)
 * ```
 */
export class Variable {
  /** The value; `null` for an empty variable. */
  data: np.NDArray | null;
  /** An optional name, for the reader (the book uses it to label graphs). */
  name: string | null;
  /** The gradient computed by `backward()`, of `data`'s shape; `null` before. */
  grad: np.NDArray | null = null;
  /** The function that produced this variable; `null` for a variable made by the user. */
  creator: Function | null = null;
  /** One more than its creator's generation; 0 for a variable made by the user. */
  generation = 0;

  /** Holds `data`, an `NDArray` or `null`; other data is the book's TypeError (`np.array(1.0)`). */
  constructor(data: np.NDArray | null, name: string | null = null) {
    if (data !== null && !(data instanceof np.NDArray)) {
      throw check.notSupported(data, check.SIMPLE_VARIABLE);
    }
    this.data = data;
    this.name = name;
  }

  // The array's properties; a Variable without data has none (they throw: AttributeError).
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

  /** The size of the first dimension, like Python's `len(x)`. */
  get length(): number {
    return this.data!.length;
  }

  /** `variable(...)` around the array's text, continuation lines indented to line up. */
  toString(): string {
    if (this.data === null) return "variable(null)";
    const p = String(this.data).replaceAll("\n", "\n" + " ".repeat(9));
    return "variable(" + p + ")";
  }

  /** Makes `console.log(x)` print `toString()`, as Python's `print(x)` prints `__repr__`. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /** Strings give the printed form; `x * y`, `-x`, `x < y` throw and name the method to use. */
  [Symbol.toPrimitive](hint: string): string {
    return check.toPrimitive(this, hint);
  }

  /** `JSON.stringify(x)` writes `x.data`'s nested lists, not the graph behind x. */
  toJSON(): np.NestedArray | null {
    return this.data === null ? null : this.data.toArray();
  }

  /** Records `func` as the creator of this variable, one generation after it. */
  setCreator(func: Function): void {
    this.creator = func;
    this.generation = func.generation + 1;
  }

  /** Forgets the gradient, before the variable is used in a new computation. */
  cleargrad(): void {
    this.grad = null;
  }

  /**
   * Backpropagates from this variable (its grad defaults to ones) to the graph's inputs, adding to
   * their `grad`, highest generation first; intermediate grads are freed unless `retainGrad`.
   */
  backward(options: { retainGrad?: boolean } = {}): void {
    const { retainGrad = false } = check.checkFlags("backward()", options, ["retainGrad"]);
    if (this.creator === null && !Config.enableBackprop) throw check.recordingOffError(this.name);
    if (this.grad === null && this.data !== null) {
      this.grad = np.onesLike(this.data);
    }
    check.checkSeed(this.grad, this.data, NDARRAY); // a grad set by hand

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
      const gxs = check.gradientsOf(f, f.backward(...gys), NDARRAY);

      for (const [i, x] of f.inputs.entries()) {
        const gx = gxs[i];
        x.grad = x.grad === null ? gx : x.grad.add(gx);
        if (x.creator !== null) addFunc(x.creator);
      }

      if (!retainGrad) {
        for (const y of f.outputs) y.grad = null;
      }
    }
  }
}

const NDARRAY: check.Kind<np.NDArray> = { is: (x) => x instanceof np.NDArray, name: "NDArray" };

/** Whether `x` is an operand of a function: a Variable of this core or an NDArray. */
function isOperand(x: unknown): boolean {
  return x instanceof Variable || x instanceof np.NDArray;
}

/** What the functions and operator methods take: a Variable, an array or a plain number. */
export type Operand = Variable | np.NDArray | number;

/**
 * Wraps a plain number in a 0-d array; an array passes through (the book's `as_array`).
 * @example
 * ```ts
 * import { asArray, np } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(asArray(3).toString(), "3.0"); // NumPy's float64, as np.array(3.0)
 * const a = np.array([1, 2]);
 * assert.equal(asArray(a), a);
 * ```
 */
export function asArray(x: np.NDArray | number): np.NDArray {
  return np.isScalar(x) ? np.array(x) : x;
}

/**
 * Wraps an array, or a number, in a Variable; a Variable passes through. The book converts numbers
 * in each function (`as_array`); doing it here lets every function take a number anywhere.
 *
 * @example
 * ```ts
 * import { asVariable, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * assert.equal(asVariable(x), x); // the same Variable, so its gradient is x's
 * assert.equal(asVariable(3).toString(), "variable(3.0)");
 * ```
 */
export function asVariable(obj: Operand): Variable {
  return obj instanceof Variable ? obj : new Variable(asArray(obj));
}

/** An output's gradient for `Function.backward`; an output nobody used contributes zeros. */
function gradOf(y: Variable): np.NDArray {
  return y.grad ?? np.zerosLike(y.data!);
}

/** What `call` returns for `F`: a Variable if `F.forward` returns an array, else a list of them. */
export type Outputs<F extends Function> = ReturnType<F["forward"]> extends np.NDArray ? Variable
  : ReturnType<F["forward"]> extends np.NDArray[] ? Variable[]
  // The base class itself (or a subclass typed only as Function) may return either.
  : Variable | Variable[];

/**
 * The base class of every function. `call` wraps `forward` and, while `Config.enableBackprop`,
 * records the graph. Outputs are plain references, not the book's `weakref`: V8's garbage
 * collector frees reference cycles, which CPython's reference counting cannot.
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
 *     const x = this.inputs[0].data!;
 *     return x.mul(2).mul(gy);
 *   }
 * }
 * const x = new Variable(np.array(3.0));
 * const y = new Square().call(new Square().call(x)); // x ** 4
 * y.backward();
 * assert.equal(y.toString(), "variable(81.0)");
 * assert.equal(x.grad?.toString(), "108.0"); // 4 * x ** 3
 * ```
 */
export class Function {
  /** The inputs of the last `call()`: backward evaluates the derivatives there. */
  inputs: Variable[] = [];
  /** The outputs of the last `call()`: backward reads their gradients. */
  outputs: Variable[] = [];
  /** The largest generation among the inputs: backward takes later generations first. */
  generation = 0;

  /** Applies the function: `f.call(x0, x1)` is Python's `f(x0, x1)`. */
  call(...operands: Operand[]): Outputs<this> {
    check.checkArity(this, this.forward, operands.length);
    check.checkOperands(this, operands, isOperand, check.SIMPLE_VARIABLE);
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

  /** The computation on arrays; every concrete function overrides it. */
  forward(..._xs: np.NDArray[]): np.NDArray | np.NDArray[] {
    throw new Error(`${this.constructor.name}.forward() is not implemented`);
  }

  /** The inputs' gradients from the outputs' gradients; concrete functions override it. */
  backward(..._gys: np.NDArray[]): np.NDArray | np.NDArray[] {
    throw new Error(`${this.constructor.name}.backward() is not implemented`);
  }
}

/**
 * y = x0 + x1; the grad flows unchanged to both inputs.
 * @example
 * ```ts
 * import { Add, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(3.0));
 * new Add().call(x, x).backward(); // x + x: both gradients reach x and add up
 * assert.equal(x.grad?.toString(), "2.0");
 * ```
 */
export class Add extends Function {
  /** `x0 + x1` */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.add(x1);
    return y;
  }

  /** `[gy, gy]` */
  override backward(gy: np.NDArray): [np.NDArray, np.NDArray] {
    return [gy, gy];
  }
}

/**
 * `x0 + x1` in the graph; either may be a number.
 * @example
 * ```ts
 * import { add, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([1.0, 2.0]));
 * const y = add(x, 3); // the number becomes a constant of the graph, without a gradient
 * assert.equal(y.toString(), "variable([4. 5.])");
 * ```
 */
export function add(x0: Operand, x1: Operand): Variable {
  return new Add().call(x0, x1);
}

/**
 * y = x0 * x1; each input's gradient is the other input times `gy`.
 * @example
 * ```ts
 * import { Mul, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const [a, b] = [new Variable(np.array(3.0)), new Variable(np.array(2.0))];
 * new Mul().call(a, b).backward();
 * assert.deepEqual([a.grad?.item(), b.grad?.item()], [2, 3]);
 * ```
 */
export class Mul extends Function {
  /** `x0 * x1` */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.mul(x1);
    return y;
  }

  /** `[gy * x1, gy * x0]` */
  override backward(gy: np.NDArray): [np.NDArray, np.NDArray] {
    const [x0, x1] = [this.inputs[0].data!, this.inputs[1].data!]; // checked by call()
    return [gy.mul(x1), gy.mul(x0)];
  }
}

/**
 * `x0 * x1` in the graph; either may be a number.
 * @example
 * ```ts
 * import { add, mul, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const [a, b, c] = [3.0, 2.0, 1.0].map((v) => new Variable(np.array(v)));
 * const y = add(mul(a, b), c); // step 21's a * b + c
 * y.backward();
 * assert.deepEqual([y.data?.item(), a.grad?.item(), b.grad?.item()], [7, 2, 3]);
 * ```
 */
export function mul(x0: Operand, x1: Operand): Variable {
  return new Mul().call(x0, x1);
}

/**
 * y = -x; the gradient is `-gy`.
 * @example
 * ```ts
 * import { Neg, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * new Neg().call(new Neg().call(x)).backward(); // -(-x)
 * assert.equal(x.grad?.toString(), "1.0");
 * ```
 */
export class Neg extends Function {
  /** `-x` */
  override forward(x: np.NDArray): np.NDArray {
    return x.neg();
  }

  /** `-gy` */
  override backward(gy: np.NDArray): np.NDArray {
    return gy.neg();
  }
}

/**
 * `-x` in the graph.
 * @example
 * ```ts
 * import { neg, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * neg(x).backward();
 * assert.equal(x.grad?.toString(), "-1.0");
 * ```
 */
export function neg(x: Operand): Variable {
  return new Neg().call(x);
}

/**
 * y = x0 - x1; the gradients are `gy` and `-gy`.
 * @example
 * ```ts
 * import { np, Sub, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(5.0));
 * new Sub().call(x, x).backward(); // x - x is 0 whatever x is: its gradient is 1 - 1
 * assert.equal(x.grad?.toString(), "0.0");
 * ```
 */
export class Sub extends Function {
  /** `x0 - x1` */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.sub(x1);
    return y;
  }

  /** `[gy, -gy]` */
  override backward(gy: np.NDArray): [np.NDArray, np.NDArray] {
    return [gy, gy.neg()];
  }
}

/**
 * `x0 - x1` in the graph; either may be a number.
 * @example
 * ```ts
 * import { np, sub, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = sub(x, 1.0); // x - 1.0, the book's `x - 1.0`
 * y.backward();
 * assert.deepEqual([y.data?.item(), x.grad?.item()], [1, 1]);
 * ```
 */
export function sub(x0: Operand, x1: Operand): Variable {
  return new Sub().call(x0, x1);
}

/**
 * `x1 - x0`: the reflected form, for `x0.rsub(x1)` (the book's `x1 - x0`, `x1` not a Variable).
 * @example
 * ```ts
 * import { np, rsub, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = rsub(x, 5.0); // 5.0 - x
 * y.backward();
 * assert.deepEqual([y.data?.item(), x.grad?.item()], [3, -1]);
 * ```
 */
export function rsub(x0: Operand, x1: Operand): Variable {
  return sub(x1, x0);
}

/**
 * y = x0 / x1; the gradients are `gy / x1` and `gy * (-x0 / x1 ** 2)`.
 * @example
 * ```ts
 * import { Div, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const [a, b] = [new Variable(np.array(1.0)), new Variable(np.array(2.0))];
 * new Div().call(a, b).backward();
 * assert.deepEqual([a.grad?.item(), b.grad?.item()], [0.5, -0.25]); // 1 / b, -a / b ** 2
 * ```
 */
export class Div extends Function {
  /** `x0 / x1` */
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.div(x1);
    return y;
  }

  /** `[gy / x1, gy * (-x0 / x1 ** 2)]` */
  override backward(gy: np.NDArray): [np.NDArray, np.NDArray] {
    const [x0, x1] = [this.inputs[0].data!, this.inputs[1].data!]; // checked by call()
    const gx0 = gy.div(x1);
    const gx1 = gy.mul(x0.neg().div(x1.pow(2)));
    return [gx0, gx1];
  }
}

/**
 * `x0 / x1` in the graph; either may be a number.
 * @example
 * ```ts
 * import { div, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([1.0, 4.0]));
 * assert.equal(div(x, 2.0).toString(), "variable([0.5 2. ])"); // elementwise
 * ```
 */
export function div(x0: Operand, x1: Operand): Variable {
  return new Div().call(x0, x1);
}

/**
 * `x1 / x0`: the reflected form, for `x0.rdiv(x1)` (the book's `x1 / x0`, `x1` not a Variable).
 * @example
 * ```ts
 * import { np, rdiv, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = rdiv(x, 3.0); // 3.0 / x, the book's step 22 example
 * y.backward();
 * assert.deepEqual([y.data?.item(), x.grad?.item()], [1.5, -0.75]); // -3 / x ** 2
 * ```
 */
export function rdiv(x0: Operand, x1: Operand): Variable {
  return div(x1, x0);
}

/**
 * y = x ** c, for a constant c (the exponent is not a variable, so it gets no grad).
 * @example
 * ```ts
 * import { np, Pow, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(4.0));
 * new Pow(0.5).call(x).backward(); // the square root: its gradient is 0.5 / sqrt(x)
 * assert.equal(x.grad?.toString(), "0.25");
 * ```
 */
export class Pow extends Function {
  /** The exponent. */
  c: number;

  /** The function `x ** c`. */
  constructor(c: number) {
    super();
    this.c = check.checkExponent(c);
  }

  /** `x ** c` */
  override forward(x: np.NDArray): np.NDArray {
    const y = x.pow(this.c);
    return y;
  }

  /** `c * x ** (c - 1) * gy` */
  override backward(gy: np.NDArray): np.NDArray {
    const x = this.inputs[0].data!; // call() checked that the inputs have data
    const c = this.c;

    const gx = np.multiply(c, x.pow(c - 1)).mul(gy);
    return gx;
  }
}

/**
 * `x ** c` in the graph, for a constant exponent `c`.
 * @example
 * ```ts
 * import { np, pow, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = pow(x, 3); // the book's x ** 3
 * y.backward();
 * assert.deepEqual([y.data?.item(), x.grad?.item()], [8, 12]);
 * ```
 */
export function pow(x: Operand, c: number): Variable {
  return new Pow(c).call(x);
}

/**
 * The operator methods, added to `Variable.prototype` by {@linkcode setupVariable} (the book's
 * `Variable.__add__`...), as TypeScript has no operator overloading: `x * 3.0` is `x.mul(3.0)`.
 * The reflected ones are for a left operand that is not a Variable: `3.0 * x` is `x.rmul(3.0)`.
 * For ordinary math notation, see `expr` in `expr.ts`.
 */
export interface Variable {
  /** `this + other` */
  add(other: Operand): Variable;
  /** `other + this` */
  radd(other: Operand): Variable;
  /** `this * other` */
  mul(other: Operand): Variable;
  /** `other * this` */
  rmul(other: Operand): Variable;
  /** `-this` */
  neg(): Variable;
  /** `this - other` */
  sub(other: Operand): Variable;
  /** `other - this` */
  rsub(other: Operand): Variable;
  /** `this / other` */
  div(other: Operand): Variable;
  /** `other / this` */
  rdiv(other: Operand): Variable;
  /** `this ** c` */
  pow(c: number): Variable;
}

/**
 * Adds the operator methods to `Variable.prototype` (the book's `setup_variable`). `mod.ts` calls
 * it once; calling it again changes nothing.
 *
 * @example
 * ```ts
 * import { np, setupVariable, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * setupVariable(); // already done by importing mod.ts
 * const x = new Variable(np.array(2.0));
 * assert.equal(x.rsub(1).toString(), "variable(-1.0)"); // 1 - x
 * ```
 */
export function setupVariable(): void {
  Object.defineProperty(Variable.prototype, check.BRAND, { value: check.SIMPLE_VARIABLE });
  // Addition and multiplication commute, so their reflected methods use the same functions, as in
  // the book (`Variable.__radd__ = add`).
  Variable.prototype.add = function (this: Variable, other: Operand): Variable {
    return add(this, other);
  };
  Variable.prototype.radd = function (this: Variable, other: Operand): Variable {
    return add(this, other);
  };
  Variable.prototype.mul = function (this: Variable, other: Operand): Variable {
    return mul(this, other);
  };
  Variable.prototype.rmul = function (this: Variable, other: Operand): Variable {
    return mul(this, other);
  };

  Variable.prototype.neg = function (this: Variable): Variable {
    return neg(this);
  };
  Variable.prototype.sub = function (this: Variable, other: Operand): Variable {
    return sub(this, other);
  };
  Variable.prototype.rsub = function (this: Variable, other: Operand): Variable {
    return rsub(this, other);
  };
  Variable.prototype.div = function (this: Variable, other: Operand): Variable {
    return div(this, other);
  };
  Variable.prototype.rdiv = function (this: Variable, other: Operand): Variable {
    return rdiv(this, other);
  };
  Variable.prototype.pow = function (this: Variable, c: number): Variable {
    return pow(this, c);
  };
}
