/**
 * Step 43: Neural networks — 신경망
 *
 * Since step 42: `F.linear` (`x @ W + b` in one function, whose backward frees less memory than
 * `matmul` and `add`), `F.sigmoid`, and `F.meanSquaredError` as one function. A two-layer network,
 * 1 → 10 → 1 with a sigmoid between, fits the nonlinear data `y = sin(2πx)` plus noise: 10,000
 * steps of gradient descent, the loss printed every 1,000.
 *
 * Differences from the book: each update `W1.data -= lr * W1.grad.data` is
 * `W1.data!.isub(W1.grad!.data!.mul(lr))`. The plot of the data and the fitted curve is drawn only
 * with `--plot` (`--plot=FILE.svg` for another name), as an SVG file, by Vega-Lite and Vega from
 * npm. The random numbers are NumPy's own (`np.random.seed(0)`), so the losses are the book's.
 *
 * Run: deno run steps/step43.ts (about a second)
 *      deno run --allow-write steps/step43.ts --plot
 * @module
 */
import { F, np, Variable } from "../dezero/full.ts";

np.random.seed(0);
const x = np.random.rand(100, 1);
const y = np.sin(x.mul(2 * np.pi)).add(np.random.rand(100, 1));

const [I, H, O] = [1, 10, 1];
const W1 = new Variable(np.random.randn(I, H).mul(0.01));
const b1 = new Variable(np.zeros(H));
const W2 = new Variable(np.random.randn(H, O).mul(0.01));
const b2 = new Variable(np.zeros(O));

function predict(x: Variable | np.NDArray): Variable {
  let y = F.linear(x, W1, b1);
  y = F.sigmoid(y);
  y = F.linear(y, W2, b2);
  return y;
}

/** The data as a scatter plot with the fitted curve, as the book's figure, in SVG. */
async function plot(): Promise<string> {
  const vega = await import("npm:vega@6.4.0");
  const vegaLite = await import("npm:vega-lite@6.5.0");
  const xs = x.flatten().toArray() as number[];
  const ys = y.flatten().toArray() as number[];
  const t = np.arange(0, 1, 0.01).get(np.slice(), np.newaxis);
  const ts = t.flatten().toArray() as number[];
  const fitted = predict(t).data!.flatten().toArray() as number[];
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
        data: { values: ts.map((v, i) => ({ x: v, y: fitted[i] })) },
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
  const lr = 0.2;
  const iters = 10000;

  for (let i = 0; i < iters; i++) {
    const yPred = predict(x);
    const loss = F.meanSquaredError(y, yPred);

    W1.cleargrad();
    b1.cleargrad();
    W2.cleargrad();
    b2.cleargrad();
    loss.backward();

    W1.data!.isub(W1.grad!.data!.mul(lr));
    b1.data!.isub(b1.grad!.data!.mul(lr));
    W2.data!.isub(W2.grad!.data!.mul(lr));
    b2.data!.isub(b2.grad!.data!.mul(lr));
    if (i % 1000 === 0) console.log(loss);
  }

  const option = Deno.args.find((arg) => arg === "--plot" || arg.startsWith("--plot="));
  if (option !== undefined) {
    const toFile = option === "--plot" ? "step43.svg" : option.slice("--plot=".length);
    await Deno.writeTextFile(toFile, await plot());
    console.log(`plot: ${toFile}`);
  }
}
