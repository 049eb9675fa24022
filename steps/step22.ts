/**
 * Step 22: Operator overloading (3) — 연산자 오버로드(3)
 *
 * Since step 21:
 * - The functions `Neg`, `Sub`, `Div` and `Pow` (a constant exponent), each with its backward.
 * - The methods `neg()`, `sub`, `rsub`, `div`, `rdiv` and `pow(c)`: the book's `-x`, `x - 1.0`,
 *   `2.0 - x`, `x / 2.0`, `3.0 / x` and `x ** 3` are `x.neg()`, `x.sub(1.0)`, `x.rsub(2.0)`,
 *   `x.div(2.0)`, `x.rdiv(3.0)` and `x.pow(3)`.
 *
 * Differences from the book:
 * - Methods for the operators, as in steps 20 and 21.
 * - `x * y` written anyway throws a TypeError naming the method (`Symbol.toPrimitive`), where
 *   plain JavaScript would compute NaN.
 *
 * Run: deno run steps/step22.ts
 * @module
 */
import * as np from "../dezero/np/mod.ts";

/** Global settings. `enableBackprop`: whether functions record the graph for backprop. */
export class Config {
  static enableBackprop = true;
}

/**
 * Sets `Config[name]` to `value` until the returned object is disposed. Used with `using`, the
 * TypeScript form of Python's `with`: the old value comes back when the block exits, also when it
 * throws.
 */
export function usingConfig(name: "enableBackprop", value: boolean): Disposable {
  const oldValue = Config[name];
  Config[name] = value;
  return {
    [Symbol.dispose]() {
      Config[name] = oldValue;
    },
  };
}

/** Turns off graph recording until disposed: `using _ = noGrad();` */
export function noGrad(): Disposable {
  return usingConfig("enableBackprop", false);
}

/** A box holding an array, its gradient, the function that created it and its generation. */
export class Variable {
  data: np.NDArray | null;
  name: string | null;
  grad: np.NDArray | null = null;
  creator: Function | null = null;
  /** One more than its creator's generation; 0 for a variable made by the user. */
  generation = 0;

  constructor(data: np.NDArray | null, name: string | null = null) {
    if (data !== null && !(data instanceof np.NDArray)) {
      throw new TypeError(`${typeName(data)} is not supported`);
    }
    this.data = data;
    this.name = name;
  }

  // The array's properties. A Variable without data has none: they throw, as they raise
  // AttributeError in the book.
  get shape(): readonly number[] {
    return this.data!.shape;
  }

  get ndim(): number {
    return this.data!.ndim;
  }

  get size(): number {
    return this.data!.size;
  }

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

  /** Plain JavaScript would make `x * y` NaN (and `x + y` a string): an error says what to write. */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === "string") return this.toString();
    throw new TypeError(
      "JavaScript's operators do not work on a Variable: write x.mul(y), x.add(y)",
    );
  }

  setCreator(func: Function): void {
    this.creator = func;
    this.generation = func.generation + 1;
  }

  /** Forgets the gradient, before the variable is used in a new computation. */
  cleargrad(): void {
    this.grad = null;
  }

  /**
   * Backpropagates from this variable, whose gradient defaults to ones, to the graph's inputs.
   * The intermediate variables' gradients are freed as soon as they are used, unless `retainGrad`.
   */
  backward({ retainGrad = false }: { retainGrad?: boolean } = {}): void {
    if (this.grad === null && this.data !== null) {
      this.grad = np.onesLike(this.data);
    }

    const funcs: Function[] = [];
    const seen = new Set<Function>();
    const addFunc = (f: Function): void => {
      if (!seen.has(f)) {
        funcs.push(f);
        seen.add(f);
        funcs.sort((a, b) => a.generation - b.generation);
      }
    };

    if (this.creator !== null) addFunc(this.creator);
    while (funcs.length > 0) {
      const f = funcs.pop()!;
      const gys = f.outputs.map((output) => output.grad!);
      const gxs = toList(f.backward(...gys));

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

/** What the functions and operator methods take: a Variable, an array or a plain number. */
export type Operand = Variable | np.NDArray | number;

/** Wraps a plain number in a 0-d array; an array passes through. */
export function asArray(x: np.NDArray | number): np.NDArray {
  return np.isScalar(x) ? np.array(x) : x;
}

/**
 * Wraps an array, or a number, in a Variable; a Variable passes through. The book converts numbers
 * with `as_array` in each function and arrays with `as_variable` in `__call__`; doing both here
 * lets every function take a number in any position.
 */
export function asVariable(obj: Operand): Variable {
  return obj instanceof Variable ? obj : new Variable(asArray(obj));
}

/** A single array as a one-element list (Python's `if not isinstance(gxs, tuple)`). */
function toList(xs: np.NDArray | np.NDArray[]): np.NDArray[] {
  return Array.isArray(xs) ? xs : [xs];
}

/** Python's `type(x)` for the error message: `number`, `string`, or a class name (`Array`). */
function typeName(x: unknown): string {
  return typeof x === "object" && x !== null ? (x.constructor?.name ?? "Object") : typeof x;
}

/**
 * What `call` returns for a function `F`: one Variable if `F`'s `forward` returns one array, an
 * array of Variables if it returns several.
 */
export type Outputs<F extends Function> = ReturnType<F["forward"]> extends np.NDArray ? Variable
  : ReturnType<F["forward"]> extends np.NDArray[] ? Variable[]
  // The base class itself (or a subclass typed only as Function) may return either.
  : Variable | Variable[];

/** The base class of every function. */
export class Function {
  /** The inputs of the last `call()`: backward evaluates the derivatives there. */
  inputs: Variable[] = [];
  /** The outputs of the last `call()`: backward reads their gradients. */
  outputs: Variable[] = [];
  /** The largest generation among the inputs: backward takes later generations first. */
  generation = 0;

  /** Applies the function: `f.call(x0, x1)` is Python's `f(x0, x1)`. */
  call(...operands: Operand[]): Outputs<this> {
    const inputs = operands.map((x) => asVariable(x));
    const xs = inputs.map((x) => {
      if (x.data === null) {
        throw new TypeError(`${this.constructor.name} needs inputs with data, not Variable(null)`);
      }
      return x.data;
    });
    const ys = this.forward(...xs);
    const outputs = toList(ys).map((y) => new Variable(y));

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

/** y = x0 + x1; the grad flows unchanged to both inputs. */
export class Add extends Function {
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.add(x1);
    return y;
  }

  override backward(gy: np.NDArray): [np.NDArray, np.NDArray] {
    return [gy, gy];
  }
}

export function add(x0: Operand, x1: Operand): Variable {
  return new Add().call(x0, x1);
}

/** y = x0 * x1 */
export class Mul extends Function {
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.mul(x1);
    return y;
  }

  override backward(gy: np.NDArray): [np.NDArray, np.NDArray] {
    const [x0, x1] = [this.inputs[0].data!, this.inputs[1].data!]; // checked by call()
    return [gy.mul(x1), gy.mul(x0)];
  }
}

export function mul(x0: Operand, x1: Operand): Variable {
  return new Mul().call(x0, x1);
}

/** y = -x */
export class Neg extends Function {
  override forward(x: np.NDArray): np.NDArray {
    return x.neg();
  }

  override backward(gy: np.NDArray): np.NDArray {
    return gy.neg();
  }
}

export function neg(x: Operand): Variable {
  return new Neg().call(x);
}

/** y = x0 - x1 */
export class Sub extends Function {
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.sub(x1);
    return y;
  }

  override backward(gy: np.NDArray): [np.NDArray, np.NDArray] {
    return [gy, gy.neg()];
  }
}

export function sub(x0: Operand, x1: Operand): Variable {
  return new Sub().call(x0, x1);
}

/** `x1 - x0`: the reflected form, for `x0.rsub(x1)`. */
export function rsub(x0: Operand, x1: Operand): Variable {
  return sub(x1, x0);
}

/** y = x0 / x1 */
export class Div extends Function {
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.div(x1);
    return y;
  }

  override backward(gy: np.NDArray): [np.NDArray, np.NDArray] {
    const [x0, x1] = [this.inputs[0].data!, this.inputs[1].data!]; // checked by call()
    const gx0 = gy.div(x1);
    const gx1 = gy.mul(x0.neg().div(x1.pow(2)));
    return [gx0, gx1];
  }
}

export function div(x0: Operand, x1: Operand): Variable {
  return new Div().call(x0, x1);
}

/** `x1 / x0`: the reflected form, for `x0.rdiv(x1)`. */
export function rdiv(x0: Operand, x1: Operand): Variable {
  return div(x1, x0);
}

/** y = x ** c, for a constant c (the exponent is not a variable, so it gets no grad) */
export class Pow extends Function {
  c: number;

  constructor(c: number) {
    super();
    this.c = c;
  }

  override forward(x: np.NDArray): np.NDArray {
    const y = x.pow(this.c);
    return y;
  }

  override backward(gy: np.NDArray): np.NDArray {
    const x = this.inputs[0].data!; // call() checked that the inputs have data
    const c = this.c;

    const gx = np.multiply(c, x.pow(c - 1)).mul(gy);
    return gx;
  }
}

export function pow(x: Operand, c: number): Variable {
  return new Pow(c).call(x);
}

/**
 * The operator methods, added to `Variable.prototype` below (the book's `Variable.__add__`...).
 * The reflected ones are for a left operand that is not a Variable: `3.0 * x` is `x.rmul(3.0)`.
 * The book also sets `__array_priority__` so that `np.array(2.0) + x` calls Variable's `__radd__`
 * instead of NumPy's `__add__`. Nothing like it is needed or possible here: `np.array(2.0).add(x)`
 * is NDArray's own method, which takes no Variable (the type checker rejects it). Write
 * `x.radd(np.array(2.0))`, or `add(np.array(2.0), x)`.
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

if (import.meta.main) {
  const x = new Variable(np.array(2.0));
  let y = x.neg(); // -x
  console.log(y);

  const y1 = x.rsub(2.0); // 2.0 - x
  const y2 = x.sub(1.0); // x - 1.0
  console.log(y1);
  console.log(y2);

  y = x.rdiv(3.0); // 3.0 / x
  console.log(y);

  // Division both ways at 12 (the book prints variable(2.0) variable(4.0)).
  {
    const x = new Variable(np.array(12.0));
    const y1 = x.rdiv(24.0); // 24.0 / x
    const y2 = x.div(3.0); // x / 3.0
    console.assert(String(y1) === "variable(2.0)" && String(y2) === "variable(4.0)");
  }

  y = x.pow(3); // x ** 3
  y.backward();
  console.log(y);
}
