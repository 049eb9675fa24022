/**
 * Step 34: sin and its first three derivatives on 200 points, against the curves the book's
 * Python plots (`tests/fixtures/step34.plot.json`, written by the original step with NumPy), and
 * the SVG plot that `--plot` draws with Vega-Lite.
 */
import assert from "node:assert/strict";
import book from "./fixtures/step34.plot.json" with { type: "json" };
import { labels, plot, sinDerivatives } from "../steps/step34.ts";

Deno.test("step 34: x, sin(x) and its derivatives 1 to 3 are the book's curves", () => {
  const { x, logs } = sinDerivatives();
  assert.deepEqual(book.map((c) => c.label), labels);
  assert.equal(logs.length, 4);
  const xs = x.toArray() as number[];
  for (const [i, curve] of book.entries()) {
    assert.equal(curve.x.length, 200);
    const ys = logs[i].toArray() as number[];
    assert.equal(ys.length, 200);
    for (let k = 0; k < 200; k++) {
      assert.ok(Math.abs(xs[k] - curve.x[k]) <= 1e-12, `x[${k}]`);
      assert.ok(Math.abs(ys[k] - curve.y[k]) <= 1e-12, `${curve.label} at x[${k}]`);
    }
  }
  // The curves are what the calculus says: sin, cos, -sin, -cos (to rounding).
  const expected = [Math.sin, Math.cos, (t: number) => -Math.sin(t), (t: number) => -Math.cos(t)];
  for (const [i, g] of expected.entries()) {
    const ys = logs[i].toArray() as number[];
    for (let k = 0; k < 200; k++) assert.ok(Math.abs(ys[k] - g(xs[k])) <= 1e-15, labels[i]);
  }
});

Deno.test("step 34: --plot's SVG has the four curves on 200 points, with the book's legend", async () => {
  const { x, logs } = sinDerivatives();
  const svg = await plot(x, logs);
  assert.match(svg, /^<svg[\s>]/);
  assert.match(svg, /<\/svg>\s*$/);
  const lines = [...svg.matchAll(/aria-roledescription="line mark" d="([^"]*)"/g)].map((m) => m[1]);
  assert.equal(lines.length, 4);
  for (const d of lines) assert.equal(d.match(/[ML]/g)?.length, 200);
  const legend = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  assert.deepEqual(legend.slice(-4), labels, "the legend, after the axes' labels");
});
