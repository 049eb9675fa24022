/**
 * W2: a chain of 200,000 functions, `y = y * 1.000001 + 0.000001` 100,000 times, forward +
 * backward. Every link stays alive until backward ends, so the garbage collector's work grows
 * with the graph; see the README's "Performance" section.
 * Run: deno task bench (or deno bench bench/chain_bench.ts)
 */
import { np, Variable } from "../dezero/mod.ts";
import { chain } from "./workloads.ts";

Deno.bench("W2 chain of 200,000 functions, forward + backward", { n: 20, warmup: 2 }, () => {
  const x = new Variable(np.array(1.0));
  chain(x, 100_000).backward();
});
