/**
 * DeZero for Deno from stage 3 on: the book's `import dezero`, its `dezero/__init__.py` with
 * `is_simple_core = False`. The full core (`core.ts`), whose gradients are Variables with graphs
 * of their own, so that `backward({ createGraph: true })` makes higher-order derivatives (steps
 * 33–36); the functions `F`; `expr`, which also calls the elementwise ones by name; the graph
 * pictures; `np`, the NumPy stand-in; and stage 4's framework: `Parameter`, `Layer` and the
 * layers `L`, `Model`, `Sequential`, `MLP`, `optimizers`, `datasets`, `transforms`, `DataLoader`
 * and `SeqDataLoader`, and `utils`; step 52's `cuda`, the GPU (on WebGPU), which importing does
 * not touch: `await cuda.init()` asks for it; from step 55 on, the convolutions and poolings in
 * `F`, the layers `L.Conv2d`, `L.Deconv2d`, `L.BatchNorm` and `L.EmbedID`, the models `VGG16` and
 * `ResNet` (with their trained weights), and `utils.Image` for photos.
 *
 * Importing this module patches the methods onto the full core's `Variable`
 * (`setupVariable(F)`, as the book's `__init__.py` does). Stage 2's entry, `mod.ts`, stays for
 * steps 23–32; the two share `Config`, so `noGrad()` from either switches recording for both. It
 * has no dependencies, so it can be imported by path or by URL.
 *
 * @example
 * ```ts
 * import { expr, F, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * const y = F.tanh(x);
 * y.backward({ createGraph: true });
 * const gx = x.grad!; // 1 - tanh(x)², a Variable with a graph
 * x.cleargrad();
 * gx.backward();
 * assert.equal(x.grad?.toString(), "variable(-0.6397000084492246)"); // -2 tanh(x) (1 - tanh(x)²)
 * const z = expr`sin(${x}) * exp(-${x} ** 2 / 2)`;
 * assert.equal(z.toString(), "variable(0.5103779515445728)");
 * ```
 *
 * @module
 */

import { setupVariable, Variable } from "./core.ts";
import { makeExpr } from "./expr.ts";
import * as F from "./_F.ts";
import { add, div, mul, neg, type Operand, pow, rdiv, rsub, sub } from "./core.ts";

export {
  Add,
  add,
  asArray,
  asVariable,
  Config,
  Div,
  div,
  Function,
  Mul,
  mul,
  Neg,
  neg,
  noGrad,
  Pow,
  pow,
  rdiv,
  rsub,
  setupVariable,
  Sub,
  sub,
  usingConfig,
  Variable,
} from "./core.ts";
export type { CoreFunctions, Operand, Outputs } from "./core.ts";
export { dezero, Parameter, testMode } from "./core.ts";
export * as F from "./_F.ts";
export * as L from "./layers.ts";
export { Layer } from "./layers.ts";
export {
  BottleneckA,
  BottleneckB,
  BuildingBlock,
  MLP,
  Model,
  ResNet,
  ResNet101,
  ResNet152,
  ResNet50,
  Sequential,
  VGG16,
} from "./models.ts";
export * as optimizers from "./optimizers.ts";
export * as datasets from "./datasets.ts";
export * as transforms from "./transforms.ts";
export { DataLoader, SeqDataLoader } from "./dataloaders.ts";
export * as utils from "./utils.ts";
export * as cuda from "./cuda.ts";
export { getDotGraph, getMermaidGraph, plotDotGraph } from "./utils.ts";
export type { GraphFunction, GraphVariable } from "./utils.ts";
export * as np from "./np/mod.ts";
// The array types are also exported by name, because documentation tools do not follow `np`.
export type { ArrayInput, DType, NDArray, NestedArray, Operand as ArrayOperand } from "./np/mod.ts";

/** What the full core's `expr` takes between `${` and `}`: a Variable, an array or a number. */
export type ExprValue = Operand;

const fullExpr = makeExpr<Variable>({
  isVariable: (v): v is Variable => v instanceof Variable,
  variable: (data) => new Variable(data),
  add,
  sub,
  rsub,
  mul,
  div,
  rdiv,
  neg,
  pow,
  functions: F.exprFunctions,
  unknownFunction: (name) =>
    `unknown function "${name}": expr knows ${Object.keys(F.exprFunctions).join(", ")} ` +
    "(add a Function class of yours: F.exprFunctions.name = F.exprFunction(MyFunction))",
});

/**
 * Builds a graph of the full core from ordinary math, with the functions of `F` called by name:
 * `` expr`sin(${x}) * exp(-${x} ** 2 / 2)` `` is `F.sin(x).mul(F.exp(x.pow(2).neg().div(2)))`.
 * The rules are those of stage 2's `expr` (Python's precedence, the same calls as Python's
 * operators make, constants folded, errors that point at the column); the functions are those
 * of `F.exprFunctions` (`sin`, `sigmoid`, ...: one list, to which a Function class of yours can be
 * added), which on constants compute their `forward`.
 *
 * @param strings the template's strings
 * @param values the interpolated operands
 * @returns the result as a Variable
 * @throws {SyntaxError} for malformed math or an unknown function
 * @throws {TypeError} for an interpolated value of another type, or a non-constant exponent
 *
 * @example
 * ```ts
 * import { expr, np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * const y = expr`${x} ** 4 - 2 * ${x} ** 2`; // step 33's function
 * y.backward({ createGraph: true });
 * assert.equal(x.grad?.toString(), "variable(24.0)");
 * assert.throws(() => expr`sine(${x})`, SyntaxError);
 * ```
 */
export function expr(strings: TemplateStringsArray, ...values: ExprValue[]): Variable {
  return fullExpr(strings, ...values);
}

setupVariable(F);
