/**
 * Step 4: Numerical differentiation — 수치 미분
 *
 * Since step 3:
 * - `numericalDiff(f, x)`: a derivative by the central difference (f(x + ε) − f(x − ε)) / 2ε,
 *   for `Square` at 2 and for the composite (e^(x²))² at 0.5.
 *
 * Differences from the book:
 * - `numericalDiff` takes a plain function: a `Function` object is passed as `(x) => f.call(x)`.
 *
 * Run: deno run steps/step04.ts
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

/**
 * The derivative of `f` at `x` by the central difference, whose error shrinks with ε² (the
 * forward difference's only with ε).
 */
export function numericalDiff(f: (x: Variable) => Variable, x: Variable, eps = 1e-4): np.NDArray {
  const x0 = new Variable(x.data.sub(eps));
  const x1 = new Variable(x.data.add(eps));
  const y0 = f(x0);
  const y1 = f(x1);
  return y1.data.sub(y0.data).div(2 * eps);
}

if (import.meta.main) {
  {
    // A Function object is not callable in TypeScript: pass an arrow that calls it.
    const f = new Square();
    const x = new Variable(np.array(2.0));
    const dy = numericalDiff((x) => f.call(x), x);
    console.log(dy);
  }
  {
    const f = (x: Variable): Variable => {
      const A = new Square();
      const B = new Exp();
      const C = new Square();
      return C.call(B.call(A.call(x)));
    };
    const x = new Variable(np.array(0.5));
    const dy = numericalDiff(f, x);
    console.log(dy);
  }
}
