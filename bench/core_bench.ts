/**
 * Benchmarks of the dezero package: Goldstein-Price forward + backward at (1, 1) (38 functions,
 * written with methods and with `expr`). The long chain is in chain_bench.ts, apart, so that its
 * large heap does not slow these down with garbage collections.
 * Run: deno task bench (or deno bench bench/core_bench.ts)
 */
import { expr, np, Variable } from "../dezero/mod.ts";

function goldstein(x: Variable, y: Variable): Variable {
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

function goldsteinExpr(x: Variable, y: Variable): Variable {
  return expr`(1 + (${x} + ${y} + 1) ** 2 * (19 - 14 * ${x} + 3 * ${x} ** 2 - 14 * ${y}
                 + 6 * ${x} * ${y} + 3 * ${y} ** 2))
            * (30 + (2 * ${x} - 3 * ${y}) ** 2 * (18 - 32 * ${x} + 12 * ${x} ** 2 + 48 * ${y}
                 - 36 * ${x} * ${y} + 27 * ${y} ** 2))`;
}

for (const [name, f] of [["methods", goldstein], ["expr", goldsteinExpr]] as const) {
  Deno.bench(`Goldstein-Price forward + backward (${name})`, { group: "goldstein" }, () => {
    const x = new Variable(np.array(1.0));
    const y = new Variable(np.array(1.0));
    f(x, y).backward();
  });
}
