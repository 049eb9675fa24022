/**
 * Step 10: Testing — 테스트
 *
 * Since step 9:
 * - Unit tests for `square`: the forward value, the backward value, and a gradient check that
 *   compares backpropagation with `numericalDiff` (step 4) on a random input.
 *
 * Differences from the book:
 * - The tests are `Deno.test` cases with `node:assert`, where the book has a `unittest` class
 *   `SquareTest`; NDArrays are compared through `toArray()`.
 * - `deno run` runs no tests (as `python step10.py` does not); it says on stderr how to run them.
 *
 * Run: deno test steps/step10.ts (`deno task test` runs them too)
 * @module
 */
import assert from "node:assert/strict";
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

/** Square as a plain function: `square(x)` instead of `new Square().call(x)`. */
export function square(x: Variable): Variable {
  return new Square().call(x);
}

/**
 * The central difference of step 4. `!`: x must have data (it is the caller's), and y0 and y1
 * have data because Function.call() makes them from forward()'s result.
 */
export function numericalDiff(f: (x: Variable) => Variable, x: Variable, eps = 1e-4): np.NDArray {
  const x0 = new Variable(x.data!.sub(eps));
  const x1 = new Variable(x.data!.add(eps));
  const y0 = f(x0);
  const y1 = f(x1);
  return y1.data!.sub(y0.data!).div(2 * eps);
}

// NDArrays are compared as JS values (`toArray()`): an NDArray keeps its elements in private
// fields, which assert.deepEqual does not look at.
Deno.test("SquareTest", async (t) => {
  await t.step("forward", () => {
    const x = new Variable(np.array(2.0));
    const y = square(x);
    const expected = np.array(4.0);
    assert.deepEqual(y.data?.toArray(), expected.toArray());
  });

  await t.step("backward", () => {
    const x = new Variable(np.array(3.0));
    const y = square(x);
    y.backward();
    const expected = np.array(6.0);
    assert.deepEqual(x.grad?.toArray(), expected.toArray());
  });

  await t.step("gradient check", () => {
    const x = new Variable(np.random.rand(1));
    const y = square(x);
    y.backward();
    const numGrad = numericalDiff(square, x);
    assert.ok(x.grad !== null);
    const flg = np.allclose(x.grad, numGrad);
    assert.ok(flg);
  });
});

if (import.meta.main) {
  console.error("This step is tests: run them with `deno test steps/step10.ts`");
}
