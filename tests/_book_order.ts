/**
 * The order of the book's `backward` (steps 16–22), written as the book writes it: a list sorted
 * by generation after each insertion (a stable sort), popped from the end. A test oracle for the
 * heap that `backward` and the graph pictures use instead.
 */

/** What the walk reads of a function: its generation and its inputs' creators. */
export interface Node {
  readonly generation: number;
  readonly inputs: readonly { readonly creator: Node | null }[];
}

/** The functions of `output`'s graph in the order the book's `backward` runs them. */
export function bookOrder<F extends Node>(output: { readonly creator: F | null }): F[] {
  const funcs: F[] = [];
  const seen = new Set<F>();
  const addFunc = (f: F) => {
    if (!seen.has(f)) {
      funcs.push(f);
      seen.add(f);
      funcs.sort((a, b) => a.generation - b.generation);
    }
  };
  if (output.creator !== null) addFunc(output.creator);
  const order: F[] = [];
  while (funcs.length > 0) {
    const f = funcs.pop()!;
    order.push(f);
    for (const x of f.inputs) if (x.creator !== null) addFunc(x.creator as F);
  }
  return order;
}
