/**
 * Step 34: Higher-order derivatives of sin — sin 함수 고차 미분
 *
 * Since step 33: `F.sin` and `F.cos` of the full core (`dezero/functions.ts`), whose `backward`
 * uses each other (`Sin.backward` is `gy · cos(x)`, `Cos.backward` is `gy · -sin(x)`), on
 * Variables, so that every derivative of sin has a graph and can be differentiated again. On 200
 * points from -7 to 7, backward with `createGraph` three times in a row gives y' = cos(x),
 * y'' = -sin(x) and y''' = -cos(x); the book plots them with sin(x).
 *
 * Differences from the book: it computes and shows the plot with matplotlib whenever it runs and
 * prints nothing. Here the plot is drawn only with `--plot` (`--plot=FILE.svg` for another name),
 * as an SVG file, by Vega-Lite and Vega from npm, imported only then (the book imports
 * matplotlib). Deno fetches them on the first `deno run` of this file (a cache miss is not an
 * error: with no network the step still runs) and keeps them; `--plot` needs `--allow-write`.
 *
 * Run: deno run steps/step34.ts (prints nothing)
 *      deno run --allow-write steps/step34.ts --plot
 * @module
 */
import { F, np, Variable } from "../dezero/full.ts";

/** The legend of each curve, as the book's. */
export const labels = ["y=sin(x)", "y'", "y''", "y'''"];

/** x on 200 points from -7 to 7, and sin(x) with its first three derivatives there. */
export function sinDerivatives(): { x: np.NDArray; logs: np.NDArray[] } {
  const x = new Variable(np.linspace(-7, 7, 200));
  const y = F.sin(x);
  y.backward({ createGraph: true });

  const logs = [y.data!];

  for (let i = 0; i < 3; i++) {
    logs.push(x.grad!.data!);
    const gx = x.grad!;
    x.cleargrad();
    gx.backward({ createGraph: true });
  }
  return { x: x.data!, logs };
}

/** The four curves as an SVG line chart with a legend at the lower right, as the book's figure. */
export async function plot(x: np.NDArray, logs: np.NDArray[]): Promise<string> {
  const vega = await import("npm:vega@6.4.0");
  const vegaLite = await import("npm:vega-lite@6.5.0");
  const xs = x.toArray() as number[];
  const values = logs.flatMap((log, i) =>
    (log.toArray() as number[]).map((y, k) => ({ x: xs[k], y, label: labels[i] }))
  );
  const { spec } = vegaLite.compile({
    width: 480,
    height: 320,
    data: { values },
    mark: "line",
    encoding: {
      x: { field: "x", type: "quantitative", title: null },
      y: { field: "y", type: "quantitative", title: null },
      color: {
        field: "label",
        type: "nominal",
        scale: { domain: labels },
        legend: { title: null, orient: "bottom-right" },
      },
    },
  });
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  return await view.toSVG();
}

if (import.meta.main) {
  const { x, logs } = sinDerivatives();

  const option = Deno.args.find((arg) => arg === "--plot" || arg.startsWith("--plot="));
  if (option !== undefined) {
    const toFile = option === "--plot" ? "sin.svg" : option.slice("--plot=".length);
    await Deno.writeTextFile(toFile, await plot(x, logs));
    console.log(`plot: ${toFile}`);
  }
}
