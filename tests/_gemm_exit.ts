/**
 * Run by tests/gemm_test.ts as `deno run` with no permission: multiplies on two threads and
 * returns, after which the process must end although the worker thread waits for more work.
 */
import { gemm, startParallel } from "../dezero/np/_gemm.ts";

const parallel = await startParallel();
const n = 300;
const a = new Float64Array(n * n).fill(1);
const out = new Float64Array(n * n);
gemm(n, n, n, a, a, out);
console.log(`parallel: ${parallel}, ${out.reduce((s, x) => s + x, 0).toExponential()}`);
