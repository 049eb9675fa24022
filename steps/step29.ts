/**
 * Step 29: Optimization with Newton's method (manual calculation) — 뉴턴 방법으로 푸는
 * 최적화(수동 계산)
 *
 * Since step 28: Newton's method. Near x, a function is close to its second-order Taylor
 * polynomial f(x) + f'(x)·h + f''(x)·h²/2, whose minimum is at h = -f'(x) / f''(x). Stepping
 * there, `x ← x - f'(x) / f''(x)`, is gradient descent with the learning rate 1 / f''(x) chosen
 * from the curvature. For f(x) = x⁴ - 2x², with minima at x = ±1, it reaches 1 from x = 2 in 7
 * steps, where gradient descent (step 28) needs hundreds.
 *
 * DeZero gives f'(x) (`backward`), but not yet the second derivative: here f''(x) = 12x² - 4 is
 * worked out by hand (`gx2`). Step 33 lets DeZero compute it too.
 *
 * Differences from the book: `x.data -= x.grad / gx2(x.data)` updates the array in place; here
 * the update makes a new array, with the same numbers.
 *
 * Run: deno run steps/step29.ts
 * @module
 */
import { np, Variable } from "../dezero/mod.ts";

/** y = x ** 4 - 2 * x ** 2 */
export function f(x: Variable): Variable {
  return x.pow(4).sub(x.pow(2).rmul(2));
}

/** f''(x) = 12 * x ** 2 - 4, by hand */
export function gx2(x: np.NDArray): np.NDArray {
  return x.pow(2).mul(12).sub(4);
}

if (import.meta.main) {
  const x = new Variable(np.array(2.0));
  const iters = 10;

  for (let i = 0; i < iters; i++) {
    console.log(i, x);

    const y = f(x);
    x.cleargrad();
    y.backward();

    x.data = x.data!.sub(x.grad!.div(gx2(x.data!)));
  }
}
