/**
 * Step 53: Saving and loading models — 모델 저장 및 읽어오기
 *
 * Since step 52 (the book's GPU support through CuPy, which this port, running on the CPU, does
 * not have): `Layer.saveWeights(path)` and `Layer.loadWeights(path)`. A model's parameters are
 * named by their path through the layers' attributes, joined with `/` (`l0/W`, `l0/b`, `l1/W`,
 * `l1/b` for this MLP: `Layer._flattenParams`), and saved in NumPy's `.npz` format
 * (`np.savezCompressed`), one array per name. The files are the book's: Python DeZero loads the
 * files saved here, and these load Python DeZero's. The step trains step 51's MLP on MNIST for 3
 * epochs, starting from `my_mlp.npz` where an earlier run left it, and saves it there: each run
 * continues the training of the last.
 *
 * Differences from the book: `os.path.exists` is a `Deno.statSync` that does not throw. A save
 * writes a temporary file and renames it, so it never leaves a half-written `my_mlp.npz` (the
 * book deletes the file when writing fails). Saving a model with a parameter that has no data
 * yet is an error (the book writes a pickled `None` that `load_weights` refuses), and loading a
 * file whose names or shapes do not fit the model is an error that lists every difference,
 * before anything is loaded (the book stops at the first missing name). `'{:.4f}'.format(v)` is
 * `v.toFixed(4)`. As in step 51, `--dir=FOLDER` reads the four MNIST files from a folder (Debian's
 * `dataset-fashion-mnist` puts Fashion-MNIST in `/usr/share/datasets/fashion-mnist`), and
 * `--epochs=N` changes the number of epochs.
 *
 * Run: deno run --allow-env=HOME --allow-read --allow-write --allow-net steps/step53.ts
 *      deno run --allow-read=.,/usr/share/datasets --allow-write=. steps/step53.ts \
 *        --dir=/usr/share/datasets/fashion-mnist
 *      (3 epochs take about 20 minutes on a 2-core machine: the products with the 784 × 1000
 *      weights run in plain JavaScript, about 10 times slower than the BLAS behind NumPy)
 * @module
 */
import { DataLoader, datasets, F, MLP, optimizers } from "../dezero/full.ts";

const option = (name: string) =>
  Deno.args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

const maxEpoch = Number(option("epochs") ?? 3);
const batchSize = 100;

/** Whether `path` exists: Python's `os.path.exists`. */
function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

if (import.meta.main) {
  if (!Number.isInteger(maxEpoch) || maxEpoch < 0) {
    throw new TypeError(`--epochs=N takes a whole number of epochs, not "${option("epochs")}"`);
  }
  const trainSet = new datasets.MNIST({ train: true, dir: option("dir") });
  const trainLoader = new DataLoader(trainSet, batchSize);
  const model = new MLP([1000, 10]);
  const optimizer = new optimizers.SGD().setup(model);

  if (exists("my_mlp.npz")) {
    model.loadWeights("my_mlp.npz");
  }

  for (let epoch = 0; epoch < maxEpoch; epoch++) {
    let sumLoss = 0;

    for (const [x, t] of trainLoader) {
      const y = model.call(x);
      const loss = F.softmaxCrossEntropy(y, t);
      model.cleargrads();
      loss.backward();
      optimizer.update();
      sumLoss += loss.data!.item() * t.length;
    }

    console.log(`epoch: ${epoch + 1}, loss: ${(sumLoss / trainSet.length).toFixed(4)}`);
  }

  model.saveWeights("my_mlp.npz");
}
