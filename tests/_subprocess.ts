/**
 * Runs `deno` with the given arguments in `cwd` and collects its exit code and output. `env`
 * adds variables to the inherited environment (colors are always off).
 */
export async function runDeno(
  args: string[],
  cwd: URL | string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command("deno", {
    args,
    cwd,
    env: { ...env, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** Where `Deno.makeTempDir()` creates directories: `$TMPDIR`, else the platform's default. */
export async function systemTempDir(): Promise<string> {
  const name = Deno.build.os === "windows" ? "TEMP" : "TMPDIR";
  const env = await Deno.permissions.query({ name: "env", variable: name });
  const value = env.state === "granted" ? Deno.env.get(name) : undefined;
  return value ?? (Deno.build.os === "windows" ? "C:\\Windows\\Temp" : "/tmp");
}
