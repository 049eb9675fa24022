/**
 * The queue of `Variable.backward`: a binary max-heap that hands out functions in the order of the
 * book's list, sorted by generation after each insertion and popped from the end. Internal to the
 * package (not exported by `mod.ts`).
 *
 * @module
 */

/** One queued item with its key: its generation, then the order it was pushed in. */
interface Entry<T> {
  item: T;
  generation: number;
  order: number;
}

/**
 * A binary max-heap of items with a `generation`: `pop()` returns the item of the highest
 * generation, and among equal generations the one pushed last. That is the book's order: its
 * stable sort keeps equal generations in insertion order and `pop()` takes the last one. Each
 * `push` or `pop` takes O(log n) instead of the book's sort per insertion.
 *
 * @example
 * ```ts
 * import { GenerationHeap } from "./_heap.ts";
 * import assert from "node:assert/strict";
 * const funcs = new GenerationHeap<{ name: string; generation: number }>();
 * funcs.push({ name: "a", generation: 1 });
 * funcs.push({ name: "b", generation: 2 });
 * funcs.push({ name: "c", generation: 1 });
 * assert.deepEqual([funcs.pop()?.name, funcs.pop()?.name, funcs.pop()?.name], ["b", "c", "a"]);
 * assert.equal(funcs.length, 0);
 * ```
 */
export class GenerationHeap<T extends { generation: number }> {
  // entries[0] is the top; the children of entries[i] are entries[2i + 1] and entries[2i + 2].
  #entries: Entry<T>[] = [];
  #pushed = 0;

  /** How many items wait in the heap. */
  get length(): number {
    return this.#entries.length;
  }

  /**
   * Adds `item`, keyed by its generation now.
   *
   * @param item the item to queue
   */
  push(item: T): void {
    const entries = this.#entries;
    const entry = { item, generation: item.generation, order: this.#pushed++ };
    let i = entries.length;
    entries.push(entry);
    // Sift up: move parents that come out later down, until entry's place is found.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, entries[parent])) break;
      entries[i] = entries[parent];
      i = parent;
    }
    entries[i] = entry;
  }

  /** Removes and returns the item that comes out first; `undefined` when the heap is empty. */
  pop(): T | undefined {
    const entries = this.#entries;
    const top = entries[0];
    const last = entries.pop();
    if (top === undefined || last === undefined || entries.length === 0) return top?.item;
    // Sift down: the last entry goes to the top, and children that come out earlier move up.
    const n = entries.length;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(entries[child + 1], entries[child])) child++;
      if (!before(entries[child], last)) break;
      entries[i] = entries[child];
      i = child;
    }
    entries[i] = last;
    return top.item;
  }
}

/** Whether `a` comes out before `b`: a higher generation, or the same one and pushed later. */
function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.generation > b.generation || (a.generation === b.generation && a.order > b.order);
}
