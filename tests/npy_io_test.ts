/**
 * dezero/np/_io.ts and _zip.ts: NumPy's .npy and .npz files.
 *
 * - Reading: the files NumPy 2.4 wrote in tests/fixtures/npy/ (tools/gen_npy_fixtures.py) decode
 *   to what np.load gives (expected.json), and the files NumPy refuses or this reader cannot hold
 *   exactly are errors naming the file.
 * - Writing: encodeNpy and encodeNpz (stored) give NumPy's bytes exactly; files written here are
 *   loaded by NumPy and Python's zipfile in a `python3` subprocess (skipped where python3 with
 *   NumPy is missing or `--allow-run=python3` is not granted).
 * - Corrupted input (cut at every byte, every single bit flipped, headers that lie) is an error
 *   naming the file, never a partial or different array; a failed save leaves no file behind.
 */
import assert from "node:assert/strict";
import type { DType } from "../dezero/np/_dtypes.ts";
import {
  decodeNpy,
  decodeNpz,
  encodeNpy,
  encodeNpz,
  load,
  type RawArray,
  save,
  savez,
  savezCompressed,
} from "../dezero/np/_io.ts";
import { crc32, readZip, writeZip } from "../dezero/np/_zip.ts";
import { ValueError } from "../dezero/np/_errors.ts";
import { NDArray } from "../dezero/np/mod.ts";
import { decode, type JsonValue } from "./_fixture.ts";
import {
  missingFlags,
  type Needed,
  pythonWithNumpyMissing,
  READ_REPO,
  RUN_DENO,
  RUN_PYTHON,
  testWith,
} from "./_permissions.ts";
import { runDeno, systemTempDir } from "./_subprocess.ts";
import expected from "./fixtures/npy/expected.json" with { type: "json" };

/** What np.load gave, as the plain records of `_io.ts`: an array, or arrays by name. */
function loaded(x: NDArray | Record<string, NDArray>): RawArray | Record<string, RawArray> {
  const raw = (a: NDArray): RawArray => ({ shape: [...a.shape], dtype: a.dtype, data: a.data });
  if (x instanceof NDArray) return raw(x);
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, raw(v)]));
}

const FIXTURES = new URL("./fixtures/npy/", import.meta.url);
const tempDir = await systemTempDir();
const WRITE_TEMP: Needed = [{ name: "write", path: tempDir }, `--allow-write=${tempDir}`];
const READ_TEMP: Needed = [{ name: "read", path: tempDir }, `--allow-read=${tempDir}`];

interface Spec {
  dtype: string;
  shape: number[];
  values: JsonValue[];
}

const f64 = (shape: number[], values: number[]): RawArray => ({
  shape,
  dtype: "float64",
  data: new Float64Array(values),
});

/** Every dtype, 0-d to 3-d, empty shapes, the special values of each dtype. */
const SAMPLES: Record<string, RawArray> = {
  "l1/W": f64([2, 3], [0.1, -0, NaN, Infinity, -Infinity, 5e-324]),
  "l1/b": { shape: [3], dtype: "float32", data: new Float32Array([1 / 3, -0, 3.4e38]) },
  scalar: f64([], [2.5]),
  empty: f64([0, 3], []),
  ints: {
    shape: [2, 1, 3],
    dtype: "int64",
    data: new Float64Array([0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 7, -8]),
  },
  bytes: { shape: [4], dtype: "uint8", data: new Uint8Array([0, 1, 128, 255]) },
  mask: { shape: [2, 2], dtype: "bool", data: new Uint8Array([1, 0, 0, 1]) },
  none: { shape: [3, 0, 2], dtype: "int64", data: new Float64Array(0) },
  "δ": { shape: [], dtype: "bool", data: new Uint8Array([1]) },
  // Headers that end 1 byte before, and exactly at, a multiple of 64 (NumPy pads 1 and 64).
  pad1: f64([0, ...new Array(10).fill(10)], []),
  pad64: f64([0, 10, 10, 10, 10, 10, 1, 1, 1, 1, 1, 1, 1], []),
};

function assertSpec(a: RawArray, spec: Spec, what: string): void {
  assert.equal(a.dtype, spec.dtype, what);
  assert.deepEqual(a.shape, spec.shape, what);
  const storage = { float64: Float64Array, int64: Float64Array, float32: Float32Array } as const;
  assert.ok(a.data instanceof (storage[a.dtype as keyof typeof storage] ?? Uint8Array), what);
  assert.equal(a.data.length, spec.values.length, what);
  spec.values.forEach((v, i) => {
    assert.ok(Object.is(a.data[i], decode(v)), `${what}[${i}]: ${a.data[i]} != ${v}`);
  });
}

/** A `.npy` file with the header `dict` (padded as NumPy pads it) and the data bytes. */
function npyWith(dict: string, data: Uint8Array | number[] = [], major = 1): Uint8Array {
  const lengthSize = major === 1 ? 2 : 4;
  const length = Math.ceil((8 + lengthSize + dict.length + 1) / 64) * 64 - 8 - lengthSize;
  const head = new TextEncoder().encode(dict.padEnd(length - 1) + "\n");
  const out = new Uint8Array(8 + lengthSize + head.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (lengthSize === 2) view.setUint16(8, head.length, true);
  else view.setUint32(8, head.length, true);
  out.set(head, 8 + lengthSize);
  out.set(data, 8 + lengthSize + head.length);
  return out;
}

const dict = (descr: string, shape: string, fortran = "False") =>
  `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

/** Runs `fn`, which must throw a ValueError whose message names `file` and matches `pattern`. */
function assertRefused(fn: () => unknown, file: string, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ValueError, `not a ValueError: ${e}`);
    assert.ok(e.message.includes(`'${file}'`), `does not name '${file}': ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}

// ---- encoding ----

Deno.test("encodeNpy writes NumPy's header: the dict, 21 digits of room, data at 64", () => {
  const cases: [RawArray, string][] = [
    [
      f64([2, 3], [1, 2, 3, 4, 5, 6]),
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
    ],
    [f64([], [1]), "{'descr': '<f8', 'fortran_order': False, 'shape': (), }"],
    [f64([0], []), "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }"],
    [
      { shape: [12, 1], dtype: "bool", data: new Uint8Array(12) },
      "{'descr': '|b1', 'fortran_order': False, 'shape': (12, 1), }",
    ],
    [
      { shape: [1], dtype: "uint8", data: new Uint8Array(1) },
      "{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }",
    ],
    [
      { shape: [1], dtype: "float32", data: new Float32Array(1) },
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
    ],
    [
      SAMPLES.pad1,
      `{'descr': '<f8', 'fortran_order': False, 'shape': (0, ${"10, ".repeat(9)}10), }`,
    ],
    [
      SAMPLES.pad64,
      `{'descr': '<f8', 'fortran_order': False, 'shape': (0, ${"10, ".repeat(5)}${
        "1, ".repeat(6)
      }1), }`,
    ],
  ];
  const pads = new Set<number>();
  for (const [a, header] of cases) {
    const bytes = encodeNpy(a);
    const room = a.shape.length ? 21 - String(a.shape[0]).length : 0;
    // 10 bytes of magic, version and length; the header; 1..64 spaces; "\n".
    const dataStart = Math.ceil((10 + header.length + room + 1 + 1) / 64) * 64;
    assert.deepEqual([...bytes.subarray(0, 8)], [0x93, 78, 85, 77, 80, 89, 1, 0]);
    assert.equal(new DataView(bytes.buffer).getUint16(8, true), dataStart - 10);
    const text = new TextDecoder().decode(bytes.subarray(10, dataStart));
    assert.equal(text, header + " ".repeat(dataStart - 10 - header.length - 1) + "\n");
    assert.equal(bytes.length, dataStart + a.data.byteLength);
    pads.add(dataStart - 10 - header.length - room - 1);
  }
  assert.ok(pads.has(1) && pads.has(64));
});

Deno.test("encodeNpy writes int64 as two's complement and floats as IEEE, little-endian", () => {
  const ints = encodeNpy({
    shape: [3],
    dtype: "int64",
    data: new Float64Array([-1, 2 ** 40 + 5, -(2 ** 53 - 1)]),
  });
  const view = new DataView(ints.buffer, 128);
  assert.deepEqual(
    [0, 1, 2].map((i) => view.getBigInt64(8 * i, true)),
    [-1n, 2n ** 40n + 5n, -(2n ** 53n - 1n)],
  );
  const floats = encodeNpy({ shape: [1], dtype: "float32", data: new Float32Array([-2]) });
  assert.deepEqual([...floats.subarray(128)], [0, 0, 0, 0xc0]);
  // A subarray's own elements, not its buffer's.
  const part = new Float64Array([9, 1.5, 9]).subarray(1, 2);
  assert.equal(
    new DataView(encodeNpy({ shape: [1], dtype: "float64", data: part }).buffer).getFloat64(
      128,
      true,
    ),
    1.5,
  );
});

Deno.test("every sample round-trips through .npy and through both kinds of .npz", () => {
  for (const [name, a] of Object.entries(SAMPLES)) {
    assert.deepEqual(decodeNpy(encodeNpy(a), name), { ...a, shape: [...a.shape] }, name);
  }
  for (const compress of [false, true]) {
    const back = decodeNpz(encodeNpz(SAMPLES, compress), "s.npz");
    assert.deepEqual(Object.keys(back), Object.keys(SAMPLES));
    assert.deepEqual(back, SAMPLES);
  }
});

Deno.test("decoded data is a copy and never shares the file's memory", () => {
  for (const a of [SAMPLES.bytes, SAMPLES["l1/W"]]) {
    const bytes = encodeNpy(a);
    const b = decodeNpy(bytes, "x.npy");
    bytes.fill(0, 128);
    assert.deepEqual(b.data, a.data);
  }
});

Deno.test(".npz names: '/', non-ASCII, __proto__, archive order; an empty archive", () => {
  const one = f64([], [1]);
  const names = ["l1/W", "z", "a", "__proto__", "ü/β", "constructor"];
  const entries: Record<string, RawArray> = {};
  for (const name of names) Object.defineProperty(entries, name, { value: one, enumerable: true });
  const zip = encodeNpz(entries, false);
  assert.deepEqual(readZip(zip, "'n.npz'").map((m) => m.name), names.map((n) => `${n}.npy`));
  const back = decodeNpz(zip, "n.npz");
  assert.deepEqual(Object.keys(back), names);
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(back, "__proto__")?.value, one);
  const empty = encodeNpz({}, true);
  assert.deepEqual([...empty.subarray(0, 4)], [0x50, 0x4b, 0x05, 0x06]);
  assert.deepEqual(decodeNpz(empty, "e.npz"), {});
});

Deno.test("zip64 end records and fields (as archives over 2 GiB have) are read", () => {
  const members = [{ name: "a.npy", data: encodeNpy(SAMPLES.ints) }, {
    name: "b.npy",
    data: encodeNpy(SAMPLES.mask),
  }];
  for (const compress of [false, true]) {
    const zip = writeZip(members, compress, true);
    const view = new DataView(zip.buffer);
    assert.equal(view.getUint32(zip.length - 22 - 20, true), 0x07064b50); // the locator
    assert.deepEqual(decodeNpz(zip, "z.npz"), { a: SAMPLES.ints, b: SAMPLES.mask });
    // The zip64 record is what is read: its count is the one that matters.
    const record = zip.length - 22 - 20 - 56;
    zip[record + 32] = 3;
    assertRefused(() => decodeNpz(zip, "z.npz"), "z.npz", /several disks|central directory/);
  }
});

Deno.test("CRC-32 has its check values", () => {
  const text = (s: string) => new TextEncoder().encode(s);
  assert.equal(crc32(text("123456789")), 0xcbf43926);
  assert.equal(crc32(text("")), 0);
  assert.equal(crc32(text("The quick brown fox jumps over the lazy dog")), 0x414fa339);
  assert.equal(crc32(new Uint8Array(32).fill(0xff)), 0xff6cab0b);
});

Deno.test("encoding checks its arguments: no file for an array that breaks the contract", () => {
  const bad: [unknown, RegExp, new (message: string) => Error][] = [
    [null, /encodeNpy\(\) takes a RawArray/, TypeError],
    [
      { shape: [1], dtype: "int32", data: new Float64Array(1) },
      /data type the string "int32"/,
      TypeError,
    ],
    [
      { shape: [1.5], dtype: "float64", data: new Float64Array(1) },
      /shape must be an array of integers >= 0/,
      TypeError,
    ],
    [{ shape: [-1], dtype: "float64", data: new Float64Array(1) }, /shape must be/, TypeError],
    [{ shape: 3, dtype: "float64", data: new Float64Array(3) }, /shape must be/, TypeError],
    [
      { shape: [2], dtype: "float64", data: new Float64Array(3) },
      /holds 3 elements but the shape \(2,\) has 2/,
      ValueError,
    ],
    [
      { shape: [2], dtype: "float32", data: new Float64Array(2) },
      /float32 data must be a Float32Array/,
      TypeError,
    ],
    [{ shape: [2], dtype: "bool", data: [1, 0] }, /bool data must be a Uint8Array/, TypeError],
    [
      { shape: [2], dtype: "int64", data: new Float64Array([1, 0.5]) },
      /element 1 of the int64 data is 0.5/,
      RangeError,
    ],
    [
      { shape: [1], dtype: "int64", data: new Float64Array([2 ** 53]) },
      /\|v\| <= 2\^53 - 1/,
      RangeError,
    ],
    [{ shape: [1], dtype: "int64", data: new Float64Array([NaN]) }, /is NaN/, RangeError],
    [
      { shape: [2], dtype: "bool", data: new Uint8Array([1, 2]) },
      /element 1 of the bool data is 2, which is not 0 or 1/,
      RangeError,
    ],
    [
      { shape: new Array(65).fill(1), dtype: "float64", data: new Float64Array(1) },
      /maximum supported dimension .* 64, found 65/,
      ValueError,
    ],
    [
      { shape: [0, 2 ** 30, 2 ** 30], dtype: "float64", data: new Float64Array(0) },
      /array is too big; .* \(shape \(0, 1073741824, 1073741824\); NumPy could not load/,
      ValueError,
    ],
  ];
  for (const [a, pattern, kind] of bad) {
    assert.throws(
      () => encodeNpy(a as RawArray),
      (e: unknown) => e instanceof kind && pattern.test((e as Error).message),
    );
  }
  const W = SAMPLES["l1/W"];
  assert.throws(
    () => encodeNpz({ ok: W, "l2/W": { ...W, dtype: "float32" } }, false),
    /encodeNpz\(\): entry 'l2\/W': float32 data must be a Float32Array/,
  );
  assert.throws(
    () => encodeNpz(W as unknown as Record<string, RawArray>, false),
    /got one array: name it/,
  );
  assert.throws(
    () => encodeNpz([] as unknown as Record<string, RawArray>, false),
    /takes a record of arrays/,
  );
  assert.throws(() => encodeNpz({ W }, 1 as unknown as boolean), /compress as a boolean/);
  assert.throws(
    () => decodeNpy("x" as unknown as Uint8Array, "x.npy"),
    /takes the file's bytes as a Uint8Array/,
  );
  assert.throws(
    () => decodeNpz(new Uint8Array(0), 3 as unknown as string),
    /file's name as a string/,
  );
});

// ---- decoding what NumPy wrote ----

await testWith("NumPy's .npy files decode to what np.load gives", [READ_REPO], () => {
  const arrays: Record<string, Spec> = expected.arrays;
  assert.equal(Object.keys(arrays).length, 19);
  for (const [file, spec] of Object.entries(arrays)) {
    const result = load(new URL(file, FIXTURES));
    assert.ok(result instanceof NDArray, file);
    assertSpec(loaded(result) as RawArray, spec, file);
  }
});

await testWith(
  "encodeNpy gives NumPy's bytes for every little-endian 1.0 fixture",
  [READ_REPO],
  () => {
    const canonical = Object.keys(expected.arrays).filter((f) => !/_v[23]|_be|fortran/.test(f));
    assert.equal(canonical.length, 13);
    for (const file of canonical) {
      const bytes = Deno.readFileSync(new URL(file, FIXTURES));
      assert.deepEqual(encodeNpy(decodeNpy(bytes, file)), bytes, file);
    }
  },
);

await testWith(
  "NumPy's .npz archives decode to what np.load gives, in its order",
  [READ_REPO],
  () => {
    const archives: Record<string, (Spec & { name: string })[]> = expected.archives;
    assert.deepEqual(Object.keys(archives).sort(), [
      "savez.npz",
      "savez_compressed.npz",
      "savez_empty.npz",
      "savez_stream.npz",
    ]);
    for (const [file, specs] of Object.entries(archives)) {
      const result = load(new URL(file, FIXTURES));
      assert.ok(!(result instanceof NDArray), file);
      const arrays = loaded(result) as Record<string, RawArray>;
      assert.deepEqual(Object.keys(arrays), specs.map((s) => s.name), file);
      for (const spec of specs) assertSpec(arrays[spec.name], spec, `${file}:${spec.name}`);
    }
    assert.deepEqual(expected.archives["savez.npz"].map((s) => s.name), [
      "l1/W",
      "l1/b",
      "x",
      "mask",
      "δ",
      "arr_0",
    ]);
  },
);

await testWith("encodeNpz (stored) gives np.savez's bytes; compressed reads back the same", [
  READ_REPO,
], () => {
  for (const file of ["savez.npz", "savez_empty.npz"]) {
    const bytes = Deno.readFileSync(new URL(file, FIXTURES));
    assert.deepEqual(encodeNpz(decodeNpz(bytes, file), false), bytes, file);
  }
  const zipped = decodeNpz(Deno.readFileSync(new URL("savez_compressed.npz", FIXTURES)), "c.npz");
  assert.deepEqual(decodeNpz(encodeNpz(zipped, true), "c.npz"), zipped);
  // NumPy's archives compress with the same method: a deflated member of each, the same arrays.
  const stored = decodeNpz(Deno.readFileSync(new URL("savez.npz", FIXTURES)), "s.npz");
  assert.deepEqual(zipped, stored);
});

await testWith(
  "what NumPy writes and this reader cannot hold exactly is refused",
  [READ_REPO],
  () => {
    const why: Record<string, RegExp> = {
      fortran:
        /saved in Fortran order; resave it in C order with np\.save\(file, np\.ascontiguousarray\(a\)\)/,
      object:
        /Object arrays cannot be loaded when allow_pickle=False \(this reader never unpickles/,
      dtype: /the dtype '<i4' is not supported; this reader takes '<f8' \(float64\)/,
      structured:
        /structured dtypes \(descr \[\('a', '<f8'\), \('b', '<i4'\)\]\) are not supported/,
      int64: /int64 element \d is (9007199254740992|-9223372036854775808), beyond the int64 values/,
      bzip2: /member 'a\.npy' uses compression method 12 \(bzip2\); only stored \(0\) and deflate/,
      not_npy: /member 'readme\.txt' is not a \.npy file/,
    };
    const rejected: Record<string, string> = expected.rejected;
    for (const [file, reason] of Object.entries(rejected)) {
      const path = new URL(file, FIXTURES);
      assertRefused(() => load(path), path.pathname, why[reason]);
    }
    // The member is named too.
    assertRefused(() => load(new URL("npz_object.npz", FIXTURES)), "b.npy", /Object arrays/);
  },
);

// ---- corrupted input ----

Deno.test(".npy cut short anywhere is refused as truncated, naming the file", () => {
  for (const a of [SAMPLES["l1/W"], SAMPLES.scalar, SAMPLES.mask]) {
    const bytes = encodeNpy(a);
    for (let cut = 0; cut < bytes.length; cut++) {
      assertRefused(() => decodeNpy(bytes.subarray(0, cut), "cut.npy"), "cut.npy", /truncated/);
    }
  }
});

Deno.test(".npy with a wrong magic string or version is refused", () => {
  const good = encodeNpy(SAMPLES.scalar);
  const withByte = (at: number, v: number) => good.map((b, i) => i === at ? v : b);
  assertRefused(
    () => decodeNpy(withByte(0, 0x94), "m.npy"),
    "m.npy",
    /the magic string is not correct; expected b'\\x93NUMPY', got b'\\x94NUMPY'/,
  );
  assertRefused(
    () => decodeNpy(new TextEncoder().encode("PK\x03\x04 hello"), "m.npy"),
    "m.npy",
    /got b'PK\\x03\\x04 h'/,
  );
  assertRefused(
    () => decodeNpy(withByte(6, 4), "v.npy"),
    "v.npy",
    /we only support format version \(1,0\), \(2,0\), and \(3,0\), not \(4, 0\)/,
  );
  assertRefused(() => decodeNpy(withByte(7, 1), "v.npy"), "v.npy", /not \(1, 1\)/);
});

Deno.test(".npy headers: what NumPy reads is read, the rest refused with NumPy's reason", () => {
  const data = new Uint8Array(new Float64Array([1, 2]).buffer);
  const read = (header: string, bytes: Uint8Array | number[] = data, major = 1) =>
    decodeNpy(npyWith(header, bytes, major), "h.npy");
  // NumPy's other spellings of the same dtypes, other key orders and quotes, 2.0 and 3.0.
  for (
    const header of [
      dict("f8", "(2,)"),
      dict("=f8", "(2,)"),
      dict("|f8", "(2,)"),
      `{"shape": (2,), "fortran_order": False, "descr": "<f8"}`,
      `{ 'descr' : '<f8' ,'fortran_order':False,'shape':(2 ,),}`,
      dict("<f8", "(2L,)"),
      dict("<f8", "(1, 2)", "True"),
    ]
  ) {
    assert.deepEqual(read(header).data, new Float64Array([1, 2]), header);
  }
  assert.deepEqual(read(dict("<f8", "(2,)"), data, 2).shape, [2]);
  assert.deepEqual(read(dict("<f8", "(2,)"), data, 3).shape, [2]);
  for (
    const [descr, dtype] of [["u1", "uint8"], [">u1", "uint8"], ["<b1", "bool"], ["?", "bool"], [
      "=i8",
      "int64",
    ]]
  ) {
    const size = dtype === "int64" ? 8 : 1;
    assert.equal(read(dict(descr, "()"), new Uint8Array(size)).dtype, dtype as DType, descr);
  }
  // A bool byte other than 0 is True, as NumPy reads it.
  assert.deepEqual(read(dict("|b1", "(3,)"), [0, 2, 255]).data, new Uint8Array([0, 1, 1]));

  const refused: [string, RegExp, (Uint8Array | number[])?, number?][] = [
    ["[1, 2]", /Header is not a dictionary: \[1, 2\]/],
    [
      "{'descr': '<f8', 'shape': (2,)}",
      /Header does not contain the correct keys: \['descr', 'shape'\]/,
    ],
    [
      `{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}`,
      /correct keys: \['descr', 'fortran_order', 'shape', 'x'\]/,
    ],
    [dict("<f8", "[2]"), /shape is not valid: \[2\]/],
    [dict("<f8", "(2)"), /shape is not valid: 2/],
    [dict("<f8", "(-2,)"), /shape is not valid: \(-2,\)/],
    [dict("<f8", "('2',)"), /shape is not valid: \('2',\)/],
    [dict("<f8", "(9007199254740992,)"), /shape is not valid/],
    [dict("<f8", "(2,)", "0"), /fortran_order is not a valid bool: 0/],
    [dict("<f8", "(2,)", "None"), /fortran_order is not a valid bool: None/],
    [
      "{'descr': 8, 'fortran_order': False, 'shape': (2,)}",
      /descr is not a valid dtype descriptor: 8/,
    ],
    [dict("<f2", "(2,)"), /the dtype '<f2' is not supported/],
    [dict("<c16", "(1,)"), /the dtype '<c16' is not supported/],
    [dict("|O", "(2,)"), /Object arrays cannot be loaded/],
    [
      "{'descr': [('a', '|O')], 'fortran_order': False, 'shape': (2,)}",
      /Object arrays cannot be loaded/,
    ],
    [dict("<f8", "(2, 2)", "True"), /Fortran order/, new Uint8Array(32)],
    [
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2 }",
      /Cannot parse header: .*expected '\)'/,
    ],
    [
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,) }}",
      /Cannot parse header: .*unexpected text after the dict/,
    ],
    ["{'descr: '<f8', 'fortran_order': False, 'shape': (2,)}", /Cannot parse header/],
    [
      "{'descr': '<f8' 'fortran_order': False, 'shape': (2,)}",
      /Cannot parse header: .*expected '}'/,
    ],
    [
      "{'descr': '\\x3cf8', 'fortran_order': False, 'shape': (2,)}",
      /Cannot parse header: .*escape/,
    ],
    [
      "{'descr': '<f8', 'fortran_order': false, 'shape': (2,)}",
      /Cannot parse header: .*unexpected character/,
    ],
    [
      "{'descr': " + "[".repeat(40) + "]".repeat(40) + "}",
      /Cannot parse header: .*nested too deeply/,
    ],
    ["", /Cannot parse header: .*unexpected end/],
    [dict("<f8", "(2L,)"), /Python 2's L suffix in a version 3.0 header/, data, 3],
  ];
  for (const [header, pattern, bytes, major] of refused) {
    assertRefused(() => read(header, bytes, major), "h.npy", pattern);
  }
  const latin1 = npyWith(dict("<f8", "(2,)"), data, 3);
  latin1[20] = 0xff; // inside 'descr', invalid as UTF-8
  assertRefused(() => decodeNpy(latin1, "u.npy"), "u.npy", /not valid UTF-8/);
});

Deno.test(".npy whose header lies about the shape is refused, either way", () => {
  const six = new Uint8Array(new Float64Array(6).buffer);
  assertRefused(
    () => decodeNpy(npyWith(dict("<f8", "(2, 4)"), six), "s.npy"),
    "s.npy",
    /truncated: failed to read all data for array, expected \(2, 4\) = 8 elements \(64 bytes\), could only read 48 bytes/,
  );
  assertRefused(
    () => decodeNpy(npyWith(dict("<f8", "(2, 2)"), six), "s.npy"),
    "s.npy",
    /holds 16 bytes after the 32 bytes of data its header describes \(shape \(2, 2\)\)/,
  );
  assertRefused(
    () => decodeNpy(npyWith(dict("<f8", "(1000000000000,)"), six), "s.npy"),
    "s.npy",
    /truncated/,
  );
});

Deno.test("int64 beyond 2^53 - 1 in a file is refused, in either byte order; the limits read", () => {
  for (const [descr, little] of [["<i8", true], [">i8", false]] as const) {
    const at = (values: bigint[]) => {
      const data = new Uint8Array(8 * values.length);
      values.forEach((v, i) => new DataView(data.buffer).setBigInt64(8 * i, v, little));
      return decodeNpy(npyWith(dict(descr, `(${values.length},)`), data), "i.npy");
    };
    const limit = 2n ** 53n - 1n;
    assert.deepEqual(
      at([limit, -limit, 0n, -1n, 2n ** 32n, -(2n ** 32n) - 1n]).data,
      new Float64Array([2 ** 53 - 1, -(2 ** 53 - 1), 0, -1, 2 ** 32, -(2 ** 32) - 1]),
    );
    for (
      const v of [limit + 1n, -limit - 1n, limit + 2n, 2n ** 62n + 1n, 2n ** 63n - 1n, -(2n ** 63n)]
    ) {
      assertRefused(() => at([0n, v]), "i.npy", new RegExp(`int64 element 1 is ${v}, beyond`));
    }
  }
});

/** The stored and the deflated archive of three small arrays, for damaging. */
const ARCHIVES = [false, true].map((compress) => ({
  compress,
  bytes: encodeNpz({ "l1/W": SAMPLES["l1/W"], b: SAMPLES.mask, c: SAMPLES.scalar }, compress),
}));

Deno.test(".npz cut short anywhere is refused, naming the file", () => {
  for (const { bytes } of ARCHIVES) {
    for (let cut = 0; cut < bytes.length; cut++) {
      assertRefused(() => decodeNpz(bytes.subarray(0, cut), "cut.npz"), "cut.npz", /./);
    }
  }
});

Deno.test(".npz with any one bit flipped reads the same arrays or is refused", () => {
  for (const { bytes } of ARCHIVES) {
    const original = decodeNpz(bytes, "f.npz");
    let refused = 0;
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const damaged = bytes.slice();
        damaged[i] ^= 1 << bit;
        let arrays: Record<string, RawArray>;
        try {
          arrays = decodeNpz(damaged, "f.npz");
        } catch (e) {
          assert.ok(
            e instanceof ValueError && e.message.startsWith("'f.npz'"),
            `${i}.${bit}: ${e}`,
          );
          refused++;
          continue;
        }
        assert.deepEqual(arrays, original, `byte ${i}, bit ${bit}`);
      }
    }
    // Only the fields no reader checks (dates, versions, attributes, the local copies of the
    // central directory's sizes and CRC) may change unnoticed: about a quarter of the bits.
    assert.ok(refused > 0.7 * 8 * bytes.length, `${refused} of ${8 * bytes.length}`);
  }
});

Deno.test(".npz: a bad CRC, encryption, other methods, several disks, duplicates are refused", () => {
  const [stored] = ARCHIVES;
  const view = (b: Uint8Array) => new DataView(b.buffer);
  const central = stored.bytes.length - 22 -
    view(stored.bytes).getUint32(stored.bytes.length - 22 + 12, true);
  const damage = (fn: (b: Uint8Array) => void) => {
    const b = stored.bytes.slice();
    fn(b);
    return () => decodeNpz(b, "d.npz");
  };
  assertRefused(damage((b) => b[200]++), "d.npz", /member 'l1\/W\.npy' fails its CRC-32 check/);
  assertRefused(
    damage((b) => b[central + 16]++),
    "d.npz",
    /member 'l1\/W\.npy' fails its CRC-32 check/,
  );
  assertRefused(damage((b) => b[central + 8] |= 1), "d.npz", /member 'l1\/W\.npy' is encrypted/);
  assertRefused(
    damage((b) => view(b).setUint16(central + 10, 14, true)),
    "d.npz",
    /compression method 14 \(lzma\)/,
  );
  assertRefused(
    damage((b) => view(b).setUint16(central + 10, 99, true)),
    "d.npz",
    /compression method 99; only/,
  );
  assertRefused(
    damage((b) => view(b).setUint16(b.length - 22 + 4, 1, true)),
    "d.npz",
    /spans several disks/,
  );
  assertRefused(
    damage((b) => view(b).setUint16(b.length - 22 + 8, 1, true)),
    "d.npz",
    /spans several disks/,
  );
  assertRefused(
    damage((b) => view(b).setUint16(central + 34, 1, true)),
    "d.npz",
    /spans several disks/,
  );
  assertRefused(
    damage((b) => view(b).setUint32(central + 24, 7, true)),
    "d.npz",
    /stored but its two sizes differ/,
  );
  const twice = writeZip([{ name: "a.npy", data: encodeNpy(SAMPLES.scalar) }, {
    name: "a.npy",
    data: encodeNpy(SAMPLES.scalar),
  }], false);
  assertRefused(() => decodeNpz(twice, "t.npz"), "t.npz", /two members are named 'a\.npy'/);
  const text = writeZip([{ name: "a.txt", data: new Uint8Array([1]) }], false);
  assertRefused(() => decodeNpz(text, "t.npz"), "t.npz", /member 'a\.txt' is not a \.npy file/);
  assertRefused(
    () => decodeNpz(new TextEncoder().encode("not a zip at all, not at all"), "t.npz"),
    "t.npz",
    /not a ZIP archive, or a truncated one/,
  );
  const inner = writeZip(
    [{ name: "a.npy", data: encodeNpy(SAMPLES.scalar).subarray(0, 100) }],
    true,
  );
  assertRefused(
    () => decodeNpz(inner, "t.npz"),
    "t.npz",
    /'t\.npz', member 'a\.npy': the file is truncated/,
  );
});

Deno.test(".npz: deflate data that is corrupted or inflates past its size is refused", () => {
  const [, deflated] = ARCHIVES;
  const view = new DataView(deflated.bytes.buffer);
  const local = 30 + "l1/W.npy".length + 20;
  const garbage = deflated.bytes.slice();
  garbage.fill(0xff, local, local + 8);
  assertRefused(
    () => decodeNpz(garbage, "g.npz"),
    "g.npz",
    /member 'l1\/W\.npy''s deflate data is corrupted or truncated \(zlib: /,
  );
  const central = deflated.bytes.length - 22 -
    view.getUint32(deflated.bytes.length - 22 + 12, true);
  const small = deflated.bytes.slice();
  new DataView(small.buffer).setUint32(central + 24, 100, true); // states 100 bytes, holds 176
  assertRefused(
    () => decodeNpz(small, "g.npz"),
    "g.npz",
    /member 'l1\/W\.npy''s deflate data is corrupted or truncated \(zlib: Cannot create a Buffer larger than 100 bytes/,
  );
  const large = deflated.bytes.slice();
  new DataView(large.buffer).setUint32(central + 24, 1000, true);
  assertRefused(
    () => decodeNpz(large, "g.npz"),
    "g.npz",
    /inflates to 176 bytes, not the 1000 its header states/,
  );
});

Deno.test(".npz names not flagged UTF-8 read as code page 437, as Python's zipfile reads them", () => {
  const zip = writeZip([{ name: "cafX.npy", data: encodeNpy(SAMPLES.scalar) }], false);
  const at = [...zip.keys()].filter((i) => zip[i] === 0x58); // "X", in both headers
  assert.equal(at.length, 2);
  for (const i of at) zip[i] = 0x82; // "é" in code page 437
  assert.deepEqual(Object.keys(decodeNpz(zip, "c.npz")), ["café"]);
});

// ---- files ----

await testWith("save, savez and savezCompressed append NumPy's suffix; load reads them back", [
  WRITE_TEMP,
  READ_TEMP,
], () => {
  const dir = Deno.makeTempDirSync();
  try {
    const a = SAMPLES.ints;
    assert.equal(save(`${dir}/a`, a), `${dir}/a.npy`);
    assert.equal(save(`${dir}/b.npy`, a), `${dir}/b.npy`);
    assert.equal(save(`${dir}/c.NPY`, a), `${dir}/c.NPY.npy`);
    assert.equal(save(`${dir}/d.npz`, a), `${dir}/d.npz.npy`);
    assert.equal(savez(`${dir}/w`, SAMPLES), `${dir}/w.npz`);
    assert.equal(savezCompressed(`${dir}/z.npz`, SAMPLES), `${dir}/z.npz`);
    const url = savez(new URL(`file://${dir}/u v`), { a });
    assert.equal(url.href, new URL(`file://${dir}/u v.npz`).href);
    assert.deepEqual(
      [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
      ["a.npy", "b.npy", "c.NPY.npy", "d.npz.npy", "u v.npz", "w.npz", "z.npz"],
    );
    assert.deepEqual(loaded(load(`${dir}/a.npy`)), a);
    assert.deepEqual(loaded(load(new URL(`file://${dir}/a.npy`))), a);
    assert.deepEqual(loaded(load(`${dir}/w.npz`)), SAMPLES);
    assert.deepEqual(loaded(load(`${dir}/z.npz`)), SAMPLES);
    assert.deepEqual(loaded(load(url)), { a });
    // Saving over a file replaces it.
    save(`${dir}/a.npy`, SAMPLES.bytes);
    assert.deepEqual(loaded(load(`${dir}/a`.concat(".npy"))), SAMPLES.bytes);
    // What is neither is refused, naming the file.
    Deno.writeTextFileSync(`${dir}/t.npy`, "1 2 3\n");
    assertRefused(
      () => load(`${dir}/t.npy`),
      `${dir}/t.npy`,
      /neither a \.npy nor a \.npz file \(it starts with the bytes 31 20 32 20 33 0a\)/,
    );
    Deno.writeFileSync(`${dir}/e.npy`, new Uint8Array(0));
    assertRefused(() => load(`${dir}/e.npy`), `${dir}/e.npy`, /is empty/);
    Deno.writeFileSync(`${dir}/p.npy`, new Uint8Array([0x93, 0x4e]));
    assertRefused(() => load(`${dir}/p.npy`), `${dir}/p.npy`, /truncated/);
    Deno.writeFileSync(`${dir}/k.npz`, new Uint8Array([0x50, 0x4b, 3]));
    assertRefused(
      () => load(`${dir}/k.npz`),
      `${dir}/k.npz`,
      /not a ZIP archive, or a truncated one/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

await testWith("a failed save leaves no file and no temporary file; an old file stays", [
  WRITE_TEMP,
  READ_TEMP,
], () => {
  const dir = Deno.makeTempDirSync();
  const listing = () => [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  try {
    // The array is checked before anything is written.
    const bad = { shape: [2], dtype: "float64", data: new Float64Array(3) } as RawArray;
    assert.throws(() => save(`${dir}/a`, bad), /save\(\): the data holds 3 elements/);
    assert.throws(() => savez(`${dir}/w`, { ok: SAMPLES.scalar, bad }), /savez\(\): entry 'bad'/);
    assert.deepEqual(listing(), []);
    savez(`${dir}/w`, { x: SAMPLES.scalar });
    const before = Deno.readFileSync(`${dir}/w.npz`);
    assert.throws(() => savezCompressed(`${dir}/w`, { bad }), /entry 'bad'/);
    assert.deepEqual(Deno.readFileSync(`${dir}/w.npz`), before);
    // The rename fails (the path is a folder that is not empty): the temporary file goes.
    Deno.mkdirSync(`${dir}/d.npy`);
    Deno.writeTextFileSync(`${dir}/d.npy/keep`, "");
    assert.throws(() => save(`${dir}/d.npy`, SAMPLES.scalar), (e: unknown) => {
      assert.ok(
        e instanceof Error && e.message.startsWith(`cannot save '${dir}/d.npy': `),
        String(e),
      );
      return true;
    });
    assert.deepEqual(listing(), ["d.npy", "w.npz"]);
    // No folder: nothing is created.
    assert.throws(() => save(`${dir}/none/a.npy`, SAMPLES.scalar), (e: unknown) => {
      assert.ok(e instanceof Deno.errors.NotFound);
      assert.equal(e.message, `cannot save '${dir}/none/a.npy': its folder does not exist`);
      return true;
    });
    assert.deepEqual(listing(), ["d.npy", "w.npz"]);
    assert.throws(() => load(`${dir}/missing.npy`), (e: unknown) => {
      assert.ok(e instanceof Deno.errors.NotFound);
      assert.equal(e.message, `No such file or directory: '${dir}/missing.npy'`);
      return true;
    });
    assert.throws(() => load(`${dir}/d.npy`), new RegExp(`cannot load '${dir}/d.npy': `));
    assert.throws(
      () => save(3 as unknown as string, SAMPLES.scalar),
      /save\(\) takes a path \(a string or a file: URL\), got a number \(3\)/,
    );
    assert.throws(
      () => load(new URL("https://example.com/a.npy")),
      /load\(\) takes a path .*got the URL https:\/\/example\.com\/a\.npy/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

await testWith("without Deno's permissions, the error names the file and the flags", [
  WRITE_TEMP,
  READ_TEMP,
  RUN_DENO,
], async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const io = new URL("../dezero/np/_io.ts", import.meta.url).href;
    Deno.writeTextFileSync(
      `${dir}/probe.ts`,
      `import { load, save } from "${io}";
const a = { shape: [], dtype: "float64" as const, data: new Float64Array(1) };
for (const f of [() => load("${dir}/x.npy"), () => save("${dir}/y", a)]) {
  try { f(); console.log("no error"); } catch (e) { console.log(e.name + ": " + e.message); }
}`,
    );
    const expectedLines = (savedReason: string) => [
      `NotCapable: cannot load '${dir}/x.npy': it needs --allow-read=${dir}/x.npy`,
      `NotCapable: cannot save '${dir}/y.npy': it needs --allow-write=${dir} and --allow-read=${dir} ${savedReason}`,
    ];
    const reason =
      "(the file is written to a temporary file in its folder, then renamed, and Deno's rename needs both)";
    for (const flags of [[], [`--allow-write=${dir}`]]) {
      const { stdout, stderr } = await runDeno([
        "run",
        "--no-prompt",
        "--no-config",
        ...flags,
        `${dir}/probe.ts`,
      ], dir);
      assert.deepEqual(stdout.trim().split("\n"), expectedLines(reason), stderr);
      assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["probe.ts"]);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// ---- NumPy reads what is written here ----

/** Loads each file with NumPy and zipfile; prints what it found, as JSON. */
const PYTHON = `
import io, json, math, sys, zipfile
import numpy as np

def enc(x):
    if isinstance(x, (bool, np.bool_)): return bool(x)
    if isinstance(x, (int, np.integer)): return int(x)
    x = float(x)
    if math.isnan(x): return "nan"
    if math.isinf(x): return "inf" if x > 0 else "-inf"
    return x

def spec(a):
    return {"dtype": a.dtype.name, "shape": list(a.shape), "values": [enc(x) for x in a.ravel()]}

out = {}
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    if path.endswith(".npy"):
        a = np.load(path)
        buf = io.BytesIO(); np.save(buf, a)
        out[path] = {"array": spec(a), "numpy_bytes": buf.getvalue() == data}
    else:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            methods = sorted({i.compress_type for i in z.infolist()})
        with np.load(path) as f:
            arrays = {k: f[k] for k in f.files}
        buf = io.BytesIO(); np.savez(buf, **arrays)
        out[path] = {"testzip": bad, "methods": methods, "names": list(arrays),
                     "arrays": [spec(a) for a in arrays.values()],
                     "numpy_bytes": buf.getvalue() == data}
print(json.dumps(out))
`;

const noPython = await pythonWithNumpyMissing();
const pythonNeeds = await missingFlags([RUN_PYTHON, WRITE_TEMP, READ_TEMP]);
Deno.test({
  name: "NumPy and Python's zipfile read the files written here" +
    (pythonNeeds.length
      ? ` (skipped: needs ${pythonNeeds.join(" ")}; run \`deno task test\`)`
      : noPython
      ? ` (skipped: ${noPython})`
      : ""),
  ignore: pythonNeeds.length > 0 || noPython !== undefined,
  fn: async () => {
    const dir = Deno.makeTempDirSync();
    try {
      const files: string[] = [];
      for (const a of Object.values(SAMPLES)) files.push(save(`${dir}/${files.length}`, a));
      files.push(savez(`${dir}/stored`, SAMPLES), savezCompressed(`${dir}/deflated`, SAMPLES));
      files.push(savez(`${dir}/empty`, {}));
      const members = Object.entries(SAMPLES).map(([name, a]) => ({
        name: `${name}.npy`,
        data: encodeNpy(a),
      }));
      for (const compress of [false, true]) {
        Deno.writeFileSync(`${dir}/zip64_${compress}.npz`, writeZip(members, compress, true));
        files.push(`${dir}/zip64_${compress}.npz`);
      }
      const run = await new Deno.Command("python3", {
        args: ["-c", PYTHON, ...files],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.ok(run.success, new TextDecoder().decode(run.stderr));
      const found = JSON.parse(new TextDecoder().decode(run.stdout));
      const samples = Object.entries(SAMPLES);
      samples.forEach(([name, a], i) => {
        const got = found[files[i]];
        assertSpec(a, got.array, name);
        assert.equal(got.numpy_bytes, true, `${name}: np.save writes other bytes`);
      });
      for (const file of files.slice(samples.length)) {
        const got = found[file];
        assert.equal(got.testzip, null, file);
        const names = file.endsWith("empty.npz") ? [] : samples.map(([n]) => n);
        assert.deepEqual(got.names, names, file);
        got.arrays.forEach((spec: Spec, i: number) =>
          assertSpec(samples[i][1], spec, `${file}:${names[i]}`)
        );
        assert.deepEqual(
          got.methods,
          file.includes("deflated") || file.endsWith("true.npz") ? [8] : names.length ? [0] : [],
        );
        // np.savez writes the stored archives' very bytes; not the forced-zip64 ones (it puts
        // zip64 fields in the central directory only where needed) nor the deflated ones.
        assert.equal(got.numpy_bytes, /stored|empty/.test(file), file);
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
