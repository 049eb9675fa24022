/**
 * Step 60: LSTM and a data loader — LSTM과 데이터 로더
 *
 * Since step 59: `L.LSTM`, whose memory cell `c` carries information over long spans: gates
 * computed from the input and the last hidden state decide what to forget (`f`), what to write
 * (`i`, `u`) and what to show (`o`): `c = f * c + i * u`, `h = o * tanh(c)`. And `SeqDataLoader`,
 * which reads the sequence in minibatches that keep time order: batch `k` holds, for each of 30
 * evenly spaced starting points, the `k`-th point after it, so 30 stretches of the curve are read
 * side by side (34 batches per epoch). `BetterRNN` is step 59's model with an `L.LSTM` in place of
 * the `L.RNN`; the training loop is step 59's, over the loader.
 *
 * Differences from the book: as in step 59 (`forward` for `__call__`, `loss` starting as a
 * Variable of 0, `v.toFixed(6)` for `'%f' % v`, `--seed=N`, `--epochs=N`, `--plot`). The book's
 * `count == seqlen` never holds here (an epoch has 34 batches, `seqlen` is 999), so, as in the
 * book, the losses of the last 4 batches of an epoch are summed but not trained on.
 *
 * Run: deno run steps/step60.ts (100 epochs: about a minute)
 *      deno run --allow-write steps/step60.ts --plot
 * @module
 */
import {
  datasets,
  F,
  L,
  Model,
  noGrad,
  np,
  optimizers,
  SeqDataLoader,
  Variable,
} from "../dezero/full.ts";

const option = (name: string) =>
  Deno.args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

// Hyperparameters
const maxEpoch = Number(option("epochs") ?? 100);
const batchSize = 30;
const hiddenSize = 100;
const bpttLength = 30;

/** An `L.LSTM` and an `L.Linear` after it: one prediction per step of the sequences. */
export class BetterRNN extends Model {
  /** The recurrent layer. */
  rnn: L.LSTM;
  /** The output layer. */
  fc: L.Linear;

  /**
   * @param hiddenSize the width of the LSTM's hidden state
   * @param outSize the number of outputs
   */
  constructor(hiddenSize: number, outSize: number) {
    super();
    this.rnn = new L.LSTM(hiddenSize);
    this.fc = new L.Linear(outSize);
  }

  /** Starts a new sequence. */
  resetState(): void {
    this.rnn.resetState();
  }

  /** The prediction for the next step after `x`. */
  override forward(x: L.Input): Variable {
    let y = this.rnn.call(x);
    y = this.fc.call(y);
    return y;
  }
}

/** The model's predictions along `cos` on `[0, 4π]`, 1000 points, from a fresh state. */
export function predictCos(model: BetterRNN): { xs: number[]; predList: number[] } {
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
  const dataloader = new SeqDataLoader(trainSet, batchSize);
  const seqlen = trainSet.length;

  const model = new BetterRNN(hiddenSize, 1);
  const optimizer = new optimizers.Adam().setup(model);

  for (let epoch = 0; epoch < maxEpoch; epoch++) {
    model.resetState();
    let [loss, count] = [new Variable(np.array(0)), 0];

    for (const [x, t] of dataloader) {
      const y = model.call(x);
      loss = loss.add(F.meanSquaredError(y, t));
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
    const toFile = plotOption === "--plot" ? "step60.svg" : plotOption.slice("--plot=".length);
    const { xs, predList } = predictCos(model);
    await Deno.writeTextFile(toFile, await plot(xs, predList));
    console.log(`plot: ${toFile}`);
  }
}
