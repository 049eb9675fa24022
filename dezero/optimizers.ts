/**
 * The book's `dezero.optimizers` (step 46): an `Optimizer` updates the parameters of the model it
 * was `setup` with, from their gradients, in place (the book's `param.data -= ...`, here
 * `param.data.isub(...)`: the parameter keeps its dtype, as NumPy's in-place operators keep it).
 * `SGD`, `MomentumSGD`, `AdaGrad`, `AdaDelta` and `Adam`, and the hooks `WeightDecay`, `ClipGrad`
 * and `FreezeParam`, which see the parameters before each update. Their state is made by
 * `xp = cuda.getArrayModule(param.data)`, so a model on the GPU is updated there (step 52);
 * `ClipGrad` reads the norm as a number, so it needs the gradients on the CPU.
 *
 * @module
 */

import { Parameter } from "./core.ts";
import * as cuda from "./cuda.ts";
import { Layer } from "./layers.ts";
import { describe } from "./np/_errors.ts";
import * as np from "./np/mod.ts";

/** A hook: a function of the parameters, or an object whose `call` takes them. */
export type Hook = ((params: Parameter[]) => void) | { call(params: Parameter[]): void };

/** The parameters of `param` as arrays: its data and its gradient's data. */
function arrays(param: Parameter): [np.NDArray, np.NDArray] {
  return [param.data!, param.grad!.data!];
}

/**
 * The base class of optimizers: `setup(model)`, then `update()` after each `backward()`.
 *
 * @example
 * ```ts
 * import { MLP, optimizers } from "./full.ts";
 * import assert from "node:assert/strict";
 * const optimizer = new optimizers.SGD(0.2).setup(new MLP([10, 1]));
 * assert.ok(optimizer instanceof optimizers.Optimizer);
 * assert.throws(() => new optimizers.SGD().update(), /setup\(model\)/);
 * ```
 */
export class Optimizer {
  /** The model (or layer) whose parameters are updated; `null` before `setup`. */
  target: Layer | null = null;
  /** The hooks, run on the parameters before each update. */
  hooks: Hook[] = [];

  /**
   * Sets the model to update and returns this optimizer, for `new SGD(lr).setup(model)`.
   *
   * @param target the model or layer
   */
  setup(target: Layer): this {
    if (!(target instanceof Layer)) {
      throw new TypeError(
        `${this.constructor.name}.setup() takes a model or layer (whose params() it updates), ` +
          `not ${describe(target)}`,
      );
    }
    this.target = target;
    return this;
  }

  /** Updates every parameter that has a gradient, after running the hooks on them. */
  update(): void {
    if (this.target === null) {
      throw new Error(
        `${this.constructor.name}.update() before setup(model): write ` +
          `new ${this.constructor.name}(...).setup(model) first`,
      );
    }
    let params = [...this.target.params()].filter((p) => p.grad !== null);

    for (const f of this.hooks) {
      if (typeof f === "function") f(params);
      else f.call(params);
      // A hook may clear gradients (FreezeParam does): those parameters are left out of the
      // hooks after it and of the update. The book updates them anyway and fails on `None.data`.
      params = params.filter((p) => p.grad !== null);
    }

    for (const param of params) this.updateOne(param);
  }

  /**
   * Updates one parameter; each optimizer defines it.
   *
   * @param _param the parameter
   */
  updateOne(_param: Parameter): void {
    throw new Error(`${this.constructor.name}.updateOne() is not implemented`);
  }

  /**
   * Adds a hook, run on the parameters before each update.
   *
   * @param f a function of the parameters, or an object with `call(params)`
   */
  addHook(f: Hook): void {
    if (typeof f !== "function" && typeof (f as { call?: unknown })?.call !== "function") {
      throw new TypeError(`addHook() takes a function or a hook object, not ${describe(f)}`);
    }
    this.hooks.push(f);
  }
}

// =============================================================================================
// Hook functions

/**
 * Adds `rate * param` to each gradient: L2 regularisation.
 *
 * @example
 * ```ts
 * import { np, optimizers, Parameter } from "./full.ts";
 * import assert from "node:assert/strict";
 * const p = new Parameter(np.array([2.0]));
 * p.grad = new Parameter(np.array([1.0]));
 * new optimizers.WeightDecay(0.5).call([p]);
 * assert.equal(p.grad.toString(), "variable([2.])");
 * ```
 */
export class WeightDecay {
  /** @param rate the decay rate */
  constructor(readonly rate: number) {}

  /**
   * `grad += rate * data` for each parameter.
   *
   * @param params the parameters
   */
  call(params: Parameter[]): void {
    for (const param of params) {
      const [data, grad] = arrays(param);
      grad.iadd(data.mul(this.rate));
    }
  }
}

/**
 * Scales all gradients down together when their total norm exceeds `maxNorm`.
 *
 * @example
 * ```ts
 * import { np, optimizers, Parameter } from "./full.ts";
 * import assert from "node:assert/strict";
 * const p = new Parameter(np.array([3.0, 4.0]));
 * p.grad = new Parameter(np.array([3.0, 4.0])); // norm 5
 * new optimizers.ClipGrad(1).call([p]);
 * assert.ok(Math.abs(Math.hypot(...(p.grad.data!.toArray() as number[])) - 1) < 1e-6);
 * ```
 */
export class ClipGrad {
  /** @param maxNorm the largest total norm */
  constructor(readonly maxNorm: number) {}

  /**
   * Multiplies every gradient by `maxNorm / (norm + 1e-6)` when that is below 1.
   *
   * @param params the parameters
   */
  call(params: Parameter[]): void {
    let totalNorm = 0;
    for (const param of params) {
      const grad = arrays(param)[1];
      totalNorm += grad.pow(2).sum().item();
    }
    totalNorm = Math.sqrt(totalNorm);

    const rate = this.maxNorm / (totalNorm + 1e-6);
    if (rate < 1) {
      for (const param of params) arrays(param)[1].imul(rate);
    }
  }
}

/**
 * Keeps the parameters of some layers (or single parameters) from being updated, by clearing
 * their gradients.
 *
 * @example
 * ```ts
 * import { np, optimizers, Parameter } from "./full.ts";
 * import assert from "node:assert/strict";
 * const p = new Parameter(np.array([1.0]));
 * p.grad = new Parameter(np.array([1.0]));
 * new optimizers.FreezeParam(p).call([p]);
 * assert.equal(p.grad, null);
 * ```
 */
export class FreezeParam {
  /** The parameters to freeze. */
  freezeParams: Parameter[] = [];

  /** @param layers layers or parameters */
  constructor(...layers: (Layer | Parameter)[]) {
    for (const l of layers) {
      if (l instanceof Parameter) this.freezeParams.push(l);
      else for (const p of l.params()) this.freezeParams.push(p);
    }
  }

  /**
   * Clears the frozen parameters' gradients.
   *
   * @param _params the parameters (unused: the frozen ones are known)
   */
  call(_params: Parameter[]): void {
    for (const p of this.freezeParams) p.grad = null;
  }
}

// =============================================================================================
// SGD / MomentumSGD / AdaGrad / AdaDelta / Adam

/**
 * Stochastic gradient descent: `param -= lr * grad`.
 *
 * @example
 * ```ts
 * import { Model, np, optimizers, Parameter } from "./full.ts";
 * import assert from "node:assert/strict";
 * class M extends Model {
 *   p = new Parameter(np.array([1.0, 2.0]));
 * }
 * const m = new M();
 * m.p.grad = new Parameter(np.array([1.0, 1.0]));
 * new optimizers.SGD(0.1).setup(m).update();
 * assert.equal(m.p.data?.toString(), "[0.9 1.9]");
 * ```
 */
export class SGD extends Optimizer {
  /** @param lr the learning rate */
  constructor(public lr = 0.01) {
    super();
  }

  /** `param.data -= lr * grad`. */
  override updateOne(param: Parameter): void {
    const [data, grad] = arrays(param);
    data.isub(grad.mul(this.lr));
  }
}

/**
 * SGD with momentum: `v = momentum * v - lr * grad; param += v`.
 *
 * @example
 * ```ts
 * import { Model, np, optimizers, Parameter } from "./full.ts";
 * import assert from "node:assert/strict";
 * class M extends Model {
 *   p = new Parameter(np.array([1.0]));
 * }
 * const m = new M();
 * const opt = new optimizers.MomentumSGD(0.1, 0.9).setup(m);
 * for (let i = 0; i < 2; i++) {
 *   m.p.grad = new Parameter(np.array([1.0]));
 *   opt.update();
 * }
 * assert.equal(m.p.data?.item(), 1 - 0.1 - (0.9 * 0.1 + 0.1)); // v1 = -0.1, v2 = -0.19
 * ```
 */
export class MomentumSGD extends Optimizer {
  /** The velocity of each parameter. */
  vs: Map<Parameter, np.NDArray> = new Map();

  /**
   * @param lr the learning rate
   * @param momentum the momentum
   */
  constructor(public lr = 0.01, public momentum = 0.9) {
    super();
  }

  /** `v *= momentum; v -= lr * grad; param += v`. */
  override updateOne(param: Parameter): void {
    const [data, grad] = arrays(param);
    const xp = cuda.getArrayModule(data);
    if (!this.vs.has(param)) this.vs.set(param, xp.zerosLike(data));

    const v = this.vs.get(param)!;
    v.imul(this.momentum);
    v.isub(grad.mul(this.lr));
    data.iadd(v);
  }
}

/**
 * AdaGrad: `h += grad * grad; param -= lr * grad / (sqrt(h) + eps)`.
 *
 * @example
 * ```ts
 * import { Model, np, optimizers, Parameter } from "./full.ts";
 * import assert from "node:assert/strict";
 * class M extends Model {
 *   p = new Parameter(np.array([1.0]));
 * }
 * const m = new M();
 * m.p.grad = new Parameter(np.array([2.0]));
 * new optimizers.AdaGrad(0.1).setup(m).update();
 * assert.equal(m.p.data?.item(), 1 - (0.1 * 2) / (2 + 1e-8));
 * ```
 */
export class AdaGrad extends Optimizer {
  /** The sum of squared gradients of each parameter. */
  hs: Map<Parameter, np.NDArray> = new Map();

  /**
   * @param lr the learning rate
   * @param eps added to the denominator
   */
  constructor(public lr = 0.001, public eps = 1e-8) {
    super();
  }

  /** `h += grad * grad; param -= lr * grad / (sqrt(h) + eps)`. */
  override updateOne(param: Parameter): void {
    const [data, grad] = arrays(param);
    const xp = cuda.getArrayModule(data);
    if (!this.hs.has(param)) this.hs.set(param, xp.zerosLike(data));

    const lr = this.lr;
    const eps = this.eps;
    const h = this.hs.get(param)!;

    h.iadd(grad.mul(grad));
    data.isub(grad.mul(lr).div(xp.sqrt(h).add(eps)));
  }
}

/**
 * AdaDelta: steps scaled by running averages of squared gradients and of squared steps.
 *
 * @example
 * ```ts
 * import { Model, np, optimizers, Parameter } from "./full.ts";
 * import assert from "node:assert/strict";
 * class M extends Model {
 *   p = new Parameter(np.array([1.0]));
 * }
 * const m = new M();
 * m.p.grad = new Parameter(np.array([1.0]));
 * new optimizers.AdaDelta(0.95, 1e-6).setup(m).update();
 * // msg = 0.05, dx = sqrt((0 + 1e-6) / (0.05 + 1e-6)) * 1
 * assert.equal(m.p.data?.item(), 1 - Math.sqrt(1e-6 / (0.05 + 1e-6)));
 * ```
 */
export class AdaDelta extends Optimizer {
  /** The running average of squared gradients of each parameter. */
  msg: Map<Parameter, np.NDArray> = new Map();
  /** The running average of squared steps of each parameter. */
  msdx: Map<Parameter, np.NDArray> = new Map();

  /**
   * @param rho the decay of the running averages
   * @param eps added inside the square roots
   */
  constructor(public rho = 0.95, public eps = 1e-6) {
    super();
  }

  /** The book's update: `msg`, then the step `dx`, then `msdx`; `param -= dx`. */
  override updateOne(param: Parameter): void {
    const [data, grad] = arrays(param);
    const xp = cuda.getArrayModule(data);
    if (!this.msg.has(param)) {
      this.msg.set(param, xp.zerosLike(data));
      this.msdx.set(param, xp.zerosLike(data));
    }

    const msg = this.msg.get(param)!;
    const msdx = this.msdx.get(param)!;
    const rho = this.rho;
    const eps = this.eps;

    msg.imul(rho);
    msg.iadd(grad.mul(1 - rho).mul(grad));
    const dx = xp.sqrt(msdx.add(eps).div(msg.add(eps))).mul(grad);
    msdx.imul(rho);
    msdx.iadd(dx.mul(1 - rho).mul(dx));
    data.isub(dx);
  }
}

/**
 * Adam: moving averages of the gradient and of its square, with bias correction in `lr`.
 *
 * @example
 * ```ts
 * import { Model, np, optimizers, Parameter } from "./full.ts";
 * import assert from "node:assert/strict";
 * class M extends Model {
 *   p = new Parameter(np.array([1.0]));
 * }
 * const m = new M();
 * m.p.grad = new Parameter(np.array([0.5]));
 * const adam = new optimizers.Adam(0.001).setup(m);
 * adam.update();
 * // t = 1: lr = 0.001 * sqrt(1 - 0.999) / (1 - 0.9); m = 0.05, v = 0.00025
 * const lr = 0.001 * Math.sqrt(1 - 0.999) / (1 - 0.9);
 * assert.equal(m.p.data?.item(), 1 - (lr * ((1 - 0.9) * 0.5)) / (Math.sqrt((1 - 0.999) * 0.25) + 1e-8));
 * ```
 */
export class Adam extends Optimizer {
  /** The number of updates so far. */
  t = 0;
  /** The first moment of each parameter. */
  ms: Map<Parameter, np.NDArray> = new Map();
  /** The second moment of each parameter. */
  vs: Map<Parameter, np.NDArray> = new Map();

  /**
   * @param alpha the step size
   * @param beta1 the decay of the first moment
   * @param beta2 the decay of the second moment
   * @param eps added to the denominator
   */
  constructor(
    public alpha = 0.001,
    public beta1 = 0.9,
    public beta2 = 0.999,
    public eps = 1e-8,
  ) {
    super();
  }

  /** Counts the step, then updates. */
  override update(): void {
    this.t += 1;
    super.update();
  }

  /** The step size with the bias correction of step `t`. */
  get lr(): number {
    const fix1 = 1 - Math.pow(this.beta1, this.t);
    const fix2 = 1 - Math.pow(this.beta2, this.t);
    return this.alpha * Math.sqrt(fix2) / fix1;
  }

  /** `m += (1 - beta1) * (grad - m); v += (1 - beta2) * (grad² - v); param -= lr * m / (√v + eps)`. */
  override updateOne(param: Parameter): void {
    const [data, grad] = arrays(param);
    const xp = cuda.getArrayModule(data);
    if (!this.ms.has(param)) {
      this.ms.set(param, xp.zerosLike(data));
      this.vs.set(param, xp.zerosLike(data));
    }

    const m = this.ms.get(param)!;
    const v = this.vs.get(param)!;
    const { beta1, beta2, eps } = this;

    m.iadd(grad.sub(m).mul(1 - beta1));
    v.iadd(grad.mul(grad).sub(v).mul(1 - beta2));
    data.isub(m.mul(this.lr).div(xp.sqrt(v).add(eps)));
  }
}
