/**
 * The package's checks and messages: the run-time checks behind "no silent wrong numbers" and
 * the errors both cores (`core_simple.ts`, `core.ts`) raise, so that a mistake gets the same
 * message whichever core the learner uses. `deno run` strips types without checking them, so
 * what TypeScript would reject reaches the package as plain JavaScript; each check turns such a
 * mistake into an error that says what to write instead. Internal to the package. (The NumPy
 * stand-in's own errors are in `np/_errors.ts`.)
 *
 * @module
 */

import { deviceLabels, GpuArray } from "./gpu/_array.ts";
import { describe, typeName, ValueError } from "./np/_errors.ts";
import type { NDArray } from "./np/_ndarray.ts";

// ---------------------------------------------------------------------------------------------
// JavaScript operators on arrays and variables

const VARIABLE_HINT = "write x.add(y), x.sub(y), x.mul(y), x.div(y), x.pow(c) and x.neg() " +
  "(3 * x is x.rmul(3), 2 - x is x.rsub(2)), or let expr read the math: expr`3 * ${x} + ${y}`";

/**
 * `[Symbol.toPrimitive]` for `Variable`: a string conversion (a template literal, `String(x)`)
 * gives the printed form; a number conversion (`x * y`, `-x`, `x < y`) or the default one
 * (`x + y`, `x == 1`) throws, since it would give `NaN` or a string, never a graph.
 *
 * @param value the variable
 * @param hint the conversion JavaScript asks for
 *
 * @example
 * ```ts
 * import { toPrimitive } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * const v = { toString: () => "variable(2.0)" };
 * assert.equal(toPrimitive(v, "string"), "variable(2.0)");
 * assert.throws(() => toPrimitive(v, "number"), TypeError);
 * ```
 */
export function toPrimitive(value: { toString(): string }, hint: string): string {
  if (hint === "string") return value.toString();
  throw new TypeError(
    "a Variable cannot be used with JavaScript's operators (+ - * / ** %, unary - and +, " +
      "< > <= >=, == with a primitive): they would compute NaN or a string, not a graph. " +
      `Instead, ${VARIABLE_HINT}. String(x) or \`\${x}\` gives the printed form.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Options and names

/** Python's snake_case spelling of a camelCase name: `retainGrad` → `retain_grad`. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/** The name among `known` that `name` may have meant (its snake_case or another case). */
function suggest(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase().replaceAll("_", "");
  const hit = known.find((k) =>
    k === name || snake(k) === name || k.toLowerCase() === lower || `${k}s` === name
  );
  return hit === undefined ? `the options are ${known.join(", ")}` : `did you mean ${hit}?`;
}

/**
 * Checks an options object of boolean flags, such as `backward`'s `{ retainGrad, createGraph }`:
 * anything but an object, an unknown key (with the camelCase name for a snake_case one) or a
 * value that is not a boolean is an error.
 *
 * @param where the call, for the message, e.g. `backward()`
 * @param options what the caller passed
 * @param known the flags the call takes
 *
 * @example
 * ```ts
 * import { checkFlags } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * const options: { retainGrad?: boolean } = { retainGrad: true };
 * assert.equal(checkFlags("backward()", options, ["retainGrad"]), options);
 * const pythonic = { retain_grad: true } as { retainGrad?: boolean };
 * assert.throws(() => checkFlags("backward()", pythonic, ["retainGrad"]), {
 *   message: /did you mean retainGrad\?/,
 * });
 * ```
 */
export function checkFlags<T extends object>(
  where: string,
  options: T,
  known: readonly (keyof T & string)[],
): T {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    const example = `${where.replace(/\(\)$/, "")}({ ${known[0]}: true })`;
    throw new TypeError(
      `${where} takes an options object, not ${describe(options)}: write ${example}`,
    );
  }
  for (const key in options) {
    const value: unknown = options[key as keyof T];
    if (!(known as readonly string[]).includes(key)) {
      throw new TypeError(`${where} has no option "${key}": ${suggest(key, known)}`);
    }
    if (value !== undefined && typeof value !== "boolean") {
      throw new TypeError(`${where}: ${key} must be true or false, not ${describe(value)}`);
    }
  }
  return options;
}

/**
 * Checks `usingConfig`'s arguments: `name` must be one of `Config`'s settings (the camelCase name
 * is suggested for the book's snake_case one) and `value` of that setting's type.
 *
 * @param name the setting asked for
 * @param value its new value
 * @param config the `Config` class, whose static fields are the settings
 *
 * @example
 * ```ts
 * import { checkConfig } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * class Config {
 *   static enableBackprop = true;
 * }
 * checkConfig("enableBackprop", false, Config);
 * assert.throws(() => checkConfig("enable_backprop", false, Config), {
 *   message: /did you mean enableBackprop\?/,
 * });
 * ```
 */
export function checkConfig(name: unknown, value: unknown, config: object): void {
  const known = Object.keys(config);
  if (typeof name !== "string" || !known.includes(name)) {
    const hint = typeof name === "string" ? suggest(name, known) : `the settings are ${known}`;
    throw new TypeError(`usingConfig: Config has no setting ${describe(name)}: ${hint}`);
  }
  const old = (config as Record<string, unknown>)[name];
  if (typeof value !== typeof old) {
    throw new TypeError(
      `usingConfig: ${name} must be a ${typeof old} (like ${old}), not ${describe(value)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Recording switched off

// Where the last noGrad() was called (the usual way recording is turned off and left off).
let lastNoGrad: string | null = null;

/**
 * Remembers where `noGrad()` is being called, for {@linkcode recordingOffError}. (Only `noGrad`
 * does this, as it is called by users only: `usingConfig` also runs in every backward pass.)
 *
 * @example
 * ```ts
 * import { noteNoGrad, recordingOffError } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * noteNoGrad();
 * assert.match(recordingOffError("y").message, /y has no graph.*using _ = noGrad\(\);/);
 * ```
 */
export function noteNoGrad(): void {
  lastNoGrad = callSite();
}

/** The first stack frame outside the package: where the user called into it. */
function callSite(): string | null {
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  const here = import.meta.url.slice(0, import.meta.url.lastIndexOf("/") + 1);
  const outside = frames.find((line) =>
    line.includes("at ") && !line.includes(here) && !line.includes("ext:")
  );
  return outside?.trim().replace(/^at /, "") ?? null;
}

/**
 * The error for `backward()` on a result that has no graph because recording was off when it was
 * computed: the book's `with no_grad():` written as `noGrad();` without `using` leaves
 * recording off for the rest of the program, and every gradient would silently stay null.
 *
 * @param name the variable's name, if it has one
 *
 * @example
 * ```ts
 * import { recordingOffError } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * assert.match(recordingOffError(null).message, /using _ = noGrad\(\);/);
 * ```
 */
export function recordingOffError(name: string | null): Error {
  const how = lastNoGrad === null
    ? 'by usingConfig("enableBackprop", false) or Config.enableBackprop = false'
    : `perhaps by noGrad(), which was last called at ${lastNoGrad}`;
  return new Error(
    `backward(): ${name ?? "this variable"} has no graph to backpropagate through: it was ` +
      `computed while recording was off (Config.enableBackprop is false), turned off ${how}. ` +
      "Write `using _ = noGrad();` so that recording comes back at the end of the block, and " +
      "compute what needs gradients outside it.",
  );
}

// ---------------------------------------------------------------------------------------------
// What Functions return

/**
 * Checks what a Function's `forward` or `backward` returned and gives it as a list: one value of
 * the right kind (`isValue`) or an array of them, `expected` long (for `backward`: one gradient
 * per input; for `forward`, `expected` is undefined). A missing gradient is an error naming the
 * function, as in the book, where `None` fails at the next operation.
 *
 * @param f the function, for the message
 * @param method `"forward"` or `"backward"`
 * @param result what it returned
 * @param expected how many values it must return, if known
 * @param isValue whether a value is of the right kind (an NDArray; a Variable in the full core)
 * @param kind that kind's name, for the message
 *
 * @example
 * ```ts
 * import { resultsOf } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * const isNumber = (x: unknown): x is number => typeof x === "number";
 * assert.deepEqual(resultsOf({}, "backward", [1, 2], 2, isNumber, "number"), [1, 2]);
 * assert.throws(() => resultsOf({}, "backward", [1, null], 2, isNumber, "number"), {
 *   message: /returned null for input 2 of 2/,
 * });
 * ```
 */
export function resultsOf<T>(
  f: object,
  method: "forward" | "backward",
  result: unknown,
  expected: number | undefined,
  isValue: (x: unknown) => x is T,
  kind: string,
): T[] {
  if (isValue(result)) {
    if (expected === undefined || expected === 1) return [result];
  } else if (!Array.isArray(result)) {
    throw resultError(f, method, result, undefined, kind);
  }
  const list: unknown[] = isValue(result) ? [result] : result as unknown[];
  if (expected !== undefined && list.length !== expected) {
    throw wrongGradientCount(f, list.length, expected);
  }
  for (let i = 0; i < list.length; i++) {
    if (!isValue(list[i])) throw resultError(f, method, list[i], [i, list.length], kind);
  }
  return list as T[];
}

/** A kind of value that a core computes with: its test and its name, for the messages. */
export interface Kind<T> {
  /** Whether `x` is of this kind. */
  is(x: unknown): x is T;
  /** The kind's name: `NDArray` in the simple core, `Variable` in the full one. */
  name: string;
}

/**
 * What `f.forward` returned, as a list of outputs of `kind` ({@linkcode resultsOf}).
 *
 * @param f the function
 * @param ys what its `forward` returned
 * @param kind the outputs' kind
 *
 * @example
 * ```ts
 * import { outputsOf } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * const NUMBER = { is: (x: unknown): x is number => typeof x === "number", name: "number" };
 * assert.deepEqual(outputsOf({}, 2, NUMBER), [2]);
 * ```
 */
export function outputsOf<T>(f: object, ys: unknown, kind: Kind<T>): T[] {
  return resultsOf(f, "forward", ys, undefined, kind.is, kind.name);
}

/**
 * What `f.backward` returned, as one gradient of `kind` per input ({@linkcode resultsOf}), each
 * of its input's shape: a gradient of another shape (the sum of a broadcast, say) would make
 * every gradient after it silently wrong. The graph's constants ({@linkcode noteConstants}) are
 * exempt: nobody reads their gradients.
 *
 * @param f the function, whose `inputs` say how many gradients it owes and of which shapes
 * @param gxs what its `backward` returned
 * @param kind the gradients' kind
 *
 * @example
 * ```ts
 * import { gradientsOf } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * const SHAPED = {
 *   is: (x: unknown): x is { shape: number[] } => typeof x === "object" && !Array.isArray(x),
 *   name: "NDArray",
 * };
 * const f = { inputs: [{ shape: [3] }, { shape: [2, 1] }] };
 * assert.throws(() => gradientsOf(f, [{ shape: [3] }], SHAPED), /1 gradient\(s\) for 2/);
 * assert.throws(() => gradientsOf(f, [{ shape: [3] }, { shape: [2, 3] }], SHAPED), /sumTo/);
 * ```
 */
export function gradientsOf<T extends { readonly shape: readonly number[] } | null>(
  f: { readonly inputs: readonly { readonly data?: unknown; readonly shape: readonly number[] }[] },
  gxs: unknown,
  kind: Kind<T>,
): T[] {
  const list = resultsOf(f, "backward", gxs, f.inputs.length, kind.is, kind.name);
  for (let i = 0; i < list.length; i++) {
    const gx = list[i];
    if (gx === null) continue; // an input without a gradient (the full core's labels)
    // An input whose data was released has no shape to compare with: F.linearSimple frees the
    // product x @ W once the bias is added (its Add kept the shapes it needs).
    if (f.inputs[i].data === null) continue;
    const want = f.inputs[i].shape;
    const got = gx.shape;
    let same = got.length === want.length;
    for (let d = 0; same && d < got.length; d++) same = got[d] === want[d];
    if (!same && !constants.has(f.inputs[i])) {
      throw gradientShapeError(f, i, list.length, got, want);
    }
  }
  return list;
}

/**
 * Checks what `call` was given: Variables, NDArrays or numbers. Anything else is an error that
 * names the function, the argument and what to pass (the book's `as_variable` would make a
 * Variable of it, and fail with `<class 'str'> is not supported`).
 *
 * @param f the function called
 * @param operands its arguments
 * @param isOperand whether a value is a Variable (of this core) or an NDArray
 * @param ownVariable the brand of this core's Variable, to tell another copy's apart
 *
 * @example
 * ```ts
 * import { np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(2.0));
 * assert.throws(() => x.mul("2" as never), /Mul's argument 2 is the string "2": write 2/);
 * assert.throws(() => x.add(undefined as never), /Add's argument 2 is undefined/);
 * ```
 */
export function checkOperands(
  f: object,
  operands: readonly unknown[],
  isOperand: (x: unknown) => boolean,
  ownVariable: string,
): void {
  for (let i = 0; i < operands.length; i++) {
    const x = operands[i];
    if (typeof x === "number" || isOperand(x)) continue;
    const fix = typeof x === "string" && x.trim() !== "" && !Number.isNaN(Number(x))
      ? `write ${Number(x)}, a number, not a string`
      : x === undefined || x === null
      ? "pass a Variable, an NDArray or a number (is a variable not set yet?)"
      : typeof x === "boolean"
      ? `write ${x ? 1 : 0}, or np.array(${x}) for a bool array`
      : Array.isArray(x)
      ? `make an array of it first: np.array([${x.slice(0, 3)}${x.length > 3 ? ", ..." : ""}])`
      : "pass a Variable, an NDArray or a number";
    throw foreignCopyError(x, ownVariable) ?? new TypeError(
      `${f.constructor.name}'s argument ${i + 1} is ${describe(x)}: ${fix}`,
    );
  }
}

// The Variables that `call` made from operands that were not Variables: the graph's constants
// (`2` in `x.mul(2)`). Their gradients exist only because the book computes one for every input;
// nobody reads them, so theirs may keep the broadcast shape.
const constants = new WeakSet<object>();

/**
 * Notes which of a call's inputs are constants: the Variables made from its operands that were
 * not Variables (see {@linkcode gradientsOf}).
 *
 * @param operands what `call` was given
 * @param inputs the Variables it made of them
 *
 * @example
 * ```ts
 * import { np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array([1.0, 2.0]));
 * x.mul(2).backward(); // the constant 2 gets a gradient of shape [2]: allowed
 * assert.equal(x.grad?.toString(), "[2. 2.]");
 * ```
 */
export function noteConstants(operands: readonly unknown[], inputs: readonly object[]): void {
  for (let i = 0; i < inputs.length; i++) {
    if (operands[i] !== inputs[i]) constants.add(inputs[i]);
  }
}

/** The error for a gradient whose shape is not its input's (see {@linkcode gradientsOf}). */
function gradientShapeError(
  f: object,
  i: number,
  count: number,
  got: readonly number[],
  want: readonly number[],
): TypeError {
  return new TypeError(
    `${f.constructor.name}.backward() returned a gradient of shape [${got}] for input ${i + 1} ` +
      `of ${count}, whose shape is [${want}]: a gradient has its input's shape. An input that ` +
      "was broadcast in forward gets the sum of the gradient over the broadcast axes: " +
      "F.sumTo(gx, x.shape), as step 40 adds to the full core's arithmetic",
  );
}

/** The error for a wrong value `x` that `f[method]` returned (at `where`: index and count). */
function resultError(
  f: object,
  method: "forward" | "backward",
  x: unknown,
  where: [number, number] | undefined,
  kind: string,
): TypeError {
  const what = method === "forward" ? "output" : "gradient";
  const at = where === undefined ? "" : ` for ${method === "forward" ? "output" : "input"} ` +
    `${where[0] + 1} of ${where[1]}`;
  const fix = typeof x === "number"
    ? `; wrap a number with np.array(${x})`
    : kind === "Variable" && typeof x === "object" && x !== null &&
        (x as { [BRAND]?: string })[BRAND] === "NDArray"
    ? "; in the full core gradients are Variables: compute them with Variables' methods, " +
      "e.g. gy.mul(x)"
    : "";
  return new TypeError(
    `${f.constructor.name}.${method}() returned ${describe(x)}${at}: ` +
      `return ${what === "output" ? "an" : "a"} ${what} as ${kind === "Variable" ? "a" : "an"} ` +
      `${kind}${
        where === undefined
          ? ` (or a list of them${method === "backward" ? ", one per input" : ""})`
          : ""
      }` +
      fix,
  );
}

/**
 * Checks a gradient set by hand before `backward()` uses it as the seed: it must be of the
 * core's kind (`isValue`) and of the variable's shape.
 *
 * @param grad the variable's `grad` (nothing to check while it is null)
 * @param data the variable's data
 * @param kind the kind a gradient is
 *
 * @example
 * ```ts
 * import { checkSeed } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * const isArray = (x: unknown): x is { shape: number[] } => typeof x === "object";
 * assert.throws(() => checkSeed(1, { shape: [] }, { is: isArray, name: "NDArray" }), { message: /y\.grad = np\.array/ });
 * ```
 */
export function checkSeed<T extends { readonly shape: readonly number[] }>(
  grad: unknown,
  data: { readonly shape: readonly number[] } | null,
  { is: isValue, name: kind }: Kind<T>,
): void {
  if (grad === null || data === null) return;
  const shape = data.shape;
  const example = kind === "NDArray"
    ? "y.grad = np.array(1.0)"
    : "y.grad = new Variable(np.array(1.0))";
  if (!isValue(grad)) {
    throw new TypeError(
      `backward(): the seed y.grad is ${describe(grad)}; it must be ${
        kind === "NDArray" ? "an" : "a"
      } ` +
        `${kind} of y's shape (${example}), or null for ones`,
    );
  }
  let same = grad.shape.length === shape.length;
  for (let i = 0; same && i < shape.length; i++) same = grad.shape[i] === shape[i];
  if (!same) {
    throw new TypeError(
      `backward(): the seed y.grad has shape [${grad.shape}], but y has shape [${shape}]: ` +
        "a seed has its variable's shape",
    );
  }
}

/**
 * Checks `pow`'s exponent: a number, as the book's `Pow(c)` takes a constant.
 *
 * @param c the exponent given
 *
 * @example
 * ```ts
 * import { checkExponent } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * assert.equal(checkExponent(3), 3);
 * assert.throws(() => checkExponent("2"), { message: /exponent must be a number/ });
 * ```
 */
export function checkExponent(c: unknown): number {
  if (typeof c === "number") return c;
  throw new TypeError(
    `pow's exponent must be a number (the book's Pow takes a constant), not ${describe(c)}` +
      (typeof c === "string" ? `: write x.pow(${Number(c)})` : "") +
      (typeof c === "object" && c !== null && BRAND in c
        ? ": an array of exponents is not supported; raise each part of x separately"
        : ""),
  );
}

/**
 * Checks that `call` got as many inputs as `forward` takes (when `forward` lists its parameters;
 * one with a rest parameter takes any number).
 *
 * @param f the function
 * @param forward its `forward` method
 * @param n how many inputs `call` got
 *
 * @example
 * ```ts
 * import { checkArity } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * class Add {
 *   forward(x0: number, x1: number) {
 *     return x0 + x1;
 *   }
 * }
 * const add = new Add();
 * assert.throws(() => checkArity(add, add.forward, 3), { message: /takes 2 inputs, got 3/ });
 * ```
 */
export function checkArity(f: object, forward: (...xs: never[]) => unknown, n: number): void {
  const takes = forward.length;
  // `length` counts the parameters before a default or rest one: 0 means "any number".
  if (takes > 0 && n !== takes) {
    throw new TypeError(
      `${f.constructor.name}.forward() takes ${takes} input${takes === 1 ? "" : "s"}, got ${n}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Two copies of the package

/** The brand that every copy of the package puts on its classes' prototypes. */
export const BRAND: unique symbol = Symbol.for("dezero.brand") as never;

/** The brand of the simple core's Variable; the full core's is {@linkcode FULL_VARIABLE}. */
export const SIMPLE_VARIABLE = "Variable";
/** The brand of the full core's Variable. */
export const FULL_VARIABLE = "Variable of the full core";

/**
 * The error for a value that is not an instance of the class it should be but carries a brand:
 * the package was imported twice (two paths, a copy, or two URLs; `instanceof` does not see
 * across copies), or a Variable of one core reached the other. `null` when `value` has no brand.
 *
 * @param value what was passed
 * @param ownVariable the brand of the Variable of the core that refuses `value`
 *
 * @example
 * ```ts
 * import { BRAND, foreignCopyError, FULL_VARIABLE, SIMPLE_VARIABLE } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * const other = { [BRAND]: "NDArray" };
 * assert.match(foreignCopyError(other, SIMPLE_VARIABLE)!.message, /another copy/);
 * const full = { [BRAND]: FULL_VARIABLE };
 * assert.match(foreignCopyError(full, SIMPLE_VARIABLE)!.message, /cannot be mixed/);
 * assert.equal(foreignCopyError(1, SIMPLE_VARIABLE), null);
 * ```
 */
export function foreignCopyError(value: unknown, ownVariable: string): TypeError | null {
  if (typeof value !== "object" || value === null || !(BRAND in value)) return null;
  const brand = (value as { [BRAND]: string })[BRAND];
  if (brand === "NDArray" || brand === ownVariable) {
    return new TypeError(
      `this ${brand} comes from another copy of the dezero package (imported from two ` +
        "different paths or URLs, or from a copied folder), and a Variable or NDArray of one " +
        "copy is not one of the other's. Import everything from one place.",
    );
  }
  return new TypeError(
    "a Variable of the simple core (dezero/mod.ts, steps 23-32) and one of the full core " +
      "(dezero/full.ts, steps 33 on) cannot be mixed: import Variable and the functions from " +
      "one of the two entries",
  );
}

// ---------------------------------------------------------------------------------------------
// Errors of both cores

/**
 * The book's `TypeError('{} is not supported')`, for Variable data that is not an `NDArray`, or
 * the error for a Variable or NDArray of another copy of the package or of the other core.
 *
 * @param data the value given as data
 * @param ownVariable the brand of the refusing core's Variable
 *
 * @example
 * ```ts
 * import { notSupported } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * assert.equal(notSupported(1.0, "Variable").message, "number is not supported");
 * ```
 */
export function notSupported(data: unknown, ownVariable: string): TypeError {
  return foreignCopyError(data, ownVariable) ?? new TypeError(`${typeName(data)} is not supported`);
}

/**
 * For a function called with an input Variable that has no data.
 *
 * @param f the function called
 *
 * @example
 * ```ts
 * import { inputWithoutData } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * class Add {}
 * assert.equal(
 *   inputWithoutData(new Add()).message,
 *   "Add needs inputs with data, not Variable(null)",
 * );
 * ```
 */
export function inputWithoutData(f: object): TypeError {
  return new TypeError(`${f.constructor.name} needs inputs with data, not Variable(null)`);
}

/**
 * For a `backward` that returns a number of gradients other than the function's inputs.
 *
 * @param f the function whose `backward` returned them
 * @param got how many gradients it returned
 * @param inputs how many inputs the function has
 *
 * @example
 * ```ts
 * import { wrongGradientCount } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * class Bad {}
 * assert.equal(
 *   wrongGradientCount(new Bad(), 1, 2).message,
 *   "Bad.backward() returned 1 gradient(s) for 2 input(s)",
 * );
 * ```
 */
export function wrongGradientCount(f: object, got: number, inputs: number): TypeError {
  return new TypeError(
    `${f.constructor.name}.backward() returned ${got} gradient(s) for ${inputs} input(s)`,
  );
}

/**
 * The book's `NotImplementedError`, for the base class's `forward` and `backward`.
 *
 * @param f the function
 * @param method `"forward"` or `"backward"`
 *
 * @example
 * ```ts
 * import { notImplemented } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * class Function {}
 * assert.equal(
 *   notImplemented(new Function(), "forward").message,
 *   "Function.forward() is not implemented",
 * );
 * ```
 */
export function notImplemented(f: object, method: "forward" | "backward"): Error {
  return new Error(`${f.constructor.name}.${method}() is not implemented`);
}

// ---------------------------------------------------------------------------------------------
// Functions' inputs (functions.ts)

/** A shape as NumPy prints it: `(2, 3)`, `(3,)`. */
function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/**
 * Checks the options of `F.sum`, `F.max`, `F.min`: an object with `axis` and `keepdims` (the
 * book's keyword arguments), with a hint for a bare axis.
 *
 * @param fn the function, for the message
 * @param options what the caller passed
 *
 * @example
 * ```ts
 * import { checkReduceOptions } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(checkReduceOptions("F.sum", { axis: 0 }), { axis: 0 });
 * assert.throws(() => checkReduceOptions("F.sum", 0 as never), /F\.sum\(x, \{ axis: 0 \}\)/);
 * ```
 */
export function checkReduceOptions<T extends object>(fn: string, options: T): T {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${fn}() takes its axis in an options object: write ${fn}(x, { axis: ${
        JSON.stringify(options)
      } }) (or add keepdims: true)`,
    );
  }
  for (const key of Object.keys(options)) {
    if (key !== "axis" && key !== "keepdims") {
      throw new TypeError(`${fn}() has no option "${key}": the options are axis and keepdims`);
    }
  }
  return options;
}

/**
 * Checks that `x @ W` is a product of two matrices that align, naming both shapes: NumPy's own
 * message gives only the sizes. The book's `MatMul` takes matrices only: its gradients,
 * `gy @ W.T` and `x.T @ gy`, fail for a 1-D operand and have the wrong shape for a 3-D one.
 *
 * @param fn `matmul` or `linear`
 * @param x the left operand's shape
 * @param W the right operand's shape
 *
 * @example
 * ```ts
 * import { checkMatmulShapes } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkMatmulShapes("matmul", [2, 3], [4, 5]), /x of shape \(2, 3\) and W of shape \(4, 5\)/);
 * assert.throws(() => checkMatmulShapes("matmul", [2, 3], [3]), /W\.reshape\(3, 1\)/);
 * ```
 */
export function checkMatmulShapes(
  fn: string,
  x: readonly number[],
  W: readonly number[],
): void {
  if (x.length === 0 || W.length === 0) {
    throw new TypeError(
      `F.${fn}(x, W) needs arrays of at least one dimension, got x of shape ${shapeText(x)} and ` +
        `W of shape ${shapeText(W)}: multiply by a scalar with x.mul(W) instead`,
    );
  }
  if (x.length !== 2 || W.length !== 2) {
    const fix = W.length === 1
      ? `make W a column: W.reshape(${W[0]}, 1)`
      : x.length === 1
      ? `make x a row: x.reshape(1, ${x[0]})`
      : x.length > 2
      ? `flatten x's leading axes: x.reshape(-1, ${x[x.length - 1]}), then reshape the result`
      : "W must be a matrix";
    throw new ValueError(
      `F.${fn}(x, W) multiplies matrices (its gradients are matrix products), got x of shape ` +
        `${shapeText(x)} and W of shape ${shapeText(W)}: ${fix}`,
    );
  }
  if (x[1] !== W[0]) {
    throw new ValueError(
      `F.${fn}(x, W): x of shape ${shapeText(x)} and W of shape ${shapeText(W)} do not align: ` +
        `x's last axis (${x[1]}) must equal W's first (${W[0]})` +
        (x[0] === W[0] ? "; did you mean W.T or x.T?" : ""),
    );
  }
}

/**
 * Checks that a loss's two inputs have the same shape: `(N, 1)` against `(N,)` would broadcast to
 * `(N, N)` and give a silently wrong loss.
 *
 * @param fn the loss, for the message
 * @param a the prediction's shape
 * @param b the target's shape
 *
 * @example
 * ```ts
 * import { checkSameShapes } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkSameShapes("meanSquaredError", [100, 1], [100]), /reshape/);
 * ```
 */
export function checkSameShapes(fn: string, a: readonly number[], b: readonly number[]): void {
  if (a.length === b.length && a.every((d, i) => d === b[i])) return;
  let hint = "";
  try {
    const n = Math.max(a.length, b.length);
    const out = Array.from({ length: n }, (_, i) => {
      const da = a[a.length - n + i] ?? 1;
      const db = b[b.length - n + i] ?? 1;
      if (da !== db && da !== 1 && db !== 1) throw new Error();
      return Math.max(da, db);
    });
    hint = `; they would broadcast to ${shapeText(out)}`;
  } catch {
    // They do not broadcast at all.
  }
  throw new ValueError(
    `F.${fn}(x0, x1): x0 has shape ${shapeText(a)} and x1 ${
      shapeText(b)
    }${hint}. A loss compares ` +
      `elements one to one: reshape one to the other's shape (x1.reshape(${a.join(", ")}))`,
  );
}

/**
 * Checks the labels of a classification loss: `t` holds `N` integers (int64, uint8, or floats
 * with integer values) in `[0, C)` for scores `x` of shape `(N, C)`. Returns them as int64, in
 * `t`'s shape (`indices`) and flat (`ravelled`).
 *
 * @param fn the loss, for the message
 * @param x the scores
 * @param t the labels
 *
 * @example
 * ```ts
 * import { checkLabels } from "./_checks.ts";
 * import * as np from "./np/mod.ts";
 * import assert from "node:assert/strict";
 * const x = np.zeros([2, 3]);
 * assert.equal(checkLabels("loss", x, np.array([2, 0])).ravelled.toString(), "[2 0]");
 * assert.throws(() => checkLabels("loss", x, np.array([0.5, 1])), /not an integer/);
 * assert.throws(() => checkLabels("loss", x, np.array([3, 0])), /label 3 .* 3 classes/);
 * ```
 */
export function checkLabels(
  fn: string,
  x: NDArray,
  t: NDArray,
): { indices: NDArray; ravelled: NDArray } {
  if (x.ndim !== 2) {
    throw new ValueError(
      `F.${fn}(x, t): x holds scores of shape (N, C), one row per example, but has shape ` +
        `${shapeText(x.shape)}` +
        (x.ndim === 1 ? ` (for one example, x.reshape(1, ${x.size}))` : ""),
    );
  }
  const [N, C] = x.shape;
  if (t.size !== N) {
    throw new ValueError(
      `F.${fn}(x, t): x has ${N} rows but t has ${t.size} labels (shape ${shapeText(t.shape)}); ` +
        "give one integer label per row",
    );
  }
  const notInteger = (i: number, v: number) =>
    new TypeError(
      `F.${fn}(x, t): label ${i} is ${v}, not an integer: labels are class indices ` +
        `0..${C - 1} (make t with np.array([...], "int64"))`,
    );
  const outOfRange = (i: number, v: number) =>
    new RangeError(
      `F.${fn}(x, t): label ${v} (at ${i}) is out of range for ${C} classes: labels are ` +
        `0..${C - 1}`,
    );
  if (t instanceof GpuArray) {
    // Checked on the device; a bad label is reported at the next read-back.
    const indices = deviceLabels(t, C, `${fn} ${C}`, notInteger, outOfRange);
    return { indices, ravelled: indices.reshape(N) };
  }
  const values = t.data;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) throw notInteger(i, v);
    if (v < 0 || v >= C) throw outOfRange(i, v);
  }
  const indices = t.dtype === "int64" ? t : t.astype("int64");
  return { indices, ravelled: indices.reshape(N) };
}

// ---------------------------------------------------------------------------------------------
// Convolutions (functions_conv.ts, layers.ts)

/**
 * Checks that a Function with optional inputs got between `min` and `max` of them (its `forward`
 * takes a rest parameter, which `checkArity` cannot count).
 *
 * @param f the Function
 * @param n the number of inputs
 * @param min the fewest it takes
 * @param max the most it takes
 * @param names the inputs' names, for the message (`x, W and optionally b`)
 *
 * @example
 * ```ts
 * import { checkInputCount } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * class Linear {}
 * assert.throws(() => checkInputCount(new Linear(), 1, 2, 3, "x, W and optionally b"), /takes x, W/);
 * ```
 */
export function checkInputCount(
  f: object,
  n: number,
  min: number,
  max: number,
  names: string,
): void {
  if (n < min || n > max) {
    throw new TypeError(`${f.constructor.name}.forward() takes ${names}, got ${n} inputs`);
  }
}

/**
 * Checks an options object: an object whose keys are all among `known`. A number or an array
 * where the options go (the book's positional argument) gets the example of how to write it.
 *
 * @param fn the function, for the message (`F.conv2d`)
 * @param options what was passed
 * @param known the option names
 * @param example how to write the call with options
 *
 * @example
 * ```ts
 * import { checkOptions } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * type Options = { stride?: number; pad?: number };
 * const example = "F.pooling(x, 2, { stride: 2 })";
 * const ok = checkOptions<Options>("F.pooling", { stride: 2 }, ["stride", "pad"], example);
 * assert.deepEqual(ok, { stride: 2 });
 * assert.throws(() => checkOptions<Options>("F.pooling", 2 as never, ["stride", "pad"], example), /F\.pooling\(x, 2, \{ stride: 2 \}\)/);
 * assert.throws(() => checkOptions<Options>("F.pooling", { strides: 2 } as Options, ["stride", "pad"], example), /did you mean stride\?/);
 * ```
 */
export function checkOptions<T extends object>(
  fn: string,
  options: T,
  known: readonly (keyof T & string)[],
  example: string,
): T {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${fn} takes ${known.join(", ")} in an options object, not ${describe(options)}: write ` +
        example,
    );
  }
  for (const key of Object.keys(options)) {
    if (!(known as readonly string[]).includes(key)) {
      throw new TypeError(`${fn} has no option "${key}": ${suggest(key, known)}`);
    }
  }
  return options;
}

/**
 * A kernel size, stride or padding as a pair `[height, width]`: an integer (both) or a pair of
 * integers, each at least `min`.
 *
 * @param fn the function, for the message
 * @param name the argument's name
 * @param value what was passed
 * @param min the smallest value allowed (1 for sizes and strides, 0 for padding)
 *
 * @example
 * ```ts
 * import { checkPair } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(checkPair("F.conv2d", "stride", 2, 1), [2, 2]);
 * assert.deepEqual(checkPair("F.conv2d", "pad", [1, 0], 0), [1, 0]);
 * assert.throws(() => checkPair("F.conv2d", "stride", 0, 1), /stride must be/);
 * ```
 */
export function checkPair(fn: string, name: string, value: unknown, min: number): [number, number] {
  const ok = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= min;
  if (ok(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1])) {
    return [value[0], value[1]];
  }
  throw new TypeError(
    `${fn}: ${name} must be an integer ≥ ${min} or a pair [height, width] of them, not ` +
      describe(value),
  );
}

/**
 * Checks that an image batch is 4-d, `(N, C, H, W)`.
 *
 * @param fn the function, for the message
 * @param name the array's name
 * @param shape its shape
 *
 * @example
 * ```ts
 * import { checkImages } from "./_checks.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkImages("F.conv2d", "x", [3, 32, 32]), /x\.reshape\(1, 3, 32, 32\)/);
 * ```
 */
export function checkImages(fn: string, name: string, shape: readonly number[]): void {
  if (shape.length === 4) return;
  throw new ValueError(
    `${fn}: ${name} must be a batch of images of shape (N, C, H, W), got shape ` +
      shapeText(shape) +
      (shape.length === 3 ? ` (for one image, ${name}.reshape(1, ${shape.join(", ")}))` : ""),
  );
}
