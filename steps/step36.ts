/**
 * Step 36: Uses beyond higher-order derivatives — 고차 미분 이외의 용도
 *
 * Since step 35: nothing new in DeZero; `createGraph` serves more than higher derivatives. A
 * gradient with a graph can enter a new computation, and that computation can be differentiated
 * as a whole ("double backpropagation"). With y = x² and its gradient gx = dy/dx = 2x,
 *
 *     z = gx³ + y = 8x³ + x²,   dz/dx = 24x² + 2x,
 *
 * which at x = 2 is 100. Models penalized by their gradients (as in WGAN-GP) are trained this way.
 *
 * Run: deno run steps/step36.ts
 * @module
 */
import { np, Variable } from "../dezero/full.ts";

if (import.meta.main) {
  const x = new Variable(np.array(2.0));
  const y = x.pow(2);
  y.backward({ createGraph: true });
  const gx = x.grad!;
  x.cleargrad();

  const z = gx.pow(3).add(y);
  z.backward();
  console.log(x.grad);
}
