/**
 * The graphs that steps 26, 27 and 35 draw have the structure of the book's: their DOT text is
 * compared with what the book's Python wrote (`tests/fixtures/step26.dot`, `step27.dot`,
 * `step35.dot`) by node and edge counts, labels, and the whole graph as one expression (node ids
 * differ: the book's are Python's `id()`); and the steps' `--graph` option draws them.
 *
 * Needs `--allow-read=.` (and `--allow-run=deno` to run the steps); `deno task test` grants them.
 */
import assert from "node:assert/strict";
import { getDotGraph } from "../dezero/mod.ts";
import { namedGraph as goldsteinGraph } from "../steps/step26.ts";
import { mySin } from "../steps/step27.ts";
import { tanhGraph } from "../steps/step35.ts";
import { np, Variable } from "../dezero/mod.ts";
import { canonical, type DotGraph, parseDot, summary } from "./_dot.ts";
import { READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno, systemTempDir } from "./_subprocess.ts";

const tempDir = await systemTempDir();

const fixture = (name: string) =>
  parseDot(Deno.readTextFileSync(new URL(`fixtures/${name}`, import.meta.url)));

function assertSameGraph(ours: DotGraph, book: DotGraph): void {
  assert.equal(ours.variables.size, book.variables.size, "variables");
  assert.equal(ours.functions.size, book.functions.size, "functions");
  assert.deepEqual(summary(ours), summary(book));
  assert.equal(canonical(ours), canonical(book));
}

await testWith("step 26: Goldstein-Price's graph as the book draws it", [READ_REPO], () => {
  const book = fixture("step26.dot");
  // Counted by hand from the formula: 38 operators, 17 constants, x, y.
  assert.equal(book.functions.size, 38);
  assert.equal(book.variables.size, 38 + 17 + 2);
  assertSameGraph(parseDot(getDotGraph(goldsteinGraph(), { verbose: false })), book);
});

await testWith("step 27: the Taylor series of sin as the book draws it", [READ_REPO], () => {
  const x = new Variable(np.array(np.pi / 4), "x");
  const y = mySin(x);
  y.backward();
  y.name = "y";
  const book = fixture("step27.dot");
  // Terms up to x⁷/7! (≈ 3.7e-5 at π/4, the first below 1e-4): 4 Pows, 4 Muls, 4 Adds (the
  // first adds the term to the number 0, a constant of the graph).
  assert.deepEqual(summary(book).functions, [
    ...Array(4).fill("Add"),
    ...Array(4).fill("Mul"),
    ...Array(4).fill("Pow"),
  ]);
  assert.equal(book.variables.size, 1 + 4 * 3 + 4 + 1);
  assertSameGraph(parseDot(getDotGraph(y, { verbose: false })), book);
});

await testWith("step 35: the graph of tanh's second derivative as the book draws it", [
  READ_REPO,
], () => {
  const book = fixture("step35.dot");
  assert.equal(summary(book).variables.filter((l) => l !== "").join(), "gx2,x,y");
  assertSameGraph(parseDot(getDotGraph(tanhGraph(1), { verbose: false })), book);
});

Deno.test("step 35: each derivative's graph is larger than the one before", () => {
  // Not in the book's text (only in its figures): the graph grows with the order.
  let before = 0;
  for (let iters = 0; iters <= 4; iters++) {
    const g = parseDot(getDotGraph(tanhGraph(iters), { verbose: false }));
    assert.equal(g.variables.get(g.output), `gx${iters + 1}`);
    assert.ok(g.functions.size > before, `derivative ${iters + 1}`);
    before = g.functions.size;
  }
});

await testWith("steps 26, 27, 35 with --graph=FILE.svg draw their graphs, Graphviz or not", [
  RUN_DENO,
  [{ name: "write", path: tempDir }, `--allow-write=${tempDir}`],
  [{ name: "read", path: tempDir }, `--allow-read=${tempDir}`],
], async () => {
  const dir = await Deno.makeTempDir({ prefix: "dezero_steps_" });
  try {
    // Goldstein-Price: 38 functions, 57 variables; the Taylor sine: 12 functions, 18 variables;
    // tanh's second derivative: 9 functions, 13 variables (counted in the book's DOT text).
    const steps: [string, string, number][] = [
      ["26", "goldstein.svg", 38 + 57],
      ["27", "my_sin.svg", 12 + 18],
      ["35", "tanh.svg", 9 + 13],
    ];
    for (const [step, file, nodes] of steps) {
      const path = new URL(`../steps/step${step}.ts`, import.meta.url).pathname;
      const args = ["run", `--allow-write=${dir}`, path, `--graph=${file}`];
      const { code, stdout, stderr } = await runDeno(args, dir);
      assert.equal(code, 0, stderr);
      assert.ok(stdout.endsWith(`graph: ${file} (from ${file.replace(".svg", ".dot")})\n`), stdout);
      const svg = await Deno.readTextFile(`${dir}/${file}`);
      assert.equal(svg.match(/<g id="node\d+" class="node">/g)?.length, nodes, step);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
