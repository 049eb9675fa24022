/**
 * `GpuArray`, an `NDArray` whose elements live in a WebGPU buffer, and the operations DeZero's
 * MLP needs, as kernels: elementwise arithmetic, comparisons and float functions with
 * broadcasting, reductions, the matrix product, transposes, casts, indexing (`x.get(...)`) and
 * `addAt`. Each operation records its kernel and returns at once; only reading the elements
 * back, `await a.toCpu()`, waits.
 *
 * Being an `NDArray`, a `GpuArray` goes wherever DeZero takes one (`new Variable(a)`, the
 * functions' `forward`), and it overrides the methods DeZero calls (`add`, `sum`, `dot`, `get`
 * ...). What it cannot do synchronously, it refuses with an error that says what to write:
 * its `data`, `item()`, `toString()` and printing (read with `await a.toCpu()`), and any NumPy
 * function of the CPU that would read its elements (use `cuda.getArrayModule(a)`'s instead).
 *
 * dtypes follow NumPy's rules, with what the device has: WGSL has no 64-bit numbers, so float32
 * is the GPU's float (float64 data becomes float32 on the way to the GPU, and where NumPy's rules
 * give float64, the GPU gives float32), and int64, uint8 and bool are kept as 32-bit integers
 * (int64 values beyond ±2^31 are an error, at the upload or, when a kernel makes them, at the
 * next read-back; uint8 wraps as in NumPy).
 *
 * @module
 */

import {
  allocate,
  type Binding,
  type Block,
  copy,
  current,
  dispatch,
  download,
  errorCode,
  paramBuffer,
  pipeline,
  upload,
} from "./_device.ts";
import {
  gatherKernel,
  type MapInput,
  mapKernel,
  MATMUL,
  reduceKernel,
  type ReduceOp,
  type Scalar,
  scatterAddKernel,
} from "./_kernels.ts";
import * as np from "../np/mod.ts";
import {
  allocate as allocateHost,
  assignedElement,
  castElement,
  checkDtype,
  type DType,
  fixElement,
  isFloat,
  resultType,
} from "../np/_dtypes.ts";
import { describe, IndexError, operandError, ValueError } from "../np/_errors.ts";
import { selectionOffsets } from "../np/_indexing.ts";
import { checkProduct } from "../np/_linalg.ts";
import { broadcastShapes, broadcastStrides } from "../np/_loops.ts";
import {
  broadcastToShape,
  reshapeDims,
  squeezedShape,
  transposeAxes,
} from "../np/_manipulation.ts";
import {
  type Axis,
  EMPTY_SHAPE,
  type IndexItem,
  NDArray,
  type Operand,
  type ReduceOptions,
  sameShape,
  shapeSize,
  shapeText,
  stridesOf,
} from "../np/_ndarray.ts";
import { argReduction, reduction, sumDtype } from "../np/_reductions.ts";
import {
  type BinaryName,
  binaryTypes,
  broadcastOperands,
  checkInPlace,
  floatResult,
  unaryResult,
} from "../np/_ufuncs.ts";

/**
 * The dtype an array of `dtype` has on the GPU: float64 becomes float32 (see the module doc).
 *
 * @param dtype a NumPy dtype
 */
export function deviceDtype(dtype: DType): DType {
  return dtype === "float64" ? "float32" : dtype;
}

/** The element type a dtype is kept in on the device. */
function scalarType(dtype: DType): Scalar {
  return isFloat(dtype) ? "f32" : "i32";
}

const I32_MIN = -(2 ** 31);

function checkInt32(v: number, what: string): number {
  if (v < I32_MIN || v >= 2 ** 31) {
    throw new RangeError(
      `${what} ${v} does not fit the GPU's integers, which are 32-bit (WGSL has no 64-bit ` +
        "ones): compute with it on the CPU",
    );
  }
  return v;
}

// Scratch for the bits of a scalar parameter.
const bits = new ArrayBuffer(4);
const bitsU32 = new Uint32Array(bits);
const bitsF32 = new Float32Array(bits);
const bitsI32 = new Int32Array(bits);

/** The u32 word that holds `v` as the device element type `type`. */
function wordOf(v: number, type: Scalar): number {
  if (type === "f32") bitsF32[0] = v;
  else bitsI32[0] = checkInt32(v, "the value");
  return bitsU32[0];
}

/** The error for reading a GPU array's elements synchronously. */
function readError(a: GpuArray, what: string): TypeError {
  return new TypeError(
    `${what} of an array on the GPU (shape ${shapeText(a.shape)}, ${a.dtype}) cannot be read ` +
      "at once: WebGPU reads results back asynchronously. Write `await x.toCpu()` (a " +
      "Variable's data, or an array's copy, moves to the CPU), then read that; to compute on " +
      "the GPU, use the functions of cuda.getArrayModule(x) rather than np's",
  );
}

// `elements`, NDArray's storage, is an accessor on each GpuArray: code of the CPU that reaches for
// it (np's functions, node:assert's deepEqual) gets the error rather than a wrong number.
const ELEMENTS: PropertyDescriptor = {
  get(this: GpuArray) {
    throw readError(this, "the elements");
  },
  enumerable: true,
  configurable: true,
};

/**
 * An array on the GPU: an `NDArray` whose elements are in a WebGPU buffer (CuPy's `ndarray` to
 * this port). Made by `cuda.asGpu(x)` (or `x.toGpu()` on a Variable, a model or a loader) and by
 * the GPU's functions (`cuda.gpu`), read back with `await a.toCpu()`.
 *
 * @example
 * ```ts
 * import { cuda, np } from "../full.ts";
 * import assert from "node:assert/strict";
 * if (await cuda.init()) {
 *   const a = cuda.asGpu(np.array([[1, 2, 3], [4, 5, 6]], "float32"));
 *   const y = a.mul(2).sum({ axis: 0 }); // recorded on the GPU, not waited for
 *   assert.equal((await y.toCpu()).toString(), "[10. 14. 18.]");
 *   assert.throws(() => y.item(), /await x.toCpu\(\)/);
 * }
 * ```
 */
export class GpuArray extends NDArray {
  #block: Block | null;
  #known: number | undefined;
  #size: number;

  /**
   * Wraps a block of the device; most code should use `cuda.asGpu` and the GPU's functions.
   *
   * @param shape the dimensions
   * @param dtype the element type (not float64: see the module doc)
   * @param block the elements, in C order, as the device keeps `dtype`; `null` with `known`
   * @param known the value of a 0-d array known on the host (uploaded when a kernel needs it)
   */
  constructor(shape: readonly number[], dtype: DType, block: Block | null, known?: number) {
    super(EMPTY_SHAPE, "float32", 0);
    if (dtype === "float64") throw new TypeError("the GPU keeps float64 as float32");
    (this as { shape: readonly number[] }).shape = shape.length === 0
      ? EMPTY_SHAPE
      : Object.isFrozen(shape)
      ? shape
      : Object.freeze(shape.slice());
    (this as { dtype: DType }).dtype = dtype;
    Object.defineProperty(this, "elements", ELEMENTS);
    this.#block = block;
    this.#known = known;
    this.#size = shapeSize(shape);
  }

  /**
   * A 0-d array of `dtype` holding `value` (brought into the dtype), uploaded only when a kernel
   * needs it as a buffer.
   *
   * @param dtype the element type
   * @param value the value
   */
  static scalar(dtype: DType, value: number): GpuArray {
    return new GpuArray(EMPTY_SHAPE, dtype, null, fixElement(dtype, value));
  }

  /** The block of elements (a 0-d array known on the host is uploaded now). */
  get block(): Block {
    if (this.#block === null) {
      const block = allocate(4);
      upload(block.buffer, new Uint32Array([wordOf(this.#known ?? 0, scalarType(this.dtype))]));
      this.#block = block;
    }
    return this.#block;
  }

  /** The value of a 0-d array known on the host (made from a number), else `undefined`. */
  get known(): number | undefined {
    return this.#known;
  }

  /** The block's binding for a kernel: its buffer and the bytes of the elements. */
  get binding(): Binding {
    return { buffer: this.block.buffer, size: Math.max(4, this.#size * 4) };
  }

  /** The number of elements. */
  override get size(): number {
    return this.#size;
  }

  /** Refused: the elements are read back asynchronously (`await a.toCpu()`). */
  override get data(): never {
    throw readError(this, "the data");
  }

  /** Refused: the elements are read back asynchronously (`await a.toCpu()`). */
  override item(): never {
    throw readError(this, "item()");
  }

  /** Refused: the elements are read back asynchronously (`await a.toCpu()`). */
  override toArray(): never {
    throw readError(this, "toArray()");
  }

  /** Refused: the elements are read back asynchronously (`await a.toCpu()`). */
  override toString(): string {
    throw readError(this, "printing");
  }

  /** Refused, as `toString`: `console.log(await a.toCpu())` prints it. */
  [Symbol.for("Deno.customInspect")](): string {
    throw readError(this, "printing");
  }

  /**
   * A copy on the CPU, an `NDArray` of the same shape and dtype, once the GPU has computed it
   * (CuPy's `a.get()`). Throws what a kernel reported since the last read (a label out of
   * range, an integer overflow).
   */
  async toCpu(): Promise<NDArray> {
    if (this.#known !== undefined && this.shape.length === 0) {
      return new NDArray(EMPTY_SHAPE, this.dtype, this.#known);
    }
    const bytes = this.#size * 4;
    const raw = await download(this.block.buffer, bytes);
    const words = this.dtype === "float32" ? new Float32Array(raw) : new Int32Array(raw);
    if (this.shape.length === 0) return new NDArray(EMPTY_SHAPE, this.dtype, words[0]);
    const out = allocateHost(this.dtype, this.#size);
    out.set(words);
    return new NDArray(this.shape, this.dtype, out);
  }

  /**
   * A copy converted to `dtype`, by NumPy's rules (float64 gives float32: see the module doc);
   * NaN or an out-of-range float to an integer is reported at the next read-back.
   *
   * @param dtype the element type of the copy
   */
  override astype(dtype: DType): GpuArray {
    const to = deviceDtype(checkDtype(dtype));
    if (this.#known !== undefined) {
      return GpuArray.scalar(to, castElement(this.#known, this.dtype, to));
    }
    return cast(this, to);
  }

  /** A copy. */
  override copy(): GpuArray {
    return cast(this, this.dtype);
  }

  /**
   * Fills the array with `value` in place (converted as NumPy converts a Python number).
   *
   * @param value the new value of every element
   */
  override fill(value: number): void {
    if (typeof value !== "number" && typeof value !== "boolean") {
      throw new TypeError(`fill() takes a number, not ${describe(value)}`);
    }
    this.#overwrite(filled(this.shape, this.dtype, assignedElement(Number(value), this.dtype)));
  }

  /** Writes `r`'s elements (same shape and dtype) into this array's block. */
  #overwrite(r: GpuArray): void {
    if (this.#size > 0) copy(r.block.buffer, this.block.buffer, this.#size * 4);
    this.#known = undefined;
  }

  /**
   * `this op= other` in place (`a += b` ...), after NumPy's checks of shape and casting.
   *
   * @param name the ufunc
   * @param other the right operand
   * @param symbol the operator, for the message
   */
  inPlace(name: BinaryName, other: Operand, symbol: string): this {
    const r = binary(name, this, other);
    checkInPlace(name, { shape: r.shape, dtype: binaryTypes(name, this, other)[1] }, this, symbol);
    this.#overwrite(r.dtype === this.dtype ? r : cast(r, this.dtype));
    return this;
  }

  /** `this + other` elementwise, with broadcasting. */
  override add(other: Operand): GpuArray {
    return binary("add", this, other);
  }
  /** `this - other` elementwise, with broadcasting. */
  override sub(other: Operand): GpuArray {
    return binary("subtract", this, other);
  }
  /** `this * other` elementwise, with broadcasting. */
  override mul(other: Operand): GpuArray {
    return binary("multiply", this, other);
  }
  /** `this / other` elementwise, with broadcasting. */
  override div(other: Operand): GpuArray {
    return binary("divide", this, other);
  }
  /** `this ** other` elementwise, with broadcasting (floats only on the GPU). */
  override pow(other: Operand): GpuArray {
    return binary("power", this, other);
  }
  /** `-this` elementwise. */
  override neg(): GpuArray {
    return unary("negative", this);
  }
  /** `this += other` in place. */
  override iadd(other: Operand): GpuArray {
    return this.inPlace("add", other, "+");
  }
  /** `this -= other` in place. */
  override isub(other: Operand): GpuArray {
    return this.inPlace("subtract", other, "-");
  }
  /** `this *= other` in place. */
  override imul(other: Operand): GpuArray {
    return this.inPlace("multiply", other, "*");
  }
  /** `this /= other` in place. */
  override idiv(other: Operand): GpuArray {
    return this.inPlace("divide", other, "/");
  }
  /** `this > other`, a bool array. */
  override gt(other: Operand): GpuArray {
    return binary("greater", this, other);
  }
  /** `this >= other`, a bool array. */
  override ge(other: Operand): GpuArray {
    return binary("greater_equal", this, other);
  }
  /** `this < other`, a bool array. */
  override lt(other: Operand): GpuArray {
    return binary("less", this, other);
  }
  /** `this <= other`, a bool array. */
  override le(other: Operand): GpuArray {
    return binary("less_equal", this, other);
  }
  /** `this == other`, a bool array. */
  override eq(other: Operand): GpuArray {
    return binary("equal", this, other);
  }
  /** `this != other`, a bool array. */
  override ne(other: Operand): GpuArray {
    return binary("not_equal", this, other);
  }
  /** The elements limited to `[min, max]` (numbers or 0-d arrays). */
  override clip(min: Operand, max: Operand): GpuArray {
    return clip(this, min, max);
  }
  /** The sum over `axis` (all by default). */
  override sum(options?: ReduceOptions): GpuArray {
    return reduce("sum", this, options);
  }
  /** The mean over `axis` (all by default). */
  override mean(options?: ReduceOptions): GpuArray {
    return reduce("mean", this, options);
  }
  /** The largest element over `axis` (all by default). */
  override max(options?: ReduceOptions): GpuArray {
    return reduce("max", this, options);
  }
  /** The smallest element over `axis` (all by default). */
  override min(options?: ReduceOptions): GpuArray {
    return reduce("min", this, options);
  }
  /** The index of the largest element over `axis` (of the flattened array by default). */
  override argmax(options: { axis?: number | null; keepdims?: boolean } = {}): GpuArray {
    return argReduce("argmax", this, options);
  }
  /** The same elements in another shape (sharing the block). */
  override reshape(...shape: number[] | [readonly number[]]): GpuArray {
    return this.#view(reshapeDims(this.#size, shape));
  }
  /** The axes permuted (a copy): reversed by default. */
  override transpose(...axes: number[] | [readonly number[]]): GpuArray {
    const perm = transposeAxes(this.ndim, axes);
    const inStrides = stridesOf(this.shape);
    return strided(this, perm.map((p) => this.shape[p]), perm.map((p) => inStrides[p]));
  }
  /** A 1-d copy. */
  override flatten(): GpuArray {
    return this.copy().#view([this.#size]);
  }
  /** The same elements without the axes of size 1 (or only `axis`), sharing the block. */
  override squeeze(axis: Axis = null): GpuArray {
    return this.#view(squeezedShape(this.shape, axis));
  }
  /** `this[index]`: see {@linkcode getItem}. */
  override get(...index: IndexItem[]): GpuArray {
    return getItem(this, index);
  }
  /** Refused: assignment by index is not done on the GPU. */
  override set(..._indexThenValue: [...IndexItem[], Operand]): never {
    throw new TypeError(
      "x.set() (x[index] = value) is not done on the GPU: compute the new array with " +
        "arithmetic and masks (x.mul(mask)), or move x to the CPU with await x.toCpu()",
    );
  }
  /** The dot product (1-d and 2-d operands). */
  override dot(other: NDArray): GpuArray {
    return product("dot", this, other);
  }
  /** The matrix product `this @ other` (1-d and 2-d operands). */
  override matmul(other: NDArray): GpuArray {
    return product("matmul", this, other);
  }

  /** An array of `shape` on the same block (uploaded now if known on the host, so shared). */
  #view(shape: readonly number[]): GpuArray {
    return new GpuArray(shape, this.dtype, this.block);
  }
}

// Methods of NDArray that GpuArray does not define would read the elements on the CPU: each is
// replaced by a clear refusal (a future method of NDArray included).
for (const name of Object.getOwnPropertyNames(NDArray.prototype)) {
  const own = Object.getOwnPropertyDescriptor(GpuArray.prototype, name);
  const base = Object.getOwnPropertyDescriptor(NDArray.prototype, name);
  if (own !== undefined || typeof base?.value !== "function") continue;
  Object.defineProperty(GpuArray.prototype, name, {
    value(this: GpuArray) {
      throw new TypeError(
        `x.${name}() is not available for arrays on the GPU: move x to the CPU first ` +
          "(await x.toCpu())",
      );
    },
    writable: true,
    configurable: true,
  });
}

// ---------------------------------------------------------------------------------------------
// Moving to the device

/**
 * `a` on the GPU: a copy of a CPU array (float64 as float32; int64 values must fit 32 bits), or
 * `a` itself if it is there already; a 0-d array stays on the host until a kernel needs it.
 *
 * @param a the array
 */
export function toDevice(a: NDArray): GpuArray {
  if (a instanceof GpuArray) return a;
  const dtype = deviceDtype(a.dtype);
  if (a.ndim === 0) return GpuArray.scalar(dtype, castElement(a.item(), a.dtype, dtype));
  const data = a.data;
  let words: Float32Array | Int32Array;
  if (dtype === "float32") {
    words = data instanceof Float32Array ? data : Float32Array.from(data);
  } else {
    words = new Int32Array(data.length);
    for (let i = 0; i < data.length; i++) words[i] = checkInt32(data[i], "the int64 value");
  }
  const block = allocate(words.byteLength);
  if (words.length > 0) upload(block.buffer, words);
  return new GpuArray(a.shape, dtype, block);
}

/**
 * An array of `shape` and `dtype` (a device dtype) with every element `value`, made on the
 * device (a 0-d one is known on the host).
 *
 * @param shape the dimensions
 * @param dtype the element type
 * @param value the value, already in `dtype`
 */
export function filled(shape: readonly number[], dtype: DType, value: number): GpuArray {
  if (shape.length === 0) return GpuArray.scalar(dtype, value);
  return map(shape, dtype, [{ scalar: value, type: scalarType(dtype) }], "r = x0;");
}

// ---------------------------------------------------------------------------------------------
// Elementwise maps

/** An input of {@linkcode map}: an array, read through `strides` if given, or a scalar. */
type MapOperand =
  | { readonly array: GpuArray; readonly strides?: readonly number[] }
  | { readonly scalar: number; readonly type: Scalar };

const mapPipelines = new Map<string, GPUComputePipeline>();

/**
 * Runs an elementwise kernel: `r` of each element of an output of `shape` and `dtype` from the
 * inputs `x0`, `x1`, ... by `body` (see `MapSpec`). Arrays broadcast to `shape` unless given
 * their strides; `extra` are the body's parameters `p(k)`, `code` the error it reports.
 */
function map(
  shape: readonly number[],
  dtype: DType,
  operands: readonly MapOperand[],
  body: string,
  extra: readonly number[] = [],
  code = 0,
  helpers = "",
): GpuArray {
  const n = shapeSize(shape);
  const out = new GpuArray(shape, dtype, allocate(n * 4));
  if (n === 0) return out;
  const strides = operands.map((o) =>
    "array" in o ? o.strides ?? broadcastStrides(o.array.shape, shape) : null
  );
  const contiguous = operands.every((o, j) => {
    if (!("array" in o)) return true;
    if (o.strides === undefined) return sameShape(o.array.shape, shape);
    const s = strides[j] as readonly number[];
    return sameShape(s, stridesOf(shape)) && o.array.size === n;
  });
  const inputs: MapInput[] = operands.map((o) =>
    "array" in o
      ? { type: scalarType(o.array.dtype), scalar: false }
      : { type: o.type, scalar: true }
  );
  const key = JSON.stringify([inputs, scalarType(dtype), body, contiguous, extra.length, helpers]);
  let kernel = mapPipelines.get(key);
  if (kernel === undefined) {
    kernel = pipeline(mapKernel({
      inputs,
      out: scalarType(dtype),
      body,
      contiguous,
      extra: extra.length,
      helpers,
    }));
    mapPipelines.set(key, kernel);
  }
  const words = [n, shape.length, code];
  for (const o of operands) words.push("array" in o ? 0 : wordOf(o.scalar, o.type));
  words.push(...extra);
  if (!contiguous) {
    words.push(...shape);
    for (const s of strides) if (s !== null) words.push(...s);
  }
  const bindings: Binding[] = [out.binding, paramBuffer(words)];
  for (const o of operands) if ("array" in o) bindings.push(o.array.binding);
  if (body.includes("fail(")) bindings.push(current().errors);
  dispatch(kernel, bindings, groupsOf(Math.ceil(n / 256)));
  return out;
}

/** Workgroup counts for `count` workgroups: x up to 65535, then y. */
function groupsOf(count: number): [number, number] {
  return count <= 65535 ? [count, 1] : [65535, Math.ceil(count / 65535)];
}

/** The value of a scalar operand (a number, a 0-d CPU array, a 0-d GPU array known on the host). */
function scalarValue(v: Operand): number | undefined {
  if (typeof v === "number") return v;
  if (v instanceof GpuArray) return v.known;
  return v.ndim === 0 ? v.item() : undefined;
}

/**
 * Checks an operand of a GPU operation: a GPU array, a number or a 0-d array; an array on the
 * CPU with elements is refused (operands must be on one device, as in CuPy).
 */
function checkOperand(fn: string, v: unknown, position: number): asserts v is Operand {
  if (v instanceof GpuArray || typeof v === "number") return;
  if (!(v instanceof NDArray)) throw operandError(fn, v, position);
  if (v.ndim !== 0) {
    throw new TypeError(
      `np.${fn}(): argument ${position} is an array on the CPU (shape ${shapeText(v.shape)}) ` +
        "and another is on the GPU: move it there first, cuda.asGpu(a) (or x.toGpu() on a " +
        "Variable), or the other to the CPU",
    );
  }
}

/** A map input for an operand computed in `compute`, and its expression in that type. */
function input(v: Operand, compute: Scalar, j: number): [MapOperand, string] {
  const s = scalarValue(v);
  if (s !== undefined) return [{ scalar: s, type: compute }, `x${j}`];
  const a = v as GpuArray;
  const from = scalarType(a.dtype);
  return [{ array: a }, from === compute ? `x${j}` : `${compute}(x${j})`];
}

// WGSL that sets `r` for each binary ufunc, in the compute type (f32 or i32) from `a` and `b`.
const OVERFLOW = (): number =>
  errorCode("int32-overflow", (_, v) =>
    new RangeError(
      `an integer result on the GPU (about ${v}) does not fit 32 bits, the GPU's integers ` +
        "(WGSL has no 64-bit ones): compute it on the CPU, or in float32",
    ));

function floatBody(name: BinaryName, a: string, b: string): string {
  switch (name) {
    case "add":
      return `r = ${a} + ${b};`;
    case "subtract":
      return `r = ${a} - ${b};`;
    case "multiply":
      return `r = ${a} * ${b};`;
    case "divide":
      return `r = ${a} / ${b};`;
    case "power":
      return `r = powf(${a}, ${b});`;
    case "maximum":
      return `r = select(select(max(${a}, ${b}), ${b}, ${b} != ${b}), ${a}, ${a} != ${a});`;
    case "minimum":
      return `r = select(select(min(${a}, ${b}), ${b}, ${b} != ${b}), ${a}, ${a} != ${a});`;
    default:
      return comparisonBody(name, a, b);
  }
}

function comparisonBody(name: BinaryName, a: string, b: string): string {
  const op = {
    greater: ">",
    greater_equal: ">=",
    less: "<",
    less_equal: "<=",
    equal: "==",
    not_equal: "!=",
  }[name as string];
  return `r = select(0, 1, ${a} ${op} ${b});`;
}

function intBody(name: BinaryName, dtype: DType, a: string, b: string): string {
  if (name === "power") {
    throw new TypeError(
      "integer powers are not computed on the GPU, whose integers are 32-bit: convert first, " +
        'x.astype("float32"), or compute on the CPU',
    );
  }
  if (name === "maximum" || name === "minimum") {
    return `r = ${name === "maximum" ? "max" : "min"}(${a}, ${b});`;
  }
  if (name !== "add" && name !== "subtract" && name !== "multiply") {
    return comparisonBody(name, a, b);
  }
  const op = { add: "+", subtract: "-", multiply: "*" }[name];
  if (dtype === "bool") return `r = ${a} ${name === "add" ? "|" : "&"} ${b};`;
  if (dtype === "uint8") return `r = (${a} ${op} ${b}) & 255;`;
  // int64, kept in 32 bits: an overflow is reported (WGSL's integers wrap around).
  const fail = `{ fail(pm[2], i, f32(${a}) ${op} f32(${b})); }`;
  const test = name === "add"
    ? `((${a} ^ r) & (${b} ^ r)) < 0`
    : name === "subtract"
    ? `((${a} ^ ${b}) & (${a} ^ r)) < 0`
    : `${a} != 0 && (r / ${a} != ${b} || (${a} == -1 && ${b} == (-2147483647 - 1)))`;
  return `r = ${a} ${op} ${b}; if (${test}) ${fail}`;
}

const POWF = `
fn powf(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (y == fract(y) + floor(y) && abs(y) <= 8.0 && fract(y) == 0.0) {
    var r = 1.0;
    for (var k = 0; k < i32(abs(y)); k = k + 1) { r = r * x; }
    return select(r, 1.0 / r, y < 0.0);
  }
  let m = pow(abs(x), y);
  if (x >= 0.0) { return m; }
  if (fract(y) != 0.0) { return bitcast<f32>(0x7fc00000u); }
  if (abs(y) < 16777216.0 && (i32(y) & 1) == 1) { return -m; }
  return m;
}`;

/**
 * `name(x, y)` elementwise on the GPU, by NumPy's dtype rules (see the module doc).
 *
 * @param name the ufunc
 * @param x an operand (a GPU array, a number, a 0-d array)
 * @param y an operand
 */
export function binary(name: BinaryName, x: Operand, y: Operand): GpuArray {
  checkOperand(name, x, 1);
  checkOperand(name, y, 2);
  const [computeNp, resultNp] = binaryTypes(name, x, y);
  const compute = deviceDtype(computeNp);
  const result = deviceDtype(resultNp);
  const type = scalarType(compute);
  const shape = broadcastShapes(
    typeof x === "number" ? EMPTY_SHAPE : x.shape,
    typeof y === "number" ? EMPTY_SHAPE : y.shape,
  );
  const [ox, a] = input(x, type, 0);
  const [oy, b] = input(y, type, 1);
  const body = type === "f32" ? floatBody(name, a, b) : intBody(name, compute, a, b);
  const helpers = name === "power" && type === "f32" ? POWF : "";
  const code = body.includes("fail(") ? OVERFLOW() : 0;
  return map(shape, result, [ox, oy], body, [], code, helpers);
}

// The float functions. tanh is guarded: WGSL's may compute e^2x / (e^2x + 1), NaN for large x.
const FLOAT_FUNCTIONS = {
  exp: (a: string) => `r = exp(${a});`,
  log: (a: string) => `r = log(${a});`,
  sqrt: (a: string) => `r = sqrt(${a});`,
  sin: (a: string) => `r = sin(${a});`,
  cos: (a: string) => `r = cos(${a});`,
  tanh: (a: string) => `r = select(tanh(${a}), sign(${a}), abs(${a}) > 10.0);`,
} as const;

/** The name of a float function of the GPU. */
export type FloatFunction = keyof typeof FLOAT_FUNCTIONS;

/**
 * `name(x)` elementwise on the GPU: float32 results (NumPy's float64 for integers, float16 for
 * uint8 and bool an error, as on the CPU).
 *
 * @param name the function
 * @param x the operand
 */
export function floatFunction(name: FloatFunction, x: Operand): GpuArray {
  checkOperand(name, x, 1);
  const a = operandArray(x);
  const dtype = deviceDtype(floatResult(name, a.dtype));
  const [o, e] = input(a, "f32", 0);
  return map(a.shape, dtype, [o], FLOAT_FUNCTIONS[name](e));
}

/** A GPU array for an operand: a number or 0-d array becomes one known on the host. */
function operandArray(x: Operand): GpuArray {
  if (x instanceof GpuArray) return x;
  if (typeof x === "number") return GpuArray.scalar("float32", x);
  return toDevice(x);
}

/**
 * `negative`, `abs` or `square` elementwise on the GPU, by NumPy's dtype rules.
 *
 * @param name the function
 * @param x the operand
 */
export function unary(name: "negative" | "abs" | "square", x: Operand): GpuArray {
  checkOperand(name, x, 1);
  const a = operandArray(x);
  const dtype = unaryResult(name, a.dtype);
  const [o, e] = input(a, scalarType(dtype), 0);
  let body: string;
  if (dtype === "float32") {
    body = name === "negative"
      ? `r = -${e};`
      : name === "abs"
      ? `r = abs(${e});`
      : `r = ${e} * ${e};`;
  } else if (name === "square") {
    return binary("multiply", a.astype(dtype), a.astype(dtype));
  } else if (name === "abs") {
    body = dtype === "int64"
      ? `r = abs(${e}); if (r < 0) { fail(pm[2], i, f32(${e})); }`
      : `r = ${e};`;
  } else {
    body = dtype === "uint8"
      ? `r = (-${e}) & 255;`
      : `r = -${e}; if (${e} == (-2147483647 - 1)) { fail(pm[2], i, -f32(${e})); }`;
  }
  return map(a.shape, dtype, [o], body, [], body.includes("fail(") ? OVERFLOW() : 0);
}

/** Whether `v` is a number NumPy would see as a Python int. */
function isWeakInteger(v: Operand): v is number {
  return typeof v === "number" && Number.isInteger(v) && !Object.is(v, -0);
}

/**
 * `a` limited to `[min, max]` elementwise, like `np.clip`, with bounds that are numbers or 0-d
 * arrays (as DeZero's `F.clip` passes them).
 *
 * @param a the array
 * @param min the lower bound
 * @param max the upper bound
 */
export function clip(a: GpuArray, min: Operand, max: Operand): GpuArray {
  checkOperand("clip", min, 2);
  checkOperand("clip", max, 3);
  for (const [i, v] of [min, max].entries()) {
    if (scalarValue(v) === undefined) {
      throw new TypeError(
        `np.clip() on the GPU takes bounds that are numbers or 0-d arrays, not argument ${i + 2} ` +
          `(shape ${shapeText((v as NDArray).shape)}): use np.minimum and np.maximum`,
      );
    }
  }
  // As on the CPU, a weak integer bound that an integer array's range keeps anyway is left out.
  const bounds: Operand[] = [];
  const [least, most] = a.dtype === "uint8" ? [0, 255] : [I32_MIN, 2 ** 31 - 1];
  const integer = a.dtype === "uint8" || a.dtype === "int64";
  const lower = integer && isWeakInteger(min) && min <= least ? null : min;
  const upper = integer && isWeakInteger(max) && max >= most ? null : max;
  if (lower !== null) bounds.push(lower);
  if (upper !== null) bounds.push(upper);
  broadcastOperands([a, ...bounds]);
  const dtype = deviceDtype(resultType([a, ...bounds]));
  const type = scalarType(dtype);
  const [ox, x] = input(a, type, 0);
  const operands = [ox];
  let body = `r = ${x};`;
  for (const [j, bound] of [lower, upper].entries()) {
    if (bound === null) continue;
    const [o] = input(bound, type, operands.length);
    const v = `x${operands.length}`;
    operands.push(o);
    const pick = j === 0 ? "max" : "min";
    body += type === "f32"
      ? ` r = select(select(${pick}(r, ${v}), ${v}, ${v} != ${v}), r, r != r);`
      : ` r = ${pick}(r, ${v});`;
  }
  return map(a.shape, dtype, operands, body);
}

/** `a` converted to `dtype` (a device dtype) elementwise, with NumPy's casting. */
function cast(a: GpuArray, dtype: DType): GpuArray {
  const from = scalarType(a.dtype);
  let body: string;
  let code = 0;
  if (dtype === "float32") body = from === "f32" ? "r = x0;" : "r = f32(x0);";
  else if (dtype === "bool") {
    body = from === "f32" ? "r = select(0, 1, x0 != 0.0);" : "r = select(0, 1, x0 != 0);";
  } else if (from === "i32") body = dtype === "uint8" ? "r = x0 & 255;" : "r = x0;";
  else {
    // A float to an integer truncates; NaN or a value out of range is an error, as on the CPU.
    const [low, high] = dtype === "uint8" ? ["-1.0", "256.0"] : ["-2147483649.0", "2147483648.0"];
    body = `let t = trunc(x0); if (!(t > ${low} && t < ${high})) { fail(pm[2], i, x0); r = 0; } ` +
      "else { r = i32(t); }";
    code = errorCode(`cast-${dtype}`, (_, v) =>
      new ValueError(
        `cannot convert ${v} to ${dtype} on the GPU: NumPy's result is undefined there (the ` +
          `GPU's integers are 32-bit); clip or replace the value first`,
      ));
  }
  return map(a.shape, dtype, [{ array: a }], body, [], code);
}

/** `a` read through `strides` into a new array of `shape` (transposes, broadcasts). */
function strided(a: GpuArray, shape: readonly number[], strides: readonly number[]): GpuArray {
  return map(shape, a.dtype, [{ array: a, strides }], "r = x0;");
}

/**
 * `a` broadcast to `shape` (a copy), like `np.broadcastTo`.
 *
 * @param a the array
 * @param shape the shape to broadcast to
 */
export function broadcastTo(a: GpuArray, shape: number | readonly number[]): GpuArray {
  const dims = broadcastToShape(a.shape, shape);
  return strided(a, dims, broadcastStrides(a.shape, dims));
}

// ---------------------------------------------------------------------------------------------
// Reductions

const reducePipelines = new Map<string, GPUComputePipeline>();

/** Runs a reduction of `a` over `axes` into an array of `shape` and `dtype`. */
function runReduction(
  op: ReduceOp,
  a: GpuArray,
  axes: readonly number[],
  shape: readonly number[],
  dtype: DType,
): GpuArray {
  const n = shapeSize(shape);
  const out = new GpuArray(shape, dtype, allocate(n * 4));
  if (n === 0) return out;
  const type = scalarType(a.dtype);
  const key = `${op} ${type}`;
  let kernel = reducePipelines.get(key);
  if (kernel === undefined) {
    kernel = pipeline(reduceKernel(op, type));
    reducePipelines.set(key, kernel);
  }
  const strides = stridesOf(a.shape);
  const outer = Array.from(a.shape.keys()).filter((i) => !axes.includes(i));
  const count = axes.reduce((c, i) => c * a.shape[i], 1);
  const checked = type === "i32" && op === "sum";
  const words = [
    n,
    count,
    outer.length,
    axes.length,
    checked ? OVERFLOW() : 0,
    ...outer.map((i) => a.shape[i]),
    ...outer.map((i) => strides[i]),
    ...axes.map((i) => a.shape[i]),
    ...axes.map((i) => strides[i]),
  ];
  const bindings: Binding[] = [out.binding, paramBuffer(words), a.binding];
  if (checked) bindings.push(current().errors);
  dispatch(kernel, bindings, groupsOf(n));
  return out;
}

/**
 * `a.sum(options)` (or `mean`, `max`, `min`) on the GPU: NumPy's options, dtypes (float64 as
 * float32) and errors; float sums add in a tree, not in NumPy's order.
 *
 * @param op the reduction
 * @param a the array
 * @param options `axis` and `keepdims`
 */
export function reduce(
  op: "sum" | "mean" | "max" | "min",
  a: GpuArray,
  options?: ReduceOptions,
): GpuArray {
  const { axes, shape } = reduction(op, a, options);
  const dtype = op === "sum" ? deviceDtype(sumDtype(a.dtype)) : op === "mean" ? "float32" : a.dtype;
  return runReduction(op, a, axes, shape, dtype);
}

/**
 * `a.argmax(options)` (or `argmin`) on the GPU: int64 indices, the first among equals.
 *
 * @param op `argmax` or `argmin`
 * @param a the array
 * @param options `axis` (one, or `null`) and `keepdims`
 */
export function argReduce(
  op: "argmax" | "argmin",
  a: GpuArray,
  options: { axis?: number | null; keepdims?: boolean },
): GpuArray {
  const { axis, shape } = argReduction(op, a, options);
  const axes = axis === null ? Array.from(a.shape.keys()) : [axis];
  return runReduction(op, a, axes, shape, "int64");
}

// ---------------------------------------------------------------------------------------------
// Matrix product

/**
 * `a.dot(b)` or `a.matmul(b)` on the GPU, for operands of 1 or 2 dimensions (a 0-d one
 * multiplies, in `dot`), in float32: NumPy's shape errors.
 *
 * @param fn `dot` or `matmul`
 * @param a the left operand
 * @param b the right operand
 */
export function product(fn: "dot" | "matmul", a: GpuArray, b: NDArray): GpuArray {
  checkOperand(fn, b, 2);
  if (!(b instanceof NDArray)) throw operandError(fn, b, 2);
  if (fn === "dot" && (a.ndim === 0 || b.ndim === 0)) return binary("multiply", a, b);
  if (a.ndim > 2 || b.ndim > 2) {
    throw new TypeError(
      `np.${fn}() on the GPU takes operands of 1 or 2 dimensions, not shapes ` +
        `${shapeText(a.shape)} and ${shapeText(b.shape)}: reshape them to matrices first`,
    );
  }
  const shape = checkProduct(fn, a.shape, b.shape);
  const dtype = deviceDtype(resultType([a, b]));
  if (dtype !== "float32") {
    throw new TypeError(
      `np.${fn}() of ${a.dtype} and ${b.dtype} arrays is not computed on the GPU, whose ` +
        'integers are 32-bit: convert first, x.astype("float32")',
    );
  }
  const x = a.dtype === "float32" ? a : a.astype("float32");
  const y0 = operandArray(b);
  const y = y0.dtype === "float32" ? y0 : y0.astype("float32");
  const [m, k] = a.ndim === 1 ? [1, a.shape[0]] : a.shape;
  const n = b.ndim === 1 ? 1 : b.shape[1];
  const out = new GpuArray(shape, "float32", allocate(m * n * 4));
  if (m * n === 0) return out;
  dispatch(
    pipeline(MATMUL),
    [out.binding, paramBuffer([m, n, k]), x.binding, y.binding],
    [Math.ceil(n / 64), Math.ceil(m / 64)],
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Indexing

function isFullSlice(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof NDArray) &&
    (v as { start?: unknown }).start === null && (v as { stop?: unknown }).stop === null &&
    ((v as { step?: unknown }).step ?? null) === null;
}

/** The index entries as map operands of an index on the device (see {@linkcode indexOffsets}). */
function deviceIndexOperand(v: IndexItem): GpuArray | number {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new IndexError(`only integers are valid indices, not ${v}`);
    return v;
  }
  const a = v instanceof NDArray ? v : np.array(v as np.ArrayInput, "int64");
  if (a.dtype === "float32" || a.dtype === "float64") {
    throw new IndexError(
      `arrays used as indices must be of integer (or boolean) type, not ${a.dtype}: convert ` +
        'with .astype("int64")',
    );
  }
  if (a.dtype === "bool") {
    throw new IndexError(
      "a bool mask on the GPU selects a number of elements known only once it is read back: " +
        "index with integer arrays, or on the CPU",
    );
  }
  return toDevice(a);
}

/**
 * The result's shape and, for each of its elements, the offset in `a`'s block of the element
 * `a.get(...index)` takes, as an int GPU array. An index that holds no GPU array is resolved on
 * the CPU, with all of NumPy's rules and its errors at once; one with GPU arrays must be NumPy's
 * `x[i0, i1, ...]` with integers and integer arrays for the leading axes (then only full slices),
 * as DeZero's losses index (`x[np.arange(N), t]`, `eye[t]`): its offsets are computed on the
 * device, and an index out of bounds is reported at the next read-back.
 */
function indexOffsets(a: GpuArray, index: readonly IndexItem[]): GpuArray {
  if (!index.some((v) => v instanceof GpuArray)) {
    const { shape, offsets } = selectionOffsets(a.shape, index);
    const words = Int32Array.from(offsets);
    const block = allocate(words.byteLength);
    if (words.length > 0) upload(block.buffer, words);
    return new GpuArray(shape, "int64", block);
  }
  let k = index.length;
  while (k > 0 && isFullSlice(index[k - 1])) k--;
  const integral = (v: IndexItem) =>
    typeof v === "number" || v instanceof NDArray || Array.isArray(v);
  if (k > a.ndim || !index.slice(0, k).every(integral)) {
    throw new IndexError(
      `an index with arrays on the GPU takes integers and integer arrays for the leading axes ` +
        `(x.get(np.arange(N), t)), then only full slices; got ${index.length} entries for an ` +
        `array of shape ${shapeText(a.shape)}: index on the CPU, or move the index arrays there`,
    );
  }
  const items = index.slice(0, k).map(deviceIndexOperand);
  const arrays = items.filter((v): v is GpuArray => typeof v !== "number");
  let lead: readonly number[] = EMPTY_SHAPE;
  try {
    for (const v of arrays) lead = broadcastShapes(lead, v.shape);
  } catch {
    throw new IndexError(
      "shape mismatch: indexing arrays could not be broadcast together with shapes " +
        arrays.map((v) => shapeText(v.shape)).join(" ") + " ",
    );
  }
  const rest = a.shape.slice(k);
  const shape = [...lead, ...rest];
  const strides = stridesOf(a.shape);
  const restSize = shapeSize(rest);
  const dims = a.shape.slice(0, k);
  const code = errorCode(
    `index-${dims.join(",")}`,
    (axis, v) =>
      new IndexError(`index ${v} is out of bounds for axis ${axis} with size ${dims[axis]}`),
  );
  const operands: MapOperand[] = items.map((v) =>
    typeof v === "number" ? { scalar: v, type: "i32" } : {
      array: v.dtype === "int64" ? v : v.astype("int64"),
      strides: [...broadcastStrides(v.shape, lead), ...rest.map(() => 0)],
    }
  );
  // offset = i % restSize + sum of (index j, from the end if negative) * stride j
  let body = "r = i32(i % p(0));";
  for (let j = 0; j < k; j++) {
    const [d, s] = [`i32(p(${2 * j + 1}))`, `i32(p(${2 * j + 2}))`];
    body += ` { var v = x${j}; if (v < 0) { v = v + ${d}; } ` +
      `if (v < 0 || v >= ${d}) { fail(pm[2], ${j}u, f32(x${j})); v = 0; } r = r + v * ${s}; }`;
  }
  const extra = [restSize, ...dims.flatMap((d, j) => [d, strides[j]])];
  return map(shape, "int64", operands, body, extra, code);
}

/**
 * The int64 labels of a classification loss, checked on the device: each must be an integer in
 * `[0, classes)`; a bad one is reported at the next read-back with `notInteger(index, value)` or
 * `outOfRange(index, value)` (and taken as 0 meanwhile).
 *
 * @param t the labels
 * @param classes the number of classes
 * @param key what identifies the loss and `classes`, for the error codes
 * @param notInteger the error for a label that is not an integer
 * @param outOfRange the error for a label out of range
 */
export function deviceLabels(
  t: GpuArray,
  classes: number,
  key: string,
  notInteger: (index: number, value: number) => Error,
  outOfRange: (index: number, value: number) => Error,
): GpuArray {
  const range = errorCode(`labels-range ${key}`, outOfRange);
  const integer = errorCode(`labels-integer ${key}`, notInteger);
  const body = t.dtype === "float32"
    ? "if (x0 != trunc(x0)) { fail(p(1), i, x0); r = 0; } " +
      "else if (x0 < 0.0 || x0 >= f32(p(0))) { fail(pm[2], i, x0); r = 0; } else { r = i32(x0); }"
    : "if (x0 < 0 || x0 >= i32(p(0))) { fail(pm[2], i, f32(x0)); r = 0; } else { r = x0; }";
  return map(t.shape, "int64", [{ array: t }], body, [classes, integer], range);
}

/**
 * `a[index]` on the GPU (a copy): see {@linkcode indexOffsets} for what the index may hold.
 *
 * @param a the array
 * @param index the index entries, as `get` takes them
 */
export function getItem(a: GpuArray, index: readonly IndexItem[]): GpuArray {
  const offsets = indexOffsets(a, index);
  const out = new GpuArray(offsets.shape, a.dtype, allocate(offsets.size * 4));
  if (offsets.size === 0) return out;
  dispatch(
    pipeline(gatherKernel(scalarType(a.dtype))),
    [out.binding, paramBuffer([offsets.size]), a.binding, offsets.binding],
    groupsOf(Math.ceil(offsets.size / 256)),
  );
  return out;
}

/**
 * Adds `b` into the float32 array `a` at `index` in place, like `np.addAt` (repeated positions add
 * up; their order, and so the last bits of the sums, may vary from run to run).
 *
 * @param a the array to add into
 * @param index the index entries
 * @param b the values, broadcast to the selected shape
 */
export function addAt(a: GpuArray, index: readonly IndexItem[], b: Operand): void {
  if (!Array.isArray(index)) {
    throw new TypeError(
      `np.addAt()'s index is a list of index entries, e.g. [np.arange(N), t] or [[0, 0, 1]], ` +
        `not ${describe(index)}`,
    );
  }
  checkOperand("addAt", b, 3);
  if (a.dtype !== "float32") {
    throw new TypeError(
      `np.addAt() on the GPU adds into float32 arrays, not ${a.dtype}: convert first, or add on ` +
        "the CPU",
    );
  }
  const dtype = deviceDtype(resultType([a, b]));
  if (dtype !== "float32") {
    throw new TypeError(
      `np.addAt(): adding ${dtype} values into a ${a.dtype} array would change them: ` +
        `convert b first`,
    );
  }
  const offsets = indexOffsets(a, index);
  const values = operandArray(b);
  const full = broadcastTo(
    values.dtype === "float32" ? values : values.astype("float32"),
    offsets.shape,
  );
  if (offsets.size === 0) return;
  dispatch(
    pipeline(scatterAddKernel("f32")),
    [a.binding, paramBuffer([offsets.size]), offsets.binding, full.binding],
    groupsOf(Math.ceil(offsets.size / 256)),
  );
}
