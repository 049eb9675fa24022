/**
 * Step 59: Time series data with an RNN — RNN을 활용한 시계열 데이터 처리
 *
 * Since step 58: recurrent networks. `L.RNN` keeps a hidden state `h` from one call to the next,
 * `h = tanh(x @ Wx + bx + h @ Wh)`, so that its output depends on the whole sequence seen since
 * `resetState()`. `datasets.SinCurve` is a noisy sine wave, 999 points, each labelled with the
 * next. `SimpleRNN` (an `L.RNN` of 100, then an `L.Linear` to one output) reads it one point at
 * a time and learns to predict the next point. The losses of 30 points are summed before each
 * `backward()` (truncated backpropagation through time); `loss.unchainBackward()` then cuts the
 * graph behind them, so that the next backward stops there and the old graph can be freed, while
 * the hidden state goes on. Adam updates the weights; the average loss of each epoch is printed.
 *
 * Differences from the book: the book's `SimpleRNN` overrides `__call__`, ours `forward` (the
 * layer's `call` runs it). `loss, count = 0, 0` starts `loss` as `new Variable(np.array(0))`, so
 * that `loss += ...` is `loss = loss.add(...)`. The targets are reshaped to the prediction's
 * `(1, 1)`: our `F.meanSquaredError` refuses shapes that only broadcast (the book's gives the same
 * number here). `'%f' % v` is `v.toFixed(6)`. The noise of `SinCurve` and the initial weights are
 * not seeded, as in the book, so the losses differ from run to run; `--seed=N` seeds NumPy's
 * generator first, and then the losses are those of the book's code seeded the same, as NumPy 1.x
 * runs it (under NumPy 2 the book's `L.Linear` weights turn float64), to rounding: `Math.sin` and
 * `Math.tanh` may differ from NumPy's by an ulp or two, and sums run in another order (1e-15
 * relative after 100 epochs, measured). `--epochs=N` changes the number of epochs. The prediction
 * of `cos` (a curve the model never saw) is computed and plotted only with `--plot`
 * (`--plot=FILE.svg` for another name), as an SVG file, by Vega-Lite and Vega from npm, imported
 * only then.
 *
 * Run: deno run steps/step59.ts (100 epochs: about a minute and a half)
 *      deno run --allow-write steps/step59.ts --plot
 * @module
 */
import { datasets, F, L, Model, noGrad, np, optimizers, Variable } from "../dezero/full.ts";

const option = (name: string) =>
  Deno.args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

// Hyperparameters
const maxEpoch = Number(option("epochs") ?? 100);
const hiddenSize = 100;
const bpttLength = 30;

/** An `L.RNN` and an `L.Linear` after it: one prediction per step of the sequence. */
export class SimpleRNN extends Model {
  /** The recurrent layer. */
  rnn: L.RNN;
  /** The output layer. */
  fc: L.Linear;

  /**
   * @param hiddenSize the width of the RNN's hidden state
   * @param outSize the number of outputs
   */
  constructor(hiddenSize: number, outSize: number) {
    super();
    this.rnn = new L.RNN(hiddenSize);
    this.fc = new L.Linear(outSize);
  }

  /** Starts a new sequence. */
  resetState(): void {
    this.rnn.resetState();
  }

  /** The prediction for the next step after `x`. */
  override forward(x: L.Input): Variable {
    const h = this.rnn.call(x);
    const y = this.fc.call(h);
    return y;
  }
}

/** The model's predictions along `cos` on `[0, 4π]`, 1000 points, from a fresh state. */
export function predictCos(model: SimpleRNN): { xs: number[]; predList: number[] } {
  const xs = np.cos(np.linspace(0, 4 * np.pi, 1000));
  model.resetState();
  const predList: number[] = [];

  {
    using _ = noGrad();
    for (const x of xs.toArray() as number[]) {
      const y = model.call(np.array(x).reshape(1, 1));
      predList.push(y.data!.item());
    }
  }
  return { xs: xs.toArray() as number[], predList };
}

/** `cos` and the model's predictions, as the book's figure, in SVG. */
export async function plot(xs: readonly number[], predList: readonly number[]): Promise<string> {
  const vega = await import("npm:vega@6.4.0");
  const vegaLite = await import("npm:vega-lite@6.5.0");
  const values = [
    ...xs.map((y, x) => ({ x, y, curve: "y=cos(x)" })),
    ...predList.map((y, x) => ({ x, y, curve: "predict" })),
  ];
  const { spec } = vegaLite.compile({
    width: 480,
    height: 320,
    data: { values },
    mark: "line",
    encoding: {
      x: { field: "x", type: "quantitative", title: "x" },
      y: { field: "y", type: "quantitative", title: "y" },
      color: { field: "curve", type: "nominal", title: null, sort: ["y=cos(x)", "predict"] },
    },
  });
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  return await view.toSVG();
}

if (import.meta.main) {
  if (!Number.isInteger(maxEpoch) || maxEpoch < 0) {
    throw new TypeError(`--epochs=N takes a whole number of epochs, not "${option("epochs")}"`);
  }
  const seed = option("seed");
  if (seed !== undefined) np.random.seed(Number(seed));

  const trainSet = new datasets.SinCurve({ train: true });
  const seqlen = trainSet.length;

  const model = new SimpleRNN(hiddenSize, 1);
  const optimizer = new optimizers.Adam().setup(model);

  // Start training.
  for (let epoch = 0; epoch < maxEpoch; epoch++) {
    model.resetState();
    let [loss, count] = [new Variable(np.array(0)), 0];

    for (const [x, t] of trainSet) {
      const y = model.call(x.reshape(1, 1));
      loss = loss.add(F.meanSquaredError(y, t!.reshape(1, 1)));
      count += 1;

      if (count % bpttLength === 0 || count === seqlen) {
        model.cleargrads();
        loss.backward();
        loss.unchainBackward();
        optimizer.update();
      }
    }

    const avgLoss = loss.data!.item() / count;
    console.log(`| epoch ${epoch + 1} | loss ${avgLoss.toFixed(6)}`);
  }

  // Plot
  const plotOption = Deno.args.find((arg) => arg === "--plot" || arg.startsWith("--plot="));
  if (plotOption !== undefined) {
    const toFile = plotOption === "--plot" ? "step59.svg" : plotOption.slice("--plot=".length);
    const { xs, predList } = predictCos(model);
    await Deno.writeTextFile(toFile, await plot(xs, predList));
    console.log(`plot: ${toFile}`);
  }
}
