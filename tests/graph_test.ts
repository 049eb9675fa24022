/**
 * Graph pictures (`dezero/utils.ts`): the DOT and Mermaid texts of small graphs, written by hand
 * in the book's format; Goldstein-Price counted by an independent traversal and drawn in the order
 * `backward()` runs its functions; rendering with Graphviz's `dot`, and the error without it.
 *
 * Rendering needs Graphviz and `--allow-run=dot --allow-write --allow-read` for the temporary
 * directory; the missing-`dot` test needs `--allow-run=deno`. `deno task test` grants them; under
 * plain `deno test` these tests are skipped with a message.
 */
import assert from "node:assert/strict";
import {
  expr,
  Function,
  getDotGraph,
  getMermaidGraph,
  np,
  plotDotGraph,
  Variable,
} from "../dezero/mod.ts";
import * as full from "../dezero/full.ts";
import { goldstein, goldsteinExpr } from "../steps/step24.ts";
import { bookOrder } from "./_book_order.ts";
import { type Needed, RUN_DENO, testWith } from "./_permissions.ts";
import { runDeno, systemTempDir } from "./_subprocess.ts";

const VAR = ", color=orange, style=filled]";
const FUNC = ", color=lightblue, style=filled, shape=box]";

/** DOT text from its lines, as `getDotGraph` ends it: `}` and a line break. */
const dot = (...lines: string[]) => ["digraph g {", ...lines, "}", ""].join("\n");
/** Mermaid text from its node and edge lines. */
const mermaid = (...lines: string[]) =>
  [
    "flowchart TD",
    "  classDef var fill:orange",
    "  classDef func fill:lightblue",
    ...lines.map((l) => "  " + l),
    "",
  ].join("\n");

function named(value: number, name: string): Variable {
  return new Variable(np.array(value), name);
}

/** `y = x0 + x1`, every variable named. */
function sum(): Variable {
  const y = named(1, "x0").add(named(2, "x1"));
  y.name = "y";
  return y;
}

Deno.test("getDotGraph: y = x0 + x1 in the book's format", () => {
  assert.equal(
    getDotGraph(sum(), { verbose: false }),
    dot(
      `v0 [label="y"${VAR}`,
      `f0 [label="Add"${FUNC}`,
      "v1 -> f0",
      "v2 -> f0",
      "f0 -> v0",
      `v1 [label="x0"${VAR}`,
      `v2 [label="x1"${VAR}`,
    ),
  );
  const verbose = dot(
    `v0 [label="y: () float64"${VAR}`,
    `f0 [label="Add"${FUNC}`,
    "v1 -> f0",
    "v2 -> f0",
    "f0 -> v0",
    `v1 [label="x0: () float64"${VAR}`,
    `v2 [label="x1: () float64"${VAR}`,
  );
  assert.equal(getDotGraph(sum(), { verbose: true }), verbose);
  assert.equal(getDotGraph(sum()), verbose, "verbose is the default, as in the book");
});

Deno.test("getMermaidGraph: y = x0 + x1", () => {
  assert.equal(
    getMermaidGraph(sum(), { verbose: false }),
    mermaid(
      'v0(["y"]):::var',
      'f0["Add"]:::func',
      "v1 --> f0",
      "v2 --> f0",
      "f0 --> v0",
      'v1(["x0"]):::var',
      'v2(["x1"]):::var',
    ),
  );
  const verbose = mermaid(
    'v0(["y: () float64"]):::var',
    'f0["Add"]:::func',
    "v1 --> f0",
    "v2 --> f0",
    "f0 --> v0",
    'v1(["x0: () float64"]):::var',
    'v2(["x1: () float64"]):::var',
  );
  assert.equal(getMermaidGraph(sum(), { verbose: true }), verbose);
  assert.equal(getMermaidGraph(sum()), verbose);
});

Deno.test("functions come in backward's order (step 16's graph), each variable once", () => {
  // a = x ** 2; y = a ** 2 + a ** 2. backward runs Add, then both generation-2 Pows (the one
  // added last first), then a's Pow; the book's get_dot_graph, an unsorted stack, would reach
  // a's Pow before b's.
  const x = named(2, "x");
  const a = x.pow(2);
  a.name = "a";
  const b = a.pow(2);
  b.name = "b";
  const c = a.pow(2);
  c.name = "c";
  const y = b.add(c);
  y.name = "y";
  assert.equal(
    getDotGraph(y, { verbose: false }),
    dot(
      `v0 [label="y"${VAR}`,
      `f0 [label="Add"${FUNC}`,
      "v1 -> f0",
      "v2 -> f0",
      "f0 -> v0",
      `v1 [label="b"${VAR}`,
      `v2 [label="c"${VAR}`,
      `f1 [label="Pow"${FUNC}`,
      "v3 -> f1",
      "f1 -> v2",
      `v3 [label="a"${VAR}`,
      `f2 [label="Pow"${FUNC}`,
      "v3 -> f2",
      "f2 -> v1",
      `f3 [label="Pow"${FUNC}`,
      "v4 -> f3",
      "f3 -> v3",
      `v4 [label="x"${VAR}`,
    ),
  );
});

Deno.test("a variable used twice gives two edges and one node", () => {
  const x = named(3, "x");
  const y = x.mul(x);
  y.name = "y";
  assert.equal(
    getMermaidGraph(y, { verbose: false }),
    mermaid(
      'v0(["y"]):::var',
      'f0["Mul"]:::func',
      "v1 --> f0",
      "v1 --> f0",
      "f0 --> v0",
      'v1(["x"]):::var',
    ),
  );
});

Deno.test("unnamed variables have empty labels; verbose adds Python's shape and the dtype", () => {
  const make = () =>
    new Variable(np.ones([2, 3])).add(new Variable(np.array([1, 2, 3], "int64"), "b"));
  assert.equal(
    getDotGraph(make()),
    dot(
      `v0 [label="(2, 3) float64"${VAR}`,
      `f0 [label="Add"${FUNC}`,
      "v1 -> f0",
      "v2 -> f0",
      "f0 -> v0",
      `v1 [label="(2, 3) float64"${VAR}`,
      `v2 [label="b: (3,) int64"${VAR}`,
    ),
  );
  assert.equal(
    getDotGraph(make(), { verbose: false }),
    dot(
      `v0 [label=""${VAR}`,
      `f0 [label="Add"${FUNC}`,
      "v1 -> f0",
      "v2 -> f0",
      "f0 -> v0",
      `v1 [label=""${VAR}`,
      `v2 [label="b"${VAR}`,
    ),
  );
  // Mermaid rejects an empty quoted label; a space renders as an empty one.
  assert.equal(
    getMermaidGraph(make(), { verbose: false }),
    mermaid(
      'v0([" "]):::var',
      'f0["Add"]:::func',
      "v1 --> f0",
      "v2 --> f0",
      "f0 --> v0",
      'v1([" "]):::var',
      'v2(["b"]):::var',
    ),
  );
});

Deno.test("labels are escaped: DOT quotes and backslashes, Mermaid entity codes", () => {
  const x = named(1, 'say "hi" \\ now');
  const y = x.neg();
  y.name = "a#b <c> & `d`\ne";
  assert.equal(
    getDotGraph(y, { verbose: false }),
    dot(
      `v0 [label="a#b <c> & \`d\`\\ne"${VAR}`,
      `f0 [label="Neg"${FUNC}`,
      "v1 -> f0",
      "f0 -> v0",
      `v1 [label="say \\"hi\\" \\\\ now"${VAR}`,
    ),
  );
  assert.equal(
    getMermaidGraph(y, { verbose: false }),
    mermaid(
      'v0(["a#35;b #lt;c#gt; #amp; #96;d#96;<br>e"]):::var',
      'f0["Neg"]:::func',
      "v1 --> f0",
      "f0 --> v0",
      'v1(["say #quot;hi#quot; \\ now"]):::var',
    ),
  );
});

Deno.test("a variable without creator is drawn alone", () => {
  const x = named(1, "x");
  assert.equal(getDotGraph(x, { verbose: false }), dot(`v0 [label="x"${VAR}`));
  assert.equal(getMermaidGraph(x, { verbose: false }), mermaid('v0(["x"]):::var'));
});

Deno.test("a function with two outputs: edges to both, the unused output declared too", () => {
  class Twice extends Function {
    override forward(x: np.NDArray): np.NDArray[] {
      return [x, x.mul(2)];
    }
    override backward(gy0: np.NDArray, gy1: np.NDArray): np.NDArray {
      return gy0.add(gy1.mul(2));
    }
  }
  const [p, q] = new Twice().call(named(1, "x"));
  p.name = "p";
  q.name = "q";
  const z = p.add(1);
  z.name = "z";
  assert.equal(
    getDotGraph(z, { verbose: false }),
    dot(
      `v0 [label="z"${VAR}`,
      `f0 [label="Add"${FUNC}`,
      "v1 -> f0",
      "v2 -> f0",
      "f0 -> v0",
      `v1 [label="p"${VAR}`,
      `v2 [label=""${VAR}`,
      `f1 [label="Twice"${FUNC}`,
      "v3 -> f1",
      "f1 -> v1",
      "f1 -> v4",
      `v3 [label="x"${VAR}`,
      `v4 [label="q"${VAR}`,
    ),
  );
});

// ---------------------------------------------------------------------------------------------
// Goldstein-Price

/** Every function and variable reachable from `output`, by a plain depth-first search. */
function reachable(output: Variable): { functions: Set<Function>; variables: Set<Variable> } {
  const functions = new Set<Function>();
  const variables = new Set<Variable>([output]);
  const stack = [output];
  while (stack.length > 0) {
    const f = stack.pop()!.creator;
    if (f === null || functions.has(f)) continue;
    functions.add(f);
    for (const v of [...f.inputs, ...f.outputs]) {
      if (!variables.has(v)) {
        variables.add(v);
        stack.push(v);
      }
    }
  }
  return { functions, variables };
}

interface Parsed {
  variables: Map<string, string>;
  functions: Map<string, string>;
  functionOrder: string[];
  edges: [string, string][];
}

/** The nodes and edges of a DOT text in `getDotGraph`'s format; fails on any other line. */
function parseDot(text: string): Parsed {
  const lines = text.split("\n");
  assert.equal(lines.shift(), "digraph g {");
  assert.deepEqual(lines.splice(-2), ["}", ""]);
  const parsed: Parsed = {
    variables: new Map(),
    functions: new Map(),
    functionOrder: [],
    edges: [],
  };
  for (const line of lines) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^(v\d+) \[label="((?:[^"\\]|\\.)*)", color=orange, style=filled\]$/))) {
      assert.ok(!parsed.variables.has(m[1]), `variable ${m[1]} declared twice`);
      parsed.variables.set(m[1], m[2]);
    } else if (
      (m = line.match(/^(f\d+) \[label="(\w+)", color=lightblue, style=filled, shape=box\]$/))
    ) {
      assert.ok(!parsed.functions.has(m[1]), `function ${m[1]} declared twice`);
      parsed.functions.set(m[1], m[2]);
      parsed.functionOrder.push(m[1]);
    } else if ((m = line.match(/^([vf]\d+) -> ([vf]\d+)$/))) {
      parsed.edges.push([m[1], m[2]]);
    } else {
      assert.fail(`unexpected line: ${line}`);
    }
  }
  return parsed;
}

function goldsteinGraph(build = goldstein): { x: Variable; y: Variable; z: Variable } {
  const x = named(1, "x");
  const y = named(1, "y");
  const z = build(x, y);
  z.name = "z";
  return { x, y, z };
}

Deno.test("Goldstein-Price: one node per variable and function, one edge per connection", () => {
  const { z } = goldsteinGraph();
  const { functions, variables } = reachable(z);
  // Counted by hand from the formula: 38 operators, 17 number literals turned into constants,
  // x, y; each binary operator has 2 inputs, each of the 6 powers 1, and every function 1 output.
  assert.equal(functions.size, 38);
  assert.equal(variables.size, 38 + 17 + 2);
  let connections = 0;
  for (const f of functions) connections += f.inputs.length + f.outputs.length;
  assert.equal(connections, 32 * 2 + 6 + 38);

  const g = parseDot(getDotGraph(z, { verbose: false }));
  assert.equal(g.functions.size, functions.size);
  assert.equal(g.variables.size, variables.size);
  assert.equal(g.edges.length, connections);
  for (const [from, to] of g.edges) {
    assert.ok(g.variables.has(from) !== g.functions.has(from), `${from} is declared once`);
    assert.ok(g.variables.has(to) !== g.functions.has(to), `${to} is declared once`);
    assert.notEqual(from[0], to[0], "edges join a variable and a function");
  }
  const count = (kind: string) => [...functions].filter((f) => f.constructor.name === kind).length;
  for (const kind of ["Add", "Sub", "Mul", "Pow"]) {
    assert.equal([...g.functions.values()].filter((k) => k === kind).length, count(kind), kind);
  }
  const labels = [...g.variables.values()];
  assert.deepEqual(labels.filter((l) => l !== "").sort(), ["x", "y", "z"]);

  const m = getMermaidGraph(z, { verbose: false }).split("\n");
  assert.equal(m.filter((l) => l.endsWith(":::var")).length, variables.size);
  assert.equal(m.filter((l) => l.endsWith(":::func")).length, functions.size);
  assert.equal(m.filter((l) => / --> /.test(l)).length, connections);
});

Deno.test("Goldstein-Price: the same pictures from the method chain and from expr", () => {
  const chain = goldsteinGraph(goldstein).z;
  const math = goldsteinGraph(goldsteinExpr).z;
  for (const verbose of [true, false]) {
    assert.equal(getDotGraph(math, { verbose }), getDotGraph(chain, { verbose }));
    assert.equal(getMermaidGraph(math, { verbose }), getMermaidGraph(chain, { verbose }));
  }
  // A different formula gives a different picture: the comparison can fail.
  const x = named(1, "x");
  const other = expr`(${x} + 1) * 2`;
  assert.notEqual(getDotGraph(other), getDotGraph(chain));
});

Deno.test("Goldstein-Price: functions are drawn in the order backward() runs them", () => {
  const { z } = goldsteinGraph();
  // Name each function's output after the function, and record the order backward calls them.
  const ran: string[] = [];
  let k = 0;
  for (const f of reachable(z).functions) {
    const name = `out${k++}`;
    if (f.outputs[0] !== z) f.outputs[0].name = name;
    const backward = f.backward;
    f.backward = (...gys: np.NDArray[]) => {
      ran.push(f.outputs[0].name!);
      return backward.apply(f, gys);
    };
  }
  z.backward();
  assert.equal(ran.length, 38);

  const g = parseDot(getDotGraph(z, { verbose: false }));
  const drawn = g.functionOrder.map((fid) => {
    const out = g.edges.find(([from]) => from === fid)![1];
    return g.variables.get(out)!;
  });
  assert.deepEqual(drawn, ran);
});

Deno.test("both cores' graphs give the same pictures, their gradients' graphs too", () => {
  const formula = <V, R>(e: (s: TemplateStringsArray, ...v: V[]) => R, x: V, y: V): R =>
    e`(1 + (${x} + ${y} + 1) ** 2 * (19 - 14 * ${x} + 3 * ${x} ** 2 - 14 * ${y} + 6 * ${x} * ${y}
        + 3 * ${y} ** 2)) * (30 + (2 * ${x} - 3 * ${y}) ** 2 * (18 - 32 * ${x} + 12 * ${x} ** 2
        + 48 * ${y} - 36 * ${x} * ${y} + 27 * ${y} ** 2))`;
  const simple = formula(expr, named(1, "x"), named(1, "y"));
  simple.name = "z";
  const fx = new full.Variable(np.array(1.0), "x");
  const fy = new full.Variable(np.array(1.0), "y");
  const z = formula(full.expr, fx, fy);
  z.name = "z";
  assert.equal(getDotGraph(z), getDotGraph(simple));
  assert.equal(getMermaidGraph(z), getMermaidGraph(simple));
  assert.equal(getDotGraph(z), getDotGraph(goldsteinGraph().z), "as the method chain's");

  // The full core's gradient has a graph of its own (createGraph): drawn like any other.
  z.backward({ createGraph: true });
  const gx = fx.grad!;
  gx.name = "gx";
  const g = parseDot(getDotGraph(gx, { verbose: false }));
  assert.equal(g.variables.get("v0"), "gx");
  assert.ok(g.functions.size > 38, "the derivative's graph contains more than the formula's");
  assert.ok([...g.variables.values()].includes("x"));
});

/** `z = Σ (x * c_i) ** 2` for c_i = 1 + i / n, each c_i a variable named `c<i>`, as bench W3. */
function wideSum(n: number): Variable {
  const x = named(1, "x");
  const term = (i: number) => x.mul(named(1 + i / n, `c${i}`)).pow(2);
  let z = term(0);
  for (let i = 1; i < n; i++) z = z.add(term(i));
  z.name = "z";
  return z;
}

Deno.test("a wide DAG: functions in the order of the book's sorted list", () => {
  // Terms of different depths share x and one another's results, so that many generations wait
  // at once and ties are frequent.
  const x = named(0.5, "x");
  const parts: Variable[] = [x];
  for (let i = 0; i < 300; i++) {
    const a = parts[(i * 7) % parts.length];
    const b = parts[(i * 13 + 5) % parts.length];
    const p = i % 3 === 0 ? a.mul(b) : i % 3 === 1 ? a.add(b).pow(2) : a.sub(x);
    p.name = `p${i}`;
    parts.push(p);
  }
  let y = parts[1];
  for (let i = 2; i < parts.length; i += 2) y = y.add(parts[i]);
  y.name = "y";
  const expected = bookOrder(y);
  expected.forEach((f, k) => f.outputs[0].name ??= `o${k}`);
  const g = parseDot(getDotGraph(y, { verbose: false }));
  assert.ok(new Set(expected.map((f) => f.generation)).size > 20, "many generations");
  assert.equal(g.functionOrder.length, expected.length);
  // Each function is identified by the name of its output.
  const drawn = g.functionOrder.map((fid) => {
    const out = g.edges.find(([from]) => from === fid)![1];
    return g.variables.get(out)!;
  });
  assert.deepEqual(drawn, expected.map((f) => f.outputs[0].name));
});

Deno.test("a 20,000-term sum: every node once, in backward's order", () => {
  const n = 20_000;
  const lines = getDotGraph(wideSum(n), { verbose: false }).split("\n");
  const count = (re: RegExp) => lines.filter((l) => re.test(l)).length;
  // n Muls, n Pows, n - 1 Adds; x, the n constants, and one output per function.
  assert.equal(count(/color=lightblue/), 3 * n - 1);
  assert.equal(count(/color=orange/), 1 + n + (3 * n - 1));
  assert.equal(count(/ -> /), 3 * n + 2 * n + 3 * (n - 1));
  assert.deepEqual(lines.slice(0, 6), [
    "digraph g {",
    `v0 [label="z"${VAR}`,
    `f0 [label="Add"${FUNC}`,
    "v1 -> f0",
    "v2 -> f0",
    "f0 -> v0",
  ]);
  // Worked out from the book's order: the Adds (one per generation), then the Pows, all of
  // generation 1, the one pushed last first: term 1's (the first Add pushes term 0's, then term
  // 1's), term 0's, term 2's, …, term n-1's; then the Muls in the reverse of that, ending with
  // term 1's, whose constant c1 is the last variable declared.
  assert.match(lines.at(-7)!, new RegExp(`^f${3 * n - 2} \\[label="Mul"`));
  assert.deepEqual(lines.slice(-3), [`v${4 * n - 1} [label="c1"${VAR}`, "}", ""]);
});

// ---------------------------------------------------------------------------------------------
// plotDotGraph

Deno.test("plotDotGraph: a file name without an image extension is refused before writing", async () => {
  const y = sum();
  await assert.rejects(plotDotGraph(y, { toFile: "graph" }), /needs an image extension/);
  await assert.rejects(plotDotGraph(y, { toFile: "out/graph.dot" }), /use getDotGraph/);
});

const tempDir = await systemTempDir();
// `run` for dot is only "granted" when the flag names it and dot is installed (Deno resolves it).
const render: Needed[] = [
  [{ name: "run", command: "dot" }, "--allow-run=dot (and Graphviz's dot installed)"],
  [{ name: "write", path: tempDir }, `--allow-write=${tempDir}`],
  [{ name: "read", path: tempDir }, `--allow-read=${tempDir}`],
];

await testWith(
  "plotDotGraph renders PNG and SVG with Graphviz and keeps the .dot file",
  render,
  async () => {
    const dir = await Deno.makeTempDir({ prefix: "dezero_graph_" });
    try {
      const { z } = goldsteinGraph();
      const svg = await plotDotGraph(z, { toFile: `${dir}/goldstein.svg` });
      assert.deepEqual(svg, {
        dotFile: `${dir}/goldstein.dot`,
        imageFile: `${dir}/goldstein.svg`,
        renderer: "dot",
      });
      assert.equal(await Deno.readTextFile(svg.dotFile), getDotGraph(z));
      const text = await Deno.readTextFile(svg.imageFile);
      assertSvg(text);
      // Every variable and function is a node of the picture.
      assert.equal(svgNodes(text), 38 + 57);

      const png = await plotDotGraph(z, { toFile: `${dir}/goldstein.png`, verbose: false });
      assert.equal(png.dotFile, `${dir}/goldstein.dot`);
      assert.equal(await Deno.readTextFile(png.dotFile), getDotGraph(z, { verbose: false }));
      const bytes = await Deno.readFile(png.imageFile);
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

      // A relative file name starting with "-" must not reach dot as an option.
      const cwd = Deno.cwd();
      Deno.chdir(dir);
      try {
        const dashed = await plotDotGraph(z, { toFile: "-g.png" });
        assert.deepEqual(dashed, { dotFile: "-g.dot", imageFile: "-g.png", renderer: "dot" });
        const head = (await Deno.readFile(`${dir}/-g.png`)).subarray(0, 4);
        assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47]);
      } finally {
        Deno.chdir(cwd);
      }

      await assert.rejects(
        plotDotGraph(z, { toFile: `${dir}/goldstein.nosuchformat` }),
        /plotDotGraph: dot failed \(exit code \d+\): .*nosuchformat/s,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

/** The node groups of an SVG that Graphviz drew (one per variable and function). */
const svgNodes = (svg: string) => svg.match(/<g id="node\d+" class="node">/g)?.length ?? 0;

/** Whether `text` is one whole SVG document. */
function assertSvg(text: string): void {
  assert.match(text, /^(<\?xml|<svg)/);
  assert.match(text, /<svg[\s>]/);
  assert.match(text, /<\/svg>\s*$/);
}

await testWith(
  "plotDotGraph without Graphviz: SVG by WebAssembly Graphviz; PNG says how to install it",
  [RUN_DENO],
  async () => {
    // A child process empties its PATH, so that `dot` cannot be found even where it is installed.
    const mod = new URL("../dezero/mod.ts", import.meta.url).href;
    const step24 = new URL("../steps/step24.ts", import.meta.url).href;
    const code = `
      import { getDotGraph, np, plotDotGraph, Variable } from "${mod}";
      import { goldstein } from "${step24}";
      Deno.env.set("PATH", "/nonexistent-dezero-test");
      const dir = await Deno.makeTempDir({ prefix: "dezero_graph_" });
      const x = new Variable(np.array(1.0), "x");
      const y = x.pow(2);
      let message = "no error";
      try {
        await plotDotGraph(y, { toFile: dir + "/graph.png" });
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
      const dotSaved = (await Deno.readTextFile(dir + "/graph.dot")) === getDotGraph(y);
      const image = await Deno.stat(dir + "/graph.png").then(() => true, () => false);
      const z = goldstein(new Variable(np.array(1.0), "x"), new Variable(np.array(1.0), "y"));
      const drawn = await plotDotGraph(z, { toFile: dir + "/goldstein.svg" });
      const svg = await Deno.readTextFile(drawn.imageFile);
      const svgDotSaved = (await Deno.readTextFile(drawn.dotFile)) === getDotGraph(z);
      await Deno.remove(dir, { recursive: true });
      console.log(JSON.stringify({ message, dotSaved, image, svg, svgDotSaved, drawn, dir }));
    `;
    const { code: exit, stdout, stderr } = await runDeno(
      ["eval", code],
      new URL("../", import.meta.url),
    );
    assert.equal(exit, 0, stderr);
    const result = JSON.parse(stdout);
    assert.equal(result.dotSaved, true);
    assert.equal(result.image, false);
    assert.match(result.message, /Graphviz's "dot" command was not found/);
    assert.match(result.message, /graph\.dot/);
    assert.match(
      result.message,
      /PNG needs Graphviz; SVG works without it \(toFile ".*graph\.svg"\)/,
    );
    assert.match(result.message, /apt-get install graphviz/);
    assert.match(result.message, /brew install graphviz/);
    assert.match(result.message, /https:\/\/graphviz\.org/);

    const dir = result.dir;
    assert.deepEqual(result.drawn, {
      dotFile: `${dir}/goldstein.dot`,
      imageFile: `${dir}/goldstein.svg`,
      renderer: "wasm",
    });
    assert.equal(result.svgDotSaved, true);
    assertSvg(result.svg);
    // Every variable and function of Goldstein-Price is a node of the picture.
    assert.equal(svgNodes(result.svg), 38 + 57);
  },
);

await testWith("plotDotGraph without --allow-run=dot: SVG by WebAssembly; PNG says what it needs", [
  ...render.slice(1),
  RUN_DENO,
], async () => {
  const dir = await Deno.makeTempDir({ prefix: "dezero_graph_" });
  try {
    const mod = new URL("../dezero/mod.ts", import.meta.url).href;
    await Deno.writeTextFile(
      `${dir}/main.ts`,
      `import { np, plotDotGraph, Variable } from "${mod}";
      const y = new Variable(np.array(1.0), "x").pow(2);
      const { renderer } = await plotDotGraph(y, { toFile: "graph.svg" });
      let message = "no error";
      await plotDotGraph(y, { toFile: "graph.png" }).catch((e) => message = e.message);
      console.log(JSON.stringify({ renderer, message }));`,
    );
    const args = ["run", `--allow-write=${dir}`, `--allow-read=${dir}`, "main.ts"];
    const { code, stdout, stderr } = await runDeno(args, dir);
    assert.equal(code, 0, stderr);
    const { renderer, message } = JSON.parse(stdout);
    assert.equal(renderer, "wasm");
    assert.equal(svgNodes(await Deno.readTextFile(`${dir}/graph.svg`)), 3);
    // Where dot is installed, it may not run; where it is not, it is not found.
    assert.match(message, /needs --allow-run=dot|"dot" command was not found/);
    assert.match(message, /PNG needs Graphviz; SVG works without it \(toFile "graph\.svg"\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

await testWith("step 24 with --graph draws goldstein.png, and still prints the book's numbers", [
  ...render,
  RUN_DENO,
], async () => {
  const dir = await Deno.makeTempDir({ prefix: "dezero_graph_" });
  try {
    const step = new URL("../steps/step24.ts", import.meta.url).pathname;
    const args = ["run", `--allow-write=${dir}`, "--allow-run=dot", step, "--graph"];
    const { code, stdout, stderr } = await runDeno(args, dir);
    assert.equal(code, 0, stderr);
    const lines = stdout.split("\n");
    assert.equal(lines[0], "-5376.0 8064.0");
    assert.equal(lines.at(-2), "graph: goldstein.png (from goldstein.dot)");
    const bytes = await Deno.readFile(`${dir}/goldstein.png`);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    // As in the book's step 26: not verbose, x, y and z named, every other label empty.
    const labels = [
      ...(await Deno.readTextFile(`${dir}/goldstein.dot`)).matchAll(
        /label="([^"]*)", color=orange/g,
      ),
    ]
      .map((m) => m[1]);
    assert.equal(labels.length, 57);
    assert.deepEqual(labels.filter((l) => l !== "").sort(), ["x", "y", "z"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
