/**
 * The structure of a DOT text in the book's format (`digraph g { … }`, variables orange,
 * functions light-blue boxes), whatever its node ids: the book's Python uses `id()` and declares
 * a variable again each time a function takes it, `getDotGraph` numbers its nodes and declares
 * each once. Two texts of the same graph have the same structure.
 */
import assert from "node:assert/strict";

/** A parsed DOT text: nodes by id, and each function's inputs and outputs in their order. */
export interface DotGraph {
  /** The first node declared: the output the picture was drawn from. */
  output: string;
  variables: Map<string, string>;
  functions: Map<string, string>;
  inputs: Map<string, string[]>;
  outputs: Map<string, string[]>;
}

export function parseDot(text: string): DotGraph {
  const lines = text.trimEnd().split("\n");
  assert.equal(lines.shift(), "digraph g {");
  assert.equal(lines.pop(), "}");
  const g: DotGraph = {
    output: "",
    variables: new Map(),
    functions: new Map(),
    inputs: new Map(),
    outputs: new Map(),
  };
  const declare = (nodes: Map<string, string>, id: string, label: string) => {
    const before = nodes.get(id);
    assert.ok(before === undefined || before === label, `${id} declared with two labels`);
    nodes.set(id, label);
    if (g.output === "") g.output = id;
  };
  const edges: [string, string][] = [];
  for (const line of lines) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^(\S+) \[label="((?:[^"\\]|\\.)*)", color=orange, style=filled\]$/))) {
      declare(g.variables, m[1], m[2]);
    } else if (
      (m = line.match(/^(\S+) \[label="(\w+)", color=lightblue, style=filled, shape=box\]$/))
    ) {
      declare(g.functions, m[1], m[2]);
    } else if ((m = line.match(/^(\S+) -> (\S+)$/))) {
      edges.push([m[1], m[2]]);
    } else {
      assert.fail(`unexpected line: ${line}`);
    }
  }
  for (const [from, to] of edges) {
    const [f, v, list] = g.functions.has(to) ? [to, from, g.inputs] : [from, to, g.outputs];
    assert.ok(g.functions.has(f) && g.variables.has(v), `${from} -> ${to} joins undeclared nodes`);
    list.set(f, [...(list.get(f) ?? []), v]);
  }
  return g;
}

/** Sorted lists of variable labels, function labels and edges (as `label -> label`). */
export function summary(
  g: DotGraph,
): { variables: string[]; functions: string[]; edges: string[] } {
  const label = (id: string) => g.functions.get(id) ?? `(${g.variables.get(id)})`;
  const edges: string[] = [];
  for (const [f, xs] of g.inputs) for (const x of xs) edges.push(`${label(x)} -> ${label(f)}`);
  for (const [f, ys] of g.outputs) for (const y of ys) edges.push(`${label(f)} -> ${label(y)}`);
  return {
    variables: [...g.variables.values()].sort(),
    functions: [...g.functions.values()].sort(),
    edges: edges.sort(),
  };
}

/**
 * The graph as one expression from its output: a variable by its label, then `=` and its
 * creator, `Name(inputs…)` with the inputs in order; a function reached again prints as `#k`,
 * so that shared nodes differ from copies. Equal for two texts of the same graph.
 */
export function canonical(g: DotGraph): string {
  const creators = new Map<string, string>();
  for (const [f, ys] of g.outputs) for (const y of ys) creators.set(y, f);
  const seen = new Map<string, number>();
  const text = (v: string): string => {
    const label = JSON.stringify(g.variables.get(v));
    const f = creators.get(v);
    if (f === undefined) return label;
    const k = seen.get(f);
    if (k !== undefined) return `${label}=#${k}`;
    seen.set(f, seen.size);
    return `${label}=${g.functions.get(f)}(${(g.inputs.get(f) ?? []).map(text).join(", ")})`;
  };
  return text(g.output);
}
