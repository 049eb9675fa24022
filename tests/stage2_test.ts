/**
 * Stage 2 (steps 11–22). Most tests use step 22, the last and fullest snapshot: every function's
 * gradient against numerical differentiation and against values worked out by hand, gradient
 * accumulation. Every earlier step's classes are tested too, each where its own lesson is: lists
 * in and out (11), separate arguments and several outputs (12), backward through several inputs
 * (13), step 14's in-place pitfall, generation order on DAGs (16 to 19, against step 14's order,
 * which gets the same graph wrong), step 17's memory, `retainGrad` and `noGrad`/`usingConfig`
 * (18 to 22), the Variable's properties (19 to 22), the operator methods (20 to 22) and operands
 * that are not Variables (21, 22).
 *
 * Gradients are right when the variable has the output's shape, or both are 0-d: the book's
 * `core_simple` has no `sum_to`, so a variable broadcast against a bigger operand gets a grad of
 * the bigger shape (that arrives in the book's stage 3). A broadcast constant is fine, since it
 * gets no grad, and is tested.
 */
import assert from "node:assert/strict";
import * as np from "../dezero/np/mod.ts";
import { numericalGrads } from "./_gradcheck.ts";
import { READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno } from "./_subprocess.ts";
import {
  add,
  div,
  Function as DezeroFunction,
  mul,
  neg,
  type Operand,
  pow,
  rdiv,
  rsub,
  sub,
  Variable,
} from "../steps/step22.ts";
import * as step11 from "../steps/step11.ts";
import * as step12 from "../steps/step12.ts";
import * as step13 from "../steps/step13.ts";
import * as step14 from "../steps/step14.ts";
import * as step16 from "../steps/step16.ts";
import * as step17 from "../steps/step17.ts";
import * as step18 from "../steps/step18.ts";
import * as step19 from "../steps/step19.ts";
import * as step20 from "../steps/step20.ts";
import * as step21 from "../steps/step21.ts";
import * as step22 from "../steps/step22.ts";
import { checkVariableProperties } from "./_variable_checks.ts";

/** Runs `f` on fresh Variables of `xs`, backprops and compares each grad with the numerical one. */
function checkGrads(label: string, f: (...vs: Variable[]) => Variable, xs: np.NDArray[]): void {
  const vs = xs.map((x) => new Variable(x));
  const y = f(...vs);
  y.backward();
  const expected = numericalGrads(
    (...arrays) => f(...arrays.map((a) => new Variable(a))).data!,
    xs,
  );
  for (const [i, v] of vs.entries()) {
    assert.ok(v.grad !== null, `${label}: input ${i} got no grad`);
    assert.deepEqual(v.grad.shape, xs[i].shape, `${label}: shape of the grad of input ${i}`);
    assert.ok(
      np.allclose(v.grad, expected[i], 1e-6, 1e-6),
      `${label}, input ${i}: backprop ${v.grad}, numerical ${expected[i]}`,
    );
  }
}

/** The value of a 0-d grad (failing if there is none). */
function gradOf(v: Variable): number {
  assert.ok(v.grad !== null, "no grad");
  return v.grad.item();
}

// Away from 0, so that division and fractional powers are smooth around every point.
const scalar = () => np.random.rand().add(0.5);
const matrix = () => np.random.rand(2, 3).add(0.5);

Deno.test("gradients of every function match numerical differentiation", async (t) => {
  np.random.seed(22);
  // Each operation between two Variables, both argument orders of the methods.
  const binary: Record<string, (a: Variable, b: Variable) => Variable> = {
    "a.add(b)": (a, b) => a.add(b),
    "a.radd(b)": (a, b) => a.radd(b),
    "a.mul(b)": (a, b) => a.mul(b),
    "a.rmul(b)": (a, b) => a.rmul(b),
    "a.sub(b)": (a, b) => a.sub(b),
    "a.rsub(b)": (a, b) => a.rsub(b),
    "a.div(b)": (a, b) => a.div(b),
    "a.rdiv(b)": (a, b) => a.rdiv(b),
  };
  // Each operation between a Variable and a constant operand.
  const withConstant: Record<string, (x: Variable, c: Operand) => Variable> = {
    "x.add(c)": (x, c) => x.add(c),
    "x.radd(c)": (x, c) => x.radd(c),
    "x.mul(c)": (x, c) => x.mul(c),
    "x.rmul(c)": (x, c) => x.rmul(c),
    "x.sub(c)": (x, c) => x.sub(c),
    "x.rsub(c)": (x, c) => x.rsub(c),
    "x.div(c)": (x, c) => x.div(c),
    "x.rdiv(c)": (x, c) => x.rdiv(c),
    "sub(c, x)": (x, c) => sub(c, x),
    "div(c, x)": (x, c) => div(c, x),
  };
  for (const [name, make] of [["0-d", scalar], ["2x3", matrix]] as const) {
    await t.step(`two Variables, ${name}`, () => {
      for (const [label, f] of Object.entries(binary)) checkGrads(label, f, [make(), make()]);
    });
    await t.step(`a Variable and a number, an NDArray, a broadcast NDArray; ${name}`, () => {
      const constants: Operand[] = [2.5, -1.25, np.array(0.75), make(), np.array([1.5, -2, 3])];
      for (const [label, f] of Object.entries(withConstant)) {
        for (const c of constants) {
          if (name === "0-d" && c instanceof np.NDArray && c.ndim > 0) continue; // would broadcast x
          checkGrads(`${label} with c = ${c}`, (x) => f(x, c), [make()]);
        }
      }
    });
    await t.step(`neg and pow, ${name}`, () => {
      checkGrads("x.neg()", (x) => x.neg(), [make()]);
      checkGrads("neg(x)", (x) => neg(x), [make()]);
      for (const c of [0, 1, 2, 3, -1, 0.5, -2.5]) {
        checkGrads(`x.pow(${c})`, (x) => x.pow(c), [make()]);
        checkGrads(`pow(x, ${c})`, (x) => pow(x, c), [make()]);
      }
    });
    await t.step(`a composite expression, ${name}`, () => {
      checkGrads(
        "-(a * b - 1 / c² + a / (4 - b))",
        (a, b, c) => a.mul(b).sub(c.pow(2).rdiv(1)).add(a.div(b.rsub(4))).neg(),
        [make(), make(), make()],
      );
    });
  }
});

Deno.test("gradients worked out by hand", () => {
  const v = (x: number) => new Variable(np.array(x));

  // y = a * b + c (step 20)
  const [a, b, c] = [v(3), v(2), v(1)];
  const y = a.mul(b).add(c);
  y.backward();
  assert.equal(y.data!.item(), 7);
  assert.deepEqual([gradOf(a), gradOf(b), gradOf(c)], [2, 3, 1]);

  // x0 / x1 at (3, 2): d/dx0 = 1 / x1 = 0.5, d/dx1 = -x0 / x1² = -0.75
  const [x0, x1] = [v(3), v(2)];
  div(x0, x1).backward();
  assert.deepEqual([gradOf(x0), gradOf(x1)], [0.5, -0.75]);

  // The reflected forms at x = 2: 2 - x → -1, 3 / x → -3 / x² = -0.75, x - 1 → 1, x³ → 3x² = 12
  const cases: [(x: Variable) => Variable, number, number][] = [
    [(x) => x.rsub(2), 0, -1],
    [(x) => rsub(x, 2), 0, -1],
    [(x) => x.rdiv(3), 1.5, -0.75],
    [(x) => rdiv(x, 3), 1.5, -0.75],
    [(x) => x.sub(1), 1, 1],
    [(x) => x.pow(3), 8, 12],
    [(x) => x.neg(), -2, -1],
    [(x) => x.rmul(3).add(1), 7, 3],
    [(x) => mul(4, x).radd(np.array(1)), 9, 4],
  ];
  for (const [f, value, grad] of cases) {
    const x = v(2);
    const out = f(x);
    out.backward();
    assert.equal(out.data!.item(), value, String(f));
    assert.equal(gradOf(x), grad, String(f));
  }

  // f(x) = (x - 1)² / (x + 1) at x = 3: f = 1, f' = (2(x-1)(x+1) - (x-1)²) / (x+1)² = 12/16
  const x = v(3);
  const f = x.sub(1).pow(2).div(x.add(1));
  f.backward();
  assert.equal(f.data!.item(), 1);
  assert.equal(gradOf(x), 0.75);

  // Elementwise on an n-d array: d(x²)/dx = 2x
  const m = new Variable(np.array([[1, 2], [3, 4]]));
  m.pow(2).backward();
  assert.deepEqual(m.grad!.toArray(), [[2, 4], [6, 8]]);
});

Deno.test("numbers and NDArrays are accepted as operands in any position", () => {
  const x = new Variable(np.array(2.0));
  for (const y of [add(x, 3), add(3, x), add(np.array(3), x), x.add(np.array(3)), x.radd(3)]) {
    assert.ok(y instanceof Variable);
    assert.equal(y.data!.item(), 5);
  }
  assert.equal(sub(5, x).data!.item(), 3);
  assert.equal(div(np.array(1), x).data!.item(), 0.5);
  assert.throws(() => new Variable(1.0 as unknown as np.NDArray), {
    name: "TypeError",
    message: "number is not supported",
  });
});

Deno.test("a function with two outputs: call returns both, backward combines their grads", () => {
  // y0 = 2x, y1 = 3x; z = y0 * y1 = 6x², dz/dx = 12x
  class Split extends DezeroFunction {
    override forward(x: np.NDArray): [np.NDArray, np.NDArray] {
      return [x.mul(2), x.mul(3)];
    }
    override backward(gy0: np.NDArray, gy1: np.NDArray): np.NDArray {
      return gy0.mul(2).add(gy1.mul(3));
    }
  }
  const x = new Variable(np.array(2.0));
  const [y0, y1] = new Split().call(x);
  const z = y0.mul(y1);
  z.backward();
  assert.equal(z.data!.item(), 24);
  assert.equal(gradOf(x), 24);
});

Deno.test("grads accumulate over uses and backward calls until cleargrad", () => {
  const x = new Variable(np.array(3.0));
  x.add(x).backward();
  assert.equal(gradOf(x), 2);

  // A second computation without cleargrad adds its grad (3) to the first.
  x.add(x).add(x).backward();
  assert.equal(gradOf(x), 5);

  x.cleargrad();
  assert.equal(x.grad, null);
  x.add(x).add(x).backward();
  assert.equal(gradOf(x), 3);

  // The step 14 snapshot, where accumulation is introduced, agrees.
  const x14 = new step14.Variable(np.array(3.0));
  step14.add(step14.add(x14, x14), x14).backward();
  assert.equal(x14.grad!.item(), 3);
});

Deno.test("step 14 (appendix A): accumulating in place corrupts another variable's grad", () => {
  for (const data of [np.array(3.0), np.array([1, 2, 3])]) {
    // Right: x.grad = x.grad.add(gx) makes a new array; y's grad stays ones.
    const x = new step14.Variable(data);
    const y = step14.add(x, x);
    y.backward();
    assert.ok(np.allclose(y.grad!, np.onesLike(data)));
    assert.ok(np.allclose(x.grad!, np.full(data.shape, 2)));
    assert.notEqual(x.grad, y.grad);

    // Wrong: x.grad starts as y.grad itself (Add passes gy on), so adding into its storage adds
    // into y.grad too.
    const xw = new step14.Variable(data);
    const yw = step14.add(xw, xw);
    step14.backwardInPlace(yw);
    assert.equal(xw.grad, yw.grad);
    assert.ok(np.allclose(yw.grad!, np.full(data.shape, 2)), `y.grad became ${yw.grad}`);
  }
});

Deno.test("step 11: Add takes a list of Variables and returns a list, linked to itself", () => {
  const x0 = new step11.Variable(np.array([1, 2]));
  const x1 = new step11.Variable(np.array([10, 20]));
  const f = new step11.Add();
  const ys = f.call([x0, x1]);
  assert.equal(ys.length, 1);
  assert.deepEqual(ys[0].data!.toArray(), [11, 22]);
  assert.equal(ys[0].creator, f);
  assert.deepEqual(f.inputs, [x0, x1]);
  assert.deepEqual(f.outputs, ys);
  assert.throws(() => f.call([x0, new step11.Variable(null)]), {
    message: "Add needs inputs with data, not Variable(null)",
  });
  assert.throws(() => new step11.Function().call([x0]), {
    message: "Function.forward() is not implemented",
  });
});

Deno.test("step 12: separate arguments in, one Variable out, or a list for several outputs", () => {
  const x0 = new step12.Variable(np.array(2, "int64"));
  const x1 = new step12.Variable(np.array(3, "int64"));
  const f = new step12.Add();
  const y = f.call(x0, x1);
  assert.ok(y instanceof step12.Variable);
  assert.equal(y.data!.item(), 5);
  assert.equal(y.creator, f);
  assert.deepEqual(f.inputs, [x0, x1]);
  assert.equal(step12.add(x0, x1).data!.item(), 5);

  // Two outputs: x0 + x1 and x0 - x1, as a list.
  class SumDiff extends step12.Function {
    override forward(a: np.NDArray, b: np.NDArray): np.NDArray[] {
      return [a.add(b), a.sub(b)];
    }
  }
  const g = new SumDiff();
  const [s, d] = g.call(x0, x1);
  assert.deepEqual([s.data!.item(), d.data!.item()], [5, -1]);
  assert.deepEqual(g.outputs, [s, d]);
  assert.equal(d.creator, g);
});

/** A Variable that can backpropagate, as in steps 13 and later. */
interface BackpropVariable {
  data: np.NDArray | null;
  grad: np.NDArray | null;
  generation?: number;
  backward(): void;
}

/**
 * What steps 13 and 16 to 19 have for backprop: their Variable, `add` and `square`. (`NoInfer`:
 * `V` is the step's Variable class, not whatever its functions accept.)
 */
interface BackpropStep<V extends BackpropVariable> {
  Variable: new (data: np.NDArray) => V;
  add(x0: NoInfer<V>, x1: NoInfer<V>): NoInfer<V>;
  square(x: NoInfer<V>): NoInfer<V>;
}

/** z = x² + y², a function of two inputs, by hand and against numerical differentiation. */
function checkTwoInputs<V extends BackpropVariable>(step: BackpropStep<V>): void {
  const x = new step.Variable(np.array(2.0));
  const y = new step.Variable(np.array(3.0));
  const z = step.add(step.square(x), step.square(y));
  z.backward();
  assert.equal(z.data!.item(), 13); // the book's 13.0, 4.0 and 6.0
  assert.deepEqual([x.grad!.item(), y.grad!.item()], [4, 6]);

  np.random.seed(13);
  const a = np.random.randn(2, 3);
  const b = np.random.randn(2, 3);
  const f = (a: V, b: V) => step.add(step.square(a), step.square(b));
  const [va, vb] = [new step.Variable(a), new step.Variable(b)];
  f(va, vb).backward();
  const expected = numericalGrads(
    (a, b) => f(new step.Variable(a), new step.Variable(b)).data!,
    [a, b],
  );
  assert.ok(np.allclose(va.grad!, expected[0]), `${va.grad} vs numerical ${expected[0]}`);
  assert.ok(np.allclose(vb.grad!, expected[1]), `${vb.grad} vs numerical ${expected[1]}`);
}

/**
 * Two DAGs whose right order matters. y = a² + a² with a = x²: 2x⁴, dy/dx = 8x³ = 64 at x = 2
 * (the book's step 16). y = ((x²)²)² + x², where the later input, x², has the lower generation:
 * dy/dx = 8x⁷ + 2x = 1028 at x = 2.
 */
function checkGenerations<V extends BackpropVariable>(step: BackpropStep<V>): void {
  const x = new step.Variable(np.array(2.0));
  const a = step.square(x);
  const y = step.add(step.square(a), step.square(a));
  y.backward();
  assert.equal(y.data!.item(), 32);
  assert.equal(x.grad!.item(), 64);
  assert.deepEqual([x.generation, a.generation, y.generation], [0, 1, 3]);

  const xs = new step.Variable(np.array(2.0));
  const s1 = step.square(xs);
  const s3 = step.square(step.square(s1));
  const ys = step.add(s3, s1);
  assert.ok(s3.generation! > s1.generation!);
  ys.backward();
  assert.equal(xs.grad!.item(), 1028);
}

Deno.test("steps 13, 16 to 19: backward through a function of two inputs", () => {
  checkTwoInputs(step13);
  checkTwoInputs(step16);
  checkTwoInputs(step17);
  checkTwoInputs(step18);
  checkTwoInputs(step19);
});

Deno.test("steps 16 to 19 follow generations where step 14's depth-first order does not", () => {
  checkGenerations(step16);
  checkGenerations(step17);
  checkGenerations(step18);
  checkGenerations(step19);

  // Step 14 runs a's creator before both uses of a have sent their grads, and twice: 96.
  const x14 = new step14.Variable(np.array(2.0));
  const a14 = new Square14().call(x14);
  step14.add(new Square14().call(a14), new Square14().call(a14)).backward();
  assert.equal(x14.grad!.item(), 96);

  // The same with step 22's functions.
  const x22 = new Variable(np.array(2.0));
  const a22 = x22.pow(2);
  a22.pow(2).add(a22.pow(2)).backward();
  assert.equal(gradOf(x22), 64);
});

/** x² on step 14's classes (step 14 has no Square; the book brings it back in step 16). */
class Square14 extends step14.Function {
  override forward(x: np.NDArray): np.NDArray {
    return x.pow(2);
  }
  override backward(gy: np.NDArray): np.NDArray {
    return this.inputs[0].data!.mul(2).mul(gy);
  }
}

/** A Variable of steps 18 to 22: backward takes `retainGrad`, and it knows its creator. */
interface ConfigVariable extends BackpropVariable {
  creator: unknown;
  generation: number;
  backward(options?: { retainGrad?: boolean }): void;
}

/** What steps 18 to 22 have for the memory-saving modes. */
interface ConfigStep<V extends ConfigVariable> {
  Variable: new (data: np.NDArray) => V;
  add(x0: NoInfer<V>, x1: NoInfer<V>): NoInfer<V>;
  Add: new () => {
    inputs: unknown[];
    outputs: unknown[];
    call(x0: NoInfer<V>, x1: NoInfer<V>): unknown;
  };
  Config: { enableBackprop: boolean };
  noGrad(): Disposable;
  usingConfig(name: "enableBackprop", value: boolean): Disposable;
}

/** The book's x0, x1, t = x0 + x1, y = x0 + t: y and t are intermediate, x0 and x1 leaves. */
function checkRetainGrad<V extends ConfigVariable>(step: ConfigStep<V>): void {
  for (const retainGrad of [false, true]) {
    const x0 = new step.Variable(np.array(1.0));
    const x1 = new step.Variable(np.array(1.0));
    const t = step.add(x0, x1);
    const y = step.add(x0, t);
    y.backward({ retainGrad });
    assert.deepEqual([x0.grad!.item(), x1.grad!.item()], [2, 1]);
    if (retainGrad) {
      assert.deepEqual([y.grad!.item(), t.grad!.item()], [1, 1]);
    } else {
      assert.deepEqual([y.grad, t.grad], [null, null]);
    }
  }
}

/**
 * With backprop off, a function keeps neither its inputs nor its outputs, and its output has no
 * creator: nothing of the graph stays alive. The switches nest and restore the old value, also
 * when the block throws.
 */
function checkNoGrad<V extends ConfigVariable>(step: ConfigStep<V>): void {
  const { Config, noGrad, usingConfig } = step;
  const x = new step.Variable(np.array(2.0));
  const recorded = (): boolean => {
    const f = new step.Add();
    f.call(x, x);
    return f.inputs.length === 2 && f.outputs.length === 1;
  };
  assert.equal(Config.enableBackprop, true);
  assert.ok(recorded());
  {
    using _ = noGrad();
    assert.equal(Config.enableBackprop, false);
    const f = new step.Add();
    const y = f.call(x, x) as V;
    assert.equal(y.data!.item(), 4);
    assert.equal(y.creator, null);
    assert.equal(y.generation, 0);
    assert.deepEqual([f.inputs, f.outputs], [[], []]);
    {
      using _inner = usingConfig("enableBackprop", true);
      assert.ok(recorded());
      {
        using _innermost = usingConfig("enableBackprop", false);
        assert.ok(!recorded());
      }
      assert.ok(recorded());
    }
    assert.equal(Config.enableBackprop, false);
    assert.ok(!recorded());
  }
  assert.equal(Config.enableBackprop, true);
  assert.ok(recorded());

  for (const open of [noGrad, () => usingConfig("enableBackprop", false)]) {
    assert.throws(() => {
      using _ = open();
      assert.equal(Config.enableBackprop, false);
      throw new Error("inside the block");
    }, /inside the block/);
    assert.equal(Config.enableBackprop, true);
  }
}

Deno.test("steps 18 to 22: backward frees intermediate grads unless retainGrad is set", () => {
  checkRetainGrad(step18);
  checkRetainGrad(step19);
  checkRetainGrad(step20);
  checkRetainGrad(step21);
  checkRetainGrad(step22);
});

Deno.test("steps 18 to 22: noGrad and usingConfig switch graph recording off and back", () => {
  checkNoGrad(step18);
  checkNoGrad(step19);
  checkNoGrad(step20);
  checkNoGrad(step21);
  checkNoGrad(step22);
});

Deno.test("steps 19 to 22: Variable properties and printing", () => {
  for (const step of [step19, step20, step21, step22] as const) {
    checkVariableProperties(step.Variable);
    assert.equal(new step.Variable(np.array(1.5), "x").name, "x");
  }
});

/** What steps 20 to 22 have: their Variable with the methods `add` and `mul`. */
interface OperatorVariable extends BackpropVariable {
  add(other: OperatorVariable): OperatorVariable;
  mul(other: OperatorVariable): OperatorVariable;
}

Deno.test("steps 20 to 22: a.mul(b).add(c) is add(mul(a, b), c), by hand and numerically", () => {
  const steps = [step20, step21, step22] as const;
  for (const step of steps) {
    const V = step.Variable as new (data: np.NDArray) => OperatorVariable;
    // y = a * b + c at (3, 2, 1): 7, dy/da = b = 2, dy/db = a = 3, dy/dc = 1 (the book's step 20)
    const [a, b, c] = [new V(np.array(3.0)), new V(np.array(2.0)), new V(np.array(1.0))];
    const y = a.mul(b).add(c);
    y.backward();
    assert.equal(y.data!.item(), 7);
    assert.deepEqual([a.grad!.item(), b.grad!.item(), c.grad!.item()], [2, 3, 1]);

    np.random.seed(20);
    const xs = [np.random.randn(2, 3), np.random.randn(2, 3), np.random.randn(2, 3)];
    const f = (a: OperatorVariable, b: OperatorVariable, c: OperatorVariable) => a.mul(b).add(c);
    const vs = xs.map((x) => new V(x));
    f(vs[0], vs[1], vs[2]).backward();
    const expected = numericalGrads((a, b, c) => f(new V(a), new V(b), new V(c)).data!, xs);
    vs.forEach((v, i) => assert.ok(np.allclose(v.grad!, expected[i]), `input ${i}`));
  }
  // The functions themselves, in step 20 (which has only Variable operands).
  const [a, b] = [new step20.Variable(np.array(3.0)), new step20.Variable(np.array(2.0))];
  const y = step20.add(step20.mul(a, b), a);
  y.backward();
  assert.equal(y.data!.item(), 9);
  assert.deepEqual([a.grad!.item(), b.grad!.item()], [3, 3]); // d/da (ab + a) = b + 1, d/db = a
});

/** A Variable of steps 21 and 22, whose methods take NDArrays and numbers too. */
interface OperandVariable<V> extends BackpropVariable {
  add(other: V | np.NDArray | number): V;
  radd(other: V | np.NDArray | number): V;
  mul(other: V | np.NDArray | number): V;
  rmul(other: V | np.NDArray | number): V;
}

/** What steps 21 and 22 have for operands that are not Variables. */
interface OperandStep<V extends OperandVariable<V>> {
  Variable: new (data: np.NDArray) => V;
  add(x0: NoInfer<V> | np.NDArray | number, x1: NoInfer<V> | np.NDArray | number): NoInfer<V>;
  asArray(x: np.NDArray | number): np.NDArray;
  asVariable(x: NoInfer<V> | np.NDArray | number): NoInfer<V>;
}

function checkOperands<V extends OperandVariable<V>>(step: OperandStep<V>): void {
  const x = new step.Variable(np.array(2.0));
  const sums = [
    x.add(np.array(3.0)),
    x.add(3),
    x.radd(3),
    x.radd(np.array(3.0)),
    step.add(3, x),
    step.add(np.array(3.0), x),
  ];
  for (const y of sums) {
    assert.ok(y instanceof step.Variable);
    assert.equal(y.data!.item(), 5);
  }
  // 3x + 1 at 2: 7, d/dx = 3 (the book's 3.0 * x + 1.0)
  const y = x.rmul(3.0).add(1.0);
  y.backward();
  assert.equal(y.data!.item(), 7);
  assert.equal(x.grad!.item(), 3);

  // np.array([2.0]) + x with x = [1.0] (the book needs __array_priority__ for it): [3]
  const v = new step.Variable(np.array([1.0]));
  const w = v.radd(np.array([2.0]));
  assert.deepEqual(w.data!.toArray(), [3]);
  assert.equal(String(w), "variable([3.])");

  // A constant array broadcasts against a 0-d Variable: 2 · [1, 2, 3] + 2 · 2
  const z = new step.Variable(np.array(2.0));
  assert.deepEqual(z.mul(np.array([1, 2, 3])).add(z.rmul(2)).data!.toArray(), [6, 8, 10]);

  assert.ok(step.asArray(3) instanceof np.NDArray);
  assert.equal(step.asArray(3).item(), 3);
  const arr = np.array([1, 2]);
  assert.equal(step.asArray(arr), arr);
  assert.equal(step.asVariable(x), x);
  assert.equal(step.asVariable(arr).data, arr);
  assert.equal(step.asVariable(2.5).data!.item(), 2.5);
}

Deno.test("steps 21 and 22: NDArrays and numbers as operands, on either side", () => {
  checkOperands(step21);
  checkOperands(step22);
});

await testWith(
  "step 17: the book's loop, made big, runs in bounded memory",
  [READ_REPO, RUN_DENO],
  async () => {
    // 200 iterations of square³ on 1e5 floats: 4 arrays of 0.8 MB each. Kept alive, they would
    // add about 640 MB; collected, the resident size levels off after the first iterations. In a
    // process of its own: the test runner's heap, grown by the other tests, would blur it.
    const script = `
      import * as np from "./dezero/np/mod.ts";
      import * as step17 from "./steps/step17.ts";
      const rss = [];
      for (let i = 0; i < 200; i++) {
        const x = new step17.Variable(np.random.randn(100_000));
        step17.square(step17.square(step17.square(x)));
        rss.push(Deno.memoryUsage().rss);
      }
      console.log((rss[199] - rss[9]) / 2 ** 20);
    `;
    const root = new URL("../", import.meta.url);
    const { code, stdout, stderr } = await runDeno(["eval", script], root);
    assert.equal(code, 0, stderr);
    const growthMB = Number(stdout);
    assert.ok(growthMB < 200, `resident memory grew by ${growthMB.toFixed(0)} MB`);
  },
);
