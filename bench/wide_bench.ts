/**
 * W3: `Σ (x * c_i) ** 2` over n terms, forward + backward, for n = 1,000, 10,000 and 100,000.
 * Backward has about n functions waiting at once; with the binary heap the time grows as
 * n log n (the book's sort after each insertion: n² log n). Compare the three lines.
 * The same graph's DOT text (`getDotGraph`) for n = 10,000 and 20,000: the functions wait in
 * backward's heap, so the time grows as n log n (inserting each into a sorted array, as the
 * pictures did before, grows as n² once many functions of higher generations wait).
 * Run: deno task bench (or deno bench bench/wide_bench.ts)
 */
import { getDotGraph, np, Variable } from "../dezero/mod.ts";
import { wideSum } from "./workloads.ts";

for (const n of [1_000, 10_000, 100_000]) {
  Deno.bench(
    `W3 sum of ${n.toLocaleString("en")} squares, forward + backward`,
    { group: "W3", n: n === 100_000 ? 5 : 20, warmup: 1 },
    () => {
      const x = new Variable(np.array(1.0));
      wideSum(x, n).backward();
    },
  );
}

for (const n of [10_000, 20_000]) {
  const z = wideSum(new Variable(np.array(1.0)), n);
  Deno.bench(
    `W3 graph of ${n.toLocaleString("en")} squares, DOT text`,
    { group: "W3 DOT", n: 5 },
    () => {
      getDotGraph(z);
    },
  );
}
