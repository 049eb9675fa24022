/**
 * Step 44: A layer that gathers parameters — 매개변수를 모아두는 계층
 *
 * Since step 43: `Parameter`, a Variable that belongs to a model, and `Layer`
 * (`dezero/layers.ts`), which registers every `Parameter` assigned to its attributes, so that
 * `params()` lists them and `cleargrads()` clears them all. `L.Linear(outSize)` holds `W` and `b`
 * and creates `W` at the first call, from the input's width, in float32 as the book does. The
 * network of step 43 is now two `L.Linear` layers.
 *
 * Differences from the book: `l1(x)` is `l1.call(x)`; the book's `__setattr__` is a `Proxy` that
 * `Layer`'s constructor returns; each update `p.data -= lr * p.grad.data` is
 * `p.data!.isub(p.grad!.data!.mul(lr))`, in place, so that `W` stays float32 as NumPy's `-=`
 * keeps it. float32 weights round their updates to float32, so the losses match the book's to
 * about 1e-6, not to the last digit (a last-bit difference in a float64 sum can round a weight to
 * the next float32).
 *
 * Run: deno run steps/step44.ts (about a second)
 * @module
 */
import { F, L, np, type Variable } from "../dezero/full.ts";

np.random.seed(0);
const x = np.random.rand(100, 1);
const y = np.sin(x.mul(2 * np.pi)).add(np.random.rand(100, 1));

const l1 = new L.Linear(10);
const l2 = new L.Linear(1);

function predict(x: np.NDArray): Variable {
  let y = l1.call(x);
  y = F.sigmoid(y);
  y = l2.call(y);
  return y;
}

if (import.meta.main) {
  const lr = 0.2;
  const iters = 10000;

  for (let i = 0; i < iters; i++) {
    const yPred = predict(x);
    const loss = F.meanSquaredError(y, yPred);

    l1.cleargrads();
    l2.cleargrads();
    loss.backward();

    for (const l of [l1, l2]) {
      for (const p of l.params()) {
        p.data!.isub(p.grad!.data!.mul(lr));
      }
    }
    if (i % 1000 === 0) console.log(loss);
  }
}
