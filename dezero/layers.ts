/**
 * The book's `dezero.layers`, imported as `L`: `Layer`, the base class that keeps a model's
 * parameters, and the layers built on it (`Linear`, step 44).
 *
 * Layers save their parameters to NumPy `.npz` files and load them back (`saveWeights`,
 * `loadWeights`, step 53), under the book's names, so that files go both ways between this
 * package and Python DeZero. The recurrent layers `RNN` and `LSTM` (steps 59–60) keep a state
 * between calls until `resetState()`.
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

import { Parameter, type Variable } from "./core.ts";
import * as F from "./functions.ts";
import { describe, ValueError } from "./np/_errors.ts";
import { sameShape, shapeText } from "./np/_ndarray.ts";
import * as np from "./np/mod.ts";

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
      const key = parentKey ? parentKey + "/" + name : name;

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

  /** `W` as `randn(inSize, outSize) * sqrt(1 / inSize)`, in the layer's dtype. */
  initW(): void {
    const I = this.inSize!;
    const O = this.outSize;
    const WData = np.random.randn(I, O).astype(this.dtype).mul(Math.sqrt(1 / I));
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
      this.initW();
    }

    const y = F.linear(x, this.W, this.b);
    return y;
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
