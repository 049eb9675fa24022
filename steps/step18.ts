/**
 * Step 18: Reducing memory usage — 메모리 절약 모드
 *
 * Since step 17:
 * - `backward({ retainGrad })` frees the grads of intermediate variables once they are used,
 *   unless asked to keep them.
 * - `Config.enableBackprop`: off, functions record no graph (only the forward result is needed).
 * - `usingConfig(name, value)` and `noGrad()` switch it for a block: Python's `with` is
 *   `using _ = noGrad();`, and the old value comes back when the block exits, also on a throw.
 *
 * Differences from the book:
 * - `retainGrad` is an option, `y.backward({ retainGrad: true })`, for the book's keyword
 *   argument `retain_grad=True`.
 * - `usingConfig` returns a `Disposable` for `using`, where the book's is a `contextlib`
 *   context manager; it takes only the name `"enableBackprop"`, the one setting there is.
 * - `null` prints where the book prints `None`.
 *
 * Run: deno run steps/step18.ts
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
  grad: np.NDArray | null = null;
  creator: Function | null = null;
  /** One more than its creator's generation; 0 for a variable made by the user. */
  generation = 0;

  constructor(data: np.NDArray | null) {
    if (data !== null && !(data instanceof np.NDArray)) {
      throw new TypeError(`${typeName(data)} is not supported`);
    }
    this.data = data;
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

/** y = x ** 2 */
export class Square extends Function {
  override forward(x: np.NDArray): np.NDArray {
    const y = x.pow(2);
    return y;
  }

  override backward(gy: np.NDArray): np.NDArray {
    const x = this.inputs[0].data!; // call() checked that the inputs have data
    const gx = np.multiply(2, x).mul(gy);
    return gx;
  }
}

export function square(x: Variable): Variable {
  return new Square().call(x);
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

if (import.meta.main) {
  const x0 = new Variable(np.array(1.0));
  const x1 = new Variable(np.array(1.0));
  const t = add(x0, x1);
  let y = add(x0, t);
  y.backward();
  console.log(y.grad, t.grad); // null null
  console.log(x0.grad, x1.grad); // 2.0 1.0

  // With retainGrad every grad stays, as all did before this step (the book prints 1.0 1.0 for
  // y and t before it adds retain_grad).
  {
    const x0 = new Variable(np.array(1.0));
    const x1 = new Variable(np.array(1.0));
    const t = add(x0, x1);
    const y = add(x0, t);
    y.backward({ retainGrad: true });
    console.assert(y.grad?.item() === 1 && t.grad?.item() === 1, "y and t keep their grads");
  }

  // Switching the mode by hand: with backprop, the functions record the graph; without,
  // they do not, and each intermediate result can be freed as soon as the next function is done.
  Config.enableBackprop = true;
  let x = new Variable(np.ones([100, 100, 100]));
  y = square(square(square(x)));
  y.backward();
  console.assert(y.creator !== null && x.grad !== null, "graph recorded, x got its grad");

  Config.enableBackprop = false;
  x = new Variable(np.ones([100, 100, 100]));
  y = square(square(square(x)));
  console.assert(y.creator === null, "no graph recorded");
  Config.enableBackprop = true;

  {
    using _ = usingConfig("enableBackprop", false);
    const x = new Variable(np.array(2.0));
    y = square(x);
  }
  console.assert(y.creator === null && Config.enableBackprop, "no graph in the block, only");

  {
    using _ = noGrad();
    const x = new Variable(np.array(2.0));
    y = square(x);
  }
  console.assert(y.creator === null && Config.enableBackprop, "no graph in the block, only");
}
