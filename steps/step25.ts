/**
 * Step 25: Visualizing computational graphs (1) — 계산 그래프 시각화(1)
 *
 * Since step 24: no code (the book's step 25 has none): it introduces Graphviz and its DOT
 * language, which step 26 generates from DeZero's graphs. This file prints nothing.
 *
 * Graphviz (https://graphviz.org) lays out and draws graphs. Its input is DOT text: a graph is
 * `digraph g { ... }`, one statement per line. A node is an id with optional attributes, an edge
 * joins two ids with `->`:
 *
 * ```text
 * digraph g {
 * 1 [label="x", color=orange, style=filled]
 * 2 [label="y", color=orange, style=filled]
 * 3 [label="Exp", color=lightblue, style=filled, shape=box]
 * 1 -> 3
 * 3 -> 2
 * }
 * ```
 *
 * In DeZero's pictures, variables are orange ellipses and functions light-blue boxes, and the
 * arrows follow the forward computation: an input points to its function, a function to its
 * outputs. Saved as `sample.dot`, the text becomes a picture with Graphviz's command
 *
 *     dot sample.dot -T png -o sample.png
 *
 * (`-T svg`, `-T pdf` for other formats). The book installs Graphviz for this (`apt-get install
 * graphviz`, `brew install graphviz`). Here `plotDotGraph` (step 26) also draws SVG without it,
 * with a WebAssembly build of Graphviz that Deno fetches from npm the first time it is needed.
 *
 * Run: deno run steps/step25.ts (prints nothing)
 * @module
 */
