/**
 * W1: Goldstein-Price forward + backward at (1, 1), 38 functions on scalars, written with the
 * methods (as the peer benchmarks write it) and with `expr`. The long graphs of W2 and W3 are in
 * files of their own, so that their large heaps do not slow these down with garbage collections.
 * Run: deno task bench (or deno bench bench/core_bench.ts)
 */
import { expr, np, Variable } from "../dezero/mod.ts";
import { goldstein } from "./workloads.ts";

function goldsteinExpr(x: Variable, y: Variable): Variable {
  return expr`(1 + (${x} + ${y} + 1) ** 2 * (19 - 14 * ${x} + 3 * ${x} ** 2 - 14 * ${y}
                 + 6 * ${x} * ${y} + 3 * ${y} ** 2))
            * (30 + (2 * ${x} - 3 * ${y}) ** 2 * (18 - 32 * ${x} + 12 * ${x} ** 2 + 48 * ${y}
                 - 36 * ${x} * ${y} + 27 * ${y} ** 2))`;
}

for (const [name, f] of [["methods", goldstein], ["expr", goldsteinExpr]] as const) {
  Deno.bench(`W1 Goldstein-Price forward + backward (${name})`, { group: "W1" }, () => {
    const x = new Variable(np.array(1.0));
    const y = new Variable(np.array(1.0));
    f(x, y).backward();
  });
}
