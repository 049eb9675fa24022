/**
 * A function's generation is the largest of its inputs' (the book's
 * `max([x.generation for x in inputs])`), in every step that has generations and in both cores:
 * with the second input the later one, a function that took its first input's generation would
 * run too early in backward. Each case below puts the later input second.
 */
import assert from "node:assert/strict";
import * as simple from "../dezero/mod.ts";
import * as full from "../dezero/full.ts";
import * as np from "../dezero/np/mod.ts";
import * as step16 from "../steps/step16.ts";
import * as step17 from "../steps/step17.ts";
import * as step18 from "../steps/step18.ts";
import * as step19 from "../steps/step19.ts";
import * as step20 from "../steps/step20.ts";
import * as step21 from "../steps/step21.ts";
import * as step22 from "../steps/step22.ts";

/** What a case gives: the generation of y's creator and x's gradient after y.backward(). */
type Case = () => [number | undefined, number | undefined];

Deno.test("steps 16-19: add(x, square(square(x))) has generation 2, and its gradient is 1 + 4x³", () => {
  // Written out for each step: their Variable classes are distinct types.
  const cases: [number, Case][] = [
    [16, () => {
      const x = new step16.Variable(np.array(2.0));
      const y = step16.add(x, step16.square(step16.square(x)));
      y.backward();
      return [y.creator?.generation, x.grad?.item()];
    }],
    [17, () => {
      const x = new step17.Variable(np.array(2.0));
      const y = step17.add(x, step17.square(step17.square(x)));
      y.backward();
      return [y.creator?.generation, x.grad?.item()];
    }],
    [18, () => {
      const x = new step18.Variable(np.array(2.0));
      const y = step18.add(x, step18.square(step18.square(x)));
      y.backward();
      return [y.creator?.generation, x.grad?.item()];
    }],
    [19, () => {
      const x = new step19.Variable(np.array(2.0));
      const y = step19.add(x, step19.square(step19.square(x)));
      y.backward();
      return [y.creator?.generation, x.grad?.item()];
    }],
  ];
  for (const [n, run] of cases) assert.deepEqual(run(), [2, 1 + 4 * 2 ** 3], `step ${n}`);
});

Deno.test("steps 20-22: add(x, (x * x) * x) has generation 2, and its gradient is 1 + 3x²", () => {
  const cases: [number, Case][] = [
    [20, () => {
      const x = new step20.Variable(np.array(2.0));
      const y = step20.add(x, step20.mul(step20.mul(x, x), x));
      y.backward();
      return [y.creator?.generation, x.grad?.item()];
    }],
    [21, () => {
      const x = new step21.Variable(np.array(2.0));
      const y = step21.add(x, step21.mul(step21.mul(x, x), x));
      y.backward();
      return [y.creator?.generation, x.grad?.item()];
    }],
    [22, () => {
      const x = new step22.Variable(np.array(2.0));
      const y = step22.add(x, step22.mul(step22.mul(x, x), x));
      y.backward();
      return [y.creator?.generation, x.grad?.item()];
    }],
  ];
  for (const [n, run] of cases) assert.deepEqual(run(), [2, 1 + 3 * 2 ** 2], `step ${n}`);
});

Deno.test("both cores: a function's generation is its latest input's, not its first's", () => {
  const s = new simple.Variable(np.array(2.0));
  const ys = simple.add(s, s.mul(s).mul(s));
  assert.equal(ys.creator?.generation, 2);
  const f = new full.Variable(np.array(2.0));
  const yf = full.add(f, f.mul(f).mul(f));
  assert.equal(yf.creator?.generation, 2);
});
