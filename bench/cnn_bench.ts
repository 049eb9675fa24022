/**
 * A small CNN's training step (steps 57–58's functions): 32 MNIST-sized images, 1×28×28, through
 * conv 3×3 (16) → ReLU → max pool 2 → conv 3×3 (32) → ReLU → max pool 2 → linear (10), forward,
 * backward and SGD update, in float32; and `im2colArray`/`col2imArray` alone on the second
 * convolution's input. The matrix products (`np.tensordot` in `F.conv2d`, its gradients, and
 * `F.linear`) should dominate: the rest is copying, not per-element index arithmetic.
 *
 * Run: deno bench bench/cnn_bench.ts
 */
import { F, L, Model, np, optimizers, type Variable } from "../dezero/full.ts";

class SmallCNN extends Model {
  c1 = new L.Conv2d(16, 3, { pad: 1 });
  c2 = new L.Conv2d(32, 3, { pad: 1 });
  fc = new L.Linear(10);

  override forward(x: Variable | np.NDArray): Variable {
    let h = F.pooling(F.relu(this.c1.call(x)), 2, { stride: 2 });
    h = F.pooling(F.relu(this.c2.call(h)), 2, { stride: 2 });
    return this.fc.call(F.reshape(h, [h.shape[0], -1]));
  }
}

np.random.seed(0);
const x = np.random.randn(32, 1, 28, 28).astype("float32");
const t = np.array(Array.from({ length: 32 }, (_, i) => i % 10), "int64");
const model = new SmallCNN();
const optimizer = new optimizers.SGD(0.01).setup(model);

Deno.bench("small CNN: forward + backward + update, batch 32 of 1×28×28 (float32)", () => {
  const loss = F.softmaxCrossEntropy(model.call(x), t);
  model.cleargrads();
  loss.backward();
  optimizer.update();
});

Deno.bench("small CNN: forward only", () => {
  model.call(x);
});

const h = np.random.randn(32, 16, 14, 14).astype("float32");
const col = F.im2colArray(h, 3, { pad: 1 });

Deno.bench("im2colArray 32×16×14×14, 3×3, pad 1 (903,168 elements)", () => {
  F.im2colArray(h, 3, { pad: 1 });
});

Deno.bench("col2imArray of the same", () => {
  F.col2imArray(col, h.shape, 3, { pad: 1 });
});
