/**
 * Step 41: Matrix multiplication — 행렬의 곱
 *
 * Since step 40: `F.matmul(x, W)` (also `x.matmul(W)`, `x.dot(W)`), the product of matrices,
 * whose backward is two products again: `gx = gy @ W.T` and `gW = x.T @ gy`, each of its input's
 * shape. NumPy's `np.dot` computes it; here `np.matmul`/`np.dot` of the NumPy stand-in, which
 * sums each element's products in order, as the reference BLAS of the book's NumPy does.
 *
 * Differences from the book: a shape prints as a JavaScript array, `[ 2, 3 ]`, where Python prints
 * the tuple `(2, 3)`.
 *
 * Run: deno run steps/step41.ts
 * @module
 */
import { F, np, Variable } from "../dezero/full.ts";

if (import.meta.main) {
  const x = new Variable(np.random.randn(2, 3));
  const w = new Variable(np.random.randn(3, 4));
  const y = F.matmul(x, w);
  y.backward();

  console.log(x.grad!.shape);
  console.log(w.grad!.shape);
}
