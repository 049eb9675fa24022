/**
 * Matrix products for the NumPy stand-in's `matmul`: `out = a @ b` on row-major, contiguous
 * float64 or float32 matrices, fast, and bit for bit the numbers of the plain triple loop.
 *
 * The numbers: every `out[i, j]` is the sequential sum `0 + a[i,0]*b[0,j] + a[i,1]*b[1,j] + ...`,
 * each product and each sum rounded to the matrices' precision, without fused multiply-add. That
 * is what the reference BLAS behind the book's NumPy 1.24 computes, so the book's printed numbers
 * come out the same. {@link gemmReference} is that loop, written plainly; {@link gemm} gives the
 * same bits (NaN payloads aside), by one of these routes, chosen by size (see {@link gemmRoute}):
 *
 * - small products (under {@link SMALL_FLOPS} multiply-adds): a JavaScript loop in i, p, j order,
 *   which pays no setup;
 * - larger ones: WebAssembly kernels with 128-bit SIMD, cache-blocked, whose source is
 *   wasm/gemm.ts (embedded, so importing the package needs no permission); products with fewer
 *   than 4 rows or a sum of at most 8 terms (a vector times a matrix, an outer product, a layer
 *   with few inputs) go to an unpacked kernel, since packing them would cost more than it saves;
 * - the largest (from {@link PARALLEL_FLOPS}): the same kernels on two threads, this one and a
 *   worker sharing the WebAssembly memory, the caller blocking in `Atomics.wait` so that the call
 *   stays synchronous, if that pays: the first such products alternate between one thread and
 *   two, timed, and the faster way is kept (see {@link parallelVerdict}). Two threads do not pay
 *   where the second core is busy, or is the other half of the same physical core: the kernels
 *   are bound by the core's floating-point units. The worker starts at the first such product
 *   (until it is ready, products run on one thread), needs no permission, and does not keep the
 *   process alive.
 *
 * With `--allow-ffi`, large products go instead to the system BLAS (dezero/np/_blas.ts), whose
 * numbers differ in the last bits.
 *
 * The WebAssembly memory holds copies of the operands (converted to the result's type on the way,
 * for `matmul`'s mixed operands: {@link gemmInto}) and grows to the largest product seen; it is
 * kept for the next calls. Products on one thread use a memory of their own, not the one shared
 * with the worker: JavaScript copies into a shared memory at half the speed. The same kernels'
 * module also transposes matrices ({@link transposeMatrix}), for the backward passes of `matmul`.
 *
 * @module
 */

import { systemBlas } from "./_blas.ts";
import { GEMM_WASM_BASE64, GEMM_WASM_LOCAL_BASE64 } from "./_gemm_wasm.ts";

/** The element storage of a float matrix: Float64Array for float64, Float32Array for float32. */
export type FloatData = Float64Array | Float32Array;

/**
 * An operand of {@link gemmInto}: a float matrix, or any storage whose values the result's type
 * holds exactly (uint8 and bool as Uint8Array, int64 as Float64Array, float32 for a float64
 * product), converted as it is copied.
 */
export type Operand = Float64Array | Float32Array | Uint8Array;

/**
 * Below this many multiply-adds (m·n·k), {@link gemm} runs a JavaScript loop: copying the
 * operands into WebAssembly memory would cost more than it saves (measured in bench/gemm.ts).
 */
export const SMALL_FLOPS = 512;

/** From this many multiply-adds (m·n·k), {@link gemm} shares the work with a worker thread. */
export const PARALLEL_FLOPS = 1 << 21;

/** Which way {@link gemmWith} computes. */
export type Route = "loop" | "wasm" | "parallel" | "blas";

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return x.constructor?.name ?? "object";
  return typeof x;
}

function checkDimension(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(
      `gemm: ${name} must be a non-negative integer, got ${String(value)} (${describe(value)})`,
    );
  }
}

function overlaps(x: FloatData, y: FloatData): boolean {
  if (x.buffer !== y.buffer || x.byteLength === 0 || y.byteLength === 0) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/** Throws a clear error unless the arguments are three matching, non-overlapping matrices. */
function checkArguments(
  m: unknown,
  n: unknown,
  k: unknown,
  a: unknown,
  b: unknown,
  out: unknown,
): void {
  checkDimension("m", m);
  checkDimension("n", n);
  checkDimension("k", k);
  const isFloat = (x: unknown): x is FloatData =>
    x instanceof Float64Array || x instanceof Float32Array;
  if (
    !isFloat(a) || !isFloat(b) || !isFloat(out) || a.constructor !== b.constructor ||
    a.constructor !== out.constructor
  ) {
    throw new TypeError(
      `gemm: a, b and out must be all Float64Array or all Float32Array, got ${describe(a)}, ` +
        `${describe(b)} and ${describe(out)}; convert them first (e.g. Float64Array.from(x))`,
    );
  }
  const sizes: [string, FloatData, number, string][] = [
    ["a", a, m * k, "m·k"],
    ["b", b, k * n, "k·n"],
    ["out", out, m * n, "m·n"],
  ];
  for (const [name, x, size, formula] of sizes) {
    if (x.length !== size) {
      throw new RangeError(
        `gemm: ${name} has ${x.length} elements but ${formula} = ${size} ` +
          `(m=${m}, n=${n}, k=${k}); pass the row-major data of exactly that matrix`,
      );
    }
  }
  if (overlaps(out, a) || overlaps(out, b)) {
    throw new RangeError(
      "gemm: out overlaps a or b, which it overwrites; write into a new array and copy it back",
    );
  }
}

/**
 * The reference: `out` (m×n) = `a` (m×k) @ `b` (k×n), each element summed in order from 0, each
 * product and sum rounded to the arrays' precision. Plain and slow; {@link gemm} gives the same
 * bits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmReference } from "./_gemm.ts";
 *
 * const out = new Float64Array(4);
 * gemmReference(2, 2, 3, Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(1, 0, 0, 1, 1, 1), out);
 * assert.deepEqual([...out], [4, 5, 10, 11]);
 * ```
 */
export function gemmReference<T extends FloatData>(
  m: number,
  n: number,
  k: number,
  a: T,
  b: T,
  out: T,
): void {
  checkArguments(m, n, k, a, b, out);
  // Math.fround after each operation gives float32 arithmetic: float64 holds the product of two
  // float32 exactly, and rounding a float64 sum of two float32 to float32 is the float32 sum.
  const round = a instanceof Float32Array ? Math.fround : (x: number) => x;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum = round(sum + round(a[i * k + p] * b[p * n + j]));
      out[i * n + j] = sum;
    }
  }
}

/**
 * The loop route, in i, p, j order: `out`'s rows accumulate, each element still summing its terms
 * in order from 0. (Storing to a Float32Array rounds the float64 sum of two float32, exactly.)
 */
function gemmLoop(m: number, n: number, k: number, a: Operand, b: Operand, out: FloatData) {
  out.fill(0);
  if (out instanceof Float32Array) {
    for (let i = 0; i < m; i++) {
      const row = i * n;
      for (let p = 0; p < k; p++) {
        const x = a[i * k + p];
        const from = p * n;
        for (let j = 0; j < n; j++) out[row + j] += Math.fround(x * b[from + j]);
      }
    }
  } else {
    for (let i = 0; i < m; i++) {
      const row = i * n;
      for (let p = 0; p < k; p++) {
        const x = a[i * k + p];
        const from = p * n;
        for (let j = 0; j < n; j++) out[row + j] += x * b[from + j];
      }
    }
  }
}

/** A kernel of wasm/gemm.ts: (m, n, k, a, lda, b, ldb, c, ldc, work), pointers in bytes. */
type Kernel = (
  m: number,
  n: number,
  k: number,
  a: number,
  lda: number,
  b: number,
  ldb: number,
  c: number,
  ldc: number,
  work: number,
) => void;

/**
 * Int32 slots at the start of the memory, through which the two threads share a product. The
 * product is cut in chunks (column or row blocks), which each thread takes in turn until none is
 * left: when the other core is busy, this thread simply takes more of them.
 */
const SLOT = {
  /** The number of the latest product posted; the worker sleeps until it changes. */
  job: 0,
  /** The chunk counter: the product's number (low 20 bits) above the next chunk's (12 bits). */
  next: 1,
  /** How many chunks are done. */
  done: 2,
  /** 1 once the worker is ready. */
  ready: 3,
  /** 1 when a chunk threw. */
  failed: 4,
  /**
   * The product, ARGS slots: element bytes, m, n, k, byte offsets of a, b and c, by rows (1) or
   * columns (0), chunk width, chunk count.
   */
  args: 5,
} as const;
type Slots = typeof SLOT;
const ARGS = 10;
/**
 * Chunks per product: enough to even out the threads, few enough that re-packing a (or b) for
 * each costs little.
 */
const CHUNKS = 6;
const CONTROL_BYTES = 64;
const ALIGN = 64;
const PAGE = 65536;
const MAX_PAGES = 65536;

/** An unpacked product: (m, n, k, a, b, c), byte offsets, contiguous rows. */
type RowsKernel = (m: number, n: number, k: number, a: number, b: number, c: number) => void;

/** A matrix transpose: (rows, cols, from, to), byte offsets. */
type TransposeKernel = (rows: number, cols: number, from: number, to: number) => void;

/** An instance of the kernels on its memory. */
interface Kernels {
  readonly memory: WebAssembly.Memory;
  readonly gemm32: Kernel;
  readonly gemm64: Kernel;
  /** The unpacked kernels, for products that packing would not pay for. */
  readonly rows32: RowsKernel;
  readonly rows64: RowsKernel;
  readonly transpose32: TransposeKernel;
  readonly transpose64: TransposeKernel;
  /** Bytes of workspace per thread (the larger of the float32 and float64 needs). */
  readonly workspace: number;
  /** Columns of a packed panel of B, by element bytes. */
  readonly panel: { 4: number; 8: number };
  /** Rows of a packed panel of A. */
  readonly panelRows: number;
}

/** The instance on the shared memory, which the worker instantiates too. */
interface Wasm extends Kernels {
  readonly module: WebAssembly.Module;
  /** The slots (the memory's first bytes, which stay in place as it grows). */
  readonly control: Int32Array;
}

let wasm: Wasm | null = null;
let localWasm: Kernels | null = null;

/** The kernels of `base64` on `memory`. */
function kernels(base64: string, memory: WebAssembly.Memory) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const module = new WebAssembly.Module(bytes);
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const workspaceBytes = exports.workspaceBytes as (elementBytes: number) => number;
  const panelColumns = exports.panelColumns as (elementBytes: number) => number;
  const panelRows = exports.panelRows as () => number;
  const workspace = Math.max(workspaceBytes(4), workspaceBytes(8));
  const instance: Kernels = {
    memory,
    gemm32: exports.gemm32 as Kernel,
    gemm64: exports.gemm64 as Kernel,
    rows32: exports.rows32 as RowsKernel,
    rows64: exports.rows64 as RowsKernel,
    transpose32: exports.transpose32 as TransposeKernel,
    transpose64: exports.transpose64 as TransposeKernel,
    workspace: align(workspace),
    panel: { 4: panelColumns(4), 8: panelColumns(8) },
    panelRows: panelRows(),
  };
  return { module, instance };
}

/** The kernels on the shared memory, for the products that two threads share. */
function instantiate(): Wasm {
  if (wasm) return wasm;
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const { module, instance } = kernels(GEMM_WASM_BASE64, memory);
  wasm = { ...instance, module, control: new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4) };
  return wasm;
}

/**
 * The kernels on a memory of this thread's, for everything else: JavaScript copies into it
 * twice as fast as into a shared memory.
 */
function local(): Kernels {
  if (localWasm) return localWasm;
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES });
  localWasm = kernels(GEMM_WASM_LOCAL_BASE64, memory).instance;
  return localWasm;
}

/**
 * Takes the next chunk of product number `job`: its index, or -1 when none is left or another
 * product has been posted since (so that a thread holding an older product's arguments never
 * computes with them). Shared by both threads: it uses nothing from this module's scope.
 */
function takeChunk(control: Int32Array, slot: Slots, job: number, count: number): number {
  for (;;) {
    const word = Atomics.load(control, slot.next);
    const chunk = word & 0xfff;
    if (word >>> 12 !== (job & 0xfffff) || chunk >= count) return -1;
    if (Atomics.compareExchange(control, slot.next, word, word + 1) === word) return chunk;
  }
}

/** Computes chunk `chunk` of the product `args` (see SLOT.args), with scratch memory at `work`. */
function runChunk(kernel: Kernel, args: readonly number[], chunk: number, work: number): void {
  const [size, m, n, k, a, b, c, byRows, width] = args;
  const start = chunk * width;
  if (byRows) {
    const rows = Math.min(width, m - start);
    kernel(rows, n, k, a + start * k * size, k, b, n, c + start * n * size, n, work);
  } else {
    const columns = Math.min(width, n - start);
    kernel(m, columns, k, a, k, b + start * size, n, c + start * size, n, work);
  }
}

/**
 * Takes and computes chunks of product number `job` until none is left, counting each done; a
 * chunk that throws sets the failed slot.
 */
function runChunks(
  control: Int32Array,
  slot: Slots,
  job: number,
  kernel: Kernel,
  args: readonly number[],
  work: number,
): void {
  for (let chunk = takeChunk(control, slot, job, args[9]); chunk >= 0;) {
    try {
      runChunk(kernel, args, chunk, work);
    } catch {
      Atomics.store(control, slot.failed, 1);
    }
    Atomics.add(control, slot.done, 1);
    Atomics.notify(control, slot.done);
    chunk = takeChunk(control, slot, job, args[9]);
  }
}

/**
 * The worker's program, on its own thread: it sleeps until a product is posted, then takes
 * chunks. It uses nothing from this module's scope but the three functions above, which are sent
 * with it.
 */
function workerMain(data: {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  slot: Slots;
  slots: number;
  work: number;
}): void {
  const { module, memory, slot, work } = data;
  const control = new Int32Array(memory.buffer, 0, data.slots);
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const [gemm32, gemm64] = [exports.gemm32 as Kernel, exports.gemm64 as Kernel];
  Atomics.store(control, slot.ready, 1);
  let seen = Atomics.load(control, slot.job);
  for (;;) {
    Atomics.wait(control, slot.job, seen);
    seen = Atomics.load(control, slot.job);
    const args = Array.from(control.subarray(slot.args, data.slots), (x) => x >>> 0);
    runChunks(control, slot, seen, args[0] === 4 ? gemm32 : gemm64, args, work);
  }
}

let helperStarted: Promise<void> | null = null;
let helperFailed = false;

/** Whether the worker thread is ready for a share of the next product. */
function helperReady(): boolean {
  return wasm !== null && !helperFailed && Atomics.load(wasm.control, SLOT.ready) === 1;
}

/**
 * Starts the worker thread, once; the promise settles when it is created (or failed to be). It
 * comes from `node:worker_threads`, for its `unref()`, which lets the process end while the worker
 * waits; imported on demand, since loading it costs a program's start some 30 ms. The worker's
 * code is a data: URL, which needs no permission. It becomes ready on its own thread, without this
 * one's event loop.
 */
function startHelper(): Promise<void> {
  if (helperStarted) return helperStarted;
  const { module, memory, workspace } = instantiate();
  helperStarted = import("node:worker_threads").then(({ Worker }) => {
    const code = [
      `import { workerData } from "node:worker_threads";`,
      takeChunk.toString(),
      runChunk.toString(),
      runChunks.toString(),
      `(${workerMain.toString()})(workerData);`,
    ].join("\n");
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
      workerData: {
        module,
        memory,
        slot: SLOT,
        slots: SLOT.args + ARGS,
        work: CONTROL_BYTES + workspace,
      },
    });
    worker.unref();
    const fail = () => {
      helperFailed = true;
    };
    worker.on("error", fail);
    worker.on("exit", fail);
  }).catch(() => {
    helperFailed = true;
  });
  return helperStarted;
}

/**
 * Starts the worker thread that {@link gemm} uses for large products, and resolves to whether it
 * is ready (false where workers are not available, or when it is not ready within 10 s).
 * Optional: `gemm` starts it by itself at the first large product; this lets a program, a test or
 * a benchmark wait for it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startParallel } from "./_gemm.ts";
 *
 * assert.equal(typeof (await startParallel()), "boolean");
 * ```
 */
export async function startParallel(): Promise<boolean> {
  await startHelper();
  // Polled with a timer, which keeps the event loop (and so the caller's await) alive.
  const until = Date.now() + 10_000;
  while (!helperFailed && !helperReady() && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return helperReady();
}

function align(x: number): number {
  return Math.ceil(x / ALIGN) * ALIGN;
}

/**
 * Grows the memory to `bytes`; false when that is more than wasm32 can address or than the system
 * gives (then the product runs in the JavaScript loop).
 */
function reserve(memory: WebAssembly.Memory, bytes: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  if (bytes > MAX_PAGES * PAGE) return false;
  try {
    memory.grow(Math.ceil((bytes - have) / PAGE));
  } catch {
    return false; // a RangeError: no memory to grow into
  }
  return true;
}

/** A view of `like`'s type, of `length` elements (default: like's), on `buffer` at byte `at`. */
function view(
  like: FloatData,
  buffer: ArrayBufferLike,
  at: number,
  length = like.length,
): FloatData {
  return like instanceof Float32Array
    ? new Float32Array(buffer, at, length)
    : new Float64Array(buffer, at, length);
}

/**
 * How the two threads cut a product: in about CHUNKS blocks of whole panels, of columns when a is
 * the smaller operand (each chunk re-packs a), of rows otherwise (each re-packs b).
 */
function chunks(m: number, n: number, w: Kernels, size: 4 | 8) {
  const byRows = m > n;
  const [extent, unit] = byRows ? [m, w.panelRows] : [n, w.panel[size]];
  const units = Math.max(1, Math.ceil(extent / unit)); // one empty chunk for an empty product
  const width = Math.ceil(units / Math.min(units, CHUNKS)) * unit;
  return { byRows, width, count: Math.ceil(extent / width) };
}

/**
 * Inner dimensions up to this one skip packing: a product with so short a sum is as fast
 * unpacked, and packing would copy B whole (measured in bench/gemm.ts --thresholds).
 */
const UNPACKED_K = 8;

/** Whether the unpacked kernel takes an m×k @ k×n product: too few rows or too short a sum to pack. */
function unpacked(m: number, k: number, w: Kernels): boolean {
  return m < w.panelRows || k <= UNPACKED_K;
}

/**
 * `out` (cols×rows) = the transpose of `a` (rows×cols), row-major, both Float64Array or both
 * Float32Array, in WebAssembly by square blocks: some 10× faster than a JavaScript loop, whose
 * strided reads or writes cost a cache miss each on large matrices. False when the matrices do
 * not fit in wasm32's memory (the caller then copies them itself).
 *
 * @param rows the rows of `a`
 * @param cols the columns of `a`
 * @param a the matrix
 * @param out its transpose, overwritten
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { transposeMatrix } from "./_gemm.ts";
 *
 * const out = new Float64Array(6);
 * assert.ok(transposeMatrix(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6), out));
 * assert.deepEqual([...out], [1, 4, 2, 5, 3, 6]);
 * ```
 */
export function transposeMatrix<T extends FloatData>(
  rows: number,
  cols: number,
  a: T,
  out: T,
): boolean {
  const w = local();
  const aAt = CONTROL_BYTES;
  const outAt = align(aAt + a.byteLength);
  if (!reserve(w.memory, outAt + out.byteLength)) return false;
  const buffer = w.memory.buffer;
  view(a, buffer, aAt).set(a);
  (a.BYTES_PER_ELEMENT === 4 ? w.transpose32 : w.transpose64)(rows, cols, aAt, outAt);
  out.set(view(out, buffer, outAt));
  return true;
}

/** The WebAssembly routes; false when the operands do not fit in wasm32's memory. */
function gemmWasm(
  m: number,
  n: number,
  k: number,
  a: Operand,
  b: Operand,
  out: FloatData,
  parallel: boolean,
): boolean {
  const w = parallel ? instantiate() : local();
  const size = out.BYTES_PER_ELEMENT as 4 | 8;
  const work = CONTROL_BYTES; // this thread's; the worker's follows
  const aAt = CONTROL_BYTES + 2 * w.workspace;
  const bAt = align(aAt + a.length * size);
  const cAt = align(bAt + b.length * size);
  if (!reserve(w.memory, cAt + out.byteLength)) return false;
  const buffer = w.memory.buffer;
  // Copied in the result's type: an operand of another type is converted on the way (exactly).
  view(out, buffer, aAt, a.length).set(a);
  view(out, buffer, bAt, b.length).set(b);
  if (unpacked(m, k, w)) {
    (size === 4 ? w.rows32 : w.rows64)(m, n, k, aAt, bAt, cAt);
    out.set(view(out, buffer, cAt));
    return true;
  }
  const kernel = size === 4 ? w.gemm32 : w.gemm64;
  const whole = () => kernel(m, n, k, aAt, k, bAt, n, cAt, n, work);
  const { byRows, width, count } = chunks(m, n, w, size);
  if (!parallel || count < 2) {
    whole();
  } else {
    const slots = (w as Wasm).control;
    const job = (Atomics.load(slots, SLOT.job) + 1) | 0;
    // The counter first: from now on no thread takes a chunk of an older product.
    Atomics.store(slots, SLOT.next, (job & 0xfffff) << 12);
    const args = [size, m, n, k, aAt, bAt, cAt, byRows ? 1 : 0, width, count];
    slots.set(args, SLOT.args);
    Atomics.store(slots, SLOT.done, 0);
    Atomics.store(slots, SLOT.failed, 0);
    Atomics.store(slots, SLOT.job, job);
    Atomics.notify(slots, SLOT.job);
    runChunks(slots, SLOT, job, kernel, args, work);
    for (;;) {
      const done = Atomics.load(slots, SLOT.done);
      if (done === count) break;
      Atomics.wait(slots, SLOT.done, done);
    }
    // Valid pointers cannot make a kernel throw; if one did, the product is redone here.
    if (Atomics.load(slots, SLOT.failed) !== 0) whole();
  }
  out.set(view(out, buffer, cAt));
  return true;
}

/**
 * The route that {@link gemm} takes for an m×k @ k×n product now: "loop" below
 * {@link SMALL_FLOPS}; else "blas" when the system BLAS is in use (see dezero/np/_blas.ts); else
 * "parallel" from {@link PARALLEL_FLOPS} once the worker is ready (the first such product starts
 * it), unless two threads were found not to pay (while gemm times them, it alternates with
 * "wasm"); else "wasm".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmRoute } from "./_gemm.ts";
 *
 * assert.equal(gemmRoute(10, 3, 1), "loop");
 * ```
 */
export function gemmRoute(m: number, n: number, k: number): Route {
  const work = m * n * k;
  if (work < SMALL_FLOPS) return "loop";
  if (systemBlas() !== null) return "blas";
  if (work < PARALLEL_FLOPS) return "wasm";
  if (!helperStarted) void startHelper();
  return helperReady() && verdict.pays !== false ? "parallel" : "wasm";
}

/** Large products timed on each of one and two threads before {@link gemm} settles on one. */
const TRIALS = 6;
/** Two threads are kept when their median speed beats one thread's by this factor. */
const MARGIN = 1.1;
const verdict = {
  pays: undefined as boolean | undefined,
  wasm: [] as number[],
  parallel: [] as number[],
};

function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * Whether two threads paid for this program's large products: undefined while gemm is still
 * timing them, and each way's median speed (multiply-adds per millisecond) so far.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parallelVerdict } from "./_gemm.ts";
 *
 * assert.ok([undefined, true, false].includes(parallelVerdict().pays));
 * ```
 */
export function parallelVerdict(): { pays?: boolean; wasm: number; parallel: number } {
  return {
    pays: verdict.pays,
    wasm: verdict.wasm.length ? median(verdict.wasm) : NaN,
    parallel: verdict.parallel.length ? median(verdict.parallel) : NaN,
  };
}

/** `x` as an array of `like`'s type (a converted copy where it is not one). */
function sameType<T extends FloatData>(x: Operand, like: T): T {
  if (x.constructor === like.constructor) return x as T;
  return (like instanceof Float32Array ? Float32Array.from(x) : Float64Array.from(x)) as T;
}

/** Runs a route; each falls back to the next when it cannot take the product. */
function run(
  route: Route,
  m: number,
  n: number,
  k: number,
  a: Operand,
  b: Operand,
  out: FloatData,
) {
  if (route === "blas" && systemBlas()?.gemm(m, n, k, sameType(a, out), sameType(b, out), out)) {
    return;
  }
  if (route !== "loop" && gemmWasm(m, n, k, a, b, out, route === "parallel" && helperReady())) {
    return;
  }
  gemmLoop(m, n, k, a, b, out);
}

/**
 * `out` (m×n) = `a` (m×k) @ `b` (k×n), row-major and contiguous, all Float64Array or all
 * Float32Array; `out` is overwritten and must not overlap `a` or `b`. Bit for bit the numbers of
 * {@link gemmReference}, by the fastest route for the size (see {@link gemmRoute}), except on the
 * system BLAS, which the program gets only with `--allow-ffi`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemm } from "./_gemm.ts";
 *
 * const out = new Float32Array(2);
 * gemm(1, 2, 2, Float32Array.of(1, 2), Float32Array.of(3, 4, 5, 6), out);
 * assert.deepEqual([...out], [13, 16]);
 * ```
 */
export function gemm<T extends FloatData>(m: number, n: number, k: number, a: T, b: T, out: T) {
  checkArguments(m, n, k, a, b, out);
  gemmInto(m, n, k, a, b, out);
}

/**
 * {@link gemm} without its checks, for the stand-in's `matmul`, which has made them: operands of
 * other types than `out` (see {@link Operand}) are converted as they are copied, rather than
 * first into arrays of their own. `out` must not overlap `a` or `b`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmInto } from "./_gemm.ts";
 *
 * const out = new Float64Array(2);
 * gemmInto(1, 2, 2, Float32Array.of(0.5, 2), Uint8Array.of(3, 4, 5, 6), out);
 * assert.deepEqual([...out], [11.5, 14]);
 * ```
 */
export function gemmInto(m: number, n: number, k: number, a: Operand, b: Operand, out: FloatData) {
  const route = gemmRoute(m, n, k);
  if (route !== "parallel" || verdict.pays !== undefined) return run(route, m, n, k, a, b, out);
  // A trial: the way with fewer timings so far, timed (the numbers are the same either way).
  const trial = verdict.parallel.length <= verdict.wasm.length ? "parallel" : "wasm";
  const start = performance.now();
  run(trial, m, n, k, a, b, out);
  verdict[trial].push((m * n * k) / Math.max(performance.now() - start, 1e-3));
  if (verdict.wasm.length === TRIALS && verdict.parallel.length === TRIALS) {
    verdict.pays = median(verdict.parallel) > MARGIN * median(verdict.wasm);
  }
}

const ROUTES: readonly Route[] = ["loop", "wasm", "parallel", "blas"];

/**
 * {@link gemm} by a given route, for tests and benchmarks: "loop" (JavaScript), "wasm" (one
 * thread), "parallel" (two threads once {@link startParallel} has resolved to true; one before)
 * or "blas" (the system BLAS; throws when there is none). The same numbers by every route but
 * "blas".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmWith } from "./_gemm.ts";
 *
 * const out = new Float64Array(1);
 * gemmWith("wasm", 1, 1, 3, Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6), out);
 * assert.deepEqual([...out], [32]);
 * ```
 */
export function gemmWith<T extends FloatData>(
  route: Route,
  m: number,
  n: number,
  k: number,
  a: T,
  b: T,
  out: T,
): void {
  checkArguments(m, n, k, a, b, out);
  if (!ROUTES.includes(route)) {
    throw new TypeError(
      `gemmWith: unknown route ${String(route)}; use one of ${ROUTES.join(", ")}`,
    );
  }
  if (route === "blas" && systemBlas() === null) {
    throw new Error(
      "gemmWith: no system BLAS: it needs --allow-ffi and OpenBLAS (libopenblas.so.0) or Accelerate",
    );
  }
  run(route, m, n, k, a, b, out);
}
