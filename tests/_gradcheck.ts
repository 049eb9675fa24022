/**
 * Numerical gradients for tests: the book's step-10 idea (central differences) extended to
 * functions of several arrays with any output shape. The gradient of a non-scalar output is that
 * of the sum of its elements, which is what `backward()` computes with a ones seed.
 */
import * as np from "../dezero/np/mod.ts";

/**
 * The gradient of `sum(f(...xs))` with respect to each of `xs`, by central differences: one
 * array per input, of that input's shape.
 */
export function numericalGrads(
  f: (...xs: np.NDArray[]) => np.NDArray,
  xs: np.NDArray[],
  eps = 1e-4,
): np.NDArray[] {
  const copies = xs.map((x) => np.array(x));
  return copies.map((x) => {
    const grad = np.zerosLike(x);
    const data = x.data;
    for (let i = 0; i < data.length; i++) {
      const orig = data[i];
      data[i] = orig + eps;
      const y1 = sum(f(...copies));
      data[i] = orig - eps;
      const y0 = sum(f(...copies));
      data[i] = orig;
      grad.data[i] = (y1 - y0) / (2 * eps);
    }
    return grad;
  });
}

function sum(a: np.NDArray): number {
  let s = 0;
  for (const v of a.data) s += v;
  return s;
}
