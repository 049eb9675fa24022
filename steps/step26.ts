/**
 * Step 26: Visualizing computational graphs (2) — 계산 그래프 시각화(2)
 *
 * Since step 25: DeZero's graphs as DOT text. The package's `getDotGraph` (the book's
 * `get_dot_graph` in `dezero/utils.py`) walks the graph back from the output as `backward` does,
 * writing each variable (its `name`, and with `verbose` its shape and dtype) and each function
 * (its class name) once, with the edges between them; `plotDotGraph` (`plot_dot_graph`) saves
 * that text next to the picture and runs Graphviz's `dot` on it. The book's step draws
 * Goldstein-Price (step 24).
 *
 * Differences from the book: the book draws `goldstein.png` whenever it runs and prints nothing;
 * here the picture is drawn only with `--graph`, since it writes files (`--graph=FILE` picks
 * another name or format). PNG needs Graphviz's `dot`; SVG is drawn without it too, by a
 * WebAssembly build of Graphviz (fetched from npm on first use). Node ids are `v0, v1, …` and
 * `f0, f1, …` instead of Python's `id()`, and each variable is written once (the book's text
 * repeats a variable each time a function uses it; the picture is the same).
 *
 * Run: deno run steps/step26.ts (prints nothing)
 *      deno run --allow-write --allow-run=dot steps/step26.ts --graph
 *      deno run --allow-write steps/step26.ts --graph=goldstein.svg (no Graphviz needed)
 * @module
 */
import { np, plotDotGraph, Variable } from "../dezero/mod.ts";

/**
 * z = (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)) *
 *     (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2))
 */
export function goldstein(x: Variable, y: Variable): Variable {
  const a = x.add(y).add(1).pow(2).mul(
    x.rmul(14).rsub(19).add(x.pow(2).rmul(3)).sub(y.rmul(14)).add(x.rmul(6).mul(y))
      .add(y.pow(2).rmul(3)),
  ).radd(1);
  const b = x.rmul(2).sub(y.rmul(3)).pow(2).mul(
    x.rmul(32).rsub(18).add(x.pow(2).rmul(12)).add(y.rmul(48)).sub(x.rmul(36).mul(y))
      .add(y.pow(2).rmul(27)),
  ).radd(30);
  return a.mul(b);
}

/** The book's step: Goldstein-Price at (1, 1), differentiated, with x, y and z named. */
export function namedGraph(): Variable {
  const x = new Variable(np.array(1.0));
  const y = new Variable(np.array(1.0));
  const z = goldstein(x, y);
  z.backward();
  // Unnamed variables get empty labels: name the ones the picture should show.
  x.name = "x";
  y.name = "y";
  z.name = "z";
  return z;
}

if (import.meta.main) {
  const z = namedGraph();
  const graph = Deno.args.find((arg) => arg === "--graph" || arg.startsWith("--graph="));
  if (graph !== undefined) {
    const toFile = graph === "--graph" ? "goldstein.png" : graph.slice("--graph=".length);
    const { dotFile, imageFile } = await plotDotGraph(z, { verbose: false, toFile });
    console.log(`graph: ${imageFile} (from ${dotFile})`);
  }
}
