/**
 * Elementwise kernels. Each is a plain `for` loop over whole Float64Arrays, in three forms:
 * array∘array, array∘scalar and scalar∘array. Broadcasting runs them row by row, so no function
 * is called per element. (V8 runs `out[i] = a[i] + b[i]` about 1.5× faster than a loop that
 * carries its own strided indices, which is why there is no single strided loop.)
 *
 * @module
 */

import { broadcastStrides } from "./_shape.ts";

/** A binary ufunc: its name, its value on two numbers, and its three loops. */
export interface BinaryOp {
  readonly name: string;
  readonly scalar: (x: number, y: number) => number;
  readonly vv: (a: Float64Array, b: Float64Array, out: Float64Array) => void;
  readonly vs: (a: Float64Array, y: number, out: Float64Array) => void;
  readonly sv: (x: number, b: Float64Array, out: Float64Array) => void;
}

/** `x + y`. */
export const ADD: BinaryOp = {
  name: "add",
  scalar: (x, y) => x + y,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
  },
  vs: (a, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] + y;
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x + b[i];
  },
};

/** `x - y`. */
export const SUBTRACT: BinaryOp = {
  name: "subtract",
  scalar: (x, y) => x - y,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i];
  },
  vs: (a, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] - y;
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x - b[i];
  },
};

/** `x * y`. */
export const MULTIPLY: BinaryOp = {
  name: "multiply",
  scalar: (x, y) => x * y,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i];
  },
  vs: (a, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] * y;
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x * b[i];
  },
};

/** `x / y` (true division). */
export const DIVIDE: BinaryOp = {
  name: "divide",
  scalar: (x, y) => x / y,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] / b[i];
  },
  vs: (a, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] / y;
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x / b[i];
  },
};

/**
 * `x ** y` as C's pow, which NumPy uses: JavaScript's `**` gives NaN for `1 ** NaN` and
 * `(±1) ** ±Infinity`, where C gives 1, and it is not always correctly rounded: `x ** -1` can be
 * an ulp off `1 / x`, which is what a correctly rounded pow gives. (For other exponents V8's `**`
 * may still differ from NumPy in the last bit.)
 */
function pow(x: number, y: number): number {
  if (y === -1) return 1 / x;
  const r = x ** y;
  return r === r || !(x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) ? r : 1;
}

/** `x ** y` for one exponent for the whole array: NumPy takes `sqrt` for 0.5 (`-0.0 ** 0.5` is -0). */
export function powScalarExponent(x: number, y: number): number {
  return y === 0.5 ? Math.sqrt(x) : pow(x, y);
}

/** `x ** y`, as C's pow (see {@linkcode pow}). */
export const POWER: BinaryOp = {
  name: "power",
  scalar: powScalarExponent,
  vv: (a, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = pow(a[i], b[i]);
  },
  vs: (a, y, out) => {
    // x ** 2 is DeZero's most common power (and x ** 1 is in its gradient): a multiply or a copy
    // gives the same numbers many times faster than pow.
    if (y === 2) SQUARE.loop(a, out);
    else if (y === 1) out.set(a);
    else if (y === 0.5) { for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(a[i]); }
    else for (let i = 0; i < out.length; i++) out[i] = pow(a[i], y);
  },
  sv: (x, b, out) => {
    for (let i = 0; i < out.length; i++) out[i] = pow(x, b[i]);
  },
};

/** A unary ufunc: its name, its value on a number, and its loop. */
export interface UnaryOp {
  readonly name: string;
  readonly scalar: (x: number) => number;
  readonly loop: (a: Float64Array, out: Float64Array) => void;
}

/** `-x`. */
export const NEGATIVE: UnaryOp = {
  name: "negative",
  scalar: (x) => -x,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = -a[i];
  },
};

/**
 * `e ** x`: Math.exp per element. The math functions call `Math.*` per element, so each element
 * has the bits a 0-d array gets (tests/elementwise_test.ts measures how far those are from
 * NumPy's and from the exact values).
 */
export const EXP: UnaryOp = {
  name: "exp",
  scalar: Math.exp,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.exp(a[i]);
  },
};

/** `sin(x)`: Math.sin per element. */
export const SIN: UnaryOp = {
  name: "sin",
  scalar: Math.sin,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.sin(a[i]);
  },
};

/** `cos(x)`: Math.cos per element. */
export const COS: UnaryOp = {
  name: "cos",
  scalar: Math.cos,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.cos(a[i]);
  },
};

/** `tanh(x)`: Math.tanh per element. */
export const TANH: UnaryOp = {
  name: "tanh",
  scalar: Math.tanh,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.tanh(a[i]);
  },
};

/** `x * x`. */
export const SQUARE: UnaryOp = {
  name: "square",
  scalar: (x) => x * x,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] * a[i];
  },
};

/**
 * Runs `op` over every row of the output, walking the operands with broadcast strides.
 * Adjacent dimensions that both operands traverse contiguously are merged first, so that
 * `(1000, 1000) + (1000,)` runs 1000 rows of 1000. Along the innermost merged dimension each
 * operand has stride 1 (a contiguous row) or 0 (one value repeated), which picks the loop form.
 */
export function broadcastLoop(
  op: BinaryOp,
  a: Float64Array,
  aShape: readonly number[],
  b: Float64Array,
  bShape: readonly number[],
  out: Float64Array,
  outShape: readonly number[],
): void {
  if (out.length === 0) return;
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const dims: number[] = [];
  const stA: number[] = [];
  const stB: number[] = [];
  for (let i = 0; i < outShape.length; i++) {
    const d = outShape[i];
    if (d === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && stA[last] === sa[i] * d && stB[last] === sb[i] * d) {
      dims[last] *= d;
      stA[last] = sa[i];
      stB[last] = sb[i];
    } else {
      dims.push(d);
      stA.push(sa[i]);
      stB.push(sb[i]);
    }
  }
  if (dims.length === 0) {
    out[0] = op.scalar(a[0], b[0]); // every dimension is 1
    return;
  }
  const inner = dims.length - 1;
  const n = dims[inner];
  const index = new Array<number>(inner).fill(0);
  let ia = 0;
  let ib = 0;
  for (let io = 0; io < out.length; io += n) {
    const row = out.subarray(io, io + n);
    if (stA[inner] === 0) op.sv(a[ia], b.subarray(ib, ib + n), row);
    else if (stB[inner] === 0) op.vs(a.subarray(ia, ia + n), b[ib], row);
    else op.vv(a.subarray(ia, ia + n), b.subarray(ib, ib + n), row);
    // Advance the outer multi-index like an odometer.
    for (let axis = inner - 1; axis >= 0; axis--) {
      ia += stA[axis];
      ib += stB[axis];
      if (++index[axis] < dims[axis]) break;
      ia -= stA[axis] * dims[axis];
      ib -= stB[axis] * dims[axis];
      index[axis] = 0;
    }
  }
}
