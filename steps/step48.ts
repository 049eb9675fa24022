/**
 * Step 48: Multi-class classification — 다중 클래스 분류
 *
 * Since step 47: `F.softmax` and `F.softmaxCrossEntropy` as one function each (the loss computes
 * `log softmax` stably, with `utils.logsumexp`), and `datasets.getSpiral`, three classes of 100
 * points on three arms, seeded as the book's so the points are the book's. An `MLP` 2 → 10 → 3
 * learns them in minibatches of 30: each epoch takes the points in a new order
 * (`np.random.permutation`), and prints the mean loss.
 *
 * Differences from the book: `x[batch_index]` is `x.get(batchIndex)`; Python's `'%.2f' % v` is
 * `v.toFixed(2)`. The decision regions and the points are plotted only with `--plot`
 * (`--plot=FILE.svg` for another name), on a grid of step 0.04 (the book's 0.001 gives 4 million
 * points, too many for an SVG), by Vega-Lite and Vega from npm.
 *
 * Run: deno run steps/step48.ts (a few seconds)
 *      deno run --allow-write steps/step48.ts --plot
 * @module
 */
import { datasets, F, MLP, noGrad, np, optimizers } from "../dezero/full.ts";

// Hyperparameters
const maxEpoch = 300;
const batchSize = 30;
const hiddenSize = 10;
const lr = 1.0;

const [x, t] = datasets.getSpiral(true);
const model = new MLP([hiddenSize, 3]);
const optimizer = new optimizers.SGD(lr).setup(model);

/** The classes the model predicts on a grid over the data, and the points, as an SVG figure. */
async function plot(): Promise<string> {
  const vega = await import("npm:vega@6.4.0");
  const vegaLite = await import("npm:vega-lite@6.5.0");
  const h = 0.04;
  const [xMin, xMax] = [
    x.get(np.slice(), 0).min().item() - 0.1,
    x.get(np.slice(), 0).max().item() + 0.1,
  ];
  const [yMin, yMax] = [
    x.get(np.slice(), 1).min().item() - 0.1,
    x.get(np.slice(), 1).max().item() + 0.1,
  ];
  const xx = np.arange(xMin, xMax, h);
  const yy = np.arange(yMin, yMax, h);
  // np.c_[xx.ravel(), yy.ravel()] of np.meshgrid(xx, yy): every (x, y) of the grid.
  const X = np.concatenate([
    np.broadcastTo(xx, [yy.size, xx.size]).reshape(-1, 1),
    np.broadcastTo(yy.reshape(-1, 1), [yy.size, xx.size]).reshape(-1, 1),
  ], { axis: 1 });
  let score;
  {
    using _ = noGrad();
    score = model.call(X);
  }
  const predictCls = np.argmax(score.data!, { axis: 1 }).toArray() as number[];
  const grid = X.toArray() as number[][];
  const points = x.toArray() as number[][];
  const labels = t.toArray() as number[];
  const colors = ["orange", "blue", "green"];
  const { spec } = vegaLite.compile({
    width: 400,
    height: 400,
    resolve: { scale: { color: "independent" } },
    layer: [
      {
        data: { values: grid.map(([gx, gy], i) => ({ x: gx, y: gy, c: predictCls[i] })) },
        mark: { type: "square", size: 62, strokeWidth: 0 },
        encoding: {
          x: { field: "x", type: "quantitative", scale: { zero: false } },
          y: { field: "y", type: "quantitative", scale: { zero: false } },
          // Light tints of the points' colours, so that the points stand out on their region.
          color: {
            field: "c",
            type: "nominal",
            scale: { range: ["#fee6ce", "#deebf7", "#e5f5e0"] },
            legend: null,
          },
        },
      },
      {
        data: { values: points.map(([px, py], i) => ({ x: px, y: py, c: labels[i] })) },
        mark: { type: "point", size: 40, strokeWidth: 1.5 },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
          color: { field: "c", type: "nominal", scale: { range: colors }, legend: null },
          shape: {
            field: "c",
            type: "nominal",
            scale: { range: ["circle", "cross", "triangle-up"] },
          },
        },
      },
    ],
  });
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  return await view.toSVG();
}

if (import.meta.main) {
  const dataSize = x.length;
  const maxIter = Math.ceil(dataSize / batchSize);

  for (let epoch = 0; epoch < maxEpoch; epoch++) {
    // Shuffle index for data
    const index = np.random.permutation(dataSize);
    let sumLoss = 0;

    for (let i = 0; i < maxIter; i++) {
      const batchIndex = index.get(np.slice(i * batchSize, (i + 1) * batchSize));
      const batchX = x.get(batchIndex);
      const batchT = t.get(batchIndex);

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

  const option = Deno.args.find((arg) => arg === "--plot" || arg.startsWith("--plot="));
  if (option !== undefined) {
    const toFile = option === "--plot" ? "step48.svg" : option.slice("--plot=".length);
    await Deno.writeTextFile(toFile, await plot());
    console.log(`plot: ${toFile}`);
  }
}
