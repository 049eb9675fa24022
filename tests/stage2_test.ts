/**
 * Stage 2 (steps 11–22). Most tests use step 22, the last and fullest snapshot: every function's
 * gradient against numerical differentiation and against values worked out by hand, gradient
 * accumulation, `retainGrad`, `noGrad`/`usingConfig`. Earlier steps are imported where their own
 * lesson is tested: step 14's in-place pitfall, step 16's generation order (against step 14's
 * order, which gets the same graph wrong), step 17's memory.
 *
 * Gradients are right when the variable has the output's shape, or both are 0-d: the book's
 * `core_simple` has no `sum_to`, so a variable broadcast against a bigger operand gets a grad of
 * the bigger shape (that arrives in the book's stage 3). A broadcast constant is fine, since it
 * gets no grad, and is tested.
 */
import assert from "node:assert/strict";
import * as np from "../dezero/ndarray.ts";
import { numericalGrads } from "./_gradcheck.ts";
import {
  add,
  Config,
  div,
  Function as DezeroFunction,
  mul,
  neg,
  noGrad,
  type Operand,
  pow,
  rdiv,
  rsub,
  sub,
  usingConfig,
  Variable,
} from "../steps/step22.ts";
import * as step14 from "../steps/step14.ts";
import * as step16 from "../steps/step16.ts";
import { checkVariableProperties } from "./_variable_checks.ts";
import * as step17 from "../steps/step17.ts";

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

Deno.test("backward follows generations: correct where step 14's depth-first order is not", () => {
  // y = a² + a², a = x²: y = 2x⁴, dy/dx = 8x³ = 64 at x = 2 (the book's step 16).
  const x = new step16.Variable(np.array(2.0));
  const a = step16.square(x);
  const y = step16.add(step16.square(a), step16.square(a));
  y.backward();
  assert.equal(y.data!.item(), 32);
  assert.equal(x.grad!.item(), 64);
  assert.deepEqual([x.generation, a.generation, y.generation], [0, 1, 3]);

  // Step 14 runs a's creator before both uses of a have sent their grads, and twice: 96.
  const x14 = new step14.Variable(np.array(2.0));
  const a14 = new Square14().call(x14);
  step14.add(new Square14().call(a14), new Square14().call(a14)).backward();
  assert.equal(x14.grad!.item(), 96);

  // A longer graph with a skip connection: y = ((x²)²)² + x², dy/dx = 8x⁷ + 2x = 1028 at x = 2.
  const xs = new step16.Variable(np.array(2.0));
  const s1 = step16.square(xs);
  const ys = step16.add(step16.square(step16.square(s1)), s1);
  ys.backward();
  assert.equal(xs.grad!.item(), 1028);

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

Deno.test("backward frees intermediate grads unless retainGrad is set", () => {
  for (const retainGrad of [false, true]) {
    const x0 = new Variable(np.array(1.0));
    const x1 = new Variable(np.array(1.0));
    const t = add(x0, x1);
    const y = add(x0, t);
    y.backward({ retainGrad });
    assert.deepEqual([gradOf(x0), gradOf(x1)], [2, 1]);
    if (retainGrad) {
      assert.deepEqual([gradOf(y), gradOf(t)], [1, 1]);
    } else {
      assert.deepEqual([y.grad, t.grad], [null, null]);
    }
  }
});

Deno.test("noGrad and usingConfig switch graph recording off and restore it, also on a throw", () => {
  const x = new Variable(np.array(2.0));
  assert.equal(Config.enableBackprop, true);
  {
    using _ = noGrad();
    assert.equal(Config.enableBackprop, false);
    const y = x.pow(2);
    assert.equal(y.data!.item(), 4);
    assert.equal(y.creator, null);
    assert.equal(y.generation, 0);
    {
      using _inner = usingConfig("enableBackprop", true);
      assert.ok(x.pow(2).creator !== null);
    }
    assert.equal(Config.enableBackprop, false);
  }
  assert.equal(Config.enableBackprop, true);
  assert.ok(x.pow(2).creator !== null);

  for (const open of [noGrad, () => usingConfig("enableBackprop", false)]) {
    assert.throws(() => {
      using _ = open();
      assert.equal(Config.enableBackprop, false);
      throw new Error("inside the block");
    }, /inside the block/);
    assert.equal(Config.enableBackprop, true);
  }
});

Deno.test("Variable properties and printing (step 19)", () => {
  checkVariableProperties(Variable);
  assert.equal(new Variable(np.array(1.5), "x").name, "x");
});

Deno.test("step 17: the book's loop, made big, runs in bounded memory", () => {
  // 200 iterations of square³ on 1e5 floats: 4 arrays of 0.8 MB each. Kept alive, they would add
  // about 640 MB; collected, the resident size levels off after the first iterations.
  const rss: number[] = [];
  for (let i = 0; i < 200; i++) {
    const x = new step17.Variable(np.random.randn(100_000));
    step17.square(step17.square(step17.square(x)));
    rss.push(Deno.memoryUsage().rss);
  }
  const growthMB = (rss[rss.length - 1] - rss[9]) / 2 ** 20;
  assert.ok(growthMB < 200, `resident memory grew by ${growthMB.toFixed(0)} MB`);
});
