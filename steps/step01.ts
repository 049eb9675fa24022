/**
 * Step 1: Variable as a box — 상자로서의 변수
 *
 * The first step:
 * - `Variable`, a box that holds data: an NDArray, our stand-in for NumPy's ndarray.
 * - Arrays have a number of dimensions, `ndim`: 0 for a scalar, 1 for a vector, 2 for a matrix.
 *
 * Differences from the book:
 * - `np` is `dezero/np/mod.ts`, a small NumPy written in TypeScript, not NumPy itself.
 *
 * Run: deno run steps/step01.ts
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

if (import.meta.main) {
  const data = np.array(1.0);
  const x = new Variable(data);
  console.log(x.data);

  x.data = np.array(2.0);
  console.log(x.data);

  // Section 1.3 prints 0, 1 and 2 here; the book's step01.py does not, so they are checked (a
  // failed console.assert writes to stderr).
  {
    const x = np.array(1);
    console.assert(x.ndim === 0, "a scalar has 0 dimensions");
    const y = np.array([1, 2, 3]);
    console.assert(y.ndim === 1, "a vector has 1 dimension");
    const z = np.array([[1, 2, 3], [4, 5, 6]]);
    console.assert(z.ndim === 2, "a matrix has 2 dimensions");
  }
}
