/**
 * Step 16: Complex computational graphs (implementation) — 복잡한 계산 그래프(구현 편)
 *
 * Since step 15 (theory; the code is step 14's):
 * - Variables and functions record their `generation`: a function gets its inputs' largest, its
 *   outputs one more.
 * - `backward` takes the function of the latest generation first: `addFunc` adds each function
 *   once (the `seen` set) and keeps the list sorted by generation, so a function runs only after
 *   every function that uses its outputs has added its part to their grads.
 * - The demo first sorts dummy functions by generation, as the book does.
 *
 * Differences from the book: none.
 *
 * Run: deno run steps/step16.ts
 * @module
 */
import * as np from "../dezero/np/mod.ts";

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

  /** Backpropagates from this variable, whose gradient defaults to ones, to the graph's inputs. */
  backward(): void {
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

    this.generation = Math.max(...inputs.map((x) => x.generation));
    for (const output of outputs) output.setCreator(this);
    this.inputs = inputs;
    this.outputs = outputs;
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
  // Dummy functions of generations 2, 0, 1, 4, 2, sorted by generation; pop() then takes
  // the latest. The book prints the lists [2, 0, 1, 4, 2] and [0, 1, 2, 2, 4], then 4.
  {
    const generations = [2, 0, 1, 4, 2];
    const funcs: Function[] = [];
    for (const g of generations) {
      const f = new Function(); // a dummy function
      f.generation = g;
      funcs.push(f);
    }
    console.assert(funcs.map((f) => f.generation).join(", ") === "2, 0, 1, 4, 2");

    funcs.sort((a, b) => a.generation - b.generation);
    console.assert(funcs.map((f) => f.generation).join(", ") === "0, 1, 2, 2, 4");

    const f = funcs.pop()!;
    console.assert(f.generation === 4);
  }

  const x = new Variable(np.array(2.0));
  const a = square(x);
  const y = add(square(a), square(a));
  y.backward();

  console.log(y.data);
  console.log(x.grad);
}
