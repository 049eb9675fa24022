/**
 * Step 52: GPU support — GPU 지원
 *
 * Since step 51: `dezero/cuda.ts` (the book's `cuda.py`) and the GPU's array module, `cuda.gpu`
 * (CuPy to this port), on WebGPU, which Deno has built in. `cuda.getArrayModule(x)` gives `np` or
 * `cuda.gpu` for an array, and DeZero's functions compute with it (`xp.exp(x)`), so that they run
 * where their input is; `model.toGpu()` and `trainLoader.toGpu()` move the parameters and the
 * batches. Step 51's MLP 784 → 1000 → 10 is trained on MNIST's training set for 5 epochs, and
 * each epoch prints its loss and how long it took.
 *
 * Why two `await`s, where the book has none: WebGPU answers two things asynchronously that CUDA
 * answers at once. Its adapter: `await cuda.init()` asks for it, once (the book's
 * `dezero.cuda.gpu_enable` is known at import). And reading numbers back: the book's
 * `float(loss.data)` waits for the GPU, and in JavaScript that wait is `await`, here
 * `await cuda.asNumpy(loss.data)`. Everything else stays as the book's: each operation hands its
 * kernel to the GPU and returns at once. Awaiting each loss also lets the memory of the previous
 * step's arrays come back (JavaScript's garbage collector frees it between tasks). On the CPU
 * the same await costs nothing.
 *
 * Differences from the book: `if dezero.cuda.gpu_enable:` is `if (gpu)`, where `gpu` also
 * requires that the adapter is a real GPU: a software one (Mesa's llvmpipe, SwiftShader: the
 * CPU emulating a GPU, much slower than the CPU path) is announced and the training stays on the
 * CPU, unless `--gpu` asks for it anyway; `--cpu` keeps it on the CPU with a GPU. The GPU computes
 * in float32 throughout (WGSL has no float64), where NumPy's rules compute some gradients in
 * float64, so its losses differ from the CPU's in the last digits. `time.time()` is
 * `performance.now()`; `'{:.4f}'.format(v)` is `v.toFixed(4)`. As in step 51, `--dir=FOLDER`
 * reads MNIST's four files from a folder (offline: Fashion-MNIST in
 * `/usr/share/datasets/fashion-mnist`) and `--epochs=N` changes the number of epochs;
 * `--batches=N` stops each epoch after N minibatches (for a quick look on a slow adapter).
 *
 * Run: deno run --allow-env=HOME --allow-read --allow-write --allow-net steps/step52.ts
 *      deno run --allow-read steps/step52.ts --dir=/usr/share/datasets/fashion-mnist
 *      deno run --allow-read steps/step52.ts --dir=/usr/share/datasets/fashion-mnist --gpu
 *      (on a 2-core VM: the CPU path about a minute per epoch, 0.11 s per minibatch; Mesa's
 *      llvmpipe with --gpu about 6 times that. `bench/gpu.ts` times both)
 * @module
 */
import { cuda, DataLoader, datasets, F, MLP, optimizers } from "../dezero/full.ts";

const option = (name: string) =>
  Deno.args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

const maxEpoch = Number(option("epochs") ?? 5);
const maxBatches = Number(option("batches") ?? Infinity);
const batchSize = 100;

if (import.meta.main) {
  const dir = option("dir");
  const trainSet = new datasets.MNIST({ train: true, dir });
  const trainLoader = new DataLoader(trainSet, batchSize);
  const model = new MLP([1000, 10]);
  const optimizer = new optimizers.SGD().setup(model);

  // GPU mode
  await cuda.init(); // WebGPU hands out its adapter asynchronously
  const adapter = cuda.adapter();
  let gpu = cuda.gpuEnable && !Deno.args.includes("--cpu");
  if (gpu && adapter?.software && !Deno.args.includes("--gpu")) {
    console.log(
      `(WebGPU's adapter, ${adapter.description}, is a software one: the CPU emulating a GPU, ` +
        "slower than the CPU path. Training on the CPU; --gpu uses the adapter anyway.)",
    );
    gpu = false;
  }
  if (gpu) {
    trainLoader.toGpu();
    model.toGpu();
  }

  const count = Math.min(trainSet.length, maxBatches * batchSize); // examples per epoch
  for (let epoch = 0; epoch < maxEpoch; epoch++) {
    const start = performance.now();
    let sumLoss = 0;

    for (const [x, t] of trainLoader) {
      const y = model.call(x);
      const loss = F.softmaxCrossEntropy(y, t);
      model.cleargrads();
      loss.backward();
      optimizer.update();
      sumLoss += (await cuda.asNumpy(loss.data)).item() * t.length; // float(loss.data)
      if (trainLoader.iteration >= maxBatches) {
        trainLoader.reset();
        break;
      }
    }

    const elapsedTime = (performance.now() - start) / 1000;
    console.log(
      `epoch: ${epoch + 1}, loss: ${(sumLoss / count).toFixed(4)}, ` +
        `time: ${elapsedTime.toFixed(4)}[sec]`,
    );
  }
}
