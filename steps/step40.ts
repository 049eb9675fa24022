/**
 * Step 40: The broadcast function — 브로드캐스트 함수
 *
 * Since step 39: `F.broadcastTo` and `F.sumTo`, each the other's backward, and arithmetic that
 * broadcasts in both directions: `Add`, `Mul`, `Sub` and `Div` (in `dezero/core.ts`) remember
 * their inputs' shapes and, when they differ, sum each gradient back to its input's shape. Here
 * `x1` of shape `[1]` is broadcast to `[3]` in the forward pass, so its gradient is the sum of
 * three ones.
 *
 * Differences from the book: the integer arrays are asked for with `"int64"`. Before this step,
 * the book's cores hand a broadcast input a gradient of the wrong shape without a word; both
 * cores of this package (`core_simple.ts`, and `core.ts` for any Function that does not sum)
 * stop with an error that names the function and points to `F.sumTo`.
 *
 * Run: deno run steps/step40.ts
 * @module
 */
import { np, Variable } from "../dezero/full.ts";

if (import.meta.main) {
  const x0 = new Variable(np.array([1, 2, 3], "int64"));
  const x1 = new Variable(np.array([10], "int64"));
  const y = x0.add(x1);
  console.log(y);

  y.backward();
  console.log(x1.grad);
}
