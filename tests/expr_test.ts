/**
 * dezero/expr.ts: precedence and associativity (against the equivalent method chain, graph and
 * gradients, and against Python's arithmetic), literals, every error, and the parse cache; for the
 * full core's expr (dezero/full.ts), the functions called by name.
 */
import assert from "node:assert/strict";
import { expr, type ExprValue, np, Variable } from "../dezero/mod.ts";
import { graphText } from "./_graph.ts";
import * as full from "../dezero/full.ts";

type Template = (x: ExprValue, y: ExprValue, z: ExprValue) => Variable;
type Chain = (x: Variable, y: Variable, z: Variable) => Variable;

const a = np.array([1, 2]);

// [template, the method chain Python's operators amount to, the value for x=2, y=3, z=5 as
// Python computes it (typed in from python3; JS arithmetic agrees on all of these)].
const table: [Template, Chain, number | number[]][] = [
  [(x, y, z) => expr`${x} + ${y} * ${z}`, (x, y, z) => x.add(y.mul(z)), 17],
  [(x, y, z) => expr`(${x} + ${y}) * ${z}`, (x, y, z) => x.add(y).mul(z), 25],
  [(x, y, z) => expr`${x} - ${y} - ${z}`, (x, y, z) => x.sub(y).sub(z), -6],
  [(x, y, z) => expr`${x} - (${y} - ${z})`, (x, y, z) => x.sub(y.sub(z)), 4],
  [(x, y, z) => expr`${x} / ${y} / ${z}`, (x, y, z) => x.div(y).div(z), 0.13333333333333333],
  [(x, y, z) => expr`${x} / ${y} * ${z}`, (x, y, z) => x.div(y).mul(z), 3.333333333333333],
  [(x) => expr`-${x} ** 2`, (x) => x.pow(2).neg(), -4],
  [(x) => expr`(-${x}) ** 2`, (x) => x.neg().pow(2), 4],
  [(x) => expr`${x} ** 2 ** 2`, (x) => x.pow(4), 16],
  [(x) => expr`${x} ** 3 ** 0.5`, (x) => x.pow(3 ** 0.5), 3.3219970854839125],
  [(x) => expr`${x} ** -1`, (x) => x.pow(-1), 0.5],
  [(x) => expr`${x} ** -2 ** 2`, (x) => x.pow(-4), 0.0625],
  [(x) => expr`${x} ** (1 / 2)`, (x) => x.pow(0.5), 1.4142135623730951],
  [(x) => expr`2 ** -1 * ${x}`, (x) => x.rmul(0.5), 1],
  [(x) => expr`3 * ${x}`, (x) => x.rmul(3), 6],
  [(x) => expr`3 + ${x}`, (x) => x.radd(3), 5],
  [(x) => expr`3 - ${x}`, (x) => x.rsub(3), 1],
  [(x) => expr`3 / ${x}`, (x) => x.rdiv(3), 1.5],
  [(x, y) => expr`-${x} * ${y}`, (x, y) => x.neg().mul(y), -6],
  [(x, y) => expr`${x} * -${y}`, (x, y) => x.mul(y.neg()), -6],
  [(x, y) => expr`${x} - -${y}`, (x, y) => x.sub(y.neg()), 5],
  [(x) => expr`- - ${x}`, (x) => x.neg().neg(), 2],
  [(x) => expr`+${x}`, (x) => x, 2],
  [(x) => expr`-+-${x}`, (x) => x.neg().neg(), 2],
  [(x) => expr`${x} ** 2 * 3`, (x) => x.pow(2).mul(3), 12],
  [(x) => expr`2 * 3 * ${x}`, (x) => x.rmul(6), 12],
  [(x) => expr`${x} * 2 * 3`, (x) => x.mul(2).mul(3), 12],
  [(x) => expr`1 + 2 + ${x}`, (x) => x.radd(3), 5],
  [(x) => expr`${x} + 1 + 2`, (x) => x.add(1).add(2), 5],
  [(x) => expr`${4} - ${x}`, (x) => x.rsub(4), 2],
  [(x) => expr`${a} * ${x}`, (x) => x.rmul(a), [2, 4]],
  [(x) => expr`${x} * ${a}`, (x) => x.mul(a), [2, 4]],
  [(x) => expr`${a} * 2 + ${x}`, (x) => x.radd(a.mul(2)), [4, 6]],
  [
    (x, y, z) => expr`(${x} + ${y}) / (${x} - ${z}) ** 3`,
    (x, y, z) => x.add(y).div(x.sub(z).pow(3)),
    -0.18518518518518517,
  ],
  [
    (x, y, z) =>
      expr`
      ${x} *
        ${y}	+ ${z}
    `,
    (x, y, z) => x.mul(y).add(z),
    11,
  ],
];

Deno.test("expr follows Python's precedence and makes the same calls as the method chain", () => {
  for (const [template, chain, expected] of table) {
    const what = template.toString();
    const vars = () => [2, 3, 5].map((n) => new Variable(np.array(n)));
    const [x, y, z] = vars();
    const names = new Map([[x, "x"], [y, "y"], [z, "z"]]);
    const got = template(x, y, z);
    const want = chain(x, y, z);
    assert.equal(graphText(got, names), graphText(want, names), what);
    assert.deepEqual(got.data!.toArray(), expected, what);
    assert.deepEqual(got.data!.toArray(), want.data!.toArray(), what);

    const [gx, gy, gz] = vars();
    const [mx, my, mz] = vars();
    if (Array.isArray(expected)) {
      // A 0-d x broadcast against an array would get the array's gradient shape: the stage-2
      // core refuses it, the same way for the template and the chain, and points to sumTo.
      assert.throws(() => template(gx, gy, gz).backward(), /F\.sumTo/, what);
      assert.throws(() => chain(mx, my, mz).backward(), /F\.sumTo/, what);
      continue;
    }
    template(gx, gy, gz).backward();
    chain(mx, my, mz).backward();
    assert.deepEqual(
      [gx, gy, gz].map((v) => v.grad?.toArray()),
      [mx, my, mz].map((v) => v.grad?.toArray()),
      what,
    );
  }
});

Deno.test("expr on plain numbers computes like Python's arithmetic", () => {
  for (const [template, , expected] of table) {
    if (Array.isArray(expected) || template.toString().includes("${4}")) continue;
    assert.equal(template(2, 3, 5).data?.item(), expected, template.toString());
  }
});

Deno.test("literals and operators on literals, against Python", () => {
  // [template result, what python3 prints for float(eval(text))]
  const cases: [Variable, number][] = [
    [expr`-2 ** 2`, -4.0],
    [expr`2 ** -1`, 0.5],
    [expr`2 ** 3 ** 2`, 512.0],
    [expr`(-2) ** 2`, 4.0],
    [expr`10 - 4 - 3`, 3.0],
    [expr`100 / 10 / 5`, 2.0],
    [expr`8 / 2 * 4`, 16.0],
    [expr`2 * 3 + 4 * 5`, 26.0],
    [expr`-3 ** 2 * 2`, -18.0],
    [expr`2 ** -2 ** 2`, 0.0625],
    [expr`1 - -1`, 2.0],
    [expr`- - 2`, 2.0],
    [expr`+-+2`, -2.0],
    [expr`7 / 2`, 3.5],
    [expr`1e-3 * 1_000`, 1.0],
    [expr`.5 + 5.`, 5.5],
    [expr`2 ** 0.5`, 1.4142135623730951],
    [expr`1E3 + 1e+2`, 1100.0],
    [expr`2 * (3 + 4) ** 2 / 7`, 14.0],
    [expr`-(2 - 5) ** 3`, 27.0],
    [expr`0.1 + 0.2`, 0.30000000000000004],
    [expr`2 ** 10 ** 0.5`, 8.952419619470874],
    [expr`0.26`, 0.26],
  ];
  for (const [got, want] of cases) {
    assert.equal(got.data?.item(), want);
    assert.equal(got.creator, null); // a constant: a new Variable without a graph
  }
  // Numbers follow float64, not Python's int and complex numbers.
  assert.ok(Number.isNaN(expr`0 / 0`.data!.item()));
  assert.ok(Number.isNaN(expr`(-8) ** (1 / 3)`.data!.item()));
  assert.equal(expr`1 / 0`.data?.item(), Infinity);
});

Deno.test("expr without Variables computes with NDArrays and wraps the result", () => {
  const b = np.array([[1, 2], [3, 4]]);
  const r = expr`-${b} ** 2 + 1 / ${a}`;
  assert.equal(r.creator, null);
  assert.equal(r.toString(), "variable([[  0.   -3.5]\n          [ -8.  -15.5]])");
  assert.equal(expr`${b}`.data, b);
  const x = new Variable(np.array(1));
  assert.equal(expr`${x}`, x);
});

/** The message lines of an expr error: the message, the template line, the caret line. */
function errorOf(f: () => unknown, type: ErrorConstructor): string[] {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof type, `expected ${type.name}, got ${e}`);
    return e.message.split("\n");
  }
  assert.fail("no error thrown");
}

Deno.test("syntax errors say what is wrong and point at it", () => {
  const x = new Variable(np.array(2));
  const cases: [() => unknown, RegExp, string, string][] = [
    [() => expr`1 + 2 *`, /dangling operator "\*".*\(line 1, column 7\)/, "1 + 2 *", "      ^"],
    [() => expr`${x} -`, /dangling operator "-"/, "${…} -", "     ^"],
    [() => expr`1 + * 2`, /operator "\*" cannot follow "\+"/, "1 + * 2", "    ^"],
    [() => expr`* 2`, /operator "\*" has no left operand/, "* 2", "^"],
    [() => expr`(1 + ${x}`, /unbalanced parenthesis: this "\(" is never closed/, "(1 + ${…}", "^"],
    [() => expr`((1) + 2`, /this "\(" is never closed.*column 1\)/, "((1) + 2", "^"],
    [
      () => expr`1 + 2)`,
      /unbalanced parenthesis: this "\)" has no matching "\("/,
      "1 + 2)",
      "     ^",
    ],
    [() => expr`()`, /empty parentheses/, "()", " ^"],
    [() => expr`(1 + )`, /expected an operand before "\)"/, "(1 + )", "     ^"],
    [() => expr`2 $ 3`, /unexpected character "\$"/, "2 $ 3", "  ^"],
    [() => expr`${x} % 2`, /unexpected character "%"/, "${…} % 2", "     ^"],
    [() => expr`x ** 2`, /unexpected character "x"/, "x ** 2", "^"],
    [() => expr`2 ^ 3`, /unexpected character "\^"/, "2 ^ 3", "  ^"],
    [() => expr`2x`, /invalid number "2x"/, "2x", "^"],
    [() => expr`1.2.3`, /invalid number "1.2.3"/, "1.2.3", "^"],
    [() => expr`1 ${x}`, /missing operator before "\$\{…\}"/, "1 ${…}", "  ^"],
    [() => expr`(1) (2)`, /missing operator before "\("/, "(1) (2)", "    ^"],
    [() => expr`(1 2)`, /missing operator before "2"/, "(1 2)", "   ^"],
    [() => expr``, /empty expression/, "", "^"],
    [() => expr`   `, /empty expression/, "   ", "   ^"],
  ];
  for (const [f, message, line, caret] of cases) {
    const lines = errorOf(f, SyntaxError);
    assert.match(lines[0], /^expr: /);
    assert.match(lines[0], message);
    assert.deepEqual(lines.slice(1), ["  " + line, "  " + caret], lines[0]);
  }
});

Deno.test("errors in a multi-line template give the line and column", () => {
  const x = new Variable(np.array(2));
  const lines = errorOf(
    () =>
      expr`(1 + ${x}
  * 2 +
  3 $ 4)`,
    SyntaxError,
  );
  assert.deepEqual(lines, [
    'expr: unexpected character "$": operands are numbers and ${…} values, operators are ' +
    "+ - * / ** and parentheses (line 3, column 5)",
    "    3 $ 4)",
    "      ^",
  ]);
});

Deno.test("interpolations that are not Variables, NDArrays or numbers are rejected", () => {
  const bad: [unknown, string][] = [
    ["2", 'the string "2"'],
    [{}, "an object (Object)"],
    [[1, 2], "an object (Array)"],
    [null, "null"],
    [undefined, "undefined"],
    [true, "a boolean (true)"],
    [2n, "a bigint (2)"],
  ];
  for (const [value, described] of bad) {
    const lines = errorOf(() => expr`1 + ${value as number}`, TypeError);
    assert.equal(
      lines[0],
      `expr: value #1 is ${described}; expr takes Variables, NDArrays and numbers ` +
        "(line 1, column 5)",
    );
    assert.deepEqual(lines.slice(1), ["  1 + ${…}", "      ^"]);
  }
  const x = new Variable(np.array(1));
  assert.match(errorOf(() => expr`${x} * ${"y" as unknown as number}`, TypeError)[0], /value #2/);
});

Deno.test("** takes a constant exponent, as the book's Pow", () => {
  const x = new Variable(np.array(2));
  const y = new Variable(np.array(3));
  const cases: [() => unknown, RegExp, string][] = [
    [() => expr`${x} ** ${y}`, /got a Variable/, "  ${…} ** ${…}"],
    [() => expr`2 ** ${y}`, /got a Variable/, "  2 ** ${…}"],
    [
      () => expr`${x} ** ${np.array(2)}`,
      /got an NDArray \(use a number, e\.g\. a\.item\(\)\)/,
      "  ${…} ** ${…}",
    ],
  ];
  for (const [f, message, line] of cases) {
    const lines = errorOf(f, TypeError);
    assert.match(lines[0], /"\*\*" with a Variable takes a constant number as exponent/);
    assert.match(lines[0], message);
    assert.equal(lines[1], line);
  }
  // An exponent computed from numbers is a constant.
  const n = 2;
  assert.equal(expr`${x} ** (${n} + 1)`.data?.item(), 8);
  // Constants on both sides compute as NumPy does.
  assert.equal(expr`${np.array(2)} ** ${np.array([1, 2])}`.toString(), "variable([2. 4.])");
});

Deno.test("a template is parsed once: the parse is cached by its strings array", () => {
  // A strings array that counts how often the parser reads its text.
  let reads = 0;
  const strings = Object.assign(["", " * 2 + 1"], { raw: ["", " * 2 + 1"] });
  const counted = new Proxy(strings, {
    get(target, key, receiver) {
      if (key === "raw") reads++;
      return Reflect.get(target, key, receiver);
    },
  }) as unknown as TemplateStringsArray;
  const x = new Variable(np.array(3));
  assert.equal(expr(counted, x).data?.item(), 7);
  assert.equal(reads, 1);
  assert.equal(expr(counted, 5).data?.item(), 11);
  assert.equal(expr(counted, x).data?.item(), 7);
  assert.equal(reads, 1);

  // JavaScript passes the same strings array every time a call site runs, so a template in a
  // function or a loop is parsed on its first run only.
  const seen = new Set<TemplateStringsArray>();
  const tag = (s: TemplateStringsArray, ...v: ExprValue[]) => {
    seen.add(s);
    return expr(s, ...v);
  };
  const f = (v: ExprValue) => tag`${v} ** 2`;
  assert.equal(f(2).data?.item(), 4);
  assert.equal(f(3).data?.item(), 9);
  assert.equal(seen.size, 1);

  // A call with the wrong number of values (only possible by hand) is rejected.
  assert.throws(() => expr(counted), {
    name: "TypeError",
    message: /1 value\(s\) expected, got 0/,
  });
});

Deno.test("expr called as a plain function says it is a tagged template", () => {
  const call = expr as unknown as (s: string) => Variable;
  assert.throws(() => call("x ** 2"), {
    name: "TypeError",
    message: "expr is a tagged template: write expr`...`, not expr(...)",
  });
});

// ---------------------------------------------------------------------------------------------
// The full core's expr (dezero/full.ts): the same parser, with F's functions called by name.

Deno.test("full.ts's expr calls F's functions: the same values, gradients and graph as F", () => {
  const cases: [(x: full.Variable) => full.Variable, (x: full.Variable) => full.Variable][] = [
    [(x) => full.expr`sin(${x})`, (x) => full.F.sin(x)],
    [(x) => full.expr`cos(${x}) * 2`, (x) => full.F.cos(x).mul(2)],
    [(x) => full.expr`tanh(2 * ${x})`, (x) => full.F.tanh(x.rmul(2))],
    [(x) => full.expr`exp(-${x})`, (x) => full.F.exp(x.neg())],
    [(x) => full.expr`square(${x} + 1)`, (x) => full.F.square(x.add(1))],
    [
      (x) => full.expr`sin(${x}) * exp(-${x} ** 2 / 2)`,
      (x) => full.F.sin(x).mul(full.F.exp(x.pow(2).neg().div(2))),
    ],
    [(x) => full.expr`-sin(${x}) ** 2`, (x) => full.F.sin(x).pow(2).neg()],
    [(x) => full.expr`sin(cos(${x}))`, (x) => full.F.sin(full.F.cos(x))],
    [(x) => full.expr`sin (${x})`, (x) => full.F.sin(x)],
    [(x) => full.expr`1 / exp(${x})`, (x) => full.F.exp(x).rdiv(1)],
  ];
  /** The value, the first and second derivatives, with the classes of the result's creator. */
  const run = (f: (x: full.Variable) => full.Variable) => {
    const x = new full.Variable(np.array([-1.5, 0.25, 2]));
    const y = f(x);
    y.backward({ createGraph: true });
    const g1 = x.grad!;
    x.cleargrad();
    g1.backward();
    const f0 = y.creator!;
    return {
      values: [y.data!, g1.data!, x.grad!.data!].map((a) => a.toArray()),
      creator: [f0.constructor.name, ...f0.inputs.map((v) => v.creator?.constructor.name)],
    };
  };
  for (const [template, chain] of cases) {
    assert.deepEqual(run(template), run(chain), template.toString());
  }
});

Deno.test("full.ts's expr: functions of constants compute with np and fold", () => {
  assert.equal(full.expr`sin(0.5) + exp(1)`.data?.item(), np.sin(0.5).item() + np.exp(1).item());
  const c = full.expr`tanh(1) * 2`;
  assert.equal(c.creator, null);
  assert.equal(c.data?.item(), np.tanh(1).item() * 2);
  const a = np.array([0, 1]);
  const r = full.expr`cos(${a}) + square(${a})`;
  assert.equal(r.creator, null);
  assert.deepEqual(r.data?.toArray(), np.cos(a).add(np.square(a)).toArray());
  assert.ok(full.expr`${1} + 1` instanceof full.Variable);
});

Deno.test("full.ts's expr: unknown or misused functions point at the name", () => {
  const x = new full.Variable(np.array(2));
  const cases: [() => unknown, string, string, string][] = [
    [
      () => full.expr`1 + sine(${x})`,
      'expr: unknown function "sine": expr knows sin, cos, tanh, exp, log, square, sigmoid, ' +
      "relu (add a Function class of yours: F.exprFunctions.name = F.exprFunction(MyFunction)) " +
      "(line 1, column 5)",
      "1 + sine(${…})",
      "    ^",
    ],
    [
      () => full.expr`softplus(${x})`,
      'expr: unknown function "softplus": expr knows sin, cos, tanh, exp, log, square, sigmoid, ' +
      "relu (add a Function class of yours: F.exprFunctions.name = F.exprFunction(MyFunction)) " +
      "(line 1, column 1)",
      "softplus(${…})",
      "^",
    ],
    [
      () => full.expr`sin ${x}`,
      'expr: function "sin" needs its argument in parentheses (line 1, column 1)',
      "sin ${…}",
      "^",
    ],
    [
      () => full.expr`2 * exp`,
      'expr: function "exp" needs its argument in parentheses (line 1, column 5)',
      "2 * exp",
      "    ^",
    ],
    [
      () => full.expr`sin(${x}`,
      'expr: unbalanced parenthesis: this "(" is never closed (line 1, column 4)',
      "sin(${…}",
      "   ^",
    ],
    [
      () => full.expr`cos()`,
      'expr: empty parentheses: expected an operand before ")" (line 1, column 5)',
      "cos()",
      "    ^",
    ],
    [
      () => full.expr`x ** 2`,
      'expr: unexpected character "x": operands are numbers and ${…} values, operators are ' +
      "+ - * / ** and parentheses (line 1, column 1)",
      "x ** 2",
      "^",
    ],
  ];
  for (const [f, message, line, caret] of cases) {
    assert.deepEqual(errorOf(f, SyntaxError), [message, "  " + line, "  " + caret]);
  }
});

Deno.test("mod.ts's expr (the simple core) has no functions and says where they are", () => {
  const x = new Variable(np.array(2));
  assert.deepEqual(errorOf(() => expr`1 + sin(${x})`, SyntaxError), [
    'expr: no function "sin" here: functions such as sin come with the full core (stage 3); ' +
    "use the expr of dezero/full.ts (line 1, column 5)",
    "  1 + sin(${…})",
    "      ^",
  ]);
  assert.match(errorOf(() => expr`foo(1)`, SyntaxError)[0], /^expr: no function "foo" here/);
  // A name without parentheses is still an unexpected character, as before.
  assert.match(errorOf(() => expr`exp`, SyntaxError)[0], /unexpected character "e"/);
});

Deno.test("a Variable of the other core in a template says which expr it goes with", () => {
  const message = "value #1 is a Variable of the other core: the Variables of dezero/mod.ts " +
    "(stage 2) go with its expr, those of dezero/full.ts (stage 3) with full.ts's (line 1, column 1)";
  const s = new Variable(np.array(1));
  const f = new full.Variable(np.array(1));
  assert.equal(
    errorOf(() => full.expr`${s as unknown as full.Variable} * 2`, TypeError)[0],
    "expr: " + message,
  );
  assert.equal(
    errorOf(() => expr`${f as unknown as Variable} * 2`, TypeError)[0],
    "expr: " + message,
  );
});

Deno.test("number literals with digit separators read as Python reads them", () => {
  // Python: 1_000 == 1000, 1_0.2_5 == 10.25, 2e1_0 == 2e10; a doubled or trailing _ is an error.
  const x = new Variable(np.array(1.0));
  assert.equal(expr`${x} + 1_000`.data?.item(), 1001);
  assert.equal(expr`1_0.2_5 * ${x}`.data?.item(), 10.25);
  assert.equal(expr`${x} * 2e1_0`.data?.item(), 2e10);
  assert.throws(() => expr`${x} + 1__0`, SyntaxError);
  assert.throws(() => expr`${x} + 1_`, SyntaxError);
});
