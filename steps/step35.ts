/**
 * Step 35: The computational graph of higher-order derivatives — 고차 미분 계산 그래프
 *
 * Since step 34: nothing new in DeZero; a look at the graphs that `createGraph` builds. With
 * y = tanh(x), whose derivative is 1 - y² (the package's `F.tanh`), each `backward` on the last
 * gradient records the next derivative's graph, and each is larger than the one before: the
 * graph of the n-th derivative grows with n (the book's figures show it up to the 8th). The book
 * draws the second derivative, `gx2`.
 *
 * Differences from the book: the book draws `tanh.png` whenever it runs and prints nothing; here
 * the picture is drawn only with `--graph` (`--graph=FILE` for another name or format: `.svg`
 * needs no Graphviz), and `--iters=N` changes the book's `iters = 1`, drawing derivative N + 1.
 *
 * Run: deno run steps/step35.ts (prints nothing)
 *      deno run --allow-write --allow-run=dot steps/step35.ts --graph
 *      deno run --allow-write steps/step35.ts --iters=5 --graph=tanh.svg (no Graphviz needed)
 * @module
 */
import { F, np, plotDotGraph, Variable } from "../dezero/full.ts";

/** The graph of tanh's (iters + 1)-th derivative at x = 1, named `gx<iters + 1>` as the book's. */
export function tanhGraph(iters = 1): Variable {
  const x = new Variable(np.array(1.0));
  const y = F.tanh(x);
  x.name = "x";
  y.name = "y";
  y.backward({ createGraph: true });

  for (let i = 0; i < iters; i++) {
    const gx = x.grad!;
    x.cleargrad();
    gx.backward({ createGraph: true });
  }

  const gx = x.grad!;
  gx.name = "gx" + (iters + 1);
  return gx;
}

if (import.meta.main) {
  const itersArg = Deno.args.find((arg) => arg.startsWith("--iters="));
  const iters = itersArg === undefined ? 1 : Number(itersArg.slice("--iters=".length));
  if (!Number.isInteger(iters) || iters < 0) {
    throw new TypeError(`--iters needs a whole number of 0 or more, not "${itersArg}"`);
  }
  const gx = tanhGraph(iters);

  const graph = Deno.args.find((arg) => arg === "--graph" || arg.startsWith("--graph="));
  if (graph !== undefined) {
    const toFile = graph === "--graph" ? "tanh.png" : graph.slice("--graph=".length);
    const { dotFile, imageFile } = await plotDotGraph(gx, { verbose: false, toFile });
    console.log(`graph: ${imageFile} (from ${dotFile})`);
  }
}
