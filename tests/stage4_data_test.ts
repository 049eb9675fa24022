/**
 * Stage 4's data: the spiral (`datasets.getSpiral`, `Spiral`) against the book's points, the IDX
 * reader (`datasets.readIdx`) and `MNIST` on small gzipped files made here, and `DataLoader` /
 * `SeqDataLoader` against the book's loaders. The book's values come from
 * tools/gen_stage4_data.py (tests/fixtures/stage4_data.json): the training spiral as the book's
 * step 48 plotted it, the rest from the book's code run under NumPy.
 */
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { DataLoader, datasets, np, SeqDataLoader } from "../dezero/full.ts";
import { type Needed, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno, systemTempDir } from "./_subprocess.ts";
import fixtureJson from "./fixtures/stage4_data.json" with { type: "json" };

interface Points {
  x: number[][];
  t: number[];
}
type Batches = [number[][], number[]][][];

const fixture = fixtureJson as unknown as {
  spiral_train: Points;
  spiral_test: Points;
  loader_shuffled: { seed: number; epochs: Batches; rand_after: number };
  loader_ordered: Batches;
  loader_seq: Batches;
};

function assertSpiral(got: [np.NDArray, np.NDArray], want: Points): void {
  const [x, t] = got;
  assert.deepEqual([x.shape, x.dtype, t.shape, t.dtype], [[300, 2], "float32", [300], "int64"]);
  // Exactly: the float32 points are the book's, bit for bit.
  assert.deepEqual(x.toArray(), want.x);
  assert.deepEqual(t.toArray(), want.t);
}

Deno.test("getSpiral(true) gives the points of the book's step 48 figure, in order", () => {
  assertSpiral(datasets.getSpiral(true), fixture.spiral_train);
  assertSpiral(datasets.getSpiral(), fixture.spiral_train);
});

Deno.test("getSpiral(false) is the book's test set (seed 2020)", () => {
  assertSpiral(datasets.getSpiral(false), fixture.spiral_test);
  const counts = [0, 1, 2].map((c) => fixture.spiral_test.t.filter((t) => t === c).length);
  assert.deepEqual(counts, [100, 100, 100]);
});

Deno.test("Spiral: the dataset's examples are getSpiral's rows, with their labels", () => {
  const train = new datasets.Spiral();
  const test = new datasets.Spiral({ train: false });
  assert.equal(train.length, 300);
  for (const i of [0, 1, 299]) {
    const [x, t] = train.get(i);
    assert.deepEqual(x.toArray(), fixture.spiral_train.x[i]);
    assert.equal(t?.item(), fixture.spiral_train.t[i]);
    assert.deepEqual(test.get(i)[0].toArray(), fixture.spiral_test.x[i]);
  }
});

// =============================================================================================
// DataLoader / SeqDataLoader

/** The book's test dataset: example i is [i, 100 + i], its label i % 3. */
class Ten extends datasets.Dataset {
  override prepare(): void {
    this.data = np.array(Array.from({ length: 10 }, (_, i) => [i, 100 + i]));
    this.label = np.array(Array.from({ length: 10 }, (_, i) => i % 3), "int64");
  }
}

function epochsOf(loader: DataLoader, epochs: number): Batches {
  return Array.from(
    { length: epochs },
    () => [...loader].map(([x, t]) => [x.toArray(), t.toArray()] as [number[][], number[]]),
  );
}

Deno.test("DataLoader: shuffled batches are the book's, a new permutation each epoch", () => {
  const want = fixture.loader_shuffled;
  np.random.seed(want.seed);
  const loader = new DataLoader(new Ten(), 3);
  assert.equal(loader.maxIter, 4);
  const got = epochsOf(loader, 3);
  assert.deepEqual(got, want.epochs);
  // 4 batches per epoch, the last one smaller; every example once per epoch.
  for (const epoch of got) {
    assert.deepEqual(epoch.map(([x]) => x.length), [3, 3, 3, 1]);
    assert.deepEqual(epoch.flatMap(([x]) => x.map((row) => row[0])).sort((a, b) => a - b), [
      0,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      9,
    ]);
  }
  assert.notDeepEqual(got[0], got[1]);
  // The book draws a permutation at the start and one at the end of each epoch: four in all.
  assert.equal(np.random.rand().item(), want.rand_after);
});

Deno.test("DataLoader: shuffle false gives the examples in order, each epoch", () => {
  const loader = new DataLoader(new Ten(), 3, false);
  assert.deepEqual(epochsOf(loader, 2), fixture.loader_ordered);
  assert.deepEqual(fixture.loader_ordered[0][0], [[[0, 100], [1, 101], [2, 102]], [0, 1, 2]]);
});

Deno.test("DataLoader: a batch size that divides the data has no smaller batch", () => {
  const loader = new DataLoader(new Ten(), 5, false);
  assert.deepEqual(epochsOf(loader, 1)[0].map(([x]) => x.length), [5, 5]);
  const one = new DataLoader(new Ten(), 20, false);
  assert.deepEqual(epochsOf(one, 1)[0].map(([x]) => x.length), [10]);
});

Deno.test("SeqDataLoader: batches read the data in time order, as the book's", () => {
  const loader = new SeqDataLoader(new Ten(), 3);
  assert.deepEqual(epochsOf(loader, 2), fixture.loader_seq);
  // jump = 10 // 3 = 3: batch k holds examples k, 3 + k, 6 + k.
  assert.deepEqual(fixture.loader_seq[0][1][1], [1, 1, 1]);
});

// =============================================================================================
// IDX files and MNIST

const tempDir = await systemTempDir();
const TEMP: Needed[] = [
  [{ name: "write", path: tempDir }, `--allow-write=${tempDir}`],
  [{ name: "read", path: tempDir }, `--allow-read=${tempDir}`],
];

/** An IDX file of uint8: magic 0x00000800 + ndim, the sizes (big-endian), the bytes. */
function idx(shape: number[], data: number[], magic = [0, 0, 8, shape.length]): Uint8Array {
  const header = new Uint8Array(4 + 4 * shape.length);
  header.set(magic);
  const view = new DataView(header.buffer);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return new Uint8Array([...header, ...data]);
}

async function withTempDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "dezero_idx_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

await testWith(
  "readIdx: images and labels of valid files, shape and bytes",
  TEMP,
  () =>
    withTempDir((dir) => {
      const pixels = Array.from({ length: 2 * 3 * 4 }, (_, i) => (i * 11) % 256);
      Deno.writeFileSync(`${dir}/images.gz`, gzipSync(idx([2, 3, 4], pixels)));
      Deno.writeFileSync(`${dir}/labels.gz`, gzipSync(idx([5], [7, 0, 9, 255, 1])));
      const images = datasets.readIdx(`${dir}/images.gz`, 3);
      assert.deepEqual([images.shape, images.dtype], [[2, 3, 4], "uint8"]);
      assert.deepEqual([...images.data], pixels);
      const labels = datasets.readIdx(`${dir}/labels.gz`, 1);
      assert.equal(labels.toString(), "[  7   0   9 255   1]");
    }),
);

await testWith(
  "readIdx: a truncated, corrupt or wrong file is refused with its reason",
  TEMP,
  () =>
    withTempDir((dir) => {
      const write = (name: string, bytes: Uint8Array) => {
        Deno.writeFileSync(`${dir}/${name}`, bytes);
        return `${dir}/${name}`;
      };
      const good = gzipSync(idx([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
      // The gzip stream cut short.
      const cut = write("cut.gz", good.slice(0, good.length - 12));
      assert.throws(() => datasets.readIdx(cut, 3), /cut\.gz is not a readable gzip file/);
      // Not gzipped at all.
      const plain = write("plain.gz", idx([2], [1, 2]));
      assert.throws(() => datasets.readIdx(plain, 1), /not a readable gzip file/);
      // A valid gzip of an IDX file whose data stops early, or runs on.
      const short = write("short.gz", gzipSync(idx([2, 2, 2], [1, 2, 3, 4, 5])));
      assert.throws(
        () => datasets.readIdx(short, 3),
        /short\.gz is truncated or corrupt: its header promises 8 bytes of data \(2×2×2\), it has 5/,
      );
      const long = write("long.gz", gzipSync(idx([2], [1, 2, 3])));
      assert.throws(() => datasets.readIdx(long, 1), /promises 2 bytes .* it has 3/);
      // A header cut inside the sizes.
      const header = write("header.gz", gzipSync(new Uint8Array([0, 0, 8, 3, 0, 0])));
      assert.throws(() => datasets.readIdx(header, 3), /not an IDX file of 3 dimension/);
      // Wrong magic numbers: another element type (0x09, int8), a nonzero start.
      const int8 = write("int8.gz", gzipSync(idx([2], [1, 2], [0, 0, 9, 1])));
      assert.throws(
        () => datasets.readIdx(int8, 1),
        /not an IDX file .* uint8 \(wrong magic number 0 0 9 1\)/,
      );
      const text = write("text.gz", gzipSync(new TextEncoder().encode("hello, world")));
      assert.throws(() => datasets.readIdx(text, 1), /wrong magic number 68 65 6c 6c/);
      // An images file read as labels: the number of dimensions differs.
      const images = write("images.gz", good);
      assert.throws(
        () => datasets.readIdx(images, 1),
        /not an IDX file of 1 dimension\(s\) .*0 0 8 3/,
      );
      // A missing file.
      assert.throws(() => datasets.readIdx(`${dir}/none.gz`, 1), /none\.gz: no such file/);
    }),
);

/** Writes the four MNIST files: `nTrain` and `nTest` images of 28×28 with their labels. */
function writeMnist(dir: string, nTrain: number, nTest: number, nTrainLabels = nTrain): void {
  const pixels = (n: number, base: number) =>
    Array.from({ length: n * 28 * 28 }, (_, i) => (base + i * 7) % 256);
  const labels = (n: number) => Array.from({ length: n }, (_, i) => (i * 3) % 10);
  const files: [string, Uint8Array][] = [
    ["train-images-idx3-ubyte.gz", idx([nTrain, 28, 28], pixels(nTrain, 0))],
    ["train-labels-idx1-ubyte.gz", idx([nTrainLabels], labels(nTrainLabels))],
    ["t10k-images-idx3-ubyte.gz", idx([nTest, 28, 28], pixels(nTest, 100))],
    ["t10k-labels-idx1-ubyte.gz", idx([nTest], labels(nTest))],
  ];
  for (const [name, bytes] of files) Deno.writeFileSync(`${dir}/${name}`, gzipSync(bytes));
}

await testWith(
  "MNIST({ dir }): the four files of a folder, with the book's transform",
  TEMP,
  () =>
    withTempDir((dir) => {
      writeMnist(dir, 3, 2);
      const train = new datasets.MNIST({ dir });
      const test = new datasets.MNIST({ dir, train: false });
      assert.deepEqual([train.length, test.length], [3, 2]);
      assert.deepEqual(train.data?.shape, [3, 1, 28, 28]);
      // Flatten, ToFloat, Normalize(0, 255): 784 float32 values pixel / 255, as NumPy's float32
      // division rounds it (a float32 quotient is the double quotient rounded to float32).
      const [x, t] = test.get(1);
      assert.deepEqual([x.shape, x.dtype, t?.item()], [[784], "float32", 3]);
      const want = Array.from(
        { length: 784 },
        (_, i) => Math.fround(((100 + (784 + i) * 7) % 256) / 255),
      );
      assert.deepEqual([...x.data], want);
      // Without the transform, the raw uint8 image.
      const raw = new datasets.MNIST({ dir, transform: null });
      assert.deepEqual([raw.get(2)[0].shape, raw.get(2)[0].dtype], [[1, 28, 28], "uint8"]);
      assert.equal(raw.get(2)[1]?.item(), 6);
    }),
);

await testWith(
  "MNIST({ dir }): missing files or a label count that differs are explained",
  TEMP,
  () =>
    withTempDir((dir) => {
      assert.throws(
        () => new datasets.MNIST({ dir }),
        (e: Error) =>
          /train-images-idx3-ubyte\.gz/.test(e.message) && e.message.includes(dir) &&
          /dataset-fashion-mnist/.test(e.message) && /dir/.test(e.message),
      );
      writeMnist(dir, 3, 2, 4);
      assert.throws(
        () => new datasets.MNIST({ dir }),
        /has 3 images but .*train-labels.* 4 labels/,
      );
    }),
);

const HOME_ENV: Needed = [{ name: "env", variable: "HOME" }, "--allow-env=HOME"];
// The test relies on the download being refused; where it is allowed it would download.
const MNIST_HOST = { name: "net", host: "ossci-datasets.s3.amazonaws.com" } as const;
const canDownload = (await Deno.permissions.query(MNIST_HOST)).state === "granted";

await testWith(
  "MNIST without dir: a failed download says where to put the files and about dir" +
    (canDownload ? " (not run: --allow-net would download MNIST)" : ""),
  canDownload ? [[MNIST_HOST, "no --allow-net for the MNIST host"]] : [...TEMP, HOME_ENV],
  () =>
    withTempDir((dir) => {
      // An empty cache in a temporary home; the download is refused (no --allow-net for the
      // host), as it fails offline.
      const home = Deno.env.get("HOME");
      Deno.env.set("HOME", dir);
      try {
        assert.throws(
          () => new datasets.MNIST(),
          (e: Error) =>
            /MNIST needs train-images-idx3-ubyte\.gz/.test(e.message) &&
            /could not download/.test(e.message) && /dir: "\.\.\."/.test(e.message) &&
            /dataset-fashion-mnist/.test(e.message),
        );
      } finally {
        if (home === undefined) Deno.env.delete("HOME");
        else Deno.env.set("HOME", home);
      }
    }),
);

await testWith(
  "readIdx without --allow-read for the file says so (not 'corrupt')",
  [...TEMP, RUN_DENO],
  () =>
    withTempDir(async (dir) => {
      Deno.writeFileSync(`${dir}/labels.gz`, gzipSync(idx([1], [4])));
      const script = `${dir}/read.ts`;
      const full = new URL("../dezero/full.ts", import.meta.url).href;
      Deno.writeTextFileSync(
        script,
        `import { datasets } from "${full}";\n` +
          `try { datasets.readIdx("${dir}/labels.gz", 1); } catch (e) { console.log(String(e)); }\n`,
      );
      const repo = new URL("../", import.meta.url).pathname;
      const { stdout } = await runDeno(["run", `--allow-read=${repo},${script}`, script], dir);
      assert.equal(
        stdout.trim(),
        `Error: reading ${dir}/labels.gz needs --allow-read (e.g. --allow-read=${dir}/labels.gz)`,
      );
    }),
);
