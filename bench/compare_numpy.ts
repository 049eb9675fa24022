/**
 * Times the NDArray operations of ops.ts here and the same operations in NumPy (numpy_ops.py,
 * run as a subprocess in the same run), and prints medians and ratios as Markdown tables, for
 * two orders of the samples (see timeOurs).
 * Usage: `deno task bench` (after the Deno.bench suites), or
 * `deno run --allow-run=python3 --allow-read=. bench/compare_numpy.ts [samples]`.
 */
import { opCases } from "./ops.ts";

const samples = Number(Deno.args[0] ?? 15);
type Mode = "repeated" | "interleaved";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Medians per case, in one of two orders. "repeated": each case's samples in a row, as a loop
 * doing one operation would (NumPy then reuses the buffer it has just freed). "interleaved":
 * rounds that time every case once, as a program doing several things would. numpy_ops.py
 * schedules its samples the same way.
 */
function timeOurs(mode: Mode): Map<string, number> {
  const runs = opCases.map((c) => ({ c, run: c.prepare(), times: [] as number[] }));
  for (const { c, run } of runs) {
    for (let i = 0; i < Math.max(20, c.n); i++) run(); // warm-up: lets the JIT optimise the kernels
  }
  const schedule = mode === "interleaved"
    ? Array.from({ length: samples }, () => runs).flat()
    : runs.flatMap((r) => Array.from({ length: samples }, () => r));
  for (const { c, run, times } of schedule) {
    const t0 = performance.now();
    for (let i = 0; i < c.n; i++) run();
    times.push((performance.now() - t0) / 1000 / c.n);
  }
  return new Map(runs.map(({ c, times }) => [c.name, median(times)]));
}

async function timeNumpy(mode: Mode): Promise<Record<string, number> | null> {
  const script = new URL("numpy_ops.py", import.meta.url).pathname;
  try {
    const out = await new Deno.Command("python3", { args: [script, String(samples), mode] })
      .output();
    if (!out.success) {
      console.error(new TextDecoder().decode(out.stderr));
      return null;
    }
    return JSON.parse(new TextDecoder().decode(out.stdout));
  } catch (e) {
    console.error(`python3 with NumPy is needed for the comparison: ${e}`);
    return null;
  }
}

function show(seconds: number): string {
  return seconds >= 1e-3 ? `${(seconds * 1e3).toFixed(2)} ms` : `${(seconds * 1e6).toFixed(3)} µs`;
}

for (const mode of ["repeated", "interleaved"] as const) {
  const ours = timeOurs(mode);
  const numpy = await timeNumpy(mode);
  console.log(`\nSamples ${mode}:\n`);
  console.log(`| operation (float64) | dezero/np/mod.ts | NumPy | ratio (ours / NumPy) |`);
  console.log(`| --- | --- | --- | --- |`);
  for (const [name, t] of ours) {
    const n = numpy?.[name];
    const ratio = n ? `${(t / n).toFixed(2)}×` : "—";
    console.log(`| ${name} | ${show(t)} | ${n ? show(n) : "—"} | ${ratio} |`);
  }
}
