/**
 * Data types: what each dtype stores its elements in, checking and converting values into a
 * dtype (`astype`), and NumPy 2's promotion rules (NEP 50), by which a JavaScript number is a
 * "weak" Python scalar.
 *
 * | dtype     | storage        | values                                             |
 * | --------- | -------------- | -------------------------------------------------- |
 * | `float64` | `Float64Array` | IEEE doubles                                       |
 * | `float32` | `Float32Array` | IEEE singles: every result is rounded to float32   |
 * | `int64`   | `Float64Array` | integers, exact up to 2^53 (beyond that: an error) |
 * | `uint8`   | `Uint8Array`   | 0..255, wrapping around as in NumPy                |
 * | `bool`    | `Uint8Array`   | 0 (False) and 1 (True)                             |
 *
 * @module
 */

import { describe, exactText, int64Overflow, ValueError } from "./_errors.ts";

/** The element types: NumPy's `float64`, `float32`, `int64`, `uint8` and `bool`. */
export type DType = "float64" | "float32" | "int64" | "uint8" | "bool";

/** The flat C-order storage of an array's elements (see the table above). */
export type Storage = Float64Array | Float32Array | Uint8Array;

/** Every dtype, in order of promotion within its kind. */
export const DTYPES: readonly DType[] = ["bool", "uint8", "int64", "float32", "float64"];

/** Checks a dtype given at run time: NumPy's error for unknown ones, with the known ones. */
export function checkDtype(dtype: unknown): DType {
  if (typeof dtype !== "string" || !(DTYPES as readonly string[]).includes(dtype)) {
    const hint = dtype === "int" || dtype === "int32"
      ? ' (write "int64")'
      : dtype === "float" || dtype === "float16"
      ? ' (write "float64" or "float32")'
      : "";
    throw new TypeError(
      `data type ${typeof dtype === "string" ? `'${dtype}'` : describe(dtype)} not understood ` +
        `(this stand-in has ${DTYPES.join(", ")})${hint}`,
    );
  }
  return dtype as DType;
}

// Small arrays are views into shared 64 KiB slabs, handed out once each from fresh (zeroed)
// memory: V8 makes a typed array of its own buffer ~5-10x slower than a view (each buffer is
// allocated, zeroed and tracked outside the heap), and a network's many small temporaries made
// that a fifth of a training step. The cost: a slab is freed only when every array in it is, so
// keeping one small array alive keeps up to 64 KiB. Arrays over 8 KiB get buffers of their own.
const SLAB_BYTES = 64 * 1024;
const SLAB_MAX_BYTES = 8 * 1024;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabOffset = 0;

/** `bytes` of fresh zeroed memory (at an offset aligned to 8) in the current slab. */
function fromSlab(bytes: number): [ArrayBuffer, number] {
  if (slabOffset + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabOffset = 0;
  }
  const at = slabOffset;
  slabOffset += (bytes + 7) & ~7;
  return [slab, at];
}

/** New zeroed storage for `n` elements of `dtype`. */
export function allocate(dtype: DType, n: number): Storage {
  switch (dtype) {
    case "float64":
    case "int64": {
      if (n * 8 > SLAB_MAX_BYTES || n === 0) return new Float64Array(n);
      const [buffer, at] = fromSlab(n * 8);
      return new Float64Array(buffer, at, n);
    }
    case "float32": {
      if (n * 4 > SLAB_MAX_BYTES || n === 0) return new Float32Array(n);
      const [buffer, at] = fromSlab(n * 4);
      return new Float32Array(buffer, at, n);
    }
    case "uint8":
    case "bool": {
      if (n > SLAB_MAX_BYTES || n === 0) return new Uint8Array(n);
      const [buffer, at] = fromSlab(n);
      return new Uint8Array(buffer, at, n);
    }
  }
}

/** Whether `data` is the kind of storage `dtype` keeps its elements in. */
export function storesAs(dtype: DType, data: unknown): data is Storage {
  switch (dtype) {
    case "float64":
    case "int64":
      return data instanceof Float64Array;
    case "float32":
      return data instanceof Float32Array;
    case "uint8":
    case "bool":
      return data instanceof Uint8Array;
  }
}

/** Whether `dtype` is a floating-point type. */
export function isFloat(dtype: DType): boolean {
  return dtype === "float64" || dtype === "float32";
}

/** Whether `dtype` holds integers (bool included, as NumPy's `np.integer` does not, but its kind). */
export function isIntegral(dtype: DType): boolean {
  return dtype === "int64" || dtype === "uint8" || dtype === "bool";
}

/**
 * `v` as an element of `dtype` when an array is made from JavaScript values (`np.array`,
 * `np.full`): bools as 0/1; an integer dtype takes only integers that fit, never a silently
 * rounded or wrapped value. `path` is the element's index, for the message.
 */
export function element(v: unknown, dtype: DType, path: readonly number[] = []): number {
  if (typeof v === "boolean") return v ? 1 : 0;
  const where = path.length ? ` at [${path}]` : "";
  if (typeof v !== "number") {
    throw new TypeError(
      `array() takes numbers, booleans and nested arrays, got ${describe(v)}${where}`,
    );
  }
  switch (dtype) {
    case "float64":
      return v;
    case "float32":
      return Math.fround(v);
    case "bool":
      return v !== 0 ? 1 : 0;
    case "int64":
      if (!Number.isInteger(v)) {
        throw new RangeError(
          `${v}${where} is not an integer, so it cannot be stored as int64 (round it first, or ` +
            "make a float64 array)",
        );
      }
      if (!Number.isSafeInteger(v)) throw int64Overflow(v);
      return v + 0; // -0 is a float; an integer zero has no sign
    case "uint8":
      if (!Number.isInteger(v)) {
        throw new RangeError(`${v}${where} is not an integer, so it cannot be stored as uint8`);
      }
      if (v < 0 || v > 255) throw outOfBounds(v, "uint8");
      return v + 0;
  }
}

/**
 * `v` as an element of `dtype` when a number is assigned into an array (`x.set(i, v)`, NumPy's
 * `x[i] = v`, and `fill`): as NumPy converts a Python number, a float into an integer dtype is
 * truncated as Python's `int()` does (NaN and infinities are its errors), and the integer must
 * fit.
 */
export function assignedElement(v: number, dtype: DType): number {
  if (dtype !== "int64" && dtype !== "uint8") return castElement(v, "float64", dtype);
  if (Number.isNaN(v)) throw new ValueError("cannot convert float NaN to integer");
  if (!Number.isFinite(v)) throw new OverflowError("cannot convert float infinity to integer");
  const t = Math.trunc(v) + 0; // -0.5 gives 0, not -0
  if (dtype === "uint8" && (t < 0 || t > 255)) throw outOfBounds(t, "uint8");
  if (!Number.isSafeInteger(t)) throw int64Overflow(t);
  return t;
}

/** NumPy 2's error for a Python integer that does not fit the array's integer dtype. */
function outOfBounds(v: number, dtype: DType): OverflowError {
  return new OverflowError(`Python integer ${exactText(v)} out of bounds for ${dtype}`);
}

/** Python's `OverflowError`, which NumPy 2 raises for a Python integer that does not fit a dtype. */
export class OverflowError extends RangeError {
  /** @param message NumPy's words */
  constructor(message: string) {
    super(message);
    this.name = "OverflowError";
  }
}

/**
 * Brings computed elements (a kernel's results, in `out`) into `dtype`: bool results are 0/1 (a
 * bool sum of 2 reads True, NumPy's logical or), an int64 has no -0 and must stay exact. Float
 * and uint8 storage round or wrap by themselves when written.
 */
export function fixElements(dtype: DType, out: Storage): Storage {
  if (dtype === "bool") {
    for (let i = 0; i < out.length; i++) out[i] = out[i] !== 0 ? 1 : 0;
  } else if (dtype === "int64") {
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (!Number.isSafeInteger(v)) throw int64Overflow(v);
      out[i] = v + 0;
    }
  }
  return out;
}

/** {@linkcode fixElements} for one value (a 0-d result kept as a number). */
export function fixElement(dtype: DType, v: number): number {
  switch (dtype) {
    case "float64":
      return v;
    case "float32":
      return Math.fround(v);
    case "bool":
      return v !== 0 ? 1 : 0;
    case "int64":
      if (!Number.isSafeInteger(v)) throw int64Overflow(v);
      return v + 0;
    case "uint8":
      return v & 255;
  }
}

/**
 * Checks storage handed to the public `NDArray` constructor: an int64 array holds integers
 * (exact up to 2^53), a bool array 0 and 1.
 */
export function checkElements(dtype: DType, data: Storage | number): void {
  if (dtype !== "int64" && dtype !== "bool") {
    if (typeof data === "number" && fixElement(dtype, data) !== data && data === data) {
      throw new TypeError(`a ${dtype} array cannot hold ${data}`);
    }
    return;
  }
  const values = typeof data === "number" ? [data] : data;
  for (const v of values) {
    if (dtype === "int64" ? !Number.isSafeInteger(v) : v !== 0 && v !== 1) {
      throw new TypeError(
        `${dtype === "int64" ? "an" : "a"} ${dtype} array cannot hold ${v}: ` +
          (dtype === "int64"
            ? "its elements are integers (|v| <= 2^53 - 1); round first, or make a float64 array"
            : "its elements are 0 (false) and 1 (true)"),
      );
    }
  }
}

/**
 * Converts `value` (an element of `from`) to `to` as NumPy's `astype` does with its default
 * unsafe casting: floats to integers truncate toward zero, integers to uint8 wrap around, anything
 * to bool is `!= 0`. Where NumPy's result is undefined (NaN or an out-of-range float to an
 * integer: NumPy warns and gives an arbitrary number), this throws instead, as it does for an
 * int64 beyond 2^53, which NumPy holds and this stand-in does not.
 */
export function castElement(value: number, from: DType, to: DType): number {
  switch (to) {
    case "float64":
      return value;
    case "float32":
      return Math.fround(value);
    case "bool":
      return value !== 0 ? 1 : 0; // NaN != 0 is True in NumPy too
    case "int64":
    case "uint8": {
      if (isFloat(from)) {
        const t = Math.trunc(value);
        const fits = to === "int64" ? Math.abs(t) < 2 ** 63 : t >= 0 && t <= 255;
        if (!fits) {
          throw new ValueError(
            `cannot convert ${value} to ${to}: NumPy's result is undefined there ` +
              `(it warns "invalid value encountered in cast"); clip or replace the value first`,
          );
        }
        if (!Number.isSafeInteger(t)) throw int64Overflow(t);
        return t + 0;
      }
      return to === "uint8" ? ((value % 256) + 256) % 256 : value;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Promotion (NEP 50)

/** An operand as promotion sees it: a plain number (weak) or anything with a dtype (strong). */
export type Typed = number | { readonly dtype: DType };

// The strong promotion table: the smallest dtype that holds both. uint8 with int64 is int64;
// int64 with float32 is float64, as NumPy's int64 does not fit in float32's 24 bits.
function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === "bool") return b;
  if (b === "bool") return a;
  if (a === "float64" || b === "float64") return "float64";
  if (a === "float32" || b === "float32") {
    return a === "int64" || b === "int64" ? "float64" : "float32";
  }
  return "int64"; // uint8 with int64
}

/**
 * The dtype a weak JavaScript number takes next to an array of `other` (NEP 50): an
 * integer-valued number is a Python int, which takes an integer array's dtype (it must fit, as in
 * NumPy 2) and a bool array's default int64; a fractional number (or NaN, ±Infinity, -0) is a
 * Python float, which takes a float array's dtype and makes integer arrays float64.
 */
function weakDtype(x: number, other: DType, checkFits: boolean): DType {
  const integer = Number.isInteger(x) && !Object.is(x, -0);
  if (!integer) return other === "float32" ? "float32" : "float64";
  if (other === "bool") return "int64";
  if (checkFits && other === "uint8" && (x < 0 || x > 255)) throw outOfBounds(x, "uint8");
  return other;
}

/**
 * The common dtype of a ufunc's operands, by NumPy 2's rules: arrays promote by
 * {@linkcode promoteTypes}; a number adapts to the arrays' dtype ({@linkcode weakDtype}); numbers
 * alone are float64. `checkFits` makes an integer that does not fit a uint8 array NumPy 2's
 * OverflowError (comparisons do not check, as in NumPy).
 */
export function resultType(operands: readonly Typed[], checkFits = true): DType {
  let strong: DType | undefined;
  for (const x of operands) {
    if (typeof x !== "number") {
      strong = strong === undefined ? x.dtype : promoteTypes(strong, x.dtype);
    }
  }
  if (strong === undefined) return "float64";
  let dtype = strong;
  for (const x of operands) {
    if (typeof x === "number") dtype = promoteTypes(dtype, weakDtype(x, strong, checkFits));
  }
  return dtype;
}
