/**
 * The optimizers and hooks of stage 4 (`optimizers.ts`) against the book's own optimizers.py:
 * tools/gen_stage4_optimizers.py runs the book's code on the same parameters and hand-set
 * gradients for three updates, in float64 and float32, and stores each parameter after each
 * update (tests/fixtures/stage4_optimizers.json).
 */
import assert from "node:assert/strict";
import { Layer, np, optimizers, Parameter, Variable } from "../dezero/full.ts";
import fixtureJson from "./fixtures/stage4_optimizers.json" with { type: "json" };

interface Case {
  dtype: "float64" | "float32";
  optimizer: "SGD" | "MomentumSGD" | "AdaGrad" | "AdaDelta" | "Adam";
  args: number[];
  hooks: [string, number | string][];
  after: Record<"a" | "b", number[]>[];
}

interface Fixture {
  init: Record<"a" | "b", { shape: number[]; data: number[] }>;
  grads: Record<"a" | "b", number[]>[];
  cases: Case[];
}

const fixture = fixtureJson as unknown as Fixture;

class Inner extends Layer {
  b: Parameter;
  constructor(b: Parameter) {
    super();
    this.b = b;
  }
}

class Target extends Layer {
  a: Parameter;
  inner: Inner;
  constructor(a: Parameter, b: Parameter) {
    super();
    this.a = a;
    this.inner = new Inner(b);
  }
}

function arrayOf(values: number[], key: "a" | "b", dtype: np.DType): np.NDArray {
  return np.array(values).reshape(fixture.init[key].shape).astype(dtype);
}

function makeOptimizer(c: Case): optimizers.Optimizer {
  const a = c.args;
  switch (c.optimizer) {
    case "SGD":
      return new optimizers.SGD(...a);
    case "MomentumSGD":
      return new optimizers.MomentumSGD(...a);
    case "AdaGrad":
      return new optimizers.AdaGrad(...a);
    case "AdaDelta":
      return new optimizers.AdaDelta(...a);
    case "Adam":
      return new optimizers.Adam(...a);
  }
}

function describeCase(c: Case): string {
  const hooks = c.hooks.map(([h, v]) => ` + ${h}(${v})`).join("");
  return `${c.optimizer}(${c.args.join(", ")})${hooks}, ${c.dtype}`;
}

for (const c of fixture.cases) {
  Deno.test(`optimizers: ${describeCase(c)}, three updates as the book's`, () => {
    const a = new Parameter(arrayOf(fixture.init.a.data, "a", c.dtype));
    const b = new Parameter(arrayOf(fixture.init.b.data, "b", c.dtype));
    const target = new Target(a, b);
    const optimizer = makeOptimizer(c).setup(target);
    for (const [hook, arg] of c.hooks) {
      if (hook === "WeightDecay") optimizer.addHook(new optimizers.WeightDecay(arg as number));
      else if (hook === "ClipGrad") optimizer.addHook(new optimizers.ClipGrad(arg as number));
      else optimizer.addHook(new optimizers.FreezeParam(arg === "a" ? target.a : target.inner));
    }
    for (const [step, grads] of fixture.grads.entries()) {
      a.grad = new Variable(arrayOf(grads.a, "a", c.dtype));
      b.grad = new Variable(arrayOf(grads.b, "b", c.dtype));
      optimizer.update();
      for (const [key, p] of [["a", a], ["b", b]] as const) {
        assert.equal(p.dtype, c.dtype);
        assert.deepEqual(
          [...p.data!.data],
          c.after[step][key],
          `${key} after update ${step + 1}`,
        );
      }
    }
  });
}

Deno.test("optimizers: the fixture covers every optimizer and hook, in both dtypes", () => {
  const names = new Set(fixture.cases.map((c) => `${c.optimizer} ${c.dtype}`));
  const hooks = new Set(fixture.cases.flatMap((c) => c.hooks.map(([h]) => `${h} ${c.dtype}`)));
  for (const dtype of ["float64", "float32"]) {
    for (const o of ["SGD", "MomentumSGD", "AdaGrad", "AdaDelta", "Adam"]) {
      assert.ok(names.has(`${o} ${dtype}`), `${o} ${dtype}`);
    }
    for (const h of ["WeightDecay", "ClipGrad", "FreezeParam"]) {
      assert.ok(hooks.has(`${h} ${dtype}`), `${h} ${dtype}`);
    }
  }
});
