/**
 * Step 11: Variable-length arguments (forward) — 가변 길이 인수(순전파 편)
 *
 * Since step 10:
 * - `Function.call` takes a list of input Variables and returns a list of outputs, so that a
 *   function of several inputs fits: `Add`.
 *
 * Differences from the book:
 * - No `Variable.backward()` until step 13: the book keeps step 9's, which no longer works with
 *   lists.
 * - No `asArray` until step 21: our NDArray operations keep 0-d arrays, so there is nothing to
 *   wrap until plain numbers become operands.
 * - `np.array(2, "int64")` for the book's integer `np.array(2)`, as in step 2.
 *
 * Run: deno run steps/step11.ts
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

/** The base class of every function: inputs and outputs are now lists. */
export class Function {
  /** The inputs of the last `call()`: backward evaluates the derivatives there. */
  inputs: Variable[] = [];
  /** The outputs of the last `call()`: backward reads their gradients. */
  outputs: Variable[] = [];

  /** Applies the function to a list of variables and returns the list of its outputs. */
  call(inputs: Variable[]): Variable[] {
    const xs = inputs.map((x) => {
      if (x.data === null) {
        throw new TypeError(`${this.constructor.name} needs inputs with data, not Variable(null)`);
      }
      return x.data;
    });
    const ys = this.forward(xs);
    const outputs = ys.map((y) => new Variable(y));

    for (const output of outputs) output.setCreator(this);
    this.inputs = inputs;
    this.outputs = outputs;
    return outputs;
  }

  /** The computation on arrays; every concrete function overrides it. */
  forward(_xs: np.NDArray[]): np.NDArray[] {
    throw new Error(`${this.constructor.name}.forward() is not implemented`);
  }

  /** The inputs' gradients from the outputs' gradients; concrete functions override it. */
  backward(_gys: np.NDArray[]): np.NDArray[] {
    throw new Error(`${this.constructor.name}.backward() is not implemented`);
  }
}

/** y = x0 + x1: two inputs, one output (still returned in a list). */
export class Add extends Function {
  override forward(xs: np.NDArray[]): np.NDArray[] {
    const [x0, x1] = xs;
    const y = x0.add(x1);
    return [y];
  }
}

if (import.meta.main) {
  const xs = [new Variable(np.array(2, "int64")), new Variable(np.array(3, "int64"))];
  const f = new Add();
  const ys = f.call(xs);
  const y = ys[0];
  console.log(y.data);
}
