/**
 * Training end to end, written as a user of the package would: a small regression whose loss
 * must fall well below that of the best constant; the book's step 50 (for 30 epochs) and an MLP
 * with ReLU, Adam and weight decay on the spiral, against the same runs of the book's Python
 * DeZero (tools/gen_stage4_training.py, tests/fixtures/stage4_training.json); and, where Debian's
 * dataset-fashion-mnist is installed, one epoch on a few thousand real images.
 */
import assert from "node:assert/strict";
import {
  DataLoader,
  datasets,
  F,
  L,
  MLP,
  Model,
  noGrad,
  np,
  optimizers,
  type Variable,
} from "../dezero/full.ts";
import { missingFlags, type Needed } from "./_permissions.ts";
import fixtureJson from "./fixtures/stage4_training.json" with { type: "json" };

interface Epoch {
  train_loss: number;
  train_acc: number;
  test_loss: number;
  test_acc: number;
}

const fixture = fixtureJson as unknown as { step50: Epoch[]; adam: Epoch[] };

Deno.test("a two-layer network fits sin(2πx) + noise: the loss falls to about the noise's variance", () => {
  np.random.seed(0);
  const x = np.random.rand(100, 1);
  const y = np.sin(x.mul(2 * Math.PI)).add(np.random.rand(100, 1));

  class TwoLayerNet extends Model {
    l1 = new L.Linear(10);
    l2 = new L.Linear(1);
    override forward(x: Variable | np.NDArray): Variable {
      return this.l2.call(F.sigmoid(this.l1.call(x)));
    }
  }
  const model = new TwoLayerNet();
  const optimizer = new optimizers.Adam(0.1).setup(model);
  const losses: number[] = [];
  for (let i = 0; i < 600; i++) {
    const loss = F.meanSquaredError(model.call(x), y);
    model.cleargrads();
    loss.backward();
    optimizer.update();
    losses.push(loss.data!.item());
  }
  // Predicting the mean of y gives its variance (about 0.58: 1/2 from the sine, 1/12 from the
  // noise); a fit of the sine leaves about the noise's variance, 1/12.
  const variance = y.sub(y.mean()).pow(2).mean().item();
  assert.ok(variance > 0.4, `var(y) = ${variance}`);
  const last = losses[losses.length - 1];
  assert.ok(last < 0.12, `the loss after 600 updates is ${last}, not below 0.12`);
  assert.ok(last < variance / 3);
  assert.ok(losses[0] > 2 * last, "the loss fell");
});

/** One epoch of training and one of testing, as step 50 does it; the means over the examples. */
function epoch(
  model: Model,
  optimizer: optimizers.Optimizer,
  trainLoader: DataLoader,
  testLoader: DataLoader,
): Epoch {
  let [sumLoss, sumAcc, n] = [0, 0, 0];
  for (const [x, t] of trainLoader) {
    const y = model.call(x);
    const loss = F.softmaxCrossEntropy(y, t);
    const acc = F.accuracy(y, t);
    model.cleargrads();
    loss.backward();
    optimizer.update();
    sumLoss += loss.data!.item() * t.length;
    sumAcc += acc.data!.item() * t.length;
    n += t.length;
  }
  const train = { train_loss: sumLoss / n, train_acc: sumAcc / n };
  [sumLoss, sumAcc, n] = [0, 0, 0];
  {
    using _ = noGrad();
    for (const [x, t] of testLoader) {
      const y = model.call(x);
      sumLoss += F.softmaxCrossEntropy(y, t).data!.item() * t.length;
      sumAcc += F.accuracy(y, t).data!.item() * t.length;
      n += t.length;
    }
  }
  return { ...train, test_loss: sumLoss / n, test_acc: sumAcc / n };
}

// The runs start from the same float32 weights and batches as the book's, but NumPy multiplies
// float32 matrices with OpenBLAS, which sums in another order (and with FMA) than our loop, so
// the last bits differ and the difference can grow over the updates. Measured: losses within
// 1.3e-7 (relative) over these runs, accuracies equal. The bounds leave a margin, and allow one
// example near the decision boundary to fall on the other side (1/300).
const LOSS_RTOL = 1e-6;
const ACC_ATOL = 1 / 300 + 1e-12;

function assertHistory(got: Epoch[], want: Epoch[]): void {
  assert.equal(got.length, want.length);
  for (const [i, w] of want.entries()) {
    for (const key of ["train_loss", "test_loss"] as const) {
      const err = Math.abs(got[i][key] - w[key]) / Math.abs(w[key]);
      assert.ok(err <= LOSS_RTOL, `epoch ${i + 1} ${key}: ${got[i][key]}, the book's ${w[key]}`);
    }
    for (const key of ["train_acc", "test_acc"] as const) {
      const err = Math.abs(got[i][key] - w[key]);
      assert.ok(err <= ACC_ATOL, `epoch ${i + 1} ${key}: ${got[i][key]}, the book's ${w[key]}`);
    }
  }
}

Deno.test("step 50 for 30 epochs: the book's losses and accuracies, epoch by epoch", () => {
  const trainSet = new datasets.Spiral({ train: true });
  const testSet = new datasets.Spiral({ train: false });
  const trainLoader = new DataLoader(trainSet, 30);
  const testLoader = new DataLoader(testSet, 30, false);
  const model = new MLP([10, 3]);
  const optimizer = new optimizers.SGD(1.0).setup(model);
  const history = Array.from(
    { length: 30 },
    () => epoch(model, optimizer, trainLoader, testLoader),
  );
  assertHistory(history, fixture.step50);
});

Deno.test("an MLP with ReLU, Adam and weight decay on the spiral: the book's run", () => {
  const trainLoader = new DataLoader(new datasets.Spiral(), 50);
  const testLoader = new DataLoader(new datasets.Spiral({ train: false }), 50, false);
  const model = new MLP([20, 20, 3], F.relu);
  const optimizer = new optimizers.Adam(0.01).setup(model);
  optimizer.addHook(new optimizers.WeightDecay(1e-4));
  const history = Array.from(
    { length: 20 },
    () => epoch(model, optimizer, trainLoader, testLoader),
  );
  assertHistory(history, fixture.adam);
  // It learns: three classes, chance is 1/3.
  assert.ok(history[history.length - 1].test_acc > 0.9);
});

const FASHION = "/usr/share/datasets/fashion-mnist";
const READ_FASHION: Needed = [{ name: "read", path: FASHION }, `--allow-read=${FASHION}`];
const missing = await missingFlags([READ_FASHION]);
const fashionFound = missing.length === 0 && (await Deno.stat(FASHION).catch(() => null)) !== null;
const skip = missing.length > 0
  ? ` (skipped: needs ${missing.join(" ")})`
  : fashionFound
  ? ""
  : ` (skipped: no ${FASHION}; apt-get install dataset-fashion-mnist)`;

Deno.test({
  name: `Fashion-MNIST: one epoch on 3000 images gives an MLP well above chance${skip}`,
  ignore: skip !== "",
  fn() {
    np.random.seed(0);
    const train = new datasets.MNIST({ dir: FASHION });
    const test = new datasets.MNIST({ dir: FASHION, train: false });
    // The first 3000 training images and 1000 test images.
    train.data = train.data!.get(np.slice(0, 3000));
    train.label = train.label!.get(np.slice(0, 3000));
    test.data = test.data!.get(np.slice(0, 1000));
    test.label = test.label!.get(np.slice(0, 1000));
    const model = new MLP([100, 10], F.relu);
    const optimizer = new optimizers.Adam(0.001).setup(model);
    const result = epoch(model, optimizer, new DataLoader(train, 100), new DataLoader(test, 100));
    // Ten classes: chance is 0.1. Such an MLP reaches about 0.7 after one epoch of 3000 images.
    assert.ok(result.test_acc > 0.6, `test accuracy ${result.test_acc}`);
    assert.ok(result.test_loss < 1.2, `test loss ${result.test_loss}`);
  },
});
