/**
 * Step 3: Connecting functions — 함수 연결
 *
 * Since step 2:
 * - `Exp`, a second function (y = eˣ).
 * - A composite function: each output feeds the next function, y = (e^(x²))².
 *
 * Differences from the book:
 * - `A.call(x)` for the book's `A(x)`, as in step 2.
 *
 * Run: deno run steps/step03.ts
 * @module
 */
import * as np from "../dezero/np/mod.ts";

/** A box holding an array. */
export class Variable {
  data: np.NDArray;

  constructor(data: np.NDArray) {
    this.data = data;
  }
}

/** The base class of all functions: `f.call(x)` is Python's `f(x)`. */
export class Function {
  call(input: Variable): Variable {
    const x = input.data;
    const y = this.forward(x);
    const output = new Variable(y);
    return output;
  }

  /** The computation; every concrete function overrides it. */
  forward(_x: np.NDArray): np.NDArray {
    throw new Error(`${this.constructor.name}.forward() is not implemented`);
  }
}

/** y = x². */
export class Square extends Function {
  override forward(x: np.NDArray): np.NDArray {
    return x.pow(2);
  }
}

/** y = eˣ. */
export class Exp extends Function {
  override forward(x: np.NDArray): np.NDArray {
    return np.exp(x);
  }
}

if (import.meta.main) {
  const A = new Square();
  const B = new Exp();
  const C = new Square();

  const x = new Variable(np.array(0.5));
  const a = A.call(x);
  const b = B.call(a);
  const y = C.call(b);
  console.log(y.data);
}
