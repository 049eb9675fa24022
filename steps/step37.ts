/**
 * Step 37: Handling tensors — 텐서를 다루다
 *
 * Since step 36: nothing new in DeZero's code. Its functions were written for scalars, but
 * NumPy's arrays compute elementwise, so the same functions take tensors: `x + c` adds two 2×3
 * arrays element by element, and backward gives each element its own gradient. `F.sum` adds up
 * all elements (defined in the book's next steps; used here), so that the output is a scalar
 * again, as backpropagation starts from one.
 *
 * Differences from the book: `x + c` is `x.add(c)`; `np.array([[1, 2, 3], [4, 5, 6]])` is an
 * integer array in Python, so here it is asked for with `"int64"` (JavaScript cannot tell `1`
 * from `1.0`), and the gradients print as integers, as the book's do.
 *
 * Run: deno run steps/step37.ts
 * @module
 */
import { F, np, Variable } from "../dezero/full.ts";

if (import.meta.main) {
  const x = new Variable(np.array([[1, 2, 3], [4, 5, 6]], "int64"));
  const c = new Variable(np.array([[10, 20, 30], [40, 50, 60]], "int64"));
  const t = x.add(c);
  const y = F.sum(t);

  y.backward({ retainGrad: true });
  console.log(y.grad);
  console.log(t.grad);
  console.log(x.grad);
  console.log(c.grad);
}
