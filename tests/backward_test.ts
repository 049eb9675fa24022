/**
 * Backpropagation in dezero/core_simple.ts against the book's semantics, with expected values by
 * hand or by numerical differentiation: the order functions run in on DAGs (generations, ties),
 * multi-output functions, nested configuration switches, a seed set by the user, the gradients
 * of `Div`, `Neg`, `rdiv` and `rsub`, and the heap of `_heap.ts` against the book's sorted list.
 */
import assert from "node:assert/strict";
import { GenerationHeap } from "../dezero/_heap.ts";
import {
  add,
  Config,
  div,
  Function,
  mul,
  neg,
  noGrad,
  np,
  type Operand,
  pow,
  rdiv,
  rsub,
  sub,
  usingConfig,
  Variable,
} from "../dezero/mod.ts";
import { numericalGrads } from "./_gradcheck.ts";

const v = (value: np.ArrayInput) => new Variable(np.array(value));

Deno.test("a function runs only after every function that uses its output (a DAG)", () => {
  // a = x², b = a², c = a + b: dc/da = 1 + 2a = 19 at x = 3, dc/dx = 19 · 2x = 114 (the book's
  // core_simple.py prints 114.0). Square a must wait for both of its users; run too early, it
  // sends only a's direct gradient 1 on (x.grad = 6) and, already seen, never runs again. Both
  // input orders: with `a` last, a queue that ignored generations and popped the newest function
  // would run Square a first; with `a` first, one popping the oldest would.
  for (const order of ["a + b", "b + a"]) {
    const x = v(3);
    const a = pow(x, 2);
    const b = pow(a, 2);
    const c = order === "a + b" ? add(a, b) : add(b, a);
    c.backward({ retainGrad: true });
    assert.equal(a.grad?.item(), 19, order);
    assert.equal(x.grad?.item(), 114, order);
  }
});

Deno.test("a longer DAG: every path's gradient arrives before its function runs", () => {
  // y = x·a·b with a = x + x (gen 1), b = a · a (gen 2): y = x · 2x · 4x² = 8x⁴, dy/dx = 32x³.
  // At x = 1.5: 108. Three paths of different lengths meet at x.
  const x = v(1.5);
  const a = add(x, x);
  const b = mul(a, a);
  const y = mul(mul(b, x), a); // the inputs of the last Mul: gen 3, then the lower gen 1
  y.backward();
  assert.equal(x.grad?.item(), 32 * 1.5 ** 3);
});

Deno.test("equal generations run in the book's order: the last added first", () => {
  // y = (x·1e16 + x·1) + x·(-1e16): the three products have generation 0 and wait together.
  // The book pops x·1 (added last), then x·1e16, then x·(-1e16): x.grad = (1 + 1e16) - 1e16,
  // which is 0 in float64 (the book's core_simple.py prints 0.0). The first-added-first order
  // would sum (-1e16 + 1e16) + 1 = 1.
  const x = v(1);
  const y = add(add(mul(x, 1e16), mul(x, 1)), mul(x, -1e16));
  y.backward();
  assert.equal(x.grad?.item(), 0);
});

/** (x0, x1) → [x0 + x1, x0 - x1]: a function with two outputs. */
class SumDiff extends Function {
  override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray[] {
    return [x0.add(x1), x0.sub(x1)];
  }
  override backward(gs: np.NDArray, gd: np.NDArray): np.NDArray[] {
    return [gs.add(gd), gs.sub(gd)];
  }
}

Deno.test("a two-output function: gradients of both outputs reach the inputs", () => {
  // y = s² + d with s = x0 + x1, d = x0 - x1: dy/dx0 = 2s + 1, dy/dx1 = 2s - 1; at (3, 2), s = 5.
  // s goes through a Mul (generation 2) and d straight to the Add, so SumDiff must wait for the
  // Mul: run early, it would see s.grad null (taken as zeros) and give 1 and -1.
  const [x0, x1] = [v(3), v(2)];
  const f = new SumDiff();
  const [s, d] = f.call(x0, x1);
  assert.deepEqual([s.data?.item(), d.data?.item()], [5, 1]);
  assert.deepEqual([s.creator, d.creator, s.generation, d.generation], [f, f, 1, 1]);
  const y = add(mul(s, s), d);
  y.backward({ retainGrad: true });
  assert.deepEqual([s.grad?.item(), d.grad?.item()], [10, 1]);
  assert.deepEqual([x0.grad?.item(), x1.grad?.item()], [11, 9]);
  // Without retainGrad, the outputs' gradients are freed after use, as in the book (a new graph:
  // the retained gradients of this one would be added to).
  const [x2, x3] = [v(3), v(2)];
  const [s2, d2] = new SumDiff().call(x2, x3);
  add(mul(s2, s2), d2).backward();
  assert.deepEqual([s2.grad, d2.grad], [null, null]);
  assert.deepEqual([x2.grad?.item(), x3.grad?.item()], [11, 9]);
});

Deno.test("a two-output function under noGrad computes both outputs and records nothing", () => {
  const [x0, x1] = [v(3), v(2)];
  const f = new SumDiff();
  let outputs: Variable[];
  {
    using _ = noGrad();
    outputs = f.call(x0, x1);
  }
  assert.deepEqual(outputs.map((y) => y.data?.item()), [5, 1]);
  assert.deepEqual(outputs.map((y) => [y.creator, y.generation]), [[null, 0], [null, 0]]);
  assert.deepEqual([f.inputs.length, f.outputs.length], [0, 0]);
  outputs[0].backward(); // a leaf now: only its own gradient is seeded
  assert.equal(x0.grad, null);
  assert.equal(outputs[0].grad?.item(), 1);
});

Deno.test("nested usingConfig and noGrad restore each level's value, also on a throw", () => {
  const recording = () => mul(v(1), 2).creator !== null;
  {
    using _outer = noGrad();
    assert.equal(recording(), false);
    {
      using _middle = usingConfig("enableBackprop", true);
      assert.equal(recording(), true);
      {
        using _inner = noGrad();
        assert.equal(Config.enableBackprop, false);
      }
      assert.equal(recording(), true); // the middle level's value, not the outer one's
      assert.throws(() => {
        using _ = noGrad();
        throw new Error("inside");
      }, /inside/);
      assert.equal(Config.enableBackprop, true);
    }
    assert.equal(recording(), false);
    assert.throws(() => {
      using _ = usingConfig("enableBackprop", true);
      throw new Error("inside");
    }, /inside/);
    assert.equal(Config.enableBackprop, false); // back to the outer level's false, not the default
  }
  assert.equal(recording(), true);
});

Deno.test("a seed set by the user replaces the ones", () => {
  // y = x³ with y.grad = 3: x.grad = 3 · 3x² = 36 at x = 2.
  const x = v(2);
  const y = pow(x, 3);
  y.grad = np.array(3.0);
  y.backward();
  assert.equal(x.grad?.item(), 36);
  // An array seed weights each element: y = x0 · x1 elementwise, seed [1, 10].
  const [a, b] = [v([1, 2]), v([3, 4])];
  const z = mul(a, b);
  z.grad = np.array([1, 10]);
  z.backward();
  assert.equal(a.grad?.toString(), "[ 3. 40.]");
  assert.equal(b.grad?.toString(), "[ 1. 20.]");
  // On a leaf, the user's seed is kept as it is.
  const w = v(5);
  w.grad = np.array(7.0);
  w.backward();
  assert.equal(w.grad?.item(), 7);
});

/** Asserts that `grads` (null for an input that gets none) match `expected` to 1e-6. */
function assertClose(grads: (np.NDArray | null)[], expected: np.NDArray[], what: string): void {
  assert.equal(grads.length, expected.length, what);
  grads.forEach((g, i) => {
    assert.ok(g !== null, `${what}: input ${i} has no gradient`);
    assert.deepEqual(g.shape, expected[i].shape, `${what}: shape of gradient ${i}`);
    g.data.forEach((value, k) => {
      const want = expected[i].data[k];
      assert.ok(Math.abs(value - want) < 1e-6, `${what}: gradient ${i}[${k}] ${value} ≠ ${want}`);
    });
  });
}

Deno.test("Div, Neg, rdiv and rsub gradients match numerical differentiation", () => {
  const a = [1.5, -2.0, 3.0];
  const b = [0.5, 4.0, -1.25];
  // Each operation as a graph function, and as arithmetic on arrays for the numerical gradient.
  const ops: {
    name: string;
    graph: (x0: Operand, x1: Operand) => Variable;
    arrays: (x0: np.NDArray, x1: np.NDArray) => np.NDArray;
  }[] = [
    { name: "div", graph: div, arrays: (x0, x1) => x0.div(x1) },
    { name: "rdiv", graph: rdiv, arrays: (x0, x1) => x1.div(x0) },
    { name: "sub", graph: sub, arrays: (x0, x1) => x0.sub(x1) },
    { name: "rsub", graph: rsub, arrays: (x0, x1) => x1.sub(x0) },
    { name: "x0.div", graph: (x0, x1) => (x0 as Variable).div(x1), arrays: (x0, x1) => x0.div(x1) },
    {
      name: "x0.rdiv",
      graph: (x0, x1) => (x0 as Variable).rdiv(x1),
      arrays: (x0, x1) => x1.div(x0),
    },
    {
      name: "x0.rsub",
      graph: (x0, x1) => (x0 as Variable).rsub(x1),
      arrays: (x0, x1) => x1.sub(x0),
    },
  ];
  for (const op of ops) {
    for (const [p, q] of [[a, b], [b, a]]) {
      const what = `${op.name}(${p}, ${q})`;
      // Two Variables: both gradients.
      const [x0, x1] = [v(p), v(q)];
      op.graph(x0, x1).backward();
      assertClose([x0.grad, x1.grad], numericalGrads(op.arrays, [np.array(p), np.array(q)]), what);
      // A Variable and an NDArray, or a number (broadcast): the Variable's gradient.
      for (const other of [np.array(q), q[1]]) {
        const x = v(p);
        const c = np.array(other);
        op.graph(x, other).backward();
        const [want] = numericalGrads((x0) => op.arrays(x0, c), [np.array(p)]);
        assertClose([x.grad], [want], `${what} with ${typeof other} operand`);
      }
      // The functions also take the constant first (`div(2, x)`); the methods cannot.
      if (!op.name.startsWith("x0.")) {
        for (const other of [np.array(p), p[0]]) {
          const x = v(q);
          const c = np.array(other);
          op.graph(other, x).backward();
          const [want] = numericalGrads((x1) => op.arrays(c, x1), [np.array(q)]);
          assertClose([x.grad], [want], `${op.name}(${typeof other}, Variable)`);
        }
      }
    }
  }
  for (const input of [a, b]) {
    const x = v(input);
    neg(x).backward();
    assertClose([x.grad], numericalGrads((x) => x.neg(), [np.array(input)]), "neg");
    const y = v(input);
    y.neg().neg().backward();
    assertClose([y.grad], numericalGrads((x) => x, [np.array(input)]), "neg twice");
  }
});

/** The book's queue: a list sorted by generation (stably) after each insertion, popped at the end. */
class BookList<T extends { generation: number }> {
  funcs: T[] = [];
  push(f: T): void {
    this.funcs.push(f);
    this.funcs.sort((a, b) => a.generation - b.generation);
  }
  pop(): T | undefined {
    return this.funcs.pop();
  }
}

/** A small deterministic generator of integers in [0, n), so that failures can be replayed. */
function randomInts(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
}

/** The functions the book's backward loop would run from `y`, in its order. */
function bookOrder(y: Variable): Function[] {
  const funcs = new BookList<Function>();
  const seen = new Set<Function>();
  const order: Function[] = [];
  const addFunc = (f: Function) => {
    if (!seen.has(f)) {
      funcs.push(f);
      seen.add(f);
    }
  };
  addFunc(y.creator!);
  while (funcs.funcs.length > 0) {
    const f = funcs.pop()!;
    order.push(f);
    for (const x of f.inputs) if (x.creator !== null) addFunc(x.creator);
  }
  return order;
}

Deno.test("backward runs functions in exactly the book's order on random DAGs, ties included", () => {
  const log: Function[] = [];
  class Tracked extends Function {
    override forward(...xs: np.NDArray[]): np.NDArray {
      return xs.reduce((a, b) => a.add(b));
    }
    override backward(gy: np.NDArray): np.NDArray[] {
      log.push(this);
      return this.inputs.map(() => gy);
    }
  }
  // Each node applies a function to 1–3 earlier nodes: many equal generations.
  const random = randomInts(12345);
  for (let trial = 0; trial < 50; trial++) {
    const nodes: Variable[] = [v(1), v(2), v(3)];
    for (let i = 0; i < 40; i++) {
      const args = Array.from({ length: 1 + random(3) }, () => nodes[random(nodes.length)]);
      nodes.push(new Tracked().call(...args) as Variable);
    }
    const y = new Tracked().call(...nodes.slice(-6)) as Variable;
    log.length = 0;
    y.backward();
    const order = bookOrder(y);
    assert.equal(log.length, order.length, `trial ${trial}`);
    log.forEach((f, i) => assert.equal(f, order[i], `trial ${trial}, function ${i}`));
  }
});

Deno.test("GenerationHeap pops in the order of the book's sorted list, on random sequences", () => {
  const random = randomInts(2024);
  for (let trial = 0; trial < 200; trial++) {
    const heap = new GenerationHeap<{ id: number; generation: number }>();
    const book = new BookList<{ id: number; generation: number }>();
    const gens = 1 + random(6); // few generations: many ties
    for (let id = 0; id < 60; id++) {
      if (random(3) === 0) {
        assert.equal(heap.pop(), book.pop(), `trial ${trial}, pop before push ${id}`);
      }
      const item = { id, generation: random(gens) };
      heap.push(item);
      book.push(item);
      assert.equal(heap.length, book.funcs.length);
    }
    while (book.funcs.length > 0) assert.equal(heap.pop(), book.pop(), `trial ${trial}`);
    assert.equal(heap.pop(), undefined);
  }
});
