/**
 * The book's `dezero.dataloaders`: `DataLoader` (step 50), which hands out a dataset in
 * minibatches, reshuffled each epoch, and `SeqDataLoader` (step 60), which keeps time order.
 * A loader is iterable: `for (const [x, t] of trainLoader)` runs one epoch, as the book's
 * `for x, t in train_loader`.
 *
 * @module
 */

import * as cuda from "./cuda.ts";
import type { Dataset } from "./datasets.ts";
import { describe } from "./np/_errors.ts";
import * as np from "./np/mod.ts";

/**
 * Minibatches of a dataset: `x` and `t` stack `batchSize` examples and labels (the last batch
 * may be smaller). With `shuffle` (the default) the order is a new `np.random.permutation` each
 * epoch, drawn when the loader is made and again when an epoch ends, as in the book, so seeded
 * runs see the book's batches.
 *
 * @example
 * ```ts
 * import { DataLoader, datasets } from "./full.ts";
 * import assert from "node:assert/strict";
 * const loader = new DataLoader(new datasets.Spiral(), 100);
 * const shapes = [...loader].map(([x, t]) => `${x.shape} ${t.shape}`);
 * assert.deepEqual(shapes, ["100,2 100", "100,2 100", "100,2 100"]);
 * ```
 */
export class DataLoader implements IterableIterator<[np.NDArray, np.NDArray]> {
  /** The number of examples. */
  dataSize: number;
  /** The number of batches per epoch. */
  maxIter: number;
  /** Batches handed out this epoch. */
  iteration = 0;
  /** This epoch's order of the examples. */
  index: np.NDArray = np.arange(0);

  /**
   * @param dataset the dataset
   * @param batchSize the examples per batch
   * @param shuffle a new order each epoch (default true)
   * @param gpu whether batches go to the GPU (step 52)
   */
  constructor(
    readonly dataset: Dataset,
    readonly batchSize: number,
    readonly shuffle = true,
    public gpu = false,
  ) {
    if (!Number.isInteger(batchSize) || batchSize <= 0) {
      throw new TypeError(
        `a DataLoader's batchSize is a positive integer, not ${describe(batchSize)}`,
      );
    }
    this.dataSize = dataset.length;
    if (this.dataSize === 0) {
      throw new Error(
        `the dataset ${dataset.constructor.name} is empty: a DataLoader over it would give no ` +
          "batches (check its prepare(), or the files it reads)",
      );
    }
    this.maxIter = Math.ceil(this.dataSize / batchSize);

    this.reset();
  }

  /** Starts an epoch: the batch count at 0 and, with `shuffle`, a new order. */
  reset(): void {
    this.iteration = 0;
    this.index = this.shuffle
      ? np.random.permutation(this.dataset.length)
      : np.arange(this.dataset.length);
  }

  /** The loader itself: one pass over it is one epoch. */
  [Symbol.iterator](): this {
    return this;
  }

  /** The next batch `[x, t]`; at the end of the epoch, done (and the next epoch is set up). */
  next(): IteratorResult<[np.NDArray, np.NDArray]> {
    if (this.iteration >= this.maxIter) {
      this.reset();
      return { done: true, value: undefined };
    }

    const [i, batchSize] = [this.iteration, this.batchSize];
    const batchIndex = this.index.get(np.slice(i * batchSize, (i + 1) * batchSize));
    return { done: false, value: this.batchOf(batchIndex.toArray() as number[]) };
  }

  /** The examples at `batchIndex`, stacked: `[x, t]`; counts the batch. */
  protected batchOf(batchIndex: readonly number[]): [np.NDArray, np.NDArray] {
    const batch = batchIndex.map((i) => this.dataset.get(i));

    const xp = this.gpu ? cuda.gpu : np;
    const x = xp.array(batch.map((example) => example[0]));
    const t = xp.array(batch.map((example) => example[1] ?? np.array(NaN)));

    this.iteration += 1;
    return [x, t];
  }

  /** Batches stay on the CPU. */
  toCpu(): void {
    this.gpu = false;
  }

  /**
   * Batches go to the GPU (step 52): after `await cuda.init()` found one, else an error that says
   * why.
   *
   * @example
   * ```ts
   * import { cuda, DataLoader, datasets } from "./full.ts";
   * import assert from "node:assert/strict";
   * const loader = new DataLoader(new datasets.Spiral(), 100);
   * if (await cuda.init()) {
   *   loader.toGpu();
   *   const [x, t] = loader.next().value!;
   *   assert.deepEqual([cuda.getArrayModule(x), t.dtype], [cuda.gpu, "int64"]);
   * } else {
   *   assert.throws(() => loader.toGpu(), /no GPU/);
   * }
   * ```
   */
  toGpu(): void {
    if (!cuda.gpuEnable) throw cuda.noGpu("the batches");
    this.gpu = true;
  }
}

/**
 * Minibatches that keep time order, for truncated backpropagation through time (step 60): batch
 * `k` takes, for each of `batchSize` evenly spaced starting points, the `k`-th next example.
 *
 * @example
 * ```ts
 * import { datasets, np, SeqDataLoader } from "./full.ts";
 * import assert from "node:assert/strict";
 * class Count extends datasets.Dataset {
 *   override prepare(): void {
 *     this.data = np.arange(6);
 *     this.label = np.arange(6);
 *   }
 * }
 * const loader = new SeqDataLoader(new Count(), 2);
 * assert.deepEqual([...loader].map(([x]) => x.toString()), ["[0 3]", "[1 4]", "[2 5]"]);
 * ```
 */
export class SeqDataLoader extends DataLoader {
  /**
   * @param dataset the dataset, in time order
   * @param batchSize the number of sequences read side by side
   * @param gpu whether batches go to the GPU (step 52)
   */
  constructor(dataset: Dataset, batchSize: number, gpu = false) {
    super(dataset, batchSize, false, gpu);
  }

  /** The next batch in time order; at the end of the epoch, done. */
  override next(): IteratorResult<[np.NDArray, np.NDArray]> {
    if (this.iteration >= this.maxIter) {
      this.reset();
      return { done: true, value: undefined };
    }

    const jump = Math.floor(this.dataSize / this.batchSize);
    const batchIndex = Array.from(
      { length: this.batchSize },
      (_, i) => (i * jump + this.iteration) % this.dataSize,
    );
    return { done: false, value: this.batchOf(batchIndex) };
  }
}
