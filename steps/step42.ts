/**
 * Step 42: Linear regression — 선형 회귀
 *
 * Since step 41: nothing new in DeZero; its pieces fit a line. A toy dataset, `y = 5 + 2x` plus
 * noise, from NumPy's generator seeded with 0, and the model `y = x @ W + b` with `W` `(1, 1)` and
 * `b` `(1,)`: gradient descent on the mean squared error, 100 times, moves `W` toward 2 and `b`
 * toward 5.5. `F.matmul` and the broadcasting `+` (steps 40–41) carry the gradients back.
 *
 * Differences from the book: the update `W.data -= lr * W.grad.data` is
 * `W.data!.isub(W.grad!.data!.mul(lr))`, in place, as NumPy's `-=`. The plot is drawn only with
 * `--plot` (`--plot=FILE.svg` for another name), as an SVG file, by Vega-Lite and Vega from npm,
 * imported only then (the book shows it with matplotlib). The random numbers are NumPy's own
 * (`np.random.seed(0)`), so the printed numbers are the book's.
 *
 * Run: deno run steps/step42.ts
 *      deno run --allow-write steps/step42.ts --plot
 * @module
 */
import { F, np, Variable } from "../dezero/full.ts";

// Generate toy dataset
np.random.seed(0);
const xData = np.random.rand(100, 1);
const yData = xData.mul(2).add(5).add(np.random.rand(100, 1));
const x = new Variable(xData);
const y = new Variable(yData);

const W = new Variable(np.zeros([1, 1]));
const b = new Variable(np.zeros(1));

function predict(x: Variable): Variable {
  const y = F.matmul(x, W).add(b);
  return y;
}

function meanSquaredError(x0: Variable, x1: Variable): Variable {
  const diff = x0.sub(x1);
  return F.sum(diff.pow(2)).div(diff.length);
}

/** The data as a scatter plot with the fitted line, as the book's figure, in SVG. */
async function plot(): Promise<string> {
  const vega = await import("npm:vega@6.4.0");
  const vegaLite = await import("npm:vega-lite@6.5.0");
  const xs = x.data!.flatten().toArray() as number[];
  const ys = y.data!.flatten().toArray() as number[];
  const fitted = predict(x).data!.flatten().toArray() as number[];
  const { spec } = vegaLite.compile({
    width: 480,
    height: 320,
    layer: [
      {
        data: { values: xs.map((v, i) => ({ x: v, y: ys[i] })) },
        mark: { type: "point", filled: true, size: 10 },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
        },
      },
      {
        data: { values: xs.map((v, i) => ({ x: v, y: fitted[i] })) },
        mark: { type: "line", color: "red" },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
        },
      },
    ],
  });
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  return await view.toSVG();
}

if (import.meta.main) {
  const lr = 0.1;
  const iters = 100;

  for (let i = 0; i < iters; i++) {
    const yPred = predict(x);
    const loss = meanSquaredError(y, yPred);

    W.cleargrad();
    b.cleargrad();
    loss.backward();

    // Update .data attribute (No need grads when updating params)
    W.data!.isub(W.grad!.data!.mul(lr));
    b.data!.isub(b.grad!.data!.mul(lr));
    console.log(W, b, loss);
  }

  const option = Deno.args.find((arg) => arg === "--plot" || arg.startsWith("--plot="));
  if (option !== undefined) {
    const toFile = option === "--plot" ? "step42.svg" : option.slice("--plot=".length);
    await Deno.writeTextFile(toFile, await plot());
    console.log(`plot: ${toFile}`);
  }
}
