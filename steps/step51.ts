/**
 * Step 51: Training on MNIST — MNIST 학습
 *
 * Since step 50: `datasets.MNIST`, 60,000 training and 10,000 test images of handwritten digits,
 * 28×28, read from the four IDX files the book downloads into `~/.dezero` (files that Python
 * DeZero already downloaded are reused; missing ones are downloaded from the book's URL). Its
 * default transform flattens each image to 784 float32 values in [0, 1]. An `MLP` 784 → 1000 →
 * 10 is trained for 5 epochs of 600 minibatches of 100, with the accuracy on the test set after
 * each epoch.
 *
 * Differences from the book: `dezero.datasets.MNIST(train=True)` is
 * `new datasets.MNIST({ train: true })`; `'{:.4f}'.format(v)` is `v.toFixed(4)`. `--dir=FOLDER`
 * reads the four files from a folder instead: offline, Debian's `dataset-fashion-mnist` puts
 * Fashion-MNIST (clothes instead of digits, in MNIST's format and names) in
 * `/usr/share/datasets/fashion-mnist`. `--epochs=N` changes the number of epochs.
 *
 * Run: deno run --allow-env=HOME --allow-read --allow-write --allow-net steps/step51.ts
 *      deno run --allow-read steps/step51.ts --dir=/usr/share/datasets/fashion-mnist
 *      (5 epochs take about 4 minutes on a 2-core machine, 45-70 s each; the book's Python on
 *      NumPy and its OpenBLAS about 1 minute: see bench/README.md)
 * @module
 */
import { DataLoader, datasets, F, MLP, noGrad, optimizers } from "../dezero/full.ts";

const option = (name: string) =>
  Deno.args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

const maxEpoch = Number(option("epochs") ?? 5);
const batchSize = 100;
const hiddenSize = 1000;

if (import.meta.main) {
  const dir = option("dir");
  const trainSet = new datasets.MNIST({ train: true, dir });
  const testSet = new datasets.MNIST({ train: false, dir });
  const trainLoader = new DataLoader(trainSet, batchSize);
  const testLoader = new DataLoader(testSet, batchSize, false);

  const model = new MLP([hiddenSize, 10]);
  const optimizer = new optimizers.SGD().setup(model);

  for (let epoch = 0; epoch < maxEpoch; epoch++) {
    let [sumLoss, sumAcc] = [0, 0];

    for (const [x, t] of trainLoader) {
      const y = model.call(x);
      const loss = F.softmaxCrossEntropy(y, t);
      const acc = F.accuracy(y, t);
      model.cleargrads();
      loss.backward();
      optimizer.update();

      sumLoss += loss.data!.item() * t.length;
      sumAcc += acc.data!.item() * t.length;
    }

    console.log(`epoch: ${epoch + 1}`);
    console.log(
      `train loss: ${(sumLoss / trainSet.length).toFixed(4)}, ` +
        `accuracy: ${(sumAcc / trainSet.length).toFixed(4)}`,
    );

    [sumLoss, sumAcc] = [0, 0];
    {
      using _ = noGrad();
      for (const [x, t] of testLoader) {
        const y = model.call(x);
        const loss = F.softmaxCrossEntropy(y, t);
        const acc = F.accuracy(y, t);
        sumLoss += loss.data!.item() * t.length;
        sumAcc += acc.data!.item() * t.length;
      }
    }

    console.log(
      `test loss: ${(sumLoss / testSet.length).toFixed(4)}, ` +
        `accuracy: ${(sumAcc / testSet.length).toFixed(4)}`,
    );
  }
}
