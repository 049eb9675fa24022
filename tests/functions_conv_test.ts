/**
 * The convolution functions (`dezero/functions_conv.ts`) and `F.batchNorm`:
 *
 * - against PyTorch 1.13 (tests/fixtures/conv.json, made by tools/gen_conv_fixture.py): outputs
 *   and gradients of conv2d, deconv2d, max and average pooling, im2col/col2im (torch's
 *   unfold/fold) and batch normalization in training and test mode, with the running averages;
 * - against numerical differentiation (float64, central differences): every Function's gradient,
 *   with strides and paddings, and the second derivatives through `Conv2DGradW` and
 *   `Pooling2DGrad`;
 * - `im2colArray`/`col2imArray` against a direct loop over every output element;
 * - the argument checks.
 */
import assert from "node:assert/strict";
import { Config, F, np, testMode, Variable } from "../dezero/full.ts";
import fixture from "./fixtures/conv.json" with { type: "json" };
import { numericalGrads } from "./_gradcheck.ts";

type Size = number | [number, number];

interface Stored {
  shape: number[];
  dtype: string;
  data: number[];
}

interface Case {
  inputs: (Stored | null)[];
  y: Stored;
  gy: Stored;
  grads: (Stored | null)[];
  kernel?: Size;
  stride: Size;
  pad: Size;
  outsize?: number[];
}

function load(s: Stored): np.NDArray {
  const dtype = s.dtype === "float32" ? "float32" : "float64";
  return np.array(s.data, dtype).reshape(s.shape);
}

/**
 * Asserts `actual` is close to `expected` elementwise (and of the same shape): within `rtol` of
 * the largest magnitude in `expected`, since each element is a sum whose rounding errors scale
 * with its terms, not with the result.
 */
function assertClose(actual: np.NDArray, expected: np.NDArray, rtol: number, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const a = actual.data;
  const e = expected.data;
  let scale = 0;
  for (const v of e) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < e.length; i++) {
    const tol = rtol * scale;
    if (!(Math.abs(a[i] - e[i]) <= tol)) {
      assert.fail(`${what}: element ${i} is ${a[i]}, expected ${e[i]} (tolerance ${tol})`);
    }
  }
}

/** `sum(y * gy)` backward through `fn`: the gradients of its Variables. */
function gradsOf(
  fn: (...xs: Variable[]) => Variable,
  inputs: np.NDArray[],
  gy: np.NDArray,
): { y: Variable; grads: np.NDArray[] } {
  const vs = inputs.map((a) => new Variable(a));
  const y = fn(...vs);
  F.sum(y.mul(gy)).backward();
  return { y, grads: vs.map((v) => v.grad!.data!) };
}

/** The case's inputs that are not null. */
function inputsOf(c: Case): np.NDArray[] {
  return c.inputs.filter((s): s is Stored => s !== null).map(load);
}

// =============================================================================================
// Against PyTorch

const cases = fixture as unknown as {
  conv2d: Case[];
  deconv2d: Case[];
  maxPooling: Case[];
  averagePooling: Case[];
  im2col: {
    x: Stored;
    col: Stored;
    col2imOfCol: Stored;
    counts: Stored;
    kernel: Size;
    stride: Size;
    pad: Size;
  }[];
  batchNorm: (Case & {
    train: boolean;
    mean: Stored;
    var: Stored;
    newMean: Stored;
    newVar: Stored;
  })[];
};

function tolerance(c: Case): number {
  return c.y.dtype === "float32" ? 1e-6 : 1e-14;
}

Deno.test("conv2d and its gradients match PyTorch's conv2d", () => {
  for (const [i, c] of cases.conv2d.entries()) {
    const options = { stride: c.stride, pad: c.pad };
    const hasBias = c.inputs[2] !== null;
    const { y, grads } = gradsOf(
      (x, W, b) => F.conv2d(x, W, hasBias ? b : null, options),
      inputsOf(c),
      load(c.gy),
    );
    const rtol = tolerance(c);
    assert.equal(y.dtype, c.y.dtype);
    assertClose(y.data!, load(c.y), rtol, `case ${i}: y`);
    for (const [j, g] of grads.entries()) {
      assertClose(g, load(c.grads[j]!), rtol, `case ${i}: gradient ${j}`);
    }
  }
});

Deno.test("conv2dSimple gives conv2d's values and gradients", () => {
  for (const [i, c] of cases.conv2d.entries()) {
    const options = { stride: c.stride, pad: c.pad };
    const hasBias = c.inputs[2] !== null;
    const { y, grads } = gradsOf(
      (x, W, b) => F.conv2dSimple(x, W, hasBias ? b : null, options),
      inputsOf(c),
      load(c.gy),
    );
    const rtol = tolerance(c);
    assertClose(y.data!, load(c.y), rtol, `case ${i}: y`);
    for (const [j, g] of grads.entries()) {
      assertClose(g, load(c.grads[j]!), rtol, `case ${i}: gradient ${j}`);
    }
  }
});

Deno.test("deconv2d and its gradients match PyTorch's conv_transpose2d", () => {
  for (const [i, c] of cases.deconv2d.entries()) {
    const options = { stride: c.stride, pad: c.pad, outsize: c.outsize as [number, number] };
    const hasBias = c.inputs[2] !== null;
    const { y, grads } = gradsOf(
      (x, W, b) => F.deconv2d(x, W, hasBias ? b : null, options),
      inputsOf(c),
      load(c.gy),
    );
    assertClose(y.data!, load(c.y), 1e-14, `case ${i}: y`);
    for (const [j, g] of grads.entries()) {
      assertClose(g, load(c.grads[j]!), 1e-14, `case ${i}: gradient ${j}`);
    }
  }
});

Deno.test("pooling and poolingSimple match PyTorch's max_pool2d, with gradients", () => {
  for (const pool of [F.pooling, F.poolingSimple]) {
    for (const [i, c] of cases.maxPooling.entries()) {
      const { y, grads } = gradsOf(
        (x) => pool(x, c.kernel!, { stride: c.stride, pad: c.pad }),
        inputsOf(c),
        load(c.gy),
      );
      assertClose(y.data!, load(c.y), 0, `${pool.name} case ${i}: y`); // maxima are exact
      assertClose(grads[0], load(c.grads[0]!), 1e-15, `${pool.name} case ${i}: gx`);
    }
  }
});

Deno.test("averagePooling matches PyTorch's avg_pool2d (padding counted), with gradients", () => {
  for (const [i, c] of cases.averagePooling.entries()) {
    const { y, grads } = gradsOf(
      (x) => F.averagePooling(x, c.kernel!, { stride: c.stride, pad: c.pad }),
      inputsOf(c),
      load(c.gy),
    );
    assertClose(y.data!, load(c.y), 1e-14, `case ${i}: y`);
    assertClose(grads[0], load(c.grads[0]!), 1e-14, `case ${i}: gx`);
  }
});

Deno.test("im2colArray and col2imArray match PyTorch's unfold and fold", () => {
  for (const [i, c] of cases.im2col.entries()) {
    const x = load(c.x);
    const options = { stride: c.stride, pad: c.pad };
    const col = F.im2colArray(x, c.kernel, options);
    assertClose(col, load(c.col), 0, `case ${i}: im2col`);
    const img = F.col2imArray(col, x.shape, c.kernel, options);
    assertClose(img, load(c.col2imOfCol), 1e-15, `case ${i}: col2im(im2col(x))`);
    // Each pixel comes back times the number of patches that hold it.
    assertClose(img, x.mul(load(c.counts)), 1e-15, `case ${i}: counts`);
    const ones = F.col2imArray(np.onesLike(col), x.shape, c.kernel, options);
    assertClose(ones, load(c.counts), 0, `case ${i}: col2im(ones)`);
  }
});

Deno.test("batchNorm matches PyTorch's batch_norm in training and test mode", () => {
  for (const [i, c] of cases.batchNorm.entries()) {
    const mean = load(c.mean);
    const variance = load(c.var);
    const run = () =>
      gradsOf(
        (x, g, b) => F.batchNorm(x, g, b, mean, variance),
        inputsOf(c),
        load(c.gy),
      );
    let result;
    if (c.train) {
      result = run();
    } else {
      using _ = testMode();
      result = run();
    }
    const { y, grads } = result;
    assert.equal(Config.train, true);
    assertClose(y.data!, load(c.y), 1e-14, `case ${i}: y`);
    for (const [j, g] of grads.entries()) {
      assertClose(g, load(c.grads[j]!), 1e-14, `case ${i}: gradient ${j}`);
    }
    assertClose(mean, load(c.newMean), 1e-15, `case ${i}: running mean`);
    assertClose(variance, load(c.newVar), 1e-15, `case ${i}: running variance`);
  }
});

// =============================================================================================
// Against numerical differentiation

/**
 * Checks the gradients of `sum(fn(...xs) * gy)` from `backward()` against central differences
 * (all in float64). The functions are linear or piecewise linear in each input, except
 * batchNorm, so a step of 1e-4 leaves only rounding errors (and batchNorm's, of order 1e-8).
 */
function checkGradient(
  name: string,
  fn: (...xs: Variable[]) => Variable,
  xs: np.NDArray[],
): void {
  np.random.seed(0);
  const shape = fn(...xs.map((x) => new Variable(x))).shape;
  const gy = np.random.randn(...shape);
  const { grads } = gradsOf(fn, xs, gy);
  const numeric = numericalGrads(
    (...as) => fn(...as.map((a) => new Variable(a))).data!.mul(gy),
    xs,
  );
  for (const [i, g] of grads.entries()) assertClose(g, numeric[i], 1e-7, `${name}: input ${i}`);
}

const rand = (...shape: number[]) => np.random.randn(...shape);

Deno.test("conv2d: gradients of x, W and b equal numerical ones, with stride and padding", () => {
  np.random.seed(1);
  const configs: [Size, Size][] = [[1, 0], [1, 1], [2, 1], [[2, 1], [0, 2]], [3, 2]];
  for (const [stride, pad] of configs) {
    checkGradient(
      `conv2d stride ${stride} pad ${pad}`,
      (x, W, b) => F.conv2d(x, W, b, { stride, pad }),
      [rand(2, 3, 7, 6), rand(4, 3, 3, 2), rand(4)],
    );
  }
  checkGradient("conv2d without bias", (x, W) => F.conv2d(x, W), [
    rand(1, 2, 4, 4),
    rand(3, 2, 2, 2),
  ]);
});

Deno.test("deconv2d: gradients of x, W and b equal numerical ones", () => {
  np.random.seed(2);
  const configs: [Size, Size, [number, number] | null][] = [
    [1, 0, null],
    [2, 1, null],
    [[2, 3], [1, 0], [8, 13]], // the largest outsize that maps back (the default is 7×11)
  ];
  for (const [stride, pad, outsize] of configs) {
    checkGradient(
      `deconv2d stride ${stride} pad ${pad}`,
      (x, W, b) => F.deconv2d(x, W, b, { stride, pad, outsize }),
      [rand(2, 3, 4, 4), rand(3, 2, 3, 2), rand(2)],
    );
  }
});

Deno.test("pooling and averagePooling: gradients equal numerical ones", () => {
  np.random.seed(3);
  const configs: [Size, Size, Size][] = [[2, 2, 0], [3, 2, 1], [3, 1, 0], [[2, 3], [1, 2], [1, 1]]];
  for (const [k, stride, pad] of configs) {
    const x = rand(2, 2, 6, 7);
    checkGradient(`pooling ${k} ${stride} ${pad}`, (v) => F.pooling(v, k, { stride, pad }), [x]);
    checkGradient(
      `poolingSimple ${k} ${stride} ${pad}`,
      (v) => F.poolingSimple(v, k, { stride, pad }),
      [x],
    );
    checkGradient(
      `averagePooling ${k} ${stride} ${pad}`,
      (v) => F.averagePooling(v, k, { stride, pad }),
      [x],
    );
  }
});

Deno.test("im2col and col2im: gradients equal numerical ones, in both layouts", () => {
  np.random.seed(4);
  for (const toMatrix of [true, false]) {
    const options = { stride: 2, pad: 1, toMatrix };
    checkGradient(`im2col ${toMatrix}`, (x) => F.im2col(x, 3, options), [rand(2, 2, 5, 6)]);
    const col = F.im2colArray(rand(2, 2, 5, 6), 3, options);
    checkGradient(
      `col2im ${toMatrix}`,
      (c) => F.col2im(c, [2, 2, 5, 6], 3, options),
      [np.random.randn(...col.shape)],
    );
  }
});

Deno.test("conv2dSimple: gradients equal numerical ones", () => {
  np.random.seed(5);
  checkGradient(
    "conv2dSimple",
    (x, W, b) => F.conv2dSimple(x, W, b, { stride: 2, pad: 1 }),
    [rand(2, 3, 5, 5), rand(2, 3, 3, 3), rand(2)],
  );
});

Deno.test("batchNorm: gradients equal numerical ones, in training and test mode", () => {
  np.random.seed(6);
  for (const train of [true, false]) {
    for (const shape of [[6, 3], [2, 3, 3, 2]]) {
      // Each call gets its own running averages: training updates them in place.
      const bn = (x: Variable, g: Variable, b: Variable) => {
        const [mean, variance] = [np.full([3], 0.3), np.full([3], 1.7)];
        if (train) return F.batchNorm(x, g, b, mean, variance);
        using _ = testMode();
        return F.batchNorm(x, g, b, mean, variance);
      };
      checkGradient(`batchNorm ${shape} train ${train}`, bn, [
        rand(...shape).mul(2).add(1),
        rand(3),
        rand(3),
      ]);
    }
  }
});

Deno.test("Conv2DGradW's gradient: second derivatives of conv2d equal numerical ones", () => {
  // gW(x, gy) = d sum(conv2d(x, W) * gy) / dW. Differentiating sum(gW * R) again gives the
  // gradients of Conv2DGradW for x and gy; the book's backward (which uses gW in place of the
  // gradient R it is given) fails this.
  np.random.seed(7);
  for (const [stride, pad] of [[1, 1], [2, 1]] as const) {
    const x0 = rand(2, 2, 5, 5);
    const W = rand(3, 2, 3, 3);
    const yShape = F.conv2d(x0, W, null, { stride, pad }).shape;
    const gy0 = rand(...yShape);
    const R = rand(3, 2, 3, 3);
    const gradW = (x: Variable, gy: Variable): Variable => {
      const Wv = new Variable(W);
      const y = F.conv2d(x, Wv, null, { stride, pad });
      y.grad = gy;
      y.backward({ createGraph: true });
      return Wv.grad!;
    };
    const x = new Variable(x0);
    const gy = new Variable(gy0);
    const gW = gradW(x, gy);
    x.cleargrad(); // the first backward gave x its first derivative
    F.sum(gW.mul(R)).backward();
    const numeric = numericalGrads(
      (a, b) => gradW(new Variable(a), new Variable(b)).data!.mul(R),
      [x0, gy0],
    );
    assertClose(x.grad!.data!, numeric[0], 1e-7, `stride ${stride}: d/dx`);
    assertClose(gy.grad!.data!, numeric[1], 1e-7, `stride ${stride}: d/dgy`);
  }
});

Deno.test("Pooling2DGrad's gradient: second and third derivatives of max pooling", () => {
  np.random.seed(8);
  const x0 = rand(1, 2, 5, 5);
  const pool = new F.Pooling(3, 2, 1);
  const y = pool.call(new Variable(x0));
  // The gradient of x is Pooling2DGrad(gy), linear in gy; its gradient is Pooling2DWithIndexes.
  const gy0 = rand(...y.shape);
  const R = rand(...x0.shape);
  const gy = new Variable(gy0);
  const gx = new F.Pooling2DGrad(pool).call(gy);
  F.sum(gx.mul(R)).backward({ createGraph: true });
  const numeric = numericalGrads(
    (g) => new F.Pooling2DGrad(pool).forward(g).mul(R),
    [gy0],
  );
  assertClose(gy.grad!.data!, numeric[0], 1e-8, "d/dgy");
  // Pooling2DWithIndexes's own gradient is Pooling2DGrad again.
  const r = new Variable(R);
  const picked = new F.Pooling2DWithIndexes(pool).call(r);
  F.sum(picked.mul(gy0)).backward();
  const numeric2 = numericalGrads(
    (a) => new F.Pooling2DWithIndexes(pool).forward(a).mul(gy0),
    [R],
  );
  assertClose(r.grad!.data!, numeric2[0], 1e-8, "d/dR");
});

// =============================================================================================
// im2col against a direct loop

/** `im2col` written as its definition: every output element computed on its own. */
function directIm2col(
  img: np.NDArray,
  [KH, KW]: [number, number],
  [SH, SW]: [number, number],
  [PH, PW]: [number, number],
): np.NDArray {
  const [N, C, H, W] = img.shape;
  const OH = Math.floor((H + 2 * PH - KH) / SH) + 1;
  const OW = Math.floor((W + 2 * PW - KW) / SW) + 1;
  const col = np.zeros([N, C, KH, KW, OH, OW], img.dtype);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      for (let kh = 0; kh < KH; kh++) {
        for (let kw = 0; kw < KW; kw++) {
          for (let oh = 0; oh < OH; oh++) {
            for (let ow = 0; ow < OW; ow++) {
              const y = oh * SH + kh - PH;
              const x = ow * SW + kw - PW;
              if (y >= 0 && y < H && x >= 0 && x < W) {
                col.set(n, c, kh, kw, oh, ow, img.get(n, c, y, x).item());
              }
            }
          }
        }
      }
    }
  }
  return col;
}

/** `col2im` as its definition: each element of `col` added to the pixel it came from. */
function directCol2im(
  col: np.NDArray,
  shape: number[],
  [SH, SW]: [number, number],
  [PH, PW]: [number, number],
): np.NDArray {
  const [N, C, KH, KW, OH, OW] = col.shape;
  const [H, W] = shape.slice(2);
  const img = np.zeros(shape, col.dtype);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      for (let kh = 0; kh < KH; kh++) {
        for (let kw = 0; kw < KW; kw++) {
          for (let oh = 0; oh < OH; oh++) {
            for (let ow = 0; ow < OW; ow++) {
              const y = oh * SH + kh - PH;
              const x = ow * SW + kw - PW;
              if (y >= 0 && y < H && x >= 0 && x < W) {
                const v = img.get(n, c, y, x).item() + col.get(n, c, kh, kw, oh, ow).item();
                img.set(n, c, y, x, v);
              }
            }
          }
        }
      }
    }
  }
  return img;
}

Deno.test("im2colArray and col2imArray equal a direct loop, in both layouts and dtypes", () => {
  np.random.seed(9);
  const configs: [number[], [number, number], [number, number], [number, number]][] = [
    [[2, 3, 5, 5], [3, 3], [1, 1], [1, 1]],
    [[1, 2, 7, 6], [3, 2], [2, 3], [0, 2]],
    [[2, 1, 4, 9], [4, 1], [1, 2], [2, 0]],
    [[1, 2, 3, 3], [3, 3], [5, 5], [1, 1]], // a stride beyond the image
    [[1, 1, 6, 6], [2, 2], [2, 2], [0, 0]], // non-overlapping windows
  ];
  for (const [shape, kernel, stride, pad] of configs) {
    for (const dtype of ["float64", "float32", "int64"] as const) {
      const img = np.random.randn(...shape).mul(10).astype(dtype);
      const expected = directIm2col(img, kernel, stride, pad);
      const options = { stride, pad };
      const what = `${shape} k${kernel} s${stride} p${pad} ${dtype}`;
      const col = F.im2colArray(img, kernel, { ...options, toMatrix: false });
      assert.equal(col.dtype, dtype);
      assert.ok(np.arrayEqual(col, expected), what);
      const [N, C, KH, KW, OH, OW] = expected.shape;
      const matrix = expected.transpose(0, 4, 5, 1, 2, 3).reshape(N * OH * OW, C * KH * KW);
      assert.ok(np.arrayEqual(F.im2colArray(img, kernel, options), matrix), `${what} matrix`);

      const patches = np.random.randn(...expected.shape).mul(10).astype(dtype);
      const back = directCol2im(patches, shape, stride, pad);
      const img1 = F.col2imArray(patches, shape, kernel, { ...options, toMatrix: false });
      const tol = dtype === "float32" ? 1e-5 : 0;
      assertClose(img1, back, tol, `${what} col2im`);
      const asMatrix = patches.transpose(0, 4, 5, 1, 2, 3).reshape(N * OH * OW, -1);
      const img2 = F.col2imArray(asMatrix, shape, kernel, options);
      assertClose(img2, back, tol, `${what} col2im matrix`);
    }
  }
});

Deno.test("step 57's shapes", () => {
  assert.deepEqual(F.im2col(np.random.rand(1, 3, 7, 7), 5, { stride: 1, pad: 0 }).shape, [9, 75]);
  assert.deepEqual(F.im2col(np.random.rand(10, 3, 7, 7), [5, 5]).shape, [90, 75]);
  const x = new Variable(np.random.randn(1, 5, 15, 15));
  const y = F.conv2dSimple(x, np.random.randn(8, 5, 3, 3), null, { stride: 1, pad: 1 });
  y.backward();
  assert.deepEqual([y.shape, x.grad?.shape], [[1, 8, 15, 15], [1, 5, 15, 15]]);
});

// =============================================================================================
// Arguments

Deno.test("conv2d refuses wrong shapes, sizes and options with messages that say what to write", () => {
  const x = np.zeros([1, 3, 5, 5]);
  const W = np.zeros([4, 3, 3, 3]);
  assert.throws(() => F.conv2d(np.zeros([3, 5, 5]), W), /x\.reshape\(1, 3, 5, 5\)/);
  assert.throws(() => F.conv2d(x, np.zeros([4, 2, 3, 3])), /takes 2 input channels .* has 3/);
  assert.throws(
    () => F.conv2d(x, np.zeros([4, 3, 3])),
    /W must be a filter of shape \(OC, C, KH, KW\)/,
  );
  assert.throws(
    () => F.conv2d(x, W, np.zeros([3])),
    /b must hold one value per output channel, shape \(4,\)/,
  );
  assert.throws(
    () => F.conv2d(x, W, null, 1 as never),
    /F\.conv2d\(x, W, b, \{ stride: 1, pad: 1 \}\)/,
  );
  assert.throws(() => F.conv2d(x, W, null, { strides: 2 } as never), /did you mean stride\?/);
  assert.throws(() => F.conv2d(x, W, null, { stride: 0 }), /stride must be an integer ≥ 1/);
  assert.throws(() => F.conv2d(x, W, null, { pad: -1 }), /pad must be an integer ≥ 0/);
  assert.throws(() => F.conv2d(x, W, null, { stride: 1.5 }), /stride must be/);
  assert.throws(
    () => F.conv2d(x, np.zeros([4, 3, 7, 7])),
    /a 7×7 kernel does not fit an image of 5×5/,
  );
  assert.throws(() => new F.Conv2d().forward(x), /takes x, W and optionally b, got 1 inputs/);
});

Deno.test("deconv2d refuses an outsize that conv2d does not map back", () => {
  const x = np.zeros([1, 2, 4, 4]);
  const W = np.zeros([2, 3, 3, 3]);
  assert.deepEqual(F.deconv2d(x, W, null, { stride: 2, outsize: [10, 9] }).shape, [1, 3, 10, 9]);
  assert.throws(
    () => F.deconv2d(x, W, null, { stride: 2, outsize: 11 }),
    /an output of 11×11 does not fit an input of 4×4: convolving it back gives 5×5 \(leave outsize out for 9×9\)/,
  );
  assert.throws(
    () => F.deconv2d(x, np.zeros([3, 2, 3, 3])),
    /takes 3 input channels \(its axis 0\)/,
  );
});

Deno.test("pooling, im2col and col2im check their arguments", () => {
  const x = np.zeros([1, 1, 4, 4]);
  assert.throws(() => F.pooling(x, 2, 2 as never), /F\.pooling\(x, 2, \{ stride: 2 \}\)/);
  assert.throws(() => F.pooling(x, 0), /kernelSize must be an integer ≥ 1/);
  assert.throws(() => F.pooling(x, [2, 2, 2] as never), /kernelSize must be/);
  assert.throws(
    () => F.averagePooling(np.zeros([4, 4]), 2),
    /batch of images of shape \(N, C, H, W\)/,
  );
  assert.throws(() => F.im2col(x, 3, { toMatrix: 1 } as never), /toMatrix must be true or false/);
  assert.throws(() => F.im2colArray(x.toArray() as never, 3), /img must be an NDArray/);
  assert.throws(
    () => F.col2imArray(np.zeros([4, 5]), [1, 1, 4, 4], 3),
    /cannot reshape array of size 20 into shape \(1, 2, 2, 1, 3, 3\)/,
  );
  assert.throws(
    () => F.col2imArray(np.zeros([1, 1, 3, 3, 4]), [1, 1, 4, 4], 3, { toMatrix: false }),
    /col must have shape \(1, 1, 3, 3, 2, 2\) \(N, C, KH, KW, OH, OW\)/,
  );
  assert.throws(
    () => F.col2im(np.zeros([4, 9]), [1, 4, 4] as never, 3),
    /image shape must be \[N, C, H, W\]/,
  );
});

Deno.test("batchNorm checks its shapes", () => {
  const [m, v] = [np.zeros([3]), np.ones([3])];
  assert.throws(
    () => F.batchNorm(np.zeros([2, 3, 4]), np.ones([3]), np.zeros([3]), m, v),
    /\(N, D\) or \(N, C, H, W\)/,
  );
  assert.throws(
    () => F.batchNorm(np.zeros([2, 4]), np.ones([4]), np.zeros([4]), m, v),
    /mean must have shape \(4,\)/,
  );
  assert.throws(
    () =>
      F.batchNorm(
        np.zeros([2, 3]),
        np.ones([3]),
        np.zeros([3]),
        m,
        v,
        { decay: 0.9, momentum: 0.1 } as never,
      ),
    /no option "momentum"/,
  );
});

Deno.test("Pooling2DGrad and Pooling2DWithIndexes refuse arrays of other shapes", () => {
  const pool = new F.Pooling(2, 2);
  pool.call(np.zeros([1, 2, 4, 4]));
  assert.throws(
    () => new F.Pooling2DGrad(pool).forward(np.zeros([1, 2, 3, 2])),
    /gy gives \(1, 2, 3, 2\), but the pooling it comes from gave \(1, 2, 2, 2\)/,
  );
  assert.throws(
    () => new F.Pooling2DWithIndexes(pool).forward(np.zeros([1, 2, 6, 4])),
    /x gives \(1, 2, 3, 2\)/,
  );
});
