/**
 * The package works when imported by URL, from a script outside the repository: the test serves
 * the repository's `dezero/` over loopback and runs, in a fresh temporary directory with its own
 * empty Deno cache and no config file, a script that imports `http://127.0.0.1:<port>/dezero/mod.ts`
 * and computes step 24's gradients, and imports the stage-3 entry `dezero/full.ts` beside it and
 * computes second derivatives (of tanh, as step 35, and with its `expr`).
 *
 * Needs `--allow-read`, `--allow-net=127.0.0.1`, `--allow-run=deno` and write access to the system
 * temporary directory (`deno task test` grants them); under plain `deno test` it is skipped.
 */
import assert from "node:assert/strict";
import { type Needed, READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno, systemTempDir } from "./_subprocess.ts";

const dezero = new URL("../dezero/", import.meta.url);

const tempDir = await systemTempDir();
const needed: Needed[] = [
  READ_REPO,
  [{ name: "net", host: "127.0.0.1" }, "--allow-net=127.0.0.1"],
  RUN_DENO,
  [{ name: "write", path: tempDir }, `--allow-write=${tempDir}`],
];

const script = (base: string) => `
import { expr, np, Variable } from "${base}/dezero/mod.ts";
import * as full from "${base}/dezero/full.ts";

function goldstein(x: Variable, y: Variable): Variable {
  const a = x.add(y).add(1).pow(2).mul(
    x.rmul(14).rsub(19).add(x.pow(2).rmul(3)).sub(y.rmul(14)).add(x.rmul(6).mul(y))
      .add(y.pow(2).rmul(3)),
  ).radd(1);
  const b = x.rmul(2).sub(y.rmul(3)).pow(2).mul(
    x.rmul(32).rsub(18).add(x.pow(2).rmul(12)).add(y.rmul(48)).sub(x.rmul(36).mul(y))
      .add(y.pow(2).rmul(27)),
  ).radd(30);
  return a.mul(b);
}

const x = new Variable(np.array(1.0));
const y = new Variable(np.array(1.0));
goldstein(x, y).backward();
console.log(x.grad, y.grad);

const u = new Variable(np.array(1.0));
const v = new Variable(np.array(1.0));
expr\`0.26 * (\${u} ** 2 + \${v} ** 2) - 0.48 * \${u} * \${v}\`.backward();
console.log(u.grad, v.grad);

const t = new full.Variable(np.array(1.0));
full.F.tanh(t).backward({ createGraph: true });
const gt = t.grad!;
t.cleargrad();
gt.backward();
console.log(t.grad);

const s = new full.Variable(np.array(2.0));
full.expr\`\${s} ** 4 - 2 * \${s} ** 2\`.backward({ createGraph: true });
const gs = s.grad!;
s.cleargrad();
gs.backward();
console.log(gs, s.grad);
`;

await testWith(
  "dezero/mod.ts and full.ts imported by URL from outside the repository",
  needed,
  async () => {
    const requested: string[] = [];
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
      const path = new URL(req.url).pathname;
      requested.push(path);
      // Only the package is served: the import must not need anything else from the repository.
      // (Its modules are TypeScript but for one JavaScript module, _source_import.js.)
      const name = path.match(/^\/dezero\/((?:(?:np|gpu)\/)?[\w.]+\.[jt]s)$/)?.[1];
      if (name === undefined) return new Response("not found", { status: 404 });
      const type = name.endsWith(".js") ? "javascript" : "typescript";
      try {
        const body = await Deno.readFile(new URL(name, dezero));
        return new Response(body, {
          headers: { "content-type": `application/${type}; charset=utf-8` },
        });
      } catch {
        return new Response("not found", { status: 404 });
      }
    });
    const dir = await Deno.makeTempDir({ prefix: "dezero-url-import-" });
    try {
      const port = server.addr.port;
      await Deno.writeTextFile(`${dir}/main.ts`, script(`http://127.0.0.1:${port}`));
      const { code, stdout, stderr } = await runDeno(
        ["run", "--no-config", `--allow-import=127.0.0.1:${port}`, "main.ts"],
        dir,
        { DENO_DIR: `${dir}/deno_dir` },
      );
      assert.equal(code, 0, stderr);
      // The first two lines as step 24 prints them; then d²tanh/dx² at 1, -2 tanh(1) (1 - tanh(1)²)
      // (NumPy: -0.6397000084492246), and step 33's f'(2) = 24, f''(2) = 44.
      assert.equal(
        stdout,
        "-5376.0 8064.0\n0.040000000000000036 0.040000000000000036\n" +
          "variable(-0.6397000084492246)\nvariable(24.0) variable(44.0)\n",
      );
      assert.ok(requested.includes("/dezero/mod.ts"));
      assert.ok(requested.includes("/dezero/full.ts"));
      assert.deepEqual(requested.filter((p) => !p.startsWith("/dezero/")), []);
    } finally {
      await Deno.remove(dir, { recursive: true });
      await server.shutdown();
    }
  },
);
