/**
 * The book's `dezero.functions` (imported as `F`) as far as stage 3 uses it: `sin`, `cos`,
 * `tanh`, `exp` and `square`, functions of the full core (`core.ts`) whose `backward` computes
 * with Variables, so that their derivatives can be differentiated again (steps 33–36).
 *
 * Each backward is written with these very functions (the derivative of `sin` is `cos`, that of
 * `cos` is `-sin`) or with its own output (`tanh`, `exp`), as in the book.
 *
 * @module
 */

import { Function, type Operand, Variable } from "./core.ts";
import * as np from "./np/mod.ts";

/**
 * `y = sin(x)`; the gradient is `gy * cos(x)`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Sin().forward(np.array(0.0)).toString(), "0.0");
 * ```
 */
export class Sin extends Function {
  /**
   * `np.sin(x)`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    return np.sin(x);
  }

  /**
   * `gy * cos(x)`.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    return gy.mul(cos(x));
  }
}

/**
 * `sin(x)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(np.pi / 4));
 * const y = F.sin(x);
 * y.backward();
 * assert.equal(y.toString(), "variable(0.7071067811865475)");
 * assert.equal(x.grad?.toString(), "variable(0.7071067811865476)");
 * ```
 */
export function sin(x: Operand): Variable {
  return new Sin().call(x);
}

/**
 * `y = cos(x)`; the gradient is `gy * -sin(x)`.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Cos().forward(np.array(0.0)).toString(), "1.0");
 * ```
 */
export class Cos extends Function {
  /**
   * `np.cos(x)`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    return np.cos(x);
  }

  /**
   * `gy * -sin(x)`.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    return gy.mul(sin(x).neg());
  }
}

/**
 * `cos(x)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(0.0));
 * const y = F.cos(x);
 * y.backward();
 * assert.equal(y.toString(), "variable(1.0)");
 * assert.equal(x.grad?.toString(), "variable(-0.0)");
 * ```
 */
export function cos(x: Operand): Variable {
  return new Cos().call(x);
}

/**
 * `y = tanh(x)`; the gradient is `gy * (1 - y * y)`, from the output.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Tanh().forward(np.array(0.0)).toString(), "0.0");
 * ```
 */
export class Tanh extends Function {
  /**
   * `np.tanh(x)`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    return np.tanh(x);
  }

  /**
   * `gy * (1 - y * y)`, with `y` the recorded output.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const y = this.outputs[0];
    return gy.mul(y.mul(y).rsub(1));
  }
}

/**
 * `tanh(x)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(0.0));
 * F.tanh(x).backward();
 * assert.equal(x.grad?.toString(), "variable(1.0)");
 * ```
 */
export function tanh(x: Operand): Variable {
  return new Tanh().call(x);
}

/**
 * `y = exp(x)`; the gradient is `gy * y`, from the output.
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Exp().forward(np.array(0.0)).toString(), "1.0");
 * ```
 */
export class Exp extends Function {
  /**
   * `np.exp(x)`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    return np.exp(x);
  }

  /**
   * `gy * y`, with `y` the recorded output.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const y = this.outputs[0];
    return gy.mul(y);
  }
}

/**
 * `exp(x)` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * F.exp(x).backward();
 * assert.equal(x.grad?.toString(), "variable(2.718281828459045)");
 * ```
 */
export function exp(x: Operand): Variable {
  return new Exp().call(x);
}

/**
 * `y = x ** 2`; the gradient is `2 * x * gy` (steps 7–9's `Square`, in Variables).
 *
 * @example
 * ```ts
 * import { F, np } from "./full.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new F.Square().forward(np.array(3.0)).toString(), "9.0");
 * ```
 */
export class Square extends Function {
  /**
   * `x ** 2`.
   *
   * @param x the input array
   */
  override forward(x: np.NDArray): np.NDArray {
    return np.square(x);
  }

  /**
   * `2 * x * gy`, from the recorded input.
   *
   * @param gy the gradient of the output
   */
  override backward(gy: Variable): Variable {
    const x = this.inputs[0];
    return x.rmul(2).mul(gy);
  }
}

/**
 * `x ** 2` as a graph node.
 *
 * @param x the operand
 *
 * @example
 * ```ts
 * import { F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(3.0));
 * F.square(x).backward();
 * assert.equal(x.grad?.toString(), "variable(6.0)");
 * ```
 */
export function square(x: Operand): Variable {
  return new Square().call(x);
}
