/**
 * The book's `dezero.datasets`: `Dataset`, the base class (step 49), and the datasets `Spiral`
 * (from `getSpiral`, seeded as the book's, so the points are the book's), `MNIST` (step 51) and
 * `SinCurve` (step 59). `dataset.get(i)` is the book's `dataset[i]`: the i-th example and its
 * label, each through the dataset's transform; `dataset.length` is `len(dataset)`; `for (const
 * [x, t] of dataset)` is `for x, t in dataset`. The book's keyword arguments are an
 * options object: `new datasets.MNIST({ train: false, transform: f })`.
 *
 * MNIST reads the four IDX `.gz` files from the cache the book uses, `~/.dezero` (so files Python
 * DeZero downloaded are reused), downloading what is missing from the book's URL. Without a
 * network, point it at a folder with the four files: `{ dir: "/usr/share/datasets/fashion-mnist" }`
 * (Debian's `dataset-fashion-mnist`: Fashion-MNIST, a drop-in with MNIST's format and names).
 *
 * @module
 */

import { gunzipSync } from "node:zlib";
import { describe } from "./np/_errors.ts";
import * as np from "./np/mod.ts";
import { apply, Compose, Flatten, Normalize, ToFloat, type Transform } from "./transforms.ts";
import { getFile } from "./utils.ts";

/** The options of a dataset: the book's keyword arguments. */
export interface DatasetOptions {
  /** The training set (default) or the test set. */
  train?: boolean;
  /** Applied to each example. */
  transform?: Transform | null;
  /** Applied to each label. */
  targetTransform?: Transform | null;
}

/**
 * A dataset: `data` and `label` arrays made by `prepare()`, read one example at a time with
 * `get(i)`. Subclasses define `prepare`.
 *
 * @example
 * ```ts
 * import { datasets, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * class Squares extends datasets.Dataset {
 *   override prepare(): void {
 *     this.data = np.arange(5);
 *     this.label = this.data.mul(this.data);
 *   }
 * }
 * const ds = new Squares();
 * assert.equal(ds.length, 5);
 * assert.equal(ds.get(3).join(" "), "3 9");
 * ```
 */
export class Dataset {
  /** Whether this is the training set. */
  train: boolean;
  /** Applied to each example. */
  transform: Transform | null;
  /** Applied to each label. */
  targetTransform: Transform | null;
  /** The options given, for a subclass's `prepare`. */
  options: DatasetOptions;
  /** The examples, along the first axis. */
  data: np.NDArray | null = null;
  /** The labels, or `null` for a dataset without them. */
  label: np.NDArray | null = null;

  /** @param options `train`, `transform`, `targetTransform` */
  constructor(options: DatasetOptions = {}) {
    if (typeof options !== "object" || options === null) {
      throw new TypeError(
        `a dataset takes an options object, e.g. { train: false }, not ${describe(options)}`,
      );
    }
    const { train = true, transform = null, targetTransform = null } = options;
    this.train = train;
    this.transform = transform;
    this.targetTransform = targetTransform;
    this.options = options;
    this.prepare();
  }

  /**
   * The example at `index` and its label (`null` without labels), each transformed: the book's
   * `dataset[index]`.
   *
   * @param index a position in the dataset
   */
  get(index: number): [np.NDArray, np.NDArray | null] {
    if (!Number.isInteger(index)) {
      throw new TypeError(`a dataset is indexed by one integer, not ${describe(index)}`);
    }
    const data = this.prepared();
    const x = data.get(index);
    const tx = this.transform === null ? x : apply(this.transform, x);
    if (this.label === null) return [tx, null];
    const t = this.label.get(index);
    return [tx, this.targetTransform === null ? t : apply(this.targetTransform, t)];
  }

  /**
   * The examples one by one, each `get(i)`, for `i` from 0 to `length - 1`: the book's
   * `for x, t in dataset` (step 59), which Python runs on `__getitem__` until an `IndexError`.
   *
   * @example
   * ```ts
   * import { datasets } from "./full.ts";
   * import assert from "node:assert/strict";
   * const labels = [...new datasets.Spiral()].map(([_x, t]) => t?.item() ?? NaN);
   * assert.deepEqual([labels.length, Math.max(...labels)], [300, 2]);
   * ```
   */
  *[Symbol.iterator](): Generator<[np.NDArray, np.NDArray | null]> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  /** The number of examples: the book's `len(dataset)`. */
  get length(): number {
    return this.prepared().length;
  }

  /** Makes `data` and `label`; subclasses define it. */
  prepare(): void {}

  private prepared(): np.NDArray {
    if (this.data === null) {
      throw new Error(`${this.constructor.name} has no data: its prepare() must set this.data`);
    }
    return this.data;
  }
}

// =============================================================================================
// Toy datasets

/**
 * The book's spiral: 300 points of three classes on three arms, with Gaussian noise seeded
 * `1984` (training set) or `2020` (test set) in NumPy's generator, then shuffled; so the points
 * are the book's. `x` is float32 `(300, 2)`, `t` int64 `(300,)`.
 *
 * @param train the training set (seed 1984) or the test set (2020)
 *
 * @example
 * ```ts
 * import { datasets } from "./full.ts";
 * import assert from "node:assert/strict";
 * const [x, t] = datasets.getSpiral(true);
 * assert.deepEqual([x.shape, t.shape, x.dtype, t.dtype], [[300, 2], [300], "float32", "int64"]);
 * ```
 */
export function getSpiral(train = true): [np.NDArray, np.NDArray] {
  const seed = train ? 1984 : 2020;
  np.random.seed(seed);

  const [numData, numClass, inputDim] = [100, 3, 2];
  const dataSize = numClass * numData;
  let x = np.zeros([dataSize, inputDim], "float32");
  let t = np.zeros(dataSize, "int64");

  for (let j = 0; j < numClass; j++) {
    for (let i = 0; i < numData; i++) {
      const rate = i / numData;
      const radius = 1.0 * rate;
      const theta = j * 4.0 + 4.0 * rate + np.random.randn().item() * 0.2;
      const ix = numData * j + i;
      x.set(ix, np.array([radius * Math.sin(theta), radius * Math.cos(theta)]).flatten());
      t.set(ix, j);
    }
  }
  // Shuffle
  const indices = np.random.permutation(numData * numClass);
  x = x.get(indices);
  t = t.get(indices);
  return [x, t];
}

/**
 * The spiral as a dataset (step 49).
 *
 * @example
 * ```ts
 * import { datasets } from "./full.ts";
 * import assert from "node:assert/strict";
 * const trainSet = new datasets.Spiral({ train: true });
 * const [x, t] = trainSet.get(0);
 * assert.deepEqual([trainSet.length, x.shape, t?.shape], [300, [2], []]);
 * ```
 */
export class Spiral extends Dataset {
  /** The points and labels of `getSpiral(train)`. */
  override prepare(): void {
    [this.data, this.label] = getSpiral(this.train);
  }
}

// =============================================================================================
// Sequential datasets

/**
 * A sine wave to predict one step ahead (step 59): 1000 points of `sin(x)` on `[0, 2π]` plus
 * uniform noise in `[-0.05, 0.05)` from `np.random.uniform` (the training set), or `cos(x)`
 * without noise (the test set, for which the noise is drawn all the same, as in the book). Each
 * example is a point, `(1,)` float64, and its label the next point: 999 of them. The noise is not
 * seeded, as in the book; after `np.random.seed(s)` it is the book's noise for that seed.
 *
 * @example
 * ```ts
 * import { datasets, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const trainSet = new datasets.SinCurve({ train: true });
 * const [x, t] = trainSet.get(0);
 * assert.deepEqual([trainSet.length, x.shape, t?.shape, x.dtype], [999, [1], [1], "float64"]);
 * assert.ok(Math.abs(x.item()) < 0.05); // sin(0) plus the noise
 * assert.equal(trainSet.get(1)[0].item(), t?.item()); // the label is the next point
 * ```
 */
export class SinCurve extends Dataset {
  /** The curve: `data` its points but the last, `label` its points but the first, `(999, 1)`. */
  override prepare(): void {
    const numData = 1000;
    const dtype = "float64";

    const x = np.linspace(0, 2 * np.pi, numData);
    const noiseRange = [-0.05, 0.05];
    const noise = np.random.uniform(noiseRange[0], noiseRange[1], x.shape);
    const y = (this.train ? np.sin(x).add(noise) : np.cos(x)).astype(dtype);
    this.data = y.get(np.slice(null, -1)).get(np.slice(), np.newaxis);
    this.label = y.get(np.slice(1)).get(np.slice(), np.newaxis);
  }
}

// =============================================================================================
// MNIST

/** The options of `MNIST`: those of every dataset, and where its files are. */
export interface MNISTOptions extends DatasetOptions {
  /**
   * A folder with the four IDX `.gz` files, instead of the cache `~/.dezero` and the download:
   * e.g. `/usr/share/datasets/fashion-mnist` (Debian's `dataset-fashion-mnist`).
   */
  dir?: string;
}

const MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/"; // the book's (mirror site)
const MNIST_FILES = {
  train: { target: "train-images-idx3-ubyte.gz", label: "train-labels-idx1-ubyte.gz" },
  test: { target: "t10k-images-idx3-ubyte.gz", label: "t10k-labels-idx1-ubyte.gz" },
};

/**
 * Handwritten digits, 28×28 (step 51): `data` is uint8 `(N, 1, 28, 28)`, `label` uint8 `(N,)`;
 * the default transform flattens each image to 784 float32 values in `[0, 1]`.
 *
 * @example
 * ```ts
 * import { datasets } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Object.values(datasets.MNIST.labels()).slice(0, 3), ["0", "1", "2"]);
 * ```
 */
export class MNIST extends Dataset {
  /** @param options `train`, `transform`, `targetTransform`, `dir` */
  constructor(options: MNISTOptions = {}) {
    super({
      transform: new Compose([new Flatten(), new ToFloat(), new Normalize(0, 255)]),
      ...options,
    });
  }

  /** Reads (and if needed downloads) the four files of the training or test set. */
  override prepare(): void {
    const files = this.train ? MNIST_FILES.train : MNIST_FILES.test;
    const { dir } = this.options as MNISTOptions;
    const [dataPath, labelPath] = [files.target, files.label].map((name) =>
      dir === undefined ? cachedOrDownloaded(name) : inDir(dir, name)
    );
    this.data = readIdx(dataPath, 3);
    this.label = readIdx(labelPath, 1);
    if (this.data.length !== this.label.length) {
      throw new Error(
        `${dataPath} has ${this.data.length} images but ${labelPath} ${this.label.length} labels`,
      );
    }
    this.data = this.data.reshape(-1, 1, 28, 28);
  }

  /** The names of the ten classes. */
  static labels(): Record<number, string> {
    return Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, String(i)]));
  }
}

const MNIST_FILE_LIST = Object.values(MNIST_FILES).flatMap(Object.values).join(", ");
const OFFLINE_HINT = "Offline, Debian's dataset-fashion-mnist (apt-get install " +
  "dataset-fashion-mnist) puts Fashion-MNIST, in the same format and names, in " +
  "/usr/share/datasets/fashion-mnist.";

/** The path of an MNIST file in the cache, downloaded if missing, or an error that says what to do. */
function cachedOrDownloaded(name: string): string {
  try {
    return getFile(MNIST_URL + name);
  } catch (e) {
    throw new Error(
      `MNIST needs ${name}: ${(e as Error).message}. Put the four files ` +
        `(${MNIST_FILE_LIST}) in ~/.dezero, or ` +
        'point the dataset at a folder that has them: new datasets.MNIST({ dir: "..." }). ' +
        OFFLINE_HINT,
      { cause: e },
    );
  }
}

/** The path of an MNIST file in the folder `dir`, or, when it is not there, an error that says what to do. */
function inDir(dir: string, name: string): string {
  const path = `${dir}/${name}`;
  try {
    Deno.statSync(path);
  } catch (e) {
    // Other errors (permissions) are readIdx's to report.
    if (!(e instanceof Deno.errors.NotFound)) return path;
    throw new Error(
      `MNIST({ dir: "${dir}" }) needs ${name} in that folder, which has no such file. The ` +
        `folder must hold the four files (${MNIST_FILE_LIST}); leave dir out to use the cache ` +
        `~/.dezero and the download. ${OFFLINE_HINT}`,
      { cause: e },
    );
  }
  return path;
}

/**
 * The uint8 array of an IDX file, gzipped (MNIST's format: a magic number `0x0000 08 ndim`,
 * `ndim` big-endian sizes, then the bytes), checked against its header.
 *
 * @param path the `.gz` file
 * @param ndim the number of dimensions the file must have (3 for images, 1 for labels)
 *
 * @example
 * ```ts
 * import { datasets } from "./full.ts";
 * import { gzipSync } from "node:zlib";
 * import assert from "node:assert/strict";
 * const bytes = gzipSync(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 9]));
 * if (Deno.permissions.querySync({ name: "write", path: "/tmp" }).state === "granted") {
 *   Deno.writeFileSync("/tmp/labels-idx1-ubyte.gz", bytes);
 *   assert.equal(datasets.readIdx("/tmp/labels-idx1-ubyte.gz", 1).toString(), "[7 9]");
 * }
 * ```
 */
export function readIdx(path: string, ndim: number): np.NDArray {
  let bytes: Uint8Array;
  try {
    bytes = gunzipSync(Deno.readFileSync(path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new Error(`${path}: no such file`, { cause: e });
    // Deno 2 reports a missing --allow-read as NotCapable; PermissionDenied is the system's.
    if (e instanceof Deno.errors.NotCapable) {
      throw new Error(`reading ${path} needs --allow-read (e.g. --allow-read=${path})`, {
        cause: e,
      });
    }
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new Error(`${path}: permission denied`, { cause: e });
    }
    throw new Error(`${path} is not a readable gzip file (corrupt or truncated?)`, { cause: e });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * ndim;
  if (bytes.length < header || view.getUint16(0) !== 0 || bytes[2] !== 0x08 || bytes[3] !== ndim) {
    throw new Error(
      `${path} is not an IDX file of ${ndim} dimension(s) of uint8 (wrong magic number ` +
        `${bytes.length >= 4 ? [...bytes.slice(0, 4)].map((b) => b.toString(16)).join(" ") : "—"})`,
    );
  }
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i));
  const size = shape.reduce((a, b) => a * b, 1);
  if (bytes.length - header !== size) {
    throw new Error(
      `${path} is truncated or corrupt: its header promises ${size} bytes of data ` +
        `(${shape.join("×")}), it has ${bytes.length - header}`,
    );
  }
  return new np.NDArray(shape, "uint8", bytes.slice(header));
}

// =============================================================================================
// ImageNet

/** The book's list of the ImageNet classes: a Python dict literal, `{0: 'tench, ...', ...}`. */
const IMAGENET_LABELS_URL = "https://gist.githubusercontent.com/yrevar/942d3a0ac09ec9e5eb3a/raw/" +
  "238f720ff059c1f82f368259d1ca4ffa5dd8f9f5/imagenet1000_clsidx_to_labels.txt";

/**
 * ImageNet, for its class names only, as in the book (which has no data for it):
 * `ImageNet.labels()` gives the 1000 names by class id, read from the list the book downloads
 * into `~/.dezero`.
 *
 * @example
 * ```ts
 * import { datasets } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => new datasets.ImageNet(), /labels\(\)/);
 * ```
 */
export class ImageNet extends Dataset {
  /** Refuses: the book's `ImageNet()` has no data either. */
  constructor() {
    super();
    throw new Error(
      "datasets.ImageNet has no images, as in the book: only its class names, ImageNet.labels()",
    );
  }

  /**
   * The names of the 1000 classes by id (`labels[340]` is "zebra"), from the book's list,
   * downloaded into `~/.dezero` if missing (needs `--allow-env=HOME --allow-read`, and
   * `--allow-write --allow-net` to download).
   */
  static labels(): Record<number, string> {
    let path: string;
    try {
      path = getFile(IMAGENET_LABELS_URL);
    } catch (e) {
      throw new Error(
        `ImageNet.labels() needs the list of class names: ${(e as Error).message}. Download ` +
          `${IMAGENET_LABELS_URL} into ~/.dezero (as ~/.dezero/imagenet1000_clsidx_to_labels.txt)`,
        { cause: e },
      );
    }
    return parseLabels(Deno.readTextFileSync(path), path);
  }
}

/**
 * The class names of the book's ImageNet list: the entries `id: 'name'` of a Python dict
 * literal (names in single or double quotes, with backslash escapes), read without evaluating
 * it (the book's `eval`).
 *
 * @param text the file's text
 * @param path the file's path, for messages
 *
 * @example
 * ```ts
 * import { datasets } from "./full.ts";
 * import assert from "node:assert/strict";
 * const labels = datasets.parseLabels(`{0: 'tench, Tinca tinca',\n 1: "jack-o'-lantern"}`, "list");
 * assert.deepEqual(labels, { 0: "tench, Tinca tinca", 1: "jack-o'-lantern" });
 * ```
 */
export function parseLabels(text: string, path: string): Record<number, string> {
  const body = text.trim();
  if (!body.startsWith("{") || !body.endsWith("}")) {
    throw new Error(`${path} is not the ImageNet class list (a dict literal {0: '...', ...})`);
  }
  const entry = /\s*(\d+)\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(,|$)/y;
  const labels: Record<number, string> = {};
  const inner = body.slice(1, -1);
  entry.lastIndex = 0;
  while (entry.lastIndex < inner.length) {
    const start = entry.lastIndex;
    const m = entry.exec(inner);
    if (m === null) {
      if (inner.slice(start).trim() === "") break;
      throw new Error(
        `${path}: cannot read the entry at "${inner.slice(start, start + 40).trim()}..."`,
      );
    }
    labels[Number(m[1])] = (m[2] ?? m[3]).replace(/\\(.)/g, "$1");
  }
  return labels;
}
