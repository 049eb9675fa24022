/**
 * Step 8: From recursion to loops — 재귀에서 반복문으로
 *
 * Since step 7:
 * - `Variable.backward()` walks the graph with a loop over a list of the functions still to
 *   process, instead of recursion: the same result, no call-depth limit, and the list is what
 *   later steps need for graphs that branch.
 *
 * Differences from the book:
 * - `backward()` with no grad set on the output stops with a message, as in step 7.
 *
 * Run: deno run steps/step08.ts
 * @module
 */
import * as np from "../dezero/np/mod.ts";

/** A box holding an array, its gradient and the Function that created it. */
export class Variable {
  data: np.NDArray;
  grad: np.NDArray | null = null;
  creator: Function | null = null;

  constructor(data: np.NDArray) {
    this.data = data;
  }

  setCreator(func: Function): void {
    this.creator = func;
  }

  /** Backpropagates this variable's grad (set it first) to the inputs of the graph. */
  backward(): void {
    if (this.grad === null) {
      throw new Error(
        "backward() needs the output's grad: set it first, e.g. y.grad = np.array(1.0)",
      );
    }
    const funcs: Function[] = this.creator === null ? [] : [this.creator];
    while (funcs.length > 0) {
      const f = funcs.pop()!; // 1. Get a function
      const x = f.input; // 2. Get the function's input/output
      const y = f.output;
      // y.grad is set: this variable's was checked above, the others' by the previous iteration.
      x.grad = f.backward(y.grad!); // 3. Call the function's backward

      if (x.creator !== null) {
        funcs.push(x.creator);
      }
    }
  }
}

/** The base class of all functions: `f.call(x)` is Python's `f(x)`. */
export class Function {
  /** The input of the last `call()`: backward() evaluates the derivative there. */
  input!: Variable;
  /** The output of the last `call()`. */
  output!: Variable;

  call(input: Variable): Variable {
    const x = input.data;
    const y = this.forward(x);
    const output = new Variable(y);
    output.setCreator(this); // Set parent (function)
    this.input = input;
    this.output = output; // Set output
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

  // backward
  y.grad = np.array(1.0);
  y.backward();
  console.log(x.grad);
}
