/**
 * dezero/core.ts, the full core (through its entry, dezero/full.ts): gradients are Variables,
 * `createGraph` decides whether they get a graph, recording is restored after `backward`,
 * `retainGrad`, accumulation; and against the simple core (dezero/mod.ts): the same numbers, bit
 * for bit, where both apply, the same backward order, and the same errors for bad input.
 */
import assert from "node:assert/strict";
import * as full from "../dezero/full.ts";
import * as simple from "../dezero/mod.ts";
import { checkVariableProperties } from "./_variable_checks.ts";
import { Config, F, Function, noGrad, np, usingConfig, Variable } from "../dezero/full.ts";

const v = (value: np.ArrayInput) => new Variable(np.array(value));
// A call, so that asserting `grad` is null does not narrow its type for the later assertions.
const gradOf = (x: Variable) => x.grad;

Deno.test("Variable properties, toString and console output", () => {
  checkVariableProperties(Variable);
});

Deno.test("grad is a Variable; backward() on a leaf seeds it with ones", () => {
  const x = v([[1, 2], [3, 4]]);
  x.backward();
  assert.ok(x.grad instanceof Variable);
  assert.equal(x.grad.toString(), "variable([[1. 1.]\n          [1. 1.]])");
  const y = v(3).mul(v(4));
  y.backward({ retainGrad: true });
  assert.ok(y.grad instanceof Variable);
  assert.equal(y.grad.data?.item(), 1);
});

Deno.test("createGraph: false leaves the gradient without a creator, true gives it one", () => {
  for (const createGraph of [false, true]) {
    const x = v(3);
    const y = F.sin(x.mul(x)); // dy/dx = 2x cos(x²)
    y.backward({ createGraph });
    const gx = x.grad!;
    assert.equal(gx.data?.item(), 2 * 3 * Math.cos(9));
    if (createGraph) {
      assert.ok(gx.creator instanceof Function, "createGraph: true");
      assert.ok(gx.generation > 0);
    } else {
      assert.equal(gx.creator, null, "createGraph: false");
      assert.equal(gx.generation, 0);
    }
  }
});

Deno.test("backward records with Config.enableBackprop = createGraph and restores it", () => {
  // A function that notes the setting its backward runs under.
  const seen: boolean[] = [];
  class Probe extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x.mul(2);
    }
    override backward(gy: Variable): Variable {
      seen.push(Config.enableBackprop);
      return gy.mul(2);
    }
  }
  for (const before of [true, false]) {
    for (const createGraph of [false, true]) {
      const x = v(1);
      const y = new Probe().call(x); // recorded even under noGrad below: built first
      seen.length = 0;
      {
        using _ = usingConfig("enableBackprop", before);
        y.backward({ createGraph });
        assert.equal(Config.enableBackprop, before, `before ${before}, createGraph ${createGraph}`);
      }
      assert.deepEqual(seen, [createGraph]);
      assert.equal(x.grad?.data?.item(), 2);
    }
  }
  assert.equal(Config.enableBackprop, true);
});

Deno.test("recording is restored after backward also when a backward throws", () => {
  class Broken extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x;
    }
    override backward(): Variable {
      throw new Error("broken backward");
    }
  }
  for (const createGraph of [false, true]) {
    const y = new Broken().call(v(1)).mul(3);
    assert.throws(() => y.backward({ createGraph }), /broken backward/);
    assert.equal(Config.enableBackprop, true, `createGraph ${createGraph}`);
  }
  const y = new Broken().call(v(1));
  {
    using _ = noGrad();
    assert.throws(() => y.backward({ createGraph: true }), /broken backward/);
    assert.equal(Config.enableBackprop, false);
  }
  assert.equal(Config.enableBackprop, true);
});

Deno.test("one Config for both cores: the simple core's noGrad also stops the full core", () => {
  assert.equal(simple.Config, Config);
  {
    using _ = simple.noGrad();
    assert.equal(v(2).mul(3).creator, null);
  }
  {
    using _ = noGrad();
    assert.equal(new simple.Variable(np.array(2)).mul(3).creator, null);
  }
  assert.notEqual(v(2).mul(3).creator, null);
});

Deno.test("retainGrad keeps intermediate gradients (Variables), the default frees them", () => {
  const x = v(2);
  const a = x.mul(x);
  const y = F.exp(a).add(a); // a DAG: a feeds both terms
  y.backward();
  assert.equal(gradOf(a), null);
  assert.equal(gradOf(y), null);
  const want = 2 * 2 * (Math.exp(4) + 1);
  assert.equal(x.grad?.data?.item(), want);
  x.cleargrad();
  y.backward({ retainGrad: true });
  assert.ok(y.grad instanceof Variable && a.grad instanceof Variable);
  assert.equal(y.grad.data?.item(), 1);
  assert.equal(a.grad.data?.item(), Math.exp(4) + 1);
  assert.equal(x.grad?.data?.item(), want);
});

Deno.test("gradients accumulate over uses and backward calls until cleargrad, never in place", () => {
  const x = v(3);
  const y = x.add(x);
  y.backward({ retainGrad: true });
  assert.equal(x.grad?.data?.item(), 2);
  // x's first gradient is y's very Variable: adding in place would have made y's 2.
  assert.equal(y.grad?.data?.item(), 1);
  const first = x.grad!;
  y.backward();
  assert.equal(x.grad?.data?.item(), 4);
  assert.notEqual(x.grad, first); // a new Variable
  assert.equal(first.data?.item(), 2);
  x.cleargrad();
  y.backward();
  assert.equal(x.grad?.data?.item(), 2);

  // With createGraph, the accumulation itself is recorded: d/dx of (dy/dx) where y = x·x + x·x.
  const u = v(5);
  const m = u.mul(u);
  m.add(m).backward({ createGraph: true });
  const gu = u.grad!; // 4u, summed from two paths
  assert.equal(gu.data?.item(), 20);
  u.cleargrad();
  gu.backward();
  assert.equal(u.grad?.data?.item(), 4);
});

Deno.test("an unused output of a multi-output function contributes zero gradient", () => {
  class Split extends Function {
    override forward(x: np.NDArray): np.NDArray[] {
      return [x.mul(2), x.mul(3)];
    }
    override backward(g0: Variable, g1: Variable): Variable {
      return g0.mul(2).add(g1.mul(3));
    }
  }
  const x = v(1);
  const [a, b] = new Split().call(x);
  assert.equal(b.data?.item(), 3);
  a.backward();
  assert.equal(x.grad?.data?.item(), 2);
});

Deno.test("a backward returning arrays instead of Variables (stage 2's style) is reported", () => {
  class Stage2Style extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x.mul(2);
    }
    override backward(gy: Variable): Variable {
      return gy.data!.mul(2) as unknown as Variable;
    }
  }
  const y = new Stage2Style().call(v(1));
  assert.throws(() => y.backward(), {
    name: "TypeError",
    message:
      /^Stage2Style\.backward\(\) returned an object \(NDArray\): .*in the full core gradients are Variables: compute them with Variables' methods, e\.g\. gy\.mul\(x\)$/,
  });
});

Deno.test("a chain of 100,000 functions backpropagates without a stack overflow", () => {
  const x = v(1);
  let y = x;
  for (let i = 0; i < 100_000; i++) y = y.neg();
  y.backward();
  assert.equal(x.grad?.data?.item(), 1);
});

// ---------------------------------------------------------------------------------------------
// Against the simple core

/** The bits of an array's elements, so that -0 and 0, or two NaNs, are told apart or matched. */
function bits(a: np.NDArray): string {
  return Array.from(new BigUint64Array(Float64Array.from(a.data).buffer), (b) => b.toString(16))
    .join(",");
}

Deno.test("both cores give the same bits: Goldstein-Price's gradients at several points", () => {
  const points = [[1, 1], [0, -1], [-0.3, 0.7], [1.5, -2.25], [0.1, 0.2]];
  for (const [px, py] of points) {
    const sx = new simple.Variable(np.array(px));
    const sy = new simple.Variable(np.array(py));
    const sz = simple.expr`(1 + (${sx} + ${sy} + 1) ** 2 * (19 - 14 * ${sx} + 3 * ${sx} ** 2
      - 14 * ${sy} + 6 * ${sx} * ${sy} + 3 * ${sy} ** 2)) * (30 + (2 * ${sx} - 3 * ${sy}) ** 2
      * (18 - 32 * ${sx} + 12 * ${sx} ** 2 + 48 * ${sy} - 36 * ${sx} * ${sy} + 27 * ${sy} ** 2))`;
    sz.backward();
    const fx = new Variable(np.array(px));
    const fy = new Variable(np.array(py));
    const fz = full.expr`(1 + (${fx} + ${fy} + 1) ** 2 * (19 - 14 * ${fx} + 3 * ${fx} ** 2
      - 14 * ${fy} + 6 * ${fx} * ${fy} + 3 * ${fy} ** 2)) * (30 + (2 * ${fx} - 3 * ${fy}) ** 2
      * (18 - 32 * ${fx} + 12 * ${fx} ** 2 + 48 * ${fy} - 36 * ${fx} * ${fy} + 27 * ${fy} ** 2))`;
    fz.backward();
    const at = `at (${px}, ${py})`;
    assert.equal(bits(fz.data!), bits(sz.data!), at);
    assert.equal(bits(fx.grad!.data!), bits(sx.grad!), at);
    assert.equal(bits(fy.grad!.data!), bits(sy.grad!), at);
  }
  // The book's values at (1, 1) (step 24).
  const x = new Variable(np.array(1.0));
  const y = new Variable(np.array(1.0));
  full.expr`(1 + (${x} + ${y} + 1) ** 2 * (19 - 14 * ${x} + 3 * ${x} ** 2 - 14 * ${y}
    + 6 * ${x} * ${y} + 3 * ${y} ** 2)) * (30 + (2 * ${x} - 3 * ${y}) ** 2 * (18 - 32 * ${x}
    + 12 * ${x} ** 2 + 48 * ${y} - 36 * ${x} * ${y} + 27 * ${y} ** 2))`.backward();
  assert.equal(`${x.grad} ${y.grad}`, "variable(-5376.0) variable(8064.0)");
});

/** The operations both cores' Variables have, for one function written for either. */
interface Arith<T> {
  add(o: T | number): T;
  radd(o: T | number): T;
  sub(o: T | number): T;
  mul(o: T | number): T;
  div(o: T | number): T;
  rdiv(o: T | number): T;
  rsub(o: T | number): T;
  neg(): T;
  pow(c: number): T;
}

/** A DAG: shared intermediates feeding several later nodes, on arrays. */
function dag<T extends Arith<T>>(x: T, y: T): T {
  const a = x.mul(y);
  const b = a.add(x).div(y.pow(2).radd(1));
  const c = a.sub(b).mul(b).rsub(2);
  return c.mul(a).add(b.pow(3)).sub(x.div(c)).add(a.neg().rdiv(5));
}

Deno.test("both cores give the same bits on a DAG of arrays", () => {
  const xs = np.array([[0.5, -1.25, 2], [3, -0.75, 0.1]]);
  const ys = np.array([[1.5, 0.25, -2], [0.3, 4, -0.6]]);
  const sx = new simple.Variable(xs);
  const sy = new simple.Variable(ys);
  const sz = dag(sx, sy);
  sz.backward();
  const fx = new Variable(xs);
  const fy = new Variable(ys);
  const fz = dag(fx, fy);
  fz.backward();
  assert.equal(bits(fz.data!), bits(sz.data!));
  assert.equal(bits(fx.grad!.data!), bits(sx.grad!));
  assert.equal(bits(fy.grad!.data!), bits(sy.grad!));
  // And the gradient is right: against central differences of the same function.
  const h = 1e-6;
  const f = (dx: number) => dag(new Variable(xs.add(dx)), new Variable(ys)).data!;
  assert.ok(np.allclose(fx.grad!.data!, f(h).sub(f(-h)).div(2 * h), 1e-6, 1e-6));
});

Deno.test("both cores run backward's functions in the same order (one heap), ties included", () => {
  // The same random DAG in each core, with functions that log their index when their backward
  // runs; many equal generations make ties.
  const logs: number[][] = [[], []];
  const classes = [
    class extends simple.Function {
      index = 0;
      override forward(...xs: np.NDArray[]): np.NDArray {
        return xs.reduce((p, q) => p.add(q));
      }
      override backward(gy: np.NDArray): np.NDArray[] {
        logs[0].push(this.index);
        return this.inputs.map(() => gy);
      }
    },
    class extends Function {
      index = 0;
      override forward(...xs: np.NDArray[]): np.NDArray {
        return xs.reduce((p, q) => p.add(q));
      }
      override backward(gy: Variable): Variable[] {
        logs[1].push(this.index);
        return this.inputs.map(() => gy);
      }
    },
  ] as const;
  for (let trial = 0; trial < 20; trial++) {
    for (const core of [0, 1] as const) {
      let seed = 777 + trial;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const nodes: (simple.Variable | Variable)[] = core === 0
        ? [1, 2, 3].map((n) => new simple.Variable(np.array(n)))
        : [1, 2, 3].map((n) => new Variable(np.array(n)));
      for (let i = 0; i <= 40; i++) {
        const k = i === 40 ? 6 : 1 + random(3);
        const args = i === 40
          ? nodes.slice(-6)
          : Array.from({ length: k }, () => nodes[random(nodes.length)]);
        const f = new classes[core]();
        f.index = i;
        // Each core's call takes only its own Variables, which these are.
        const call = f.call.bind(f) as (...a: unknown[]) => simple.Variable | Variable;
        nodes.push(call(...args));
      }
      logs[core].length = 0;
      nodes[nodes.length - 1].backward();
    }
    assert.ok(logs[0].length > 10, `trial ${trial}: ${logs[0].length} functions ran`);
    assert.deepEqual(logs[1], logs[0], `trial ${trial}`);
  }
});

/** What a thunk throws: its class and message (or that it returned). */
function thrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : `non-Error ${String(e)}`;
  }
  return "no error";
}

Deno.test("bad input: the full core throws what the simple core throws", () => {
  // Each case is written once, for a core given as its module; the two cores' answers must be the
  // same error (and an error: no case may pass silently).
  type Core = typeof simple;
  const asCore = (m: unknown) => m as Core;
  const cases: Record<string, (c: Core) => unknown> = {
    "Variable(1.0)": (c) => new c.Variable(1.0 as unknown as np.NDArray),
    'Variable("1")': (c) => new c.Variable("1" as unknown as np.NDArray),
    "Variable(true)": (c) => new c.Variable(true as unknown as np.NDArray),
    "Variable(undefined)": (c) => new c.Variable(undefined as unknown as np.NDArray),
    "Variable([1, 2])": (c) => new c.Variable([1, 2] as unknown as np.NDArray),
    "Variable({})": (c) => new c.Variable({} as unknown as np.NDArray),
    "Variable(Float64Array)": (c) => new c.Variable(new Float64Array(1) as unknown as np.NDArray),
    "Variable(null).shape": (c) => new c.Variable(null).shape,
    "Variable(null).length": (c) => new c.Variable(null).length,
    "add(Variable(null), 1)": (c) => c.add(new c.Variable(null), 1),
    "x.mul(Variable(null))": (c) => new c.Variable(np.array(1)).mul(new c.Variable(null)),
    'x.add("3")': (c) => new c.Variable(np.array(1)).add("3" as unknown as number),
    "x.sub([1])": (c) => new c.Variable(np.array(1)).sub([1] as unknown as number),
    "x.div(undefined)": (c) => new c.Variable(np.array(1)).div(undefined as unknown as number),
    'x.pow("2")': (c) => new c.Variable(np.array(1)).pow("2" as unknown as number),
    "x.neg() of Variable(null)": (c) => new c.Variable(null).neg(),
    "Function().call(x)": (c) => new c.Function().call(new c.Variable(np.array(1))),
    "a Function without backward": (c) => {
      class OnlyForward extends c.Function {
        override forward(x: np.NDArray): np.NDArray {
          return x;
        }
      }
      (new OnlyForward().call(new c.Variable(np.array(1))) as simple.Variable).backward();
    },
    "a backward with too few gradients": (c) => {
      class Bad extends c.Function {
        override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
          return x0.add(x1);
        }
        override backward(gy: np.NDArray): np.NDArray {
          return gy;
        }
      }
      const y = new Bad().call(new c.Variable(np.array(1)), new c.Variable(np.array(2)));
      (y as simple.Variable).backward();
    },
    "expr with a string": (c) => c.expr`1 + ${"x" as unknown as number}`,
    "expr with a syntax error": (c) => c.expr`(1 + ${2}`,
    "expr with a Variable exponent": (c) => {
      const x = new c.Variable(np.array(2));
      return c.expr`${x} ** ${x}`;
    },
  };
  for (const [name, f] of Object.entries(cases)) {
    const fromSimple = thrown(() => f(simple));
    assert.notEqual(fromSimple, "no error", name);
    assert.equal(thrown(() => f(asCore(full))), fromSimple, name);
  }
  // The wording of the main ones, as the stage-2 package words them.
  assert.equal(
    thrown(cases["Variable(1.0)"].bind(null, asCore(full))),
    "TypeError: number is not supported",
  );
  assert.equal(
    thrown(cases["add(Variable(null), 1)"].bind(null, asCore(full))),
    "TypeError: Add needs inputs with data, not Variable(null)",
  );
  assert.equal(
    thrown(cases["a backward with too few gradients"].bind(null, asCore(full))),
    "TypeError: Bad.backward() returned 1 gradient(s) for 2 input(s)",
  );
});

Deno.test("a Variable of the other core is refused as an operand, either way", () => {
  const s = new simple.Variable(np.array(1));
  const f = new Variable(np.array(1));
  const message = /^a Variable of the simple core \(dezero\/mod\.ts.*cannot be mixed/;
  assert.throws(() => f.add(s as unknown as Variable), { name: "TypeError", message });
  assert.throws(() => s.add(f as unknown as simple.Variable), { name: "TypeError", message });
});
