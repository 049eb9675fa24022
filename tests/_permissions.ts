/**
 * One way for every test that needs permissions to skip cleanly under plain `deno test`: the test
 * is registered as ignored, its name saying which flags it needs, and runs under `deno task test`,
 * which grants them.
 */

/** A permission a test needs, with the flag that grants it (shown in the skip message). */
export type Needed = [Deno.PermissionDescriptor, string];

/** The flags of `needed` whose permission is not granted now. */
export async function missingFlags(needed: Needed[]): Promise<string[]> {
  const missing: string[] = [];
  for (const [descriptor, flag] of needed) {
    if ((await Deno.permissions.query(descriptor)).state !== "granted") missing.push(flag);
  }
  return missing;
}

/**
 * Registers `fn` as the test `name` when every permission of `needed` is granted; otherwise an
 * ignored test named `name (skipped: needs FLAGS; run \`deno task test\`)`.
 */
export async function testWith(
  name: string,
  needed: Needed[],
  fn: (t: Deno.TestContext) => void | Promise<void>,
): Promise<void> {
  const missing = await missingFlags(needed);
  Deno.test({
    name: missing.length === 0
      ? name
      : `${name} (skipped: needs ${missing.join(" ")}; run \`deno task test\`)`,
    ignore: missing.length > 0,
    fn,
  });
}

/** `--allow-run=deno`, for tests that start `deno` subprocesses. */
export const RUN_DENO: Needed = [{ name: "run", command: "deno" }, "--allow-run=deno"];

/** Read access to the repository, for tests that read its files. */
export const READ_REPO: Needed = [
  { name: "read", path: new URL("../", import.meta.url) },
  "--allow-read=.",
];

/** `--allow-run=python3`, for tests that check files with NumPy in a `python3` subprocess. */
export const RUN_PYTHON: Needed = [{ name: "run", command: "python3" }, "--allow-run=python3"];

/**
 * Why `python3` with NumPy cannot run here ("python3 not found", "python3 has no NumPy"), or
 * `undefined` when it can, or when running it is not permitted (the permission's skip message
 * says so then).
 */
export async function pythonWithNumpyMissing(): Promise<string | undefined> {
  if ((await missingFlags([RUN_PYTHON])).length) return undefined;
  try {
    const out = await new Deno.Command("python3", {
      args: ["-c", "import numpy; print(numpy.__version__)"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    return out.success ? undefined : "python3 has no NumPy";
  } catch {
    return "python3 not found";
  }
}
