/**
 * The functions of stage 4 (`F`, and the full core's broadcasting arithmetic): each case's value,
 * gradient and second derivative (`backward({ createGraph: true })`, then `backward()` of the
 * gradient) against PyTorch (tools/gen_stage4_functions.py, tests/fixtures/stage4_functions.json),
 * and the same gradient and second derivative against central differences of our own values and
 * gradients (float64). Then what PyTorch cannot say about the book's choices, by hand: ties of
 * max/min, clip and relu at their bounds, dropout, accuracy, float32.
 */
import assert from "node:assert/strict";
import { F, noGrad, np, testMode, Variable } from "../dezero/full.ts";
import { numericalGrads } from "./_gradcheck.ts";
import fixtureJson from "./fixtures/stage4_functions.json" with { type: "json" };

interface Stored {
  shape: readonly number[];
  dtype?: "float64" | "int64" | "bool";
  data: (number | boolean)[];
}

interface Case {
  name: string;
  inputs: Stored[];
  diff: number[];
  out: Stored;
  w: number[];
  v: number[][];
  grads: number[][];
  hvp: number[][];
}

const fixture = fixtureJson as unknown as { cases: Case[] };

/** A case: the differentiable inputs as Variables, then the constants (labels, masks). */
type Fn = (x: Variable[], c: np.NDArray[]) => Variable;

const sig = F.sigmoid;

const CASES: Record<string, Fn> = {
  "add (3,) + (2,1)": ([a, b]) => a.add(b).pow(2),
  "sub (2,3) - (1,3)": ([a, b]) => a.sub(b).pow(2),
  "sub (3,) - (2,3)": ([a, b]) => a.sub(b).pow(2),
  "mul (2,3) * (3,)": ([a, b]) => F.sin(a.mul(b)),
  "mul (2,1) * (1,3)": ([a, b]) => F.sin(a.mul(b)),
  "div (2,3) / ()": ([a, b]) => F.sin(a.div(b)),
  "div () / (2,3)": ([a, b]) => F.sin(a.div(b)),
  "div (1,3) / (2,1)": ([a, b]) => a.div(b),
  "pow broadcast (2,3) + (3,) then ** 3": ([a, b]) => a.add(b).pow(3),
  "x used twice: x * sigmoid(x)": ([x]) => x.mul(sig(x)),
  "shared node: y = x @ W; y * tanh(y)": ([x, W]) => {
    const y = F.matmul(x, W);
    return y.mul(F.tanh(y));
  },
  "log": ([x]) => F.log(x),
  "reshape (2,3) -> (3,2)": ([x]) => sig(F.reshape(x, [3, 2])),
  "reshape (2,3) -> (-1,)": ([x]) => sig(F.reshape(x, [-1])),
  "Variable.reshape(1, 6)": ([x]) => sig(x.reshape(1, 6)),
  "transpose": ([x]) => sig(F.transpose(x)),
  "transpose axes (1,2,0)": ([x]) => sig(F.transpose(x, [1, 2, 0])),
  "transpose axes (-1,0,1)": ([x]) => sig(x.transpose(-1, 0, 1)),
  "getItem 1": ([x]) => sig(F.getItem(x, 1)),
  "getItem -1, 2": ([x]) => sig(x.get(-1, 2)),
  "getItem :, 1:3": ([x]) => sig(F.getItem(x, np.slice(), np.slice(1, 3))),
  "getItem ::2": ([x]) => sig(F.getItem(x, np.slice(null, null, 2))),
  "getItem ::-1": ([x]) => sig(F.getItem(x, np.slice(null, null, -1))),
  "getItem [0, 0, 2]": ([x]) => sig(F.getItem(x, [0, 0, 2])),
  "getItem [0, 1, 1], [2, 0, 0]": ([x]) => sig(F.getItem(x, [0, 1, 1], [2, 0, 0])),
  "getItem bool mask": ([x], [m]) => sig(F.getItem(x, m)),
  "getItem row mask": ([x], [m]) => sig(x.get(m)),
  "expandDims 1": ([x]) => sig(F.expandDims(x, 1)),
  "flatten": ([x]) => sig(F.flatten(x)),
  "sum": ([x]) => sig(F.sum(x)),
  "sum axis 0": ([x]) => sig(F.sum(x, { axis: 0 })),
  "sum axis -1": ([x]) => sig(F.sum(x, { axis: -1 })),
  "sum axis [0, 2] keepdims": ([x]) => sig(F.sum(x, { axis: [0, 2], keepdims: true })),
  "sum keepdims": ([x]) => sig(F.sum(x, { keepdims: true })),
  "Variable.sum axis 1": ([x]) => sig(x.sum({ axis: 1 })),
  "sumTo (2,3) -> (1,3)": ([x]) => sig(F.sumTo(x, [1, 3])),
  "sumTo (2,3) -> (3,)": ([x]) => sig(F.sumTo(x, [3])),
  "sumTo (2,3,4) -> (3,1)": ([x]) => sig(F.sumTo(x, [3, 1])),
  "broadcastTo (3,) -> (2,3)": ([x]) => sig(F.broadcastTo(x, [2, 3])),
  "broadcastTo (2,1) -> (2,3)": ([x]) => sig(F.broadcastTo(x, [2, 3])),
  "broadcastTo () -> (2,3)": ([x]) => sig(F.broadcastTo(x, [2, 3])),
  "mean": ([x]) => sig(F.mean(x)),
  "mean axis 1": ([x]) => sig(F.mean(x, { axis: 1 })),
  "average axis 0 keepdims": ([x]) => sig(F.average(x, { axis: 0, keepdims: true })),
  "matmul": ([x, W]) => F.tanh(F.matmul(x, W)),
  "Variable.dot": ([x, W]) => F.tanh(x.dot(W)),
  "linear": ([x, W, b]) => sig(F.linear(x, W, b)),
  "linear without b": ([x, W]) => sig(F.linear(x, W)),
  "linearSimple": ([x, W, b]) => sig(F.linearSimple(x, W, b)),
  "sigmoid": ([x]) => F.sigmoid(x),
  "sigmoidSimple": ([x]) => F.sigmoidSimple(x),
  "relu": ([x]) => F.relu(x),
  "leakyRelu": ([x]) => F.leakyRelu(x),
  "leakyRelu 0.05": ([x]) => F.leakyRelu(x, 0.05),
  "softmax": ([x]) => F.softmax(x),
  "softmax axis 0": ([x]) => F.softmax(x, { axis: 0 }),
  "softmaxSimple": ([x]) => F.softmaxSimple(x),
  "softmaxSimple axis 0": ([x]) => F.softmaxSimple(x, { axis: 0 }),
  "logSoftmax": ([x]) => F.logSoftmax(x),
  "logSoftmax axis 0": ([x]) => F.logSoftmax(x, { axis: 0 }),
  "logSoftmax large": ([x]) => F.logSoftmax(x),
  "max": ([x]) => sig(F.max(x)),
  "max axis 1": ([x]) => sig(F.max(x, { axis: 1 })),
  "max axis -1 keepdims": ([x]) => sig(F.max(x, { axis: -1, keepdims: true })),
  "max axis [0, 2]": ([x]) => sig(F.max(x, { axis: [0, 2] })),
  "min axis 0": ([x]) => sig(F.min(x, { axis: 0 })),
  "Variable.max axis 0": ([x]) => sig(x.max({ axis: 0 })),
  "Variable.min": ([x]) => sig(x.min()),
  "min axis [0, -1] keepdims": ([x]) => sig(F.min(x, { axis: [0, -1], keepdims: true })),
  "clip": ([x]) => F.clip(x, -0.5, 0.5).pow(3),
  "meanSquaredError": ([a, b]) => F.meanSquaredError(a, b),
  "meanSquaredErrorSimple": ([a, b]) => F.meanSquaredErrorSimple(a, b),
  "softmaxCrossEntropy": ([x], [t]) => F.softmaxCrossEntropy(x, t),
  "softmaxCrossEntropy float labels": ([x], [t]) => F.softmaxCrossEntropy(x, t),
  "softmaxCrossEntropySimple": ([x], [t]) => F.softmaxCrossEntropySimple(x, t),
  "sigmoidCrossEntropy": ([x], [t]) => F.sigmoidCrossEntropy(x, t),
  "binaryCrossEntropy": ([p], [t]) => F.binaryCrossEntropy(p, t),
};

function arrayOf(s: Stored, shape = s.shape): np.NDArray {
  const data = s.data.map(Number);
  return np.array(data, s.dtype ?? "float64").reshape(shape);
}

/** Asserts `got` has `want`'s shape and values within `atol + rtol * |want|`. */
function assertClose(
  got: np.NDArray,
  want: np.NDArray,
  tol: { rtol: number; atol: number },
  what: string,
): void {
  assert.deepEqual(got.shape, want.shape, `${what}: shape`);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.size; i++) {
    const excess = Math.abs(got.data[i] - want.data[i]) - tol.atol -
      tol.rtol * Math.abs(want.data[i]);
    if (!(excess <= worst)) [worst, at] = [excess, i]; // NaN counts as a failure
  }
  assert.ok(
    at < 0,
    `${what}: element ${at} is ${got.data[at]}, expected ${want.data[at]} ` +
      `(rtol ${tol.rtol}, atol ${tol.atol})`,
  );
}

/** Our value, weighted gradients and Hessian·v of a case. */
function ours(fn: Fn, xs: np.NDArray[], consts: np.NDArray[], w: np.NDArray, vs: np.NDArray[]) {
  const vars = xs.map((x) => new Variable(x.copy()));
  const y = fn(vars, consts);
  F.sum(y.mul(w)).backward({ createGraph: true });
  const grads = vars.map((v) => v.grad);
  for (const v of vars) v.cleargrad();
  let h: Variable | null = null;
  for (const [i, g] of grads.entries()) {
    assert.ok(g !== null, `input ${i} got no gradient`);
    const term = F.sum(g.mul(vs[i]));
    h = h === null ? term : h.add(term);
  }
  h?.backward();
  const hvp = vars.map((v, i) => v.grad?.data ?? np.zerosLike(xs[i]));
  return { y: y.data!, grads: grads.map((g) => g?.data ?? np.zeros([0])), hvp };
}

// PyTorch and we compute in float64 in other orders (logsumexp, sums of products).
const VS_TORCH = { rtol: 1e-10, atol: 1e-12 };
// Central differences with h = 1e-4: truncation error about h² f''' / 6.
const VS_NUMERICAL = { rtol: 1e-6, atol: 1e-7 };

Deno.test("stage 4 functions: the fixture's cases are the test's", () => {
  assert.deepEqual(fixture.cases.map((c) => c.name).sort(), Object.keys(CASES).sort());
});

for (const c of fixture.cases) {
  const fn = CASES[c.name];
  if (fn === undefined) continue; // reported by the test above
  Deno.test(`F: ${c.name}: value, gradient and Hessian·v as PyTorch's and numerical ones`, () => {
    const inputs = c.inputs.map((s) => arrayOf(s));
    const xs = c.diff.map((i) => inputs[i]);
    const consts = inputs.filter((_, i) => !c.diff.includes(i));
    const w = arrayOf({ shape: c.out.shape, data: c.w });
    const vs = c.v.map((v, i) => arrayOf({ shape: xs[i].shape, data: v }));
    const got = ours(fn, xs, consts, w, vs);

    assertClose(got.y, arrayOf(c.out), VS_TORCH, "value");
    for (const [i, x] of xs.entries()) {
      assert.equal(got.grads[i].dtype, "float64");
      assertClose(
        got.grads[i],
        arrayOf({ shape: x.shape, data: c.grads[i] }),
        VS_TORCH,
        `grad ${i}`,
      );
      assertClose(got.hvp[i], arrayOf({ shape: x.shape, data: c.hvp[i] }), VS_TORCH, `Hv ${i}`);
    }

    // Central differences: of the weighted value for the gradient, of our gradient·v for H·v.
    const numGrads = numericalGrads((...ys) => {
      using _ = noGrad();
      return fn(ys.map((y) => new Variable(y)), consts).data!.mul(w);
    }, xs);
    const numHvp = numericalGrads((...ys) => {
      const vars = ys.map((y) => new Variable(y));
      F.sum(fn(vars, consts).mul(w)).backward();
      let s = 0;
      for (const [i, v] of vars.entries()) s += v.grad!.data!.mul(vs[i]).sum().item();
      return np.array(s);
    }, xs);
    for (const [i] of xs.entries()) {
      assertClose(got.grads[i], numGrads[i], VS_NUMERICAL, `grad ${i} vs numerical`);
      assertClose(got.hvp[i], numHvp[i], VS_NUMERICAL, `Hv ${i} vs numerical`);
    }
  });
}

// =============================================================================================
// By hand: the book's choices where a function has a kink or a tie

function gradOf(f: (x: Variable) => Variable, x: np.NDArray): np.NDArray {
  const v = new Variable(x);
  f(v).backward();
  return v.grad!.data!;
}

Deno.test("F.max / F.min: every element equal to the extreme gets the gradient (the book's)", () => {
  const x = np.array([[1, 3, 3], [2, 2, 0]]);
  assert.deepEqual(gradOf((v) => F.max(v, { axis: 1 }), x).toArray(), [[0, 1, 1], [1, 1, 0]]);
  assert.deepEqual(gradOf((v) => F.max(v), x).toArray(), [[0, 1, 1], [0, 0, 0]]);
  assert.deepEqual(gradOf((v) => F.min(v, { axis: 0 }), x).toArray(), [[1, 0, 0], [0, 1, 1]]);
  assert.deepEqual(gradOf((v) => F.min(v, { axis: -1, keepdims: true }), x).toArray(), [
    [1, 0, 0],
    [0, 0, 1],
  ]);
});

Deno.test("F.clip: the gradient is 1 on the bounds and inside, 0 outside", () => {
  const x = np.array([-1, 0, 0.5, 1, 2]);
  const v = new Variable(x);
  const y = F.clip(v, 0, 1);
  y.backward();
  assert.deepEqual(y.data!.toArray(), [0, 0, 0.5, 1, 1]);
  assert.deepEqual(v.grad!.data!.toArray(), [0, 1, 1, 1, 0]);
});

Deno.test("F.relu / F.leakyRelu at 0: the gradient is that of the negative side", () => {
  const x = np.array([-2, 0, 3]);
  assert.deepEqual(gradOf((v) => F.relu(v), x).toArray(), [0, 0, 1]);
  assert.deepEqual(gradOf((v) => F.leakyRelu(v, 0.1), x).toArray(), [0.1, 0.1, 1]);
  assert.deepEqual(F.leakyRelu(x, 0.1).data!.toArray(), [-0.2, 0, 3]);
});

Deno.test("second derivatives by hand: sum(sigmoid(x)) and sum((x @ W) ** 2)", () => {
  // d²/dx² sum(sigmoid(x)) = s (1 - s) (1 - 2s), elementwise.
  const xs = [-3, -0.5, 0, 0.7, 2];
  const x = new Variable(np.array(xs));
  F.sum(F.sigmoid(x)).backward({ createGraph: true });
  const gx = x.grad!;
  x.cleargrad();
  gx.backward();
  const want = xs.map((v) => {
    const s = 1 / (1 + Math.exp(-v));
    return s * (1 - s) * (1 - 2 * s);
  });
  assertClose(x.grad!.data!, np.array(want), { rtol: 1e-14, atol: 1e-16 }, "sigmoid''");

  // f = sum((x W)²): gx = 2 x W Wᵀ, and the gradient of sum(gx) is 2 Σ_j (W Wᵀ)_kj in every row.
  const Wv = [[1, -2, 0.5], [0.25, 3, -1]]; // (2, 3)
  const X = new Variable(np.array([[0.1, 0.2], [0.3, -0.4], [1.5, 2.5]])); // (3, 2)
  const W = new Variable(np.array(Wv));
  F.sum(F.matmul(X, W).pow(2)).backward({ createGraph: true });
  const gX = X.grad!;
  X.cleargrad();
  W.cleargrad();
  F.sum(gX).backward();
  const rowSum = Wv.map((rk) =>
    Wv.reduce((s, rj) => s + 2 * rk.reduce((t, a, i) => t + a * rj[i], 0), 0)
  );
  assert.deepEqual(X.grad!.data!.toArray(), [rowSum, rowSum, rowSum]);
});

Deno.test("F.getItem: repeated indices add up; GetItemGrad's gradient is getItem", () => {
  const x = new Variable(np.array([[1, 2], [3, 4], [5, 6]]));
  const y = F.getItem(x, [2, 0, 2, 2]);
  y.backward();
  assert.deepEqual(x.grad!.data!.toArray(), [[1, 1], [0, 0], [3, 3]]);
  // GetItemGrad maps a (2,) gradient into zeros of (3,); its own backward picks it back out.
  const gy = new Variable(np.array([10.0, 20.0]));
  const g = new F.GetItemGrad([[1, 1]], [3]).call(gy);
  assert.deepEqual(g.data!.toArray(), [0, 30, 0]);
  g.backward({ retainGrad: false });
  assert.deepEqual(gy.grad!.data!.toArray(), [1, 1]);
});

Deno.test("F.dropout: seeded masks give gradient mask / (1 - p); test mode passes through", () => {
  const x = np.array([[0.5, -1, 2, 3], [1, 1, -2, 0.25]]);
  const v = new Variable(x);
  np.random.seed(3);
  const y = F.dropout(v, 0.4);
  y.backward();
  // The mask is rand(2, 4) > 0.4 drawn after seed(3): the same draw, by NumPy's generator.
  np.random.seed(3);
  const keep = np.random.rand(2, 4).gt(0.4);
  const scale = keep.astype("float64").div(0.6);
  assert.deepEqual(v.grad!.data!.toArray(), scale.toArray());
  assert.deepEqual(y.data!.toArray(), x.mul(keep).div(0.6).toArray());
  assert.ok(keep.sum().item() > 0 && keep.sum().item() < 8, "a mask that keeps some");
  using _ = testMode();
  const t = new Variable(x);
  F.dropout(t, 0.4).backward();
  assert.deepEqual(t.grad!.data!.toArray(), [[1, 1, 1, 1], [1, 1, 1, 1]]);
});

Deno.test("F.accuracy: the share of rows whose largest score is the label", () => {
  const y = np.array([[0.1, 0.2, 0.7], [0.5, 0.4, 0.1], [0.3, 0.3, 0.4], [0, 1, 0]]);
  const t = np.array([2, 1, 2, 1], "int64");
  assert.equal(F.accuracy(y, t).data!.item(), 0.75);
  assert.equal(F.accuracy(new Variable(y), np.array([0, 0, 0, 0], "int64")).data!.item(), 0.25);
});

Deno.test("float32 inputs: the book's dtypes under NumPy 2, and float64's values to 1e-6", () => {
  const x = new Variable(np.array([[0.5, -1], [2, 0.25]], "float32"));
  const W = new Variable(np.array([[1, 2, 3], [-1, 0, 1]], "float32"));
  const b = new Variable(np.array([0.1, 0.2, 0.3], "float32"));
  const loss = F.softmaxCrossEntropy(F.linear(x, W, b), np.array([2, 0], "int64"));
  loss.backward();
  // The book's code under NumPy 2.4 gives the same dtypes: the loss is float32, its gradients
  // float64, since its backward multiplies by 1 / N as a 0-d float64 array, which NumPy 2
  // (NEP 50) does not treat as a weak scalar.
  assert.equal(loss.dtype, "float32");
  for (const v of [x, W, b]) assert.equal(v.grad!.dtype, "float64");
  const x64 = new Variable(x.data!.astype("float64"));
  const loss64 = F.softmaxCrossEntropy(
    F.linear(x64, W.data!.astype("float64"), b.data!.astype("float64")),
    np.array([2, 0], "int64"),
  );
  loss64.backward();
  assertClose(loss.data!, loss64.data!, { rtol: 1e-6, atol: 0 }, "loss");
  assertClose(x.grad!.data!, x64.grad!.data!, { rtol: 1e-6, atol: 1e-7 }, "grad");
});
