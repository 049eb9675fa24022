/**
 * Pictures of the computational graph (the book's `dezero/utils.py`, steps 25–26): the graph that
 * the forward pass builds, as Graphviz DOT text ({@linkcode getDotGraph}), as a Mermaid flowchart
 * that GitHub renders in Markdown ({@linkcode getMermaidGraph}), or as an image drawn by Graphviz's
 * `dot`, or for SVG without Graphviz by its WebAssembly build from npm ({@linkcode plotDotGraph}).
 *
 * Variables are orange ellipses labelled with their `name` (empty when unnamed, as in the book, so
 * name the variables you want to recognize: `x.name = "x"`), functions are light-blue boxes
 * labelled with their class name, and arrows go from inputs to a function to its outputs.
 *
 * Also the book's "numpy magic" for `functions.ts` (stage 4): {@linkcode sumTo},
 * {@linkcode reshapeSumBackward}, {@linkcode logsumexp}, {@linkcode maxBackwardShape}, and
 * {@linkcode getConvOutsize}, {@linkcode getDeconvOutsize} and {@linkcode pair} for convolutions.
 * And `Image`, the part of Pillow that step 58 uses (opening a JPEG file, resizing), from
 * `_image.ts`.
 *
 * @module
 */

import { GenerationHeap } from "./_heap.ts";
import * as cuda from "./cuda.ts";
import * as np from "./np/mod.ts";

export { Image } from "./_image.ts";
export type { Resample } from "./_image.ts";

/**
 * A variable as the pictures read it: what both cores' `Variable` have (`core_simple.ts` for
 * stage 2, the full core for stage 3), so that one `getDotGraph` draws either.
 */
export interface GraphVariable {
  /** The label; `null` draws an empty one. */
  readonly name: string | null;
  /** The value, whose shape and dtype verbose labels show; `null` for an empty variable. */
  readonly data: { readonly shape: readonly number[]; readonly dtype: string } | null;
  /** The function that produced this variable; `null` for the user's inputs. */
  readonly creator: GraphFunction | null;
}

/** A function as the pictures read it: its place in the graph, and its class name as label. */
export interface GraphFunction {
  /** The largest generation of the inputs: the order of `backward`, highest first. */
  readonly generation: number;
  /** The variables the function took. */
  readonly inputs: readonly GraphVariable[];
  /** The variables the function made. */
  readonly outputs: readonly GraphVariable[];
}

/** One line of a graph picture, in the order both formats print them. */
type Statement =
  | { readonly kind: "variable"; readonly id: string; readonly label: string }
  | { readonly kind: "function"; readonly id: string; readonly label: string }
  | { readonly kind: "edge"; readonly from: string; readonly to: string };

/**
 * The graph behind `output` as a list of statements, in the book's order: the output variable,
 * then for each function its box, its edges (inputs → function → outputs) and the variables not
 * yet declared (inputs first). Each variable and each function appears once; ids are `v0, v1, …`
 * in order of first mention and `f0, f1, …` in the order the functions are visited, so the same
 * graph always gives the same text.
 *
 * Functions are visited in the order `Variable.backward` runs them, which is the order of the
 * book's list kept sorted by generation (a stable sort after each insertion) and popped from the
 * end: the highest generation first, and among equal generations the function added last. (The
 * book's `get_dot_graph` pops its list unsorted, the sort commented out; its picture is the same
 * graph, its lines in another order.) Backward's heap (`_heap.ts`) gives that order in O(log n)
 * per function, so a sum of n terms, with n functions waiting at once, is drawn in O(n log n).
 * Functions are added in the same sequence as in `backward` (the creators of the popped
 * function's inputs, in input order, each only the first time), so the order is the same.
 */
function statements(output: GraphVariable, verbose: boolean): Statement[] {
  const ids = new Map<GraphVariable, string>();
  const idOf = (v: GraphVariable): string => {
    let id = ids.get(v);
    if (id === undefined) ids.set(v, id = `v${ids.size}`);
    return id;
  };
  const declared = new Set<GraphVariable>();
  const out: Statement[] = [];
  const declare = (v: GraphVariable): void => {
    if (declared.has(v)) return;
    declared.add(v);
    out.push({ kind: "variable", id: idOf(v), label: variableLabel(v, verbose) });
  };

  const funcs = new GenerationHeap<GraphFunction>();
  const seen = new Set<GraphFunction>();
  const addFunc = (f: GraphFunction): void => {
    if (seen.has(f)) return;
    seen.add(f);
    funcs.push(f);
  };

  declare(output);
  if (output.creator !== null) addFunc(output.creator);
  for (let n = 0; funcs.length > 0; n++) {
    const f = funcs.pop()!;
    const fid = `f${n}`;
    out.push({ kind: "function", id: fid, label: f.constructor.name });
    for (const x of f.inputs) out.push({ kind: "edge", from: idOf(x), to: fid });
    for (const y of f.outputs) out.push({ kind: "edge", from: fid, to: idOf(y) });
    for (const x of f.inputs) {
      declare(x);
      if (x.creator !== null) addFunc(x.creator);
    }
    for (const y of f.outputs) declare(y);
  }
  return out;
}

/** The book's `_dot_var` label: the name, and when verbose `: (shape) dtype`. */
function variableLabel(v: GraphVariable, verbose: boolean): string {
  let label = v.name ?? "";
  if (verbose && v.data !== null) {
    if (v.name !== null) label += ": ";
    label += pythonShape(v.data.shape) + " " + v.data.dtype;
  }
  return label;
}

/** A shape as Python prints the tuple, as in the book's pictures: `()`, `(3,)`, `(2, 3)`. */
function pythonShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** A DOT string literal's content: backslashes and quotes escaped, line breaks as `\n`. */
function dotEscape(text: string): string {
  return text.replace(/[\\"]/g, "\\$&").replace(/\r?\n/g, "\\n");
}

/**
 * A Mermaid quoted label's content: `#` first (it starts Mermaid's entity codes), then the
 * characters that would end the string or read as HTML or Markdown, as entity codes; line breaks
 * become `<br>`. Mermaid rejects an empty label, so an empty name becomes a space.
 */
function mermaidEscape(text: string): string {
  if (text === "") return " ";
  return text
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/&/g, "#amp;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;")
    .replace(/\r?\n/g, "<br>");
}

/**
 * The Graphviz DOT text of the graph that produced `output`, in the book's format: each variable
 * as `id [label="...", color=orange, style=filled]`, each function as
 * `id [label="ClassName", color=lightblue, style=filled, shape=box]` followed by its edges. Feed it
 * to `dot -Tpng` (or see {@linkcode plotDotGraph}).
 *
 * A variable's label is its `name` (empty if unnamed); with `verbose` (the default) its shape and
 * dtype follow, as in the book's pictures: `x: () float64` for a 0-d array, `x: (2, 3) float64`.
 * The shape is written as Python's tuple rather than as a JS array, so that the picture reads
 * like the book's and a 0-d shape shows as `()`. Quotes and backslashes in names are escaped.
 *
 * Unlike the book, which uses Python's `id()`, node ids are `v0, v1, …` for variables and
 * `f0, f1, …` for functions, numbered in order of appearance: the text is the same on every run.
 * Each variable is declared once, and functions come in the order `backward()` runs them (the
 * highest generation first). The graph is read from the variables' `creator` and the functions'
 * `inputs` and `outputs`, which are only recorded while backprop is enabled.
 *
 * @param output the variable whose graph to draw
 * @param options `verbose`: add each variable's shape and dtype to its label
 * @returns the DOT text, `digraph g { ... }` with a final line break
 *
 * @example
 * ```ts
 * import { getDotGraph, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0), "x");
 * const y = x.pow(2);
 * y.name = "y";
 * assert.equal(
 *   getDotGraph(y, { verbose: false }),
 *   `digraph g {
 * v0 [label="y", color=orange, style=filled]
 * f0 [label="Pow", color=lightblue, style=filled, shape=box]
 * v1 -> f0
 * f0 -> v0
 * v1 [label="x", color=orange, style=filled]
 * }
 * `,
 * );
 * assert.match(getDotGraph(y), /label="x: \(\) float64"/);
 * ```
 */
export function getDotGraph(
  output: GraphVariable,
  { verbose = true }: { verbose?: boolean } = {},
): string {
  let txt = "digraph g {\n";
  for (const s of statements(output, verbose)) {
    switch (s.kind) {
      case "variable":
        txt += `${s.id} [label="${dotEscape(s.label)}", color=orange, style=filled]\n`;
        break;
      case "function":
        txt += `${s.id} [label="${
          dotEscape(s.label)
        }", color=lightblue, style=filled, shape=box]\n`;
        break;
      case "edge":
        txt += `${s.from} -> ${s.to}\n`;
    }
  }
  return txt + "}\n";
}

/**
 * The same graph as {@linkcode getDotGraph}, as a Mermaid flowchart (top to bottom, like Graphviz)
 * for a Markdown code block tagged `mermaid`, which GitHub renders: variables as orange stadiums
 * `v0(["x"]):::var`, functions as light-blue boxes `f0["Add"]:::func`, edges `v0 --> f0`. Ids,
 * labels and order are those of the DOT text. Labels are quoted with Mermaid's entity codes for
 * `"`, `#`, `&`, `<`, `>` and backticks (`#quot;` …); an unnamed variable gets the label `" "`,
 * because Mermaid rejects an empty one.
 *
 * @param output the variable whose graph to draw
 * @param options `verbose`: add each variable's shape and dtype to its label
 * @returns the Mermaid text, starting `flowchart TD`, with a final line break
 *
 * @example
 * ```ts
 * import { getMermaidGraph, np, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0), "x");
 * const y = x.pow(2);
 * y.name = "y";
 * assert.equal(
 *   getMermaidGraph(y, { verbose: false }),
 *   `flowchart TD
 *   classDef var fill:orange
 *   classDef func fill:lightblue
 *   v0(["y"]):::var
 *   f0["Pow"]:::func
 *   v1 --> f0
 *   f0 --> v0
 *   v1(["x"]):::var
 * `,
 * );
 * ```
 */
export function getMermaidGraph(
  output: GraphVariable,
  { verbose = true }: { verbose?: boolean } = {},
): string {
  let txt = "flowchart TD\n  classDef var fill:orange\n  classDef func fill:lightblue\n";
  for (const s of statements(output, verbose)) {
    switch (s.kind) {
      case "variable":
        txt += `  ${s.id}(["${mermaidEscape(s.label)}"]):::var\n`;
        break;
      case "function":
        txt += `  ${s.id}["${mermaidEscape(s.label)}"]:::func\n`;
        break;
      case "edge":
        txt += `  ${s.from} --> ${s.to}\n`;
    }
  }
  return txt;
}

/**
 * The WebAssembly build of Graphviz that draws SVG where `dot` is not installed. The specifier is
 * a variable, not a literal, so that Deno does not fetch the package with the module graph (a
 * literal dynamic import is prefetched by every `deno run` that imports this file): it is fetched
 * from npm, once, the first time a picture is drawn without `dot`.
 */
const VIZ = "npm:@viz-js/viz@3.31.0";

/** The part of `@viz-js/viz` used here. */
interface VizModule {
  instance(): Promise<{ renderString(src: string, options: { format: string }): string }>;
}

/**
 * Draws the graph that produced `output` into an image file (the book's `plot_dot_graph`): writes
 * the DOT text of {@linkcode getDotGraph} next to `toFile` (same name, extension `.dot`), then
 * runs Graphviz's `dot <file>.dot -T<ext> -o<toFile>`, the format being `toFile`'s extension
 * (`png`, `svg`, `pdf`, …). Needs `--allow-write` for both files and `--allow-run=dot`.
 *
 * SVG needs nothing installed: where `dot` is not found (or not allowed to run), the picture is
 * drawn by a WebAssembly build of Graphviz, `@viz-js/viz` from npm, imported only then (Deno
 * downloads it on first use; no permission flag is needed for it). Other formats, PNG among them,
 * need Graphviz's `dot` (`apt-get install graphviz`, `brew install graphviz`, or
 * https://graphviz.org/download/); without it the `.dot` file is still written and an `Error`
 * says how to install it, or to ask for `.svg`.
 *
 * @param output the variable whose graph to draw
 * @param options `toFile`: the image to write (default `graph.png`); `verbose`: add shapes and
 *   dtypes to the labels (default true)
 * @returns the paths of the DOT file and of the image, and what drew it: `"dot"` or `"wasm"`
 * @throws {Error} when `toFile` has no extension or has `.dot`, when `dot` is needed and not
 *   installed, or when `dot` fails (its message is included)
 *
 * @example
 * ```ts
 * import { np, plotDotGraph, Variable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = new Variable(np.array(1.0), "x");
 * const y = x.pow(2).add(x);
 * y.name = "y";
 * try {
 *   const dir = await Deno.makeTempDir();
 *   const drawn = await plotDotGraph(y, { toFile: `${dir}/graph.svg` });
 *   assert.equal(drawn.dotFile, `${dir}/graph.dot`);
 *   assert.equal(drawn.imageFile, `${dir}/graph.svg`);
 *   assert.ok(drawn.renderer === "dot" || drawn.renderer === "wasm");
 *   assert.match(await Deno.readTextFile(drawn.imageFile), /<svg/);
 *   await Deno.remove(dir, { recursive: true });
 * } catch (e) {
 *   // Without --allow-write (and --allow-read for the check):
 *   assert.ok(e instanceof Deno.errors.NotCapable);
 * }
 * ```
 */
export async function plotDotGraph(
  output: GraphVariable,
  { toFile = "graph.png", verbose = true }: { toFile?: string; verbose?: boolean } = {},
): Promise<{ dotFile: string; imageFile: string; renderer: "dot" | "wasm" }> {
  const match = /\.([^./\\]+)$/.exec(toFile);
  if (match === null || match[1].toLowerCase() === "dot") {
    throw new Error(
      `plotDotGraph: toFile "${toFile}" needs an image extension such as .png or .svg ` +
        "(for the DOT text alone, use getDotGraph)",
    );
  }
  const format = match[1].toLowerCase();
  const dotFile = toFile.slice(0, match.index) + ".dot";
  const text = getDotGraph(output, { verbose });
  await Deno.writeTextFile(dotFile, text);

  // SVG needs no Graphviz: without --allow-run=dot already granted, draw it with the WebAssembly
  // build rather than have Deno ask for the permission.
  if (
    format === "svg" &&
    Deno.permissions.querySync({ name: "run", command: "dot" }).state !== "granted"
  ) {
    await renderWasm(text, toFile);
    return { dotFile, imageFile: toFile, renderer: "wasm" };
  }
  let result: Deno.CommandOutput;
  try {
    result = await new Deno.Command("dot", {
      // `-o` is glued to its value and a leading "-" is escaped, so no file name reads as a flag.
      args: [asOperand(dotFile), `-T${format}`, `-o${toFile}`],
      stdout: "null",
      stderr: "piped",
    }).output();
  } catch (e) {
    const notFound = e instanceof Deno.errors.NotFound;
    if (!notFound && !(e instanceof Deno.errors.NotCapable)) throw e;
    if (format === "svg") {
      await renderWasm(text, toFile);
      return { dotFile, imageFile: toFile, renderer: "wasm" };
    }
    const svg = `${format.toUpperCase()} needs Graphviz; SVG works without it ` +
      `(toFile "${toFile.slice(0, match.index)}.svg")`;
    throw new Error(
      notFound
        ? `plotDotGraph: Graphviz's "dot" command was not found, so ${toFile} was not drawn ` +
          `(the DOT text is in ${dotFile}). ${svg}. Install Graphviz: "apt-get install ` +
          `graphviz" (Debian, Ubuntu), "brew install graphviz" (macOS), or see ` +
          "https://graphviz.org/download/"
        : `plotDotGraph: ${toFile} was not drawn: running Graphviz's "dot" needs ` +
          `--allow-run=dot (the DOT text is in ${dotFile}). ${svg}.`,
      { cause: e },
    );
  }
  if (!result.success) {
    const message = new TextDecoder().decode(result.stderr).trim();
    throw new Error(`plotDotGraph: dot failed (exit code ${result.code}): ${message}`);
  }
  return { dotFile, imageFile: toFile, renderer: "dot" };
}

/** Draws DOT `text` as SVG into `toFile` with Graphviz's WebAssembly build from npm. */
async function renderWasm(text: string, toFile: string): Promise<void> {
  const { instance } = await import(VIZ) as VizModule;
  await Deno.writeTextFile(toFile, (await instance()).renderString(text, { format: "svg" }));
}

/** A relative path that starts with "-" (which `dot` would read as an option) as "./-…". */
function asOperand(path: string): string {
  return path.startsWith("-") ? `./${path}` : path;
}

// ---------------------------------------------------------------------------------------------
// Utility functions for numpy (numpy magic)

/**
 * `x` summed along axes to `shape`, the inverse of broadcasting to `x.shape`: the leading axes
 * `x` has more, and the axes where `shape` has 1 (the book's `utils.sum_to`).
 *
 * @param x the array
 * @param shape a shape that broadcasts to `x.shape`
 *
 * @example
 * ```ts
 * import { sumTo } from "./utils.ts";
 * import * as np from "./np/mod.ts";
 * import assert from "node:assert/strict";
 * const x = np.array([[1, 2, 3], [4, 5, 6]]);
 * assert.equal(sumTo(x, [1, 3]).toString(), "[[5. 7. 9.]]");
 * assert.equal(sumTo(x, [3]).toString(), "[5. 7. 9.]");
 * ```
 */
export function sumTo(x: np.NDArray, shape: readonly number[]): np.NDArray {
  const ndim = shape.length;
  const lead = x.ndim - ndim;
  const leadAxis = Array.from({ length: lead }, (_, i) => i);
  const axis = shape.flatMap((sx, i) => (sx === 1 ? [i + lead] : []));
  let y = x.sum({ axis: [...leadAxis, ...axis], keepdims: true });
  if (lead > 0) y = y.squeeze(leadAxis);
  return y;
}

/**
 * Reshapes the gradient of `F.sum`'s output so that it broadcasts back to the input: the summed
 * axes come back with size 1 unless `keepdims` kept them (the book's `utils.reshape_sum_backward`).
 *
 * @param gy the gradient of the sum
 * @param xShape the shape of the summed input
 * @param axis the axes that were summed (`null` for all)
 * @param keepdims whether the sum kept them
 *
 * @example
 * ```ts
 * import { reshapeSumBackward } from "./utils.ts";
 * import { np, Variable } from "./full.ts";
 * import assert from "node:assert/strict";
 * const gy = new Variable(np.ones([3]));
 * assert.deepEqual(reshapeSumBackward(gy, [2, 3], 0, false).shape, [1, 3]);
 * ```
 */
export function reshapeSumBackward<V extends { shape: readonly number[]; reshape(s: number[]): V }>(
  gy: V,
  xShape: readonly number[],
  axis: np.Axis | undefined,
  keepdims: boolean,
): V {
  const ndim = xShape.length;
  const tupledAxis = axis === null || axis === undefined
    ? null
    : Array.isArray(axis)
    ? axis
    : [axis];
  let shape: number[];
  if (!(ndim === 0 || tupledAxis === null || keepdims)) {
    const actualAxis = tupledAxis.map((a) => (a >= 0 ? a : a + ndim));
    shape = [...gy.shape];
    for (const a of actualAxis.sort((p, q) => p - q)) shape.splice(a, 0, 1);
  } else {
    shape = [...gy.shape];
  }
  return gy.reshape(shape);
}

/**
 * `log(sum(exp(x)))` over `axis`, kept as an axis of size 1, computed without overflow: the
 * maximum is taken out first (the book's `utils.logsumexp`).
 *
 * @param x the array
 * @param axis the axis to reduce
 *
 * @example
 * ```ts
 * import { logsumexp } from "./utils.ts";
 * import * as np from "./np/mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(logsumexp(np.array([[0, 0]])).toString(), "[[0.69314718]]");
 * assert.equal(logsumexp(np.array([[1000, 1000]])).toString(), "[[1000.69314718]]");
 * ```
 */
export function logsumexp(x: np.NDArray, axis = 1): np.NDArray {
  const xp = cuda.getArrayModule(x);
  const m = x.max({ axis, keepdims: true });
  let y = x.sub(m);
  y = xp.exp(y);
  let s = y.sum({ axis, keepdims: true });
  s = xp.log(s);
  return m.iadd(s);
}

/**
 * The shape of `F.max`'s output with its reduced axes kept as 1s, for its backward (the book's
 * `utils.max_backward_shape`).
 *
 * @param x the input of the max (anything with a shape)
 * @param axis the reduced axes (`null` for all)
 *
 * @example
 * ```ts
 * import { maxBackwardShape } from "./utils.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(maxBackwardShape({ shape: [2, 3] }, 1), [2, 1]);
 * ```
 */
export function maxBackwardShape(
  x: { readonly shape: readonly number[] },
  axis: np.Axis | undefined,
): number[] {
  const ndim = x.shape.length;
  const axes = axis === null || axis === undefined
    ? x.shape.map((_, i) => i)
    : (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + ndim : a));
  return x.shape.map((s, ax) => (axes.includes(ax) ? 1 : s));
}

/**
 * The output size of a convolution along one axis (the book's `utils.get_conv_outsize`).
 *
 * @param inputSize the input's size
 * @param kernelSize the filter's size
 * @param stride the stride
 * @param pad the padding on each side
 *
 * @example
 * ```ts
 * import { getConvOutsize } from "./utils.ts";
 * import assert from "node:assert/strict";
 * assert.equal(getConvOutsize(4, 3, 1, 1), 4); // step 55's example
 * ```
 */
export function getConvOutsize(
  inputSize: number,
  kernelSize: number,
  stride: number,
  pad: number,
): number {
  return Math.floor((inputSize + pad * 2 - kernelSize) / stride) + 1;
}

/**
 * The output size of a transposed convolution along one axis (`utils.get_deconv_outsize`).
 *
 * @param size the input's size
 * @param k the filter's size
 * @param s the stride
 * @param p the padding
 *
 * @example
 * ```ts
 * import { getDeconvOutsize } from "./utils.ts";
 * import assert from "node:assert/strict";
 * assert.equal(getDeconvOutsize(4, 3, 1, 1), 4);
 * ```
 */
export function getDeconvOutsize(size: number, k: number, s: number, p: number): number {
  return s * (size - 1) + k - 2 * p;
}

/**
 * A size for both axes: a number doubled, or a pair as it is (the book's `utils.pair`).
 *
 * @param x a number or a pair
 *
 * @example
 * ```ts
 * import { pair } from "./utils.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(pair(3), [3, 3]);
 * assert.deepEqual(pair([2, 1]), [2, 1]);
 * ```
 */
export function pair(x: number | readonly [number, number]): [number, number] {
  if (typeof x === "number" && Number.isInteger(x)) return [x, x];
  if (Array.isArray(x) && x.length === 2) return [x[0], x[1]];
  throw new TypeError(`expected an integer or a pair of integers, got ${JSON.stringify(x)}`);
}

// ---------------------------------------------------------------------------------------------
// download function

/**
 * The cache of downloads, `~/.dezero`, as the book's `utils.cache_dir`: files that Python DeZero
 * downloaded there are found here too. Reading `HOME` needs `--allow-env=HOME`.
 *
 * @example
 * ```ts
 * import { cacheDir } from "./utils.ts";
 * import assert from "node:assert/strict";
 * if (Deno.permissions.querySync({ name: "env", variable: "HOME" }).state === "granted") {
 *   assert.ok(cacheDir().endsWith(".dezero"));
 * }
 * ```
 */
export function cacheDir(): string {
  let home: string | undefined;
  try {
    home = Deno.env.get("HOME") ?? Deno.env.get("USERPROFILE");
  } catch {
    throw new Error(
      "the download cache is ~/.dezero, and finding ~ needs --allow-env=HOME (and " +
        "--allow-read/--allow-write for the cache): run with those flags",
    );
  }
  if (home === undefined) throw new Error("HOME is not set: cannot find the cache ~/.dezero");
  return `${home}/.dezero`;
}

/**
 * The path of the file at `url` in the cache `~/.dezero`, downloading it first if it is not there
 * (the book's `utils.get_file`). Synchronous, as the book's: a worker downloads while this waits.
 * A failed or interrupted download leaves no file behind. Needs `--allow-env=HOME`,
 * `--allow-read`, `--allow-write` (for the cache) and `--allow-net` (to download).
 *
 * @param url the file's URL
 * @param fileName the name to keep it under (default: the URL's last part)
 *
 * @example
 * ```ts
 * import { getFile } from "./utils.ts";
 * import assert from "node:assert/strict";
 * assert.equal(typeof getFile, "function"); // downloads need permissions; see tests/
 * ```
 */
export function getFile(url: string, fileName?: string): string {
  const name = fileName ?? url.slice(url.lastIndexOf("/") + 1);
  const dir = cacheDir();
  const path = `${dir}/${name}`;
  Deno.mkdirSync(dir, { recursive: true });
  try {
    if (Deno.statSync(path).isFile) return path;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  console.log("Downloading: " + name);
  const shared = new SharedArrayBuffer(8 + 4096);
  const worker = new Worker(new URL("./_get_file_worker.ts", import.meta.url), { type: "module" });
  try {
    worker.postMessage({ url, path, shared });
    const head = new Int32Array(shared, 0, 2);
    Atomics.wait(head, 0, 0);
    if (head[0] !== 1) {
      const message = new TextDecoder().decode(new Uint8Array(shared, 8, head[1]));
      throw new Error(`could not download ${url} to ${path}: ${message}`);
    }
  } finally {
    worker.terminate();
  }
  console.log(" Done");
  return path;
}
