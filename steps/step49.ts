/**
 * Step 49: The Dataset class and preprocessing — Dataset 클래스와 전처리
 *
 * Since step 48: `datasets.Dataset` (`dezero/datasets.ts`), a base class whose `prepare()` loads
 * `data` and `label` and whose `get(i)` gives one example and its label, each passed through the
 * dataset's `transform`; `datasets.Spiral` is the spiral as a dataset. The training loop of step
 * 48 takes its minibatches from it, stacking the examples with `np.array([...])`. (`transforms`
 * holds the book's preprocessing: `Compose`, `Normalize`, `Flatten`, `AsType`.)
 *
 * Differences from the book: `dezero.datasets.Spiral(train=True)` is
 * `new datasets.Spiral({ train: true })`; `train_set[i]` is `trainSet.get(i)`; `'%.2f' % v` is
 * `v.toFixed(2)`.
 *
 * Run: deno run steps/step49.ts (a few seconds)
 * @module
 */
import { datasets, F, MLP, np, optimizers } from "../dezero/full.ts";

const maxEpoch = 300;
const batchSize = 30;
const hiddenSize = 10;
const lr = 1.0;

if (import.meta.main) {
  const trainSet = new datasets.Spiral({ train: true });
  const model = new MLP([hiddenSize, 3]);
  const optimizer = new optimizers.SGD(lr).setup(model);

  const dataSize = trainSet.length;
  const maxIter = Math.ceil(dataSize / batchSize);

  for (let epoch = 0; epoch < maxEpoch; epoch++) {
    // Shuffle index for data
    const index = np.random.permutation(dataSize);
    let sumLoss = 0;

    for (let i = 0; i < maxIter; i++) {
      // Create minibatch
      const batchIndex = index.get(np.slice(i * batchSize, (i + 1) * batchSize));
      const batch = (batchIndex.toArray() as number[]).map((i) => trainSet.get(i));
      const batchX = np.array(batch.map((example) => example[0]));
      const batchT = np.array(batch.map((example) => example[1]!));

      const y = model.call(batchX);
      const loss = F.softmaxCrossEntropy(y, batchT);
      model.cleargrads();
      loss.backward();
      optimizer.update();

      sumLoss += loss.data!.item() * batchT.length;
    }

    // Print loss every epoch
    const avgLoss = sumLoss / dataSize;
    console.log(`epoch ${epoch + 1}, loss ${avgLoss.toFixed(2)}`);
  }
}
