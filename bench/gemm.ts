/**
 * GFLOPS of dezero/np/_gemm.ts's routes (JavaScript loop, WebAssembly on one thread, on two)
 * beside NumPy's matmul (bench/gemm_numpy.py, OpenBLAS) in one run, for square sizes and the
 * shapes of the book's MNIST network (784-1000-10, batch 100) forward and backward, in float32
 * and float64. The samples alternate: each round times every case here once, then runs one
 * NumPy process that times every case once, so that a change in the machine's load hits both
 * sides alike. Prints medians with the range of the rounds, as Markdown.
 *
 * With `--allow-ffi` and OpenBLAS (or Accelerate) installed, the system BLAS through FFI too.
 *
 * With `--thresholds`, times instead the small and medium products that set `SMALL_FLOPS` and
 * `PARALLEL_FLOPS` (microseconds per call, ours only).
 *
 * Usage: `deno run --allow-run=python3 [--allow-ffi] bench/gemm.ts [rounds (7)] [--thresholds]`
 *
 * @module
 */
import { systemBlas } from "../dezero/np/_blas.ts";
import {
  type FloatData,
  gemm,
  gemmRoute,
  gemmWith,
  PARALLEL_FLOPS,
  parallelVerdict,
  type Route,
  SMALL_FLOPS,
  startParallel,
} from "../dezero/np/_gemm.ts";

type DType = "float32" | "float64";
/** A product (m×k) @ (k×n), named. */
type Shape = [name: string, m: number, n: number, k: number];

const SHAPES: Shape[] = [
  ["64³", 64, 64, 64],
  ["128³", 128, 128, 128],
  ["256³", 256, 256, 256],
  ["512³", 512, 512, 512],
  ["1024³", 1024, 1024, 1024],
  ["MNIST fwd (100,784)@(784,1000)", 100, 1000, 784],
  ["MNIST fwd (100,1000)@(1000,10)", 100, 10, 1000],
  ["MNIST bwd (784,100)@(100,1000)", 784, 1000, 100],
  ["MNIST bwd (100,1000)@(1000,784)", 100, 784, 1000],
];
const DTYPES: DType[] = ["float32", "float64"];
/** The JavaScript loop runs at about 1.5 GFLOPS: it is timed up to this many multiply-adds. */
const LOOP_MAX = 2 ** 27;
/** A sample times calls for at least this long. */
const SAMPLE_SECONDS = 0.1;

const args = Deno.args.filter((a) => !a.startsWith("--"));
const rounds = Number(args[0] ?? 7);
if (!Number.isInteger(rounds) || rounds < 1) {
  throw new Error(`rounds must be a positive integer, got ${args[0]}`);
}

function random(dtype: DType, length: number): FloatData {
  const x = dtype === "float32" ? new Float32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) x[i] = Math.random() * 2 - 1;
  return x;
}

/** A case: one product in one dtype, with its operands, and a function timing one sample. */
function prepare(m: number, n: number, k: number, dtype: DType) {
  const a = random(dtype, m * k);
  const b = random(dtype, k * n);
  const out = random(dtype, m * n);
  return (route: Route, seconds: number): number => {
    let calls = 0;
    const start = performance.now();
    for (;;) {
      gemmWith(route, m, n, k, a, b, out);
      calls++;
      const elapsed = (performance.now() - start) / 1000;
      if (elapsed >= seconds) return elapsed / calls;
    }
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** "median (min–max)" of the rates, in GFLOPS, for the times per call of a product. */
function gflops(flops: number, seconds: number[]): string {
  if (seconds.length === 0) return "—";
  const rates = seconds.map((s) => flops / s / 1e9);
  const f = (x: number) => x.toFixed(x < 10 ? 2 : 1);
  return `${f(median(rates))} (${f(Math.min(...rates))}–${f(Math.max(...rates))})`;
}

async function numpyRound(cases: [number, number, number, DType][]) {
  const script = new URL("gemm_numpy.py", import.meta.url).pathname;
  const out = await new Deno.Command("python3", {
    args: [script, JSON.stringify(cases), String(SAMPLE_SECONDS)],
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout)) as {
    numpy: string;
    blas: unknown;
    seconds: number[];
  };
}

async function main() {
  const parallel = await startParallel();
  const blas = systemBlas();
  const routes: Route[] = ["loop", "wasm", "parallel", "blas"];
  const cases = SHAPES.flatMap(([name, m, n, k]) =>
    DTYPES.map((dtype) => ({
      name,
      m,
      n,
      k,
      dtype,
      run: prepare(m, n, k, dtype),
      times: { loop: [], wasm: [], parallel: [], blas: [], numpy: [] } as Record<
        Route | "numpy",
        number[]
      >,
    }))
  );
  for (const c of cases) c.run("wasm", 0.2); // warm-up: V8 tiers the kernels up to TurboFan
  let numpy = "";
  let numpyBlas: unknown = null;
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      for (const route of routes) {
        if (route === "loop" && c.m * c.n * c.k > LOOP_MAX) continue;
        if ((route === "parallel" && !parallel) || (route === "blas" && !blas)) continue;
        c.times[route].push(c.run(route, SAMPLE_SECONDS));
      }
    }
    const py = await numpyRound(cases.map((c) => [c.m, c.n, c.k, c.dtype]));
    py.seconds.forEach((s, i) => cases[i].times.numpy.push(s));
    numpy = py.numpy;
    numpyBlas = py.blas;
  }
  console.log(`Deno ${Deno.version.deno} (V8 ${Deno.version.v8}), NumPy ${numpy}`);
  console.log(`NumPy's BLAS (threadpoolctl): ${JSON.stringify(numpyBlas)}`);
  // gemm's own choice: it times one and two threads on its first large products.
  const [m, n, k] = [100, 1000, 784];
  const [a, b, out] = [
    random("float32", m * k),
    random("float32", k * n),
    random("float32", m * n),
  ];
  for (let i = 0; i < 20; i++) gemm(m, n, k, a, b, out);
  const verdict = parallelVerdict();
  const rate = (x: number) => `${(2 * x / 1e6).toFixed(1)} GFLOPS`;
  const said = verdict.pays === undefined
    ? "not timed (gemm takes the system BLAS, or the worker was not ready)"
    : `${verdict.pays ? "they pay" : "they do not pay"} (one thread ${rate(verdict.wasm)}, ` +
      `two ${rate(verdict.parallel)}, medians of its trials)`;
  console.log(`gemm's verdict on two threads (MNIST forward, float32): ${said}`);
  console.log(`worker thread: ${parallel ? "ready" : "unavailable"}; ${rounds} rounds`);
  console.log(`system BLAS: ${blas ? blas.library : "not in use (needs --allow-ffi)"}\n`);
  console.log(
    "| product | dtype | JS loop | wasm, 1 thread | wasm, 2 threads | system BLAS | NumPy | " +
      "gemm's route | gemm / NumPy |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const c of cases) {
    const flops = 2 * c.m * c.n * c.k;
    const chosen = gemmRoute(c.m, c.n, c.k);
    const ratio = median(c.times.numpy) / median(c.times[chosen]);
    console.log(
      `| ${c.name} | ${c.dtype} | ${gflops(flops, c.times.loop)} | ` +
        `${gflops(flops, c.times.wasm)} | ${gflops(flops, c.times.parallel)} | ` +
        `${gflops(flops, c.times.blas)} | ${gflops(flops, c.times.numpy)} | ${chosen} | ` +
        `${(100 * ratio).toFixed(0)}% |`,
    );
  }
}

/** Microseconds per call of each route on the products around the two thresholds. */
async function thresholds() {
  await startParallel();
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [100, 1, 1],
    [10, 3, 1],
    [10, 3, 10],
    [8, 8, 8],
    [12, 12, 12],
    [16, 16, 16],
    [20, 20, 20],
    [24, 24, 24],
    [32, 32, 32],
    [100, 10, 10],
    [64, 64, 64],
    [100, 100, 100],
    [128, 128, 128],
    [100, 1000, 10],
    [160, 160, 160],
    [100, 100, 784],
    [200, 200, 200],
    [256, 256, 256],
  ];
  console.log(
    `SMALL_FLOPS = ${SMALL_FLOPS}, PARALLEL_FLOPS = ${PARALLEL_FLOPS}; µs per call, median of ` +
      `${rounds}\n`,
  );
  console.log("| m, n, k | m·n·k | dtype | JS loop | wasm, 1 thread | wasm, 2 threads |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const [m, n, k] of shapes) {
    for (const dtype of DTYPES) {
      const run = prepare(m, n, k, dtype);
      const cells = (["loop", "wasm", "parallel"] as Route[]).map((route) => {
        run(route, 0.05);
        const t = median(Array.from({ length: rounds }, () => run(route, 0.02)));
        return (t * 1e6).toFixed(t < 1e-4 ? 2 : 0);
      });
      console.log(`| ${m}, ${n}, ${k} | ${m * n * k} | ${dtype} | ${cells.join(" | ")} |`);
    }
  }
}

if (Deno.args.includes("--thresholds")) await thresholds();
else await main();
