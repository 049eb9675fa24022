/**
 * No silent wrong numbers: each plain-JavaScript mistake that TypeScript would reject, but
 * `deno run` lets through, gets a clear error (its class and the key words of its message are
 * asserted) or the right result. One test per mistake, for both cores where both apply.
 */
import assert from "node:assert/strict";
import * as simple from "../dezero/mod.ts";
import * as full from "../dezero/full.ts";
import { np } from "../dezero/mod.ts";
import * as step20 from "../steps/step20.ts";
import * as step21 from "../steps/step21.ts";
import * as step22 from "../steps/step22.ts";
import { numericalGrads } from "./_gradcheck.ts";
import { READ_REPO, testWith } from "./_permissions.ts";
import { systemTempDir } from "./_subprocess.ts";

// Both cores have the same API for what these tests do; the full core is used through the simple
// core's types (its grads are Variables: gradOf reads either).
type Core = typeof simple;
const cores: [string, Core][] = [["core_simple", simple], ["core", full as unknown as Core]];

/** The value of a gradient, whether the core keeps it as an NDArray or as a Variable. */
function gradOf(x: { grad: unknown }): np.NDArray {
  const g = x.grad;
  if (g instanceof np.NDArray) return g;
  if (g !== null && typeof g === "object" && "data" in g && g.data instanceof np.NDArray) {
    return g.data;
  }
  throw new Error(`no gradient: ${g}`);
}

// What a learner types with the book's Python habits: the types say no, plain JavaScript runs it.
// deno-lint-ignore no-explicit-any
const js = (v: unknown): any => v;

for (const [name, dz] of cores) {
  const { Variable, usingConfig, noGrad, Config, Function, Add } = dz;
  const v = (x: number | number[]) => new Variable(np.array(x));

  Deno.test(`${name}: JavaScript operators on Variables throw and name the methods`, () => {
    const x = v(2.0);
    const y = v(3.0);
    for (
      const f of [() => js(x) * js(y), () => 3 * js(x), () => js(x) ** 2, () => -js(x)]
    ) {
      assert.throws(f, (e: Error) => {
        assert.ok(e instanceof TypeError);
        assert.match(e.message, /JavaScript's operators/);
        assert.match(e.message, /x\.mul\(y\)/);
        assert.match(e.message, /expr`/);
        return true;
      });
    }
    assert.throws(() => js(x) + js(y), { name: "TypeError", message: /x\.add\(y\)/ });
    assert.throws(() => js(x) < js(y), TypeError);
    // Strings still give the printed form.
    assert.equal(`${x}`, "variable(2.0)");
    assert.equal(String(y), "variable(3.0)");
  });

  Deno.test(`${name}: backward's options are checked`, () => {
    const x = v(3.0);
    const y = x.mul(x);
    assert.throws(() => y.backward(js(true)), {
      name: "TypeError",
      message: /backward\(\) takes an options object, not a boolean \(true\): write backward\(\{/,
    });
    assert.throws(() => y.backward(js({ retain_grad: true })), {
      name: "TypeError",
      message: /no option "retain_grad": did you mean retainGrad\?/,
    });
    assert.throws(() => y.backward(js({ retainGrad: "yes" })), {
      name: "TypeError",
      message: /retainGrad must be true or false/,
    });
    // Nothing was computed by the refused calls.
    assert.equal(x.grad, null);
    y.backward();
    assert.equal(gradOf(x).item(), 6);
  });

  Deno.test(`${name}: usingConfig checks the setting's name and value`, () => {
    assert.throws(() => usingConfig(js("enable_backprop"), false), {
      name: "TypeError",
      message: /Config has no setting the string "enable_backprop": did you mean enableBackprop\?/,
    });
    assert.throws(() => usingConfig(js("nonexistent"), js(1)), { name: "TypeError" });
    assert.equal("nonexistent" in Config, false);
    assert.throws(() => usingConfig("enableBackprop", js(0)), {
      name: "TypeError",
      message: /enableBackprop must be a boolean/,
    });
    assert.equal(Config.enableBackprop, true);
  });

  Deno.test(`${name}: a forgotten \`using\` is reported by backward()`, () => {
    const x = v(2.0);
    try {
      noGrad(); // the mistake: without `using`, recording stays off
      const y = x.mul(x);
      assert.throws(() => y.backward(), (e: Error) => {
        assert.match(e.message, /computed while recording was off/);
        assert.match(e.message, /mistakes_test\.ts/); // where noGrad() was called
        assert.match(e.message, /using _ = noGrad\(\);/);
        return true;
      });
    } finally {
      Config.enableBackprop = true;
    }
    assert.equal(x.grad, null);
  });

  Deno.test(`${name}: backward() inside a noGrad block on a graph recorded earlier works`, () => {
    const x = v(3.0);
    const y = x.mul(x).mul(x); // x³: dy/dx = 27 at 3
    {
      using _ = noGrad();
      y.backward();
    }
    assert.equal(gradOf(x).item(), 27);
  });

  Deno.test(`${name}: what a Function subclass returns is checked`, () => {
    const returning = (gx: unknown, inputs = 1) => {
      class Bad extends Function {
        override forward(...xs: np.NDArray[]): np.NDArray {
          return xs[0];
        }
        override backward(): np.NDArray {
          return js(gx);
        }
      }
      const args = Array.from({ length: inputs }, () => v(1.0));
      return () => js(new Bad()).call(...args).backward();
    };
    assert.throws(returning(null), {
      name: "TypeError",
      message: /Bad\.backward\(\) returned null/,
    });
    assert.throws(returning([null]), {
      name: "TypeError",
      message: /Bad\.backward\(\) returned null for input 1 of 1/,
    });
    // A gradient of the core's kind: an NDArray in the simple core, a Variable in the full one.
    const one = name === "core" ? v(1.0) : np.array(1.0);
    assert.throws(returning([one, undefined], 2), {
      name: "TypeError",
      message: /returned undefined for input 2 of 2/,
    });
    assert.throws(returning(6), {
      name: "TypeError",
      message: /returned a number \(6\).*np\.array\(6\)/,
    });
    assert.throws(returning(undefined), {
      name: "TypeError",
      message: /Bad\.backward\(\) returned undefined/,
    });
    assert.throws(returning([one], 2), {
      name: "TypeError",
      message: /returned 1 gradient\(s\) for 2 input\(s\)/,
    });

    class Five extends Function {
      override forward(): np.NDArray {
        return js(5);
      }
    }
    assert.throws(() => new Five().call(v(1.0)), {
      name: "TypeError",
      message: /Five\.forward\(\) returned a number \(5\).*np\.array\(5\)/,
    });
    assert.throws(() => js(new Add()).call(v(1.0), v(2.0), v(3.0)), {
      name: "TypeError",
      message: /Add\.forward\(\) takes 2 inputs, got 3/,
    });
  });

  Deno.test(`${name}: a gradient set by hand is checked`, () => {
    const x = v(2.0);
    const y = x.mul(x);
    js(y).grad = 1;
    assert.throws(() => y.backward(), { name: "TypeError", message: /grad/ });
    js(y).grad = null;
    y.backward();
    assert.equal(gradOf(x).item(), 4);
  });

  Deno.test(`${name}: pow's exponent must be a number`, () => {
    const x = v([1.5, 2.0]);
    assert.throws(() => x.pow(js("2")), {
      name: "TypeError",
      message: /pow's exponent must be a number .*the string "2": write x\.pow\(2\)/,
    });
    assert.throws(() => x.pow(js(np.array([2, 3]))), {
      name: "TypeError",
      message: /an array of exponents is not supported/,
    });
    const y = x.pow(3);
    y.backward();
    const [expected] = numericalGrads((a) => a.pow(3), [x.data!]);
    assert.ok(np.allclose(gradOf(x), expected), String(gradOf(x)));
  });
}

Deno.test("NDArrays refuse JavaScript arithmetic; strings keep the printed form", () => {
  const a = np.array([0.5, 1.0]);
  assert.throws(() => 2 * js(a), { name: "TypeError", message: /a\.mul\(b\)/ });
  assert.throws(() => js(np.array(2.0)) + 0.0001, { name: "TypeError", message: /item\(\)/ });
  assert.equal(`${a}`, "[0.5 1. ]");
});

Deno.test("node:assert compares NDArrays by shape, dtype and values; JSON gives lists", () => {
  assert.throws(() => assert.deepEqual(np.array([1, 2]), np.array([3, 4])), assert.AssertionError);
  assert.throws(() => assert.deepStrictEqual(np.array([1, 2]), np.array([[1, 2]])));
  assert.throws(() => assert.deepStrictEqual(np.array([1, 2], "int64"), np.array([1, 2])));
  assert.deepStrictEqual(np.array([1, 2]), np.array([1, 2]));
  assert.deepStrictEqual(new simple.Variable(np.array(2.0)), new simple.Variable(np.array(2.0)));
  assert.throws(() =>
    assert.deepStrictEqual(new simple.Variable(np.array(2.0)), new simple.Variable(np.array(3.0)))
  );
  assert.equal(JSON.stringify(np.array([[1, 2], [3, 4]])), "[[1,2],[3,4]]");
  assert.equal(JSON.stringify({ x: np.array(2.5) }), '{"x":2.5}');
});

Deno.test("the NDArray constructor and shapes check what plain JavaScript passes", () => {
  assert.throws(() => new np.NDArray([], "int64", 1.5), { name: "TypeError" });
  assert.throws(() => np.zeros(js([Symbol("n")])), { name: "TypeError" });
});

const tempDir = await systemTempDir();
await testWith(
  "two copies of the package are told apart with an error that says so",
  [
    READ_REPO,
    [{ name: "write", path: tempDir }, `--allow-write=${tempDir}`],
    [{ name: "read", path: tempDir }, `--allow-read=${tempDir}`],
  ],
  async () => {
    const dir = await Deno.makeTempDir({ prefix: "dezero_copy_" });
    try {
      // A copied folder, as a learner might make: every file of the package, read and written.
      const copy = async (from: URL, to: string) => {
        await Deno.mkdir(to);
        for await (const entry of Deno.readDir(from)) {
          if (entry.isDirectory) await copy(new URL(`${entry.name}/`, from), `${to}/${entry.name}`);
          else await Deno.copyFile(new URL(entry.name, from), `${to}/${entry.name}`);
        }
      };
      await copy(new URL("../dezero/", import.meta.url), `${dir}/dezero`);
      const other: typeof simple = await import(`file://${dir}/dezero/mod.ts`);
      assert.notEqual(other.Variable, simple.Variable);
      const message = /another copy of the dezero package/;
      assert.throws(() => new simple.Variable(other.np.array(1.0)), { message });
      assert.throws(() => simple.add(new other.Variable(other.np.array(1.0)), 1), { message });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test("steps 20-22's Variables refuse JavaScript's operators too; strings still print", () => {
  for (const [n, step] of [[20, step20], [21, step21], [22, step22]] as const) {
    const x = new step.Variable(np.array(2.0));
    assert.throws(
      () => 2 * js(x),
      { name: "TypeError", message: /write x\.mul\(y\)/ },
      `step ${n}`,
    );
    assert.equal(`${x}`, "variable(2.0)");
  }
});

Deno.test("reading a 0-d array (item, toArray, JSON, printing) leaves it equal to a fresh one", () => {
  const a = np.array(2.0).mul(1);
  assert.equal(a.item(), 2);
  assert.equal(a.toArray(), 2);
  assert.equal(JSON.stringify(a), "2");
  assert.equal(String(a), "2.0");
  assert.deepStrictEqual(a, np.array(2.0));
  assert.throws(() => assert.deepStrictEqual(a, np.array(3.0)));
});

Deno.test("JSON.stringify of a Variable writes its data, not the graph behind it", () => {
  for (const [name, dz] of cores) {
    const x = new dz.Variable(np.array([1, 2]));
    const y = x.mul(x); // has a creator, whose outputs point back at y: a cycle
    y.backward();
    assert.equal(JSON.stringify({ x, y }), '{"x":[1,2],"y":[1,4]}', name);
    assert.equal(JSON.stringify(new dz.Variable(null)), "null", name);
  }
});
