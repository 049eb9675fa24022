/**
 * The book's `dezero.layers`, imported as `L`: `Layer`, the base class that keeps a model's
 * parameters, and the layers built on it (`Linear`, step 44).
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
import * as cuda from "./cuda.ts";
import * as F from "./functions.ts";
import { describe } from "./np/_errors.ts";
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
