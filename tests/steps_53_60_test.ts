/**
 * Steps 53, 54, 59 and 60, run as a learner runs them (`deno run`):
 *
 * - 53 trains, saves `my_mlp.npz`, and a second run starts from it: its first loss is that of
 *   the saved weights (computed here), on a small MNIST-format data set written for the test.
 * - 54 prints the book's three kinds of lines: the input, a random dropout (each element 0 or 2),
 *   the input again in test mode.
 * - 59 and 60, seeded (`--seed`, a few `--epochs`), print the losses that the book's own step
 *   files print with the same seed (tests/fixtures/rnn_steps.json, from tools/gen_rnn_steps.py,
 *   with the book's Linear weights kept float32 as under NumPy 1.x): the same lines, and the
 *   printed values within 1e-6 of the book's full-precision ones (measured: within 1e-15
 *   relative over 100 epochs).
 * - Their `--plot` SVG has the book's two curves, 1000 points each.
 */
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { F, MLP, np } from "../dezero/full.ts";
import { plot as plot59 } from "../steps/step59.ts";
import { plot as plot60 } from "../steps/step60.ts";
import fixture from "./fixtures/rnn_steps.json" with { type: "json" };
import { type Needed, READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno, systemTempDir } from "./_subprocess.ts";

const root = new URL("../", import.meta.url);
const tempDir = await systemTempDir();
const WRITE_TEMP: Needed = [{ name: "write", path: tempDir }, `--allow-write=${tempDir}`];
const READ_TEMP: Needed = [{ name: "read", path: tempDir }, `--allow-read=${tempDir}`];

for (const run of fixture.runs) {
  await testWith(
    `${run.step} --seed=${run.seed} --epochs=${run.epochs} prints the book's seeded losses`,
    [READ_REPO, RUN_DENO],
    async () => {
      const step = new URL(`steps/${run.step}.ts`, root).pathname;
      const { code, stdout, stderr } = await runDeno(
        ["run", step, `--seed=${run.seed}`, `--epochs=${run.epochs}`],
        root,
      );
      assert.equal(code, 0, stderr);
      assert.equal(stderr, "");
      const lines = stdout.trimEnd().split("\n");
      assert.deepEqual(lines, run.lines);
      for (const [i, line] of lines.entries()) {
        const printed = Number(line.split(" ").at(-1));
        assert.ok(Math.abs(printed - run.losses[i]) <= 5e-7, `epoch ${i + 1}`);
      }
    },
  );
}

await testWith("step54 prints the input, a dropout of it, and it again in test mode", [
  READ_REPO,
  RUN_DENO,
], async () => {
  const seen = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const { code, stdout, stderr } = await runDeno(["run", "steps/step54.ts"], root);
    assert.equal(code, 0, stderr);
    const lines = stdout.trimEnd().split("\n");
    assert.equal(lines.length, 3);
    assert.equal(lines[0], "[1. 1. 1. 1. 1.]");
    assert.match(lines[1], /^variable\(\[[02]\. [02]\. [02]\. [02]\. [02]\.\]\)$/);
    assert.equal(lines[2], "variable([1. 1. 1. 1. 1.])");
    seen.add(lines[1]);
  }
  assert.ok(seen.size > 1, "the mask is not seeded: it changes from run to run");
});

/** An IDX file, gzipped (MNIST's format): magic 0x0000 08 ndim, the sizes, the bytes. */
function idx(shape: number[], bytes: Uint8Array): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * shape.length));
  header.setUint32(0, 0x800 + shape.length);
  shape.forEach((d, i) => header.setUint32(4 + 4 * i, d));
  return gzipSync(new Uint8Array([...new Uint8Array(header.buffer), ...bytes]));
}

await testWith(
  "step53 saves my_mlp.npz, and the next run starts from it",
  [READ_REPO, RUN_DENO, WRITE_TEMP, READ_TEMP],
  async () => {
    // 100 images: one batch per epoch, whose loss is that of the weights before its update.
    const dir = Deno.makeTempDirSync();
    try {
      np.random.seed(0);
      const images = np.random.randint(0, 256, [100, 28, 28]).astype("uint8");
      const labels = np.random.randint(0, 10, 100).astype("uint8");
      Deno.writeFileSync(
        `${dir}/train-images-idx3-ubyte.gz`,
        idx([100, 28, 28], images.data as Uint8Array),
      );
      Deno.writeFileSync(
        `${dir}/train-labels-idx1-ubyte.gz`,
        idx([100], labels.data as Uint8Array),
      );
      const args = [`--allow-read=${dir}`, `--allow-write=${dir}`];
      const step = new URL("steps/step53.ts", root).pathname;
      const run = async (epochs: number) => {
        const { code, stdout, stderr } = await runDeno(
          ["run", ...args, step, `--dir=${dir}`, `--epochs=${epochs}`],
          dir,
        );
        assert.equal(code, 0, stderr);
        return stdout.trimEnd().split("\n");
      };

      const first = await run(2);
      assert.equal(first.length, 2);
      assert.match(first[0], /^epoch: 1, loss: \d\.\d{4}$/);
      const model = new MLP([1000, 10]);
      model.loadWeights(`${dir}/my_mlp.npz`);
      const x = images.reshape(100, 784).astype("float32").div(255);
      const loss = F.softmaxCrossEntropy(model.call(x), labels).data!.item();

      const second = await run(1);
      assert.equal(second[0], `epoch: 1, loss: ${loss.toFixed(4)}`);
      assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
        "my_mlp.npz",
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
      ]);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
);

for (const [step, plot] of [["step59", plot59], ["step60", plot60]] as const) {
  Deno.test(`${step}: --plot's SVG has cos and the prediction, 1000 points each`, async () => {
    const xs = Array.from({ length: 1000 }, (_, i) => Math.cos((4 * Math.PI * i) / 999));
    const svg = await plot(xs, xs.map((v) => 0.9 * v));
    assert.match(svg, /^<svg[\s>]/);
    const lines = [...svg.matchAll(/aria-roledescription="line mark" d="([^"]*)"/g)];
    assert.equal(lines.length, 2);
    for (const [, d] of lines) assert.equal(d.match(/[ML]/g)?.length, 1000);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const label of ["x", "y", "y=cos(x)", "predict"]) assert.ok(texts.includes(label), label);
  });
}
