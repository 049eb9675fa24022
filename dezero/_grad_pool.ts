/**
 * Reuse of the buffers of large arrays that `Variable.backward` (in `core_simple.ts`) can prove
 * dead. Internal to the package (not exported by `mod.ts`).
 *
 * Why: a fresh `Float64Array` of a million elements can cost its 8 MB in first-touch page faults
 * (25 ms on a small VM, many times the arithmetic on it), and the garbage collector frees big
 * buffers late, so their memory is often new again. One backward pass through a few functions
 * makes a dozen such arrays. The kernels take their result buffers from a small free list
 * ({@linkcode allocate}), and `backward` gives back those it made and nothing can reach any more
 * ({@linkcode GradientOwnership}).
 *
 * Why that is safe. Only arrays of at least {@linkcode POOL_MIN_SIZE} elements count.
 * 1. While `backward` handles one function, from just before its `backward` runs until the grads of
 *    its inputs and outputs are updated, the buffers that the kernels hand out are noted (the
 *    window). For a built-in function (the package's own class with its own `backward` method,
 *    which keeps nothing), each is one of its results, one of its temporaries, or a sum made by
 *    the accumulation line: only that code held it. At the end of the step, a noted buffer that
 *    no grad of the function's inputs and outputs holds is dead; one that some hold is tracked,
 *    with the count of the grad slots holding it. The seed made by `onesLike` is tracked too.
 * 2. A tracked array moves only between the grad slots of the functions handled (`Add` passes its
 *    `gy` on), and those are compared before and after each step: when its count drops to 0, it
 *    is dead.
 * 3. Any other function's backward may keep what it is given or read any Variable's grad: when
 *    one runs, nothing it noted is reused and every tracked array is forgotten for good.
 * 4. Never tracked: a seed set by hand, grads present before the pass, anything made outside a
 *    window. A grad kept by `retainGrad` or left in a leaf keeps its slot, so its count stays
 *    above 0. An exception drops the counts (what was reused before it was dead already); the
 *    window it leaves open is closed by the next pass or at the end of the task.
 * 5. User code that runs inside the package's own operations would see what they make: so a pass
 *    reuses nothing if `NDArray.prototype`'s arithmetic methods are patched, and stops reusing
 *    when a grad slot is an accessor, or a grad or data is anything but an NDArray of the class
 *    itself (a subclass may override its methods). Not detectable, and so
 *    outside this argument: a `Proxy` around a Variable whose traps keep the grads written to it
 *    (JavaScript cannot tell a Proxy from its target).
 *
 * @module
 */

import { NDArray, ownMethods } from "./_array.ts";

/** Arrays of fewer elements are never pooled: their buffers are cheap, scalars cost nothing. */
export const POOL_MIN_SIZE = 65_536;
/** The most memory the free list keeps for later. */
const MAX_POOLED_BYTES = 64 * 1024 * 1024;
/** The most buffers one window notes (a built-in function makes a few). */
const MAX_NOTED = 16;

const free = new Map<number, Float64Array[]>();
let pooledBytes = 0;
let window: Float64Array[] | null = null;
let closing = false;

function closeWindow(): void {
  window = null;
  closing = false;
}

/**
 * A buffer of `n` elements: a pooled one of that length if one is free, with arbitrary contents
 * (only for results that overwrite every element), else a new, zeroed one.
 *
 * @param n the number of elements
 *
 * @example
 * ```ts
 * import { allocate, POOL_MIN_SIZE } from "./_grad_pool.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(allocate(3), new Float64Array(3)); // small: always new
 * assert.equal(allocate(POOL_MIN_SIZE).length, POOL_MIN_SIZE);
 * ```
 */
export function allocate(n: number): Float64Array {
  if (n < POOL_MIN_SIZE) return new Float64Array(n);
  const list = free.get(n);
  let buf = list?.pop();
  if (list?.length === 0) free.delete(n); // no key left behind per size ever seen
  if (buf === undefined) buf = new Float64Array(n);
  else pooledBytes -= buf.byteLength;
  if (window !== null && window.length < MAX_NOTED) {
    window.push(buf);
    if (!closing) queueMicrotask(closeWindow); // in case an exception leaves the window open
    closing = true;
  }
  return buf;
}

/**
 * How many bytes the free list holds now (for the tests).
 *
 * @example
 * ```ts
 * import { pooledSize } from "./_grad_pool.ts";
 * import { np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.random.rand(100_000));
 * x.mul(x).add(x).backward(); // the seed and Mul's gradients are dead at the end
 * assert.ok(pooledSize() >= 100_000 * 8);
 * ```
 */
export function pooledSize(): number {
  return pooledBytes;
}

function recycle(buf: Float64Array): void {
  if (buf.byteLength > MAX_POOLED_BYTES) return;
  if (pooledBytes + buf.byteLength > MAX_POOLED_BYTES) {
    free.clear(); // the newest buffers win: sizes no longer used do not stay for good
    pooledBytes = 0;
  }
  const list = free.get(buf.length);
  if (list === undefined) free.set(buf.length, [buf]);
  else list.push(buf);
  pooledBytes += buf.byteLength;
}

/** What the counting sees of a Variable. */
export interface Slot {
  /** The gradient. */
  readonly grad: NDArray | null;
  /** The value. */
  readonly data: NDArray | null;
}

/** What the counting sees of a Function. */
export interface Step {
  /** The inputs of its last call. */
  readonly inputs: readonly Slot[];
  /** The outputs of its last call. */
  readonly outputs: readonly Slot[];
  /** Its backward method, compared with the built-in one of its class. */
  readonly backward: unknown;
  /** Its class. */
  readonly constructor: unknown;
}

/**
 * The large arrays that one `backward()` call made, with how many grad slots hold each (the module
 * doc says why a count of 0 means dead). Scalar graphs only pay a few tests per function.
 *
 * @example
 * ```ts
 * import { np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.random.rand(100_000));
 * const a = x.mul(x);
 * a.add(x).backward({ retainGrad: true }); // a keeps its grad: it is never reused
 * const kept = a.grad!.data.slice();
 * x.mul(x).add(x).backward(); // reuses the buffers the first pass freed
 * assert.deepEqual(a.grad!.data, kept);
 * ```
 */
export class GradientOwnership {
  readonly #builtIns: ReadonlyMap<unknown, unknown>;
  readonly #counts = new Map<NDArray, number>();
  #root: Slot | null;
  // The step being handled: the grads before it (while anything is tracked), the buffers noted.
  readonly #before = new Map<Slot, NDArray | null>();
  readonly #noted: Float64Array[] = [];
  // Set when user code may run inside the package's own operations: nothing is reused any more.
  #off: boolean;

  /**
   * Starts a pass from `root`, before its seed is set.
   *
   * @param builtIns the built-in Function classes, each with its own `backward` method
   * @param root the variable `backward()` was called on
   */
  constructor(builtIns: ReadonlyMap<unknown, unknown>, root: Slot) {
    this.#builtIns = builtIns;
    this.#root = root.grad === null ? root : null; // a seed set by hand is the user's
    this.#off = !ownMethods(); // a patched NDArray method would see the arrays
    closeWindow();
  }

  /**
   * Opens the window, before `f.backward` runs.
   *
   * @param f the function about to be handled
   */
  open(f: Step): void {
    if (this.#off) return;
    if (this.#root !== null) {
      const seed = this.#root.grad;
      if (seed !== null && seed.size >= POOL_MIN_SIZE) this.#counts.set(seed, 1);
      this.#root = null;
    }
    if (this.#counts.size > 0) {
      for (const v of f.inputs) this.#before.set(v, v.grad);
      for (const v of f.outputs) this.#before.set(v, v.grad);
    }
    if (this.#counts.size === 0 && !isLarge(f)) return; // small arrays: no window
    if (!plainSlots(f.inputs) || !plainSlots(f.outputs)) {
      this.#off = true; // the backward about to run would call user code on what it makes
      this.#counts.clear();
      return;
    }
    window = this.#noted;
  }

  /**
   * Closes the window, once the grads of `f`'s inputs and outputs are updated: updates the counts
   * and gives the buffers that nothing holds to the free list.
   *
   * @param f the function just handled
   */
  settle(f: Step): void {
    window = null;
    if (this.#off || (this.#counts.size === 0 && this.#noted.length === 0)) return;
    if (this.#builtIns.get(f.constructor) !== f.backward) {
      this.#counts.clear(); // a user's backward may keep what it saw
    } else if (plainSlots(f.inputs) && plainSlots(f.outputs)) {
      this.#count(f);
    } else {
      this.#off = true; // a grad behind an accessor, or not an NDArray: give up for this pass
      this.#counts.clear();
    }
    this.#before.clear();
    this.#noted.length = 0;
  }

  #count(f: Step): void {
    const counts = this.#counts;
    const noted = this.#noted;
    const held = new Set<Float64Array>();
    const dropped: NDArray[] = [];
    for (const v of new Set([...f.inputs, ...f.outputs])) {
      const before = this.#before.get(v) ?? null;
      const after = v.grad;
      if (after !== null && after.size >= POOL_MIN_SIZE) held.add(after.data);
      if (after === before) continue;
      const n = before === null ? undefined : counts.get(before);
      if (n !== undefined) {
        counts.set(before!, n - 1);
        dropped.push(before!);
      }
      if (after === null) continue;
      const m = counts.get(after);
      if (m !== undefined) counts.set(after, m + 1);
      else if (after.size >= POOL_MIN_SIZE && noted.includes(after.data)) counts.set(after, 1);
    }
    for (const buf of noted) if (!held.has(buf)) recycle(buf);
    for (const a of dropped) {
      if (counts.get(a) === 0) {
        counts.delete(a);
        recycle(a.data);
      }
    }
  }
}

/**
 * Whether each variable's grad is a plain data property holding null or an NDArray, and its data
 * an NDArray (of the class itself, whose methods are the package's own).
 */
function plainSlots(vs: readonly Slot[]): boolean {
  for (const v of vs) {
    const d = Object.getOwnPropertyDescriptor(v, "grad");
    if (d === undefined || !("value" in d)) return false;
    if (d.value !== null && !isOwnArray(d.value)) return false;
    if (v.data !== null && !isOwnArray(v.data)) return false;
  }
  return true;
}

/**
 * Whether `f`'s backward works on large arrays: its inputs' data or its outputs' grads (a step
 * on small ones opens no window, and so reuses nothing).
 */
function isLarge(f: Step): boolean {
  for (const v of f.inputs) if (v.data !== null && v.data.size >= POOL_MIN_SIZE) return true;
  for (const v of f.outputs) if (v.grad !== null && v.grad.size >= POOL_MIN_SIZE) return true;
  return false;
}

function isOwnArray(x: unknown): boolean {
  return typeof x === "object" && x !== null && Object.getPrototypeOf(x) === NDArray.prototype;
}
