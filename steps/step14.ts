/**
 * Step 14: Reusing the same variable — 같은 변수 반복 사용
 *
 * Since step 13:
 * - A variable used more than once gets a grad from each use: `backward` adds them up instead of
 *   overwriting, with a new array, `x.grad = x.grad.add(gx)`.
 * - `cleargrad()` resets the grad, so that a variable can be reused in a new computation.
 * - Appendix A: why adding into the grad already there (Python's `x.grad += gx`) is wrong.
 *
 * Differences from the book:
 * - The demo reuses x with `cleargrad()`, where the book's step14.py makes a new Variable (its
 *   comment says `# or x.cleargrad()`); the reuse bug and appendix A are checked, not printed.
 * - Appendix A's in-place accumulation is `backwardInPlace`, a function beside the class.
 *
 * Run: deno run steps/step14.ts
 * @module
 */
import * as np from "../dezero/np/mod.ts";

/** A box holding an array, its gradient and the function that created it. */
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

  /** Forgets the gradient, before the variable is used in a new computation. */
  cleargrad(): void {
    this.grad = null;
  }

  /** Backpropagates from this variable, whose gradient defaults to ones, to the graph's inputs. */
  backward(): void {
    if (this.grad === null && this.data !== null) {
      this.grad = np.onesLike(this.data);
    }

    const funcs: Function[] = this.creator === null ? [] : [this.creator];
    while (funcs.length > 0) {
      const f = funcs.pop()!;
      const gys = f.outputs.map((output) => output.grad!);
      const gxs = toList(f.backward(...gys));

      for (const [i, x] of f.inputs.entries()) {
        const gx = gxs[i];
        // A new array, never an update in place: `gx` may be another variable's grad (Add passes
        // its `gy` on unchanged), and writing into it would change that variable's grad too.
        x.grad = x.grad === null ? gx : x.grad.add(gx);
        if (x.creator !== null) funcs.push(x.creator);
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

/**
 * Appendix A's mistake, for the demo and the tests: `Variable.backward` with the accumulation done
 * in place, writing each `gx` into the storage of the grad already there (Python's
 * `x.grad += gx`).
 */
export function backwardInPlace(y: Variable): void {
  if (y.grad === null && y.data !== null) {
    y.grad = np.onesLike(y.data);
  }

  const funcs: Function[] = y.creator === null ? [] : [y.creator];
  while (funcs.length > 0) {
    const f = funcs.pop()!;
    const gys = f.outputs.map((output) => output.grad!);
    const gxs = toList(f.backward(...gys));

    for (const [i, x] of f.inputs.entries()) {
      const gx = gxs[i];
      if (x.grad === null) {
        x.grad = gx;
      } else {
        const acc = x.grad.data;
        for (let k = 0; k < acc.length; k++) acc[k] += gx.data[k];
      }
      if (x.creator !== null) funcs.push(x.creator);
    }
  }
}

if (import.meta.main) {
  // First calculation
  const x = new Variable(np.array(3.0));
  let y = add(x, x);
  y.backward();
  console.log(x.grad);

  // Second calculation, reusing x without clearing: its grad still holds the first one, and the
  // new grad is added to it: 2 + 3. The book prints 5.0 here; it should be 3.0.
  y = add(add(x, x), x);
  y.backward();
  console.assert(x.grad?.item() === 5.0, "x.grad is 2 + 3");

  // cleargrad() before reusing x, and the second calculation gives 3.0.
  x.cleargrad();
  y = add(add(x, x), x);
  y.backward();
  console.log(x.grad);

  // Appendix A (the book prints y.grad and x.grad): in y = x + x, Add.backward returns y's grad
  // itself for both inputs, so x.grad starts as the very array y.grad. Adding the second gx
  // makes a new array, and y.grad stays 1.
  const xa = new Variable(np.array(3, "int64"));
  const ya = add(xa, xa);
  ya.backward();
  console.assert(ya.grad?.item() === 1 && xa.grad?.item() === 2, "y.grad 1, x.grad 2");

  // Adding into x.grad's storage adds into y.grad's storage too: y.grad becomes 2.
  const xb = new Variable(np.array(3, "int64"));
  const yb = add(xb, xb);
  backwardInPlace(yb);
  console.assert(yb.grad?.item() === 2 && yb.grad === xb.grad, "in place: y.grad is x.grad, 2");
}
