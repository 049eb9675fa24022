/**
 * Times the NDArray operations of ops.ts here and the same operations in NumPy (numpy_ops.py,
 * run as a subprocess in the same run), and prints medians and ratios as a Markdown table.
 * Usage: `deno task bench` (after the Deno.bench suites), or
 * `deno run --allow-run=python3 --allow-read=. bench/compare_numpy.ts [samples]`.
 */
import { opCases } from "./ops.ts";

const samples = Number(Deno.args[0] ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeOurs(): Map<string, number> {
  const result = new Map<string, number>();
  for (const c of opCases) {
    const run = c.prepare();
    for (let i = 0; i < Math.max(20, c.n); i++) run(); // warm-up: lets the JIT optimise the kernels
    const times: number[] = [];
    for (let s = 0; s < samples; s++) {
      const t0 = performance.now();
      for (let i = 0; i < c.n; i++) run();
      times.push((performance.now() - t0) / 1000 / c.n);
    }
    result.set(c.name, median(times));
  }
  return result;
}

async function timeNumpy(): Promise<Record<string, number> | null> {
  const script = new URL("numpy_ops.py", import.meta.url).pathname;
  try {
    const out = await new Deno.Command("python3", { args: [script, String(samples)] }).output();
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

const ours = timeOurs();
const numpy = await timeNumpy();
console.log(`| operation (float64) | dezero/ndarray.ts | NumPy | ratio (ours / NumPy) |`);
console.log(`| --- | --- | --- | --- |`);
for (const [name, t] of ours) {
  const n = numpy?.[name];
  const ratio = n ? `${(t / n).toFixed(2)}×` : "—";
  console.log(`| ${name} | ${show(t)} | ${n ? show(n) : "—"} | ${ratio} |`);
}
