/**
 * Step 52's epoch on the WebGPU adapter against the CPU path: runs `steps/step52.ts` in a fresh
 * process for each (`--cpu`, then `--gpu`, which uses even a software adapter), two epochs of N
 * minibatches of 100, and reports the second epoch (the first also compiles the kernels and warms
 * the JIT), per minibatch and projected to step 52's full epoch of 600. Then the MLP's largest
 * product, (100, 784) @ (784, 1000), on each side in GFLOP/s.
 *
 * The data: `--dir=FOLDER` (MNIST's four files), else Debian's Fashion-MNIST if installed, else
 * `--synthetic`: random images and labels in MNIST's format and sizes, written to a temporary
 * folder (the timing does not depend on the pixels; the losses then stay near ln 10).
 *
 * Usage: deno run --allow-run=deno --allow-read --allow-write=/tmp bench/gpu.ts [--batches=N]
 *        [--dir=FOLDER | --synthetic]
 */
import { gzipSync } from "node:zlib";
import { cuda, np } from "../dezero/full.ts";

const option = (name: string) =>
  Deno.args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

const batches = Number(option("batches") ?? 30);
const FASHION = "/usr/share/datasets/fashion-mnist";

/** MNIST's four files of random bytes, in a new temporary folder. */
function synthetic(): string {
  const dir = Deno.makeTempDirSync({ prefix: "dezero-mnist-" });
  // An IDX file: magic 0x0000 08 ndim, the sizes, then `fill`ed bytes, gzipped.
  const idx = (dims: number[], fill: (bytes: Uint8Array) => void) => {
    const head = 4 + 4 * dims.length;
    const file = new Uint8Array(head + dims.reduce((a, b) => a * b, 1));
    const view = new DataView(file.buffer);
    view.setUint32(0, 0x0800 + dims.length);
    dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
    fill(file.subarray(head));
    return gzipSync(file, { level: 1 });
  };
  const random = (max: number) => (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * max);
  };
  const files: [string, number][] = [["train", 60000], ["t10k", 10000]];
  for (const [name, n] of files) {
    Deno.writeFileSync(`${dir}/${name}-images-idx3-ubyte.gz`, idx([n, 28, 28], random(256)));
    Deno.writeFileSync(`${dir}/${name}-labels-idx1-ubyte.gz`, idx([n], random(10)));
  }
  return dir;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

const made = option("dir") === undefined && (Deno.args.includes("--synthetic") || !exists(FASHION));
const dir = option("dir") ?? (made ? synthetic() : FASHION);

/** The seconds of step 52's second epoch, run with `flag`. */
async function epochTime(flag: string): Promise<number> {
  const step = new URL("../steps/step52.ts", import.meta.url).pathname;
  const out = await new Deno.Command("deno", {
    args: ["run", "--allow-read", step, `--dir=${dir}`, "--epochs=2", `--batches=${batches}`, flag],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const times = [...text.matchAll(/^epoch: \d+, loss: [\d.]+, time: ([\d.]+)\[sec\]$/gm)];
  if (out.code !== 0 || times.length !== 2) {
    throw new Error(`step 52 ${flag} failed:\n${text}${new TextDecoder().decode(out.stderr)}`);
  }
  return Number(times[1][1]);
}

/** GFLOP/s of `repeat` products (100, 784) @ (784, 1000), made by `product`, read at the end. */
async function gflops(
  product: () => np.NDArray,
  repeat: number,
): Promise<number> {
  await cuda.asNumpy(product()); // warm-up, and the kernel's compilation
  const start = performance.now();
  let y = product();
  for (let i = 1; i < repeat; i++) y = product();
  await cuda.asNumpy(y);
  const seconds = (performance.now() - start) / 1000;
  return (2 * 100 * 784 * 1000 * repeat) / seconds / 1e9;
}

if (import.meta.main) {
  const found = await cuda.init();
  const adapter = cuda.adapter();
  console.log(
    `adapter: ${
      adapter === null
        ? "none"
        : `${adapter.description}${adapter.software ? " (software: the CPU emulating a GPU)" : ""}`
    }; data: ${dir}`,
  );
  console.log(`step 52, 2 epochs of ${batches} minibatches of 100, the second one timed:`);
  const sides: [string, string][] = [["CPU", "--cpu"]];
  if (found) sides.push(["GPU", "--gpu"]);
  const perBatch: Record<string, number> = {};
  for (const [name, flag] of sides) {
    const seconds = await epochTime(flag);
    perBatch[name] = seconds / batches;
    console.log(
      `  ${name}: ${seconds.toFixed(3)} s, ${(perBatch[name] * 1000).toFixed(1)} ms per ` +
        `minibatch, ${(perBatch[name] * 600).toFixed(1)} s per epoch of 600`,
    );
  }
  if (found) {
    const ratio = perBatch.GPU / perBatch.CPU;
    console.log(
      `  the GPU takes ${ratio.toFixed(2)}× the CPU's time (${
        ratio > 1 ? "slower" : `${(1 / ratio).toFixed(1)}× faster`
      })`,
    );
  }
  np.random.seed(0);
  const x = np.random.rand(100, 784).astype("float32");
  const W = np.random.rand(784, 1000).astype("float32");
  console.log(`(100, 784) @ (784, 1000), float32:`);
  console.log(`  CPU: ${(await gflops(() => x.dot(W), 5)).toFixed(2)} GFLOP/s`);
  if (found) {
    const [gx, gW] = [cuda.asGpu(x), cuda.asGpu(W)];
    console.log(`  GPU: ${(await gflops(() => gx.dot(gW), 20)).toFixed(2)} GFLOP/s`);
  }
  if (made) Deno.removeSync(dir, { recursive: true });
}
