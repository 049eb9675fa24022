/**
 * Step 28: Function optimization — 함수 최적화
 *
 * Since step 27: nothing new in DeZero; its gradients find a minimum. The Rosenbrock function
 *
 *     y = 100 (x₁ - x₀²)² + (x₀ - 1)²
 *
 * has its minimum 0 at (1, 1), at the bottom of a long, flat, curved valley. Gradient descent
 * starts at (0, 2) and moves each step against the gradient, scaled by the learning rate `lr`:
 * `x ← x - lr · ∂y/∂x`. The gradients must be cleared (`cleargrad`) before each `backward`,
 * which adds to them. After 1,000 steps (printed before each one, as the book does) the point is
 * near (0.68, 0.47), still on its way: in that valley the gradient is small, and a larger `lr`
 * overshoots. More steps bring it slowly to (1, 1); Newton's method (step 29) is much faster.
 *
 * Differences from the book: `x0.data -= lr * x0.grad` updates the array in place; here the
 * update makes a new array, `x0.data = x0.data.sub(x0.grad.mul(lr))`, with the same numbers.
 *
 * Run: deno run steps/step28.ts
 * @module
 */
import { np, Variable } from "../dezero/mod.ts";

/** y = 100 * (x1 - x0 ** 2) ** 2 + (x0 - 1) ** 2 */
export function rosenbrock(x0: Variable, x1: Variable): Variable {
  return x1.sub(x0.pow(2)).pow(2).rmul(100).add(x0.sub(1).pow(2));
}

if (import.meta.main) {
  const x0 = new Variable(np.array(0.0));
  const x1 = new Variable(np.array(2.0));
  const lr = 0.001;
  const iters = 1000;

  for (let i = 0; i < iters; i++) {
    console.log(x0, x1);

    const y = rosenbrock(x0, x1);

    x0.cleargrad();
    x1.cleargrad();
    y.backward();

    x0.data = x0.data!.sub(x0.grad!.mul(lr));
    x1.data = x1.data!.sub(x1.grad!.mul(lr));
  }
}
