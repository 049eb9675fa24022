/**
 * Memory of the package: graphs are freed when nobody holds them (the book's step 17, without
 * WeakRef), and under `noGrad()` a long computation keeps only what the user holds (that it
 * records no graph at all is checked in core_simple_test.ts). The checks compare the resident
 * size with what retained arrays would add: hundreds of megabytes, far beyond the garbage
 * collector's slack. Each runs in a process of its own, as the test runner's heap, grown by the
 * other tests, would blur it. No timing is asserted.
 *
 * Needs `--allow-read` and `--allow-run=deno` (`deno task test` grants them).
 */
import assert from "node:assert/strict";
import { READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno } from "./_subprocess.ts";

/** Runs `body` (which ends by printing one number of megabytes) in a fresh Deno; its number. */
async function measure(body: string): Promise<number> {
  const script = `
    import { noGrad, np, Variable } from "./dezero/mod.ts";
    const rssMB = () => Deno.memoryUsage().rss / 2 ** 20;
    ${body}
  `;
  const { code, stdout, stderr } = await runDeno(["eval", script], new URL("../", import.meta.url));
  assert.equal(code, 0, stderr);
  return Number(stdout);
}

await testWith(
  "step 17's loop with the package: memory does not grow with the iterations",
  [READ_REPO, RUN_DENO],
  async () => {
    // 40 × ((x ** 2) ** 2) ** 2 on 1e6 floats: each iteration's graph holds 4 arrays of 8 MB, so
    // graphs kept alive would add about 1 GB after the 10th; freed, the resident size levels off.
    const growth = await measure(`
      const rss = [];
      for (let i = 0; i < 40; i++) {
        const x = new Variable(np.random.rand(1_000_000));
        const y = x.pow(2).pow(2).pow(2);
        if (y.creator?.inputs[0].creator?.inputs[0].creator?.inputs[0] !== x) throw new Error("graph");
        rss.push(rssMB());
      }
      console.log(rss[rss.length - 1] - rss[9]);
    `);
    assert.ok(growth < 250, `resident size grew by ${growth.toFixed(0)} MB over 30 iterations`);
  },
);

await testWith(
  "a graph is freed once backward is done and nobody holds its output",
  [READ_REPO, RUN_DENO],
  async () => {
    // Like step 17 with backward: 30 graphs of 1e6 floats. Each keeps at least 7 arrays of 8 MB
    // while alive (x, its grad, 4 outputs, the constant 2's grad): 1.1 GB after the 10th if kept.
    const growth = await measure(`
      const rss = [];
      for (let i = 0; i < 30; i++) {
        const x = new Variable(np.random.rand(1_000_000));
        x.mul(x).add(x).pow(2).div(2).backward();
        if (x.grad?.size !== 1_000_000) throw new Error("grad");
        rss.push(rssMB());
      }
      console.log(rss[rss.length - 1] - rss[9]);
    `);
    assert.ok(growth < 250, `resident size grew by ${growth.toFixed(0)} MB over 20 iterations`);
  },
);

await testWith(
  "under noGrad a long chain of large arrays keeps only the last one",
  [READ_REPO, RUN_DENO],
  async () => {
    // 150 steps of y = y * 1 on 1e6 floats: 1.2 GB if each step kept its input, as a graph does.
    const peak = await measure(`
      using _ = noGrad();
      const start = rssMB();
      let y = new Variable(np.ones([1_000_000]));
      let peak = 0;
      for (let i = 0; i < 150; i++) {
        y = y.mul(1);
        peak = Math.max(peak, rssMB() - start);
      }
      if (y.creator !== null || y.data?.data[999_999] !== 1) throw new Error("chain");
      console.log(peak);
    `);
    assert.ok(peak < 400, `resident size grew by up to ${peak.toFixed(0)} MB`);
  },
);
