/**
 * Step 33: Optimization with Newton's method (automatic calculation) — 뉴턴 방법으로 푸는
 * 최적화(자동 계산)
 *
 * Since step 32: the full core (`../dezero/full.ts`) computes the second derivative that step 29
 * wrote by hand. `y.backward({ createGraph: true })` records the backward pass, so `x.grad` is a
 * Variable with a graph, f'(x); clearing `x.grad` and calling `backward()` on that gradient gives
 * f''(x) in `x.grad`. Newton's update `x ← x - f'(x) / f''(x)` then reaches the minimum at 1 in
 * the same steps as step 29, with the same numbers.
 *
 * Differences from the book: `x.data -= gx.data / gx2.data` updates the array in place; here the
 * update makes a new array, with the same numbers.
 *
 * Run: deno run steps/step33.ts
 * @module
 */
import { np, Variable } from "../dezero/full.ts";

/** y = x ** 4 - 2 * x ** 2 */
export function f(x: Variable): Variable {
  return x.pow(4).sub(x.pow(2).rmul(2));
}

if (import.meta.main) {
  const x = new Variable(np.array(2.0));
  const iters = 10;

  for (let i = 0; i < iters; i++) {
    console.log(i, x);

    const y = f(x);
    x.cleargrad();
    y.backward({ createGraph: true });

    const gx = x.grad!;
    x.cleargrad();
    gx.backward();
    const gx2 = x.grad!;

    x.data = x.data!.sub(gx.data!.div(gx2.data!));
  }
}
