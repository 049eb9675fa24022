/**
 * Step 38: Functions that change shapes — 형상 변환 함수
 *
 * Since step 37: `F.reshape` and `F.transpose` (in `dezero/functions.ts`), and the Variable
 * methods `x.reshape(...)`, `x.transpose(...)` and `x.T`. Neither changes an element, so their
 * backward only changes the gradient's shape back: `reshape` to the input's shape, `transpose`
 * by the inverse permutation of the axes.
 *
 * Differences from the book: the shape `(6,)` is the array `[6]`; the integer arrays are asked
 * for with `"int64"`.
 *
 * Run: deno run steps/step38.ts
 * @module
 */
import { F, np, Variable } from "../dezero/full.ts";

if (import.meta.main) {
  let x = new Variable(np.array([[0, 1, 2], [3, 4, 5]], "int64"));
  let y = F.reshape(x, [6]); // y = x.reshape(6)
  y.backward({ retainGrad: true });
  console.log(x.grad);

  x = new Variable(np.array([[1, 2, 3], [4, 5, 6]], "int64"));
  y = F.transpose(x); // y = x.T
  y.backward();
  console.log(x.grad);
}
