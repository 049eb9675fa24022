/**
 * Step 39: The sum function — 합계 함수
 *
 * Since step 38: `F.sum(x, { axis, keepdims })` and `x.sum(...)`. The sum's backward copies the
 * output's gradient to every element that was added: it broadcasts the gradient back to the
 * input's shape (`F.broadcastTo`, step 40), after restoring the summed axes as axes of size 1
 * (`utils.reshapeSumBackward`).
 *
 * Differences from the book: `axis=0` and `keepdims=True` are options, `{ axis: 0 }` and
 * `{ keepdims: true }`; the integer arrays are asked for with `"int64"`; a shape prints as a
 * JavaScript array, `[ 1, 1, 1, 1 ]`, where Python prints the tuple `(1, 1, 1, 1)`.
 *
 * Run: deno run steps/step39.ts
 * @module
 */
import { F, np, Variable } from "../dezero/full.ts";

if (import.meta.main) {
  let x = new Variable(np.array([1, 2, 3, 4, 5, 6], "int64"));
  let y = F.sum(x);
  y.backward();
  console.log(y);
  console.log(x.grad);

  x = new Variable(np.array([[1, 2, 3], [4, 5, 6]], "int64"));
  y = F.sum(x);
  y.backward();
  console.log(y);
  console.log(x.grad);

  x = new Variable(np.array([[1, 2, 3], [4, 5, 6]], "int64"));
  y = F.sum(x, { axis: 0 });
  y.backward();
  console.log(y);
  console.log(x.grad);

  x = new Variable(np.random.randn(2, 3, 4, 5));
  y = x.sum({ keepdims: true });
  console.log(y.shape);
}
