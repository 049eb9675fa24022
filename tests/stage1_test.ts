/**
 * Stage 1 (steps 1–10): the forward classes of steps 1 to 4, gradients of Square and Exp checked
 * against numerical differentiation on inputs of several shapes and against the exact derivative
 * of (e^(x²))², the same gradient from the manual (6), recursive (7) and loop (8)
 * backpropagation, and the errors for bad input.
 */
import assert from "node:assert/strict";
import * as np from "../dezero/np/mod.ts";
import { numericalGrads } from "./_gradcheck.ts";
import * as step01 from "../steps/step01.ts";
import * as step02 from "../steps/step02.ts";
import * as step03 from "../steps/step03.ts";
import * as step04 from "../steps/step04.ts";
import * as step06 from "../steps/step06.ts";
import * as step07 from "../steps/step07.ts";
import * as step08 from "../steps/step08.ts";
import { asArray, Exp, exp, Function, Square, square, Variable } from "../steps/step09.ts";

/** d/dx (e^(x²))² = d/dx e^(2x²) = 4x·e^(2x²), which is 2·e^0.5 at x = 0.5. */
const EXACT = 4 * 0.5 * Math.exp(2 * 0.5 * 0.5);
/** What the book prints for steps 6 to 9 (the backpropagated value, within an ulp of EXACT). */
const BOOK = 3.297442541400256;

function dataOf(v: Variable): np.NDArray {
  assert.ok(v.data !== null, "a function's output has data");
  return v.data;
}

function gradOf(v: { grad: np.NDArray | null }): np.NDArray {
  assert.ok(v.grad !== null, "backward() set the gradient");
  return v.grad;
}

const SHAPES: number[][] = [[], [5], [3, 4]];

Deno.test("step 1: a Variable holds the array it is given, and another when reassigned", () => {
  const data = np.array(1.0);
  const x = new step01.Variable(data);
  assert.equal(x.data, data);
  const other = np.array([2.0, 3.0]);
  x.data = other;
  assert.equal(x.data, other);
});

/** The classes steps 2 to 4 share: a Variable, the base Function and Square, forward only. */
interface ForwardStep<V extends { data: np.NDArray }> {
  Variable: new (data: np.NDArray) => V;
  Function: new () => { call(input: V): V };
  Square: new () => { call(input: V): V };
}

function checkForward<V extends { data: np.NDArray }>(step: ForwardStep<V>): void {
  const x = new step.Variable(np.array([1, -2, 3.5]));
  const y = new step.Square().call(x);
  assert.ok(y instanceof step.Variable);
  assert.notEqual(y, x);
  assert.deepEqual(y.data.toArray(), [1, 4, 12.25]);
  assert.deepEqual(x.data.toArray(), [1, -2, 3.5], "the input is left as it was");
  assert.throws(() => new step.Function().call(x), {
    message: "Function.forward() is not implemented",
  });
}

Deno.test("steps 2 to 4: Function.call wraps forward's result in a new Variable", () => {
  checkForward(step02);
  checkForward(step03);
  checkForward(step04);
  const y = new step02.Square().call(new step02.Variable(np.array(10, "int64")));
  assert.equal(y.data.dtype, "int64");
  assert.equal(y.data.item(), 100); // the book's 100
});

Deno.test("steps 3 and 4: Exp, and the composite (e^(x²))² at 0.5", () => {
  for (const step of [step03, step04] as const) {
    const e = new step.Exp().call(new step.Variable(np.array([0, 1])));
    assert.equal(e.data.data[0], 1);
    assert.ok(Math.abs(e.data.data[1] - Math.E) <= 1e-15 * Math.E);
  }
  const A = new step03.Square();
  const B = new step03.Exp();
  const C = new step03.Square();
  const y = C.call(B.call(A.call(new step03.Variable(np.array(0.5)))));
  assert.equal(y.data.item(), 1.648721270700128); // the book's value, e^0.5 within an ulp
  assert.ok(Math.abs(y.data.item() - Math.exp(0.5)) <= 1e-15 * Math.exp(0.5));
});

Deno.test("step 4: the numerical derivative of x² at 2 is the book's 4.000000000004", () => {
  const f = new step04.Square();
  const dy = step04.numericalDiff((x) => f.call(x), new step04.Variable(np.array(2.0)));
  assert.equal(dy.item(), 4.000000000004);
  // The central difference of x² is exact but for rounding: ((2+h)² − (2−h)²) / 2h = 4.
  assert.ok(Math.abs(dy.item() - 4) < 1e-10);
});

Deno.test("Square and Exp: forward values", () => {
  np.random.seed(1);
  for (const shape of SHAPES) {
    const x = np.random.randn(...shape);
    const sq = dataOf(square(new Variable(x)));
    const ex = dataOf(exp(new Variable(x)));
    assert.deepEqual(sq.shape, shape);
    assert.deepEqual(ex.shape, shape);
    x.data.forEach((v, i) => {
      assert.equal(sq.data[i], v * v);
      assert.ok(Math.abs(ex.data[i] - Math.exp(v)) <= 1e-15 * Math.exp(v));
    });
  }
});

Deno.test("Square and Exp: backward agrees with numerical differentiation", async (t) => {
  np.random.seed(0);
  const cases: [string, (x: Variable) => Variable][] = [
    ["square", square],
    ["exp", exp],
    ["square(exp(square(x)))", (x) => square(exp(square(x)))],
  ];
  for (const [name, f] of cases) {
    for (const shape of SHAPES) {
      await t.step(`${name}, shape [${shape}]`, () => {
        const x = new Variable(np.random.randn(...shape).mul(0.5));
        f(x).backward();
        const [expected] = numericalGrads((a) => dataOf(f(new Variable(a))), [dataOf(x)]);
        const grad = gradOf(x);
        assert.deepEqual(grad.shape, shape);
        assert.ok(np.allclose(grad, expected), `${grad} vs numerical ${expected}`);
      });
    }
  }
});

Deno.test("Square and Exp: backward gives the exact derivatives 2x and eˣ", () => {
  np.random.seed(2);
  const x = np.random.randn(3, 4);
  const a = new Variable(x);
  square(a).backward();
  const b = new Variable(x);
  exp(b).backward();
  x.data.forEach((v, i) => {
    assert.equal(gradOf(a).data[i], 2 * v);
    assert.equal(gradOf(b).data[i], Math.exp(v));
  });
});

Deno.test("step 9: the gradient of square(exp(square(0.5))) is 2·e^0.5", () => {
  const x = new Variable(np.array(0.5));
  const y = square(exp(square(x)));
  y.backward();
  assert.deepEqual(gradOf(y).toArray(), 1); // the default seed: ones like y.data
  const g = gradOf(x).item();
  assert.equal(g, BOOK);
  assert.ok(Math.abs(g - EXACT) <= 1e-15 * EXACT, `${g} vs ${EXACT}`);
});

Deno.test("step 9: backward() seeds the output's gradient with ones of its shape", () => {
  const x = new Variable(np.array([[1, 2, 3], [4, 5, 6]]));
  const y = square(x);
  y.backward();
  assert.deepEqual(gradOf(y).toArray(), [[1, 1, 1], [1, 1, 1]]);
  assert.deepEqual(gradOf(x).toArray(), [[2, 4, 6], [8, 10, 12]]);
});

Deno.test("step 4: the numerical derivative of (e^(x²))² at 0.5 is close to the exact one", () => {
  const f = (x: step04.Variable) => {
    const A = new step04.Square();
    const B = new step04.Exp();
    const C = new step04.Square();
    return C.call(B.call(A.call(x)));
  };
  const dy = step04.numericalDiff(f, new step04.Variable(np.array(0.5))).item();
  assert.equal(dy, 3.2974426293330694); // the book's value
  assert.ok(Math.abs(dy - EXACT) < 1e-6);
});

Deno.test("steps 6, 7 and 8 backpropagate the same gradient", async (t) => {
  await t.step("step 6: by hand", () => {
    const A = new step06.Square();
    const B = new step06.Exp();
    const C = new step06.Square();
    const x = new step06.Variable(np.array(0.5));
    const a = A.call(x);
    const b = B.call(a);
    const y = C.call(b);
    y.grad = np.array(1.0);
    b.grad = C.backward(y.grad);
    a.grad = B.backward(b.grad);
    x.grad = A.backward(a.grad);
    assert.equal(gradOf(x).item(), BOOK);
  });

  for (const step of [step07, step08]) {
    const n = step === step07 ? 7 : 8;
    await t.step(`step ${n}: y.backward()`, () => {
      const A = new step.Square();
      const B = new step.Exp();
      const C = new step.Square();
      const x = new step.Variable(np.array(0.5));
      const a = A.call(x);
      const b = B.call(a);
      const y = C.call(b);
      // The graph the book checks with asserts in 7.1: creators and inputs link y back to x.
      assert.equal(y.creator, C);
      assert.equal(C.input, b);
      assert.equal(b.creator, B);
      assert.equal(B.input, a);
      assert.equal(a.creator, A);
      assert.equal(A.input, x);
      assert.equal(x.creator, null);

      assert.throws(() => y.backward(), /needs the output's grad/);
      y.grad = np.array(1.0);
      y.backward();
      assert.equal(gradOf(x).item(), BOOK);
      assert.equal(gradOf(a).item(), 2 * Math.exp(0.25) * Math.exp(0.25));
    });
  }
});

Deno.test("step 9: a Variable holds only an NDArray or null", () => {
  assert.equal(new Variable(null).data, null);
  const data = np.array(1.0);
  assert.equal(new Variable(data).data, data);
  const bad: [unknown, string][] = [
    [1.0, "number is not supported"],
    ["1.0", "string is not supported"],
    [[1, 2], "Array is not supported"],
    [undefined, "undefined is not supported"],
    [new Float64Array(1), "Float64Array is not supported"],
  ];
  for (const [value, message] of bad) {
    assert.throws(() => new Variable(value as np.NDArray), { name: "TypeError", message });
  }
});

Deno.test("step 9: a Function needs an input with data", () => {
  assert.throws(() => square(new Variable(null)), {
    name: "TypeError",
    message: "Square needs an input with data, not Variable(null)",
  });
});

Deno.test("step 9: asArray wraps numbers and passes arrays through", () => {
  const a = np.array([1, 2]);
  assert.equal(asArray(a), a);
  const wrapped = asArray(2.5);
  assert.ok(wrapped instanceof np.NDArray);
  assert.deepEqual(wrapped.shape, []);
  assert.equal(wrapped.item(), 2.5);

  // A forward() returning a plain number still gives a Variable holding an NDArray.
  class Sum extends Function {
    override forward(x: np.NDArray): number {
      return Array.from(x.data).reduce((s, v) => s + v, 0);
    }
  }
  const y = new Sum().call(new Variable(np.array([1, 2, 3])));
  assert.ok(y.data instanceof np.NDArray);
  assert.equal(y.data.item(), 6);
});

Deno.test("step 9: forward() and backward() not overridden are clear errors", () => {
  const x = new Variable(np.array(2.0));
  assert.throws(() => new Function().call(x), {
    message: "Function.forward() is not implemented",
  });

  class Cube extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x.pow(3);
    }
  }
  const y = new Cube().call(x);
  assert.equal(dataOf(y).item(), 8);
  assert.throws(() => y.backward(), { message: "Cube.backward() is not implemented" });
  assert.ok(new Square().call(x).creator instanceof Square);
  assert.ok(new Exp().call(x).creator instanceof Function);
});
