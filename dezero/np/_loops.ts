/**
 * The loops of the elementwise ufuncs and the broadcasting that drives them. Each binary loop is
 * a plain `for` over whole typed arrays, in three forms: array∘array, array∘scalar and
 * scalar∘array; broadcasting runs them row by row, so no function is called per element. (V8
 * runs `out[io + i] = a[ia + i] + b[ib + i]` about 1.5× faster than a loop that carries its own strided indices,
 * which is why there is no single strided loop.) The loops compute in doubles and store into the
 * result's storage, which rounds to float32 or wraps to uint8 by itself (`_dtypes.ts` fixes bool
 * and int64 results after).
 *
 * @module
 */

import type { Storage } from "./_dtypes.ts";
import { shapeText } from "./_ndarray.ts";
import { ValueError } from "./_errors.ts";

/** A binary ufunc's loops: its value on two numbers, and its three loops. */
export interface BinaryLoops {
  /** NumPy's name, e.g. `add`. */
  readonly name: string;
  /** `x ∘ y` for two numbers. */
  readonly scalar: (x: number, y: number) => number;
  /** `out[io + i] = a[ia + i] ∘ b[ib + i]` for `i < n`. */
  readonly vv: (
    a: Storage,
    ia: number,
    b: Storage,
    ib: number,
    out: Storage,
    io: number,
    n: number,
  ) => void;
  /** `out[io + i] = a[ia + i] ∘ y` for `i < n`. */
  readonly vs: (a: Storage, ia: number, y: number, out: Storage, io: number, n: number) => void;
  /** `out[io + i] = x ∘ b[ib + i]` for `i < n`. */
  readonly sv: (x: number, b: Storage, ib: number, out: Storage, io: number, n: number) => void;
}

/**
 * The loops of a binary function `f`, for the less frequent ufuncs: `f` is called per element,
 * which V8 does not inline here, so the hot ones below write their loops out.
 */
function loopsOf(name: string, f: (x: number, y: number) => number): BinaryLoops {
  return {
    name,
    scalar: f,
    vv: (a, ia, b, ib, out, io, n) => {
      for (let i = 0; i < n; i++) out[io + i] = f(a[ia + i], b[ib + i]);
    },
    vs: (a, ia, y, out, io, n) => {
      for (let i = 0; i < n; i++) out[io + i] = f(a[ia + i], y);
    },
    sv: (x, b, ib, out, io, n) => {
      for (let i = 0; i < n; i++) out[io + i] = f(x, b[ib + i]);
    },
  };
}

/** `x + y`. */
export const ADD: BinaryLoops = {
  name: "add",
  scalar: (x, y) => x + y,
  vv: (a, ia, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] + b[ib + i];
  },
  vs: (a, ia, y, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] + y;
  },
  sv: (x, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = x + b[ib + i];
  },
};

/** `x - y`. */
export const SUBTRACT: BinaryLoops = {
  name: "subtract",
  scalar: (x, y) => x - y,
  vv: (a, ia, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] - b[ib + i];
  },
  vs: (a, ia, y, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] - y;
  },
  sv: (x, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = x - b[ib + i];
  },
};

/** `x * y`. */
export const MULTIPLY: BinaryLoops = {
  name: "multiply",
  scalar: (x, y) => x * y,
  vv: (a, ia, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] * b[ib + i];
  },
  vs: (a, ia, y, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] * y;
  },
  sv: (x, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = x * b[ib + i];
  },
};

/** `x / y` (true division). */
export const DIVIDE: BinaryLoops = {
  name: "divide",
  scalar: (x, y) => x / y,
  vv: (a, ia, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] / b[ib + i];
  },
  vs: (a, ia, y, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] / y;
  },
  sv: (x, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = x / b[ib + i];
  },
};

/**
 * `x ** y` as C's pow, which NumPy uses: JavaScript's `**` gives NaN for `1 ** NaN` and
 * `(±1) ** ±Infinity`, where C gives 1, and it is not always correctly rounded: `x ** -1` can be
 * an ulp off `1 / x`, which is what a correctly rounded pow gives. (For other exponents V8's `**`
 * may still differ from NumPy in the last bit.)
 */
export function pow(x: number, y: number): number {
  if (y === -1) return 1 / x;
  const r = x ** y;
  return r === r || !(x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) ? r : 1;
}

/** `x ** y` for one exponent for the whole array: NumPy takes `sqrt` for 0.5 (`-0.0 ** 0.5` is -0). */
export function powScalarExponent(x: number, y: number): number {
  return y === 0.5 ? Math.sqrt(x) : pow(x, y);
}

/** `x ** y`, as C's pow (see {@linkcode pow}). */
export const POWER: BinaryLoops = {
  name: "power",
  scalar: powScalarExponent,
  vv: (a, ia, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = pow(a[ia + i], b[ib + i]);
  },
  vs: (a, ia, y, out, io, n) => {
    // x ** 2 is DeZero's most common power (and x ** 1 is in its gradient): a multiply or a copy
    // gives the same numbers many times faster than pow.
    if (y === 2) { for (let i = 0; i < n; i++) out[io + i] = a[ia + i] * a[ia + i]; }
    else if (y === 1) { for (let i = 0; i < n; i++) out[io + i] = a[ia + i]; }
    else if (y === 0.5) { for (let i = 0; i < n; i++) out[io + i] = Math.sqrt(a[ia + i]); }
    else for (let i = 0; i < n; i++) out[io + i] = pow(a[ia + i], y);
  },
  sv: (x, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = pow(x, b[ib + i]);
  },
};

/**
 * `x ** y` for uint8, as NumPy computes it: by squaring, wrapping around at 256 after every
 * product (a double power would lose the low bits for large results).
 */
export const POWER_UINT8: BinaryLoops = loopsOf("power", (x, y) => {
  let result = 1;
  let base = x & 255;
  for (let e = y; e > 0; e >>>= 1) {
    if (e & 1) result = (result * base) & 255;
    base = (base * base) & 255;
  }
  return result;
});

/**
 * NumPy's `maximum`: the larger, NaN if either is NaN, and the second of two equal ones (which
 * tells -0 from 0).
 */
export const MAXIMUM: BinaryLoops = {
  name: "maximum",
  scalar: (x, y) => (x > y || x !== x ? x : y),
  vv: (a, ia, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) {
      const x = a[ia + i];
      const y = b[ib + i];
      out[io + i] = x > y || x !== x ? x : y;
    }
  },
  vs: (a, ia, y, out, io, n) => {
    // ReLU's maximum(x, 0): one comparison per element.
    if (y !== y) out.fill(NaN, io, io + n);
    else {
      for (let i = 0; i < n; i++) {
        const x = a[ia + i];
        out[io + i] = x > y || x !== x ? x : y;
      }
    }
  },
  sv: (x, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) {
      const y = b[ib + i];
      out[io + i] = x > y || x !== x ? x : y;
    }
  },
};

/** NumPy's `minimum`: the smaller, NaN if either is NaN, the second of two equal ones. */
export const MINIMUM: BinaryLoops = loopsOf("minimum", (x, y) => (x < y || x !== x ? x : y));

/** `x > y` as 1/0. */
export const GREATER: BinaryLoops = {
  name: "greater",
  scalar: (x, y) => (x > y ? 1 : 0),
  vv: (a, ia, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] > b[ib + i] ? 1 : 0;
  },
  vs: (a, ia, y, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i] > y ? 1 : 0;
  },
  sv: (x, b, ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = x > b[ib + i] ? 1 : 0;
  },
};

/** `x >= y` as 1/0. */
export const GREATER_EQUAL: BinaryLoops = loopsOf("greater_equal", (x, y) => (x >= y ? 1 : 0));
/** `x < y` as 1/0. */
export const LESS: BinaryLoops = loopsOf("less", (x, y) => (x < y ? 1 : 0));
/** `x <= y` as 1/0. */
export const LESS_EQUAL: BinaryLoops = loopsOf("less_equal", (x, y) => (x <= y ? 1 : 0));
/** `x == y` as 1/0. */
export const EQUAL: BinaryLoops = loopsOf("equal", (x, y) => (x === y ? 1 : 0));
/** `x != y` as 1/0. */
export const NOT_EQUAL: BinaryLoops = loopsOf("not_equal", (x, y) => (x !== y ? 1 : 0));

/** A unary ufunc's loops: its value on a number, and its loop. */
export interface UnaryLoops {
  /** NumPy's name, e.g. `exp`. */
  readonly name: string;
  /** `f(x)` for a number. */
  readonly scalar: (x: number) => number;
  /** `out[i] = f(a[i])`. */
  readonly loop: (a: Storage, out: Storage) => void;
}

/** `-x`. */
export const NEGATIVE: UnaryLoops = {
  name: "negative",
  scalar: (x) => -x,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = -a[i];
  },
};

/** `|x|`. */
export const ABSOLUTE: UnaryLoops = {
  name: "absolute",
  scalar: Math.abs,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.abs(a[i]);
  },
};

/** `x * x`. */
export const SQUARE: UnaryLoops = {
  name: "square",
  scalar: (x) => x * x,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] * a[i];
  },
};

/**
 * `e ** x`: Math.exp per element. The math functions call `Math.*` per element, so each element
 * has the bits a 0-d array gets (tests/elementwise_test.ts measures how far those are from
 * NumPy's and from the exact values).
 */
export const EXP: UnaryLoops = {
  name: "exp",
  scalar: Math.exp,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.exp(a[i]);
  },
};

/** The natural logarithm: Math.log per element. */
export const LOG: UnaryLoops = {
  name: "log",
  scalar: Math.log,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.log(a[i]);
  },
};

/** The square root, correctly rounded (IEEE). */
export const SQRT: UnaryLoops = {
  name: "sqrt",
  scalar: Math.sqrt,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(a[i]);
  },
};

/** `sin(x)`: Math.sin per element. */
export const SIN: UnaryLoops = {
  name: "sin",
  scalar: Math.sin,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.sin(a[i]);
  },
};

/** `cos(x)`: Math.cos per element. */
export const COS: UnaryLoops = {
  name: "cos",
  scalar: Math.cos,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.cos(a[i]);
  },
};

/** `tanh(x)`: Math.tanh per element. */
export const TANH: UnaryLoops = {
  name: "tanh",
  scalar: Math.tanh,
  loop: (a, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.tanh(a[i]);
  },
};

// ---------------------------------------------------------------------------------------------
// Broadcasting

/**
 * The shape two operands broadcast to, by NumPy's rules: align the trailing dimensions; each
 * pair must be equal or contain a 1.
 */
export function broadcastShapes(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a === b) return a;
  const n = Math.max(a.length, b.length);
  let same = a.length === b.length;
  for (let i = 0; same && i < n; i++) same = a[i] === b[i];
  if (same) return a;
  const out = new Array<number>(n);
  for (let i = 1; i <= n; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ValueError(
        `operands could not be broadcast together with shapes ${shapeText(a)} ${shapeText(b)} `,
      );
    }
    out[n - i] = da === 1 ? db : da;
  }
  return out;
}

/** Element strides of `shape` seen as `outShape` (0 along broadcast dimensions). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const strides = new Array<number>(outShape.length).fill(0);
  let stride = 1;
  for (let i = 1; i <= shape.length; i++) {
    const d = shape[shape.length - i];
    strides[outShape.length - i] = d === 1 ? 0 : stride;
    stride *= d;
  }
  return strides;
}

/**
 * Runs `op` over every row of the output, walking the operands with broadcast strides.
 * Adjacent dimensions that both operands traverse contiguously are merged first, so that
 * `(1000, 1000) + (1000,)` runs 1000 rows of 1000. Along the innermost merged dimension each
 * operand has stride 1 (a contiguous row) or 0 (one value repeated), which picks the loop form.
 */
export function broadcastLoop(
  op: BinaryLoops,
  a: Storage,
  aShape: readonly number[],
  b: Storage,
  bShape: readonly number[],
  out: Storage,
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
    if (stA[inner] === 0) op.sv(a[ia], b, ib, out, io, n);
    else if (stB[inner] === 0) op.vs(a, ia, b[ib], out, io, n);
    else op.vv(a, ia, b, ib, out, io, n);
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

/**
 * Copies `src` (of `shape`) into `out` as if broadcast to `outShape` (which it must broadcast
 * to): each element repeated along the broadcast dimensions.
 */
export function broadcastCopy(
  src: Storage,
  shape: readonly number[],
  out: Storage,
  outShape: readonly number[],
): void {
  broadcastLoop(COPY_FIRST, src, shape, src, shape, out, outShape);
}

// `a` copied into the output, `b` ignored (it is `a` again): broadcastCopy's loops.
const COPY_FIRST: BinaryLoops = {
  name: "copy",
  scalar: (x) => x,
  vv: (a, ia, _b, _ib, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i];
  },
  vs: (a, ia, _y, out, io, n) => {
    for (let i = 0; i < n; i++) out[io + i] = a[ia + i];
  },
  sv: (x, _b, _ib, out, io, n) => out.fill(x, io, io + n),
};
