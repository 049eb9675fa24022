/**
 * The WebGPU device behind the GPU's arrays: getting an adapter (asynchronous, once), the pool of
 * buffers, the command encoder that kernels are recorded into, uploads, reading results back
 * (the only asynchronous step after `init`), and the errors a kernel reports.
 *
 * Three things WebGPU does differently from CUDA shape this module:
 *
 * - **Memory.** A `GPUBuffer` is not freed when JavaScript forgets it, and V8 does not see GPU
 *   memory, so it would not hurry to collect the arrays that hold it (a loop of 400 KB arrays
 *   grew to 11 GB). Each buffer is made with an `ArrayBuffer` of its size, its `pressure`, which
 *   stays with it (made once: zeroing one per array would cost 0.5 ms for 3 MB), so that the
 *   garbage collector counts the GPU memory as its own and collects sooner as it grows. Arrays
 *   hold a buffer through a {@linkcode Block}; when the block is collected, a
 *   `FinalizationRegistry` puts the buffer back in a pool for the next array of that size
 *   (creating a buffer costs milliseconds). Finalizers run between tasks: a loop that never
 *   awaits gets nothing back until it does, and {@linkcode allocate} stops it with an error past
 *   `memoryLimit` bytes.
 * - **Ordering.** Kernels are recorded into one command encoder and submitted in batches;
 *   `queue.writeBuffer` runs before whatever is still unsubmitted, so an upload first submits
 *   (a pooled buffer may still be read by recorded kernels).
 * - **Errors.** A kernel cannot throw. Those that check their input (labels out of range, an
 *   integer overflow) write a code into a small error buffer, which every read-back also reads:
 *   the error is thrown there, as CUDA reports a device-side assertion at the next
 *   synchronisation. WebGPU's own validation errors are reported the same way.
 *
 * @module
 */

/** What is known of the adapter, for messages and for steps that choose a device. */
export interface AdapterSummary {
  /** The adapter's description (`llvmpipe (LLVM 15.0.6, 256 bits)`, a GPU's name ...). */
  readonly description: string;
  /** The vendor, as WebGPU reports it (may be a number, or empty). */
  readonly vendor: string;
  /**
   * Whether the adapter is a software rasteriser on the CPU (WebGPU's `isFallbackAdapter`, or
   * Mesa's llvmpipe and lavapipe, SwiftShader, WARP by name): it runs the kernels, slowly.
   */
  readonly software: boolean;
}

/** The device and what the arrays need of it. */
interface Gpu {
  readonly device: GPUDevice;
  readonly summary: AdapterSummary;
  /** The largest storage buffer a kernel can bind, in bytes. */
  readonly maxBinding: number;
  /** The buffer kernels report errors into: a code, an index and a value. */
  readonly errors: GPUBuffer;
}

let gpu: Gpu | null = null;
let pending: Promise<AdapterSummary | null> | null = null;
let missing: string | null = null;

// Names of software adapters, in case `isFallbackAdapter` is not set (Mesa's llvmpipe is not a
// "fallback" to WebGPU, though it runs on the CPU).
const SOFTWARE = /llvmpipe|lavapipe|softpipe|swiftshader|basic render driver|\bwarp\b/i;

/**
 * Asks WebGPU for an adapter and a device, once; later calls get the same answer. Resolves to a
 * summary of the adapter, or `null` when there is none (then {@linkcode noAdapterReason} says
 * why). Nothing else in the package requests an adapter.
 *
 * @param options `memoryLimit`: the most bytes the GPU's arrays may hold before the next await
 *   (default 4 GiB)
 */
export function requestGpu(options: { memoryLimit?: number } = {}): Promise<AdapterSummary | null> {
  if (options.memoryLimit !== undefined) {
    const m = options.memoryLimit;
    if (typeof m !== "number" || !(m > 0)) {
      throw new TypeError(`memoryLimit is a number of bytes, not ${String(m)}`);
    }
    memoryLimit = m;
  }
  pending ??= open();
  return pending;
}

async function open(): Promise<AdapterSummary | null> {
  const webgpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (webgpu === undefined) {
    missing = "this JavaScript runtime has no WebGPU (navigator.gpu is undefined)";
    return null;
  }
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await webgpu.requestAdapter({ powerPreference: "high-performance" });
  } catch (e) {
    missing = `navigator.gpu.requestAdapter() failed: ${(e as Error).message}`;
    return null;
  }
  if (adapter === null) {
    missing = "navigator.gpu.requestAdapter() gave no adapter: no GPU (or no driver for it, " +
      "such as Vulkan's or Mesa's) was found";
    return null;
  }
  const limits = adapter.limits;
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
      },
    });
  } catch (e) {
    missing = `the adapter ${adapter.info.description} gave no device: ${(e as Error).message}`;
    return null;
  }
  const info = adapter.info;
  const fallback = (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false;
  const description = info.description || info.device || "unknown adapter";
  const summary: AdapterSummary = {
    description,
    vendor: info.vendor,
    software: fallback || SOFTWARE.test(`${info.description} ${info.device} ${info.vendor}`),
  };
  device.addEventListener("uncapturederror", (e) => {
    deviceError ??= (e as GPUUncapturedErrorEvent).error.message;
  });
  device.lost.then((lost) => {
    deviceError ??= `the GPU device was lost (${lost.reason}): ${lost.message}`;
  });
  const errors = device.createBuffer({
    size: 16,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
  gpu = { device, summary, maxBinding: limits.maxStorageBufferBindingSize, errors };
  return summary;
}

/** Why there is no device: `init` not awaited yet, or what WebGPU answered. */
export function noAdapterReason(): string {
  return missing ??
    (pending === null
      ? "the GPU was not set up: call `await cuda.init()` first (WebGPU hands out adapters " +
        "asynchronously, so this is the one step that awaits)"
      : "the GPU is still being set up: await cuda.init() before using it");
}

/** The device, or an error saying why there is none. */
export function current(): Gpu {
  if (gpu === null) throw new Error(`no GPU: ${noAdapterReason()}`);
  return gpu;
}

/** The adapter's summary once `init` found one, else `null`. */
export function summary(): AdapterSummary | null {
  return gpu === null ? null : gpu.summary;
}

// ---------------------------------------------------------------------------------------------
// Memory

/** The most bytes the GPU's arrays may hold at once (see the module doc). */
let memoryLimit = 4 * 2 ** 30;
/** Bytes held by blocks that have not been collected. */
let liveBytes = 0;
/** A buffer of the device, with the allocation that makes the garbage collector see it. */
interface Pooled {
  readonly buffer: GPUBuffer;
  readonly pressure: ArrayBuffer;
}

const pool = new Map<number, Pooled[]>();
// A bucket keeps this many idle buffers at most; more are destroyed.
const POOL_DEPTH = 16;

const collected = new FinalizationRegistry<Pooled>((held) => {
  const bytes = held.pressure.byteLength;
  liveBytes -= bytes;
  const list = pool.get(bytes);
  if (list === undefined) pool.set(bytes, [held]);
  else if (list.length < POOL_DEPTH) list.push(held);
  else {
    flush(); // recorded kernels may still use it
    held.buffer.destroy();
  }
});

/**
 * A GPU buffer of the pool, shared by the arrays that view it (`reshape` gives a new array on the
 * same block). It goes back to the pool when the garbage collector collects it.
 */
export class Block {
  /**
   * @param buffer the GPU buffer
   * @param bytes its size
   */
  constructor(readonly buffer: GPUBuffer, readonly bytes: number) {}
}

/** The pool's size class of `bytes`: eight per doubling, so at most 1/8 is wasted. */
function bucket(bytes: number): number {
  if (bytes <= 256) return 256;
  const step = 2 ** (Math.ceil(Math.log2(bytes)) - 3);
  return Math.ceil(bytes / step) * step;
}

/**
 * A block of at least `bytes` (a recycled one if the pool has it): its contents are undefined.
 *
 * @param bytes the size needed
 */
export function allocate(bytes: number): Block {
  const { device, maxBinding } = current();
  const size = bucket(Math.max(bytes, 4));
  if (bytes > maxBinding) {
    throw new RangeError(
      `an array of ${bytes} bytes is larger than this GPU lets a kernel use ` +
        `(maxStorageBufferBindingSize ${maxBinding} bytes): split it, or compute on the CPU`,
    );
  }
  if (liveBytes + size > memoryLimit) {
    throw new RangeError(
      `the GPU's arrays hold ${liveBytes} bytes, and another ${size} would pass the limit of ` +
        `${memoryLimit} (cuda.init({ memoryLimit })). Arrays no longer used are returned to ` +
        "the pool only between tasks: a loop that never awaits keeps them all. Await something " +
        "in the loop (reading a result, or await cuda.synchronize())",
    );
  }
  const pooled = pool.get(size)?.pop() ?? {
    buffer: device.createBuffer({
      size,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    }),
    pressure: new ArrayBuffer(size),
  };
  const block = new Block(pooled.buffer, size);
  liveBytes += size;
  collected.register(block, pooled);
  return block;
}

/**
 * Writes `data` at the start of `buffer` (after submitting what was recorded: see the module
 * doc).
 *
 * @param buffer the destination
 * @param data the words
 */
export function upload(buffer: GPUBuffer, data: Float32Array | Int32Array | Uint32Array): void {
  flush();
  current().device.queue.writeBuffer(
    buffer,
    0,
    data.buffer as ArrayBuffer,
    data.byteOffset,
    data.byteLength,
  );
}

// ---------------------------------------------------------------------------------------------
// Kernels

const pipelines = new Map<string, GPUComputePipeline>();

/**
 * The compute pipeline of a WGSL kernel with entry point `main` (compiled once per source).
 *
 * @param code the WGSL source
 */
export function pipeline(code: string): GPUComputePipeline {
  let p = pipelines.get(code);
  if (p === undefined) {
    const { device } = current();
    const module = device.createShaderModule({ code });
    p = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
    pipelines.set(code, p);
  }
  return p;
}

// Parameter buffers by content: the same shapes come back at every step of a training loop.
const params = new Map<string, GPUBuffer>();
const PARAMS_KEPT = 4096;
let retired: GPUBuffer[] = [];

/**
 * A read-only storage buffer holding `values` as u32 (kernels' shapes, strides and scalars),
 * shared by every kernel that passes the same values.
 *
 * @param values the words
 */
export function paramBuffer(values: readonly number[]): GPUBuffer {
  const key = values.join(",");
  const hit = params.get(key);
  if (hit !== undefined) {
    params.delete(key); // most recently used last
    params.set(key, hit);
    return hit;
  }
  const buffer = current().device.createBuffer({
    size: Math.max(16, values.length * 4),
    usage: GPUBufferUsage.STORAGE,
    mappedAtCreation: true,
  });
  new Uint32Array(buffer.getMappedRange()).set(values);
  buffer.unmap();
  params.set(key, buffer);
  if (params.size > PARAMS_KEPT) {
    const [oldKey, old] = params.entries().next().value as [string, GPUBuffer];
    params.delete(oldKey);
    retired.push(old); // destroyed once what uses it is submitted
  }
  return buffer;
}

let encoder: GPUCommandEncoder | null = null;
let pass: GPUComputePassEncoder | null = null;
let recorded = 0;
// Submitting every few kernels lets the GPU start while JavaScript records the next ones.
const BATCH = 32;

function commandEncoder(): GPUCommandEncoder {
  encoder ??= current().device.createCommandEncoder();
  return encoder;
}

/** A binding: a whole buffer, or a block's first `size` bytes. */
export type Binding = GPUBuffer | { readonly buffer: GPUBuffer; readonly size: number };

/**
 * Records one dispatch of `kernel` with `bindings` at bindings 0, 1, ... of group 0.
 *
 * @param kernel the pipeline
 * @param bindings the buffers, in binding order
 * @param groups the workgroup counts along x and y
 */
export function dispatch(
  kernel: GPUComputePipeline,
  bindings: readonly Binding[],
  groups: readonly [number, number],
): void {
  const { device } = current();
  const bindGroup = device.createBindGroup({
    layout: kernel.getBindGroupLayout(0),
    entries: bindings.map((b, i) => ({
      binding: i,
      resource: b instanceof GPUBuffer ? { buffer: b } : { buffer: b.buffer, size: b.size },
    })),
  });
  pass ??= commandEncoder().beginComputePass();
  pass.setPipeline(kernel);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(groups[0], groups[1]);
  if (++recorded >= BATCH) flush();
}

/**
 * Records a copy of `bytes` bytes from `from` to `to`.
 *
 * @param from the source buffer
 * @param to the destination buffer
 * @param bytes how many bytes (a multiple of 4)
 * @param toOffset where in `to` (a multiple of 4)
 */
export function copy(from: GPUBuffer, to: GPUBuffer, bytes: number, toOffset = 0): void {
  if (pass !== null) {
    pass.end();
    pass = null;
  }
  commandEncoder().copyBufferToBuffer(from, 0, to, toOffset, bytes);
}

/** Submits what was recorded. */
export function flush(): void {
  if (pass !== null) {
    pass.end();
    pass = null;
  }
  if (encoder !== null) {
    current().device.queue.submit([encoder.finish()]);
    encoder = null;
  }
  recorded = 0;
  for (const b of retired) b.destroy();
  retired = [];
}

// ---------------------------------------------------------------------------------------------
// Errors and reading back

let deviceError: string | null = null;
const reporters: ((index: number, value: number) => Error)[] = [];
const codes = new Map<string, number>();

/**
 * The code a kernel writes to report an error (see the module doc); at the next read-back, the
 * error `make(index, value)` is thrown, with the index and value the kernel gave.
 *
 * @param key what identifies this error (the same key gives the same code)
 * @param make the error
 */
export function errorCode(key: string, make: (index: number, value: number) => Error): number {
  let code = codes.get(key);
  if (code === undefined) {
    reporters.push(make);
    code = reporters.length;
    codes.set(key, code);
  }
  return code;
}

/** Throws what a kernel or WebGPU reported, found in the error words read back. */
function report(words: Uint32Array): void {
  if (deviceError !== null) {
    const message = deviceError;
    deviceError = null;
    throw new Error(`WebGPU reported an error: ${message}`);
  }
  const code = words[0];
  if (code === 0) return;
  upload(current().errors, new Uint32Array(4)); // the next error starts afresh
  const value = new Float32Array(words.buffer, words.byteOffset + 8, 1)[0];
  throw reporters[code - 1](words[1], value);
}

/**
 * Reads the first `bytes` bytes of `buffer` back from the GPU, after everything recorded before
 * has run; throws what a kernel reported meanwhile.
 *
 * @param buffer the buffer to read
 * @param bytes how many bytes (a multiple of 4)
 */
export async function download(buffer: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
  const { device, errors } = current();
  const staging = device.createBuffer({
    size: bytes + 16,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  if (bytes > 0) copy(buffer, staging, bytes);
  copy(errors, staging, 16, bytes);
  flush();
  await staging.mapAsync(GPUMapMode.READ);
  const out = staging.getMappedRange().slice(0);
  staging.unmap();
  staging.destroy();
  report(new Uint32Array(out, bytes, 4));
  return out.slice(0, bytes);
}

/**
 * Waits until the GPU has run everything recorded, and throws what a kernel reported meanwhile
 * (CuPy's `Stream.synchronize()`). Awaiting also lets arrays that are no longer used go back to
 * the pool.
 */
export async function synchronize(): Promise<void> {
  if (gpu === null) return;
  await download(gpu.errors, 0);
}
