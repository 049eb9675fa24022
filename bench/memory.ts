/**
 * Memory of W5 (the book's step 17 loop) and W6 (step 18's three powers of ones(100, 100, 100),
 * with the graph and under `noGrad()`): how far the resident size rises above its value at the
 * workload's start, each workload in a fresh process. The resident size is sampled after every
 * array operation, which is when it peaks (nothing else allocates).
 * Usage: `deno task bench`, or `deno run --allow-run=deno bench/memory.ts`
 */
import { noGrad, np, Variable } from "../dezero/mod.ts";

const MB = 2 ** 20;
const ARRAY_MB = 8e6 / MB; // one array of 1e6 float64

/** Tracks the resident size: `sample()` after each operation, `peak` over the start. */
class RssProbe {
  readonly start = Deno.memoryUsage().rss / MB;
  peak = 0;
  sample(): void {
    this.peak = Math.max(this.peak, Deno.memoryUsage().rss / MB - this.start);
  }
}

/** W5: 50 × `((x ** 2) ** 2) ** 2` on `randn(1e6)`, no backward; also the RSS after 1 and 50. */
function step17Loop(): Record<string, number> {
  const probe = new RssProbe();
  let afterFirst = 0;
  for (let i = 0; i < 50; i++) {
    let y = new Variable(np.random.randn(1_000_000));
    probe.sample();
    for (let k = 0; k < 3; k++) {
      y = y.pow(2);
      probe.sample();
    }
    if (i === 0) afterFirst = Deno.memoryUsage().rss / MB;
  }
  return { peak: probe.peak, afterFirst, afterLast: Deno.memoryUsage().rss / MB };
}

/** W6: three `pow(2)` of `ones(100, 100, 100)` (8 MB), with the graph or without. */
function threePows(withGraph: boolean): Record<string, number> {
  const probe = new RssProbe();
  using _ = withGraph ? null : noGrad();
  let y = new Variable(np.ones([100, 100, 100]));
  probe.sample();
  for (let k = 0; k < 3; k++) {
    y = y.pow(2);
    probe.sample();
  }
  return { peak: probe.peak };
}

async function inChild(workload: string): Promise<Record<string, number>> {
  const out = await new Deno.Command("deno", {
    args: ["run", import.meta.filename!, workload],
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`${workload} failed`);
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

const workloads: Record<string, () => Record<string, number>> = {
  W5: step17Loop,
  W6grad: () => threePows(true),
  W6noGrad: () => threePows(false),
};

if (Deno.args.length > 0) {
  console.log(JSON.stringify(workloads[Deno.args[0]]()));
} else {
  const w5 = await inChild("W5");
  const grad = await inChild("W6grad");
  const noGradMode = await inChild("W6noGrad");
  const mb = (x: number) => `${x.toFixed(1)} MB (${(x / ARRAY_MB).toFixed(2)} arrays of 8 MB)`;
  console.log("| memory workload | peak growth of the resident size |");
  console.log("| --- | --- |");
  console.log(`| W5 step 17: 50 × ((x**2)**2)**2 on randn(1e6) | ${mb(w5.peak)} |`);
  console.log(
    `| W5 resident size after iteration 1 → 50 | ${w5.afterFirst.toFixed(1)} → ` +
      `${w5.afterLast.toFixed(1)} MB |`,
  );
  console.log(`| W6 ones(100,100,100), 3 × pow(2), with the graph | ${mb(grad.peak)} |`);
  console.log(`| W6 ones(100,100,100), 3 × pow(2), under noGrad() | ${mb(noGradMode.peak)} |`);
}
