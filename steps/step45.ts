/**
 * Step 45: A layer that gathers layers — 계층을 모아두는 계층
 *
 * Since step 44: a `Layer` registers other layers assigned to its attributes too, and `params()`
 * walks into them. `Model` (`dezero/models.ts`) is a `Layer` that can also draw its graph
 * (`plot`); a model is a class with its layers as attributes and a `forward`. The two-layer
 * network becomes `TwoLayerNet`, trained as before. (`MLP`, the book's general version, comes
 * with this step too and is used from step 46.)
 *
 * Differences from the book: `model(x)` is `model.call(x)`; the layers are class fields, typed;
 * the update is `p.data!.isub(p.grad!.data!.mul(lr))`. As in step 44, the losses match the
 * book's to about 1e-6 (float32 weights).
 *
 * Run: deno run steps/step45.ts (about a second)
 * @module
 */
import { F, L, Model, np, type Variable } from "../dezero/full.ts";

np.random.seed(0);
const x = np.random.rand(100, 1);
const y = np.sin(x.mul(2 * np.pi)).add(np.random.rand(100, 1));

// Hyperparameters
const lr = 0.2;
const maxIter = 10000;
const hiddenSize = 10;

// Model definition
class TwoLayerNet extends Model {
  l1: L.Linear;
  l2: L.Linear;

  constructor(hiddenSize: number, outSize: number) {
    super();
    this.l1 = new L.Linear(hiddenSize);
    this.l2 = new L.Linear(outSize);
  }

  override forward(x: np.NDArray | Variable): Variable {
    let y = F.sigmoid(this.l1.call(x));
    y = this.l2.call(y);
    return y;
  }
}

if (import.meta.main) {
  const model = new TwoLayerNet(hiddenSize, 1);

  for (let i = 0; i < maxIter; i++) {
    const yPred = model.call(x);
    const loss = F.meanSquaredError(y, yPred);

    model.cleargrads();
    loss.backward();

    for (const p of model.params()) {
      p.data!.isub(p.grad!.data!.mul(lr));
    }
    if (i % 1000 === 0) console.log(loss);
  }
}
