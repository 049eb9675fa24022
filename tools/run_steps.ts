/**
 * Runs every step in order, as a learner would: `deno run steps/stepNN.ts`, no flags.
 * Usage: `deno task steps` (or `deno task steps 16 17` for some of them).
 */
const wanted = Deno.args.map((a) => `step${a.padStart(2, "0")}.ts`);
const steps = [...Deno.readDirSync(new URL("../steps/", import.meta.url))]
  .map((e) => e.name)
  .filter((n) => /^step\d\d\.ts$/.test(n) && (wanted.length === 0 || wanted.includes(n)))
  .sort();
let failed = 0;
for (const name of steps) {
  console.log(`=== steps/${name}`);
  const { code } = await new Deno.Command("deno", { args: ["run", `steps/${name}`] }).spawn()
    .status;
  if (code !== 0) {
    console.log(`(exit code ${code})`);
    failed++;
  }
}
if (failed > 0) Deno.exit(1);
