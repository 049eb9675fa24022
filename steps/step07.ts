/**
 * Step 7: Automating backpropagation — 역전파 자동화
 *
 * Since step 6:
 * - An output Variable records the Function that created it (`creator`, `setCreator`), and a
 *   Function its input and output: a graph, built as the code runs (Define-by-Run).
 * - The demo walks that graph back from y to x, first checking the links, then by hand.
 * - `Variable.backward()` does the walk itself, recursively.
 *
 * Differences from the book:
 * - `backward()` with no grad set on the output stops with a message saying to set it; the book
 *   fails inside `Square.backward` with a TypeError about None.
 * - The book's `assert` statements are `console.assert`, which reports on stderr.
 *
 * Run: deno run steps/step07.ts
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
    const f = this.creator; // 1. Get a function
    if (f !== null) {
      const x = f.input; // 2. Get the function's input
      x.grad = f.backward(this.grad); // 3. Call the function's backward
      x.backward();
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

  // 7.1: walk the graph back from y through the creators and their inputs.
  console.assert(y.creator === C);
  console.assert(y.creator?.input === b);
  console.assert(y.creator?.input.creator === B);
  console.assert(y.creator?.input.creator?.input === a);
  console.assert(y.creator?.input.creator?.input.creator === A);
  console.assert(y.creator?.input.creator?.input.creator?.input === x);

  // 7.2: backpropagate by hand along those links. The book prints x.grad here too; its
  // step07.py prints only the result of backward() below, which must be the same number.
  y.grad = np.array(1.0);
  {
    const C = y.creator!; // 1. Get a function (y has one: C made it)
    const b = C.input; // 2. Get the function's input
    b.grad = C.backward(y.grad); // 3. Call the function's backward

    const B = b.creator!;
    const a = B.input;
    a.grad = B.backward(b.grad);

    const A = a.creator!;
    const x = A.input;
    x.grad = A.backward(a.grad);
  }
  const byHand = x.grad!.item();

  // 7.3: backward() does the same walk (and sets the same grads again)
  y.backward();
  console.log(x.grad);
  console.assert(x.grad?.item() === byHand, "backward() gives the grad found by hand");
}
