/**
 * `expr`, a tagged template that writes DeZero graphs in ordinary math notation.
 *
 * TypeScript has no operator overloading, so the book's Goldstein-Price function becomes a long
 * chain of `add`, `rmul`, `rsub` and `pow` calls. `expr` reads the math instead and makes the very
 * same calls, in the order Python would make them:
 *
 * ```ts
 * import { expr, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * const y = new Variable(np.array(1.0));
 * const z = expr`(1 + (${x} + ${y} + 1) ** 2 * (19 - 14 * ${x} + 3 * ${x} ** 2 - 14 * ${y}
 *                + 6 * ${x} * ${y} + 3 * ${y} ** 2))
 *              * (30 + (2 * ${x} - 3 * ${y}) ** 2 * (18 - 32 * ${x} + 12 * ${x} ** 2 + 48 * ${y}
 *                - 36 * ${x} * ${y} + 27 * ${y} ** 2))`;
 * z.backward();
 * assert.equal(x.grad?.item(), -5376);
 * assert.equal(y.grad?.item(), 8064);
 * ```
 *
 * @module
 */

import * as np from "./np/mod.ts";
import * as core from "./core_simple.ts";
import { describe, typeName } from "./np/_errors.ts";

/** What `expr` takes between `${` and `}`: a Variable, an array or a number. */
export type ExprValue = core.Variable | np.NDArray | number;

/**
 * A function that an `expr` template may call by name, such as `sin(...)`: what it does to a
 * Variable (builds the graph) and to an array (computes, for constant arguments).
 */
export interface ExprFunction<V> {
  /** The function on a Variable, e.g. the full core's `F.sin`. */
  readonly onVariable: (x: V) => V;
  /** The function on an array, e.g. `np.sin`. */
  readonly onArray: (x: np.NDArray) => np.NDArray;
}

/**
 * The operations of one core that `expr` calls: its Variable type (tested with `isVariable`,
 * made with `variable`), the arithmetic functions, and the functions templates may call by name.
 */
export interface ExprCore<V> {
  /** Whether `v` is a Variable of this core. */
  readonly isVariable: (v: unknown) => v is V;
  /** A new Variable of this core holding `data` (for a result without Variables). */
  readonly variable: (data: np.NDArray) => V;
  /** `x0 + x1`. */
  readonly add: (x0: V, x1: V | np.NDArray | number) => V;
  /** `x0 - x1`. */
  readonly sub: (x0: V, x1: V | np.NDArray | number) => V;
  /** `x1 - x0`. */
  readonly rsub: (x0: V, x1: V | np.NDArray | number) => V;
  /** `x0 * x1`. */
  readonly mul: (x0: V, x1: V | np.NDArray | number) => V;
  /** `x0 / x1`. */
  readonly div: (x0: V, x1: V | np.NDArray | number) => V;
  /** `x1 / x0`. */
  readonly rdiv: (x0: V, x1: V | np.NDArray | number) => V;
  /** `-x`. */
  readonly neg: (x: V) => V;
  /** `x ** c`. */
  readonly pow: (x: V, c: number) => V;
  /** The functions a template may call by name; none for the simple core. */
  readonly functions: Readonly<Record<string, ExprFunction<V>>>;
  /** The message for a call of a function that `functions` does not have. */
  readonly unknownFunction: (name: string) => string;
}

/** The tag `expr` of one core. */
export type Expr<V> = (strings: TemplateStringsArray, ...values: (V | np.NDArray | number)[]) => V;

type Value<V> = V | np.NDArray | number;

/** A compiled template: constant subtrees are already folded into numbers. */
type Code<V> = number | ((values: readonly unknown[]) => Value<V>);

interface Program<V> {
  readonly code: Code<V>;
  readonly holes: number;
}

/**
 * Builds a graph from ordinary math: `` expr`3 * ${x} ** 2 - ${y} / 2` `` is
 * `x.pow(2).rmul(3).sub(y.div(2))`.
 *
 * - Operands: interpolated Variables, `NDArray`s and numbers, and numeric literals written as in
 *   Python (`2`, `0.26`, `1e-3`, `.5`, `5.`, `1_000`).
 * - Operators, with Python's precedence and associativity: `**` (right-associative, binding
 *   tighter than a unary minus on its left: `-x ** 2` is `-(x ** 2)`, `x ** 2 ** 2` is
 *   `x ** 4`, and `2 ** -1` is 0.5), then unary `-` and `+`, then `*` and `/`, then `+` and `-`
 *   (all left-associative: `a - b - c` is `(a - b) - c`); parentheses group. Whitespace and
 *   newlines are free.
 * - Each operator makes the call Python would make with the book's `Variable`: with a Variable on
 *   the left, `a + b` is `add(a, b)`; with a Variable only on the right, it is the reflected
 *   method, `b.radd(a)` (so `3 * x` is `x.rmul(3)`, a `Mul` of `x` and 3, and `2 - x` is
 *   `x.rsub(2)`). Unary minus is `neg`; unary plus returns its operand unchanged (the book's
 *   Variable has no `+x`). The graph and the gradients are therefore identical to the method
 *   chain's.
 * - Without a Variable, numbers and arrays compute directly, as in Python, but numbers in float64:
 *   `0 / 0` is NaN where Python raises `ZeroDivisionError`, and `(-8) ** (1 / 3)` is NaN where
 *   Python gives a complex number. Parts made of literals only are computed once, when the
 *   template is first parsed. A result without any Variable is returned wrapped in a new Variable.
 * - `**` takes a constant exponent, as the book's `Pow`: with a Variable base, the exponent must
 *   be a number (a literal, an interpolated number or arithmetic on them); a Variable or array
 *   exponent, or a Variable exponent of a constant base, throws a `TypeError`.
 * - Functions called by name, `name(...)`, come with the full core: the `expr` of `full.ts`
 *   knows the elementwise functions of `F` listed in `F.exprFunctions`. This one, of the
 *   simple core, has none: a call is a `SyntaxError` that says where to find them.
 *
 * Each template is parsed once: the result is cached by its strings array, which JavaScript
 * creates once per call site. Syntax errors throw a `SyntaxError` showing the template with a
 * caret, line and column (an interpolation is shown as `${…}`); an interpolation that is not a
 * Variable, an array or a number throws a `TypeError` likewise.
 *
 * @param strings the template's strings
 * @param values the interpolated operands
 * @returns the result as a Variable
 * @throws {SyntaxError} for malformed math
 * @throws {TypeError} for an interpolated value of another type, or a non-constant exponent
 *
 * @example
 * ```ts
 * import { expr, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0));
 * const y = new Variable(np.array(1.0));
 * const z = expr`0.26 * (${x} ** 2 + ${y} ** 2) - 0.48 * ${x} * ${y}`; // Matyas
 * z.backward();
 * assert.equal(x.grad?.item(), 0.040000000000000036);
 * assert.equal(expr`-2 ** 2`.data?.item(), -4);
 * assert.throws(() => expr`(${x} + 1`, SyntaxError);
 * ```
 */
export function expr(strings: TemplateStringsArray, ...values: ExprValue[]): core.Variable {
  return simpleExpr(strings, ...values);
}

const simpleExpr = makeExpr<core.Variable>({
  isVariable: (v): v is core.Variable => v instanceof core.Variable,
  variable: (data) => new core.Variable(data),
  add: core.add,
  sub: core.sub,
  rsub: core.rsub,
  mul: core.mul,
  div: core.div,
  rdiv: core.rdiv,
  neg: core.neg,
  pow: core.pow,
  functions: {},
  unknownFunction: (name) =>
    `no function "${name}" here: functions such as sin come with the full core ` +
    "(stage 3); use the expr of dezero/full.ts",
});

/**
 * Makes the `expr` tag of a core: the same parser and rules as {@linkcode expr}, calling the
 * core's operations, and its functions for `name(...)`. `full.ts` makes the full core's `expr`
 * with it.
 *
 * @param ops the core's Variable type, arithmetic functions and named functions
 * @returns the tag
 *
 * @example
 * ```ts
 * import { makeExpr } from "./expr.ts";
 * import { add, div, mul, neg, np, pow, rdiv, rsub, sub, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const tag = makeExpr<Variable>({
 *   isVariable: (v): v is Variable => v instanceof Variable,
 *   variable: (data) => new Variable(data),
 *   add, sub, rsub, mul, div, rdiv, neg, pow,
 *   functions: { twice: { onVariable: (x) => x.mul(2), onArray: (a) => a.mul(2) } },
 *   unknownFunction: (name) => `unknown function "${name}": this tag knows twice()`,
 * });
 * assert.equal(tag`twice(${new Variable(np.array(3.0))}) + 1`.toString(), "variable(7.0)");
 * ```
 */
export function makeExpr<V>(ops: ExprCore<V>): Expr<V> {
  const cache = new WeakMap<TemplateStringsArray, Program<V>>();
  return (strings, ...values) => {
    let program = cache.get(strings);
    if (program === undefined) {
      const raw = strings?.raw;
      if (!Array.isArray(raw)) {
        throw new TypeError("expr is a tagged template: write expr`...`, not expr(...)");
      }
      program = parse(raw, ops);
      cache.set(strings, program);
    }
    if (values.length !== program.holes) {
      throw new TypeError(`expr: ${program.holes} value(s) expected, got ${values.length}`);
    }
    const code = program.code;
    const result = typeof code === "number" ? code : code(values);
    if (ops.isVariable(result)) return result;
    return ops.variable(typeof result === "number" ? np.array(result) : result as np.NDArray);
  };
}

// ---------------------------------------------------------------------------------------------
// Tokens

enum T {
  Number,
  Hole,
  Plus,
  Minus,
  Star,
  Slash,
  Power,
  Open,
  Close,
  Name,
  End,
}

interface Token {
  readonly type: T;
  /** Offset in the displayed template text. */
  readonly pos: number;
  /** The number of a Number token, the value index of a Hole token. */
  readonly value: number;
  readonly text: string;
}

const HOLE_TEXT = "${…}";
const NUMBER = /(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?/y;
const AFTER_NUMBER = /[\w.]/;
// A function name, with the "(" that makes it a call.
const CALL = /([A-Za-z_]\w*)\s*\(/y;
const SYMBOLS: Record<string, T> = {
  "+": T.Plus,
  "-": T.Minus,
  "*": T.Star,
  "/": T.Slash,
  "(": T.Open,
  ")": T.Close,
};

/** The template as shown in error messages: interpolations are displayed as `${…}`. */
function displayText(raw: readonly string[]): string {
  return raw.join(HOLE_TEXT);
}

function tokenize(raw: readonly string[], functions: object): Token[] {
  const text = displayText(raw);
  const tokens: Token[] = [];
  let base = 0;
  for (let part = 0; part < raw.length; part++) {
    const s = raw[part];
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      const pos = base + i;
      if (c === "*" && s[i + 1] === "*") {
        tokens.push({ type: T.Power, pos, value: 0, text: "**" });
        i += 2;
        continue;
      }
      const symbol = SYMBOLS[c];
      if (symbol !== undefined) {
        tokens.push({ type: symbol, pos, value: 0, text: c });
        i++;
        continue;
      }
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(s);
      if (m !== null) {
        const end = i + m[0].length;
        if (end < s.length && AFTER_NUMBER.test(s[end])) {
          const bad = /^[\w.]+/.exec(s.slice(i))![0];
          throw syntaxError(text, pos, `invalid number "${bad}"`);
        }
        tokens.push({ type: T.Number, pos, value: Number(m[0].replaceAll("_", "")), text: m[0] });
        i = end;
        continue;
      }
      CALL.lastIndex = i;
      const call = CALL.exec(s);
      if (call !== null) {
        tokens.push({ type: T.Name, pos, value: 0, text: call[1] });
        i += call[1].length;
        continue;
      }
      const name = /^[A-Za-z_]\w*/.exec(s.slice(i))?.[0];
      if (name !== undefined && Object.hasOwn(functions, name)) {
        throw syntaxError(text, pos, `function "${name}" needs its argument in parentheses`);
      }
      const char = String.fromCodePoint(s.codePointAt(i)!);
      throw syntaxError(
        text,
        pos,
        `unexpected character "${char}": operands are numbers and \${…} values, operators are ` +
          "+ - * / ** and parentheses",
      );
    }
    base += s.length;
    if (part < raw.length - 1) {
      tokens.push({ type: T.Hole, pos: base, value: part, text: HOLE_TEXT });
      base += HOLE_TEXT.length;
    }
  }
  tokens.push({ type: T.End, pos: text.length, value: 0, text: "" });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser: recursive descent over Python's grammar for arithmetic,
//   sum   := term (("+" | "-") term)*
//   term  := unary (("*" | "/") unary)*
//   unary := ("-" | "+") unary | power
//   power := atom ("**" unary)?
//   atom  := number | ${value} | "(" sum ")" | name "(" sum ")"
// compiling each rule straight into a closure (or a number, for a constant part).

function parse<V>(raw: readonly string[], ops: ExprCore<V>): Program<V> {
  const text = displayText(raw);
  const tokens = tokenize(raw, ops.functions);
  let k = 0;
  const parenthesized = (open: Token): Code<V> => {
    const inner = sum();
    const close = tokens[k];
    if (close.type === T.Close) {
      k++;
      return inner;
    }
    if (close.type === T.End) {
      throw syntaxError(text, open.pos, 'unbalanced parenthesis: this "(" is never closed');
    }
    throw missingOperator(text, close);
  };

  const sum = (): Code<V> => {
    let left = term();
    for (;;) {
      const op = tokens[k];
      if (op.type !== T.Plus && op.type !== T.Minus) return left;
      k++;
      left = binary(text, op, left, term(), ops);
    }
  };
  const term = (): Code<V> => {
    let left = unary();
    for (;;) {
      const op = tokens[k];
      if (op.type !== T.Star && op.type !== T.Slash) return left;
      k++;
      left = binary(text, op, left, unary(), ops);
    }
  };
  const unary = (): Code<V> => {
    const op = tokens[k];
    if (op.type === T.Minus) {
      k++;
      return negate(unary(), ops);
    }
    if (op.type === T.Plus) {
      k++;
      return unary();
    }
    return power();
  };
  const power = (): Code<V> => {
    const base = atom();
    const op = tokens[k];
    if (op.type !== T.Power) return base;
    k++;
    return binary(text, op, base, unary(), ops);
  };
  const atom = (): Code<V> => {
    const t = tokens[k++];
    switch (t.type) {
      case T.Number:
        return t.value;
      case T.Hole:
        return hole(t, text, ops);
      case T.Open:
        return parenthesized(t);
      case T.Name: {
        if (!Object.hasOwn(ops.functions, t.text)) {
          throw syntaxError(text, t.pos, ops.unknownFunction(t.text));
        }
        const f = ops.functions[t.text];
        return apply(f, parenthesized(tokens[k++]), ops);
      }
      case T.End: {
        if (k === 1) throw syntaxError(text, t.pos, "empty expression");
        const prev = tokens[k - 2];
        throw syntaxError(
          text,
          prev.pos,
          `dangling operator "${prev.text}": an operand must follow it`,
        );
      }
      case T.Close:
        throw syntaxError(
          text,
          t.pos,
          tokens[k - 2]?.type === T.Open
            ? 'empty parentheses: expected an operand before ")"'
            : `expected an operand before ")"`,
        );
      default:
        throw syntaxError(
          text,
          t.pos,
          k === 1
            ? `operator "${t.text}" has no left operand`
            : `operator "${t.text}" cannot follow "${
              tokens[k - 2].text
            }": an operand must come between them`,
        );
    }
  };

  const code = sum();
  const rest = tokens[k];
  if (rest.type === T.Close) {
    throw syntaxError(text, rest.pos, 'unbalanced parenthesis: this ")" has no matching "("');
  }
  if (rest.type !== T.End) throw missingOperator(text, rest);
  return { code, holes: raw.length - 1 };
}

function missingOperator(text: string, t: Token): SyntaxError {
  return syntaxError(text, t.pos, `missing operator before "${t.text}"`);
}

/** A `SyntaxError` whose message shows the line of `text` at `pos` with a caret under it. */
function syntaxError(text: string, pos: number, message: string): SyntaxError {
  return new SyntaxError(located(text, pos, message));
}

function located(text: string, pos: number, message: string): string {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  const lineEnd = text.indexOf("\n", pos);
  const lineText = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  const line = text.slice(0, lineStart).split("\n").length;
  const column = pos - lineStart + 1;
  // Keep the caret under the character: tabs stay tabs, everything else becomes a space.
  const pad = lineText.slice(0, pos - lineStart).replace(/[^\t]/g, " ");
  return `expr: ${message} (line ${line}, column ${column})\n  ${lineText}\n  ${pad}^`;
}

// ---------------------------------------------------------------------------------------------
// Code generation

function hole<V>(t: Token, text: string, ops: ExprCore<V>): Code<V> {
  const index = t.value;
  return (values) => {
    const v = values[index];
    if (ops.isVariable(v) || v instanceof np.NDArray || typeof v === "number") return v;
    // A Variable, but not of this expr's core: mod.ts's and full.ts's are different classes.
    const message = typeName(v) === "Variable"
      ? `value #${index + 1} is a Variable of the other core: the Variables of dezero/mod.ts ` +
        "(stage 2) go with its expr, those of dezero/full.ts (stage 3) with full.ts's"
      : `value #${index + 1} is ${describe(v)}; expr takes Variables, NDArrays and numbers`;
    throw new TypeError(located(text, t.pos, message));
  };
}

function negate<V>(operand: Code<V>, ops: ExprCore<V>): Code<V> {
  if (typeof operand === "number") return -operand;
  return (values) => {
    const v = operand(values);
    if (ops.isVariable(v)) return ops.neg(v);
    return typeof v === "number" ? -v : (v as np.NDArray).neg();
  };
}

/** `f(operand)`: the graph for a Variable, the array function otherwise (folded for a number). */
function apply<V>(f: ExprFunction<V>, operand: Code<V>, ops: ExprCore<V>): Code<V> {
  if (typeof operand === "number") return f.onArray(np.array(operand)).item();
  return (values) => {
    const v = operand(values);
    if (ops.isVariable(v)) return f.onVariable(v);
    return f.onArray(typeof v === "number" ? np.array(v) : v as np.NDArray);
  };
}

type Apply<V> = (a: Value<V>, b: Value<V>) => Value<V>;

function binary<V>(
  text: string,
  op: Token,
  left: Code<V>,
  right: Code<V>,
  ops: ExprCore<V>,
): Code<V> {
  const apply = operation(text, op, ops);
  // Two numbers give a number: fold the constant now.
  if (typeof left === "number" && typeof right === "number") return apply(left, right) as number;
  if (typeof left === "number") {
    const r = right as Exclude<Code<V>, number>;
    return (values) => apply(left, r(values));
  }
  if (typeof right === "number") return (values) => apply(left(values), right);
  return (values) => apply(left(values), right(values));
}

function operation<V>(text: string, op: Token, ops: ExprCore<V>): Apply<V> {
  const isVariable = ops.isVariable;
  // Without a Variable, numbers compute as numbers and arrays as NumPy does.
  const plain = (
    a: Value<V>,
    b: Value<V>,
    onNumbers: (a: number, b: number) => number,
    onArrays: (a: np.Operand, b: np.Operand) => np.NDArray,
  ): Value<V> =>
    typeof a === "number" && typeof b === "number"
      ? onNumbers(a, b)
      : onArrays(a as np.Operand, b as np.Operand);
  switch (op.type) {
    case T.Plus:
      return (a, b) =>
        isVariable(a) ? ops.add(a, b) : isVariable(b)
          ? ops.add(b, a) // b.radd(a)
          : plain(a, b, (a, b) => a + b, np.add);
    case T.Minus:
      return (a, b) =>
        isVariable(a)
          ? ops.sub(a, b)
          : isVariable(b)
          ? ops.rsub(b, a)
          : plain(a, b, (a, b) => a - b, np.subtract);
    case T.Star:
      return (a, b) =>
        isVariable(a) ? ops.mul(a, b) : isVariable(b)
          ? ops.mul(b, a) // b.rmul(a)
          : plain(a, b, (a, b) => a * b, np.multiply);
    case T.Slash:
      return (a, b) =>
        isVariable(a)
          ? ops.div(a, b)
          : isVariable(b)
          ? ops.rdiv(b, a)
          : plain(a, b, (a, b) => a / b, np.divide);
    default:
      return (a, b) => {
        if (isVariable(a)) {
          if (typeof b === "number") return ops.pow(a, b);
          throw exponentError(text, op, isVariable(b));
        }
        if (isVariable(b)) throw exponentError(text, op, true);
        return plain(a, b, (a, b) => a ** b, np.power);
      };
  }
}

function exponentError(text: string, op: Token, variable: boolean): TypeError {
  const what = variable ? "a Variable" : "an NDArray (use a number, e.g. a.item())";
  return new TypeError(
    located(
      text,
      op.pos,
      `"**" with a Variable takes a constant number as exponent, as the book's Pow(c); got ${what}`,
    ),
  );
}
