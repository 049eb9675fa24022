/**
 * NumPy's legacy generator (dezero/np/_random.ts): a million uniform samples, normal samples,
 * int64s and a permutation, as `np.random.rand(10**6)` etc. draw them.
 * Run: deno bench bench/random_bench.ts
 */
import { RandomState } from "../dezero/np/_random.ts";

const rs = new RandomState(0);
const out = new Float64Array(1_000_000);

Deno.bench("rand(10**6)", { n: 30, warmup: 3 }, () => {
  rs.fillRandomSample(out);
});
Deno.bench("randn(10**6)", { n: 30, warmup: 3 }, () => {
  rs.fillGauss(out);
});
Deno.bench("randint(0, 10, 10**6)", { n: 30, warmup: 3 }, () => {
  rs.fillRandint(out, 0, 10);
});
Deno.bench("permutation(10**6)", { n: 30, warmup: 3 }, () => {
  rs.permutation(1_000_000);
});
