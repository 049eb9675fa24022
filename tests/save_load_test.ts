/**
 * `Layer.saveWeights` and `Layer.loadWeights` (step 53), both ways with Python DeZero:
 *
 * - Files saved by the book's own DeZero (tests/fixtures/book_weights/, written by
 *   tools/gen_book_weights.py with NumPy 2.4: float64 `W`s, float32 biases) load here, into
 *   models not yet built, under the book's names, and the models predict what the book's did.
 * - Files saved here hold exactly the parameters, under the names the book's `_flatten_params`
 *   gives (the fixture lists them): read back here, by NumPy in a `python3` subprocess, and, where
 *   the environment variable `DEZERO_BOOK` names a checkout of the book's code, loaded by Python
 *   DeZero's own `load_weights`, after which it predicts what the model here does.
 * - Saving is all or nothing; a file that does not fit the model is an error listing every
 *   difference, and the model is left as it was.
 */
import assert from "node:assert/strict";
import { F, type Layer, MLP, np, type Parameter, type Variable } from "../dezero/full.ts";
import { SimpleRNN } from "../steps/step59.ts";
import { BetterRNN } from "../steps/step60.ts";
import fixture from "./fixtures/book_weights.json" with { type: "json" };
import {
  missingFlags,
  type Needed,
  pythonWithNumpyMissing,
  READ_REPO,
  RUN_PYTHON,
  testWith,
} from "./_permissions.ts";
import { systemTempDir } from "./_subprocess.ts";

const tempDir = await systemTempDir();
const WRITE_TEMP: Needed = [{ name: "write", path: tempDir }, `--allow-write=${tempDir}`];
const READ_TEMP: Needed = [{ name: "read", path: tempDir }, `--allow-read=${tempDir}`];
const ENV_BOOK: Needed = [{ name: "env", variable: "DEZERO_BOOK" }, "--allow-env=DEZERO_BOOK"];
const TEMP: Needed[] = [WRITE_TEMP, READ_TEMP];
const FIXTURES = new URL("./fixtures/book_weights/", import.meta.url);
const TOOLS = new URL("../tools/", import.meta.url);

type Name = keyof typeof fixture.models;
type Model = MLP | SimpleRNN | BetterRNN;

/** The models of tools/_book_dezero.py's `book_models`, not built yet. */
const MAKERS: Record<Name, () => Model> = {
  mlp: () => new MLP([5, 3]),
  simple_rnn: () => new SimpleRNN(4, 1),
  better_rnn: () => new BetterRNN(3, 1),
};
const NAMES = Object.keys(MAKERS) as Name[];

/** The model's outputs for `x`; for a recurrent model, one per step of `x` from a fresh state. */
function outputs(model: Model, x: np.NDArray): Variable[] {
  if (model instanceof MLP) return [model.call(x)];
  model.resetState();
  return Array.from({ length: x.length }, (_, t) => model.call(x.get(t)));
}

/** A model of `name`, built and trained a few steps (seeded), so that no bias is still zero. */
function trained(name: Name): Model {
  np.random.seed(1);
  const model = MAKERS[name]();
  const x = np.array(fixture.models[name].x);
  for (let step = 0; step < 3; step++) {
    const loss = outputs(model, x).map((y) => F.sum(y)).reduce((a, b) => a.add(b));
    model.cleargrads();
    loss.backward();
    for (const p of model.params()) p.data = p.data!.sub(p.grad!.data!.mul(0.1));
  }
  return model;
}

/** The parameters by their `_flattenParams` names. */
function flat(model: Layer): Record<string, Parameter> {
  const params: Record<string, Parameter> = {};
  model._flattenParams(params);
  return params;
}

/** `actual` is `expected` to a few ulps: sums of a few products, in another order than BLAS's. */
function assertClose(actual: np.NDArray, expected: np.ArrayInput, what: string) {
  const e = np.array(expected);
  assert.deepEqual(actual.shape, e.shape, what);
  const a = actual.data;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - e.data[i]);
    assert.ok(d <= 1e-13 * Math.abs(e.data[i]) + 1e-16, `${what}[${i}]: ${a[i]} vs ${e.data[i]}`);
  }
}

/** The temporary folder of `fn`, removed afterwards. */
function inTempDir(fn: (dir: string) => void | Promise<void>): () => Promise<void> {
  return async () => {
    const dir = Deno.makeTempDirSync();
    try {
      await fn(dir);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  };
}

/** The files in `dir`, sorted. */
function filesIn(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

Deno.test("_flattenParams gives the book's names, each parameter once", () => {
  for (const name of NAMES) {
    const params = flat(trained(name));
    assert.deepEqual(Object.keys(params).sort(), Object.keys(fixture.models[name].params), name);
    assert.equal(new Set(Object.values(params)).size, [...trained(name).params()].length);
  }
});

await testWith("files saved by Python DeZero load here and predict the same", [READ_REPO], () => {
  for (const name of NAMES) {
    const book = fixture.models[name];
    const model = MAKERS[name]();
    np.random.seed(0);
    model.loadWeights(new URL(book.file, FIXTURES)); // not built yet: loading makes the Ws
    for (const [key, p] of Object.entries(flat(model))) {
      const spec = (book.params as Record<string, { dtype: string; shape: number[] }>)[key];
      assert.deepEqual([p.dtype, p.shape], [spec.dtype, spec.shape], `${name} ${key}`);
    }
    const ys = outputs(model, np.array(book.x));
    assert.equal(ys.length, book.y.length);
    for (const [i, y] of ys.entries()) assertClose(y.data!, book.y[i], `${name} output ${i}`);
    // The loaded Ws were used as they are: no random numbers were drawn to make them.
    const drawn = np.random.rand().item();
    np.random.seed(0);
    assert.equal(drawn, np.random.rand().item(), `${name}: the generator was not used`);
  }
});

await testWith(
  "saveWeights then loadWeights gives back every parameter, bit for bit",
  TEMP,
  inTempDir((dir) => {
    for (const name of NAMES) {
      const model = trained(name);
      assert.equal(model.saveWeights(`${dir}/${name}`), `${dir}/${name}.npz`); // NumPy's suffix
      for (const copy of [MAKERS[name](), trained(name), MAKERS[name]()]) {
        if (copy !== model) { for (const p of copy.params()) if (p.data) p.data = p.data.mul(2); }
        copy.loadWeights(`${dir}/${name}.npz`);
        const [mine, theirs] = [flat(model), flat(copy)];
        for (const [key, p] of Object.entries(mine)) {
          const q = theirs[key].data!;
          assert.deepEqual([q.dtype, q.shape], [p.dtype, p.shape], key);
          assert.deepEqual(q.data, p.data!.data, key);
        }
      }
    }
    assert.deepEqual(filesIn(dir), NAMES.map((n) => `${n}.npz`).sort(), "no temporary files left");
  }),
);

const noPython = await pythonWithNumpyMissing();
const NUMPY_READS = `
import json, sys
import numpy as np
out = {}
for path in sys.argv[1:]:
    with np.load(path) as z:
        out[path] = {k: [z[k].dtype.name, list(z[k].shape), z[k].ravel().tolist()] for k in z.files}
print(json.dumps(out))
`;

/** Runs `python3 -c code args...`; its stdout as JSON. */
async function python(code: string, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command("python3", { args: ["-c", code, ...args], env }).output();
  const text = new TextDecoder();
  assert.ok(out.success, `python3 failed:\n${text.decode(out.stderr)}`);
  return JSON.parse(text.decode(out.stdout));
}

/**
 * A test that needs `python3` with NumPy (and `needed`); skipped with the reason otherwise, or
 * with `skip` where that is given.
 */
async function testWithPython(
  name: string,
  needed: Needed[],
  fn: () => Promise<void>,
  skip?: string,
) {
  const missing = await missingFlags([RUN_PYTHON, ...needed]);
  const why = missing.length
    ? `needs ${missing.join(" ")}; run \`deno task test\``
    : noPython ?? skip;
  Deno.test({ name: why ? `${name} (skipped: ${why})` : name, ignore: why !== undefined, fn });
}

await testWithPython(
  "NumPy reads saveWeights' files: the book's names, the exact arrays",
  TEMP,
  inTempDir(async (dir) => {
    const models = Object.fromEntries(NAMES.map((name) => [name, trained(name)]));
    const files = NAMES.map((name) => models[name].saveWeights(`${dir}/${name}.npz`));
    const read = await python(NUMPY_READS, files);
    for (const [i, name] of NAMES.entries()) {
      const arrays = read[files[i]] as Record<string, [string, number[], number[]]>;
      assert.deepEqual(Object.keys(arrays).sort(), Object.keys(fixture.models[name].params));
      for (const [key, p] of Object.entries(flat(models[name]))) {
        assert.deepEqual(arrays[key], [p.dtype, p.shape, [...p.data!.data]], `${name} ${key}`);
      }
    }
  }),
);

const BOOK_LOADS = `
import json, sys
sys.path.insert(0, sys.argv[1])
from _book_dezero import book_models, import_book_dezero, predict
import numpy as np
dezero = import_book_dezero(sys.argv[2], float32_weights=False)
makers = book_models(dezero)
out = {}
for name, path, x in json.loads(sys.argv[3]):
    model = makers[name]()
    model.load_weights(path)
    out[name] = [y.tolist() for y in predict(model, np.array(x), name != "mlp")]
print(json.dumps(out))
`;

const book = (await missingFlags([ENV_BOOK])).length ? undefined : Deno.env.get("DEZERO_BOOK");
await testWithPython(
  "Python DeZero's load_weights reads saveWeights' files and predicts the same",
  [...TEMP, ENV_BOOK],
  inTempDir(async (dir) => {
    const models = Object.fromEntries(NAMES.map((name) => [name, trained(name)]));
    const jobs = NAMES.map((name) => [
      name,
      models[name].saveWeights(`${dir}/${name}.npz`),
      fixture.models[name].x,
    ]);
    const predicted = await python(BOOK_LOADS, [TOOLS.pathname, book!, JSON.stringify(jobs)]);
    for (const name of NAMES) {
      const ys = outputs(models[name], np.array(fixture.models[name].x));
      assert.equal(predicted[name].length, ys.length);
      for (const [i, y] of ys.entries()) assertClose(y.data!, predicted[name][i], `${name} ${i}`);
    }
  }),
  book === undefined ? "set DEZERO_BOOK to a checkout of the book's code" : undefined,
);

/** Each parameter's data (the array itself, or null), to tell whether anything was set. */
function snapshot(model: Layer): (np.NDArray | null)[] {
  return [...model.params()].map((p) => p.data);
}

/** The differences an error of loadWeights lists, each list sorted. */
function differences(message: string): Record<string, string[]> {
  const found: Record<string, string[]> = { missing: [], unexpected: [], shapes: [] };
  for (const line of message.split("\n").slice(1)) {
    const [head, names] = line.split(": ", 2);
    if (head === "  missing from the file") found.missing = names.split(", ").sort();
    else if (head === "  in the file, not in the model") {
      found.unexpected = names.split(", ").sort();
    } else if (line.startsWith("    ")) found.shapes.push(line.trim());
    else assert.equal(line, "  shapes that differ:");
  }
  return found;
}

await testWith(
  "loadWeights: a file that does not fit is an error listing every difference; nothing is set",
  [READ_REPO, ...TEMP],
  inTempDir((dir) => {
    const [mlpFile, rnnFile] = ["mlp.npz", "simple_rnn.npz"].map((f) => new URL(f, FIXTURES));
    const built = new MLP([6, 3]);
    built.call(np.ones([1, 4]));
    const mlpNames = ["l0/W", "l0/b", "l1/W", "l1/b"];
    const rnnNames = Object.keys(fixture.models.simple_rnn.params);
    const lstmNames = Object.keys(fixture.models.better_rnn.params);
    const none: string[] = [];
    const cases: [Model, URL, Record<string, string[]>][] = [
      [trained("mlp"), rnnFile, { missing: mlpNames, unexpected: rnnNames, shapes: none }],
      [built, mlpFile, {
        missing: none,
        unexpected: none,
        shapes: [
          "l0/W: (4,6) in the model, (4,5) in the file",
          "l0/b: (6,) in the model, (5,) in the file",
          "l1/W: (6,3) in the model, (5,3) in the file",
        ],
      }],
      // Not built: the Ws have no shape to check yet, the biases do.
      [new MLP([6, 3]), mlpFile, {
        missing: none,
        unexpected: none,
        shapes: ["l0/b: (6,) in the model, (5,) in the file"],
      }],
      [new MLP([5, 3, 2]), mlpFile, { missing: ["l2/W", "l2/b"], unexpected: none, shapes: none }],
      [MAKERS.better_rnn(), rnnFile, {
        missing: lstmNames.filter((n) => !rnnNames.includes(n)),
        unexpected: rnnNames.filter((n) => !lstmNames.includes(n)),
        shapes: none, // fc/W is not built yet, fc/b is (1,) in both
      }],
    ];
    for (const [model, file, expected] of cases) {
      const before = snapshot(model);
      assert.throws(() => model.loadWeights(file), (e: Error) => {
        assert.equal(e.name, "ValueError");
        const first = e.message.split("\n")[0];
        assert.equal(
          first,
          `${model.constructor.name}.loadWeights(): the arrays of '${file.href}' do not fit the ` +
            "model's parameters, so none was loaded (was the file saved from a model of another " +
            "architecture or size?):",
        );
        assert.deepEqual(differences(e.message), expected);
        return true;
      });
      const after = snapshot(model);
      assert.ok(after.every((d, i) => d === before[i]), "nothing was set");
    }

    const model = new MLP([5, 3]);
    const npy = np.save(`${dir}/one`, np.ones([2]));
    assert.throws(() => model.loadWeights(npy), {
      name: "ValueError",
      message: `MLP.loadWeights(): '${npy}' is a .npy file (one array); weights are saved as an ` +
        ".npz file of arrays by name, by saveWeights() or Python DeZero's save_weights()",
    });
    assert.throws(() => model.loadWeights(`${dir}/none.npz`), {
      message: `No such file or directory: '${dir}/none.npz'`,
    });
    assert.throws(() => model.loadWeights(42 as never), {
      name: "TypeError",
      message: "MLP.loadWeights() takes a file path (a string or a URL), not a number (42)",
    });
    assert.throws(() => model.saveWeights(null as never), {
      name: "TypeError",
      message: "MLP.saveWeights() takes a file path (a string or a URL), not null",
    });
    assert.deepEqual(snapshot(model).map((d) => d === null), [true, false, true, false]);
  }),
);

await testWith(
  "saveWeights writes the whole file or nothing",
  TEMP,
  inTempDir((dir) => {
    const path = `${dir}/my_mlp.npz`;
    const model = trained("mlp");
    model.saveWeights(path);
    const saved = Deno.readFileSync(path);

    // A parameter without data: an error naming it, before anything is written.
    assert.throws(() => new MLP([5, 3]).saveWeights(path), {
      name: "ValueError",
      message: `MLP.saveWeights('${path}'): l0/W, l1/W have no data yet (an L.Linear makes its W ` +
        "at its first call): call the model once on an input, or give the layers their inSize, " +
        "before saving. Nothing was written.",
    });
    assert.deepEqual(Deno.readFileSync(path), saved, "the earlier file is untouched");

    // A failure while writing (here the rename, onto a folder): the temporary file is removed.
    Deno.mkdirSync(`${dir}/taken.npz`);
    assert.throws(() => model.saveWeights(`${dir}/taken.npz`), /cannot save '.*taken\.npz'/);
    assert.throws(
      () => model.saveWeights(`${dir}/no/such/folder.npz`),
      /its folder does not exist/,
    );
    assert.deepEqual(filesIn(dir), ["my_mlp.npz", "taken.npz"], "no temporary file left");

    // Saving again replaces the file as a whole.
    for (const p of model.params()) p.data = p.data!.mul(-1);
    model.saveWeights(path);
    const copy = new MLP([5, 3]);
    copy.loadWeights(path);
    assert.deepEqual(
      snapshot(copy).map((d) => d!.toArray()),
      snapshot(model).map((d) => d!.toArray()),
    );
    assert.deepEqual(filesIn(dir), ["my_mlp.npz", "taken.npz"]);
  }),
);
