/**
 * Higher-order derivatives with the full core (dezero/full.ts), computed as step 34 does: repeated
 * `backward({ createGraph: true })`, differentiating each gradient again. Expected values come
 * from SymPy (tools/gen_derivatives.py writes tests/fixtures/derivatives.json), from the book's
 * printed output (step 33's Newton iterations, step 36's double backprop) and from NumPy's own
 * sin and cos (step 34's curves).
 */
import assert from "node:assert/strict";
import { expr, F, np, Variable } from "../dezero/full.ts";
import fixture from "./fixtures/derivatives.json" with { type: "json" };
import book from "./fixtures/step33_newton.json" with { type: "json" };

type Build = (x: Variable) => Variable;

// Each function of the fixture, by its name there, built with the methods and F and built with
// expr: the two must agree with SymPy.
const functions: Record<string, [Build, Build]> = {
  "sin(x)": [(x) => F.sin(x), (x) => expr`sin(${x})`],
  "cos(x)": [(x) => F.cos(x), (x) => expr`cos(${x})`],
  "tanh(x)": [(x) => F.tanh(x), (x) => expr`tanh(${x})`],
  "exp(x)": [(x) => F.exp(x), (x) => expr`exp(${x})`],
  "square(x)": [(x) => F.square(x), (x) => expr`square(${x})`],
  "x**4 - 2*x**2": [(x) => x.pow(4).sub(x.pow(2).rmul(2)), (x) => expr`${x} ** 4 - 2 * ${x} ** 2`],
  "x**3 / (1 + x**2)": [
    (x) => x.pow(3).div(x.pow(2).radd(1)),
    (x) => expr`${x} ** 3 / (1 + ${x} ** 2)`,
  ],
  "sin(x**2)": [(x) => F.sin(x.pow(2)), (x) => expr`sin(${x} ** 2)`],
  "tanh(exp(x))": [(x) => F.tanh(F.exp(x)), (x) => expr`tanh(exp(${x}))`],
  "sin(x) * exp(-x**2 / 2)": [
    (x) => F.sin(x).mul(F.exp(x.pow(2).neg().div(2))),
    (x) => expr`sin(${x}) * exp(-${x} ** 2 / 2)`,
  ],
  "cos(sin(x)) - x * tanh(x)": [
    (x) => F.cos(F.sin(x)).sub(x.mul(F.tanh(x))),
    (x) => expr`cos(sin(${x})) - ${x} * tanh(${x})`,
  ],
  "a = x**2; sin(a) * a + tanh(a)": [
    (x) => {
      const a = x.pow(2);
      return F.sin(a).mul(a).add(F.tanh(a));
    },
    (x) => {
      const a = x.pow(2);
      return expr`sin(${a}) * ${a} + tanh(${a})`;
    },
  ],
};

/**
 * [f(x), f'(x), …] up to `orders`, step 34's loop: backward with createGraph, then the gradient's
 * own backward, each time on a cleared x.grad. A derivative whose graph no longer reaches x
 * (that of 2x, for one) leaves x.grad null: the next derivatives are 0.
 */
function derivatives(f: Build, data: np.NDArray, orders: number): np.NDArray[] {
  const x = new Variable(data);
  const y = f(x);
  y.backward({ createGraph: true });
  const out = [y.data!];
  for (let n = 1; n <= orders; n++) {
    const gx = x.grad;
    if (gx === null) {
      out.push(np.zerosLike(data));
      continue;
    }
    out.push(gx.data!);
    x.cleargrad();
    if (n < orders) gx.backward({ createGraph: true });
  }
  return out;
}

/** Within a few ulps: 1e-12 relative, or 1e-12 absolute for values near 0. */
function close(got: number, want: number): boolean {
  return Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want));
}

Deno.test("the fixture covers every function of the table, orders 0 to 4", () => {
  assert.deepEqual(fixture.cases.map((c) => c.name).sort(), Object.keys(functions).sort());
  assert.equal(fixture.orders, 4);
});

for (const { name, points, values } of fixture.cases) {
  const [methods, template] = functions[name];
  for (const [form, f] of [["methods", methods], ["expr", template]] as const) {
    Deno.test(`${name} (${form}): derivatives 0–4 at scalars match SymPy`, () => {
      points.forEach((p, i) => {
        const got = derivatives(f, np.array(p), fixture.orders).map((d) => d.item());
        got.forEach((g, n) =>
          assert.ok(
            close(g, values[i][n]),
            `order ${n} at x = ${p}: got ${g}, SymPy ${values[i][n]}`,
          )
        );
      });
    });

    Deno.test(`${name} (${form}): derivatives 0–4 on an array match SymPy elementwise`, () => {
      const got = derivatives(f, np.array(points), fixture.orders);
      got.forEach((d, n) => {
        assert.deepEqual(d.shape, [points.length]);
        Array.from(d.data).forEach((g, i) =>
          assert.ok(
            close(g, values[i][n]),
            `order ${n} at x = ${points[i]}: got ${g}, SymPy ${values[i][n]}`,
          )
        );
      });
    });
  }
}

Deno.test("step 34: sin on np.linspace(-7, 7, 200) and its derivatives 1–3 are cos, -sin, -cos", () => {
  const data = np.linspace(-7, 7, 200);
  const [y, d1, d2, d3] = derivatives(F.sin, data, 3);
  const want = [np.sin(data), np.cos(data), np.negative(np.sin(data)), np.negative(np.cos(data))];
  [y, d1, d2, d3].forEach((got, n) => {
    assert.deepEqual(got.shape, [200]);
    assert.ok(np.allclose(got, want[n], 0, 1e-12), `derivative ${n}`);
  });
  // The first derivative is one multiplication of cos(x) by the ones seed: exactly np.cos.
  assert.deepEqual(d1.toArray(), np.cos(data).toArray());
});

Deno.test("step 33: Newton's method on x**4 - 2*x**2 prints the book's iterations", () => {
  // The book's output, copied into the fixture line by line.
  const lines: string[] = [];
  const x = new Variable(np.array(2.0));
  for (let i = 0; i < 10; i++) {
    lines.push(`${i} ${x}`);
    const y = x.pow(4).sub(x.pow(2).rmul(2));
    x.cleargrad();
    y.backward({ createGraph: true });
    const gx = x.grad!;
    x.cleargrad();
    gx.backward();
    const gx2 = x.grad!;
    x.data = x.data!.sub(gx.data!.div(gx2.data!));
  }
  assert.deepEqual(lines, book.lines);
});

Deno.test("step 36: double backprop, z = (dy/dx)³ + y with y = x², gives dz/dx = 100 at x = 2", () => {
  // dz/dx = 3 (2x)² · 2 + 2x = 24x² + 2x = 100 at x = 2 (the book prints variable(100.0)).
  const x = new Variable(np.array(2.0));
  const y = x.pow(2);
  y.backward({ createGraph: true });
  const gx = x.grad!;
  assert.equal(gx.data?.item(), 4);
  x.cleargrad();
  const z = gx.pow(3).add(y);
  z.backward();
  assert.equal(x.grad?.toString(), "variable(100.0)");
  // The same with expr.
  const u = new Variable(np.array(2.0));
  const v = expr`${u} ** 2`;
  v.backward({ createGraph: true });
  const gu = u.grad!;
  u.cleargrad();
  expr`${gu} ** 3 + ${v}`.backward();
  assert.equal(u.grad?.data?.item(), 100);
});

Deno.test("a derivative that no longer depends on x leaves the next one unset (x.grad null)", () => {
  // d²(x²)/dx² = 2 of F.square comes from the ones seed and the constant 2 alone: its graph does
  // not reach x, so one more backward gives x no gradient, as in the book (where it stays None).
  const x = new Variable(np.array(3.0));
  F.square(x).backward({ createGraph: true });
  const g1 = x.grad!;
  x.cleargrad();
  g1.backward({ createGraph: true });
  const g2 = x.grad!;
  assert.equal(g2.data?.item(), 2);
  x.cleargrad();
  g2.backward({ createGraph: true });
  assert.equal(x.grad, null);
});

Deno.test("x ** 2 differentiated three times at 0 is 0, not NaN (Pow(0)'s gradient)", () => {
  // With Pow, each derivative keeps a power of x: the third is Pow(0)'s gradient, which the
  // book's formula 0 * x ** -1 makes NaN at x = 0.
  const [, d1, d2, d3, d4] = derivatives((x) => x.pow(2), np.array([0, 3]), 4);
  assert.deepEqual(
    [d1, d2, d3, d4].map((d) => d.toArray()),
    [[0, 6], [2, 2], [0, 0], [0, 0]],
  );
});
