/**
 * Step 20: Operator overloading (1) — 연산자 오버로드(1)
 *
 * Since step 19:
 * - `Mul`, y = x0 · x1, and the function `mul`.
 * - The methods `a.mul(b)` and `a.add(b)` on Variable: the book's `y = a * b + c` is
 *   `a.mul(b).add(c)`.
 *
 * Differences from the book:
 * - TypeScript has no operator overloading: methods are its closest form. As the book assigns
 *   `Variable.__mul__ = mul` after defining `mul`, the methods are added to `Variable.prototype`
 *   after the functions, and declared in an interface merged with the class so that the type
 *   checker knows them.
 * - `x * y` written anyway throws a TypeError naming the method (`Symbol.toPrimitive`), where
 *   plain JavaScript would compute NaN.
 *
 * Run: deno run steps/step20.ts
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
  call(...inputs: Variable[]): Outputs<this> {
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

export function add(x0: Variable, x1: Variable): Variable {
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

export function mul(x0: Variable, x1: Variable): Variable {
  return new Mul().call(x0, x1);
}

/** The operator methods, added to `Variable.prototype` below (the book's `Variable.__add__`...). */
export interface Variable {
  /** `this + other` */
  add(other: Variable): Variable;
  /** `this * other` */
  mul(other: Variable): Variable;
}

Variable.prototype.add = function (this: Variable, other: Variable): Variable {
  return add(this, other);
};
Variable.prototype.mul = function (this: Variable, other: Variable): Variable {
  return mul(this, other);
};

if (import.meta.main) {
  const a = new Variable(np.array(3.0));
  const b = new Variable(np.array(2.0));
  const c = new Variable(np.array(1.0));

  // Before the operators, the book writes add(mul(a, b), c), and prints the same three lines as
  // below: the method form builds the same graph.
  {
    const y = add(mul(a, b), c);
    y.backward();
    console.assert(y.data?.item() === 7 && a.grad?.item() === 2 && b.grad?.item() === 3);
    a.cleargrad();
    b.cleargrad();
    c.cleargrad();
  }

  const y = a.mul(b).add(c); // the book's a * b + c
  y.backward();

  console.log(y);
  console.log(a.grad);
  console.log(b.grad);
}
