/**
 * tools/diff_steps.ts: its unified diffs match what GNU `diff -u` prints for the same files
 * (expected outputs typed in from `diff -u`), and `deno task diff` runs on the real steps and on
 * the package's files.
 */
import assert from "node:assert/strict";
import { diffLines, fileOf, unifiedDiff } from "../tools/diff_steps.ts";
import { READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno } from "./_subprocess.ts";

const lines = (s: string) => s === "" ? [] : s.split(" ");

Deno.test("unifiedDiff prints hunks like diff -u", () => {
  const a = lines("a b c d e f g h i j k l m");
  const b = lines("a B c d e f g h i j k l m n");
  assert.deepEqual(unifiedDiff("A", a, "B", b), [
    "--- A",
    "+++ B",
    "@@ -1,5 +1,5 @@",
    " a",
    "-b",
    "+B",
    " c",
    " d",
    " e",
    "@@ -11,3 +11,4 @@",
    " k",
    " l",
    " m",
    "+n",
  ]);
  assert.deepEqual(unifiedDiff("C", ["x"], "D", []), ["--- C", "+++ D", "@@ -1 +0,0 @@", "-x"]);
  assert.deepEqual(unifiedDiff("D", [], "C", ["x"]), ["--- D", "+++ C", "@@ -0,0 +1 @@", "+x"]);
  assert.deepEqual(unifiedDiff("E", lines("p q r"), "F", lines("p r")).slice(2), [
    "@@ -1,3 +1,2 @@",
    " p",
    "-q",
    " r",
  ]);
  assert.deepEqual(unifiedDiff("same", a, "same", a), []);
});

Deno.test("diffLines is a shortest edit script", () => {
  const a = lines("the quick brown fox jumps over the lazy dog");
  const b = lines("the slow brown fox jumped over a lazy dog today");
  const edits = diffLines(a, b);
  assert.deepEqual(edits.filter((e) => e.op !== "+").map((e) => e.line), a);
  assert.deepEqual(edits.filter((e) => e.op !== "-").map((e) => e.line), b);
  assert.equal(edits.filter((e) => e.op === " ").length, 6); // the, brown, fox, over, lazy, dog
});

const root = new URL("../", import.meta.url);
await testWith(
  "deno task diff 23 24 shows what step 24 changed",
  [READ_REPO, RUN_DENO],
  async () => {
    const { code, stdout, stderr } = await runDeno(["task", "--quiet", "diff", "23", "24"], root);
    assert.equal(code, 0, stderr);
    const out = stdout.split("\n");
    assert.deepEqual(out.slice(0, 2), ["--- steps/step23.ts", "+++ steps/step24.ts"]);
    // By default the code alone: step 24's new function is there, the headers' comments are not.
    assert.ok(out.some((line) => /^\+export function sphere\(/.test(line)), "sphere is new code");
    assert.ok(!out.some((line) => line.includes("Step 24: Differentiating complex functions")));
    // --full compares the whole text, comments included.
    const full = await runDeno(["task", "--quiet", "diff", "23", "24", "--full"], root);
    const fullOut = full.stdout.split("\n");
    assert.ok(fullOut.includes("- * Step 23: Packaging — 패키지로 정리"));
    assert.ok(
      fullOut.includes("+ * Step 24: Differentiating complex functions — 복잡한 함수의 미분"),
    );
    const one = await runDeno(["task", "--quiet", "diff", "24"], root);
    assert.equal(one.stdout, stdout);
    const bad = await runDeno(["task", "--quiet", "diff", "x"], root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /usage: deno task diff FROM TO/);
  },
);

Deno.test("fileOf names a step by its number and a package file by its name", () => {
  assert.equal(fileOf("7"), "steps/step07.ts");
  assert.equal(fileOf("22"), "steps/step22.ts");
  assert.equal(fileOf("core_simple"), "dezero/core_simple.ts");
});

await testWith(
  "deno task diff 22 core_simple shows what moving step 22 into the package changed",
  [READ_REPO, RUN_DENO],
  async () => {
    const { code, stdout, stderr } = await runDeno(
      ["task", "--quiet", "diff", "22", "core_simple"],
      root,
    );
    assert.equal(code, 0, stderr);
    const out = stdout.split("\n");
    assert.deepEqual(out.slice(0, 2), ["--- steps/step22.ts", "+++ dezero/core_simple.ts"]);
    // The queue of backward: step 22's sorted list out, the heap in; the loop itself unchanged.
    assert.ok(out.includes("-    const funcs: Function[] = [];"));
    assert.ok(out.includes("+    const funcs = new GenerationHeap<Function>();"));
    assert.ok(out.includes("-        funcs.sort((a, b) => a.generation - b.generation);"));
    // What backward returns is checked (issue 12) where step 22 only turns it into a list.
    assert.ok(out.includes("-      const gxs = toList(f.backward(...gys));"));
    assert.ok(
      out.includes("+      const gxs = check.gradientsOf(f, f.backward(...gys), NDARRAY);"),
    );
    // The loop over the inputs is step 22's, unchanged.
    assert.ok(
      !out.some((line) => /^[-+]\s*for \(const \[i, x\] of f\.inputs\.entries\(\)\)/.test(line)),
    );
    const missing = await runDeno(["task", "--quiet", "diff", "22", "nosuch"], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /there is no dezero\/nosuch\.ts/);
    // The range is read from steps/, one past its last step file.
    const last = Math.max(
      ...[...Deno.readDirSync(new URL("../steps/", import.meta.url))]
        .map((e) => Number(/^step(\d\d)\.ts$/.exec(e.name)?.[1] ?? 0)),
    );
    const next = String(last + 1).padStart(2, "0");
    const beyond = await runDeno(["task", "--quiet", "diff", next, "22"], root);
    assert.equal(beyond.code, 2);
    assert.match(
      beyond.stderr,
      new RegExp(`there is no steps/step${next}\\.ts: the steps are 01 to ${last}`),
    );
    const alone = await runDeno(["task", "--quiet", "diff", "core_simple"], root);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /usage: deno task diff FROM TO/);
  },
);
