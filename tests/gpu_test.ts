/**
 * The GPU (step 52), on WebGPU: every kernel of `dezero/gpu/` against the CPU's result (`np`,
 * itself checked against NumPy) on random inputs, with broadcasting, odd sizes (more than one
 * workgroup, tiles cut short) and empty arrays, within float32's tolerance where the GPU rounds
 * differently (its transcendental functions and tree sums) and exactly where it must not
 * (integers, comparisons, moves); a few steps of the MLP training on the GPU against the same
 * steps on the CPU; `toGpu`/`toCpu` round trips; errors reported by kernels at the next read;
 * and, in subprocesses, that importing `full.ts` requests no adapter and that without one
 * `toGpu()` says so while the CPU path works.
 *
 * Without a WebGPU adapter the kernel tests are skipped with a message. On Linux, Mesa's software
 * adapter (llvmpipe) runs them; the sizes are small so that it stays quick.
 */
import assert from "node:assert/strict";
import {
  cuda,
  DataLoader,
  datasets,
  F,
  type Function,
  L,
  MLP,
  np,
  optimizers,
  Variable,
} from "../dezero/full.ts";
import { deviceDtype, type GpuArray } from "../dezero/gpu/_array.ts";
import { READ_REPO, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno } from "./_subprocess.ts";

const found = await cuda.init();
const gpu = cuda.gpu;

/** A GPU test: skipped, with the reason, where WebGPU gives no adapter. */
function gpuTest(name: string, fn: () => Promise<void> | void): void {
  if (found) Deno.test(name, fn);
}
if (!found) {
  Deno.test({
    name: "GPU kernels (skipped: navigator.gpu.requestAdapter() gave no adapter; on Linux, " +
      "Mesa's Vulkan or EGL drivers give a software one)",
    ignore: true,
    fn() {},
  });
}

/**
 * Checks a GPU result against the CPU's: shape, dtype (float64 is float32 on the GPU), and the
 * values, exactly for integers and bools and within `rtol`/`atol` for floats.
 */
async function same(
  onGpu: np.NDArray,
  onCpu: np.NDArray,
  { rtol = 1e-6, atol = 1e-7 }: { rtol?: number; atol?: number } = {},
): Promise<void> {
  assert.ok(cuda.getArrayModule(onGpu) === gpu, "the result is not on the GPU");
  const got = await cuda.asNumpy(onGpu);
  assert.deepEqual(got.shape, onCpu.shape);
  assert.equal(got.dtype, deviceDtype(onCpu.dtype));
  if (got.dtype !== "float32") {
    assert.deepEqual(got.toArray(), onCpu.toArray());
    return;
  }
  const want = onCpu.astype("float32");
  const a = got.ndim === 0 ? [got.item()] : Array.from(got.data);
  const b = want.ndim === 0 ? [want.item()] : Array.from(want.data);
  for (let i = 0; i < a.length; i++) {
    const ok = Object.is(a[i], b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i])) ||
      Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]);
    assert.ok(ok, `element ${i}: ${a[i]} on the GPU, ${b[i]} on the CPU`);
  }
}

/** Random float32 numbers in `[low, high)` of `shape`, from the seeded generator. */
function rand(shape: number[], low = -2, high = 2): np.NDArray {
  return np.random.rand(...shape).mul(high - low).add(low).astype("float32");
}

np.random.seed(52);

gpuTest("arithmetic with broadcasting, numbers and 0-d arrays, against the CPU", async () => {
  const pairs: [number[], number[]][] = [
    [[3, 5], [3, 5]],
    [[4, 1], [1, 7]],
    [[2, 3, 4], [4]],
    [[1031], [1031]], // more than one workgroup
    [[0, 3], [3]],
    [[], [2, 2]],
  ];
  for (const [s, t] of pairs) {
    const a = rand(s);
    const b = rand(t, 0.5, 2); // no division by zero
    const [ga, gb] = [cuda.asGpu(a), cuda.asGpu(b)];
    for (const op of ["add", "sub", "mul", "div"] as const) {
      await same(ga[op](gb), a[op](b));
      await same(ga[op](0.3), a[op](0.3));
      await same(ga[op](np.array(0.3)), a[op](np.array(0.3))); // a strong float64 0-d array
    }
  }
  // A 0-d GPU array known on the host, on the left.
  const x = rand([3]);
  await same(gpu.array(2.5).sub(cuda.asGpu(x)), np.array(2.5).sub(x));
});

gpuTest("integer and bool arithmetic: NumPy's dtypes and wrap-around, exactly", async () => {
  const i = np.array([[-7, 3, 1000], [2, -1, 0]], "int64");
  const j = np.array([5, -2, 3], "int64");
  const [gi, gj] = [cuda.asGpu(i), cuda.asGpu(j)];
  for (const op of ["add", "sub", "mul"] as const) {
    await same(gi[op](gj), i[op](j));
    await same(gi[op](3), i[op](3));
  }
  await same(gi.div(gj), i.div(j), { rtol: 1e-6 }); // float64 on the CPU, float32 here
  await same(gi.mul(0.5), i.mul(0.5));
  const u = np.array([200, 100, 255], "uint8");
  await same(cuda.asGpu(u).add(cuda.asGpu(u)), u.add(u)); // wraps, as NumPy's uint8
  await same(cuda.asGpu(u).neg(), u.neg());
  const p = np.array([true, false, true, false]);
  const q = np.array([true, true, false, false]);
  await same(cuda.asGpu(p).add(cuda.asGpu(q)), p.add(q)); // or
  await same(cuda.asGpu(p).mul(cuda.asGpu(q)), p.mul(q)); // and
  const f = rand([4]);
  await same(cuda.asGpu(p).mul(cuda.asGpu(f)), p.mul(f)); // a mask
  assert.throws(() => cuda.asGpu(p).sub(cuda.asGpu(q)), /boolean subtract/);
  assert.throws(() => cuda.asGpu(p).neg(), /boolean negative/);
  assert.throws(() => cuda.asGpu(u).add(300), /out of bounds for uint8/);
});

gpuTest("an int64 result beyond 32 bits is reported at the next read", async () => {
  const big = cuda.asGpu(np.array([2 ** 30, 5], "int64"));
  await assert.rejects(big.add(big).toCpu(), /does not fit 32 bits/);
  await same(big.sub(big), np.array([0, 0], "int64")); // the error was cleared
  await assert.rejects(big.mul(big).toCpu(), /does not fit 32 bits/);
  assert.throws(() => cuda.asGpu(np.array([2 ** 40], "int64")), /does not fit the GPU's integers/);
});

gpuTest("powers, float functions and clip against the CPU", async () => {
  const x = rand([4, 33]);
  const pos = rand([4, 33], 0.1, 3);
  const [gx, gp] = [cuda.asGpu(x), cuda.asGpu(pos)];
  for (const c of [2, 3, 0, 1, -1, -2]) await same(gx.pow(c), x.pow(c), { rtol: 1e-6 });
  for (const c of [0.5, 2.5, -1.5]) await same(gp.pow(c), pos.pow(c), { rtol: 2e-6 });
  await same(gx.pow(0.5), x.pow(0.5)); // NaN for negative bases, as NumPy
  await same(gx.pow(cuda.asGpu(pos)), x.pow(pos).mul(1), { rtol: 1e-5 });
  await same(gx.neg(), x.neg());
  await same(gpu.square(gx), np.square(x));
  for (const f of ["exp", "sin", "cos", "tanh"] as const) {
    await same(gpu[f](gx), np[f](x), { rtol: 2e-6, atol: 2e-7 });
  }
  await same(gpu.log(gp), np.log(pos), { rtol: 2e-6, atol: 2e-7 });
  await same(gpu.sqrt(gp), np.sqrt(pos), { rtol: 2e-7 });
  // tanh of large and tiny numbers (WGSL's own may give NaN far out).
  const t = np.array([-100, -20, -9.5, -1e-6, 0, 1e-6, 9.5, 20, 100], "float32");
  await same(gpu.tanh(cuda.asGpu(t)), np.tanh(t), { rtol: 2e-6 });
  const ints = np.array([1, 2, 3], "int64");
  await same(gpu.exp(cuda.asGpu(ints)), np.exp(ints), { rtol: 2e-6 }); // float64 on the CPU
  assert.throws(() => gpu.exp(cuda.asGpu(np.array([1], "uint8"))), /float16/);
  await same(gpu.maximum(gx, 0.0), np.maximum(x, 0.0));
  await same(gpu.maximum(gx, gp), np.maximum(x, pos));
  await same(gpu.clip(gx, -0.5, 1), np.clip(x, -0.5, 1));
  const i = np.array([-5, 0, 300], "int64");
  await same(gpu.clip(cuda.asGpu(i), 0, 100), np.clip(i, 0, 100));
  const nan = np.array([NaN, 1, -1], "float32");
  await same(gpu.maximum(cuda.asGpu(nan), 0), np.maximum(nan, 0));
  await same(gpu.clip(cuda.asGpu(nan), 0, 0.5), np.clip(nan, 0, 0.5));
});

gpuTest("comparisons give bool arrays, with broadcasting", async () => {
  const a = np.array([[1, 2, 3], [3, 2, 1]], "float32");
  const b = np.array([2, 2, 2], "float32");
  const [ga, gb] = [cuda.asGpu(a), cuda.asGpu(b)];
  for (const op of ["gt", "ge", "lt", "le", "eq", "ne"] as const) {
    await same(ga[op](gb), a[op](b));
    await same(ga[op](2), a[op](2));
  }
  const t = np.array([2, 0], "int64");
  await same(cuda.asGpu(t).eq(ga.argmax({ axis: 1 })), t.eq(a.argmax({ axis: 1 })));
});

gpuTest("in-place operators write into the array, with NumPy's casting checks", async () => {
  const a = rand([3, 4]);
  const b = rand([4]);
  const g = cuda.asGpu(a);
  const view = g.reshape(12); // shares the block: sees the writes
  for (const op of ["iadd", "isub", "imul", "idiv"] as const) {
    assert.equal(g[op](cuda.asGpu(b)), g);
    a[op](b);
  }
  await same(g, a, { rtol: 1e-6 });
  await same(view, a.reshape(12), { rtol: 1e-6 });
  const i = cuda.asGpu(np.array([1, 2], "int64"));
  assert.throws(() => i.iadd(0.5), /Cannot cast ufunc 'add' output from dtype\('float64'\)/);
  assert.throws(() => g.iadd(cuda.asGpu(rand([2, 3, 4]))), /non-broadcastable output/);
  const w = cuda.asGpu(np.array([1, 2], "float32"));
  w.fill(7);
  await same(w, np.array([7, 7], "float32"));
});

gpuTest("sum, mean, max, min and argmax over axes, against the CPU", async () => {
  const shapes = [[3, 4, 5], [1031], [7, 300], [2, 1, 3]];
  const axes: (number | number[] | null)[] = [null, 0, -1, 1, [0, 2]];
  for (const shape of shapes) {
    const x = rand(shape);
    const g = cuda.asGpu(x);
    for (const axis of axes) {
      const ok = typeof axis === "number"
        ? axis < shape.length && axis >= -shape.length
        : axis === null || axis.every((a) => a < shape.length);
      if (!ok) continue;
      for (const keepdims of [false, true]) {
        const opts = { axis, keepdims };
        await same(g.sum(opts), x.sum(opts), { rtol: 1e-5, atol: 1e-5 });
        await same(g.mean(opts), x.mean(opts), { rtol: 1e-5, atol: 1e-6 });
        await same(g.max(opts), x.max(opts));
        await same(g.min(opts), x.min(opts));
      }
    }
    for (const axis of [null, 0, -1]) {
      await same(g.argmax({ axis }), x.argmax({ axis }));
      await same(g.argmax({ axis, keepdims: true }), x.argmax({ axis, keepdims: true }));
    }
  }
  // Ties: the first index, as NumPy; integer and bool sums are exact, int64.
  const ties = np.array([[1, 3, 3], [2, 2, 2], [5, 1, 5]], "float32");
  await same(cuda.asGpu(ties).argmax({ axis: 1 }), ties.argmax({ axis: 1 }));
  const ints = np.array([[1, -2, 300], [4, 5, 6]], "int64");
  await same(cuda.asGpu(ints).sum({ axis: 0 }), ints.sum({ axis: 0 }));
  await same(cuda.asGpu(ints).max(), ints.max());
  const bools = ints.gt(2);
  await same(cuda.asGpu(bools).sum(), bools.sum());
  await same(cuda.asGpu(bools).mean(), bools.mean()); // float64 on the CPU
  await same(cuda.asGpu(np.zeros([0, 3], "float32")).sum({ axis: 0 }), np.zeros([3], "float32"));
  const nan = np.array([1, NaN, 3], "float32");
  await same(cuda.asGpu(nan).max(), nan.max());
  await same(cuda.asGpu(nan).argmax(), nan.argmax());
  assert.throws(() => g0().max({ axis: 0 }), /zero-size array to reduction operation maximum/);
  assert.throws(() => cuda.asGpu(ints).sum({ axis: 2 }), /axis 2 is out of bounds/);
});

function g0(): GpuArray {
  return cuda.asGpu(np.zeros([0, 2], "float32"));
}

gpuTest("reshape, transpose, flatten, squeeze and broadcastTo, exactly", async () => {
  const x = rand([2, 3, 4]);
  const g = cuda.asGpu(x);
  await same(g.reshape(4, -1), x.reshape(4, -1));
  await same(g.transpose(), x.transpose());
  await same(g.transpose(1, 0, 2), x.transpose(1, 0, 2));
  await same(g.reshape(6, 4).T, x.reshape(6, 4).T);
  await same(g.flatten(), x.flatten());
  await same(g.reshape(1, 24, 1).squeeze(), x.reshape(1, 24, 1).squeeze());
  await same(gpu.broadcastTo(cuda.asGpu(x.get(0, 0)), [3, 4]), np.broadcastTo(x.get(0, 0), [3, 4]));
  assert.throws(() => g.reshape(5, 5), /cannot reshape array of size 24 into shape \(5,5\)/);
  assert.throws(() => g.transpose(0, 0, 1), /repeated axis in transpose/);
});

gpuTest("matrix products of odd sizes, 1-d operands and NumPy's shape errors", async () => {
  const cases: [number[], number[]][] = [
    [[70, 33], [33, 129]], // tiles of 64 cut short
    [[1, 1], [1, 1]],
    [[5, 0], [0, 3]],
    [[33], [33, 4]],
    [[4, 33], [33]],
    [[16], [16]],
  ];
  for (const [s, t] of cases) {
    const [a, b] = [rand(s), rand(t)];
    await same(cuda.asGpu(a).dot(cuda.asGpu(b)), a.dot(b), { rtol: 1e-5, atol: 1e-5 });
    await same(cuda.asGpu(a).matmul(cuda.asGpu(b)), a.matmul(b), { rtol: 1e-5, atol: 1e-5 });
  }
  const i = np.array([[1, 2]], "int64");
  const w = np.array([[0.5], [0.25]], "float32");
  await same(cuda.asGpu(i).dot(cuda.asGpu(w)), i.dot(w)); // float64 on the CPU
  const a = cuda.asGpu(rand([2, 3]));
  assert.throws(
    () => a.dot(a),
    /shapes \(2,3\) and \(2,3\) not aligned: 3 \(dim 1\) != 2 \(dim 0\)/,
  );
  assert.throws(() => a.matmul(a), /mismatch in its core dimension 0/);
  assert.throws(() => a.dot(rand([3, 2])), /on the CPU .* and another is on the GPU/);
});

gpuTest("astype: NumPy's conversions; NaN to an integer is reported at the read", async () => {
  const x = np.array([-2.7, -0.5, 0, 0.5, 2.7, 255.9], "float32");
  const g = cuda.asGpu(x);
  for (const dtype of ["int64", "uint8", "bool", "float32", "float64"] as const) {
    if (dtype === "uint8") continue; // -2.7 does not fit: below
    await same(g.astype(dtype), x.astype(dtype));
  }
  await same(g.get(np.slice(2)).astype("uint8"), x.get(np.slice(2)).astype("uint8"));
  await assert.rejects(g.astype("uint8").toCpu(), /cannot convert -2.7\d* to uint8/);
  await assert.rejects(cuda.asGpu(np.array([NaN], "float32")).astype("int64").toCpu(), /NaN/);
  const i = np.array([300, -1, 0], "int64");
  await same(cuda.asGpu(i).astype("uint8"), i.astype("uint8"));
  await same(cuda.asGpu(i).astype("float32"), i.astype("float32"));
  await same(cuda.asGpu(i).astype("bool"), i.astype("bool"));
});

gpuTest("indexing: the losses' x[arange(N), t] and eye[t], basic indices, bounds", async () => {
  const x = rand([5, 4]);
  const t = np.array([3, 0, -1, 2, 1], "int64");
  const [gx, gt] = [cuda.asGpu(x), cuda.asGpu(t)];
  await same(gx.get(np.arange(5), gt), x.get(np.arange(5), t)); // GPU labels
  await same(gx.get(np.arange(5), t), x.get(np.arange(5), t)); // CPU labels
  await same(gpu.eye(4).get(gt), np.eye(4).get(t));
  await same(gx.get(gt), x.get(t));
  await same(
    gx.get(gt.reshape(5, 1), cuda.asGpu(np.array([0, 1], "int64"))),
    x.get(t.reshape(5, 1), np.array([0, 1], "int64")),
  );
  await same(gx.get(1), x.get(1));
  await same(gx.get(np.slice(1, null, 2), -1), x.get(np.slice(1, null, 2), -1));
  await same(gx.get([0, 0, 4]), x.get([0, 0, 4]));
  await same(
    gx.get(np.slice(), [true, false, true, false]),
    x.get(np.slice(), [true, false, true, false]),
  );
  await same(gx.get(gt, np.slice()), x.get(t, np.slice()));
  assert.throws(() => gx.get(7), /index 7 is out of bounds for axis 0 with size 5/);
  const bad = cuda.asGpu(np.array([0, 9], "int64"));
  await assert.rejects(
    gx.get(np.arange(2), bad).toCpu(),
    /index 9 is out of bounds for axis 1 with size 4/,
  );
  assert.throws(() => gx.get(np.slice(1), gt), /leading axes/);
  assert.throws(() => gx.get(cuda.asGpu(np.array([true, false, true, false, true]))), /bool mask/);
  assert.throws(() => gx.set(0, 1), /not done on the GPU/);
});

gpuTest("addAt adds repeated positions up, as np.addAt", async () => {
  const a = np.zeros([4, 3], "float32");
  const b = rand([5, 3]);
  const index = np.array([0, 2, 0, 3, 0], "int64");
  const g = gpu.zeros([4, 3], "float32");
  gpu.addAt(g, [cuda.asGpu(index)], cuda.asGpu(b));
  np.addAt(a, [index], b);
  await same(g, a, { rtol: 1e-6, atol: 1e-6 });
  const h = gpu.zeros([3], "float32");
  gpu.addAt(h, [[0, 0, 2]], 1);
  await same(h, np.array([2, 0, 1], "float32"));
  assert.throws(() => gpu.addAt(gpu.zeros([2], "int64"), [[0]], 1), /float32 arrays/);
});

gpuTest("making arrays: array, zeros, zerosLike, onesLike, eye, full, random", async () => {
  await same(gpu.array([[1, 2], [3, 4]]), np.array([[1, 2], [3, 4]]));
  await same(gpu.array([1, 2], "int64"), np.array([1, 2], "int64"));
  await same(gpu.zeros([2, 3]), np.zeros([2, 3]));
  await same(gpu.zerosLike(cuda.asGpu(np.ones([2], "uint8"))), np.zeros([2], "uint8"));
  await same(gpu.onesLike(cuda.asGpu(rand([2, 2]))), np.ones([2, 2], "float32"));
  await same(gpu.onesLike(gpu.array(3)), np.array(1.0));
  await same(gpu.eye(3, { k: 1, dtype: "int64" }), np.eye(3, { k: 1, dtype: "int64" }));
  await same(gpu.full([2], 2.5), np.full([2], 2.5));
  np.random.seed(7);
  const r = gpu.random.randn(3, 4);
  np.random.seed(7);
  await same(r, np.random.randn(3, 4), { rtol: 0, atol: 0 }); // the CPU's numbers, as float32
  assert.throws(() => gpu.exp(rand([2])), /argument 1 is an array on the CPU/);
  assert.throws(() => gpu.addAt(np.zeros([2]), [[0]], 1), /takes an array on the GPU/);
});

gpuTest("a GPU array refuses synchronous reads, with what to write instead", () => {
  const g = cuda.asGpu(rand([2, 3]));
  for (const read of [() => g.data, () => g.item(), () => g.toString(), () => `${g}`]) {
    assert.throws(read, /await x\.toCpu\(\)/);
  }
  assert.throws(() => Deno.inspect(g), /await x\.toCpu\(\)/);
  assert.throws(() => JSON.stringify(g), /await x\.toCpu\(\)/);
  assert.throws(() => np.exp(g), /await x\.toCpu\(\)/); // the CPU's function reads elements
  assert.throws(() => assert.deepEqual(g, g.copy()), /await x\.toCpu\(\)/);
  const v = new Variable(g);
  assert.throws(() => String(v), /await x\.toCpu\(\)/);
  assert.equal(g.size, 6);
  assert.equal(g.length, 2);
});

gpuTest("toGpu and toCpu round trips: Variables, layers, loaders", async () => {
  const x = new Variable(np.array([[1.5, -2], [0.1, 3]], "float32"));
  x.toGpu();
  assert.equal(cuda.getArrayModule(x), gpu);
  x.toGpu(); // already there
  await x.toCpu();
  assert.equal(cuda.getArrayModule(x), np);
  assert.equal(x.toString(), "variable([[ 1.5 -2. ]\n          [ 0.1  3. ]])");
  const d = new Variable(np.array([0.1, 1e-50]));
  d.toGpu(); // float64 becomes float32
  assert.equal(d.dtype, "float32");
  await d.toCpu();
  assert.deepEqual(d.data?.toArray(), [Math.fround(0.1), 0]);
  assert.equal((await cuda.asNumpy(gpu.array(4.5))).toString(), "4.5");

  const layer = new L.Linear(3, { inSize: 2 });
  const W = layer.W.data;
  layer.toGpu();
  assert.ok([...layer.params()].every((p) => cuda.getArrayModule(p) === gpu));
  await layer.toCpu();
  assert.deepEqual(layer.W.data, W); // the same numbers back

  np.random.seed(1);
  const cpuBatches = [...new DataLoader(new datasets.Spiral(), 128)];
  np.random.seed(1);
  const loader = new DataLoader(new datasets.Spiral(), 128);
  loader.toGpu();
  const gpuBatches = [...loader];
  assert.equal(gpuBatches.length, 3);
  for (const [i, [bx, bt]] of gpuBatches.entries()) {
    await same(bx, cpuBatches[i][0], { rtol: 0, atol: 0 });
    await same(bt, cpuBatches[i][1]);
  }
  loader.toCpu();
  assert.equal(cuda.getArrayModule(loader.next().value![0]), np);
});

/** Losses and parameters of `steps` training steps of an MLP on the CPU or the GPU. */
async function train(
  onGpu: boolean,
  makeOptimizer: () => optimizers.Optimizer,
  steps: number,
): Promise<[number[], np.NDArray[]]> {
  np.random.seed(0);
  const x = rand([50, 20]);
  const t = np.random.randint(0, 10, 50).astype("uint8");
  const model = new MLP([30, 10]);
  const optimizer = makeOptimizer().setup(model);
  const [vx, vt] = [new Variable(x), new Variable(t)];
  if (onGpu) {
    model.toGpu();
    vx.toGpu();
    vt.toGpu();
  }
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const y = model.call(vx);
    const loss = F.softmaxCrossEntropy(y, vt);
    model.cleargrads();
    loss.backward();
    optimizer.update();
    losses.push((await cuda.asNumpy(loss.data)).item());
  }
  await model.toCpu();
  return [losses, [...model.params()].map((p) => p.data as np.NDArray)];
}

gpuTest("MLP training on the GPU follows the CPU's (SGD, MomentumSGD, Adam)", async () => {
  const optimizerMakers = [
    () => new optimizers.SGD(0.5),
    () => new optimizers.MomentumSGD(0.1),
    () => new optimizers.Adam(0.01),
  ];
  for (const make of optimizerMakers) {
    const [cpuLosses, cpuParams] = await train(false, make, 6);
    const [gpuLosses, gpuParams] = await train(true, make, 6);
    for (let i = 0; i < cpuLosses.length; i++) {
      assert.ok(
        Math.abs(gpuLosses[i] - cpuLosses[i]) <= 1e-5 * Math.abs(cpuLosses[i]),
        `${make().constructor.name} step ${i}: ${gpuLosses[i]} on the GPU, ${cpuLosses[i]}`,
      );
    }
    assert.ok(cpuLosses[5] < cpuLosses[0]); // it learns
    for (const [i, p] of gpuParams.entries()) {
      assert.equal(p.dtype, "float32");
      assert.ok(np.allclose(p, cpuParams[i], 1e-4, 1e-6), `parameter ${i}`);
    }
  }
});

gpuTest("the functions of F run on the GPU where their input is", async () => {
  const x = rand([4, 6]);
  const g = cuda.asGpu(x);
  const cases: [string, (v: Variable) => Variable][] = [
    ["sigmoid", F.sigmoid],
    ["relu", F.relu],
    ["tanh", F.tanh],
    ["exp", F.exp],
    ["sin", F.sin],
    ["softmax", (v) => F.softmax(v)],
    ["logSoftmax", (v) => F.logSoftmax(v)],
    ["square", F.square],
    ["clip", (v) => F.clip(v, -0.5, 0.5)],
    ["max", (v) => F.max(v, { axis: 1 })],
    ["sum", (v) => F.sum(v, { axis: 0 })],
    ["mean", (v) => F.mean(v)],
    ["getItem", (v) => v.get(np.arange(4), [0, 5, 2, 3])],
    ["broadcastTo", (v) => F.broadcastTo(F.sum(v, { axis: 0, keepdims: true }), [4, 6])],
    ["matmul", (v) => F.matmul(v, v.T)],
  ];
  for (const [name, f] of cases) {
    const [vc, vg] = [new Variable(x), new Variable(g)];
    const [yc, yg] = [f(vc), f(vg)];
    yc.backward();
    yg.backward();
    await same(yg.data as np.NDArray, yc.data as np.NDArray, { rtol: 1e-5, atol: 1e-6 });
    await same(vg.grad?.data as np.NDArray, vc.grad?.data as np.NDArray, {
      rtol: 1e-5,
      atol: 1e-6,
    });
    assert.ok(yg.creator instanceof Object && (yg.creator as Function).inputs.length > 0, name);
  }
  const labels = np.array([0, 3, 5, 1], "int64");
  const acc = F.accuracy(g, cuda.asGpu(labels));
  await same(acc.data as np.NDArray, F.accuracy(x, labels).data as np.NDArray);
});

gpuTest("a label out of range on the GPU is reported at the next read", async () => {
  const x = new Variable(cuda.asGpu(rand([2, 3])));
  const t = cuda.asGpu(np.array([1, 3], "int64"));
  const loss = F.softmaxCrossEntropy(x, t);
  await assert.rejects(
    cuda.asNumpy(loss.data),
    /F\.softmaxCrossEntropy\(x, t\): label 3 \(at 1\) is out of range for 3 classes/,
  );
  const half = cuda.asGpu(np.array([0.5, 1], "float32"));
  F.softmaxCrossEntropy(x, half);
  await assert.rejects(cuda.synchronize(), /label 0 is 0.5, not an integer/);
  await cuda.synchronize(); // cleared
});

gpuTest("past the memory limit, allocation stops with an error that says why", () => {
  cuda.init({ memoryLimit: 2 ** 20 });
  try {
    const kept: GpuArray[] = [];
    assert.throws(() => {
      for (let i = 0; i < 100; i++) kept.push(gpu.zeros([256, 256], "float32"));
    }, /pass the limit .* a loop that never awaits keeps them all/);
  } finally {
    cuda.init({ memoryLimit: 4 * 2 ** 30 });
  }
});

const repo = new URL("../", import.meta.url);
const full = new URL("../dezero/full.ts", import.meta.url).href;

await testWith("importing full.ts requests no adapter; init() requests one, once", [
  READ_REPO,
  RUN_DENO,
], async () => {
  const script = `
    let calls = 0;
    const gpu = navigator.gpu;
    const request = gpu.requestAdapter.bind(gpu);
    gpu.requestAdapter = (o) => { calls++; return request(o); };
    const { cuda } = await import(${JSON.stringify(full)});
    console.log(calls);
    await cuda.init();
    await cuda.init();
    console.log(calls);`;
  const { code, stdout, stderr } = await runDeno(["eval", script], repo);
  assert.equal(code, 0, stderr);
  assert.deepEqual(stdout.trim().split("\n"), ["0", "1"]);
});

await testWith("without an adapter, toGpu() says so and the CPU path works", [
  READ_REPO,
  RUN_DENO,
], async () => {
  const script = `
    navigator.gpu.requestAdapter = () => Promise.resolve(null);
    const { cuda, DataLoader, datasets, F, MLP, np, Variable } = await import(${
    JSON.stringify(full)
  });
    const x = new Variable(np.array([[1, 2]], "float32"));
    const model = new MLP([3, 2]);
    const loader = new DataLoader(new datasets.Spiral(), 100);
    for (const f of [() => x.toGpu(), () => model.toGpu(), () => loader.toGpu()]) {
      try { f(); } catch (e) { console.log(e.message); }
    }
    console.log(await cuda.init(), cuda.gpuEnable, cuda.adapter());
    for (const f of [() => x.toGpu(), () => model.toGpu(), () => loader.toGpu()]) {
      try { f(); } catch (e) { console.log(e.message); }
    }
    const loss = F.softmaxCrossEntropy(model.call(x), np.array([1], "int64"));
    loss.backward();
    console.log(cuda.getArrayModule(loss) === np, typeof (await cuda.asNumpy(loss)).item());`;
  const { code, stdout, stderr } = await runDeno(["eval", script], repo);
  assert.equal(code, 0, stderr);
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 8, stdout);
  for (const line of lines.slice(0, 3)) {
    assert.match(
      line,
      /^cannot move .* to the GPU: no GPU \(the GPU was not set up: call `await cuda\.init\(\)` first/,
    );
  }
  assert.equal(lines[3], "false false null");
  for (const line of lines.slice(4, 7)) {
    assert.match(line, /no GPU \(navigator\.gpu\.requestAdapter\(\) gave no adapter/);
  }
  assert.equal(lines[7], "true number");
});
