/**
 * The CNN layers and models against the book's own DeZero on NumPy 1.24
 * (tests/fixtures/cnn_models.json and tiny_cnn.npz, made by tools/gen_cnn_models_fixture.py):
 *
 * - VGG16's and ResNet-50's parameter names (the keys of the book's weight files) and shapes
 *   after a forward pass on a 32×32 image, and ResNet-101's and -152's names;
 * - seeded `L.Conv2d`, `L.Deconv2d` and `L.EmbedID` draw the book's initial weights;
 * - weights saved by the book's `save_weights` load (`loadWeights`) and give its outputs;
 *
 * and a small CNN that learns to tell horizontal from vertical bars.
 */
import assert from "node:assert/strict";
import {
  datasets,
  F,
  L,
  Layer,
  Model,
  np,
  optimizers,
  type Parameter,
  ResNet,
  ResNet50,
  testMode,
  type Variable,
  VGG16,
} from "../dezero/full.ts";
import fixture from "./fixtures/cnn_models.json" with { type: "json" };
import { READ_REPO, testWith } from "./_permissions.ts";

interface Stored {
  shape: number[];
  dtype: string;
  data: number[];
}

function load(s: Stored): np.NDArray {
  return np.array(s.data, s.dtype as np.DType).reshape(s.shape);
}

/** The parameters of `layer` by their paths, as the book's `_flatten_params` names them. */
function flattened(layer: Layer): Record<string, Parameter> {
  const params: Record<string, Parameter> = {};
  layer._flattenParams(params);
  return params;
}

/** Each parameter's path and shape, sorted by path. */
function shapesOf(layer: Layer): Record<string, number[]> {
  const params = flattened(layer);
  return Object.fromEntries(
    Object.keys(params).sort().map((k) => [k, [...(params[k].data?.shape ?? [])]]),
  );
}

function assertClose(actual: np.NDArray, expected: np.NDArray, tol: number, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const [a, e] = [actual.data, expected.data];
  for (let i = 0; i < e.length; i++) {
    assert.ok(Math.abs(a[i] - e[i]) <= tol, `${what}: element ${i} is ${a[i]}, not ${e[i]}`);
  }
}

/** Sorted as Python sorts strings (by code point). */
const sorted = (keys: string[]) => [...keys].sort();

Deno.test("VGG16's parameters are the book's, by name and shape (the weight file's keys)", () => {
  np.random.seed(0);
  const model = new VGG16();
  {
    using _ = testMode();
    model.call(np.random.randn(1, 3, 32, 32).astype("float32"));
  }
  assert.deepEqual(shapesOf(model), fixture.vgg16);
  // At 224×224, VGG16's input size, fc6 takes the 7×7×512 features of the weight file.
  assert.equal(512 * (224 / 32) ** 2, 25088);
});

Deno.test("ResNet-50's parameters are the book's, by name and shape; ResNet-101/152's names", () => {
  np.random.seed(0);
  const model = new ResNet50();
  {
    using _ = testMode();
    const y = model.call(np.random.randn(1, 3, 32, 32).astype("float32"));
    assert.deepEqual(y.shape, [1, 1000]);
  }
  assert.deepEqual(shapesOf(model), fixture.resnet50);
  assert.deepEqual(sorted(Object.keys(flattened(new ResNet(101)))), fixture.resnet101Keys);
  assert.deepEqual(sorted(Object.keys(flattened(new ResNet(152)))), fixture.resnet152Keys);
});

Deno.test("seeded L.Conv2d, L.Deconv2d and L.EmbedID draw the book's weights", () => {
  np.random.seed(0);
  let x = np.random.randn(2, 3, 5, 5).astype("float32");
  const conv = new L.Conv2d(4, 3, { stride: 2, pad: 1 });
  let y = conv.call(x);
  assert.ok(np.arrayEqual(x, load(fixture.conv2d.x)));
  assert.equal(conv.W.dtype, "float32");
  assert.ok(np.arrayEqual(conv.W.data!, load(fixture.conv2d.W)), "Conv2d's W");
  assertClose(y.data!, load(fixture.conv2d.y), 1e-5, "Conv2d's y");

  np.random.seed(1);
  x = np.random.randn(1, 3, 4, 4).astype("float32");
  const deconv = new L.Deconv2d(2, 4, { stride: 2, pad: 1 });
  y = deconv.call(x);
  assert.ok(np.arrayEqual(deconv.W.data!, load(fixture.deconv2d.W)), "Deconv2d's W");
  assertClose(y.data!, load(fixture.deconv2d.y), 1e-5, "Deconv2d's y");

  np.random.seed(2);
  assert.ok(np.arrayEqual(new L.EmbedID(5, 3).W.data!, load(fixture.embedId.W)), "EmbedID's W");
});

/** The book's TinyCNN of tools/gen_cnn_models_fixture.py. */
class TinyCNN extends Model {
  conv1 = new L.Conv2d(4, 3, { pad: 1 });
  bn1 = new L.BatchNorm();
  fc2 = new L.Linear(2);

  override forward(x: Variable | np.NDArray): Variable {
    let h = F.relu(this.bn1.call(this.conv1.call(x)));
    h = F.pooling(h, 2, { stride: 2 });
    return this.fc2.call(F.reshape(h, [h.shape[0], -1]));
  }
}

await testWith("weights saved by the book's save_weights load and give its outputs", [
  READ_REPO,
], () => {
  const model = new TinyCNN();
  model.loadWeights(new URL("./fixtures/tiny_cnn.npz", import.meta.url).pathname);
  assert.deepEqual(shapesOf(model), fixture.tinyCnn.shapes);
  using _ = testMode();
  const y = model.call(load(fixture.tinyCnn.x));
  assertClose(y.data!, load(fixture.tinyCnn.y), 1e-5, "y");
});

await testWith("loadWeights names a missing array and a wrong shape", [READ_REPO], () => {
  const path = new URL("./fixtures/tiny_cnn.npz", import.meta.url).pathname;
  class Other extends Model {
    conv9 = new L.Conv2d(4, 3);
  }
  assert.throws(() => new Other().loadWeights(path), /missing from the file: conv9\/W, conv9\/b/);
  class Wider extends Model {
    conv1 = new L.Conv2d(4, 3, { inChannels: 5 });
  }
  assert.throws(
    () => new Wider().loadWeights(path),
    /conv1\/W: \(4,5,3,3\) in the model, \(4,3,3,3\) in the file/,
  );
});

Deno.test("a small CNN learns to tell horizontal bars from vertical ones", () => {
  np.random.seed(0);
  const N = 32;
  // Images 8×8 with a bright bar, horizontal (class 0) or vertical (class 1), plus noise.
  const x = np.random.randn(N, 1, 8, 8).mul(0.3).astype("float32");
  const t = np.zeros([N], "int64");
  for (let i = 0; i < N; i++) {
    const at = i % 8;
    const vertical = i % 2;
    t.set(i, vertical);
    for (let j = 0; j < 8; j++) {
      const [r, c] = vertical ? [j, at] : [at, j];
      x.set(i, 0, r, c, x.get(i, 0, r, c).item() + 2);
    }
  }
  class Net extends Model {
    conv = new L.Conv2d(4, 3, { pad: 1 });
    bn = new L.BatchNorm();
    fc = new L.Linear(2);
    override forward(x: Variable | np.NDArray): Variable {
      let h = F.relu(this.bn.call(this.conv.call(x)));
      h = F.pooling(h, 2, { stride: 2 });
      return this.fc.call(F.reshape(h, [h.shape[0], -1]));
    }
  }
  const model = new Net();
  const optimizer = new optimizers.Adam(0.01).setup(model);
  let first = NaN;
  let loss: Variable | null = null;
  for (let i = 0; i < 60; i++) {
    loss = F.softmaxCrossEntropy(model.call(x), t);
    if (i === 0) first = loss.data!.item();
    model.cleargrads();
    loss.backward();
    optimizer.update();
  }
  const last = loss!.data!.item();
  assert.ok(first > 0.5, `the first loss, ${first}, is that of a guess`);
  assert.ok(last < 0.05, `the loss fell from ${first} to ${last}`);
  using _ = testMode();
  assert.equal(F.accuracy(model.call(x), t).data!.item(), 1);
});

Deno.test("ImageNet's class list reads as the book's eval reads it", () => {
  // The format of the book's list (imagenet1000_clsidx_to_labels.txt): Python's repr of a dict,
  // names in double quotes where they hold a single quote.
  const text = "{0: 'tench, Tinca tinca',\n 1: 'goldfish, Carassius auratus',\n" +
    " 340: 'zebra',\n 607: \"jack-o'-lantern\",\n 998: 'ear, spike, capitulum',\n" +
    " 999: 'toilet tissue, toilet paper, bathroom tissue'}\n";
  const labels = datasets.parseLabels(text, "labels.txt");
  assert.deepEqual(Object.keys(labels).map(Number), [0, 1, 340, 607, 998, 999]);
  assert.equal(labels[340], "zebra");
  assert.equal(labels[607], "jack-o'-lantern");
  assert.throws(() => datasets.parseLabels("[1, 2]", "x.txt"), /not the ImageNet class list/);
  assert.throws(() => datasets.parseLabels("{0: tench}", "x.txt"), /cannot read the entry/);
});
