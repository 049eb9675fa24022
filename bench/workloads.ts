/**
 * The timed workloads W1–W4 of the README's performance table (the memory workloads W5 and W6 are
 * in `memory.ts`): the same math, in the same order, as the peers of that table run them (the
 * original Python DeZero, PyTorch, TensorFlow.js).
 */
import type { Variable } from "../dezero/mod.ts";

/**
 * W1: the Goldstein-Price function (38 functions), as the harness writes it with the methods.
 * At (1, 1) the gradients are exactly -5376 and 8064.
 */
export function goldstein(x: Variable, y: Variable): Variable {
  const a = x.add(y).add(1).pow(2);
  const b = x.rmul(14).rsub(19).add(x.pow(2).rmul(3)).sub(y.rmul(14)).add(x.rmul(6).mul(y))
    .add(y.pow(2).rmul(3));
  const c = x.rmul(2).sub(y.rmul(3)).pow(2);
  const d = x.rmul(32).rsub(18).add(x.pow(2).rmul(12)).add(y.rmul(48)).sub(x.rmul(36).mul(y))
    .add(y.pow(2).rmul(27));
  return a.mul(b).radd(1).mul(c.mul(d).radd(30));
}

/** W2: `y = y * 1.000001 + 0.000001`, `steps` times (2 × steps functions deep); returns `y`. */
export function chain(x: Variable, steps: number): Variable {
  let y = x;
  for (let i = 0; i < steps; i++) y = y.mul(1.000001).add(0.000001);
  return y;
}

/**
 * W3: `z = Σ (x * c_i) ** 2`, c_i = 1 + i / n, summed left to right. Every square waits for
 * backward until the whole sum is done: n functions pending at once.
 */
export function wideSum(x: Variable, n: number): Variable {
  let z = x.mul(1).pow(2);
  for (let i = 1; i < n; i++) z = z.add(x.mul(1 + i / n).pow(2));
  return z;
}

/** W4: `((x * x + x) ** 2) / 2`, elementwise on a large array. */
export function bigArray(x: Variable): Variable {
  return x.mul(x).add(x).pow(2).div(2);
}
