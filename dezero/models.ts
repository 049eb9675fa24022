/**
 * The book's `dezero.models`: `Model`, a `Layer` that can draw its graph, and the models built on
 * it, `Sequential` and `MLP` (step 45), `VGG16` (step 58) and `ResNet` (`ResNet50`, `ResNet101`,
 * `ResNet152`, with its blocks `BuildingBlock`, `BottleneckA` and `BottleneckB`). The book's
 * `SqueezeNet` is an empty placeholder there, and is left out here.
 *
 * @module
 */

import * as check from "./_checks.ts";
import * as F from "./_F.ts";
import { Image } from "./_image.ts";
import type { Variable } from "./core.ts";
import { type Input, Layer } from "./layers.ts";
import * as L from "./layers.ts";
import { describe } from "./np/_errors.ts";
import * as np from "./np/mod.ts";
import { getFile, plotDotGraph } from "./utils.ts";

/**
 * The base class of models: a `Layer` with `plot`.
 *
 * @example
 * ```ts
 * import { F, L, Model, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * class TwoLayerNet extends Model {
 *   l1: L.Linear;
 *   l2: L.Linear;
 *   constructor(hiddenSize: number, outSize: number) {
 *     super();
 *     this.l1 = new L.Linear(hiddenSize);
 *     this.l2 = new L.Linear(outSize);
 *   }
 *   override forward(x: Variable | np.NDArray): Variable {
 *     return this.l2.call(F.sigmoid(this.l1.call(x)));
 *   }
 * }
 * const model = new TwoLayerNet(10, 1);
 * assert.deepEqual(model.call(np.random.rand(5, 1)).shape, [5, 1]);
 * assert.equal([...model.params()].length, 4);
 * ```
 */
export class Model extends Layer {
  /**
   * Draws the graph of `forward(...inputs)` to an image, as `plotDotGraph` does (the book's
   * `model.plot(x)`).
   *
   * @param inputs the inputs of `forward`, then optionally `{ toFile }` (default `model.png`)
   */
  plot(
    ...inputs: [...Input[], { toFile?: string }] | Input[]
  ): Promise<{ dotFile: string; imageFile: string; renderer: "dot" | "wasm" }> {
    const last = inputs[inputs.length - 1];
    const options = isOptions(last) ? last : {};
    const xs = (isOptions(last) ? inputs.slice(0, -1) : inputs) as Input[];
    const y = this.forward(...xs);
    return plotDotGraph(y, { verbose: true, toFile: options.toFile ?? "model.png" });
  }
}

function isOptions(v: unknown): v is { toFile?: string } {
  return typeof v === "object" && v !== null && !("shape" in v);
}

/**
 * Layers applied one after another: `new Sequential(new L.Linear(10), ...)`. The layers are also
 * its attributes `l0`, `l1`, ...
 *
 * @example
 * ```ts
 * import { L, np, Sequential } from "./full.ts";
 * import assert from "node:assert/strict";
 * const model = new Sequential(new L.Linear(10), new L.Linear(2));
 * assert.deepEqual(model.call(np.ones([3, 4])).shape, [3, 2]);
 * ```
 */
export class Sequential extends Model {
  /** The layers, in order. */
  layers: Layer[] = [];

  /** @param layers the layers, in order */
  constructor(...layers: Layer[]) {
    super();
    for (const [i, layer] of layers.entries()) {
      Reflect.set(this, "l" + i, layer);
      this.layers.push(layer);
    }
  }

  /** Each layer applied to the previous one's output. */
  override forward(x: Input): Variable {
    let y = x;
    for (const layer of this.layers) y = layer.call(y);
    return y as Variable;
  }
}

/**
 * A multi-layer perceptron: one `L.Linear` per output size, with `activation` between them (not
 * after the last), step 45's `MLP`.
 *
 * @example
 * ```ts
 * import { F, MLP, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const model = new MLP([10, 3], F.relu);
 * assert.deepEqual(model.call(np.ones([2, 5])).shape, [2, 3]);
 * assert.equal([...model.params()].length, 4);
 * ```
 */
export class MLP extends Model {
  /** The activation between layers. */
  activation: (x: Variable) => Variable;
  /** The layers, `l0`, `l1`, ... */
  layers: L.Linear[] = [];

  /**
   * @param fcOutputSizes the output size of each layer
   * @param activation the function between layers (default `F.sigmoid`)
   */
  constructor(fcOutputSizes: readonly number[], activation: (x: Variable) => Variable = F.sigmoid) {
    super();
    if (!Array.isArray(fcOutputSizes) || fcOutputSizes.length === 0) {
      throw new TypeError(
        `MLP takes a list of output sizes, e.g. new MLP([10, 1]), not ${
          JSON.stringify(fcOutputSizes)
        }`,
      );
    }
    this.activation = activation;

    for (const [i, outSize] of fcOutputSizes.entries()) {
      const layer = new L.Linear(outSize);
      Reflect.set(this, "l" + i, layer);
      this.layers.push(layer);
    }
  }

  /** The layers with the activation between them. */
  override forward(x: Input): Variable {
    let y = x;
    for (const l of this.layers.slice(0, -1)) y = this.activation(l.call(y));
    return this.layers[this.layers.length - 1].call(y);
  }
}

// =============================================================================================
// VGG

/** The options of the pretrained models: the book's keyword arguments. */
export interface PretrainedOptions {
  /** Load the book's trained weights (downloaded into `~/.dezero` the first time). */
  pretrained?: boolean;
}

/** Checks a model's options. */
function pretrainedOption(model: string, options: PretrainedOptions): boolean {
  const { pretrained = false } = check.checkOptions(
    model,
    options,
    ["pretrained"],
    `new ${model}({ pretrained: true })`,
  );
  if (typeof pretrained !== "boolean") {
    throw new TypeError(`${model}: pretrained must be true or false, not ${describe(pretrained)}`);
  }
  return pretrained;
}

/** The book's weight file in the cache, downloaded if missing, or an error that says how to get it. */
function weightsFile(model: string, url: string): string {
  try {
    return getFile(url);
  } catch (e) {
    const name = url.slice(url.lastIndexOf("/") + 1);
    throw new Error(
      `${model}({ pretrained: true }) needs the book's weights, ${name}: ${
        (e as Error).message
      }. ` +
        `Download ${url} into the cache folder ~/.dezero (as ~/.dezero/${name}; Python ` +
        "DeZero's downloads there are used as they are), then run again with --allow-env=HOME " +
        "and --allow-read.",
      { cause: e },
    );
  }
}

/**
 * VGG16 (Simonyan and Zisserman, 2014), the book's `dezero.models.VGG16` (step 58): 13 3×3
 * convolutions with ReLU in five blocks, each ending in 2×2 max pooling, then three fully
 * connected layers (4096, 4096, 1000 ImageNet classes) with dropout. It takes images of
 * 224×224 (`VGG16.preprocess` makes them). With `{ pretrained: true }` it loads the book's
 * weights (528 MB, downloaded once into `~/.dezero`; needs `--allow-env=HOME --allow-read`, and
 * `--allow-write --allow-net` for the download). The attribute names are the book's
 * (`conv1_1` ... `fc8`), which name the arrays in the weight file.
 *
 * @example
 * ```ts
 * import { np, VGG16 } from "./full.ts";
 * import assert from "node:assert/strict";
 * const model = new VGG16();
 * assert.equal(VGG16.WEIGHTS_PATH.split("/").pop(), "vgg16.npz");
 * assert.equal([...model.params()].length, 32); // W and b of 16 layers, initialised at the first call
 * assert.throws(() => new VGG16(true as never), /new VGG16\(\{ pretrained: true \}\)/);
 * ```
 */
export class VGG16 extends Model {
  /** Where the book's trained weights are. */
  static readonly WEIGHTS_PATH =
    "https://github.com/koki0702/dezero-models/releases/download/v0.1/vgg16.npz";

  /** Block 1's convolution 1, 3×3, 64 channels. */
  conv1_1: L.Conv2d;
  /** Block 1's convolution 2, 3×3, 64 channels. */
  conv1_2: L.Conv2d;
  /** Block 2's convolution 1, 3×3, 128 channels. */
  conv2_1: L.Conv2d;
  /** Block 2's convolution 2, 3×3, 128 channels. */
  conv2_2: L.Conv2d;
  /** Block 3's convolution 1, 3×3, 256 channels. */
  conv3_1: L.Conv2d;
  /** Block 3's convolution 2, 3×3, 256 channels. */
  conv3_2: L.Conv2d;
  /** Block 3's convolution 3, 3×3, 256 channels. */
  conv3_3: L.Conv2d;
  /** Block 4's convolution 1, 3×3, 512 channels. */
  conv4_1: L.Conv2d;
  /** Block 4's convolution 2, 3×3, 512 channels. */
  conv4_2: L.Conv2d;
  /** Block 4's convolution 3, 3×3, 512 channels. */
  conv4_3: L.Conv2d;
  /** Block 5's convolution 1, 3×3, 512 channels. */
  conv5_1: L.Conv2d;
  /** Block 5's convolution 2, 3×3, 512 channels. */
  conv5_2: L.Conv2d;
  /** Block 5's convolution 3, 3×3, 512 channels. */
  conv5_3: L.Conv2d;
  /** The fully connected layer to 4096. */
  fc6: L.Linear;
  /** The fully connected layer to 4096. */
  fc7: L.Linear;
  /** The fully connected layer to 1000 (the classes). */
  fc8: L.Linear;

  /** @param options `pretrained`: load the book's weights */
  constructor(options: PretrainedOptions = {}) {
    super();
    const pretrained = pretrainedOption("VGG16", options);
    const conv = (outChannels: number) => new L.Conv2d(outChannels, 3, { stride: 1, pad: 1 });
    this.conv1_1 = conv(64);
    this.conv1_2 = conv(64);
    this.conv2_1 = conv(128);
    this.conv2_2 = conv(128);
    this.conv3_1 = conv(256);
    this.conv3_2 = conv(256);
    this.conv3_3 = conv(256);
    this.conv4_1 = conv(512);
    this.conv4_2 = conv(512);
    this.conv4_3 = conv(512);
    this.conv5_1 = conv(512);
    this.conv5_2 = conv(512);
    this.conv5_3 = conv(512);
    this.fc6 = new L.Linear(4096);
    this.fc7 = new L.Linear(4096);
    this.fc8 = new L.Linear(1000);

    if (pretrained) {
      const weightsPath = weightsFile("VGG16", VGG16.WEIGHTS_PATH);
      this.loadWeights(weightsPath);
    }
  }

  /**
   * The scores of the 1000 classes for images `(N, 3, 224, 224)`.
   *
   * @param x the images, as `VGG16.preprocess` makes them
   */
  override forward(x: Input): Variable {
    let h = F.relu(this.conv1_1.call(x));
    h = F.relu(this.conv1_2.call(h));
    h = F.pooling(h, 2, { stride: 2 });
    h = F.relu(this.conv2_1.call(h));
    h = F.relu(this.conv2_2.call(h));
    h = F.pooling(h, 2, { stride: 2 });
    h = F.relu(this.conv3_1.call(h));
    h = F.relu(this.conv3_2.call(h));
    h = F.relu(this.conv3_3.call(h));
    h = F.pooling(h, 2, { stride: 2 });
    h = F.relu(this.conv4_1.call(h));
    h = F.relu(this.conv4_2.call(h));
    h = F.relu(this.conv4_3.call(h));
    h = F.pooling(h, 2, { stride: 2 });
    h = F.relu(this.conv5_1.call(h));
    h = F.relu(this.conv5_2.call(h));
    h = F.relu(this.conv5_3.call(h));
    h = F.pooling(h, 2, { stride: 2 });
    h = F.reshape(h, [h.shape[0], -1]);
    h = F.dropout(F.relu(this.fc6.call(h)));
    h = F.dropout(F.relu(this.fc7.call(h)));
    h = this.fc8.call(h);
    return h;
  }

  /**
   * An image as VGG16's input (the book's `VGG16.preprocess`): resized to `size` (Pillow's
   * default, bicubic), as `dtype` values in BGR order minus the ImageNet means
   * `[103.939, 116.779, 123.68]`, channels first: `(3, height, width)`. Add the batch axis with
   * `x.get(np.newaxis)`.
   *
   * @param image the image (from `utils.Image.open`)
   * @param options `size` (`[width, height]`, default `[224, 224]`; `null` keeps the image's)
   *   and `dtype` (float32)
   *
   * @example
   * ```ts
   * import { np, utils, VGG16 } from "./full.ts";
   * import assert from "node:assert/strict";
   * const image = new utils.Image(1, 1, new Uint8Array([255, 128, 0])); // orange
   * const x = VGG16.preprocess(image, { size: [2, 2] });
   * assert.deepEqual([x.shape, x.dtype], [[3, 2, 2], "float32"]);
   * assert.equal(x.get(np.slice(), 0, 0).toString(), "[-103.939      11.221001  131.32    ]"); // B, G, R
   * ```
   */
  static preprocess(
    image: Image,
    options: { size?: readonly [number, number] | null; dtype?: np.DType } = {},
  ): np.NDArray {
    if (!(image instanceof Image)) {
      throw new TypeError(
        "VGG16.preprocess takes an image: open it with utils.Image.open(path) (a JPEG file)",
      );
    }
    const { size = [224, 224], dtype = "float32" } = check.checkOptions(
      "VGG16.preprocess",
      options,
      ["size", "dtype"],
      "VGG16.preprocess(image, { size: [224, 224] })",
    );
    if (size) image = image.resize(size);
    let x = image.toArray(dtype);
    x = x.get(np.slice(), np.slice(), np.slice(null, null, -1)); // RGB -> BGR
    x = x.sub(np.array([103.939, 116.779, 123.68], dtype));
    x = x.transpose(2, 0, 1);
    return x;
  }
}

// =============================================================================================
// ResNet

/**
 * ResNet (He et al., 2015), the book's `dezero.models.ResNet`: a 7×7 convolution, max pooling,
 * four stages of bottleneck blocks (`BuildingBlock`s of `BottleneckA` then `BottleneckB`s),
 * global average pooling and a fully connected layer to the 1000 ImageNet classes. `nLayers`
 * is 50, 101 or 152 (blocks per stage `[3, 4, 6, 3]`, `[3, 4, 23, 3]`, `[3, 8, 36, 3]`). With
 * `{ pretrained: true }` it loads the book's weights (`resnet50.npz` ..., into `~/.dezero`).
 *
 * @example
 * ```ts
 * import { type Parameter, ResNet } from "./full.ts";
 * import assert from "node:assert/strict";
 * const model = new ResNet(50);
 * const params: Record<string, Parameter> = {};
 * model._flattenParams(params);
 * assert.equal(Object.keys(params).length, 2 + 4 + 4 * 20 + 12 * 15 + 2); // A: 4 W, 4×4 bn; B: 3 + 3×4
 * assert.throws(() => new ResNet(34), /50, 101, or 152, but 34 was given/);
 * ```
 */
export class ResNet extends Model {
  /** Where the book's trained weights are; `{}` is the number of layers. */
  static readonly WEIGHTS_PATH =
    "https://github.com/koki0702/dezero-models/releases/download/v0.1/resnet{}.npz";

  /** The first convolution, 7×7, stride 2, 64 channels. */
  conv1: L.Conv2d;
  /** The first convolution's batch normalization. */
  bn1: L.BatchNorm;
  /** Stage 2: 256 channels. */
  res2: BuildingBlock;
  /** Stage 3: 512 channels, half the resolution. */
  res3: BuildingBlock;
  /** Stage 4: 1024 channels, half the resolution. */
  res4: BuildingBlock;
  /** Stage 5: 2048 channels, half the resolution. */
  res5: BuildingBlock;
  /** The fully connected layer to the 1000 classes. */
  fc6: L.Linear;

  /**
   * @param nLayers 50, 101 or 152
   * @param options `pretrained`: load the book's weights
   */
  constructor(nLayers = 152, options: PretrainedOptions = {}) {
    super();
    const pretrained = pretrainedOption("ResNet", options);
    const blocks: Record<number, number[]> = {
      50: [3, 4, 6, 3],
      101: [3, 4, 23, 3],
      152: [3, 8, 36, 3],
    };
    const block = blocks[nLayers];
    if (block === undefined) {
      throw new np.ValueError(
        "The nLayers argument should be either 50, 101, or 152, but " +
          `${typeof nLayers === "number" ? nLayers : describe(nLayers)} was given.`,
      );
    }

    this.conv1 = new L.Conv2d(64, 7, { stride: 2, pad: 3 });
    this.bn1 = new L.BatchNorm();
    this.res2 = new BuildingBlock(block[0], 64, 64, 256, 1);
    this.res3 = new BuildingBlock(block[1], 256, 128, 512, 2);
    this.res4 = new BuildingBlock(block[2], 512, 256, 1024, 2);
    this.res5 = new BuildingBlock(block[3], 1024, 512, 2048, 2);
    this.fc6 = new L.Linear(1000);

    if (pretrained) {
      const weightsPath = weightsFile("ResNet", ResNet.WEIGHTS_PATH.replace("{}", `${nLayers}`));
      this.loadWeights(weightsPath);
    }
  }

  /**
   * The scores of the 1000 classes for images `(N, 3, H, W)`.
   *
   * @param x the images
   */
  override forward(x: Input): Variable {
    let h = F.relu(this.bn1.call(this.conv1.call(x)));
    h = F.pooling(h, 3, { stride: 2 });
    h = this.res2.call(h);
    h = this.res3.call(h);
    h = this.res4.call(h);
    h = this.res5.call(h);
    h = globalAveragePooling2d(h);
    h = this.fc6.call(h);
    return h;
  }
}

/**
 * ResNet-152 (`new ResNet(152, options)`).
 *
 * @example
 * ```ts
 * import { ResNet152 } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new ResNet152().res4.layerNames.length, 36);
 * ```
 */
export class ResNet152 extends ResNet {
  /** @param options `pretrained`: load the book's weights */
  constructor(options: PretrainedOptions = {}) {
    super(152, options);
  }
}

/**
 * ResNet-101 (`new ResNet(101, options)`).
 *
 * @example
 * ```ts
 * import { ResNet101 } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new ResNet101().res4.layerNames.length, 23);
 * ```
 */
export class ResNet101 extends ResNet {
  /** @param options `pretrained`: load the book's weights */
  constructor(options: PretrainedOptions = {}) {
    super(101, options);
  }
}

/**
 * ResNet-50 (`new ResNet(50, options)`).
 *
 * @example
 * ```ts
 * import { ResNet50 } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new ResNet50().res4.layerNames.length, 6);
 * ```
 */
export class ResNet50 extends ResNet {
  /** @param options `pretrained`: load the book's weights */
  constructor(options: PretrainedOptions = {}) {
    super(50, options);
  }
}

/** The mean of each channel over the whole image: `(N, C, H, W)` to `(N, C)`. */
function globalAveragePooling2d(x: Variable): Variable {
  const [N, C, H, W] = x.shape;
  let h = F.averagePooling(x, [H, W], { stride: 1 });
  h = F.reshape(h, [N, C]);
  return h;
}

/**
 * A stage of ResNet: a `BottleneckA` (`a`, which may halve the resolution) followed by
 * `nLayers - 1` `BottleneckB`s (`b1`, `b2`, ...).
 *
 * @example
 * ```ts
 * import { BuildingBlock, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const block = new BuildingBlock(2, 4, 2, 8, 2);
 * assert.deepEqual(block.layerNames, ["a", "b1"]);
 * assert.deepEqual(block.call(np.random.randn(1, 4, 6, 6).astype("float32")).shape, [1, 8, 3, 3]);
 * ```
 */
export class BuildingBlock extends Layer {
  /** The first block. */
  a: BottleneckA;
  /** The names of the blocks, in order (the book's `_forward`). */
  layerNames: string[];

  /**
   * @param nLayers the number of blocks
   * @param inChannels the input channels
   * @param midChannels the channels inside the blocks
   * @param outChannels the output channels
   * @param stride the first block's stride
   * @param downsampleFb put the stride on the 3×3 convolution (Facebook's ResNet) rather than
   *   on the first 1×1 one (the original MSRA ResNet, the default)
   */
  constructor(
    nLayers: number,
    inChannels: number,
    midChannels: number,
    outChannels: number,
    stride: number,
    downsampleFb = false,
  ) {
    super();
    if (!Number.isInteger(nLayers) || nLayers < 1) {
      throw new TypeError(`BuildingBlock's nLayers must be a positive integer, not ${nLayers}`);
    }
    this.a = new BottleneckA(inChannels, midChannels, outChannels, stride, downsampleFb);
    this.layerNames = ["a"];
    for (let i = 0; i < nLayers - 1; i++) {
      const name = `b${i + 1}`;
      const bottleneck = new BottleneckB(outChannels, midChannels);
      Reflect.set(this, name, bottleneck);
      this.layerNames.push(name);
    }
  }

  /**
   * The blocks, one after another.
   *
   * @param x the images
   */
  override forward(x: Input): Variable {
    let h = x;
    for (const name of this.layerNames) {
      const l = Reflect.get(this, name) as Layer;
      h = l.call(h);
    }
    return h as Variable;
  }
}

/**
 * A bottleneck block that changes the number of channels and may reduce the resolution: 1×1,
 * 3×3 and 1×1 convolutions with batch normalization, added to a 1×1 convolution of the input.
 *
 * @example
 * ```ts
 * import { BottleneckA, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const block = new BottleneckA(4, 2, 8, 2);
 * assert.deepEqual(block.call(np.random.randn(1, 4, 6, 6).astype("float32")).shape, [1, 8, 3, 3]);
 * ```
 */
export class BottleneckA extends Layer {
  /** 1×1 convolution to the middle channels (with the stride, MSRA style). */
  conv1: L.Conv2d;
  /** Its batch normalization. */
  bn1: L.BatchNorm;
  /** 3×3 convolution. */
  conv2: L.Conv2d;
  /** Its batch normalization. */
  bn2: L.BatchNorm;
  /** 1×1 convolution to the output channels. */
  conv3: L.Conv2d;
  /** Its batch normalization. */
  bn3: L.BatchNorm;
  /** The shortcut: 1×1 convolution of the input, with the stride. */
  conv4: L.Conv2d;
  /** Its batch normalization. */
  bn4: L.BatchNorm;

  /**
   * @param _inChannels the input channels (unused, as in the book: the convolutions find them at
   *   the first call)
   * @param midChannels the channels inside the block
   * @param outChannels the output channels
   * @param stride the stride that reduces the resolution
   * @param downsampleFb put the stride on the 3×3 convolution (Facebook's ResNet) rather than
   *   on the first 1×1 one (the original MSRA ResNet)
   */
  constructor(
    _inChannels: number,
    midChannels: number,
    outChannels: number,
    stride = 2,
    downsampleFb = false,
  ) {
    super();
    // In the original MSRA ResNet, stride=2 is on 1x1 convolution.
    // In Facebook ResNet, stride=2 is on 3x3 convolution.
    const [stride1x1, stride3x3] = downsampleFb ? [1, stride] : [stride, 1];

    this.conv1 = new L.Conv2d(midChannels, 1, { stride: stride1x1, pad: 0, nobias: true });
    this.bn1 = new L.BatchNorm();
    this.conv2 = new L.Conv2d(midChannels, 3, { stride: stride3x3, pad: 1, nobias: true });
    this.bn2 = new L.BatchNorm();
    this.conv3 = new L.Conv2d(outChannels, 1, { stride: 1, pad: 0, nobias: true });
    this.bn3 = new L.BatchNorm();
    this.conv4 = new L.Conv2d(outChannels, 1, { stride, pad: 0, nobias: true });
    this.bn4 = new L.BatchNorm();
  }

  /**
   * `relu(bn3(conv3(...)) + bn4(conv4(x)))`.
   *
   * @param x the images
   */
  override forward(x: Input): Variable {
    let h1 = F.relu(this.bn1.call(this.conv1.call(x)));
    h1 = F.relu(this.bn2.call(this.conv2.call(h1)));
    h1 = this.bn3.call(this.conv3.call(h1));
    const h2 = this.bn4.call(this.conv4.call(x));
    return F.relu(h1.add(h2));
  }
}

/**
 * A bottleneck block that keeps the resolution and the channels: 1×1, 3×3 and 1×1 convolutions
 * with batch normalization, added to the input.
 *
 * @example
 * ```ts
 * import { BottleneckB, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const block = new BottleneckB(8, 2);
 * assert.deepEqual(block.call(np.random.randn(1, 8, 3, 3).astype("float32")).shape, [1, 8, 3, 3]);
 * ```
 */
export class BottleneckB extends Layer {
  /** 1×1 convolution to the middle channels. */
  conv1: L.Conv2d;
  /** Its batch normalization. */
  bn1: L.BatchNorm;
  /** 3×3 convolution. */
  conv2: L.Conv2d;
  /** Its batch normalization. */
  bn2: L.BatchNorm;
  /** 1×1 convolution back to the input channels. */
  conv3: L.Conv2d;
  /** Its batch normalization. */
  bn3: L.BatchNorm;

  /**
   * @param inChannels the input (and output) channels
   * @param midChannels the channels inside the block
   */
  constructor(inChannels: number, midChannels: number) {
    super();
    this.conv1 = new L.Conv2d(midChannels, 1, { stride: 1, pad: 0, nobias: true });
    this.bn1 = new L.BatchNorm();
    this.conv2 = new L.Conv2d(midChannels, 3, { stride: 1, pad: 1, nobias: true });
    this.bn2 = new L.BatchNorm();
    this.conv3 = new L.Conv2d(inChannels, 1, { stride: 1, pad: 0, nobias: true });
    this.bn3 = new L.BatchNorm();
  }

  /**
   * `relu(bn3(conv3(...)) + x)`.
   *
   * @param x the images
   */
  override forward(x: Input): Variable {
    let h = F.relu(this.bn1.call(this.conv1.call(x)));
    h = F.relu(this.bn2.call(this.conv2.call(h)));
    h = this.bn3.call(this.conv3.call(h));
    return F.relu(h.add(x));
  }
}
