/**
 * Step 1: Variable as a box — 상자로서의 변수
 *
 * The first step: a `Variable` is a box that holds data, an NDArray (our NumPy stand-in).
 *
 * Run: deno run steps/step01.ts
 * @module
 */
import * as np from "../dezero/ndarray.ts";

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
}
