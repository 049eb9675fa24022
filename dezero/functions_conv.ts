/**
 * The book's `dezero/functions_conv.py` (steps 55–58): convolution and pooling of images, batches
 * of shape `(N, C, H, W)`. `F` holds these functions beside those of `functions.ts`, as the book's
 * `functions.py` re-exports them.
 *
 * - `conv2dSimple` and `poolingSimple` (step 57), built from `im2col` and other functions.
 * - `conv2d` (`Conv2d`) and `deconv2d` (`Deconv2d`, the transposed convolution), each the
 *   other's gradient, with `Conv2DGradW` for the filter's gradient; `pooling` (max pooling:
 *   `Pooling`, with `Pooling2DGrad` and `Pooling2DWithIndexes`) and `averagePooling`.
 * - `im2col` and `col2im` as Functions (`Im2col`, `Col2im`, each the other's gradient), and on
 *   arrays, `im2colArray` and `col2imArray`.
 *
 * `im2col` copies each patch of the image under the kernel into a row of a matrix (with
 * `toMatrix`, `(N*OH*OW, C*KH*KW)`; without, the array `(N, C, KH, KW, OH, OW)`), so that a
 * convolution is one matrix product. As in the book, it loops over the kernel's offsets
 * `(kh, kw)` and copies, for each, the strided rows of the (padded) image that the offset reads:
 * no index arithmetic per element. Internally the convolutions lay the patches out in the
 * matrix's order `(N, OH, OW, C, KH, KW)`, so that `np.tensordot` sums over the trailing axes
 * without first reordering them; the sums run over the same elements in the same order as the
 * book's, so the results are the same.
 *
 * Differences from the book: keyword arguments are a trailing options object
 * (`F.conv2d(x, W, b, { stride: 1, pad: 1 })`, `F.pooling(x, 2, { stride: 2 })`,
 * `F.im2col(x, 5, { toMatrix: true })`); without a bias, `Conv2d` and `Deconv2d` are functions of
 * two inputs (the book passes `None` as a third); the gradient of `Conv2DGradW` uses the gradient
 * it is given (the book's uses its own output instead, which gives wrong second derivatives);
 * `Pooling2DWithIndexes` has a backward (`Pooling2DGrad`), so max pooling is differentiable three
 * times. Shapes, kernel sizes, strides and paddings are checked, with messages that say what to
 * write, where the book would fail in NumPy or compute with a wrong shape.
 *
 * @module
 */

import * as check from "./_checks.ts";
import { asVariable, Function, type Operand, Variable } from "./core.ts";
import { broadcastTo, linear, reshape } from "./functions.ts";
import { allocate, type Storage } from "./np/_dtypes.ts";
import { describe, ValueError } from "./np/_errors.ts";
import * as np from "./np/mod.ts";
import { getConvOutsize, getDeconvOutsize } from "./utils.ts";

/** A kernel size, stride or padding: one integer for both axes, or `[height, width]`. */
export type Size = number | readonly [number, number];

/** The options of the convolutions and poolings: the book's keyword arguments. */
export interface ConvOptions {
  /** The step between two applications of the kernel (default 1). */
  stride?: Size;
  /** The zeros added on each side of the image (default 0). */
  pad?: Size;
}

/** The options of `im2col`, `col2im` and their array versions. */
export interface Im2colOptions extends ConvOptions {
  /** Whether the patches are a matrix `(N*OH*OW, C*KH*KW)` (default true). */
  toMatrix?: boolean;
}

/** The options of `deconv2d`. */
export interface Deconv2dOptions extends ConvOptions {
  /** The output's height and width (default: the smallest that the convolution maps back). */
  outsize?: Size | null;
}

// =============================================================================================
// The patches' geometry and the two kernels

/** The sizes of one im2col: image, kernel, stride, padding and output. */
interface Geometry {
  readonly N: number;
  readonly C: number;
  readonly H: number;
  readonly W: number;
  readonly KH: number;
  readonly KW: number;
  readonly SH: number;
  readonly SW: number;
  readonly PH: number;
  readonly PW: number;
  readonly OH: number;
  readonly OW: number;
}

/** The output size of a convolution, and the error when the kernel does not fit. */
function geometry(
  fn: string,
  shape: readonly number[],
  [KH, KW]: readonly [number, number],
  [SH, SW]: readonly [number, number],
  [PH, PW]: readonly [number, number],
): Geometry {
  const [N, C, H, W] = shape;
  const OH = getConvOutsize(H, KH, SH, PH);
  const OW = getConvOutsize(W, KW, SW, PW);
  if (OH < 1 || OW < 1) {
    throw new ValueError(
      `${fn}: a ${KH}×${KW} kernel does not fit an image of ${H}×${W} padded by (${PH}, ${PW}): ` +
        "use a smaller kernel or more padding",
    );
  }
  return { N, C, H, W, KH, KW, SH, SW, PH, PW, OH, OW };
}

/** The six axes of the patches. */
type PatchAxis = "n" | "c" | "kh" | "kw" | "oh" | "ow";

/** The book's layout without `toMatrix`: `(N, C, KH, KW, OH, OW)`. */
const BOOK: readonly PatchAxis[] = ["n", "c", "kh", "kw", "oh", "ow"];
/** The matrix's layout, `(N, OH, OW, C, KH, KW)`: a row per output pixel. */
const MATRIX: readonly PatchAxis[] = ["n", "oh", "ow", "c", "kh", "kw"];
/** Pooling's layout, `(N, C, OH, OW, KH, KW)`: each window's elements together. */
const POOL: readonly PatchAxis[] = ["n", "c", "oh", "ow", "kh", "kw"];

/** The shape of patches laid out in `order`, and the stride of each axis in elements. */
function layout(
  g: Geometry,
  order: readonly PatchAxis[],
): { shape: number[]; strides: Record<PatchAxis, number> } {
  const dims: Record<PatchAxis, number> = {
    n: g.N,
    c: g.C,
    kh: g.KH,
    kw: g.KW,
    oh: g.OH,
    ow: g.OW,
  };
  const strides = { ...dims };
  let stride = 1;
  for (let i = order.length - 1; i >= 0; i--) {
    strides[order[i]] = stride;
    stride *= dims[order[i]];
  }
  return { shape: order.map((axis) => dims[axis]), strides };
}

/**
 * Copies the patches of `img` (already padded: `(N, C, H + 2PH, W + 2PW)`) into `col`, laid out
 * by `s`: for each kernel offset `(j, i)` and output row, one strided row of the image.
 */
function im2colKernel(img: Storage, g: Geometry, col: Storage, s: Record<PatchAxis, number>): void {
  const { N, C, KH, KW, SH, SW, OH, OW } = g;
  const Hp = g.H + 2 * g.PH;
  const Wp = g.W + 2 * g.PW;
  const rowStep = SH * Wp;
  const sOW = s.ow;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const plane = (n * C + c) * Hp * Wp;
      const base = n * s.n + c * s.c;
      for (let j = 0; j < KH; j++) {
        for (let i = 0; i < KW; i++) {
          let src = plane + j * Wp + i;
          let dst = base + j * s.kh + i * s.kw;
          for (let oh = 0; oh < OH; oh++, src += rowStep, dst += s.oh) {
            for (let ow = 0, p = src, d = dst; ow < OW; ow++, p += SW, d += sOW) col[d] = img[p];
          }
        }
      }
    }
  }
}

/** The inverse of `im2colKernel`: adds each patch of `col` back into the padded image `img`. */
function col2imKernel(col: Storage, g: Geometry, img: Storage, s: Record<PatchAxis, number>): void {
  const { N, C, KH, KW, SH, SW, OH, OW } = g;
  const Hp = g.H + 2 * g.PH;
  const Wp = g.W + 2 * g.PW;
  const rowStep = SH * Wp;
  const sOW = s.ow;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const plane = (n * C + c) * Hp * Wp;
      const base = n * s.n + c * s.c;
      for (let j = 0; j < KH; j++) {
        for (let i = 0; i < KW; i++) {
          let dst = plane + j * Wp + i;
          let src = base + j * s.kh + i * s.kw;
          for (let oh = 0; oh < OH; oh++, dst += rowStep, src += s.oh) {
            for (let ow = 0, p = dst, d = src; ow < OW; ow++, p += SW, d += sOW) img[p] += col[d];
          }
        }
      }
    }
  }
}

/** The patches of `img` laid out in `order` (the storage, and the order's shape). */
function im2colLayout(
  img: np.NDArray,
  g: Geometry,
  order: readonly PatchAxis[],
): { data: Storage; shape: number[] } {
  const { PH, PW } = g;
  // The book pads SH - 1 more rows and SW - 1 more columns, for its slices' ends; this reads
  // only rows and columns that exist.
  const padded = PH === 0 && PW === 0
    ? img
    : np.pad(img, [[0, 0], [0, 0], [PH, PH], [PW, PW]], { constantValues: 0 });
  const { shape, strides } = layout(g, order);
  const data = allocate(img.dtype, g.N * g.C * g.KH * g.KW * g.OH * g.OW);
  im2colKernel(padded.data, g, data, strides);
  return { data, shape };
}

/** The image `(N, C, H, W)` whose patches, laid out in `order`, are `col`, summed where they overlap. */
function col2imLayout(
  col: Storage,
  dtype: np.DType,
  g: Geometry,
  order: readonly PatchAxis[],
): np.NDArray {
  const { N, C, H, W, PH, PW } = g;
  const Hp = H + 2 * PH;
  const Wp = W + 2 * PW;
  const padded = allocate(dtype, N * C * Hp * Wp);
  col2imKernel(col, g, padded, layout(g, order).strides);
  if (dtype === "bool") { // NumPy's += on booleans is a logical or
    for (let p = 0; p < padded.length; p++) padded[p] = padded[p] === 0 ? 0 : 1;
  }
  if (PH === 0 && PW === 0) return new np.NDArray([N, C, H, W], dtype, padded);
  const img = allocate(dtype, N * C * H * W);
  for (let plane = 0, o = 0; plane < N * C; plane++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0, p = (plane * Hp + y + PH) * Wp + PW; x < W; x++) img[o++] = padded[p++];
    }
  }
  return new np.NDArray([N, C, H, W], dtype, img);
}

// =============================================================================================
// Arguments

function checkArray(fn: string, name: string, a: unknown): asserts a is np.NDArray {
  if (!(a instanceof np.NDArray)) {
    throw new TypeError(`${fn}: ${name} must be an NDArray, not ${describe(a)}`);
  }
}

function checkShape4(fn: string, shape: unknown): readonly number[] {
  const ok = Array.isArray(shape) && shape.length === 4 &&
    shape.every((d) => typeof d === "number" && Number.isInteger(d) && d >= 0);
  if (!ok) {
    throw new TypeError(
      `${fn}: the image shape must be [N, C, H, W], four integers, not ${describe(shape)}`,
    );
  }
  return shape;
}

/**
 * The inputs of a convolution: `x` images, `W` a 4-d filter whose axis `cAxis` matches `x`'s
 * channels, `b` (if given) one value per output channel, on axis `1 - cAxis` of `W`.
 */
function checkConvInputs(
  fn: string,
  f: Function,
  xs: np.NDArray[],
  cAxis: 0 | 1,
): [np.NDArray, np.NDArray, np.NDArray | undefined] {
  check.checkInputCount(f, xs.length, 2, 3, "x, W and optionally b");
  const [x, W, b] = xs;
  check.checkImages(fn, "x", x.shape);
  if (W.ndim !== 4) {
    const kind = cAxis === 1 ? "(OC, C, KH, KW)" : "(C, OC, KH, KW)";
    throw new ValueError(`${fn}: W must be a filter of shape ${kind}, got shape (${W.shape})`);
  }
  if (W.shape[cAxis] !== x.shape[1]) {
    throw new ValueError(
      `${fn}: W of shape (${W.shape.join(", ")}) takes ${W.shape[cAxis]} input channels ` +
        `(its axis ${cAxis}), but x of shape (${x.shape.join(", ")}) has ${x.shape[1]}`,
    );
  }
  const OC = W.shape[1 - cAxis];
  if (b !== undefined && (b.ndim !== 1 || b.shape[0] !== OC)) {
    throw new ValueError(
      `${fn}: b must hold one value per output channel, shape (${OC},), got shape ` +
        `(${b.shape.join(", ")})`,
    );
  }
  return [x, W, b];
}

/** Checks that an array matches the pooling's output (`pooled`): `gy`, or `x` once pooled. */
function checkPooled(
  fn: string,
  name: string,
  shape: readonly number[],
  pooled: readonly number[],
): void {
  if (shape.length !== pooled.length || shape.some((d, i) => d !== pooled[i])) {
    throw new ValueError(
      `${fn}: ${name} gives (${shape.join(", ")}), but the pooling it comes from gave ` +
        `(${pooled.join(", ")})`,
    );
  }
}

const CONV_OPTIONS: readonly (keyof ConvOptions)[] = ["stride", "pad"];

// =============================================================================================
// [simple version] conv2dSimple / poolingSimple

/**
 * A convolution from `im2col`, `reshape`, `transpose` and `linear` (step 57's first version):
 * images `x` `(N, C, H, W)`, filters `W` `(OC, C, KH, KW)`, bias `b` `(OC,)` or `null`, giving
 * `(N, OC, OH, OW)`.
 *
 * @param x the images
 * @param W the filters
 * @param b the bias, or `null`
 * @param options `stride` and `pad`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.random.randn(1, 5, 15, 15));
 * const W = np.random.randn(8, 5, 3, 3);
 * const y = F.conv2dSimple(x, W, null, { stride: 1, pad: 1 });
 * y.backward();
 * assert.deepEqual([y.shape, x.grad?.shape], [[1, 8, 15, 15], [1, 5, 15, 15]]);
 * ```
 */
export function conv2dSimple(
  x: Operand,
  W: Operand,
  b: Operand | null = null,
  options: ConvOptions = {},
): Variable {
  const { stride = 1, pad = 0 } = check.checkOptions(
    "F.conv2dSimple",
    options,
    CONV_OPTIONS,
    "F.conv2dSimple(x, W, null, { stride: 1, pad: 1 })",
  );
  const xv = asVariable(x);
  const Weight = asVariable(W);
  check.checkImages("F.conv2dSimple", "x", xv.shape);
  if (Weight.ndim !== 4 || Weight.shape[1] !== xv.shape[1]) {
    throw new ValueError(
      `F.conv2dSimple: W must have shape (OC, ${xv.shape[1]}, KH, KW) for x of shape ` +
        `(${xv.shape.join(", ")}), got (${Weight.shape.join(", ")})`,
    );
  }
  const [N, , H, Wd] = xv.shape;
  const [OC, , KH, KW] = Weight.shape;
  const [SH, SW] = check.checkPair("F.conv2dSimple", "stride", stride, 1);
  const [PH, PW] = check.checkPair("F.conv2dSimple", "pad", pad, 0);
  const OH = getConvOutsize(H, KH, SH, PH);
  const OW = getConvOutsize(Wd, KW, SW, PW);

  const col = im2col(xv, [KH, KW], { stride, pad, toMatrix: true });
  const Wt = Weight.reshape(OC, -1).transpose();
  const t = linear(col, Wt, b);
  const y = t.reshape(N, OH, OW, OC).transpose(0, 3, 1, 2);
  return y;
}

/**
 * Max pooling from `im2col`, `reshape` and `max` (step 57's first version): the largest value of
 * each `kernelSize` window of each channel.
 *
 * @param x the images, `(N, C, H, W)`
 * @param kernelSize the window's size
 * @param options `stride` and `pad`
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = np.arange(16).reshape(1, 1, 4, 4);
 * const y = F.poolingSimple(x, 2, { stride: 2 });
 * assert.equal(y.toString(), "variable([[[[ 5  7]\n            [13 15]]]])");
 * ```
 */
export function poolingSimple(x: Operand, kernelSize: Size, options: ConvOptions = {}): Variable {
  const { stride = 1, pad = 0 } = check.checkOptions(
    "F.poolingSimple",
    options,
    CONV_OPTIONS,
    "F.poolingSimple(x, 2, { stride: 2 })",
  );
  const xv = asVariable(x);
  check.checkImages("F.poolingSimple", "x", xv.shape);
  const [N, C, H, W] = xv.shape;
  const [KH, KW] = check.checkPair("F.poolingSimple", "kernelSize", kernelSize, 1);
  const [PH, PW] = check.checkPair("F.poolingSimple", "pad", pad, 0);
  const [SH, SW] = check.checkPair("F.poolingSimple", "stride", stride, 1);
  const OH = getConvOutsize(H, KH, SH, PH);
  const OW = getConvOutsize(W, KW, SW, PW);

  let col = im2col(xv, kernelSize, { stride, pad, toMatrix: true });
  col = col.reshape(-1, KH * KW);
  let y = col.max({ axis: 1 });
  y = y.reshape(N, OH, OW, C).transpose(0, 3, 1, 2);
  return y;
}

// =============================================================================================
// conv2d / deconv2d

/**
 * The convolution `y = conv(x, W) + b`: images `x` `(N, C, H, W)`, filters `W`
 * `(OC, C, KH, KW)`, bias `b` `(OC,)` (an optional third input), giving `(N, OC, OH, OW)`. The
 * gradients are `deconv2d(gy, W)` for `x`, `Conv2DGradW` for `W`, and `gy` summed over
 * `(N, OH, OW)` for `b`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = new F.Conv2d(1, 1).forward(np.ones([1, 1, 3, 3]), np.ones([1, 1, 3, 3]));
 * assert.equal(y.toString(), "[[[[4. 6. 4.]\n   [6. 9. 6.]\n   [4. 6. 4.]]]]");
 * ```
 */
export class Conv2d extends Function {
  /** The stride, `[SH, SW]`. */
  readonly stride: [number, number];
  /** The padding, `[PH, PW]`. */
  readonly pad: [number, number];

  /**
   * @param stride the stride
   * @param pad the padding
   */
  constructor(stride: Size = 1, pad: Size = 0) {
    super();
    this.stride = check.checkPair("F.Conv2d", "stride", stride, 1);
    this.pad = check.checkPair("F.Conv2d", "pad", pad, 0);
  }

  /**
   * `tensordot(im2col(x), W) + b`, with the output's channels moved to axis 1.
   *
   * @param xs `x`, `W` and optionally `b`
   */
  override forward(...xs: np.NDArray[]): np.NDArray {
    const [x, W, b] = checkConvInputs("F.conv2d", this, xs, 1);
    const g = geometry("F.conv2d", x.shape, [W.shape[2], W.shape[3]], this.stride, this.pad);
    const { data, shape } = im2colLayout(x, g, MATRIX); // (N, OH, OW, C, KH, KW)
    const col = new np.NDArray(shape, x.dtype, data);
    let y = np.tensordot(col, W, [[3, 4, 5], [1, 2, 3]]); // (N, OH, OW, OC)
    if (b !== undefined) y = y.add(b);
    return y.transpose(0, 3, 1, 2);
  }

  /**
   * `[deconv2d(gy, W), Conv2DGradW(gy), sum(gy, (0, 2, 3))]` (without `b`, the first two).
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable[] {
    const [x, W, b] = this.inputs;
    const gx = deconv2d(gy, W, null, {
      stride: this.stride,
      pad: this.pad,
      outsize: [x.shape[2], x.shape[3]],
    });
    const gW = new Conv2DGradW(this).call(x, gy);
    if (b === undefined) return [gx, gW];
    const gb = gy.sum({ axis: [0, 2, 3] });
    return [gx, gW, gb];
  }
}

/**
 * The convolution of the images `x` `(N, C, H, W)` with the filters `W` `(OC, C, KH, KW)`, plus
 * the bias `b` `(OC,)` if given: `(N, OC, OH, OW)`, with
 * `OH = floor((H + 2 * pad - KH) / stride) + 1` (and `OW` alike).
 *
 * @param x the images
 * @param W the filters
 * @param b the bias, or `null`
 * @param options `stride` and `pad`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.random.randn(2, 3, 8, 8));
 * const W = new Variable(np.random.randn(4, 3, 3, 3));
 * const y = F.conv2d(x, W, np.zeros([4]), { stride: 2, pad: 1 });
 * y.backward();
 * assert.deepEqual([y.shape, x.grad?.shape, W.grad?.shape], [[2, 4, 4, 4], [2, 3, 8, 8], [4, 3, 3, 3]]);
 * assert.throws(() => F.conv2d(x, W, null, 1 as never), /F\.conv2d\(x, W, b, \{ stride: 1, pad: 1 \}\)/);
 * ```
 */
export function conv2d(
  x: Operand,
  W: Operand,
  b: Operand | null = null,
  options: ConvOptions = {},
): Variable {
  const { stride = 1, pad = 0 } = check.checkOptions(
    "F.conv2d",
    options,
    CONV_OPTIONS,
    "F.conv2d(x, W, b, { stride: 1, pad: 1 })",
  );
  const f = new Conv2d(stride, pad);
  return b === null || b === undefined ? f.call(x, W) : f.call(x, W, b);
}

/**
 * The transposed convolution ("deconvolution"), the gradient of `conv2d` with respect to its
 * input: images `x` `(N, C, H, W)`, filters `W` `(C, OC, KH, KW)`, bias `b` `(OC,)`, giving
 * `(N, OC, OH, OW)` with `OH = stride * (H - 1) + KH - 2 * pad` unless `outsize` says otherwise.
 * Its gradients are `conv2d(gy, W)` for `x`, `Conv2DGradW` for `W`, and `gy`'s sum for `b`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = new F.Deconv2d(2).forward(np.ones([1, 1, 2, 2]), np.ones([1, 1, 2, 2]));
 * assert.deepEqual(y.shape, [1, 1, 4, 4]);
 * ```
 */
export class Deconv2d extends Function {
  /** The stride, `[SH, SW]`. */
  readonly stride: [number, number];
  /** The padding, `[PH, PW]`. */
  readonly pad: [number, number];
  /** The output's `[height, width]`, or `null` for the default. */
  readonly outsize: [number, number] | null;

  /**
   * @param stride the stride
   * @param pad the padding
   * @param outsize the output's height and width (`null`: the default)
   */
  constructor(stride: Size = 1, pad: Size = 0, outsize: Size | null = null) {
    super();
    this.stride = check.checkPair("F.Deconv2d", "stride", stride, 1);
    this.pad = check.checkPair("F.Deconv2d", "pad", pad, 0);
    this.outsize = outsize === null ? null : check.checkPair("F.Deconv2d", "outsize", outsize, 1);
  }

  /**
   * `col2im(tensordot(x, W))`: each input pixel spreads its filter-weighted values over a
   * `KH×KW` window of the output.
   *
   * @param xs `x`, `W` and optionally `b`
   */
  override forward(...xs: np.NDArray[]): np.NDArray {
    const [x, Weight, b] = checkConvInputs("F.deconv2d", this, xs, 0);
    const [SH, SW] = this.stride;
    const [PH, PW] = this.pad;
    const [, OC, KH, KW] = Weight.shape;
    const [N, , H, W] = x.shape;
    const [outH, outW] = this.outsize ??
      [getDeconvOutsize(H, KH, SH, PH), getDeconvOutsize(W, KW, SW, PW)];
    const g = geometry("F.deconv2d", [N, OC, outH, outW], [KH, KW], this.stride, this.pad);
    if (g.OH !== H || g.OW !== W) {
      throw new ValueError(
        `F.deconv2d: an output of ${outH}×${outW} does not fit an input of ${H}×${W}: ` +
          `convolving it back gives ${g.OH}×${g.OW} (leave outsize out for ` +
          `${getDeconvOutsize(H, KH, SH, PH)}×${getDeconvOutsize(W, KW, SW, PW)})`,
      );
    }
    // (N, H, W, OC, KH, KW): the patches of the output in the matrix's layout. The book computes
    // tensordot(W, x, (0, 1)) and moves the axes: the same sums.
    const gcol = np.tensordot(x, Weight, [[1], [0]]);
    let y = col2imLayout(gcol.data, gcol.dtype, g, MATRIX);
    if (b !== undefined) y = y.add(b.reshape(1, OC, 1, 1));
    return y;
  }

  /**
   * `[conv2d(gy, W), Conv2DGradW(gy, x), sum(gy, (0, 2, 3))]` (without `b`, the first two).
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable[] {
    const [x, W, b] = this.inputs;
    const gx = conv2d(gy, W, null, { stride: this.stride, pad: this.pad });
    const gW = new Conv2DGradW(this).call(gy, x);
    if (b === undefined) return [gx, gW];
    const gb = gy.sum({ axis: [0, 2, 3] });
    return [gx, gW, gb];
  }
}

/**
 * The transposed convolution of the images `x` `(N, C, H, W)` with the filters `W`
 * `(C, OC, KH, KW)`, plus the bias `b` `(OC,)` if given: `(N, OC, OH, OW)`, by default
 * `OH = stride * (H - 1) + KH - 2 * pad`, the largest size that `conv2d` maps back to `H`;
 * `outsize` picks another such size.
 *
 * @param x the images
 * @param W the filters
 * @param b the bias, or `null`
 * @param options `stride`, `pad` and `outsize`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.random.randn(1, 3, 4, 4));
 * const W = new Variable(np.random.randn(3, 2, 3, 3));
 * const y = F.deconv2d(x, W, null, { stride: 2, pad: 1 });
 * y.backward();
 * assert.deepEqual([y.shape, x.grad?.shape], [[1, 2, 7, 7], [1, 3, 4, 4]]);
 * assert.deepEqual(F.deconv2d(x, W, null, { stride: 2, pad: 1, outsize: 8 }).shape, [1, 2, 8, 8]);
 * ```
 */
export function deconv2d(
  x: Operand,
  W: Operand,
  b: Operand | null = null,
  options: Deconv2dOptions = {},
): Variable {
  const { stride = 1, pad = 0, outsize = null } = check.checkOptions(
    "F.deconv2d",
    options,
    ["stride", "pad", "outsize"],
    "F.deconv2d(x, W, b, { stride: 2, pad: 1 })",
  );
  const f = new Deconv2d(stride, pad, outsize);
  return b === null || b === undefined ? f.call(x, W) : f.call(x, W, b);
}

/**
 * The gradient of a convolution's filter: `gW = tensordot(gy, im2col(x))`, summed over the
 * batch and the output pixels, for the `Conv2d` (or `Deconv2d`) it is made from. Its own
 * gradients, for the gradient `ggW` of its output, are `deconv2d(gy, ggW)` for `x` and
 * `conv2d(x, ggW)` for `gy`.
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const conv = new F.Conv2d(1, 1);
 * conv.call(np.ones([1, 1, 3, 3]), new Variable(np.ones([1, 1, 3, 3])));
 * const gW = new F.Conv2DGradW(conv).forward(np.ones([1, 1, 3, 3]), np.ones([1, 1, 3, 3]));
 * assert.equal(gW.toString(), "[[[[4. 6. 4.]\n   [6. 9. 6.]\n   [4. 6. 4.]]]]");
 * ```
 */
export class Conv2DGradW extends Function {
  /** The filter's `[KH, KW]`. */
  readonly kernelSize: [number, number];
  /** The stride, `[SH, SW]`. */
  readonly stride: [number, number];
  /** The padding, `[PH, PW]`. */
  readonly pad: [number, number];

  /** @param conv2d the convolution whose filter's gradient this computes (after its call) */
  constructor(conv2d: Conv2d | Deconv2d) {
    super();
    const W = conv2d.inputs[1];
    if (W === undefined) {
      throw new TypeError(
        "F.Conv2DGradW takes a Conv2d or Deconv2d that has been called with backprop enabled",
      );
    }
    this.kernelSize = [W.shape[2], W.shape[3]];
    this.stride = conv2d.stride;
    this.pad = conv2d.pad;
  }

  /**
   * `tensordot(gy, im2col(x))` over `(N, OH, OW)`.
   *
   * @param x the convolution's input
   * @param gy the gradient of its output
   */
  override forward(x: np.NDArray, gy: np.NDArray): np.NDArray {
    check.checkImages("F.Conv2DGradW", "x", x.shape);
    check.checkImages("F.Conv2DGradW", "gy", gy.shape);
    const g = geometry("F.Conv2DGradW", x.shape, this.kernelSize, this.stride, this.pad);
    const { data, shape } = im2colLayout(x, g, MATRIX); // (N, OH, OW, C, KH, KW)
    const col = new np.NDArray(shape, x.dtype, data);
    const gW = np.tensordot(gy, col, [[0, 2, 3], [0, 1, 2]]);
    return gW;
  }

  /**
   * `[deconv2d(gy, ggW), conv2d(x, ggW)]`.
   *
   * @param ggW the gradient of the output
   */
  override backward(ggW: Variable): [Variable, Variable] {
    const [x, gy] = this.inputs;
    const [xh, xw] = x.shape.slice(2);
    const options = { stride: this.stride, pad: this.pad };
    const gx = deconv2d(gy, ggW, null, { ...options, outsize: [xh, xw] });
    const ggy = conv2d(x, ggW, null, options);
    return [gx, ggy];
  }
}

// =============================================================================================
// pooling (max pooling) / averagePooling

/**
 * Max pooling: the largest value of each window of each channel (padding adds zeros, as in the
 * book). It keeps where each maximum was (`indexes`) for its gradient, `Pooling2DGrad`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = new F.Pooling(2, 2).forward(np.arange(16).reshape(1, 1, 4, 4));
 * assert.equal(y.toString(), "[[[[ 5  7]\n   [13 15]]]]");
 * ```
 */
export class Pooling extends Function {
  /** The window's `[KH, KW]`. */
  readonly kernelSize: [number, number];
  /** The stride, `[SH, SW]`. */
  readonly stride: [number, number];
  /** The padding, `[PH, PW]`. */
  readonly pad: [number, number];
  /** Where each window's maximum is, `(N, C, OH, OW)` indices into the window; set by forward. */
  indexes: np.NDArray | null = null;

  /**
   * @param kernelSize the window's size
   * @param stride the stride
   * @param pad the padding
   */
  constructor(kernelSize: Size, stride: Size = 1, pad: Size = 0) {
    super();
    this.kernelSize = check.checkPair("F.Pooling", "kernelSize", kernelSize, 1);
    this.stride = check.checkPair("F.Pooling", "stride", stride, 1);
    this.pad = check.checkPair("F.Pooling", "pad", pad, 0);
  }

  /**
   * The windows' maxima, and their places in `indexes` (the first maximum of a window).
   *
   * @param x the images
   */
  override forward(x: np.NDArray): np.NDArray {
    check.checkImages("F.pooling", "x", x.shape);
    const g = geometry("F.pooling", x.shape, this.kernelSize, this.stride, this.pad);
    const { data } = im2colLayout(x, g, POOL);
    const col = new np.NDArray([g.N, g.C, g.OH, g.OW, g.KH * g.KW], x.dtype, data);
    this.indexes = col.argmax({ axis: 4 });
    const y = col.max({ axis: 4 });
    return y;
  }

  /**
   * `Pooling2DGrad(this)(gy)`.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    return new Pooling2DGrad(this).call(gy);
  }
}

/**
 * The gradient of max pooling: each window's gradient goes to the place of its maximum (summed
 * where windows overlap). Its own gradient is `Pooling2DWithIndexes`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const pool = new F.Pooling(2, 2);
 * pool.call(np.array([[[[1, 2], [4, 3]]]]));
 * const gx = new F.Pooling2DGrad(pool).forward(np.array([[[[10]]]]));
 * assert.equal(gx.toString(), "[[[[ 0.  0.]\n   [10.  0.]]]]");
 * ```
 */
export class Pooling2DGrad extends Function {
  /** The window's `[KH, KW]`. */
  readonly kernelSize: [number, number];
  /** The stride, `[SH, SW]`. */
  readonly stride: [number, number];
  /** The padding, `[PH, PW]`. */
  readonly pad: [number, number];
  /** The pooling's input shape. */
  readonly inputShape: readonly number[];
  /** The pooling's input dtype. */
  readonly dtype: np.DType;
  /** The places of the maxima. */
  readonly indexes: np.NDArray;

  /** @param mpool2d the pooling, after its call */
  constructor(readonly mpool2d: Pooling) {
    super();
    const x = mpool2d.inputs[0];
    if (x === undefined || mpool2d.indexes === null) {
      throw new TypeError("F.Pooling2DGrad takes a Pooling that has been called with backprop");
    }
    this.kernelSize = mpool2d.kernelSize;
    this.stride = mpool2d.stride;
    this.pad = mpool2d.pad;
    this.inputShape = x.shape;
    this.dtype = x.dtype;
    this.indexes = mpool2d.indexes;
  }

  /**
   * The windows' patches, zero except `gy` at each maximum, summed back into an image.
   *
   * @param gy the gradient of the pooling's output
   */
  override forward(gy: np.NDArray): np.NDArray {
    const g = geometry("F.pooling", this.inputShape, this.kernelSize, this.stride, this.pad);
    checkPooled("F.Pooling2DGrad", "gy", gy.shape, this.indexes.shape);
    const KK = g.KH * g.KW;
    const gcol = allocate(this.dtype, this.indexes.size * KK);
    const indexes = this.indexes.data;
    const values = (gy.dtype === this.dtype ? gy : gy.astype(this.dtype)).data;
    for (let p = 0; p < indexes.length; p++) gcol[p * KK + indexes[p]] = values[p];
    return col2imLayout(gcol, this.dtype, g, POOL);
  }

  /**
   * `Pooling2DWithIndexes(mpool2d)(ggx)`.
   *
   * @param ggx the gradient of the output
   */
  override backward(ggx: Variable): Variable {
    return new Pooling2DWithIndexes(this.mpool2d).call(ggx);
  }
}

/**
 * The gradient of `Pooling2DGrad`: from each window of `x`, the value at the place where the
 * pooling found its maximum. Its gradient is `Pooling2DGrad` again.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const pool = new F.Pooling(2, 2);
 * pool.call(np.array([[[[1, 2], [4, 3]]]]));
 * const y = new F.Pooling2DWithIndexes(pool).forward(np.array([[[[5, 6], [7, 8]]]]));
 * assert.equal(y.toString(), "[[[[7.]]]]");
 * ```
 */
export class Pooling2DWithIndexes extends Function {
  /** The window's `[KH, KW]`. */
  readonly kernelSize: [number, number];
  /** The stride, `[SH, SW]`. */
  readonly stride: [number, number];
  /** The padding, `[PH, PW]`. */
  readonly pad: [number, number];
  /** The places of the maxima. */
  readonly indexes: np.NDArray;

  /** @param mpool2d the pooling, after its call */
  constructor(readonly mpool2d: Pooling) {
    super();
    if (mpool2d.indexes === null) {
      throw new TypeError("F.Pooling2DWithIndexes takes a Pooling that has been called");
    }
    this.kernelSize = mpool2d.kernelSize;
    this.stride = mpool2d.stride;
    this.pad = mpool2d.pad;
    this.indexes = mpool2d.indexes;
  }

  /**
   * `x`'s value at each window's recorded place.
   *
   * @param x the images, of the pooling's input shape
   */
  override forward(x: np.NDArray): np.NDArray {
    check.checkImages("F.Pooling2DWithIndexes", "x", x.shape);
    const g = geometry("F.pooling", x.shape, this.kernelSize, this.stride, this.pad);
    checkPooled("F.Pooling2DWithIndexes", "x", [g.N, g.C, g.OH, g.OW], this.indexes.shape);
    const { data } = im2colLayout(x, g, POOL);
    const KK = g.KH * g.KW;
    const indexes = this.indexes.data;
    const y = allocate(x.dtype, indexes.length);
    for (let p = 0; p < indexes.length; p++) y[p] = data[p * KK + indexes[p]];
    return new np.NDArray([g.N, g.C, g.OH, g.OW], x.dtype, y);
  }

  /**
   * `Pooling2DGrad(mpool2d)(gy)` (the book has no backward here).
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    return new Pooling2DGrad(this.mpool2d).call(gy);
  }
}

/**
 * Max pooling of the images `x` `(N, C, H, W)`: the largest value of each `kernelSize` window of
 * each channel, `(N, C, OH, OW)`. Padding adds zeros, as in the book (they win over negative
 * values).
 *
 * @param x the images
 * @param kernelSize the window's size
 * @param options `stride` and `pad`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[[[1, 2], [4, 3]]]]));
 * const y = F.pooling(x, 2, { stride: 2 });
 * y.backward();
 * assert.equal(y.toString(), "variable([[[[4.]]]])");
 * assert.equal(x.grad?.toString(), "variable([[[[0. 0.]\n            [1. 0.]]]])");
 * assert.throws(() => F.pooling(x, 2, 2 as never), /F\.pooling\(x, 2, \{ stride: 2 \}\)/);
 * ```
 */
export function pooling(x: Operand, kernelSize: Size, options: ConvOptions = {}): Variable {
  const { stride = 1, pad = 0 } = check.checkOptions(
    "F.pooling",
    options,
    CONV_OPTIONS,
    "F.pooling(x, 2, { stride: 2 })",
  );
  return new Pooling(kernelSize, stride, pad).call(x);
}

/**
 * Average pooling: the mean of each window of each channel (padding counts as zeros in the
 * mean). The gradient spreads `gy / (KH * KW)` over each window.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const y = new F.AveragePooling(2, 2).forward(np.arange(16).reshape(1, 1, 4, 4));
 * assert.equal(y.toString(), "[[[[ 2.5  4.5]\n   [10.5 12.5]]]]");
 * ```
 */
export class AveragePooling extends Function {
  /** The window's `[KH, KW]`. */
  readonly kernelSize: [number, number];
  /** The stride, `[SH, SW]`. */
  readonly stride: [number, number];
  /** The padding, `[PH, PW]`. */
  readonly pad: [number, number];
  /** The input's shape, for backward. */
  inputShape: readonly number[] = [];

  /**
   * @param kernelSize the window's size
   * @param stride the stride
   * @param pad the padding
   */
  constructor(kernelSize: Size, stride: Size = 1, pad: Size = 0) {
    super();
    this.kernelSize = check.checkPair("F.AveragePooling", "kernelSize", kernelSize, 1);
    this.stride = check.checkPair("F.AveragePooling", "stride", stride, 1);
    this.pad = check.checkPair("F.AveragePooling", "pad", pad, 0);
  }

  /**
   * The windows' means.
   *
   * @param x the images
   */
  override forward(x: np.NDArray): np.NDArray {
    check.checkImages("F.averagePooling", "x", x.shape);
    this.inputShape = x.shape;
    const g = geometry("F.averagePooling", x.shape, this.kernelSize, this.stride, this.pad);
    const { data } = im2colLayout(x, g, POOL);
    const col = new np.NDArray([g.N, g.C, g.OH, g.OW, g.KH * g.KW], x.dtype, data);
    const y = col.mean({ axis: 4 });
    return y;
  }

  /**
   * `col2im` of `gy / (KH * KW)` repeated over each window.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const [N, C, OH, OW] = gy.shape;
    const [KH, KW] = this.kernelSize;
    const g = gy.div(KH * KW);
    const gcol = broadcastTo(reshape(g, [N, C, 1, 1, OH, OW]), [N, C, KH, KW, OH, OW]);
    const gx = col2im(gcol, this.inputShape, this.kernelSize, {
      stride: this.stride,
      pad: this.pad,
      toMatrix: false,
    });
    return gx;
  }
}

/**
 * Average pooling of the images `x` `(N, C, H, W)`: the mean of each `kernelSize` window of each
 * channel, `(N, C, OH, OW)` (ResNet's global average pooling takes the whole image as window).
 *
 * @param x the images
 * @param kernelSize the window's size
 * @param options `stride` and `pad`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([[[[1, 2], [4, 3]]]]));
 * const y = F.averagePooling(x, 2);
 * y.backward();
 * assert.equal(y.toString(), "variable([[[[2.5]]]])");
 * assert.equal(x.grad?.toString(), "variable([[[[0.25 0.25]\n            [0.25 0.25]]]])");
 * ```
 */
export function averagePooling(x: Operand, kernelSize: Size, options: ConvOptions = {}): Variable {
  const { stride = 1, pad = 0 } = check.checkOptions(
    "F.averagePooling",
    options,
    CONV_OPTIONS,
    "F.averagePooling(x, 2, { stride: 2 })",
  );
  return new AveragePooling(kernelSize, stride, pad).call(x);
}

// =============================================================================================
// im2col / col2im

const IM2COL_OPTIONS: readonly (keyof Im2colOptions)[] = ["stride", "pad", "toMatrix"];

/** The options of `im2col` and friends, checked, with their defaults. */
function im2colOptions(
  fn: string,
  options: Im2colOptions,
  example: string,
): { stride: [number, number]; pad: [number, number]; toMatrix: boolean } {
  const { stride = 1, pad = 0, toMatrix = true } = check.checkOptions(
    fn,
    options,
    IM2COL_OPTIONS,
    example,
  );
  if (typeof toMatrix !== "boolean") {
    throw new TypeError(`${fn}: toMatrix must be true or false, not ${describe(toMatrix)}`);
  }
  return {
    stride: check.checkPair(fn, "stride", stride, 1),
    pad: check.checkPair(fn, "pad", pad, 0),
    toMatrix,
  };
}

/**
 * `y = im2col(x)`: the patches of the images; the gradient is `col2im(gy)`, which adds each
 * patch's gradient back where the patch came from.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const col = new F.Im2col(2, 1, 0, true).forward(np.arange(9).reshape(1, 1, 3, 3));
 * assert.equal(col.toString(), "[[0 1 3 4]\n [1 2 4 5]\n [3 4 6 7]\n [4 5 7 8]]");
 * ```
 */
export class Im2col extends Function {
  /** The input's shape, for backward. */
  inputShape: readonly number[] = [];
  /** The kernel's `[KH, KW]`. */
  readonly kernelSize: [number, number];
  /** The stride, `[SH, SW]`. */
  readonly stride: [number, number];
  /** The padding, `[PH, PW]`. */
  readonly pad: [number, number];

  /**
   * @param kernelSize the kernel's size
   * @param stride the stride
   * @param pad the padding
   * @param toMatrix whether the patches are a matrix `(N*OH*OW, C*KH*KW)`
   */
  constructor(kernelSize: Size, stride: Size, pad: Size, readonly toMatrix: boolean) {
    super();
    this.kernelSize = check.checkPair("F.Im2col", "kernelSize", kernelSize, 1);
    this.stride = check.checkPair("F.Im2col", "stride", stride, 1);
    this.pad = check.checkPair("F.Im2col", "pad", pad, 0);
  }

  /**
   * `im2colArray(x)`.
   *
   * @param x the images
   */
  override forward(x: np.NDArray): np.NDArray {
    this.inputShape = x.shape;
    const { kernelSize, stride, pad, toMatrix } = this;
    const y = im2colArray(x, kernelSize, { stride, pad, toMatrix });
    return y;
  }

  /**
   * `col2im(gy)`.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const { kernelSize, stride, pad, toMatrix } = this;
    const gx = col2im(gy, this.inputShape, kernelSize, { stride, pad, toMatrix });
    return gx;
  }
}

/**
 * The patches of the images `x` `(N, C, H, W)` under a `kernelSize` kernel as a graph node: with
 * `toMatrix` (the default) a matrix with one row per output pixel, `(N*OH*OW, C*KH*KW)`; without,
 * the array `(N, C, KH, KW, OH, OW)`.
 *
 * @param x the images
 * @param kernelSize the kernel's size
 * @param options `stride`, `pad` and `toMatrix`
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const col1 = F.im2col(np.random.rand(1, 3, 7, 7), 5, { stride: 1, pad: 0, toMatrix: true });
 * assert.deepEqual(col1.shape, [9, 75]); // step 57
 * assert.deepEqual(F.im2col(np.zeros([2, 3, 7, 7]), [5, 5], { toMatrix: false }).shape, [2, 3, 5, 5, 3, 3]);
 * ```
 */
export function im2col(x: Operand, kernelSize: Size, options: Im2colOptions = {}): Variable {
  const { stride, pad, toMatrix } = im2colOptions(
    "F.im2col",
    options,
    "F.im2col(x, 3, { stride: 1, pad: 1 })",
  );
  return new Im2col(kernelSize, stride, pad, toMatrix).call(x);
}

/**
 * `y = col2im(x)`: patches summed back into images; the gradient is `im2col(gy)`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const img = new F.Col2im([1, 1, 3, 3], 2, 1, 0, true).forward(np.ones([4, 4]));
 * assert.equal(img.toString(), "[[[[1. 2. 1.]\n   [2. 4. 2.]\n   [1. 2. 1.]]]]");
 * ```
 */
export class Col2im extends Function {
  /** The images' shape, `[N, C, H, W]`. */
  readonly inputShape: readonly number[];
  /** The kernel's `[KH, KW]`. */
  readonly kernelSize: [number, number];
  /** The stride, `[SH, SW]`. */
  readonly stride: [number, number];
  /** The padding, `[PH, PW]`. */
  readonly pad: [number, number];

  /**
   * @param inputShape the images' shape
   * @param kernelSize the kernel's size
   * @param stride the stride
   * @param pad the padding
   * @param toMatrix whether the patches are a matrix `(N*OH*OW, C*KH*KW)`
   */
  constructor(
    inputShape: readonly number[],
    kernelSize: Size,
    stride: Size,
    pad: Size,
    readonly toMatrix: boolean,
  ) {
    super();
    this.inputShape = checkShape4("F.Col2im", inputShape);
    this.kernelSize = check.checkPair("F.Col2im", "kernelSize", kernelSize, 1);
    this.stride = check.checkPair("F.Col2im", "stride", stride, 1);
    this.pad = check.checkPair("F.Col2im", "pad", pad, 0);
  }

  /**
   * `col2imArray(x)`.
   *
   * @param x the patches
   */
  override forward(x: np.NDArray): np.NDArray {
    const { kernelSize, stride, pad, toMatrix } = this;
    const y = col2imArray(x, this.inputShape, kernelSize, { stride, pad, toMatrix });
    return y;
  }

  /**
   * `im2col(gy)`.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const { kernelSize, stride, pad, toMatrix } = this;
    const gx = im2col(gy, kernelSize, { stride, pad, toMatrix });
    return gx;
  }
}

/**
 * The images of shape `inputShape` `(N, C, H, W)` made from their patches `x` as a graph node:
 * each patch is added where it came from (the inverse of `im2col` where patches do not overlap).
 *
 * @param x the patches, as `im2col` lays them out
 * @param inputShape the images' shape
 * @param kernelSize the kernel's size
 * @param options `stride`, `pad` and `toMatrix`
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const col = new Variable(np.ones([4, 4]));
 * const img = F.col2im(col, [1, 1, 3, 3], 2);
 * img.backward();
 * assert.equal(img.get(0, 0).toString(), "variable([[1. 2. 1.]\n          [2. 4. 2.]\n          [1. 2. 1.]])");
 * assert.equal(col.grad?.toString(), "variable(" + np.ones([4, 4]).toString().replaceAll("\n", "\n         ") + ")");
 * ```
 */
export function col2im(
  x: Operand,
  inputShape: readonly number[],
  kernelSize: Size,
  options: Im2colOptions = {},
): Variable {
  const { stride, pad, toMatrix } = im2colOptions(
    "F.col2im",
    options,
    "F.col2im(col, [N, C, H, W], 3, { stride: 1, pad: 1 })",
  );
  return new Col2im(inputShape, kernelSize, stride, pad, toMatrix).call(x);
}

// =============================================================================================
// im2colArray / col2imArray

/**
 * The patches of the images `img` `(N, C, H, W)` under a `kernelSize` kernel, on arrays (the
 * book's `im2col_array`): with `toMatrix` (the default) `(N*OH*OW, C*KH*KW)`, a row per output
 * pixel holding its `C×KH×KW` patch; without, `(N, C, KH, KW, OH, OW)`. Padding adds zeros.
 *
 * @param img the images
 * @param kernelSize the kernel's size
 * @param options `stride`, `pad` and `toMatrix`
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const col = F.im2colArray(np.arange(4).reshape(1, 1, 2, 2), 2, { pad: 1, stride: 2 });
 * assert.equal(col.toString(), "[[0 0 0 0]\n [0 0 1 0]\n [0 2 0 0]\n [3 0 0 0]]");
 * ```
 */
export function im2colArray(
  img: np.NDArray,
  kernelSize: Size,
  options: Im2colOptions = {},
): np.NDArray {
  checkArray("F.im2colArray", "img", img);
  check.checkImages("F.im2colArray", "img", img.shape);
  const { stride, pad, toMatrix } = im2colOptions(
    "F.im2colArray",
    options,
    "F.im2colArray(img, 3, { stride: 1, pad: 1 })",
  );
  const kernel = check.checkPair("F.im2colArray", "kernelSize", kernelSize, 1);
  const g = geometry("F.im2colArray", img.shape, kernel, stride, pad);
  const { data, shape } = im2colLayout(img, g, toMatrix ? MATRIX : BOOK);
  const outShape = toMatrix ? [g.N * g.OH * g.OW, g.C * g.KH * g.KW] : shape;
  return new np.NDArray(outShape, img.dtype, data);
}

/**
 * The images of shape `imgShape` `(N, C, H, W)` made from their patches `col`, on arrays (the
 * book's `col2im_array`): each patch is added where `im2colArray` took it from, and the padding
 * is cut off. With `toMatrix` (the default) `col` holds `N*OH*OW*C*KH*KW` elements in the
 * matrix's order (any shape, as the book reshapes it); without, it has shape
 * `(N, C, KH, KW, OH, OW)`.
 *
 * @param col the patches
 * @param imgShape the images' shape
 * @param kernelSize the kernel's size
 * @param options `stride`, `pad` and `toMatrix`
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const img = np.arange(16).reshape(1, 1, 4, 4);
 * const col = F.im2colArray(img, 2, { stride: 2 });
 * assert.ok(np.arrayEqual(F.col2imArray(col, [1, 1, 4, 4], 2, { stride: 2 }), img));
 * ```
 */
export function col2imArray(
  col: np.NDArray,
  imgShape: readonly number[],
  kernelSize: Size,
  options: Im2colOptions = {},
): np.NDArray {
  checkArray("F.col2imArray", "col", col);
  const shape = checkShape4("F.col2imArray", imgShape);
  const { stride, pad, toMatrix } = im2colOptions(
    "F.col2imArray",
    options,
    "F.col2imArray(col, [N, C, H, W], 3, { stride: 1, pad: 1 })",
  );
  const kernel = check.checkPair("F.col2imArray", "kernelSize", kernelSize, 1);
  const g = geometry("F.col2imArray", shape, kernel, stride, pad);
  const expected = layout(g, toMatrix ? MATRIX : BOOK).shape;
  const fits = toMatrix
    ? col.size === g.N * g.OH * g.OW * g.C * g.KH * g.KW
    : col.ndim === 6 && col.shape.every((d, i) => d === expected[i]);
  if (!fits) {
    throw new ValueError(
      toMatrix
        ? `cannot reshape array of size ${col.size} into shape (${expected.join(", ")}): ` +
          `F.col2imArray's col for images (${shape.join(", ")}) holds N*OH*OW rows of C*KH*KW`
        : `F.col2imArray: col must have shape (${expected.join(", ")}) (N, C, KH, KW, OH, OW) ` +
          `for images (${shape.join(", ")}), got (${col.shape.join(", ")})`,
    );
  }
  return col2imLayout(col.data, col.dtype, g, toMatrix ? MATRIX : BOOK);
}
