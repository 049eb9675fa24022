/**
 * Step 27: Differentiating the Taylor series — 테일러 급수 미분
 *
 * Since step 26: a new function, `Sin` (forward `np.sin`, backward `gy · cos(x)`), and the same
 * sine computed from its Taylor series around 0 (the Maclaurin series)
 *
 *     sin(x) = Σᵢ (-1)ⁱ / (2i + 1)! · x^(2i+1) = x - x³/3! + x⁵/5! - …
 *
 * with DeZero's `pow`, `mul` and `add` only, stopping at the first term smaller than `threshold`
 * in absolute value. DeZero differentiates that sum too: at π/4 both derivatives are close to
 * cos(π/4) ≈ 0.7071, the series' a little off, as its value. A smaller threshold gives more
 * terms, a better value, and a longer graph.
 *
 * As in the book, `Sin` subclasses the simple core's `Function` (`../dezero/mod.ts`): its
 * `forward` and `backward` work on arrays, as in stage 2.
 *
 * Differences from the book: the book draws `my_sin.png` whenever it runs; here only with
 * `--graph` (`--graph=FILE` for another name or format, `.svg` needs no Graphviz). The loop starts from the number 0, as the book's `y = 0`: the first addition is
 * `t.radd(0)` (Python's `0 + t`), the others `y.add(t)`.
 *
 * Run: deno run steps/step27.ts
 *      deno run --allow-write --allow-run=dot steps/step27.ts --graph
 *      deno run --allow-write steps/step27.ts --graph=my_sin.svg (no Graphviz needed)
 * @module
 */
import { Function, np, plotDotGraph, Variable } from "../dezero/mod.ts";

/** y = sin(x), with dy/dx = cos(x). */
export class Sin extends Function {
  override forward(x: np.NDArray): np.NDArray {
    return np.sin(x);
  }

  override backward(gy: np.NDArray): np.NDArray {
    const x = this.inputs[0].data!;
    return gy.mul(np.cos(x));
  }
}

export function sin(x: Variable): Variable {
  return new Sin().call(x);
}

/** n!, exactly for the n this series reaches (the book's `math.factorial`). */
function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/** sin(x) from its Taylor series, up to the first term below `threshold` in absolute value. */
export function mySin(x: Variable, threshold = 0.0001): Variable {
  let y: Variable | number = 0;
  for (let i = 0; i < 100000; i++) {
    const c = (-1) ** i / factorial(2 * i + 1);
    const t = x.pow(2 * i + 1).rmul(c); // c * x ** (2 * i + 1)
    y = typeof y === "number" ? t.radd(y) : y.add(t); // y = y + t
    if (Math.abs(t.data!.item()) < threshold) break;
  }
  return y as Variable;
}

if (import.meta.main) {
  let x = new Variable(np.array(np.pi / 4));
  let y = sin(x);
  y.backward();
  console.log("--- original sin ---");
  console.log(y.data);
  console.log(x.grad);

  x = new Variable(np.array(np.pi / 4));
  y = mySin(x); // try mySin(x, 1e-150): more terms, a better value, a longer graph
  y.backward();
  console.log("--- approximate sin ---");
  console.log(y.data);
  console.log(x.grad);

  const graph = Deno.args.find((arg) => arg === "--graph" || arg.startsWith("--graph="));
  if (graph !== undefined) {
    x.name = "x";
    y.name = "y";
    const toFile = graph === "--graph" ? "my_sin.png" : graph.slice("--graph=".length);
    const { dotFile, imageFile } = await plotDotGraph(y, { verbose: false, toFile });
    console.log(`graph: ${imageFile} (from ${dotFile})`);
  }
}
