/**
 * Step 50: A DataLoader for minibatches — 미니배치를 뽑아주는 DataLoader
 *
 * Since step 49: `DataLoader` (`dezero/dataloaders.ts`), which hands a dataset out in minibatches,
 * in a new random order each epoch (or in order, `shuffle` false), and `F.accuracy`, the share of
 * examples whose highest score is the right class. Each epoch trains on the spiral's training set
 * and then measures loss and accuracy on its test set (seeded differently), without recording
 * graphs (`noGrad`).
 *
 * Differences from the book: `for x, t in train_loader` is `for (const [x, t] of trainLoader)`;
 * `with dezero.no_grad():` is a block with `using _ = noGrad();`; Python's `'{:.4f}'.format(v)` is
 * `v.toFixed(4)`. The loss and accuracy curves are plotted with `--plot` (`--plot=FILE.svg` for
 * another name), by Vega-Lite and Vega from npm.
 *
 * Run: deno run steps/step50.ts (a few seconds)
 *      deno run --allow-write steps/step50.ts --plot
 * @module
 */
import { DataLoader, datasets, F, MLP, noGrad, optimizers } from "../dezero/full.ts";

const maxEpoch = 300;
const batchSize = 30;
const hiddenSize = 10;
const lr = 1.0;

/** The loss and accuracy of each epoch, train and test, as an SVG line chart. */
async function plot(history: { epoch: number; set: string; loss: number; acc: number }[]) {
  const vega = await import("npm:vega@6.4.0");
  const vegaLite = await import("npm:vega-lite@6.5.0");
  const { spec } = vegaLite.compile({
    data: { values: history },
    hconcat: ["loss", "acc"].map((field) => ({
      width: 320,
      height: 240,
      mark: "line",
      encoding: {
        x: { field: "epoch", type: "quantitative" },
        y: { field, type: "quantitative", title: field === "acc" ? "accuracy" : "loss" },
        color: { field: "set", type: "nominal", title: null },
      },
    })),
  });
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  return await view.toSVG();
}

if (import.meta.main) {
  const trainSet = new datasets.Spiral({ train: true });
  const testSet = new datasets.Spiral({ train: false });
  const trainLoader = new DataLoader(trainSet, batchSize);
  const testLoader = new DataLoader(testSet, batchSize, false);

  const model = new MLP([hiddenSize, 3]);
  const optimizer = new optimizers.SGD(lr).setup(model);
  const history: { epoch: number; set: string; loss: number; acc: number }[] = [];

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
    history.push({ epoch: epoch + 1, set: "train", loss: sumLoss / 300, acc: sumAcc / 300 });

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
    history.push({ epoch: epoch + 1, set: "test", loss: sumLoss / 300, acc: sumAcc / 300 });
  }

  const option = Deno.args.find((arg) => arg === "--plot" || arg.startsWith("--plot="));
  if (option !== undefined) {
    const toFile = option === "--plot" ? "step50.svg" : option.slice("--plot=".length);
    await Deno.writeTextFile(toFile, await plot(history));
    console.log(`plot: ${toFile}`);
  }
}
