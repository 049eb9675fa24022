/**
 * Shows what a step changed: a unified diff of two step files, like `git diff --no-index`, but
 * needing neither git nor its history.
 *
 * Usage: `deno task diff 16 17` (step 16 → step 17), or `deno task diff 17` (from the step before).
 * A name instead of a number is a file of the package: `deno task diff 22 core_simple` shows what
 * changed when step 22 moved into `dezero/core_simple.ts`. Only reads `steps/` and `dezero/`.
 *
 * By default only the code is compared: comments and blank lines are left out of both files, so
 * that the diff shows what the code does differently. `--full` compares the whole text.
 *
 * @module
 */

/** One line of an edit script: kept (" "), removed ("-") or added ("+"). */
export interface Edit {
  op: " " | "-" | "+";
  line: string;
}

/**
 * A shortest edit script turning `a` into `b` (a longest common subsequence, by dynamic
 * programming: fine for files of a few hundred lines such as the steps).
 */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  // lcs[i * w + j]: the length of the longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j]
        ? lcs[(i + 1) * w + j + 1] + 1
        : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      edits.push({ op: " ", line: a[i++] });
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
      edits.push({ op: "-", line: a[i++] }); // removals first, as diff and git print them
    } else {
      edits.push({ op: "+", line: b[j++] });
    }
  }
  return edits;
}

/**
 * A unified diff of `a` and `b` (lines without their newlines) with `context` lines around each
 * change; empty when they are equal.
 */
export function unifiedDiff(
  nameA: string,
  a: readonly string[],
  nameB: string,
  b: readonly string[],
  context = 3,
): string[] {
  const edits = diffLines(a, b);
  const changed = edits.flatMap((e, k) => e.op === " " ? [] : [k]);
  if (changed.length === 0) return [];
  const out = [`--- ${nameA}`, `+++ ${nameB}`];
  // Line numbers (1-based) in a and b before each edit.
  const posA: number[] = [];
  const posB: number[] = [];
  let la = 1;
  let lb = 1;
  for (const e of edits) {
    posA.push(la);
    posB.push(lb);
    if (e.op !== "+") la++;
    if (e.op !== "-") lb++;
  }
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = Math.min(edits.length, changed[k] + context + 1);
    // Merge the following changes whose context touches this hunk's.
    while (k + 1 < changed.length && changed[k + 1] - context <= end) {
      k++;
      end = Math.min(edits.length, changed[k] + context + 1);
    }
    k++;
    const hunk = edits.slice(start, end);
    const countA = hunk.filter((e) => e.op !== "+").length;
    const countB = hunk.filter((e) => e.op !== "-").length;
    const fromA = countA === 0 ? posA[start] - 1 : posA[start];
    const fromB = countB === 0 ? posB[start] - 1 : posB[start];
    out.push(`@@ -${range(fromA, countA)} +${range(fromB, countB)} @@`);
    for (const e of hunk) out.push(e.op + e.line);
  }
  return out;
}

/** A hunk range as diff prints it: `start,count`, or just `start` for one line. */
function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

function colorize(line: string): string {
  if (line.startsWith("+++") || line.startsWith("---")) return `\x1b[1m${line}\x1b[0m`;
  if (line.startsWith("@@")) return `\x1b[36m${line}\x1b[0m`;
  if (line.startsWith("+")) return `\x1b[32m${line}\x1b[0m`;
  if (line.startsWith("-")) return `\x1b[31m${line}\x1b[0m`;
  return line;
}

/**
 * The code lines of a TypeScript source: without comments (block, JSDoc and `//` ones) and blank
 * lines, trailing spaces trimmed.
 */
export function codeLines(lines: readonly string[]): string[] {
  const text = lines.join("\n").replace(/\/\*[\s\S]*?\*\//g, "");
  return text.split("\n")
    .map((line) => line.replace(/(^|\s)\/\/.*$/, "").trimEnd())
    .filter((line) => line.trim() !== "");
}

/** The file an argument names: a step number (`7`, `07`) or a package file (`core_simple`). */
export function fileOf(arg: string): string {
  return /^\d+$/.test(arg) ? `steps/step${arg.padStart(2, "0")}.ts` : `dezero/${arg}.ts`;
}

if (import.meta.main) {
  const full = Deno.args.includes("--full");
  const args = Deno.args.filter((a) => a !== "--full");
  const valid = args.length === 2
    ? args.every((a) => /^(\d{1,2}|[a-z_/]+)$/.test(a))
    : args.length === 1 && /^\d{1,2}$/.test(args[0]);
  if (!valid) {
    console.error(
      "usage: deno task diff FROM TO   (e.g. 16 17, or 22 core_simple), or deno task diff STEP;" +
        " --full compares comments too",
    );
    Deno.exit(2);
  }
  const [from, to] = args.length === 2 ? args : [String(Number(args[0]) - 1), args[0]];
  const root = new URL("../", import.meta.url);
  const nameA = fileOf(from);
  const nameB = fileOf(to);
  const read = (name: string) => {
    try {
      return Deno.readTextFileSync(new URL(name, root)).replace(/\n$/, "").split("\n");
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      const steps = [...Deno.readDirSync(new URL("steps/", root))]
        .map((e) => e.name.match(/^step(\d\d)\.ts$/)?.[1])
        .filter((n) => n !== undefined)
        .sort();
      console.error(
        `there is no ${name}: the steps are ${steps[0]} to ${steps.at(-1)}, ` +
          "the package files in dezero/",
      );
      Deno.exit(2);
    }
  };
  const [a, b] = [read(nameA), read(nameB)].map((text) => (full ? text : codeLines(text)));
  const lines = unifiedDiff(nameA, a, nameB, b);
  const color = !Deno.noColor && Deno.stdout.isTerminal();
  for (const line of lines) console.log(color ? colorize(line) : line);
}
