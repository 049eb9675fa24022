/**
 * Gradients of classic optimization test functions (step 24's Sphere, Matyas and Goldstein-Price,
 * and Rosenbrock, Booth, Himmelblau, Beale), each written as a method chain and with `expr`:
 * against derivatives worked out by hand (formulas below), on scalars and elementwise on arrays,
 * and against numerical differentiation. Both forms must also build the same graph.
 */
import assert from "node:assert/strict";
import { expr, noGrad, np, Variable } from "../dezero/mod.ts";
import {
  goldstein,
  goldsteinExpr,
  matyas,
  matyasExpr,
  sphere,
  sphereExpr,
} from "../steps/step24.ts";
import { numericalGrads } from "./_gradcheck.ts";
import { graphText } from "./_graph.ts";

type F = (x: Variable, y: Variable) => Variable;

interface TestFunction {
  name: string;
  methods: F;
  expr: F;
  /** The exact value and partial derivatives at one point, worked out by hand. */
  exact: (x: number, y: number) => [f: number, fx: number, fy: number];
  /** Points where the gradient is zero (minima). */
  stationary: [number, number][];
}

const functions: TestFunction[] = [
  {
    name: "Sphere",
    methods: sphere,
    expr: sphereExpr,
    // f = x² + y²
    exact: (x, y) => [x ** 2 + y ** 2, 2 * x, 2 * y],
    stationary: [[0, 0]],
  },
  {
    name: "Matyas",
    methods: matyas,
    expr: matyasExpr,
    // f = 0.26 (x² + y²) − 0.48 x y
    exact: (x, y) => [
      0.26 * (x ** 2 + y ** 2) - 0.48 * x * y,
      0.52 * x - 0.48 * y,
      0.52 * y - 0.48 * x,
    ],
    stationary: [[0, 0]],
  },
  {
    name: "Goldstein-Price",
    methods: goldstein,
    expr: goldsteinExpr,
    // f = A B with A = 1 + a² P, a = x + y + 1, P = 19 − 14x + 3x² − 14y + 6xy + 3y²
    //            and B = 30 + b² Q, b = 2x − 3y,  Q = 18 − 32x + 12x² + 48y − 36xy + 27y².
    // A_x = 2a P + a² (−14 + 6x + 6y)          A_y = 2a P + a² (−14 + 6x + 6y)
    // B_x = 4b Q + b² (−32 + 24x − 36y)         B_y = −6b Q + b² (48 − 36x + 54y)
    // f_x = A_x B + A B_x                       f_y = A_y B + A B_y
    exact: (x, y) => {
      const a = x + y + 1;
      const p = 19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2;
      const b = 2 * x - 3 * y;
      const q = 18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2;
      const A = 1 + a ** 2 * p;
      const B = 30 + b ** 2 * q;
      const Ax = 2 * a * p + a ** 2 * (-14 + 6 * x + 6 * y);
      const Ay = Ax;
      const Bx = 4 * b * q + b ** 2 * (-32 + 24 * x - 36 * y);
      const By = -6 * b * q + b ** 2 * (48 - 36 * x + 54 * y);
      return [A * B, Ax * B + A * Bx, Ay * B + A * By];
    },
    stationary: [[0, -1]],
  },
  {
    name: "Rosenbrock",
    methods: (x, y) => x.rsub(1).pow(2).add(y.sub(x.pow(2)).pow(2).rmul(100)),
    expr: (x, y) => expr`(1 - ${x}) ** 2 + 100 * (${y} - ${x} ** 2) ** 2`,
    // f = (1 − x)² + 100 (y − x²)²: f_x = −2(1 − x) − 400 x (y − x²), f_y = 200 (y − x²)
    exact: (x, y) => [
      (1 - x) ** 2 + 100 * (y - x ** 2) ** 2,
      -2 * (1 - x) - 400 * x * (y - x ** 2),
      200 * (y - x ** 2),
    ],
    stationary: [[1, 1]],
  },
  {
    name: "Booth",
    methods: (x, y) => x.add(y.rmul(2)).sub(7).pow(2).add(x.rmul(2).add(y).sub(5).pow(2)),
    expr: (x, y) => expr`(${x} + 2 * ${y} - 7) ** 2 + (2 * ${x} + ${y} - 5) ** 2`,
    // f = (x + 2y − 7)² + (2x + y − 5)²:
    // f_x = 2(x + 2y − 7) + 4(2x + y − 5), f_y = 4(x + 2y − 7) + 2(2x + y − 5)
    exact: (x, y) => [
      (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
      2 * (x + 2 * y - 7) + 4 * (2 * x + y - 5),
      4 * (x + 2 * y - 7) + 2 * (2 * x + y - 5),
    ],
    stationary: [[1, 3]],
  },
  {
    name: "Himmelblau",
    methods: (x, y) => x.pow(2).add(y).sub(11).pow(2).add(x.add(y.pow(2)).sub(7).pow(2)),
    expr: (x, y) => expr`(${x} ** 2 + ${y} - 11) ** 2 + (${x} + ${y} ** 2 - 7) ** 2`,
    // f = (x² + y − 11)² + (x + y² − 7)²:
    // f_x = 4x(x² + y − 11) + 2(x + y² − 7), f_y = 2(x² + y − 11) + 4y(x + y² − 7)
    exact: (x, y) => [
      (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2,
      4 * x * (x ** 2 + y - 11) + 2 * (x + y ** 2 - 7),
      2 * (x ** 2 + y - 11) + 4 * y * (x + y ** 2 - 7),
    ],
    stationary: [[3, 2]],
  },
  {
    name: "Beale",
    methods: (x, y) =>
      x.rsub(1.5).add(x.mul(y)).pow(2)
        .add(x.rsub(2.25).add(x.mul(y.pow(2))).pow(2))
        .add(x.rsub(2.625).add(x.mul(y.pow(3))).pow(2)),
    expr: (x, y) =>
      expr`(1.5 - ${x} + ${x} * ${y}) ** 2 + (2.25 - ${x} + ${x} * ${y} ** 2) ** 2
           + (2.625 - ${x} + ${x} * ${y} ** 3) ** 2`,
    // f = u1² + u2² + u3² with u1 = 1.5 − x + xy, u2 = 2.25 − x + xy², u3 = 2.625 − x + xy³:
    // f_x = 2u1 (y − 1) + 2u2 (y² − 1) + 2u3 (y³ − 1), f_y = 2u1 x + 4u2 x y + 6u3 x y²
    exact: (x, y) => {
      const u1 = 1.5 - x + x * y;
      const u2 = 2.25 - x + x * y ** 2;
      const u3 = 2.625 - x + x * y ** 3;
      return [
        u1 ** 2 + u2 ** 2 + u3 ** 2,
        2 * u1 * (y - 1) + 2 * u2 * (y ** 2 - 1) + 2 * u3 * (y ** 3 - 1),
        2 * u1 * x + 4 * u2 * x * y + 6 * u3 * x * y ** 2,
      ];
    },
    stationary: [[3, 0.5]],
  },
];

const points: [number, number][] = [[1, 1], [0.5, -1.5], [-1.25, 0.75], [2, 3], [-0.3, -0.7]];

function closeTo(actual: number, expected: number, what: string): void {
  const tol = 1e-12 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

function gradients(f: F, x0: np.NDArray, y0: np.NDArray) {
  const x = new Variable(x0);
  const y = new Variable(y0);
  const z = f(x, y);
  z.backward();
  return { z: z.data!, gx: x.grad!, gy: y.grad! };
}

for (const fn of functions) {
  for (const [form, f] of [["methods", fn.methods], ["expr", fn.expr]] as const) {
    Deno.test(`${fn.name} (${form}): value and gradient match the hand-derived formulas`, () => {
      for (const [px, py] of points) {
        const { z, gx, gy } = gradients(f, np.array(px), np.array(py));
        const [ez, ex, ey] = fn.exact(px, py);
        closeTo(z.item(), ez, `f(${px}, ${py})`);
        closeTo(gx.item(), ex, `df/dx(${px}, ${py})`);
        closeTo(gy.item(), ey, `df/dy(${px}, ${py})`);
      }
      for (const [px, py] of fn.stationary) {
        const { gx, gy } = gradients(f, np.array(px), np.array(py));
        closeTo(gx.item(), 0, `df/dx at the minimum (${px}, ${py})`);
        closeTo(gy.item(), 0, `df/dy at the minimum (${px}, ${py})`);
      }
    });

    Deno.test(`${fn.name} (${form}): elementwise on arrays`, () => {
      const xs = np.array([[1, 0.5, -1.25], [2, -0.3, 0]]);
      const ys = np.array([[1, -1.5, 0.75], [3, -0.7, 0.25]]);
      const { z, gx, gy } = gradients(f, xs, ys);
      assert.deepEqual(gx.shape, [2, 3]);
      assert.deepEqual(gy.shape, [2, 3]);
      for (let i = 0; i < xs.size; i++) {
        const [ez, ex, ey] = fn.exact(xs.data[i], ys.data[i]);
        closeTo(z.data[i], ez, `f element ${i}`);
        closeTo(gx.data[i], ex, `df/dx element ${i}`);
        closeTo(gy.data[i], ey, `df/dy element ${i}`);
      }
    });

    Deno.test(`${fn.name} (${form}): gradient matches numerical differentiation`, () => {
      const xs = np.array([0.5, -1.25, 2]);
      const ys = np.array([-1.5, 0.75, 3]);
      const [nx, ny] = numericalGrads((a, b) => {
        using _ = noGrad();
        return f(new Variable(a), new Variable(b)).data!;
      }, [xs, ys]);
      const { gx, gy } = gradients(f, xs, ys);
      assert.ok(np.allclose(gx, nx, 1e-6, 1e-6), `${gx} vs ${nx}`);
      assert.ok(np.allclose(gy, ny, 1e-6, 1e-6), `${gy} vs ${ny}`);
    });
  }

  Deno.test(`${fn.name}: methods and expr build the same graph and the same bits`, () => {
    const x = new Variable(np.array(0.7));
    const y = new Variable(np.array(-1.3));
    const names = new Map([[x, "x"], [y, "y"]]);
    const a = fn.methods(x, y);
    const b = fn.expr(x, y);
    assert.equal(graphText(b, names), graphText(a, names));
    const m = gradients(fn.methods, np.array(0.7), np.array(-1.3));
    const e = gradients(fn.expr, np.array(0.7), np.array(-1.3));
    assert.equal(e.z.item(), m.z.item());
    assert.equal(e.gx.item(), m.gx.item());
    assert.equal(e.gy.item(), m.gy.item());
  });
}

Deno.test("step 24's book values at (1, 1)", () => {
  const expected: [F, number, number][] = [
    [sphere, 2, 2],
    [matyas, 0.040000000000000036, 0.040000000000000036],
    [goldstein, -5376, 8064],
  ];
  for (const [f, ex, ey] of expected) {
    const { gx, gy } = gradients(f, np.array(1.0), np.array(1.0));
    assert.equal(gx.item(), ex);
    assert.equal(gy.item(), ey);
  }
});
