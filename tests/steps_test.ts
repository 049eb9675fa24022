/**
 * Golden tests: every `steps/stepNN.ts` that has a `tests/golden/stepNN.txt` is run with
 * `deno run` (no flags, as a learner runs it) and must print exactly that file. The golden files
 * are written from the book's printed values, not copied from what our steps print.
 *
 * Needs `--allow-read` and `--allow-run=deno` (`deno task test` grants them); under plain
 * `deno test` these tests are skipped with a message.
 */
import assert from "node:assert/strict";
import { missingFlags, READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno } from "./_subprocess.ts";

const root = new URL("../", import.meta.url);
const golden = new URL("tests/golden/", root);
const missing = await missingFlags([READ_REPO, RUN_DENO]);

if (missing.length > 0) {
  await testWith("steps print the book's output", [READ_REPO, RUN_DENO], () => {});
} else {
  const names = [...Deno.readDirSync(golden)]
    .map((e) => e.name)
    .filter((n) => /^step\d\d\.txt$/.test(n))
    .sort();
  for (const name of names) {
    const step = name.replace(".txt", "");
    Deno.test(`${step} prints the book's output`, async () => {
      const expected = await Deno.readTextFile(new URL(name, golden));
      const { code, stdout, stderr } = await runDeno(["run", `steps/${step}.ts`], root);
      assert.equal(code, 0, `deno run steps/${step}.ts failed:\n${stderr}`);
      assert.equal(stdout, expected);
    });
  }
}
