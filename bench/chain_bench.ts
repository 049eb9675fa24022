/**
 * Benchmark of the dezero package on a long graph: a chain of 200,000 functions, forward and
 * backward. Most of the time goes to the garbage collector, as every link stays alive until the
 * end. Run: deno task bench (or deno bench bench/chain_bench.ts)
 */
import { np, Variable } from "../dezero/mod.ts";

Deno.bench("chain of 200,000 functions, forward + backward", () => {
  const x = new Variable(np.array(0.5));
  let y = x;
  for (let i = 0; i < 200_000; i++) y = y.mul(1.0000001);
  y.backward();
});
