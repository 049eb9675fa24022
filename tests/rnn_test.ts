/**
 * The recurrent pieces of steps 59–60: `L.RNN` and `L.LSTM` (their gradients through a few
 * unrolled steps against numerical differentiation, whole and truncated by `unchainBackward`, and
 * the order in which they draw their initial weights, which seeded runs depend on),
 * `Variable.unchainBackward`, `datasets.SinCurve` (against the book's, from
 * tests/fixtures/rnn_steps.json, written by tools/gen_rnn_steps.py) and `SeqDataLoader` (batch
 * order worked out by hand).
 */
import assert from "node:assert/strict";
import { datasets, F, L, type Layer, noGrad, np, SeqDataLoader, Variable } from "../dezero/full.ts";
import { numericalGrads } from "./_gradcheck.ts";
import { ulps } from "./_ulp.ts";
import fixture from "./fixtures/rnn_steps.json" with { type: "json" };

type Recurrent = L.RNN | L.LSTM;

/** Asserts that `actual` and `expected` agree elementwise within `atol + rtol * |expected|`. */
function assertClose(actual: np.NDArray, expected: np.NDArray, what: string, rtol = 1e-6) {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  for (let i = 0; i < expected.size; i++) {
    const [a, e] = [actual.data[i], expected.data[i]];
    assert.ok(Math.abs(a - e) <= 1e-8 + rtol * Math.abs(e), `${what}[${i}]: ${a} vs ${e}`);
  }
}

/** The layer with float64 parameters, so that central differences are accurate. */
function inFloat64<T extends Layer>(layer: T): T {
  for (const p of layer.params()) p.data = p.data!.astype("float64");
  return layer;
}

/** The layer's state (h, and c for an LSTM) as arrays, to be put back later. */
function stateOf(layer: Recurrent): np.NDArray[] {
  const state = layer instanceof L.LSTM ? [layer.h, layer.c] : [layer.h];
  return state.map((v) => v!.data!.copy());
}

function setState(layer: Recurrent, state: np.NDArray[]): void {
  layer.h = new Variable(state[0]);
  if (layer instanceof L.LSTM) layer.c = new Variable(state[1]);
}

/**
 * Runs `xs` through the layer from its current state: the sum over steps of `sum(h_t * w_t)`,
 * with fixed random weights `ws` so that every element of every state counts differently.
 */
function unroll(layer: Recurrent, xs: Variable[], ws: np.NDArray[]): Variable {
  let loss = new Variable(np.array(0));
  for (const [t, x] of xs.entries()) loss = loss.add(F.sum(layer.call(x).mul(ws[t])));
  return loss;
}

/** Sets the parameters to `arrays` and returns `run()`'s value, without recording a graph. */
function valueWith(layer: Layer, arrays: np.NDArray[], run: () => Variable): np.NDArray {
  for (const [i, p] of [...layer.params()].entries()) p.data = arrays[i];
  using _ = noGrad();
  return run().data!;
}

const makers: [string, () => Recurrent][] = [
  ["RNN", () => new L.RNN(3, { inSize: 2 })],
  ["LSTM", () => new L.LSTM(3, { inSize: 2 })],
];

for (const [name, make] of makers) {
  Deno.test(`L.${name}: gradients through 4 unrolled steps are the numerical ones`, () => {
    np.random.seed(7);
    const layer = inFloat64(make());
    const xs = Array.from({ length: 4 }, () => new Variable(np.random.randn(2, 2)));
    const ws = Array.from({ length: 4 }, () => np.random.randn(2, 3));

    layer.resetState();
    unroll(layer, xs, ws).backward();
    const params = [...layer.params()];
    const initial = params.map((p) => p.data!);
    const grads = params.map((p) => p.grad!.data!);
    assert.equal(params.length, name === "RNN" ? 3 : 12);

    const numerical = numericalGrads((...arrays) =>
      valueWith(layer, arrays, () => {
        layer.resetState();
        return unroll(layer, xs, ws);
      }), initial);
    for (const [i, grad] of grads.entries()) assertClose(grad, numerical[i], `${name} param ${i}`);
    // The inputs' gradients too: the first step's reaches the loss through every later step.
    const inputs = numericalGrads((...arrays) => {
      for (const [i, p] of params.entries()) p.data = initial[i];
      layer.resetState();
      using _ = noGrad();
      return unroll(layer, arrays.map((a) => new Variable(a)), ws).data!;
    }, xs.map((x) => x.data!));
    for (const [t, x] of xs.entries()) assertClose(x.grad!.data!, inputs[t], `${name} x${t}`);
  });

  Deno.test(`L.${name}: after unchainBackward, backward stops at the state where it was cut`, () => {
    np.random.seed(8);
    const layer = inFloat64(make());
    const xs = Array.from({ length: 5 }, () => new Variable(np.random.randn(2, 2)));
    const ws = Array.from({ length: 5 }, () => np.random.randn(2, 3));

    // Step 59's loop: the first 2 steps' loss trained on, cut, then 3 more added to it.
    layer.resetState();
    let loss = unroll(layer, xs.slice(0, 2), ws);
    layer.cleargrads();
    loss.backward();
    loss.unchainBackward();
    const cut = stateOf(layer);
    assert.equal(layer.h!.creator, null, "the state at the cut has no creator any more");
    for (const x of xs) x.cleargrad();

    loss = loss.add(unroll(layer, xs.slice(2), ws.slice(2)));
    layer.cleargrads();
    loss.backward();
    for (const x of xs.slice(0, 2)) assert.equal(x.grad, null, "no gradient before the cut");

    // The gradient is that of the last 3 steps' loss with the state at the cut held fixed.
    const params = [...layer.params()];
    const grads = params.map((p) => p.grad!.data!);
    const numerical = numericalGrads((...arrays) =>
      valueWith(layer, arrays, () => {
        setState(layer, cut);
        return unroll(layer, xs.slice(2), ws.slice(2));
      }), params.map((p) => p.data!));
    for (const [i, grad] of grads.entries()) assertClose(grad, numerical[i], `${name} param ${i}`);
  });
}

Deno.test("unchainBackward cuts every variable behind the output, and only those", () => {
  const x = new Variable(np.array(2.0));
  const a = x.mul(3);
  const b = F.exp(a);
  const c = a.add(b); // a reached twice
  const y = c.mul(c);
  const other = x.add(1); // another graph from the same input
  y.unchainBackward();
  for (const v of [a, b, c]) assert.equal(v.creator, null);
  assert.notEqual(y.creator, null, "the output keeps its creator");
  assert.notEqual(other.creator, null, "other graphs are untouched");
  y.backward();
  assert.equal(c.grad?.data?.item(), 2 * c.data!.item(), "backward reaches the output's inputs");
  assert.equal(x.grad, null, "and stops there");

  // A chain far deeper than a recursive walk could go.
  let z = new Variable(np.array(1.0));
  const chain = [z];
  for (let i = 0; i < 100_000; i++) chain.push(z = z.add(1));
  z.unchainBackward();
  assert.ok(chain.slice(0, -1).every((v) => v.creator === null));
  new Variable(np.array(1.0)).unchainBackward(); // a leaf: nothing to do
});

Deno.test("L.RNN and L.LSTM draw their weights in the book's order", () => {
  const scaled = (rows: number, cols: number) =>
    np.random.randn(rows, cols).astype("float32").mul(Math.sqrt(1 / rows)).toArray();
  const x = np.ones([2, 1]);

  // RNN(3): x2h at the first call, h2h (3 × 3) at the second, when there is a state.
  np.random.seed(0);
  const rnn = new L.RNN(3);
  rnn.call(x);
  assert.equal(rnn.h2h.W.data, null, "h2h is not used at the first call");
  rnn.call(x);
  np.random.seed(0);
  assert.deepEqual(rnn.x2h.W.data!.toArray(), scaled(1, 3));
  assert.deepEqual(rnn.h2h.W.data!.toArray(), scaled(3, 3));

  // LSTM(3): the four h2* (3 × 3) at construction, the four x2* at the first call.
  np.random.seed(0);
  const lstm = new L.LSTM(3);
  lstm.call(x);
  np.random.seed(0);
  for (const l of [lstm.h2f, lstm.h2i, lstm.h2o, lstm.h2u]) {
    assert.deepEqual(l.W.data!.toArray(), scaled(3, 3));
  }
  for (const l of [lstm.x2f, lstm.x2i, lstm.x2o, lstm.x2u]) {
    assert.deepEqual(l.W.data!.toArray(), scaled(1, 3));
  }
  for (const l of [lstm.h2f, lstm.h2i, lstm.h2o, lstm.h2u]) assert.equal(l.b, null);

  // Given inSize, RNN makes both now, h2h with hiddenSize inputs (the book gives it inSize).
  np.random.seed(0);
  const eager = new L.RNN(3, { inSize: 2 });
  np.random.seed(0);
  assert.deepEqual(eager.x2h.W.data!.toArray(), scaled(2, 3));
  assert.deepEqual(eager.h2h.W.data!.toArray(), scaled(3, 3));
  eager.call(np.ones([4, 2]));
  assert.deepEqual(eager.call(np.ones([4, 2])).shape, [4, 3]);
});

Deno.test("L.RNN and L.LSTM: state, resetState, and bad sizes", () => {
  const lstm = new L.LSTM(4);
  const x = np.random.rand(2, 3);
  const h1 = lstm.call(x).data!;
  const h2 = lstm.call(x).data!;
  assert.ok(!np.arrayEqual(h1, h2), "the second call sees the first's state");
  lstm.resetState();
  assert.equal(lstm.h, null);
  assert.equal(lstm.c, null);
  assert.ok(np.arrayEqual(lstm.call(x).data!, h1), "after resetState, a new sequence");

  for (
    const [make, message] of [
      [() => new L.RNN(0), /hiddenSize must be a positive integer, not a number \(0\)/],
      [() => new L.LSTM(2.5), /hiddenSize must be a positive integer/],
      [() => new L.RNN("3" as never), /hiddenSize .* not the string "3"/],
      [() => new L.RNN(3, { inSize: -1 }), /inSize must be a positive integer, or null/],
      [() => new L.LSTM(3, { inSize: 0 }), /L\.LSTM's inSize/],
    ] as const
  ) {
    assert.throws(make, { name: "TypeError", message });
  }
});

Deno.test("datasets.SinCurve is the book's, seeded: sin plus uniform noise, next-point labels", () => {
  const { seed, train, test } = fixture.sincurve;
  np.random.seed(seed);
  const trainSet = new datasets.SinCurve({ train: true });
  const testSet = new datasets.SinCurve({ train: false });
  for (const [set, book] of [[trainSet, train], [testSet, test]] as const) {
    assert.deepEqual([set.length, set.data!.shape, set.label!.shape], [999, [999, 1], [999, 1]]);
    assert.equal(set.data!.dtype, "float64");
    // Math.sin and Math.cos may differ from NumPy's sin and cos by an ulp.
    const points = [
      ...(set.data!.toArray() as number[][]).map((p) => p[0]),
      set.label!.get(-1, 0).item(),
    ];
    const expected = [...book.data, book.label[0]];
    for (const [i, v] of points.entries()) assert.ok(ulps(v, expected[i]) <= 1, `point ${i}`);
    // Each label is the next point.
    assert.ok(np.arrayEqual(set.label!.get(np.slice(null, -1)), set.data!.get(np.slice(1))));
  }
  // The test set draws the noise too, as the book's: the generator moved on by 1000 draws.
  np.random.seed(seed);
  np.random.uniform(0, 1, 2000);
  const next = np.random.rand().item();
  np.random.seed(seed);
  new datasets.SinCurve({ train: true });
  new datasets.SinCurve({ train: false });
  assert.equal(np.random.rand().item(), next);
  // Unseeded, as in the book: two training sets differ (by their noise).
  np.random.seed();
  assert.ok(!np.arrayEqual(new datasets.SinCurve().data!, new datasets.SinCurve().data!));
});

Deno.test("SeqDataLoader over SinCurve: 34 batches of 30 in time order, the same each epoch", () => {
  const trainSet = new datasets.SinCurve({ train: true });
  const loader = new SeqDataLoader(trainSet, 30);
  assert.equal(loader.maxIter, 34); // ceil(999 / 30)
  const data = trainSet.data!.toArray() as number[][];
  const label = trainSet.label!.toArray() as number[][];
  for (let epoch = 0; epoch < 2; epoch++) {
    let k = 0;
    for (const [x, t] of loader) {
      assert.deepEqual([x.shape, t.shape], [[30, 1], [30, 1]]);
      // Row i reads stretch i, which starts at i * floor(999 / 30) = 33 i, k steps on.
      const rows = Array.from({ length: 30 }, (_, i) => (i * 33 + k) % 999);
      assert.deepEqual(x.toArray(), rows.map((r) => data[r]), `epoch ${epoch}, batch ${k}`);
      assert.deepEqual(t.toArray(), rows.map((r) => label[r]));
      k++;
    }
    assert.equal(k, 34);
  }
  assert.deepEqual([...trainSet].length, 999, "a dataset iterates over its examples");
});
