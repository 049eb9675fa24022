/**
 * W4: `((x * x + x) ** 2) / 2` on 1e6 float64 elements, forward + backward: 16 elementwise
 * kernels over 8 MB arrays, as the original DeZero runs them in NumPy.
 * Run: deno task bench (or deno bench bench/array_bench.ts)
 */
import { np, Variable } from "../dezero/mod.ts";
import { bigArray } from "./workloads.ts";

np.random.seed(0);
const x = new Variable(np.random.rand(1_000_000));

Deno.bench("W4 1e6 elements ((x*x + x)**2)/2, forward + backward", { n: 30, warmup: 3 }, () => {
  x.cleargrad();
  bigArray(x).backward();
});
