/**
 * Golden tests: every `steps/stepNN.ts` that has a `tests/golden/stepNN.txt` is run with
 * `deno run` (no flags, as a learner runs it) and must print what the book's Python step prints.
 * The golden files are copies of the original Python steps' output (`stepNN.txt` for stdout,
 * `step09.stderr.txt` for step 9's error); none is copied from our own output.
 *
 * A few lines differ on purpose: TypeScript prints a class, `null` and an array its own way.
 * `DIFFERENT` lists each with the book's line, ours and why, and the test checks that the book's
 * line is in the golden file and ours is printed in its place. Every other line must be the
 * book's to the letter, and stderr must be empty except where `STDERR` says what we print there:
 * the steps check with `console.assert` what the book prints beyond its step files, and a failed
 * assertion writes to stderr.
 *
 * Needs `--allow-read` and `--allow-run=deno` (`deno task test` grants them); under plain
 * `deno test` these tests are skipped with a message.
 */
import assert from "node:assert/strict";
import { missingFlags, READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno } from "./_subprocess.ts";

/** A line we print on purpose instead of the book's. */
interface Different {
  book: string;
  ours: string;
  why: string;
}

/** Why a shape prints differently. */
const SHAPE = "a shape is a JavaScript array, which Deno prints so; Python's is a tuple";

const DIFFERENT: Record<string, Different[]> = {
  step02: [{
    book: "<class '__main__.Variable'>",
    ours: "[class Variable]",
    why: "print(type(y)) is console.log(y.constructor), and Deno prints a class so",
  }],
  step18: [{
    book: "None None",
    ours: "null null",
    why: "an unset grad is JavaScript's null, Python's None",
  }],
  step19: [{
    book: "(2, 3)",
    ours: "[ 2, 3 ]",
    why: SHAPE,
  }],
  step39: [{ book: "(1, 1, 1, 1)", ours: "[ 1, 1, 1, 1 ]", why: SHAPE }],
  step41: [
    { book: "(2, 3)", ours: "[ 2, 3 ]", why: SHAPE },
    { book: "(3, 4)", ours: "[ 3, 4 ]", why: SHAPE },
  ],
  step57: [
    ["(9, 75)", "[ 9, 75 ]"],
    ["(90, 75)", "[ 90, 75 ]"],
    ["(1, 8, 15, 15)", "[ 1, 8, 15, 15 ]"],
    ["(1, 5, 15, 15)", "[ 1, 5, 15, 15 ]"],
  ].map(([book, ours]) => ({ book, ours, why: SHAPE })),
};

/**
 * Steps whose numbers match the book's within a relative tolerance rather than to the last digit
 * (the project's `reference/tolerances.json`, beside the book's outputs): their lines must have
 * the book's text with each number within `rtol` of the book's.
 */
const TOLERANCE: Record<string, { rtol: number; why: string }> = {
  step42: {
    rtol: 1e-10,
    why: "float64 throughout; a 100-term dot product in another order than OpenBLAS's",
  },
  step43: { rtol: 1e-9, why: "float64 throughout; 10-term sums in another order, 10,000 steps" },
  step44: {
    rtol: 1e-6,
    why: "L.Linear's float32 weights: a last-bit difference in a float64 sum can round a " +
      "weight to the next float32",
  },
  step45: { rtol: 1e-6, why: "as step 44" },
  step46: { rtol: 1e-6, why: "as step 44" },
  step47: { rtol: 1e-6, why: "float32 weights" },
};

const NUMBER = /[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?\b(?:nan|inf)\b/g;

/** Whether `ours` is the book's `line` with each number within `rtol` of the book's. */
function sameWithin(ours: string, line: string, rtol: number): boolean {
  if (ours.replace(NUMBER, "#") !== line.replace(NUMBER, "#")) return false;
  const a = (ours.match(NUMBER) ?? []).map(Number);
  const b = (line.match(NUMBER) ?? []).map(Number);
  return a.every((x, i) => x === b[i] || Math.abs(x - b[i]) <= rtol * Math.abs(b[i]));
}

/**
 * What a step writes to stderr on purpose: the book's text (`null` where the book writes nothing
 * there) and ours. A golden stderr file, where there is one, must hold the book's text.
 */
const STDERR: Record<string, { book: string | null; ours: string; why: string }> = {
  step09: {
    book: "TypeError: <class 'float'> is not supported\n",
    ours: "TypeError: number is not supported\n",
    why: "JavaScript has one number type, so the message names `number` where Python names " +
      "`<class 'float'>`; the step reports it and exits 0, where the book's traceback ends it",
  },
  step10: {
    book: null,
    ours: "This step is tests: run them with `deno test steps/step10.ts`\n",
    why: "the book's step10.py prints nothing when run; ours says how to run its tests",
  },
};

const root = new URL("../", import.meta.url);
const golden = new URL("tests/golden/", root);
const missing = await missingFlags([READ_REPO, RUN_DENO]);

/** The lines of `text`, each ended by a newline (none for an empty text). */
function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

async function readIfExists(url: URL): Promise<string | null> {
  try {
    return await Deno.readTextFile(url);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

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
      const book = lines(await Deno.readTextFile(new URL(name, golden)));
      const { code, stdout, stderr } = await runDeno(["run", `steps/${step}.ts`], root);
      assert.equal(code, 0, `deno run steps/${step}.ts failed:\n${stderr}`);
      const out = lines(stdout);
      assert.equal(
        out.length,
        book.length,
        `${step} prints the book's number of lines:\n${stdout}`,
      );

      const different = DIFFERENT[step] ?? [];
      const tolerance = TOLERANCE[step];
      for (const [i, line] of book.entries()) {
        if (different.some((d) => d.book === line)) continue;
        if (tolerance === undefined) {
          assert.equal(out[i], line, `${step}, line ${i + 1}: the book's line`);
        } else {
          assert.ok(
            sameWithin(out[i], line, tolerance.rtol),
            `${step}, line ${i + 1}: ${JSON.stringify(out[i])} is not the book's ` +
              `${JSON.stringify(line)} within ${tolerance.rtol} (${tolerance.why})`,
          );
        }
      }
      for (const d of different) {
        const i = book.indexOf(d.book);
        assert.ok(i >= 0, `${step}: the book prints ${JSON.stringify(d.book)}`);
        assert.equal(out[i], d.ours, `${step}, line ${i + 1}, not the book's on purpose: ${d.why}`);
      }

      const bookErr = await readIfExists(new URL(`${step}.stderr.txt`, golden));
      const err = STDERR[step];
      assert.equal(bookErr, err?.book ?? null, `${step}: what the book writes to stderr`);
      assert.equal(
        stderr,
        err?.ours ?? "",
        `${step}: stderr` + (err ? `, on purpose: ${err.why}` : ""),
      );
    });
  }
}
