/**
 * Step 24: Differentiating complex functions — 복잡한 함수의 미분
 *
 * Since step 23:
 * - Nothing new in DeZero: three test functions of optimization (Sphere, Matyas,
 *   Goldstein-Price) show that it differentiates complicated formulas.
 *
 * Differences from the book:
 * - Each function is written twice: as a chain of the operator methods (TypeScript has no
 *   operator overloading) and with `expr`, which reads ordinary math and builds the same graph.
 * - With `--graph` it also draws Goldstein-Price's graph as the book's step 26 does
 *   (`goldstein.png` and `goldstein.dot`; `--graph=FILE.svg` for another file or format), which
 *   needs Graphviz's `dot`.
 *
 * Run: deno run steps/step24.ts
 *      deno run --allow-write --allow-run=dot steps/step24.ts --graph
 * @module
 */
import { expr, np, plotDotGraph, Variable } from "../dezero/mod.ts";

/** z = x ** 2 + y ** 2 */
export function sphere(x: Variable, y: Variable): Variable {
  return x.pow(2).add(y.pow(2));
}

/** z = 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y */
export function matyas(x: Variable, y: Variable): Variable {
  return x.pow(2).add(y.pow(2)).rmul(0.26).sub(x.rmul(0.48).mul(y));
}

/**
 * z = (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)) *
 *     (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2))
 */
export function goldstein(x: Variable, y: Variable): Variable {
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

/** `sphere` written with `expr`. */
export function sphereExpr(x: Variable, y: Variable): Variable {
  return expr`${x} ** 2 + ${y} ** 2`;
}

/** `matyas` written with `expr`. */
export function matyasExpr(x: Variable, y: Variable): Variable {
  return expr`0.26 * (${x} ** 2 + ${y} ** 2) - 0.48 * ${x} * ${y}`;
}

/** `goldstein` written with `expr`. */
export function goldsteinExpr(x: Variable, y: Variable): Variable {
  return expr`(1 + (${x} + ${y} + 1) ** 2 * (19 - 14 * ${x} + 3 * ${x} ** 2 - 14 * ${y}
                 + 6 * ${x} * ${y} + 3 * ${y} ** 2))
            * (30 + (2 * ${x} - 3 * ${y}) ** 2 * (18 - 32 * ${x} + 12 * ${x} ** 2 + 48 * ${y}
                 - 36 * ${x} * ${y} + 27 * ${y} ** 2))`;
}

/** The gradient of `f` at (1, 1), as the book computes it. */
function gradsAtOneOne(f: (x: Variable, y: Variable) => Variable): [np.NDArray, np.NDArray] {
  const x = new Variable(np.array(1.0));
  const y = new Variable(np.array(1.0));
  const z = f(x, y);
  z.backward();
  return [x.grad!, y.grad!];
}

if (import.meta.main) {
  const x = new Variable(np.array(1.0));
  const y = new Variable(np.array(1.0));
  const z = goldstein(x, y); // sphere(x, y) / matyas(x, y)
  z.backward();
  console.log(x.grad, y.grad);

  // The book also computes sphere(x, y) and matyas(x, y) in place of goldstein(x, y), and prints
  // 2.0 2.0 and 0.040000000000000036 0.040000000000000036. Each `expr` form gives the same grads.
  console.assert(gradsAtOneOne(sphere).join(" ") === "2.0 2.0");
  console.assert(gradsAtOneOne(matyas).join(" ") === "0.040000000000000036 0.040000000000000036");
  const forms = [[sphere, sphereExpr], [matyas, matyasExpr], [goldstein, goldsteinExpr]] as const;
  for (const [f, fExpr] of forms) {
    console.assert(gradsAtOneOne(f).join(" ") === gradsAtOneOne(fExpr).join(" "), f.name);
  }

  const graph = Deno.args.find((arg) => arg === "--graph" || arg.startsWith("--graph="));
  if (graph !== undefined) {
    // Unnamed variables get empty labels: name the ones the picture should show.
    x.name = "x";
    y.name = "y";
    z.name = "z";
    const toFile = graph === "--graph" ? "goldstein.png" : graph.slice("--graph=".length);
    const { dotFile, imageFile } = await plotDotGraph(z, { verbose: false, toFile });
    console.log(`graph: ${imageFile} (from ${dotFile})`);
  }
}
