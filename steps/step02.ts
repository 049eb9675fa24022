/**
 * Step 2: Functions that create variables — 변수를 낳는 함수
 *
 * Since step 1:
 * - `Function` takes a Variable and returns a new one; the computation itself is `forward()`,
 *   which a subclass such as `Square` implements.
 *
 * Differences from the book:
 * - Python's `f(x)` (`__call__`) is `f.call(x)`: a TypeScript object cannot be called.
 * - `np.array(10, "int64")`: the book's `np.array(10)` is an integer array, and JavaScript cannot
 *   tell 10 from 10.0.
 * - `print(type(y))` is `console.log(y.constructor)`, which prints `[class Variable]`.
 *
 * Run: deno run steps/step02.ts
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

/**
 * The base class of all functions. Python's `f(x)` (`__call__`) is `f.call(x)` here: unwrap the
 * data, compute, wrap the result in a new Variable.
 */
export class Function {
  call(input: Variable): Variable {
    const x = input.data;
    const y = this.forward(x);
    const output = new Variable(y);
    return output;
  }

  /** The computation; every concrete function overrides it (Python's NotImplementedError). */
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

if (import.meta.main) {
  // "int64": the book's np.array(10) is an integer array, and JavaScript cannot tell 10 from 10.0.
  const x = new Variable(np.array(10, "int64"));
  const f = new Square();
  const y = f.call(x);
  console.log(y.constructor); // Python's print(type(y))
  console.log(y.data);
}
