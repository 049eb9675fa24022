/**
 * Step 46: Updating parameters with an optimizer — Optimizer로 수행하는 매개변수 갱신
 *
 * Since step 45: optimizers (`dezero/optimizers.ts`). `new optimizers.SGD(lr).setup(model)`
 * keeps the model; each `update()` changes every parameter that has a gradient, in place.
 * `MomentumSGD`, `AdaGrad`, `AdaDelta` and `Adam` differ only in their `updateOne`, and hooks
 * (`WeightDecay`, `ClipGrad`, `FreezeParam`) see the parameters first. The model is `MLP`, layers
 * of the given output sizes with sigmoids between.
 *
 * Differences from the book: `MLP((hidden_size, 1))` is `new MLP([hiddenSize, 1])`. As in step
 * 44, the losses match the book's to about 1e-6 (float32 weights).
 *
 * Run: deno run steps/step46.ts (about a second)
 * @module
 */
import { F, MLP, np, optimizers } from "../dezero/full.ts";

np.random.seed(0);
const x = np.random.rand(100, 1);
const y = np.sin(x.mul(2 * np.pi)).add(np.random.rand(100, 1));

const lr = 0.2;
const maxIter = 10000;
const hiddenSize = 10;

if (import.meta.main) {
  const model = new MLP([hiddenSize, 1]);
  const optimizer = new optimizers.SGD(lr).setup(model);

  for (let i = 0; i < maxIter; i++) {
    const yPred = model.call(x);
    const loss = F.meanSquaredError(y, yPred);

    model.cleargrads();
    loss.backward();

    optimizer.update();
    if (i % 1000 === 0) console.log(loss);
  }
}
