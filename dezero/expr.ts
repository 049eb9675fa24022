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

import * as np from "./ndarray.ts";
import { add, div, mul, neg, pow, rdiv, rsub, sub, Variable } from "./core_simple.ts";
import { describe } from "./describe.ts";

/** What `expr` takes between `${` and `}`: a Variable, an array or a number. */
export type ExprValue = Variable | np.NDArray | number;

/** A compiled template: constant subtrees are already folded into numbers. */
type Code = number | ((values: readonly unknown[]) => ExprValue);

interface Program {
  readonly code: Code;
  readonly holes: number;
}

const cache = new WeakMap<TemplateStringsArray, Program>();

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
export function expr(strings: TemplateStringsArray, ...values: ExprValue[]): Variable {
  let program = cache.get(strings);
  if (program === undefined) {
    const raw = strings?.raw;
    if (!Array.isArray(raw)) {
      throw new TypeError("expr is a tagged template: write expr`...`, not expr(...)");
    }
    program = parse(raw);
    cache.set(strings, program);
  }
  if (values.length !== program.holes) {
    throw new TypeError(`expr: ${program.holes} value(s) expected, got ${values.length}`);
  }
  const code = program.code;
  const result = typeof code === "number" ? code : code(values);
  if (result instanceof Variable) return result;
  return new Variable(typeof result === "number" ? np.array(result) : result);
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

function tokenize(raw: readonly string[]): Token[] {
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
//   atom  := number | ${value} | "(" sum ")"
// compiling each rule straight into a closure (or a number, for a constant part).

function parse(raw: readonly string[]): Program {
  const text = displayText(raw);
  const tokens = tokenize(raw);
  let k = 0;

  const sum = (): Code => {
    let left = term();
    for (;;) {
      const op = tokens[k];
      if (op.type !== T.Plus && op.type !== T.Minus) return left;
      k++;
      left = binary(text, op, left, term());
    }
  };
  const term = (): Code => {
    let left = unary();
    for (;;) {
      const op = tokens[k];
      if (op.type !== T.Star && op.type !== T.Slash) return left;
      k++;
      left = binary(text, op, left, unary());
    }
  };
  const unary = (): Code => {
    const op = tokens[k];
    if (op.type === T.Minus) {
      k++;
      return negate(unary());
    }
    if (op.type === T.Plus) {
      k++;
      return unary();
    }
    return power();
  };
  const power = (): Code => {
    const base = atom();
    const op = tokens[k];
    if (op.type !== T.Power) return base;
    k++;
    return binary(text, op, base, unary());
  };
  const atom = (): Code => {
    const t = tokens[k++];
    switch (t.type) {
      case T.Number:
        return t.value;
      case T.Hole:
        return hole(t, text);
      case T.Open: {
        const inner = sum();
        const close = tokens[k];
        if (close.type === T.Close) {
          k++;
          return inner;
        }
        if (close.type === T.End) {
          throw syntaxError(text, t.pos, 'unbalanced parenthesis: this "(" is never closed');
        }
        throw missingOperator(text, close);
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

function hole(t: Token, text: string): Code {
  const index = t.value;
  return (values) => {
    const v = values[index];
    if (v instanceof Variable || v instanceof np.NDArray || typeof v === "number") return v;
    throw new TypeError(
      located(
        text,
        t.pos,
        `value #${index + 1} is ${describe(v)}; expr takes Variables, NDArrays and numbers`,
      ),
    );
  };
}

function negate(operand: Code): Code {
  if (typeof operand === "number") return -operand;
  return (values) => {
    const v = operand(values);
    if (v instanceof Variable) return neg(v);
    return typeof v === "number" ? -v : v.neg();
  };
}

type Apply = (a: ExprValue, b: ExprValue) => ExprValue;

function binary(text: string, op: Token, left: Code, right: Code): Code {
  const apply = operation(text, op);
  // Two numbers give a number: fold the constant now.
  if (typeof left === "number" && typeof right === "number") return apply(left, right) as number;
  if (typeof left === "number") {
    const r = right as Exclude<Code, number>;
    return (values) => apply(left, r(values));
  }
  if (typeof right === "number") return (values) => apply(left(values), right);
  return (values) => apply(left(values), right(values));
}

function operation(text: string, op: Token): Apply {
  switch (op.type) {
    case T.Plus:
      return (a, b) =>
        a instanceof Variable ? add(a, b) : b instanceof Variable
          ? add(b, a) // b.radd(a)
          : typeof a === "number" && typeof b === "number"
          ? a + b
          : np.add(a, b);
    case T.Minus:
      return (a, b) =>
        a instanceof Variable
          ? sub(a, b)
          : b instanceof Variable
          ? rsub(b, a)
          : typeof a === "number" && typeof b === "number"
          ? a - b
          : np.subtract(a, b);
    case T.Star:
      return (a, b) =>
        a instanceof Variable ? mul(a, b) : b instanceof Variable
          ? mul(b, a) // b.rmul(a)
          : typeof a === "number" && typeof b === "number"
          ? a * b
          : np.multiply(a, b);
    case T.Slash:
      return (a, b) =>
        a instanceof Variable
          ? div(a, b)
          : b instanceof Variable
          ? rdiv(b, a)
          : typeof a === "number" && typeof b === "number"
          ? a / b
          : np.divide(a, b);
    default:
      return (a, b) => {
        if (a instanceof Variable) {
          if (typeof b === "number") return pow(a, b);
          throw exponentError(text, op, b);
        }
        if (b instanceof Variable) throw exponentError(text, op, b);
        return typeof a === "number" && typeof b === "number" ? a ** b : np.power(a, b);
      };
  }
}

function exponentError(text: string, op: Token, exponent: ExprValue): TypeError {
  const what = exponent instanceof Variable
    ? "a Variable"
    : "an NDArray (use a number, e.g. a.item())";
  return new TypeError(
    located(
      text,
      op.pos,
      `"**" with a Variable takes a constant number as exponent, as the book's Pow(c); got ${what}`,
    ),
  );
}
