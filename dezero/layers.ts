/**
 * The book's `dezero.layers`, imported as `L`: `Layer`, the base class that keeps a model's
 * parameters, and the layers built on it: `Linear` (step 44), `Conv2d` and `Deconv2d` (steps 57–58),
 * `BatchNorm` and `EmbedID`. `Layer.loadWeights` reads the weight files of the book's
 * `save_weights`, naming each parameter by its path of attributes in the book's snake_case.
 *
 * A layer registers each attribute that holds a `Parameter` or another `Layer` when it is
 * assigned, as the book's `__setattr__` does: JavaScript's equivalent is a `Proxy`, which
 * `Layer`'s constructor returns, so that `this.l1 = new L.Linear(10)` in a subclass goes through
 * it. `params()` then walks those attributes, in the order they were first assigned (the book's
 * set has no order). Differences: assigning something else to an attribute that holds a
 * parameter or a layer is an error (the book would hand `params()` a stray value); layers keep
 * their last inputs and outputs as plain references, not weak ones; the book's keyword arguments
 * are an options object (`new L.Linear(10, { nobias: true })`).
 *
 * @module
 */

import * as check from "./_checks.ts";
import * as F from "./_F.ts";
import { Parameter, type Variable } from "./core.ts";
import * as cuda from "./cuda.ts";
import { describe, ValueError } from "./np/_errors.ts";
import { sameShape, shapeText } from "./np/_ndarray.ts";
import * as np from "./np/mod.ts";
import { pair } from "./utils.ts";

/** What a layer's `call` and `forward` take: Variables, arrays or numbers. */
export type Input = Variable | np.NDArray | number;

// The attribute names each layer registered, kept beside it rather than as a property, so that
// they never show among its attributes.
const registered = new WeakMap<object, Set<string>>();

/**
 * The base class of layers and models: it registers the `Parameter`s and `Layer`s assigned to its
 * attributes, for `params()` and `cleargrads()`. Subclasses define `forward`; `call` runs it.
 *
 * @example
 * ```ts
 * import { L, Layer, np, Parameter, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * class Step44 extends Layer {
 *   p1 = new Parameter(np.array(1));
 *   p2 = new Parameter(np.array(2));
 *   p3 = new Variable(np.array(3)); // not a Parameter: not registered
 *   l1 = new L.Linear(10); // a layer: its W and b are this layer's too
 * }
 * const layer = new Step44();
 * assert.deepEqual([...layer.params()].map((p) => p.name), [null, null, "W", "b"]);
 * assert.throws(() => (layer.p1 = np.array(5) as never), /set p1\.data/);
 * ```
 */
export class Layer {
  /** The inputs of the last `call`. */
  inputs: Input[] = [];
  /** The outputs of the last `call`. */
  outputs: Variable[] = [];

  /** Makes a layer; it is a `Proxy` that registers parameters and sublayers as they are set. */
  constructor() {
    registered.set(this, new Set());
    const proxy = new Proxy(this, {
      set(target, name, value) {
        register(target, name, value);
        return Reflect.set(target, name, value);
      },
      defineProperty(target, name, descriptor) {
        // A subclass's class fields are defined, not set.
        if ("value" in descriptor) register(target, name, descriptor.value);
        return Reflect.defineProperty(target, name, descriptor);
      },
    });
    registered.set(proxy, registered.get(this)!);
    return proxy;
  }

  /**
   * Applies the layer: `layer.call(x)` is Python's `layer(x)`. Runs `forward` and keeps the
   * inputs and outputs.
   *
   * @param inputs the inputs of `forward`
   */
  call(...inputs: Input[]): Variable {
    const output = this.forward(...inputs);
    this.inputs = inputs;
    this.outputs = [output];
    return output;
  }

  /**
   * The layer's computation; subclasses define it.
   *
   * @param _inputs the inputs
   */
  forward(..._inputs: Input[]): Variable {
    throw new Error(`${this.constructor.name}.forward() is not implemented`);
  }

  /**
   * The parameters of this layer and of its sublayers, depth first, in the order their
   * attributes were first assigned.
   */
  *params(): Generator<Parameter> {
    for (const name of registered.get(this) ?? []) {
      const obj = (this as unknown as Record<string, unknown>)[name];
      if (obj instanceof Layer) yield* obj.params();
      else if (obj instanceof Parameter) yield obj;
    }
  }

  /** Forgets the gradients of all parameters, before the next `backward()`. */
  cleargrads(): void {
    for (const param of this.params()) param.cleargrad();
  }

  /**
   * Moves every parameter to the CPU, once the GPU has computed them (the book's `to_cpu`;
   * asynchronous: `await model.toCpu()`).
   *
   * @example
   * ```ts
   * import { cuda, MLP, np } from "./full.ts";
   * import assert from "node:assert/strict";
   * const model = new MLP([2]);
   * model.call(np.ones([1, 3], "float32")); // W is made at the first call
   * if (await cuda.init()) {
   *   model.toGpu();
   *   await model.toCpu();
   * }
   * assert.ok([...model.params()].every((p) => cuda.getArrayModule(p) === np));
   * ```
   */
  async toCpu(): Promise<void> {
    await Promise.all([...this.params()].map((param) => param.toCpu()));
  }

  /**
   * Moves every parameter to the GPU (the book's `to_gpu`): after `await cuda.init()` found one,
   * else an error that says why. A weight made later, at the first call, is made where the input
   * is.
   *
   * @example
   * ```ts
   * import { cuda, L } from "./full.ts";
   * import assert from "node:assert/strict";
   * const layer = new L.Linear(3, { inSize: 2 });
   * if (await cuda.init()) {
   *   layer.toGpu();
   *   assert.equal(cuda.getArrayModule(layer.W), cuda.gpu);
   * } else {
   *   assert.throws(() => layer.toGpu(), /no GPU/);
   * }
   * ```
   */
  toGpu(): void {
    for (const param of this.params()) param.toGpu();
  }

  // -------------------------------------------------------------------------------------------
  // Saving and loading the weights (step 53)

  /**
   * Adds this layer's parameters to `paramsDict` under their paths: the attribute names from this
   * layer down, joined with `/` and prefixed with `parentKey` (`l0/W`, `rnn/x2h/b`), the names
   * the book's `_flatten_params` gives, so that weight files are shared with Python DeZero.
   *
   * @param paramsDict where the parameters go, by path
   * @param parentKey the path of this layer (`""` for the model itself)
   *
   * @example
   * ```ts
   * import { MLP, Parameter } from "./full.ts";
   * import assert from "node:assert/strict";
   * const paramsDict: Record<string, Parameter> = {};
   * new MLP([3, 2])._flattenParams(paramsDict);
   * assert.deepEqual(Object.keys(paramsDict), ["l0/W", "l0/b", "l1/W", "l1/b"]);
   * ```
   */
  _flattenParams(paramsDict: Record<string, Parameter>, parentKey = ""): void {
    for (const name of registered.get(this) ?? []) {
      const obj = (this as unknown as Record<string, unknown>)[name];
      // A camelCase attribute (`avgMean`) under the book's snake_case name (`avg_mean`), so that
      // the book's files load; `W`, `conv1_1` stay as they are.
      const bookName = name.replace(/([a-z0-9])([A-Z])/g, (_, a, b) => `${a}_${b.toLowerCase()}`);
      const key = parentKey ? parentKey + "/" + bookName : bookName;

      if (obj instanceof Layer) obj._flattenParams(paramsDict, key);
      else if (obj instanceof Parameter) paramsDict[key] = obj;
    }
  }

  /**
   * Saves the parameters to the `.npz` file `path`, deflated, each under its `_flattenParams`
   * name (`l0/W`): the book's `save_weights`, whose files Python DeZero's `load_weights` reads.
   * Appends `.npz` to a path without it, as NumPy does, and returns the path written. The file is
   * written whole or not at all (through a temporary file renamed over it), so a failed save
   * leaves any earlier file as it was. A parameter without data yet (the `W` of an `L.Linear`
   * before its first call) is an error naming it: the book writes it as a pickled `None` that
   * `load_weights` then refuses. Needs `--allow-write` and `--allow-read` for the folder.
   *
   * @param path the file, as a path or a `file:` URL
   *
   * @example
   * ```ts
   * import { MLP, np } from "./full.ts";
   * import assert from "node:assert/strict";
   * const model = new MLP([3, 2]);
   * assert.throws(() => model.saveWeights("/tmp/unused.npz"), /l0\/W, l1\/W have no data/);
   * model.call(np.ones([1, 4]));
   * try {
   *   const dir = Deno.makeTempDirSync();
   *   assert.equal(model.saveWeights(`${dir}/my_mlp`), `${dir}/my_mlp.npz`);
   *   const copy = new MLP([3, 2]);
   *   copy.loadWeights(`${dir}/my_mlp.npz`);
   *   assert.deepEqual(copy.layers[0].W.data?.toArray(), model.layers[0].W.data?.toArray());
   *   Deno.removeSync(dir, { recursive: true });
   * } catch (e) {
   *   // Without --allow-write and --allow-read for the temporary folder:
   *   assert.ok(e instanceof Deno.errors.NotCapable);
   * }
   * ```
   */
  saveWeights<P extends string | URL>(path: P): P extends string ? string : URL {
    const shown = checkPath(path, `${this.constructor.name}.saveWeights()`);
    const paramsDict: Record<string, Parameter> = {};
    this._flattenParams(paramsDict);

    const arrayDict: Record<string, np.NDArray> = {};
    const empty: string[] = [];
    for (const [key, param] of Object.entries(paramsDict)) {
      if (param.data === null) empty.push(key);
      else arrayDict[key] = param.data;
    }
    if (empty.length > 0) {
      throw new ValueError(
        `${this.constructor.name}.saveWeights('${shown}'): ${empty.join(", ")} ` +
          `${empty.length === 1 ? "has" : "have"} no data yet (an L.Linear makes its W at its ` +
          "first call): call the model once on an input, or give the layers their inSize, " +
          "before saving. Nothing was written.",
      );
    }
    return np.savezCompressed(path, arrayDict);
  }

  /**
   * Sets the parameters' data to the arrays of the `.npz` file `path` (written by `saveWeights` or
   * by Python DeZero's `save_weights`), each by its `_flattenParams` name: the book's
   * `load_weights`. The arrays are taken as they are in the file, dtype included (Python DeZero
   * under NumPy 2 saves float64 weights); a parameter without data yet (a lazy `L.Linear`'s `W`)
   * takes the file's array, as in the book. Everything is checked before anything is set: a name
   * the model has and the file lacks, a name the file has and the model lacks, or an array whose
   * shape is not the parameter's, is an error listing every such difference, and leaves the
   * model unchanged (the book raises `KeyError` at the first missing name, after setting those
   * before it). Needs `--allow-read` for the file.
   *
   * @param path the file, as a path or a `file:` URL
   *
   * @example
   * ```ts
   * import { MLP, np } from "./full.ts";
   * import assert from "node:assert/strict";
   * const model = new MLP([3, 2]);
   * model.call(np.ones([1, 4]));
   * try {
   *   const dir = Deno.makeTempDirSync();
   *   model.saveWeights(`${dir}/w.npz`);
   *   assert.throws(() => new MLP([5, 2]).loadWeights(`${dir}/w.npz`), /l0\/b: \(5,\) .* \(3,\)/);
   *   Deno.removeSync(dir, { recursive: true });
   * } catch (e) {
   *   // Without --allow-write and --allow-read for the temporary folder:
   *   assert.ok(e instanceof Deno.errors.NotCapable);
   * }
   * ```
   */
  loadWeights(path: string | URL): void {
    const context = `${this.constructor.name}.loadWeights()`;
    const shown = checkPath(path, context);
    const npz = np.load(path);
    if (npz instanceof np.NDArray) {
      throw new ValueError(
        `${context}: '${shown}' is a .npy file (one array); weights are saved as an .npz file ` +
          "of arrays by name, by saveWeights() or Python DeZero's save_weights()",
      );
    }
    const paramsDict: Record<string, Parameter> = {};
    this._flattenParams(paramsDict);

    const missing = Object.keys(paramsDict).filter((key) => !Object.hasOwn(npz, key));
    const unexpected = Object.keys(npz).filter((key) => !Object.hasOwn(paramsDict, key));
    const mismatched: string[] = [];
    for (const [key, param] of Object.entries(paramsDict)) {
      const array = Object.hasOwn(npz, key) ? npz[key] : undefined;
      if (array === undefined || param.data === null) continue;
      if (!sameShape(param.data.shape, array.shape)) {
        mismatched.push(
          `${key}: ${shapeText(param.data.shape)} in the model, ${shapeText(array.shape)} ` +
            "in the file",
        );
      }
    }
    if (missing.length + unexpected.length + mismatched.length > 0) {
      const lines = [
        ...(missing.length ? [`missing from the file: ${missing.join(", ")}`] : []),
        ...(unexpected.length ? [`in the file, not in the model: ${unexpected.join(", ")}`] : []),
        ...(mismatched.length ? ["shapes that differ:", ...mismatched.map((m) => "  " + m)] : []),
      ];
      throw new ValueError(
        `${context}: the arrays of '${shown}' do not fit the model's parameters, so none was ` +
          "loaded (was the file saved from a model of another architecture or size?):\n  " +
          lines.join("\n  "),
      );
    }

    for (const [key, param] of Object.entries(paramsDict)) param.data = npz[key];
  }
}

/** Checks that `path` is a path or a URL; returns it as text, for messages. */
function checkPath(path: unknown, context: string): string {
  if (typeof path === "string") return path;
  if (path instanceof URL) return path.href;
  throw new TypeError(`${context} takes a file path (a string or a URL), not ${describe(path)}`);
}

/** Registers `name` when `value` is a Parameter or a Layer; refuses to hide one behind another. */
function register(target: object, name: string | symbol, value: unknown): void {
  const names = registered.get(target);
  if (names === undefined || typeof name !== "string") return;
  if (value instanceof Parameter || value instanceof Layer) {
    names.add(name);
  } else if (names.has(name)) {
    const old = (target as Record<string, unknown>)[name];
    const kind = old instanceof Layer ? "a layer" : "a Parameter";
    const fix = old instanceof Parameter
      ? `to change its value, set ${name}.data (e.g. ${name}.data = np.zeros(...))`
      : "assign another layer, or use another name";
    throw new TypeError(
      `${target.constructor.name}.${name} holds ${kind}; assigning ${describe(value)} would hide ` +
        `it from params() and the optimizer: ${fix}`,
    );
  }
}

/**
 * A fully connected layer: `y = x @ W + b`, with `W` of shape `(inSize, outSize)` and `b` of
 * `(outSize,)`. `W` is initialised at the first `call` when `inSize` is not given (from the
 * input's width), with `randn(inSize, outSize) * sqrt(1 / inSize)` in `dtype` (float32 by
 * default); `b` starts at zero.
 *
 * @example
 * ```ts
 * import { L, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * np.random.seed(0);
 * const layer = new L.Linear(3);
 * const y = layer.call(np.random.rand(2, 4));
 * assert.deepEqual([y.shape, layer.W.shape, layer.W.dtype], [[2, 3], [4, 3], "float32"]);
 * ```
 */
export class Linear extends Layer {
  /** The input width, known once `W` is initialised. */
  inSize: number | null;
  /** The output width. */
  outSize: number;
  /** The parameters' dtype. */
  dtype: np.DType;
  /** The weight, `(inSize, outSize)`; its data is `null` until initialised. */
  W: Parameter;
  /** The bias, `(outSize,)`, or `null` with `nobias`. */
  b: Parameter | null;

  /**
   * @param outSize the output width
   * @param options `nobias`: no bias; `dtype`: the parameters' dtype (float32); `inSize`: the
   *   input width, to initialise `W` now rather than at the first call
   */
  constructor(
    outSize: number,
    options: { nobias?: boolean; dtype?: np.DType; inSize?: number | null } = {},
  ) {
    super();
    const { nobias = false, dtype = "float32", inSize = null } = options;
    if (!Number.isInteger(outSize) || outSize <= 0) {
      throw new TypeError(
        `L.Linear's outSize must be a positive integer, not ${describe(outSize)}`,
      );
    }
    this.inSize = inSize;
    this.outSize = outSize;
    this.dtype = dtype;

    this.W = new Parameter(null, "W");
    if (this.inSize !== null) this.initW();

    this.b = nobias ? null : new Parameter(np.zeros(outSize, dtype), "b");
  }

  /**
   * `W` as `randn(inSize, outSize) * sqrt(1 / inSize)`, in the layer's dtype.
   *
   * @param xp the array module that makes it (`np`, or `cuda.gpu` for an input on the GPU)
   */
  initW(xp: cuda.ArrayModule = np): void {
    const I = this.inSize!;
    const O = this.outSize;
    const WData = xp.random.randn(I, O).astype(this.dtype).mul(Math.sqrt(1 / I));
    this.W.data = WData;
  }

  /**
   * `F.linear(x, W, b)`, after initialising `W` from `x`'s width at the first call.
   *
   * @param x the input, `(N, inSize)`
   */
  override forward(x: Input): Variable {
    if (this.W.data === null) {
      const shape = typeof x === "number" ? [] : x.shape;
      if (shape.length !== 2) {
        throw new TypeError(
          `L.Linear takes a batch of shape (N, inSize), got shape (${shape.join(", ")})` +
            (shape.length === 1 ? `: for one example write x.reshape(1, ${shape[0]})` : ""),
        );
      }
      this.inSize = shape[1];
      const xp = cuda.getArrayModule(x);
      this.initW(xp);
    }

    const y = F.linear(x, this.W, this.b);
    return y;
  }
}

/** The options of `L.Conv2d` and `L.Deconv2d`: the book's keyword arguments. */
export interface ConvLayerOptions {
  /** The step between two applications of the filter (default 1). */
  stride?: F.Size;
  /** The zeros added on each side of the image (default 0). */
  pad?: F.Size;
  /** No bias (default false). */
  nobias?: boolean;
  /** The parameters' dtype (default float32). */
  dtype?: np.DType;
  /** The input channels, to initialise `W` now rather than at the first call. */
  inChannels?: number | null;
}

/** The checked options of a convolution layer, with their defaults. */
function convLayerOptions(
  name: string,
  outChannels: number,
  kernelSize: F.Size,
  options: ConvLayerOptions,
): Required<ConvLayerOptions> {
  const { stride = 1, pad = 0, nobias = false, dtype = "float32", inChannels = null } = check
    .checkOptions(
      `L.${name}`,
      options,
      ["stride", "pad", "nobias", "dtype", "inChannels"],
      `new L.${name}(64, 3, { stride: 1, pad: 1 })`,
    );
  if (!Number.isInteger(outChannels) || outChannels <= 0) {
    throw new TypeError(
      `L.${name}'s outChannels must be a positive integer, not ${describe(outChannels)}`,
    );
  }
  check.checkPair(`L.${name}`, "kernelSize", kernelSize, 1);
  check.checkPair(`L.${name}`, "stride", stride, 1);
  check.checkPair(`L.${name}`, "pad", pad, 0);
  if (inChannels !== null && (!Number.isInteger(inChannels) || inChannels <= 0)) {
    throw new TypeError(
      `L.${name}'s inChannels must be a positive integer or null, not ${describe(inChannels)}`,
    );
  }
  return { stride, pad, nobias, dtype, inChannels };
}

/** The channels of a batch of images, for a layer's lazy initialisation. */
function channelsOf(name: string, x: Input): number {
  const shape = typeof x === "number" ? [] : x.shape;
  check.checkImages(`L.${name}`, "x", shape);
  return shape[1];
}

/**
 * A 2-d convolution layer: `F.conv2d(x, W, b, { stride, pad })` with filters `W` of shape
 * `(outChannels, inChannels, KH, KW)` and a bias `b` of `(outChannels,)`. `W` is initialised at
 * the first `call` when `inChannels` is not given (from the input's channels), as the book:
 * `randn(OC, C, KH, KW)` in `dtype` (float32 by default) times `sqrt(1 / (C * KH * KW))`; `b`
 * starts at zero. The book's keyword arguments are an options object:
 * `new L.Conv2d(64, 3, { stride: 1, pad: 1 })`.
 *
 * @example
 * ```ts
 * import { L, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const conv = new L.Conv2d(8, 3, { stride: 2, pad: 1 });
 * const y = conv.call(np.random.randn(2, 3, 9, 9).astype("float32"));
 * assert.deepEqual([y.shape, conv.W.shape, conv.W.dtype], [[2, 8, 5, 5], [8, 3, 3, 3], "float32"]);
 * ```
 */
export class Conv2d extends Layer {
  /** The input channels, known once `W` is initialised. */
  inChannels: number | null;
  /** The output channels. */
  outChannels: number;
  /** The filter's size. */
  kernelSize: F.Size;
  /** The stride. */
  stride: F.Size;
  /** The padding. */
  pad: F.Size;
  /** The parameters' dtype. */
  dtype: np.DType;
  /** The filters, `(OC, C, KH, KW)`; its data is `null` until initialised. */
  W: Parameter;
  /** The bias, `(OC,)`, or `null` with `nobias`. */
  b: Parameter | null;

  /**
   * @param outChannels the output channels
   * @param kernelSize the filter's size, an integer or `[KH, KW]`
   * @param options `stride`, `pad`, `nobias`, `dtype` and `inChannels`
   */
  constructor(outChannels: number, kernelSize: F.Size, options: ConvLayerOptions = {}) {
    super();
    const { stride, pad, nobias, dtype, inChannels } = convLayerOptions(
      new.target === Conv2d ? "Conv2d" : new.target.name,
      outChannels,
      kernelSize,
      options,
    );
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.pad = pad;
    this.dtype = dtype;

    this.W = new Parameter(null, "W");
    if (inChannels !== null) this.initW();

    this.b = nobias ? null : new Parameter(np.zeros(outChannels, dtype), "b");
  }

  /** `W` as `randn(OC, C, KH, KW) * sqrt(1 / (C * KH * KW))`, in the layer's dtype. */
  initW(): void {
    const C = this.inChannels!;
    const OC = this.outChannels;
    const [KH, KW] = pair(this.kernelSize);
    const scale = Math.sqrt(1 / (C * KH * KW));
    const WData = np.random.randn(OC, C, KH, KW).astype(this.dtype).mul(scale);
    this.W.data = WData;
  }

  /**
   * `F.conv2d(x, W, b, { stride, pad })`, after initialising `W` at the first call.
   *
   * @param x the images, `(N, C, H, W)`
   */
  override forward(x: Input): Variable {
    if (this.W.data === null) {
      this.inChannels = channelsOf("Conv2d", x);
      this.initW();
    }

    const y = F.conv2d(x, this.W, this.b, { stride: this.stride, pad: this.pad });
    return y;
  }
}

/**
 * A 2-d transposed convolution layer: `F.deconv2d(x, W, b, { stride, pad })` with filters `W` of
 * shape `(inChannels, outChannels, KH, KW)`, initialised as `L.Conv2d`'s (the book's
 * `Deconv2d`, which repeats `Conv2d` but for those two lines: here it extends `L.Conv2d`).
 *
 * @example
 * ```ts
 * import { L, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const deconv = new L.Deconv2d(4, 4, { stride: 2, pad: 1 });
 * const y = deconv.call(np.random.randn(1, 3, 5, 5).astype("float32"));
 * assert.deepEqual([y.shape, deconv.W.shape], [[1, 4, 10, 10], [3, 4, 4, 4]]);
 * ```
 */
export class Deconv2d extends Conv2d {
  /** `W` as `randn(C, OC, KH, KW) * sqrt(1 / (C * KH * KW))`, in the layer's dtype. */
  override initW(): void {
    const C = this.inChannels!;
    const OC = this.outChannels;
    const [KH, KW] = pair(this.kernelSize);
    const scale = Math.sqrt(1 / (C * KH * KW));
    const WData = np.random.randn(C, OC, KH, KW).astype(this.dtype).mul(scale);
    this.W.data = WData;
  }

  /**
   * `F.deconv2d(x, W, b, { stride, pad })`, after initialising `W` at the first call.
   *
   * @param x the images, `(N, C, H, W)`
   */
  override forward(x: Input): Variable {
    if (this.W.data === null) {
      this.inChannels = channelsOf("Deconv2d", x);
      this.initW();
    }

    const y = F.deconv2d(x, this.W, this.b, { stride: this.stride, pad: this.pad });
    return y;
  }
}

/**
 * An embedding: row `x` of the matrix `W` (`(inSize, outSize)`, initialised with
 * `randn(inSize, outSize)` in float64, as the book) for each id `x` (`F.embedId`).
 *
 * @example
 * ```ts
 * import { L, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const embed = new L.EmbedID(10, 3);
 * const y = embed.call(np.array([[1, 2], [3, 9]], "int64"));
 * assert.deepEqual(y.shape, [2, 2, 3]);
 * assert.ok(np.arrayEqual(y.data!.get(1, 1), embed.W.data!.get(9)));
 * ```
 */
export class EmbedID extends Layer {
  /** The embedding matrix, `(inSize, outSize)`. */
  W: Parameter;

  /**
   * @param inSize the number of ids (the vocabulary's size)
   * @param outSize the size of each embedding
   */
  constructor(inSize: number, outSize: number) {
    super();
    for (const [name, v] of [["inSize", inSize], ["outSize", outSize]] as const) {
      if (!Number.isInteger(v) || v <= 0) {
        throw new TypeError(`L.EmbedID's ${name} must be a positive integer, not ${describe(v)}`);
      }
    }
    this.W = new Parameter(np.random.randn(inSize, outSize), "W");
  }

  /**
   * `W[x]`.
   *
   * @param x the ids: an integer or an int64 array
   */
  override forward(x: Input): Variable {
    if (x instanceof Parameter || !(typeof x === "number" || x instanceof np.NDArray)) {
      throw new TypeError("L.EmbedID takes the ids as an integer or an int64 NDArray");
    }
    const y = F.embedId(x, this.W);
    return y;
  }
}

/**
 * Batch normalization (`F.batchNorm`) with a learned scale `gamma` and shift `beta` per feature
 * (channel, for images), and the running averages `avgMean` and `avgVar` that training updates
 * and test mode uses. They are `Parameter`s, as in the book, so that they are saved with the
 * weights; they get no gradients, so optimizers leave them alone. All four are initialised at
 * the first call, in the input's dtype (zeros for `avgMean` and `beta`, ones for the others).
 *
 * @example
 * ```ts
 * import { L, np, testMode } from "./full.ts";
 * import assert from "node:assert/strict";
 * const bn = new L.BatchNorm();
 * const x = np.array([[1, 10], [3, 30]]);
 * assert.equal(bn.call(x).toString(), "variable([[-0.99999   -0.9999999]\n          [ 0.99999    0.9999999]])");
 * assert.equal(bn.avgMean.data!.toString(), "[0.2 2. ]");
 * using _ = testMode();
 * assert.deepEqual(bn.call(x).shape, [2, 2]);
 * ```
 */
export class BatchNorm extends Layer {
  /** The running mean, `(D,)`. */
  avgMean: Parameter;
  /** The running variance, `(D,)`. */
  avgVar: Parameter;
  /** The scale, `(D,)`. */
  gamma: Parameter;
  /** The shift, `(D,)`. */
  beta: Parameter;

  /** Makes the layer; its parameters are initialised at the first call. */
  constructor() {
    super();
    // `avgMean` and `avgVar` are `Parameter` objects, so they will be saved to a file (using
    // `saveWeights()`). But they don't need grads, so they're just used as arrays.
    this.avgMean = new Parameter(null, "avg_mean");
    this.avgVar = new Parameter(null, "avg_var");
    this.gamma = new Parameter(null, "gamma");
    this.beta = new Parameter(null, "beta");
  }

  /** Initialises the parameters not yet set for `x`'s features, in `x`'s dtype. */
  initParams(x: np.NDArray): void {
    const D = x.shape[1];
    if (this.avgMean.data === null) this.avgMean.data = np.zeros(D, x.dtype);
    if (this.avgVar.data === null) this.avgVar.data = np.ones(D, x.dtype);
    if (this.gamma.data === null) this.gamma.data = np.ones(D, x.dtype);
    if (this.beta.data === null) this.beta.data = np.zeros(D, x.dtype);
  }

  /**
   * `F.batchNorm(x, gamma, beta, avgMean, avgVar)`, after initialising the parameters.
   *
   * @param x the input, `(N, D)` or `(N, C, H, W)`
   */
  override forward(x: Input): Variable {
    const data = typeof x === "number" ? null : x instanceof np.NDArray ? x : x.data;
    if (data === null || (data.ndim !== 2 && data.ndim !== 4)) {
      throw new TypeError(
        "L.BatchNorm takes a batch of shape (N, D) or of images (N, C, H, W), got " +
          (data === null ? describe(x) : `shape (${data.shape.join(", ")})`),
      );
    }
    if (this.avgMean.data === null) this.initParams(data);
    return F.batchNorm(x, this.gamma, this.beta, this.avgMean.data!, this.avgVar.data!);
  }
}

// =============================================================================================
// RNN / LSTM (steps 59–60)

/** Checks the sizes of a recurrent layer: a positive `hiddenSize`, an `inSize` that is one too. */
function checkSizes(layer: string, hiddenSize: unknown, inSize: unknown): void {
  if (!Number.isInteger(hiddenSize) || (hiddenSize as number) <= 0) {
    throw new TypeError(
      `L.${layer}'s hiddenSize must be a positive integer, not ${describe(hiddenSize)}`,
    );
  }
  if (inSize !== null && (!Number.isInteger(inSize) || (inSize as number) <= 0)) {
    throw new TypeError(
      `L.${layer}'s inSize must be a positive integer, or null to take it from the first ` +
        `input, not ${describe(inSize)}`,
    );
  }
}

/**
 * An Elman RNN with tanh (step 59): `h = tanh(x @ Wx + bx + h @ Wh)`, with the hidden state `h`
 * kept from one call to the next (none at the first call after `resetState()`, which is then
 * `tanh(x @ Wx + bx)`). The weights are two `L.Linear`s, `x2h` and `h2h` (no bias), made at their
 * first call unless `inSize` is given, as the book's.
 *
 * Difference from the book: given `inSize`, `h2h` gets `hiddenSize` inputs; the book gives it
 * `inSize` too, which fails at the second call unless the two sizes are equal.
 *
 * @example
 * ```ts
 * import { L, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const rnn = new L.RNN(10);
 * const x = np.random.rand(1, 1);
 * const h1 = rnn.call(x); // h2h is not used (nor made) yet
 * const h2 = rnn.call(x); // tanh(x2h(x) + h2h(h1))
 * assert.deepEqual([h1.shape, h2.shape, rnn.h2h.W.shape], [[1, 10], [1, 10], [10, 10]]);
 * rnn.resetState();
 * assert.equal(rnn.h, null);
 * ```
 */
export class RNN extends Layer {
  /** From the input to the hidden state. */
  x2h: Linear;
  /** From the hidden state to the next, without bias. */
  h2h: Linear;
  /** The hidden state, `(N, hiddenSize)`, or `null` after `resetState()`. */
  h: Variable | null = null;

  /**
   * Makes the layer, with no state yet.
   *
   * @param hiddenSize the width of the hidden state
   * @param options `inSize`: the input width, to make the weights now rather than at the first
   *   call
   */
  constructor(hiddenSize: number, options: { inSize?: number | null } = {}) {
    super();
    const { inSize = null } = options;
    checkSizes("RNN", hiddenSize, inSize);
    this.x2h = new Linear(hiddenSize, { inSize });
    this.h2h = new Linear(hiddenSize, {
      inSize: inSize === null ? null : hiddenSize,
      nobias: true,
    });
  }

  /** Forgets the hidden state: the next call starts a new sequence. */
  resetState(): void {
    this.h = null;
  }

  /**
   * The next hidden state, which is also kept for the next call.
   *
   * @param x the input, `(N, inSize)`
   */
  override forward(x: Input): Variable {
    let hNew: Variable;
    if (this.h === null) {
      hNew = F.tanh(this.x2h.call(x));
    } else {
      hNew = F.tanh(this.x2h.call(x).add(this.h2h.call(this.h)));
    }
    this.h = hNew;
    return hNew;
  }
}

/**
 * A long short-term memory layer (step 60): gates `f`, `i`, `o` (sigmoid) and the update `u`
 * (tanh), each from the input and the last hidden state; the memory cell
 * `c = f * c + i * u` and the hidden state `h = o * tanh(c)`, both kept from one call to the next
 * (none at the first call after `resetState()`). Each gate has an `L.Linear` from the input
 * (`x2f`, `x2i`, `x2o`, `x2u`, made at their first call unless `inSize` is given) and one from
 * the hidden state without bias (`h2f`, ..., made now), as in the book, so seeded runs draw the
 * book's weights in the book's order.
 *
 * @example
 * ```ts
 * import { L, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * const lstm = new L.LSTM(10);
 * const x = np.random.rand(3, 1);
 * lstm.call(x);
 * const h = lstm.call(x);
 * assert.deepEqual([h.shape, lstm.c?.shape, [...lstm.params()].length], [[3, 10], [3, 10], 12]);
 * ```
 */
export class LSTM extends Layer {
  /** The forget gate's weights from the input. */
  x2f: Linear;
  /** The input gate's weights from the input. */
  x2i: Linear;
  /** The output gate's weights from the input. */
  x2o: Linear;
  /** The update's weights from the input. */
  x2u: Linear;
  /** The forget gate's weights from the hidden state. */
  h2f: Linear;
  /** The input gate's weights from the hidden state. */
  h2i: Linear;
  /** The output gate's weights from the hidden state. */
  h2o: Linear;
  /** The update's weights from the hidden state. */
  h2u: Linear;
  /** The hidden state, `(N, hiddenSize)`, or `null` after `resetState()`. */
  h: Variable | null = null;
  /** The memory cell, `(N, hiddenSize)`, or `null` after `resetState()`. */
  c: Variable | null = null;

  /**
   * Makes the layer, with no state yet; the weights from the hidden state are made now.
   *
   * @param hiddenSize the width of the hidden state and the memory cell
   * @param options `inSize`: the input width, to make the input weights now rather than at the
   *   first call
   */
  constructor(hiddenSize: number, options: { inSize?: number | null } = {}) {
    super();
    const { inSize = null } = options;
    checkSizes("LSTM", hiddenSize, inSize);
    const [H, I] = [hiddenSize, inSize];
    this.x2f = new Linear(H, { inSize: I });
    this.x2i = new Linear(H, { inSize: I });
    this.x2o = new Linear(H, { inSize: I });
    this.x2u = new Linear(H, { inSize: I });
    this.h2f = new Linear(H, { inSize: H, nobias: true });
    this.h2i = new Linear(H, { inSize: H, nobias: true });
    this.h2o = new Linear(H, { inSize: H, nobias: true });
    this.h2u = new Linear(H, { inSize: H, nobias: true });
  }

  /** Forgets the hidden state and the memory cell: the next call starts a new sequence. */
  resetState(): void {
    this.h = null;
    this.c = null;
  }

  /**
   * The next hidden state; it and the memory cell are kept for the next call.
   *
   * @param x the input, `(N, inSize)`
   */
  override forward(x: Input): Variable {
    let f: Variable, i: Variable, o: Variable, u: Variable;
    if (this.h === null) {
      f = F.sigmoid(this.x2f.call(x));
      i = F.sigmoid(this.x2i.call(x));
      o = F.sigmoid(this.x2o.call(x));
      u = F.tanh(this.x2u.call(x));
    } else {
      f = F.sigmoid(this.x2f.call(x).add(this.h2f.call(this.h)));
      i = F.sigmoid(this.x2i.call(x).add(this.h2i.call(this.h)));
      o = F.sigmoid(this.x2o.call(x).add(this.h2o.call(this.h)));
      u = F.tanh(this.x2u.call(x).add(this.h2u.call(this.h)));
    }

    let cNew: Variable;
    if (this.c === null) {
      cNew = i.mul(u);
    } else {
      cNew = f.mul(this.c).add(i.mul(u));
    }

    const hNew = o.mul(F.tanh(cNew));

    [this.h, this.c] = [hNew, cNew];
    return hNew;
  }
}
