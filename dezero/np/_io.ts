/**
 * NumPy's `.npy` and `.npz` files: `np.save`, `np.load`, `np.savez` and `np.savez_compressed`, on
 * arrays given as plain records (`RawArray`: shape, dtype, C-order data). Files are written as
 * NumPy 2.4 writes them, byte for byte (`.npz` archives deflated by a different zlib aside), and
 * read from what NumPy writes: format versions 1.0, 2.0 and 3.0, either byte order, stored and
 * deflated archives. Anything this reader cannot turn into exactly the array in the file (other
 * dtypes, Fortran order, object arrays, int64 values beyond 2^53, truncated or corrupted files)
 * is an error naming the file, never a partial or approximate array. NumPy's own split of this
 * code is `numpy/lib/format.py` (`.npy`) and `numpy/lib/_npyio_impl.py` (`savez`, `load`).
 *
 * @module
 */

import type { DType } from "./_dtypes.ts";
import { describe, ValueError } from "./_errors.ts";
import { EMPTY_SHAPE, NDArray } from "./_ndarray.ts";
import { readZip, writeZip } from "./_zip.ts";

/**
 * An array as these functions read and write it: its shape, its dtype and its elements in C
 * order. `float64` and `int64` elements live in a `Float64Array` (int64 exact up to 2^53 - 1),
 * `float32` in a `Float32Array`, `uint8` and `bool` in a `Uint8Array` (bool as 0 and 1).
 */
export interface RawArray {
  /** The length of each axis (`[]` for a 0-d array). */
  shape: readonly number[];
  /** The element type. */
  dtype: DType;
  /** The elements in C order, as many as the shape's product. */
  data: Float64Array | Float32Array | Uint8Array;
}

/** What `np.load` gives for an `.npz` file: its arrays by name. */
export type NpzFile = Record<string, NDArray>;

/** A file's array as an NDArray (0-d arrays keep their value as a number). */
function toNDArray(a: RawArray): NDArray {
  return a.shape.length === 0
    ? new NDArray(EMPTY_SHAPE, a.dtype, a.data[0])
    : new NDArray(a.shape, a.dtype, a.data);
}

/** Each dtype's NumPy descriptor as `np.save` writes it, and its size in bytes. */
const FORMATS: Record<
  DType,
  {
    descr: string;
    size: number;
    storage: Float64ArrayConstructor | Float32ArrayConstructor | Uint8ArrayConstructor;
  }
> = {
  float64: { descr: "<f8", size: 8, storage: Float64Array },
  float32: { descr: "<f4", size: 4, storage: Float32Array },
  int64: { descr: "<i8", size: 8, storage: Float64Array },
  uint8: { descr: "|u1", size: 1, storage: Uint8Array },
  bool: { descr: "|b1", size: 1, storage: Uint8Array },
};
const DTYPES = Object.keys(FORMATS) as DType[];
/** The type codes of a descriptor (after its byte order character) that NumPy reads as ours. */
const CODES: Record<string, DType> = {
  f8: "float64",
  f4: "float32",
  i8: "int64",
  u1: "uint8",
  b1: "bool",
  "?": "bool",
};
const SUPPORTED = "'<f8' (float64), '<f4' (float32), '<i8' (int64), '|u1' (uint8) and " +
  "'|b1' (bool), in either byte order";

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const PREAMBLE = MAGIC.length + 2; // the magic and the version
const ARRAY_ALIGN = 64;
/** NumPy pads the header for the first axis to grow to this many digits in place. */
const GROWTH_AXIS_MAX_DIGITS = 21;
/** NumPy's limit on the number of dimensions (`NPY_MAXDIMS`). */
const MAX_DIMS = 64;
/** Deeper nesting than any dtype descriptor needs: a guard against a hostile header. */
const MAX_NESTING = 32;
const ZIP_STARTS = [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]]; // PK\3\4, PK\5\6 (empty)

/**
 * The `.npy` file of `a`, byte for byte as NumPy's `np.save` writes it: format version 1.0 (the
 * header of an array NumPy can hold, at most 64 dimensions, always fits it), the header dict
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces so that the
 * data starts at a multiple of 64 bytes, then the elements in C order, little-endian.
 *
 * @param a the array; its data must hold exactly the shape's product of elements, stored as
 *   `RawArray` says (int64 as safe integers, bool as 0 and 1)
 *
 * @example
 * ```ts
 * import { decodeNpy, encodeNpy } from "./_io.ts";
 * import assert from "node:assert/strict";
 * const bytes = encodeNpy({ shape: [2], dtype: "int64", data: new Float64Array([1, -2]) });
 * assert.equal(bytes.length, 128 + 16);
 * assert.equal(
 *   new TextDecoder().decode(bytes.subarray(10, 70)),
 *   "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }   ",
 * );
 * assert.deepEqual(decodeNpy(bytes, "x.npy").data, new Float64Array([1, -2]));
 * ```
 */
export function encodeNpy(a: RawArray): Uint8Array {
  return npyBytes(a, "encodeNpy()");
}

/**
 * The array in the `.npy` file `bytes` (NumPy's `np.load` of a `.npy` file). Reads format
 * versions 1.0, 2.0 and 3.0 and the descriptors `<f8`, `<f4`, `<i8`, `|u1` and `|b1`, also
 * big-endian (`>f8`, converted) and NumPy's other spellings of the same dtypes (`u1`, `=i8`, `?`,
 * …). A bool byte other than 0 reads as 1 (`True`, as NumPy reads it). Throws a `ValueError`
 * naming the file for: other dtypes, object arrays (NumPy's pickles: never unpickled), Fortran
 * order (where it changes the element order), int64 values beyond 2^53 - 1, a wrong magic
 * string or version, a malformed header, and data shorter or longer than the header's shape.
 * The result's data is a copy: it never shares memory with `bytes`.
 *
 * @param bytes the file's contents
 * @param name the file's name, for error messages
 *
 * @example
 * ```ts
 * import { decodeNpy, encodeNpy } from "./_io.ts";
 * import assert from "node:assert/strict";
 * const bytes = encodeNpy({ shape: [], dtype: "float64", data: new Float64Array([2.5]) });
 * const a = decodeNpy(bytes, "x.npy");
 * assert.deepEqual(a.shape, []);
 * assert.equal(a.data[0], 2.5);
 * assert.throws(() => decodeNpy(bytes.subarray(0, 130), "x.npy"), /'x.npy': .*truncated/);
 * ```
 */
export function decodeNpy(bytes: Uint8Array, name: string): RawArray {
  checkBytes(bytes, name, "decodeNpy()");
  return parseNpy(bytes, `'${name}'`);
}

/**
 * The `.npz` file of `entries`: a ZIP archive with one `.npy` member `NAME.npy` for each entry, in
 * the record's key order (JavaScript puts integer-like keys such as `"0"` first), laid out as
 * NumPy's `np.savez` (`compress` false: stored, byte for byte as NumPy writes it) or
 * `np.savez_compressed` (`compress` true: deflated) lays it out. Names may hold `/` (`"l1/W"`,
 * as DeZero's weights do), which NumPy reads back unchanged.
 *
 * @param entries the arrays by name
 * @param compress deflate the members (`np.savez_compressed`), else store them (`np.savez`)
 *
 * @example
 * ```ts
 * import { decodeNpz, encodeNpz } from "./_io.ts";
 * import assert from "node:assert/strict";
 * const W = { shape: [1, 2], dtype: "float32" as const, data: new Float32Array([0.5, 2]) };
 * const bytes = encodeNpz({ "l1/W": W }, true);
 * assert.deepEqual(decodeNpz(bytes, "w.npz"), { "l1/W": W });
 * ```
 */
export function encodeNpz(entries: Record<string, RawArray>, compress: boolean): Uint8Array {
  if (typeof compress !== "boolean") {
    throw new TypeError(`encodeNpz() takes compress as a boolean, got ${describe(compress)}`);
  }
  return npzBytes(entries, compress, "encodeNpz()");
}

/**
 * The arrays in the `.npz` file `bytes` by name (the member names without `.npy`), in the
 * archive's order (JavaScript puts integer-like names such as `"0"` first): NumPy's `np.load` of
 * a `.npz` file, reading every member at once. Each member is checked against its CRC-32 and
 * sizes and read as `decodeNpy` reads a file. Throws a `ValueError` naming the file (and the
 * member) for anything it cannot read exactly: see `decodeNpy`, and a corrupted or truncated
 * archive, encryption, compression other than stored and deflate, an archive over several disks,
 * members that are not `.npy` files.
 *
 * @param bytes the file's contents
 * @param name the file's name, for error messages
 *
 * @example
 * ```ts
 * import { decodeNpz, encodeNpz } from "./_io.ts";
 * import assert from "node:assert/strict";
 * const b = { shape: [2], dtype: "bool" as const, data: new Uint8Array([1, 0]) };
 * const arrays = decodeNpz(encodeNpz({ b }, false), "x.npz");
 * assert.deepEqual(Object.keys(arrays), ["b"]);
 * assert.deepEqual(arrays.b, b);
 * ```
 */
export function decodeNpz(bytes: Uint8Array, name: string): Record<string, RawArray> {
  checkBytes(bytes, name, "decodeNpz()");
  return parseNpz(bytes, `'${name}'`);
}

/**
 * Saves `a` to the `.npy` file `path` (NumPy's `np.save`), appending `.npy` to a path that does
 * not end with it, as NumPy does. The file is written whole or not at all: the bytes go to a
 * temporary file in the same folder, which is then renamed over `path`, and is removed if
 * anything fails. So, unlike NumPy, saving over a symbolic link replaces the link, and saving
 * over a file gives a new file (with the default permissions). Needs `--allow-write` and
 * `--allow-read` (Deno's rename needs both) for the folder. Returns the path written to.
 *
 * @param path the file, as a path or a `file:` URL
 * @param a the array (see `encodeNpy`)
 *
 * @example
 * ```ts
 * import { load, save } from "./_io.ts";
 * import type { NDArray } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const a = { shape: [3], dtype: "float64" as const, data: new Float64Array([1, 2, 3]) };
 * try {
 *   const dir = Deno.makeTempDirSync();
 *   assert.equal(save(`${dir}/a`, a), `${dir}/a.npy`);
 *   assert.deepEqual((load(`${dir}/a.npy`) as NDArray).toArray(), [1, 2, 3]);
 *   Deno.removeSync(dir, { recursive: true });
 * } catch (e) {
 *   // Without --allow-write and --allow-read for the temporary folder:
 *   assert.ok(e instanceof Deno.errors.NotCapable);
 * }
 * ```
 */
export function save<P extends string | URL>(
  path: P,
  a: RawArray,
): P extends string ? string : URL {
  return writeAtomically(path, ".npy", "save()", () => npyBytes(a, "save()"));
}

/**
 * The array in the `.npy` file `path`, or the arrays by name in the `.npz` file `path` (NumPy's
 * `np.load`), told apart by the file's first bytes as NumPy tells them apart. See `decodeNpy` and
 * `decodeNpz` for what is read and what is an error. Needs `--allow-read` for the file; a
 * missing or unreadable file is an error naming it (and the flag, where a permission is missing).
 *
 * @param path the file, as a path or a `file:` URL
 *
 * @example
 * ```ts
 * import * as np from "./mod.ts";
 * import assert from "node:assert/strict";
 * const b = np.array(255, "uint8");
 * try {
 *   const dir = Deno.makeTempDirSync();
 *   np.savez(`${dir}/w.npz`, { b });
 *   assert.equal((np.load(`${dir}/w.npz`) as np.NpzFile).b.toString(), "255");
 *   Deno.removeSync(dir, { recursive: true });
 * } catch (e) {
 *   // Without --allow-write and --allow-read for the temporary folder:
 *   assert.ok(e instanceof Deno.errors.NotCapable);
 * }
 * ```
 */
export function load(path: string | URL): NDArray | NpzFile {
  const shown = showPath(path, "load()");
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(path);
  } catch (e) {
    throw fileError(e, shown, false);
  }
  const label = `'${shown}'`;
  if (bytes.length === 0) throw new ValueError(`${label} is empty: no data left in file`);
  const starts = (prefix: number[]) => prefix.every((b, i) => i >= bytes.length || bytes[i] === b);
  if (ZIP_STARTS.some(starts)) {
    const arrays = parseNpz(bytes, label);
    const out: NpzFile = {};
    for (const name of Object.keys(arrays)) {
      Object.defineProperty(out, name, {
        value: toNDArray(arrays[name]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (starts(MAGIC)) return toNDArray(parseNpy(bytes, label));
  const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  throw new ValueError(
    `${label} is neither a .npy nor a .npz file (it starts with the bytes ${head}); this ` +
      "reader does not load pickles (NumPy's fallback) or text",
  );
}

/**
 * Saves `entries` to the `.npz` file `path`, stored (NumPy's `np.savez(path, **entries)`), as
 * `encodeNpz` lays it out. Appends `.npz` to a path that does not end with it, and writes the
 * file whole or not at all, as `save` does. Returns the path written to.
 *
 * @param path the file, as a path or a `file:` URL
 * @param entries the arrays by name
 *
 * @example
 * ```ts
 * import { load, savez } from "./_io.ts";
 * import type { NDArray } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const W = { shape: [1, 1], dtype: "float64" as const, data: new Float64Array([0.5]) };
 * try {
 *   const dir = Deno.makeTempDirSync();
 *   const file = savez(new URL(`file://${dir}/weights`), { "l1/W": W });
 *   assert.equal(file.href, `file://${dir}/weights.npz`);
 *   assert.deepEqual((load(file) as Record<string, NDArray>)["l1/W"].toArray(), [[0.5]]);
 *   Deno.removeSync(dir, { recursive: true });
 * } catch (e) {
 *   // Without --allow-write and --allow-read for the temporary folder:
 *   assert.ok(e instanceof Deno.errors.NotCapable);
 * }
 * ```
 */
export function savez<P extends string | URL>(
  path: P,
  entries: Record<string, RawArray>,
): P extends string ? string : URL {
  return writeAtomically(path, ".npz", "savez()", () => npzBytes(entries, false, "savez()"));
}

/**
 * Saves `entries` to the `.npz` file `path`, deflated (NumPy's
 * `np.savez_compressed(path, **entries)`); otherwise as `savez`.
 *
 * @param path the file, as a path or a `file:` URL
 * @param entries the arrays by name
 *
 * @example
 * ```ts
 * import { load, savezCompressed } from "./_io.ts";
 * import type { NDArray } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const z = { shape: [1000], dtype: "float64" as const, data: new Float64Array(1000) };
 * try {
 *   const dir = Deno.makeTempDirSync();
 *   const file = savezCompressed(`${dir}/z`, { z });
 *   assert.ok(Deno.statSync(file).size < 1000);
 *   assert.equal((load(file) as Record<string, NDArray>).z.size, 1000);
 *   Deno.removeSync(dir, { recursive: true });
 * } catch (e) {
 *   // Without --allow-write and --allow-read for the temporary folder:
 *   assert.ok(e instanceof Deno.errors.NotCapable);
 * }
 * ```
 */
export function savezCompressed<P extends string | URL>(
  path: P,
  entries: Record<string, RawArray>,
): P extends string ? string : URL {
  const context = "savezCompressed()";
  return writeAtomically(path, ".npz", context, () => npzBytes(entries, true, context));
}

// ---- .npy ----

/** The `.npy` bytes of `a`, checked first; `context` starts the messages of errors in `a`. */
function npyBytes(a: RawArray, context: string): Uint8Array {
  const { count } = checkArray(a, context);
  const { descr, size } = FORMATS[a.dtype];
  const growth = a.shape.length
    ? " ".repeat(GROWTH_AXIS_MAX_DIGITS - String(a.shape[0]).length)
    : "";
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${pyShape(a.shape)}, }` +
    growth;
  // NumPy pads with 1 to 64 spaces (never 0) before the final newline.
  const headerLength = dict.length + 1;
  const pad = ARRAY_ALIGN - ((PREAMBLE + 2 + headerLength) % ARRAY_ALIGN);
  const dataStart = PREAMBLE + 2 + headerLength + pad;

  const out = new Uint8Array(dataStart + count * size);
  out.set(MAGIC);
  out[MAGIC.length] = 1; // version 1.0
  new DataView(out.buffer).setUint16(PREAMBLE, headerLength + pad, true);
  for (let i = 0; i < dict.length; i++) out[PREAMBLE + 2 + i] = dict.charCodeAt(i);
  out.fill(0x20, PREAMBLE + 2 + dict.length, dataStart - 1);
  out[dataStart - 1] = 0x0a;

  const { data } = a;
  // Deno runs only on little-endian machines (x86-64, AArch64): typed arrays' bytes are LE.
  if (a.dtype === "int64") {
    const words = new Int32Array(out.buffer, dataStart, 2 * count); // dataStart is aligned
    for (let i = 0; i < count; i++) {
      const high = Math.floor(data[i] / 2 ** 32);
      words[2 * i] = data[i] - high * 2 ** 32; // stored modulo 2^32: the low half's bits
      words[2 * i + 1] = high;
    }
  } else {
    out.set(new Uint8Array(data.buffer, data.byteOffset, count * size), dataStart);
  }
  return out;
}

/** Checks that `a` is a `RawArray` as its contract says; returns its element count. */
function checkArray(a: RawArray, context: string): { count: number } {
  if (typeof a !== "object" || a === null) {
    throw new TypeError(`${context} takes a RawArray { shape, dtype, data }, got ${describe(a)}`);
  }
  const { shape, dtype, data } = a;
  if (!DTYPES.includes(dtype)) {
    throw new TypeError(
      `${context}: data type ${describe(dtype)} not understood (the .npy format here has ` +
        `${DTYPES.join(", ")})`,
    );
  }
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new TypeError(
      `${context}: the shape must be an array of integers >= 0, got ${describe(shape)}` +
        (Array.isArray(shape) ? ` [${shape.map(String).join(", ")}]` : ""),
    );
  }
  if (shape.length > MAX_DIMS) {
    throw new ValueError(
      `${context}: maximum supported dimension for an ndarray is currently ${MAX_DIMS}, found ` +
        `${shape.length} (NumPy could not load the file)`,
    );
  }
  // NumPy refuses a shape whose nonzero lengths multiply past its byte limit, even if empty.
  const bytes = shape.reduce((p, n) => n ? p * BigInt(n) : p, BigInt(FORMATS[dtype].size));
  if (bytes > 2n ** 63n - 1n) {
    throw new ValueError(
      `${context}: array is too big; \`arr.size * arr.dtype.itemsize\` is larger than the ` +
        `maximum possible size (shape ${pyShape(shape)}; NumPy could not load the file)`,
    );
  }
  const { storage } = FORMATS[dtype];
  if (!(data instanceof storage)) {
    throw new TypeError(
      `${context}: ${dtype} data must be a ${storage.name}, got ${describe(data)}`,
    );
  }
  const count = shape.reduce((p, n) => p * n, 1);
  if (data.length !== count) {
    throw new ValueError(
      `${context}: the data holds ${data.length} elements but the shape ${pyShape(shape)} ` +
        `has ${count}`,
    );
  }
  if (dtype === "int64" || dtype === "bool") {
    // Plain loops: several times faster than findIndex with a callback on large arrays.
    for (let i = 0; i < count; i++) {
      const v = data[i];
      if (dtype === "int64" ? !Number.isSafeInteger(v) : v > 1) {
        throw new RangeError(
          `${context}: element ${i} of the ${dtype} data is ${v}, which is not ` +
            (dtype === "bool" ? "0 or 1" : "an integer with |v| <= 2^53 - 1"),
        );
      }
    }
  }
  return { count };
}

/** The array in `.npy` bytes; `label` (the quoted file name) starts every error message. */
function parseNpy(bytes: Uint8Array, label: string): RawArray {
  const fail = (problem: string) => new ValueError(`${label}: ${problem}`);
  const truncated = (what: string, expected: number, got: number) =>
    fail(`the file is truncated: EOF reading ${what}, expected ${expected} bytes got ${got}`);

  const magic = bytes.subarray(0, MAGIC.length);
  if (!magic.every((b, i) => b === MAGIC[i])) {
    throw fail(
      `the magic string is not correct; expected b'\\x93NUMPY', got ${pyBytes(magic)} ` +
        "(not a .npy file)",
    );
  }
  if (bytes.length < PREAMBLE) throw truncated("magic string", PREAMBLE, bytes.length);
  const major = bytes[MAGIC.length];
  const minor = bytes[MAGIC.length + 1];
  if (minor !== 0 || major < 1 || major > 3) {
    throw fail(
      `we only support format version (1,0), (2,0), and (3,0), not (${major}, ${minor})`,
    );
  }
  const lengthSize = major === 1 ? 2 : 4;
  if (bytes.length < PREAMBLE + lengthSize) {
    throw truncated("array header length", lengthSize, bytes.length - PREAMBLE);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = lengthSize === 2
    ? view.getUint16(PREAMBLE, true)
    : view.getUint32(PREAMBLE, true);
  const headerStart = PREAMBLE + lengthSize;
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart) {
    throw truncated("array header", headerLength, bytes.length - headerStart);
  }
  const headerBytes = bytes.subarray(headerStart, dataStart);
  let header: string;
  if (major === 3) {
    try {
      header = new TextDecoder("utf-8", { fatal: true }).decode(headerBytes);
    } catch {
      throw fail("the header of a version 3.0 file is not valid UTF-8");
    }
  } else {
    header = "";
    for (const b of headerBytes) header += String.fromCharCode(b); // latin-1
  }

  const d = parseHeader(header, major < 3, fail);
  const keys = [...d.keys()];
  if (keys.length !== 3 || !["descr", "fortran_order", "shape"].every((k) => d.has(k))) {
    const sorted = keys.map(pyRepr).sort();
    throw fail(`Header does not contain the correct keys: [${sorted.join(", ")}]`);
  }
  const shapeValue = d.get("shape");
  if (
    !(shapeValue instanceof PyTuple) ||
    !shapeValue.items.every((n) => typeof n === "bigint" && n >= 0n && n <= 2n ** 53n - 1n)
  ) {
    throw fail(`shape is not valid: ${pyRepr(shapeValue)}`);
  }
  const shape = shapeValue.items.map(Number);
  const fortranOrder = d.get("fortran_order");
  if (typeof fortranOrder !== "boolean") {
    throw fail(`fortran_order is not a valid bool: ${pyRepr(fortranOrder)}`);
  }
  const { dtype, littleEndian } = parseDescr(d.get("descr"), fail);
  // Fortran order differs from C order only where two or more axes are longer than 1.
  if (fortranOrder && shape.filter((n) => n > 1).length > 1) {
    throw fail(
      `the array (shape ${pyShape(shape)}) was saved in Fortran order; resave it in C order ` +
        "with np.save(file, np.ascontiguousarray(a))",
    );
  }

  const count = shape.reduce((p, n) => p * n, 1);
  const { size } = FORMATS[dtype];
  const available = bytes.length - dataStart;
  if (available < count * size) {
    throw fail(
      `the file is truncated: failed to read all data for array, expected ${pyShape(shape)} = ` +
        `${count} elements (${count * size} bytes), could only read ${available} bytes`,
    );
  }
  if (available > count * size) {
    throw fail(
      `the file holds ${available - count * size} bytes after the ${count * size} bytes of data ` +
        `its header describes (shape ${pyShape(shape)}): the header does not match the data ` +
        "(or several arrays were saved to one file, of which np.load reads only the first)",
    );
  }
  const raw = bytes.subarray(dataStart);
  return { shape, dtype, data: readElements(raw, dtype, count, littleEndian, fail) };
}

/** The elements of `raw`, copied into the storage of `dtype`. */
function readElements(
  raw: Uint8Array,
  dtype: DType,
  count: number,
  littleEndian: boolean,
  fail: (problem: string) => Error,
): Float64Array | Float32Array | Uint8Array {
  if (dtype === "uint8") return raw.slice();
  if (dtype === "bool") return raw.map((b) => b === 0 ? 0 : 1);
  const out = dtype === "float32" ? new Float32Array(count) : new Float64Array(count);
  const bytes = new Uint8Array(out.buffer);
  bytes.set(raw);
  if (!littleEndian) {
    const size = FORMATS[dtype].size;
    for (let at = 0; at < bytes.length; at += size) bytes.subarray(at, at + size).reverse();
  }
  if (dtype === "int64") {
    // Each element's two 32-bit halves are read, then overwritten by its value.
    const words = new Int32Array(out.buffer);
    for (let i = 0; i < count; i++) {
      const high = words[2 * i + 1];
      const low = words[2 * i] >>> 0;
      // Exact while the true value is a safe integer; any other rounds to one that is not.
      const v = high * 2 ** 32 + low;
      if (!Number.isSafeInteger(v)) {
        throw fail(
          `int64 element ${i} is ${BigInt(high) * 2n ** 32n + BigInt(low)}, beyond the ` +
            "int64 values this stand-in holds exactly (|v| <= 2^53 - 1)",
        );
      }
      out[i] = v;
    }
  }
  return out;
}

/** The dtype and byte order a header's `descr` stands for, or the reason it is not read. */
function parseDescr(
  descr: PyValue | undefined,
  fail: (problem: string) => Error,
): { dtype: DType; littleEndian: boolean } {
  const pickles = () =>
    fail(
      "Object arrays cannot be loaded when allow_pickle=False (this reader never unpickles; " +
        "resave the array with a numeric dtype, e.g. a.astype(np.float64))",
    );
  if (typeof descr === "string") {
    const order = "<>|=".includes(descr[0]) ? descr[0] : "";
    const code = descr.slice(order.length);
    const dtype = CODES[code];
    if (dtype) return { dtype, littleEndian: order !== ">" };
    if (/^O\d*$/.test(code)) throw pickles();
    throw fail(
      `the dtype '${descr}' is not supported; this reader takes ${SUPPORTED}: resave the array ` +
        "converted, e.g. with a.astype(np.float64)",
    );
  }
  if (Array.isArray(descr)) {
    if (/'[<>|=]?O\d*'/.test(pyRepr(descr))) throw pickles();
    throw fail(`structured dtypes (descr ${pyRepr(descr)}) are not supported`);
  }
  throw fail(`descr is not a valid dtype descriptor: ${pyRepr(descr)}`);
}

// ---- .npz ----

/** The `.npz` bytes of `entries`, each checked first. */
function npzBytes(
  entries: Record<string, RawArray>,
  compress: boolean,
  context: string,
): Uint8Array {
  if (typeof entries !== "object" || entries === null || Array.isArray(entries)) {
    throw new TypeError(`${context} takes a record of arrays by name, got ${describe(entries)}`);
  }
  if ("dtype" in entries && "data" in entries && Array.isArray(entries.shape)) {
    throw new TypeError(
      `${context} takes a record of arrays by name, got one array: name it ({ x: a }), or save ` +
        "it alone as a .npy file",
    );
  }
  const members = Object.keys(entries).map((name) => ({
    name: `${name}.npy`,
    data: npyBytes(entries[name], `${context}: entry '${name}'`),
  }));
  return writeZip(members, compress);
}

/** The arrays in `.npz` bytes; `label` (the quoted file name) starts every error message. */
function parseNpz(bytes: Uint8Array, label: string): Record<string, RawArray> {
  const arrays: Record<string, RawArray> = {};
  for (const { name, data } of readZip(bytes, label)) {
    if (!name.endsWith(".npy")) {
      throw new ValueError(
        `${label}: member '${name}' is not a .npy file (np.load would give its raw bytes)`,
      );
    }
    // defineProperty: a member named "__proto__.npy" is an entry, not the record's prototype.
    Object.defineProperty(arrays, name.slice(0, -4), {
      value: parseNpy(data, `${label}, member '${name}'`),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return arrays;
}

// ---- files ----

/** `path` as error messages show it, checked to be a path or a `file:` URL. */
function showPath(path: string | URL, context: string): string {
  if (typeof path === "string") return path;
  if (!(path instanceof URL) || path.protocol !== "file:") {
    throw new TypeError(
      `${context} takes a path (a string or a file: URL), got ${
        path instanceof URL ? `the URL ${path.href}` : describe(path)
      }`,
    );
  }
  const file = decodeURIComponent(path.pathname);
  return Deno.build.os === "windows" ? file.replace(/^\/(?=[A-Za-z]:)/, "") : file;
}

/** `path` with `suffix` appended unless it already ends with it. */
function appended<P extends string | URL>(path: P, suffix: string): P extends string ? string : URL;
function appended(path: string | URL, suffix: string): string | URL {
  if (typeof path === "string") return path.endsWith(suffix) ? path : path + suffix;
  const url = new URL(path);
  if (!url.pathname.endsWith(suffix)) url.pathname += suffix;
  return url;
}

/**
 * Writes the file of `encode()` to `path`, with `suffix` appended unless `path` ends with it
 * (NumPy's rule, case-sensitive), whole or not at all: through a temporary file beside it.
 * Returns the path written to.
 */
function writeAtomically<P extends string | URL>(
  path: P,
  suffix: string,
  context: string,
  encode: () => Uint8Array,
): P extends string ? string : URL {
  showPath(path, context);
  const bytes = encode();
  const target = appended(path, suffix);
  const shown = showPath(target, context);
  const tag = [...crypto.getRandomValues(new Uint8Array(6))]
    .map((b) => b.toString(16).padStart(2, "0")).join("");
  const temp = appended(target, `.${tag}.tmp`);
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(temp, { write: true, createNew: true });
  } catch (e) {
    throw fileError(e, shown, true);
  }
  try {
    try {
      for (let done = 0; done < bytes.length;) done += file.writeSync(bytes.subarray(done));
      file.syncDataSync(); // the data is on disk before the rename makes it the file
    } finally {
      file.close();
    }
    Deno.renameSync(temp, target);
  } catch (e) {
    try {
      Deno.removeSync(temp);
    } catch {
      // The error worth reporting is the first one.
    }
    throw fileError(e, shown, true);
  }
  return target;
}

/**
 * `e`, a file system error on `shown`, as an error of the same class whose message names the
 * file, and the flags to grant where Deno's permissions denied it.
 */
function fileError(e: unknown, shown: string, writing: boolean): unknown {
  if (!(e instanceof Error)) return e;
  const action = writing ? "save" : "load";
  let message: string;
  if (e instanceof Deno.errors.NotCapable) {
    const cut = Math.max(shown.lastIndexOf("/"), shown.lastIndexOf("\\"));
    const folder = cut < 0 ? "." : shown.slice(0, cut) || "/";
    message = writing
      ? `cannot save '${shown}': it needs --allow-write=${folder} and --allow-read=${folder} ` +
        "(the file is written to a temporary file in its folder, then renamed, and Deno's " +
        "rename needs both)"
      : `cannot load '${shown}': it needs --allow-read=${shown}`;
  } else if (e instanceof Deno.errors.NotFound) {
    message = writing
      ? `cannot save '${shown}': its folder does not exist`
      : `No such file or directory: '${shown}'`;
  } else {
    message = `cannot ${action} '${shown}': ${e.message}`;
  }
  const ErrorClass = e.constructor as new (message: string, options: ErrorOptions) => Error;
  return new ErrorClass(message, { cause: e });
}

// ---- checks and Python's notation ----

/** Checks the arguments of `decodeNpy` and `decodeNpz` (JavaScript callers pass anything). */
function checkBytes(bytes: Uint8Array, name: string, context: string): void {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `${context} takes the file's bytes as a Uint8Array, got ${describe(bytes)}`,
    );
  }
  if (typeof name !== "string") {
    throw new TypeError(`${context} takes the file's name as a string, got ${describe(name)}`);
  }
}

/** A shape as Python writes a tuple: `()`, `(3,)`, `(2, 3)`. */
function pyShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** Bytes as Python's `repr` writes them: `b'PK\x03\x04'`. */
function pyBytes(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) {
    s += b === 0x27 || b === 0x5c
      ? `\\${String.fromCharCode(b)}`
      : b >= 0x20 && b < 0x7f
      ? String.fromCharCode(b)
      : `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `b'${s}'`;
}

/** A Python tuple in a parsed header (a list is a JavaScript array). */
class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** A Python literal as `ast.literal_eval` gives it, for the subset `.npy` headers use. */
type PyValue = string | bigint | boolean | null | PyTuple | PyValue[] | Map<PyValue, PyValue>;

/** A parsed value as Python's `repr` writes it, for error messages. */
function pyRepr(v: PyValue | undefined): string {
  if (v === undefined || v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "bigint") return String(v);
  if (typeof v === "string") return `'${v.replace(/[\\']/g, "\\$&")}'`;
  if (v instanceof PyTuple) {
    return v.items.length === 1
      ? `(${pyRepr(v.items[0])},)`
      : `(${v.items.map(pyRepr).join(", ")})`;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(", ")}}`;
}

/**
 * The dict literal of a `.npy` header, parsed as Python's `ast.literal_eval` would parse the
 * subset headers use: dicts, tuples, lists, strings, integers, True, False and None. `python2`
 * allows Python 2's `L` after integers (NumPy accepts it in versions 1.0 and 2.0).
 */
function parseHeader(
  header: string,
  python2: boolean,
  fail: (problem: string) => Error,
): Map<PyValue, PyValue> {
  let at = 0;
  const error = (why: string) => {
    const shown = header.length > 200 ? `${header.slice(0, 200)}…` : header;
    return fail(`Cannot parse header: ${JSON.stringify(shown)} (${why} at character ${at})`);
  };
  const skip = () => {
    while (at < header.length && " \t\n\r\f\v".includes(header[at])) at++;
  };
  const expect = (c: string) => {
    skip();
    if (header[at] !== c) throw error(`expected '${c}'`);
    at++;
  };
  /** Items up to `close`, separated by commas; `trailing` says whether a comma ended them. */
  const sequence = (close: string, item: () => void): { trailing: boolean } => {
    let trailing = false;
    for (skip(); header[at] !== close; skip()) {
      item();
      skip();
      trailing = header[at] === ",";
      if (!trailing) break;
      at++;
    }
    expect(close);
    return { trailing };
  };
  const value = (depth: number): PyValue => {
    if (depth > MAX_NESTING) throw error("nested too deeply");
    skip();
    const c = header[at];
    if (c === "{") {
      at++;
      const map = new Map<PyValue, PyValue>();
      sequence("}", () => {
        const key = value(depth + 1);
        expect(":");
        map.set(key, value(depth + 1));
      });
      return map;
    }
    if (c === "[" || c === "(") {
      at++;
      const items: PyValue[] = [];
      const { trailing } = sequence(c === "[" ? "]" : ")", () => {
        items.push(value(depth + 1));
      });
      // `(3)` is 3 in Python; `(3,)` and `()` are tuples.
      if (c === "[") return items;
      return items.length === 1 && !trailing ? items[0] : new PyTuple(items);
    }
    if (c === "'" || c === '"') {
      const close = header.indexOf(c, at + 1);
      if (close < 0) throw error("unterminated string");
      const text = header.slice(at + 1, close);
      if (text.includes("\\") || text.includes("\n")) throw error("unsupported string escape");
      at = close + 1;
      return text;
    }
    const word = /^(-?\d+)(L?)|^[A-Za-z_]\w*/.exec(header.slice(at, at + 40));
    if (word) {
      if (word[1] !== undefined) {
        if (word[2] && !python2) throw error("Python 2's L suffix in a version 3.0 header");
        at += word[0].length;
        return BigInt(word[1]);
      }
      const constants: Record<string, PyValue> = { True: true, False: false, None: null };
      if (word[0] in constants) {
        at += word[0].length;
        return constants[word[0]];
      }
    }
    throw error(at < header.length ? "unexpected character" : "unexpected end");
  };
  const d = value(0);
  skip();
  if (at !== header.length) throw error("unexpected text after the dict");
  if (!(d instanceof Map)) throw fail(`Header is not a dictionary: ${pyRepr(d)}`);
  return d;
}
