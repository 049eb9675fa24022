/**
 * The networks' workloads of issue "networks train fast" (W7–W11 and GEMM) on this package, with
 * the command line and the JSON records of the peer harness's `py_dezero_nn.py`, so that
 * `bench/run_nn.sh` runs them side by side with the book's Python DeZero and PyTorch:
 *
 *   W7 [iters]    step 43: 1-10-1 sigmoid net, 100 points, lr 0.2 (10,000 iterations)
 *   W8 [epochs]   step 50: spiral, MLP([10, 3]), SGD(1.0), batch 30, with the test pass (300)
 *   W9 [iters]    step 51, one epoch: MLP([1000, 10]), SGD(), batch 100, Fashion-MNIST (600)
 *   W10 [batches] Conv2d(16, 3, pad 1), ReLU, pooling 2×2, Linear(10), SGD, 50 batches of 32
 *   W11 [epochs]  step 60: LSTM(100) + Linear(1) on SinCurve, BPTT 30, Adam (20 epochs)
 *   GEMM          np.matmul GFLOPS: (100,784)@(784,1000) and 512³, float32 and float64
 *
 * Each times its training loop only, as the Python side does. Run:
 * `deno run --allow-read --allow-env --allow-run=cat bench/nn.ts W9` (W9/W10 read
 * `$FASHION_MNIST_DIR`, default `/usr/share/datasets/fashion-mnist`).
 *
 * @module
 */

import {
  DataLoader,
  datasets,
  F,
  L,
  MLP,
  Model,
  noGrad,
  np,
  optimizers,
  SeqDataLoader,
  Variable,
} from "../dezero/full.ts";

const SYSTEM = Deno.env.get("BENCH_SYSTEM") ?? "dezero-ts";
const FASHION = Deno.env.get("FASHION_MNIST_DIR") ?? "/usr/share/datasets/fashion-mnist";
// What the book's step 43 prints at iterations 0 and 9000.
const STEP43 = { 0: 0.8473695850105871, 9000: 0.07722132399559321 };

function emit(
  workload: string,
  kase: string,
  value: number,
  unit: string,
  ok: boolean,
  details: Record<string, unknown> = {},
): void {
  console.log(
    JSON.stringify({ system: SYSTEM, workload, case: kase, value, unit, ok, ...details }),
  );
}

/**
 * A line of this process's `/proc/<pid>/status` in MB (`VmHWM`: the peak resident memory). Deno
 * lets a script read its own `/proc` files only under `--allow-all`, so `cat` reads it (with
 * `--allow-run=cat`); without that, -1.
 */
function statusMb(key: string): number {
  try {
    const out = new Deno.Command("cat", { args: [`/proc/${Deno.pid}/status`], clearEnv: true })
      .outputSync();
    const m = new TextDecoder().decode(out.stdout).match(new RegExp(`^${key}:\\s+(\\d+)`, "m"));
    return m ? Number(m[1]) / 1024 : -1;
  } catch {
    return -1;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function w7(iters = 10000): void {
  np.random.seed(0);
  const x = np.random.rand(100, 1);
  const y = np.sin(x.mul(2 * np.pi)).add(np.random.rand(100, 1));
  const W1 = new Variable(np.random.randn(1, 10).mul(0.01));
  const b1 = new Variable(np.zeros(10));
  const W2 = new Variable(np.random.randn(10, 1).mul(0.01));
  const b2 = new Variable(np.zeros(1));
  const predict = (x: np.NDArray) => F.linear(F.sigmoid(F.linear(x, W1, b1)), W2, b2);
  const lr = 0.2;
  const losses: Record<number, number> = {};
  let loss = new Variable(np.array(0));
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) {
    loss = F.meanSquaredError(y, predict(x));
    for (const p of [W1, b1, W2, b2]) p.cleargrad();
    loss.backward();
    for (const p of [W1, b1, W2, b2]) p.data!.isub(p.grad!.data!.mul(lr));
    if (i % 1000 === 0) losses[i] = loss.data!.item();
  }
  const dt = (performance.now() - t0) / 1e3;
  let ok = Math.abs(losses[0] - STEP43[0]) <= 1e-9 * STEP43[0];
  if (9000 in losses) ok &&= Math.abs(losses[9000] - STEP43[9000]) <= 1e-6 * STEP43[9000];
  emit("W7", "W7 step43 sigmoid net s", dt, "s", ok, {
    iters,
    us_per_iter: dt / iters * 1e6,
    loss_0: losses[0],
    loss_9000: losses[9000],
    loss_last: loss.data!.item(),
    dtype: "float64",
  });
}

function w8(maxEpoch = 300): void {
  const [batchSize, hiddenSize, lr] = [30, 10, 1.0];
  const trainSet = new datasets.Spiral({ train: true });
  const testSet = new datasets.Spiral({ train: false });
  const trainLoader = new DataLoader(trainSet, batchSize);
  const testLoader = new DataLoader(testSet, batchSize, false);
  const model = new MLP([hiddenSize, 3]);
  const optimizer = new optimizers.SGD(lr).setup(model);
  let [trainLoss, trainAcc, testLoss, testAcc] = [0, 0, 0, 0];
  const t0 = performance.now();
  for (let epoch = 0; epoch < maxEpoch; epoch++) {
    let [sumLoss, sumAcc] = [0, 0];
    for (const [x, t] of trainLoader) {
      const y = model.call(x);
      const loss = F.softmaxCrossEntropy(y, t);
      const acc = F.accuracy(y, t);
      model.cleargrads();
      loss.backward();
      optimizer.update();
      sumLoss += loss.data!.item() * t.length;
      sumAcc += acc.data!.item() * t.length;
    }
    [trainLoss, trainAcc] = [sumLoss / trainSet.length, sumAcc / trainSet.length];
    [sumLoss, sumAcc] = [0, 0];
    {
      using _ = noGrad();
      for (const [x, t] of testLoader) {
        const y = model.call(x);
        sumLoss += F.softmaxCrossEntropy(y, t).data!.item() * t.length;
        sumAcc += F.accuracy(y, t).data!.item() * t.length;
      }
    }
    [testLoss, testAcc] = [sumLoss / testSet.length, sumAcc / testSet.length];
  }
  const dt = (performance.now() - t0) / 1e3;
  const ok = maxEpoch < 300 || (trainLoss < 0.2 && trainAcc > 0.9);
  emit("W8", "W8 step50 spiral 300 epochs s", dt, "s", ok, {
    epochs: maxEpoch,
    ms_per_epoch: dt / maxEpoch * 1e3,
    train_loss: trainLoss,
    train_acc: trainAcc,
    test_loss: testLoss,
    test_acc: testAcc,
    w_dtype: model.layers[0].W.dtype,
  });
}

function w9(iters = 600): void {
  const baseRss = statusMb("VmRSS");
  const batchSize = 100;
  let t0 = performance.now();
  const trainSet = new datasets.MNIST({ train: true, dir: FASHION });
  const loadS = (performance.now() - t0) / 1e3;
  const trainLoader = new DataLoader(trainSet, batchSize);
  const model = new MLP([1000, 10]);
  const optimizer = new optimizers.SGD().setup(model);
  let [sumLoss, sumAcc, n, it] = [0, 0, 0, 0];
  let xDtype = "";
  t0 = performance.now();
  for (const [x, t] of trainLoader) {
    xDtype = x.dtype;
    const y = model.call(x);
    const loss = F.softmaxCrossEntropy(y, t);
    const acc = F.accuracy(y, t);
    model.cleargrads();
    loss.backward();
    optimizer.update();
    sumLoss += loss.data!.item() * t.length;
    sumAcc += acc.data!.item() * t.length;
    n += t.length;
    if (++it >= iters) break;
  }
  const dt = (performance.now() - t0) / 1e3;
  // y = xW, gx = gy Wᵀ, gW = xᵀ gy for both layers: 2MKN each.
  const flop = it *
    [[784, 1000], [1000, 10]].reduce((s, [a, b]) => s + 3 * 2 * batchSize * a * b, 0);
  const peak = statusMb("VmHWM");
  const [trainLoss, trainAcc] = [sumLoss / n, sumAcc / n];
  const ok = trainSet.length === 60000 && (iters < 600 || (trainLoss < 2.0 && trainAcc > 0.4));
  const common = {
    iters: it,
    batch: batchSize,
    load_s: loadS,
    gflop: flop / 1e9,
    gflops: flop / dt / 1e9,
    train_loss: trainLoss,
    train_acc: trainAcc,
    w_dtype: model.layers[0].W.dtype,
    x_dtype: xDtype,
  };
  emit("W9", "W9 mnist mlp epoch s", dt, "s", ok, common);
  emit("W9", "W9 mnist mlp GFLOPS", flop / dt / 1e9, "GFLOPS", ok, common);
  emit("W9", "W9 mnist mlp peak RSS MB", peak, "MB", ok, {
    peak_rss_mb: peak,
    base_rss_mb: baseRss,
    ...common,
  });
}

class CNN extends Model {
  conv = new L.Conv2d(16, 3, { stride: 1, pad: 1 });
  fc = new L.Linear(10);

  override forward(x: np.NDArray | Variable): Variable {
    let y = F.relu(this.conv.call(x));
    y = F.pooling(y, 2, { stride: 2 });
    y = F.reshape(y, [y.shape[0], -1]);
    return this.fc.call(y);
  }
}

function w10(batches = 50): void {
  np.random.seed(0);
  const trainSet = new datasets.MNIST({ train: true, dir: FASHION });
  const loader = new DataLoader(trainSet, 32, false);
  const model = new CNN();
  const optimizer = new optimizers.SGD().setup(model);
  const losses: number[] = [];
  let xDtype = "";
  const t0 = performance.now();
  for (const [batch, t] of loader) {
    const x = batch.reshape(batch.length, 1, 28, 28);
    xDtype = x.dtype;
    const loss = F.softmaxCrossEntropy(model.call(x), t);
    model.cleargrads();
    loss.backward();
    optimizer.update();
    losses.push(loss.data!.item());
    if (losses.length >= batches) break;
  }
  const dt = (performance.now() - t0) / 1e3;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ok = losses.length === batches && losses.every(Number.isFinite) &&
    (batches < 50 || mean(losses.slice(-10)) < mean(losses.slice(0, 10)));
  emit("W10", "W10 small cnn 50 batches s", dt, "s", ok, {
    batches: losses.length,
    batch: 32,
    ms_per_batch: dt / losses.length * 1e3,
    loss_first: losses[0],
    loss_last: losses[losses.length - 1],
    w_dtype: model.conv.W.dtype,
    x_dtype: xDtype,
  });
}

class BetterRNN extends Model {
  rnn: L.LSTM;
  fc: L.Linear;

  constructor(hiddenSize: number, outSize: number) {
    super();
    this.rnn = new L.LSTM(hiddenSize);
    this.fc = new L.Linear(outSize);
  }

  resetState(): void {
    this.rnn.resetState();
  }

  override forward(x: np.NDArray | Variable): Variable {
    return this.fc.call(this.rnn.call(x));
  }
}

function w11(epochs = 20): void {
  const [batchSize, hiddenSize, bpttLength] = [30, 100, 30];
  np.random.seed(0); // SinCurve's noise (unseeded in the book)
  const trainSet = new datasets.SinCurve({ train: true });
  const dataloader = new SeqDataLoader(trainSet, batchSize);
  const seqlen = trainSet.length;
  const model = new BetterRNN(hiddenSize, 1);
  const optimizer = new optimizers.Adam().setup(model);
  const times: number[] = [];
  const avg: number[] = [];
  let count = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const t0 = performance.now();
    model.resetState();
    let loss = new Variable(np.array(0));
    count = 0;
    for (const [x, t] of dataloader) {
      const y = model.call(x);
      loss = loss.add(F.meanSquaredError(y, t));
      count += 1;
      if (count % bpttLength === 0 || count === seqlen) {
        model.cleargrads();
        loss.backward();
        loss.unchainBackward();
        optimizer.update();
      }
    }
    avg.push(loss.data!.item() / count);
    times.push((performance.now() - t0) / 1e3);
  }
  const total = times.reduce((a, b) => a + b, 0);
  const ok = avg.every(Number.isFinite) && (epochs < 10 || avg[avg.length - 1] < avg[0]);
  emit("W11", "W11 step60 lstm s/epoch", total / epochs, "s", ok, {
    epochs,
    total_s: total,
    first_epoch_s: times[0],
    median_epoch_s: median(times),
    min_epoch_s: Math.min(...times),
    steps_per_epoch: count,
    loss_first: avg[0],
    loss_last: avg[avg.length - 1],
    w_dtype: model.fc.W.dtype,
  });
}

function gemm(minMs = 500): void {
  np.random.seed(0);
  for (const [m, k, n] of [[100, 784, 1000], [512, 512, 512]]) {
    for (const dtype of ["float32", "float64"] as const) {
      const a = np.random.rand(m, k).astype(dtype);
      const b = np.random.rand(k, n).astype(dtype);
      const warmEnd = performance.now() + 200;
      for (let i = 0; i < 3 || performance.now() < warmEnd; i++) a.matmul(b);
      const ts: number[] = [];
      const end = performance.now() + minMs;
      while (ts.length < 10 || (performance.now() < end && ts.length < 10000)) {
        const t0 = performance.now();
        a.matmul(b);
        ts.push((performance.now() - t0) / 1e3);
      }
      const flop = 2 * m * k * n;
      emit("GEMM", `GEMM ${m}x${k}x${n} ${dtype} GFLOPS`, flop / median(ts) / 1e9, "GFLOPS", true, {
        m,
        k,
        n,
        dtype,
        calls: ts.length,
        ms_median: median(ts) * 1e3,
        ms_min: Math.min(...ts) * 1e3,
        gflops_best: flop / Math.min(...ts) / 1e9,
      });
    }
  }
}

if (import.meta.main) {
  const [name, ...rest] = Deno.args;
  const args = rest.map(Number);
  const table: Record<string, (n?: number) => void> = {
    W7: w7,
    W8: w8,
    W9: w9,
    W10: w10,
    W11: w11,
    GEMM: gemm,
  };
  const run = table[(name ?? "").toUpperCase()];
  if (run === undefined) {
    console.error("usage: bench/nn.ts W7|W8|W9|W10|W11|GEMM [count]");
    Deno.exit(2);
  }
  run(...args);
}
