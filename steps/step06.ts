/**
 * Step 6: Manual backpropagation — 수동 역전파
 *
 * Since step 5 (theory; the code is step 4's):
 * - A Variable also holds its gradient, `grad`.
 * - A Function remembers its input and has `backward(gy)`: the gradient from the output times
 *   the function's own derivative at that input.
 * - The demo calls each backward by hand, from the output back to the input.
 *
 * Differences from the book:
 * - `A.call(x)` for the book's `A(x)`, as in step 2.
 *
 * Run: deno run steps/step06.ts
 * @module
 */
import * as np from "../dezero/np/mod.ts";

/** A box holding an array and, after backpropagation, its gradient. */
export class Variable {
  data: np.NDArray;
  grad: np.NDArray | null = null;

  constructor(data: np.NDArray) {
    this.data = data;
  }
}

/** The base class of all functions: `f.call(x)` is Python's `f(x)`. */
export class Function {
  /** The input of the last `call()`: backward() evaluates the derivative there. */
  input!: Variable;

  call(input: Variable): Variable {
    const x = input.data;
    const y = this.forward(x);
    const output = new Variable(y);
    this.input = input;
    return output;
  }

  /** The computation; every concrete function overrides it. */
  forward(_x: np.NDArray): np.NDArray {
    throw new Error(`${this.constructor.name}.forward() is not implemented`);
  }

  /** The gradient with respect to the input, given `gy`, the gradient of the output. */
  backward(_gy: np.NDArray): np.NDArray {
    throw new Error(`${this.constructor.name}.backward() is not implemented`);
  }
}

/** y = x², dy/dx = 2x. */
export class Square extends Function {
  override forward(x: np.NDArray): np.NDArray {
    const y = x.pow(2);
    return y;
  }

  override backward(gy: np.NDArray): np.NDArray {
    const x = this.input.data;
    const gx = np.multiply(2, x).mul(gy);
    return gx;
  }
}

/** y = eˣ, dy/dx = eˣ. */
export class Exp extends Function {
  override forward(x: np.NDArray): np.NDArray {
    const y = np.exp(x);
    return y;
  }

  override backward(gy: np.NDArray): np.NDArray {
    const x = this.input.data;
    const gx = np.exp(x).mul(gy);
    return gx;
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

  y.grad = np.array(1.0);
  b.grad = C.backward(y.grad);
  a.grad = B.backward(b.grad);
  x.grad = A.backward(a.grad);
  console.log(x.grad);
}
