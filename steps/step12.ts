/**
 * Step 12: Variable-length arguments (improved) — 가변 길이 인수(개선 편)
 *
 * Since step 11:
 * - `call(...inputs)` takes the Variables as separate arguments: a rest parameter, Python's
 *   `*inputs`. It spreads the arrays into `forward(...xs)`, which may return a single array;
 *   `call` then returns a single Variable.
 * - `add(x0, x1)` hides the class: no `new Add().call(x0, x1)`.
 *
 * Differences from the book:
 * - `call` returns one Variable when `forward` returns one array, not a list; the book counts
 *   the outputs at run time. The type `Outputs` lets TypeScript know which it is.
 * - No `backward` and no `asArray` yet, as in step 11.
 *
 * Run: deno run steps/step12.ts
 * @module
 */
import * as np from "../dezero/np/mod.ts";

/** A box holding an array, and the function that created it. */
export class Variable {
  data: np.NDArray | null;
  grad: np.NDArray | null = null;
  creator: Function | null = null;

  constructor(data: np.NDArray | null) {
    if (data !== null && !(data instanceof np.NDArray)) {
      throw new TypeError(`${typeName(data)} is not supported`);
    }
    this.data = data;
  }

  setCreator(func: Function): void {
    this.creator = func;
  }
}

/** Python's `type(x)` for the error message: `number`, `string`, or a class name (`Array`). */
function typeName(x: unknown): string {
  return typeof x === "object" && x !== null ? (x.constructor?.name ?? "Object") : typeof x;
}

/**
 * What `call` returns for a function `F`: one Variable if `F`'s `forward` returns one array, an
 * array of Variables if it returns several. The book decides at run time by counting outputs;
 * deciding by what `forward` returns lets TypeScript know the type, so `add(x0, x1)` is a
 * `Variable` with no cast.
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

  /** Applies the function: `f.call(x0, x1)` is Python's `f(x0, x1)`. */
  call(...inputs: Variable[]): Outputs<this> {
    const xs = inputs.map((x) => {
      if (x.data === null) {
        throw new TypeError(`${this.constructor.name} needs inputs with data, not Variable(null)`);
      }
      return x.data;
    });
    const ys = this.forward(...xs);
    const outputs = (Array.isArray(ys) ? ys : [ys]).map((y) => new Variable(y));

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

/** y = x0 + x1 */
export class Add extends Function {
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
    const y = x0.add(x1);
    return y;
  }
}

export function add(x0: Variable, x1: Variable): Variable {
  return new Add().call(x0, x1);
}

if (import.meta.main) {
  // A rest parameter gathers the arguments into an array, however many: the book's
  // `def f(*x): print(x)` prints (1, 2, 3) and (1, 2, 3, 4, 5, 6).
  const f = (...x: number[]): number[] => x;
  console.assert(f(1, 2, 3).join(", ") === "1, 2, 3");
  console.assert(f(1, 2, 3, 4, 5, 6).join(", ") === "1, 2, 3, 4, 5, 6");

  const x0 = new Variable(np.array(2, "int64"));
  const x1 = new Variable(np.array(3, "int64"));
  // The first improvement: the class called with separate arguments (the book prints 5 here too).
  console.assert(new Add().call(x0, x1).data?.item() === 5);

  const y = add(x0, x1);
  console.log(y.data);
}
