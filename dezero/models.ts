/**
 * The book's `dezero.models`: `Model`, a `Layer` that can draw its graph, and the models built on
 * it, `Sequential` and `MLP` (step 45).
 *
 * @module
 */

import type { Variable } from "./core.ts";
import * as F from "./_F.ts";
import { type Input, Layer } from "./layers.ts";
import * as L from "./layers.ts";
import { plotDotGraph } from "./utils.ts";

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
