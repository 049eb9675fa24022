/**
 * Step 9: Making functions more convenient — 함수를 더 편리하게
 *
 * Since step 8:
 * - Plain functions `square(x)` and `exp(x)` instead of `new Square().call(x)`.
 * - `backward()` seeds the output's grad with ones: `y.grad = np.array(1.0)` is no longer needed.
 * - A Variable accepts only an NDArray or null, and `asArray` wraps a number that `forward()`
 *   returns into an NDArray.
 *
 * Differences from the book:
 * - The rejected `Variable(1.0)` says `TypeError: number is not supported` (JavaScript has one
 *   number type; the book names `<class 'float'>`), and the demo reports it on stderr and goes
 *   on, where the book stops with the traceback.
 * - Our NDArray operations keep 0-d arrays (NumPy turns `x ** 2` of a 0-d array into a scalar,
 *   the reason for the book's `as_array`), so `asArray` matters only for a `forward()` that
 *   returns a plain number.
 * - A Function given `Variable(null)` says so; the book fails with a TypeError about None.
 *
 * Run: deno run steps/step09.ts
 * @module
 */
import * as np from "../dezero/np/mod.ts";

/** A box holding an array (or null), its gradient and the Function that created it. */
export class Variable {
  data: np.NDArray | null;
  grad: np.NDArray | null = null;
  creator: Function | null = null;

  /**
   * @param data an NDArray or null. TypeScript already rejects anything else; the run-time check
   * is the book's, for callers that get past the type checker (plain JavaScript, casts).
   */
  constructor(data: np.NDArray | null) {
    if (data !== null && !(data instanceof np.NDArray)) {
      throw new TypeError(`${typeName(data)} is not supported`);
    }
    this.data = data;
  }

  setCreator(func: Function): void {
    this.creator = func;
  }

  /** Backpropagates from this variable, whose gradient defaults to ones, to the graph's inputs. */
  backward(): void {
    if (this.grad === null && this.data !== null) {
      this.grad = np.onesLike(this.data);
    }

    const funcs: Function[] = this.creator === null ? [] : [this.creator];
    while (funcs.length > 0) {
      const f = funcs.pop()!;
      const x = f.input;
      const y = f.output;
      // y.grad is set: this variable's just above, the others' by the previous iteration.
      x.grad = f.backward(y.grad!);

      if (x.creator !== null) {
        funcs.push(x.creator);
      }
    }
  }
}

/** Python's `type(x)` for the error message: `number`, `string`, or a class name (`Array`). */
function typeName(x: unknown): string {
  return typeof x === "object" && x !== null ? (x.constructor?.name ?? "Object") : typeof x;
}

/**
 * Wraps a plain number into a 0-d NDArray. In NumPy, `x ** 2` of a 0-d array is a scalar
 * (`np.float64`), which the book wraps back; our NDArray operations keep 0-d arrays, so here it
 * only matters for a `forward()` that returns a plain number.
 */
export function asArray(x: np.NDArray | number): np.NDArray {
  if (np.isScalar(x)) {
    return np.array(x);
  }
  return x;
}

/** The base class of all functions: `f.call(x)` is Python's `f(x)`. */
export class Function {
  /** The input of the last `call()`: backward() evaluates the derivative there. */
  input!: Variable;
  /** The output of the last `call()`. */
  output!: Variable;

  call(input: Variable): Variable {
    const x = input.data;
    if (x === null) {
      throw new TypeError(`${this.constructor.name} needs an input with data, not Variable(null)`);
    }
    const y = this.forward(x);
    const output = new Variable(asArray(y));
    output.setCreator(this);
    this.input = input;
    this.output = output;
    return output;
  }

  /** The computation; every concrete function overrides it. */
  forward(_x: np.NDArray): np.NDArray | number {
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
    const x = this.input.data!; // call() checked that the input has data
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
    const x = this.input.data!; // call() checked that the input has data
    const gx = np.exp(x).mul(gy);
    return gx;
  }
}

/** Square as a plain function: `square(x)` instead of `new Square().call(x)`. */
export function square(x: Variable): Variable {
  return new Square().call(x);
}

/** Exp as a plain function: `exp(x)` instead of `new Exp().call(x)`. */
export function exp(x: Variable): Variable {
  return new Exp().call(x);
}

if (import.meta.main) {
  let x = new Variable(np.array(0.5));
  const y = square(exp(square(x)));
  y.backward();
  console.log(x.grad);

  // 9.3: in NumPy, the square of a 0-d array is a scalar (the book prints
  // <class 'numpy.float64'>), hence `asArray`; our NDArray stays a 0-d array.
  console.assert(np.array(1.0).pow(2) instanceof np.NDArray);

  x = new Variable(np.array(1.0)); // OK
  x = new Variable(null); // OK
  try {
    // @ts-expect-error -- a number is not an NDArray: the type checker catches before running what
    // the book's check catches at run time.
    x = new Variable(1.0); // NG
  } catch (e) {
    console.error(String(e)); // the book stops here with: TypeError: <class 'float'> is not supported
  }
}
