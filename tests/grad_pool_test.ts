/**
 * dezero/_grad_pool.ts: `backward` in core_simple.ts reuses the buffers of the large arrays it
 * proves dead. Each test computes the expected gradients in plain JavaScript loops, in the order
 * of operations of the book's backward (so they are bit-identical), then makes more large
 * computations, which overwrite whatever buffers went back to the free list, and checks the
 * gradients again: a buffer reused while something could still reach it changes them. The first
 * test checks that buffers are reused at all, so that the others test something.
 */
import assert from "node:assert/strict";
import { Function, np, Variable } from "../dezero/mod.ts";
import { POOL_MIN_SIZE, pooledSize } from "../dezero/_grad_pool.ts";

const N = POOL_MIN_SIZE + 1000;

/** A large array of random values in [0.5, 1.5). */
function rand(): np.NDArray {
  return np.random.rand(N).add(0.5);
}

function dataOf(x: Variable | np.NDArray | null): Float64Array {
  assert.ok(x !== null);
  const a = x instanceof Variable ? x.data : x;
  assert.ok(a !== null);
  return a.data.slice();
}

/** Each element of `expected` computed from `x`'s elements by `f`. */
function elementwise(x: Float64Array, f: (v: number) => number): Float64Array {
  return x.map(f);
}

function assertBits(actual: np.NDArray | null, expected: Float64Array, what: string): void {
  assert.ok(actual !== null, `${what} is null`);
  assert.equal(actual.size, expected.length, what);
  const a = actual.data;
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(a[i], expected[i])) {
      assert.fail(`${what}[${i}] is ${a[i]}, expected ${expected[i]}`);
    }
  }
}

/** Large backward passes that reuse (and overwrite) every buffer on the free list. */
function churn(): void {
  for (let i = 0; i < 3; i++) {
    const x = new Variable(np.random.rand(N));
    x.mul(x).add(x).pow(2).div(2).backward();
  }
}

/** W4's gradient, ((x * x + x) ** 2) / 2, in the order the book's backward computes it. */
function w4Grad(x: number): number {
  const g = 2 * (x * x + x) * 0.5; // Div: gy / 2; Pow: 2 * b ** 1 * gy
  return (g + g * x) + g * x; // Add passes g to x; Mul adds g * x twice
}

Deno.test("a large backward pass reuses buffers and gives the book's gradient, bit for bit", () => {
  const x = new Variable(rand());
  const expected = elementwise(dataOf(x), w4Grad);
  for (let i = 0; i < 3; i++) {
    x.cleargrad();
    x.mul(x).add(x).pow(2).div(2).backward();
    assertBits(x.grad, expected, `x.grad, pass ${i + 1}`);
  }
  assert.ok(pooledSize() >= N * 8, "the dead gradients' buffers went to the free list");
  churn();
  assertBits(x.grad, expected, "x.grad after more computations");
  // A zeroed array never comes from the free list.
  assert.ok(np.zeros([N]).data.every((v) => v === 0));
  assert.ok(np.zerosLike(x.data!).data.every((v) => v === 0));
});

Deno.test("shared inputs: x * x and x + x", () => {
  const x = new Variable(rand());
  x.mul(x).backward();
  const twoX = elementwise(dataOf(x), (v) => v + v);
  const g1 = x.grad;
  const y = new Variable(rand());
  y.add(y).backward();
  churn();
  assertBits(g1, twoX, "x.grad of x * x");
  assertBits(y.grad, new Float64Array(N).fill(2), "y.grad of y + y");
});

Deno.test("Add passes its gy to two leaves: both keep it", () => {
  const [x, c] = [new Variable(rand()), new Variable(rand())];
  x.add(c).backward();
  assert.equal(x.grad, c.grad); // the same array, as in the book
  churn();
  assertBits(x.grad, new Float64Array(N).fill(1), "x.grad");
});

Deno.test("Add's gy reaches a leaf, which then replaces it with a sum", () => {
  // y = x + x * 3: Add gives gy to x and to x * 3; Mul's gradient replaces x's by gy + gy * 3.
  const x = new Variable(rand());
  const m = x.mul(3);
  x.add(m).backward();
  churn();
  assertBits(x.grad, new Float64Array(N).fill(4), "x.grad");
  assertBits(m.creator!.inputs[1].grad, dataOf(x), "the constant 3's grad"); // gy * x
});

Deno.test("a DAG: one intermediate feeds two later functions", () => {
  // a = x * x; y = a * a + a / 2. Div runs first (added last), then Mul adds a twice to a's grad.
  const x = new Variable(rand());
  const a = x.mul(x);
  a.mul(a).add(a.div(2)).backward();
  const expected = elementwise(dataOf(x), (v) => {
    const ga = (0.5 + v * v) + v * v;
    return ga * v + ga * v;
  });
  assertBits(x.grad, expected, "x.grad");
  churn();
  assertBits(x.grad, expected, "x.grad after more computations");
});

Deno.test("retainGrad: the intermediate grads keep their values", () => {
  const x = new Variable(rand());
  const a = x.mul(x);
  const b = a.add(x);
  const c = b.pow(2);
  const y = c.div(2);
  y.backward({ retainGrad: true });
  churn();
  const xs = dataOf(x);
  const gb = elementwise(xs, (v) => 2 * (v * v + v) * 0.5);
  assertBits(y.grad, new Float64Array(N).fill(1), "y.grad");
  assertBits(c.grad, new Float64Array(N).fill(0.5), "c.grad");
  assertBits(b.grad, gb, "b.grad");
  assertBits(a.grad, gb, "a.grad"); // Add's gy, also once x's grad before Mul replaced it
  assertBits(x.grad, elementwise(xs, w4Grad), "x.grad");
});

Deno.test("a seed set by hand is the user's: backward leaves it alone", () => {
  const x = new Variable(rand());
  const y = x.mul(x).add(x);
  const seed = np.full([N], 3);
  y.grad = seed;
  y.backward();
  assert.equal(y.grad, null);
  churn();
  assertBits(seed, new Float64Array(N).fill(3), "the seed");
  assertBits(x.grad, elementwise(dataOf(x), (v) => (3 + 3 * v) + 3 * v), "x.grad");
});

Deno.test("a user's function keeps the gy it was given, and passes it on", () => {
  class Keep extends Function {
    kept: np.NDArray | null = null;
    override forward(x: np.NDArray): np.NDArray {
      return x.mul(1);
    }
    override backward(gy: np.NDArray): np.NDArray {
      this.kept = gy;
      return gy; // on into built-in functions, whose counts must not free it
    }
  }
  const x = new Variable(rand());
  const keep = new Keep();
  const k = keep.call(x.mul(x).add(x));
  k.pow(2).div(2).backward();
  const xs = dataOf(x);
  const gb = elementwise(xs, (v) => 2 * (v * v + v) * 0.5);
  churn();
  assertBits(keep.kept, gb, "the kept gy");
  assertBits(x.grad, elementwise(xs, w4Grad), "x.grad");
});

Deno.test("two passes add into the same leaf; the first pass's grad is unchanged", () => {
  const x = new Variable(rand());
  x.mul(x).backward();
  const g1 = x.grad;
  x.mul(3).backward();
  churn();
  const xs = dataOf(x);
  assertBits(g1, elementwise(xs, (v) => v + v), "the first pass's grad");
  assertBits(x.grad, elementwise(xs, (v) => (v + v) + 3), "the sum of both passes");
});

Deno.test("an exception in a backward, then a normal pass", () => {
  class Boom extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x.mul(1);
    }
    override backward(): np.NDArray {
      throw new Error("boom");
    }
  }
  const x = new Variable(rand());
  const b = new Boom().call(x.mul(x).add(x));
  assert.throws(() => b.pow(2).div(2).backward(), /boom/);
  const xs = dataOf(x);
  const gb = elementwise(xs, (v) => 2 * (v * v + v) * 0.5);
  // A built-in backward that throws leaves its window open: 0 ** -1 in int64 has no value.
  const i = new Variable(np.full([N], 2, "int64"));
  assert.throws(() => i.pow(0).backward(), /negative integer powers/);
  const more = np.random.rand(N).mul(2); // made after the exception: the user's
  const moreData = dataOf(more);
  x.cleargrad();
  x.mul(x).add(x).pow(2).div(2).backward();
  churn();
  assertBits(b.grad, gb, "the grad left by the failed pass");
  assertBits(more, moreData, "an array made after the exception");
  assertBits(x.grad, elementwise(xs, w4Grad), "x.grad of the normal pass");
});

Deno.test("the free list keeps at most 64 MB", () => {
  for (const n of [3_000_000, 2_000_000, 1_000_000]) {
    const x = new Variable(np.random.rand(n));
    x.mul(x).add(x).pow(2).div(2).backward();
    assert.ok(pooledSize() <= 64 * 2 ** 20, `${pooledSize()} bytes pooled`);
  }
});

Deno.test("a user's backward that runs a backward pass of its own", () => {
  // d/dx of (x * 1) ** 2, where the user's function gets its derivative 2x from an inner pass
  // (t * t with t = x), while the outer pass is half done.
  class ViaInnerPass extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x.mul(1);
    }
    override backward(gy: np.NDArray): np.NDArray {
      const t = new Variable(this.inputs[0].data!);
      t.mul(t).add(t).backward(); // 2t + 1
      return gy.mul(t.grad!.sub(1));
    }
  }
  const x = new Variable(rand());
  new ViaInnerPass().call(x).pow(2).backward();
  const expected = elementwise(dataOf(x), (v) => (2 * v) * (((1 + v) + v) - 1));
  churn();
  assertBits(x.grad, expected, "x.grad");
});

Deno.test("a patched NDArray method sees the arrays of backward: nothing is reused then", () => {
  // A teacher's op log: every product backward computes is kept. Pooling would overwrite them.
  const proto = np.NDArray.prototype;
  const own = proto.mul;
  const log: np.NDArray[] = [];
  proto.mul = function (this: np.NDArray, other: np.NDArray | number): np.NDArray {
    const r = own.call(this, other);
    log.push(r);
    return r;
  };
  const [a, b] = [new Variable(rand()), new Variable(rand())];
  try {
    a.mul(b).mul(b).backward();
  } finally {
    proto.mul = own;
  }
  const kept = log.map((r) => r.data.slice());
  churn();
  log.forEach((r, i) => assertBits(r, kept[i], `logged product ${i}`));
});

Deno.test("a grad behind an accessor, or not an NDArray, turns reuse off for the pass", () => {
  // A gradient history recorded by a setter on the leaf: it sees Mul's first gradient.
  const x = new Variable(rand());
  const history: np.NDArray[] = [];
  let grad: np.NDArray | null = null;
  Object.defineProperty(x, "grad", {
    get: () => grad,
    set: (g: np.NDArray | null) => {
      if (g !== null) history.push(g);
      grad = g;
    },
  });
  x.mul(x).backward();
  const first = elementwise(dataOf(x), (v) => 1 * v); // Mul's gy * x1, gy = 1
  churn();
  assertBits(history[0], first, "the first gradient the setter saw");

  // The stage-3 habit in the simple core: a leaf's grad set to a Variable. Its sum, a Variable
  // made by the accumulation line, holds a buffer made in backward.
  const y = new Variable(rand());
  y.grad = new Variable(np.zerosLike(y.data!)) as unknown as np.NDArray;
  y.mul(3).backward();
  const sum = y.grad as unknown as Variable;
  const expected = dataOf(sum);
  assert.ok(expected.every((v) => v === 3));
  churn();
  assertBits(sum.data, expected, "the Variable-valued grad's data");
});

Deno.test("a subclass of NDArray as data: its methods run inside backward, nothing is reused", () => {
  const log: np.NDArray[] = [];
  class Logged extends np.NDArray {
    override pow(c: np.NDArray | number): np.NDArray {
      const r = super.pow(c);
      log.push(r);
      return r;
    }
  }
  const x = new Variable(new Logged([N], "float64", rand().data));
  x.pow(3).backward(); // Pow's backward computes x ** 2 with x's own pow
  const kept = log.map((r) => r.data.slice());
  assert.ok(kept.length >= 2, "the forward and the backward both called Logged.pow");
  churn();
  log.forEach((r, i) => assertBits(r, kept[i], `logged power ${i}`));
});

Deno.test("a seed of an NDArray subclass: its methods see backward's arrays, nothing is reused", () => {
  const log: np.NDArray[] = [];
  class Logged extends np.NDArray {
    override mul(other: np.NDArray | number): np.NDArray {
      const r = super.mul(other);
      log.push(r);
      return r;
    }
  }
  const [x, b] = [new Variable(rand()), new Variable(rand())];
  const y = x.mul(1.5).mul(b);
  y.grad = new Logged([N], "float64", rand().data); // gone from y.grad once backward used it
  y.backward();
  const kept = log.map((r) => r.data.slice());
  assert.equal(kept.length, 2, "Mul's backward called the seed's mul twice");
  churn();
  log.forEach((r, i) => assertBits(r, kept[i], `logged product ${i}`));
});
