/**
 * The NDArray operations we time, by name; `numpy_ops.py` times the same names in NumPy so that
 * `compare_numpy.ts` can print ratios. Each case prepares its operands once and returns the
 * operation to repeat.
 */
import * as np from "../dezero/np/mod.ts";

/** One timed operation, repeated `n` times per timed sample. */
export interface OpCase {
  name: string;
  n: number;
  prepare(): () => unknown;
}

const N = 1_000_000;

/** A binary operation on two random 1e6-element float64 arrays (b in [0.5, 1.5)). */
function onBig(op: (a: np.NDArray, b: np.NDArray) => np.NDArray): () => () => unknown {
  return () => {
    np.random.seed(0);
    const a = np.random.rand(N);
    const b = np.random.rand(N).add(0.5);
    return () => op(a, b);
  };
}

/** The cases, in the order the README's table lists them. */
export const opCases: OpCase[] = [
  { name: "add 1e6", n: 1, prepare: onBig((a, b) => a.add(b)) },
  { name: "sub 1e6", n: 1, prepare: onBig((a, b) => a.sub(b)) },
  { name: "mul 1e6", n: 1, prepare: onBig((a, b) => a.mul(b)) },
  { name: "div 1e6", n: 1, prepare: onBig((a, b) => a.div(b)) },
  { name: "square 1e6", n: 1, prepare: onBig((a) => np.square(a)) },
  { name: "exp 1e6", n: 1, prepare: onBig((a) => np.exp(a)) },
  { name: "power 1e6 ** 1e6", n: 1, prepare: onBig((a, b) => a.pow(b)) },
  {
    name: "(1000,1000) + (1000,)",
    n: 1,
    prepare: () => {
      np.random.seed(0);
      const m = np.random.rand(1000, 1000);
      const v = np.random.rand(1000);
      return () => m.add(v);
    },
  },
  {
    name: "0-d + 0-d",
    n: 100_000,
    prepare: () => {
      const x = np.array(0.5);
      const y = np.array(1.5);
      return () => x.add(y);
    },
  },
];
