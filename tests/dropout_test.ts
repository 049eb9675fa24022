/**
 * `F.dropout` and `testMode()` (step 54) against the book's `dropout`: the mask is
 * `np.random.rand(*x.shape) > dropout_ratio`, the kept elements are divided by
 * `1 - dropout_ratio` in x's dtype, the gradient goes through the same mask; in test mode, `x`
 * itself comes back.
 */
import assert from "node:assert/strict";
import { Config, F, np, testMode, Variable } from "../dezero/full.ts";

Deno.test("F.dropout draws the book's mask: rand(...shape) > ratio, the rest scaled", () => {
  // After np.random.seed(0), np.random.rand(10) is [0.549, 0.715, 0.603, 0.545, 0.424, 0.646,
  // 0.438, 0.892, 0.964, 0.383] (NumPy's, as tests/random_test.ts checks): above 0.5 but the
  // 5th, 7th and 10th, kept and scaled by 1 / (1 - 0.5).
  np.random.seed(0);
  const x = new Variable(np.ones(10, "float32"));
  const y = F.dropout(x);
  assert.deepEqual(y.data!.toArray(), [2, 2, 2, 2, 0, 2, 0, 2, 2, 0]);
  assert.equal(y.dtype, "float32", "the scale is in x's dtype");
  // The gradient is the same mask and scale.
  y.backward();
  assert.deepEqual(x.grad!.data!.toArray(), [2, 2, 2, 2, 0, 2, 0, 2, 2, 0]);

  // Another ratio: with 0.6, only the values above 0.6 are kept, scaled by 1 / 0.4.
  np.random.seed(0);
  const z = F.dropout(np.full([10], 0.4), 0.6).data!.toArray() as number[];
  assert.deepEqual(z.map((v) => Math.round(v * 1e12) / 1e12), [0, 1, 1, 0, 0, 1, 0, 1, 1, 0]);
  // A ratio of 0 keeps everything (rand() > 0), unscaled.
  assert.deepEqual(F.dropout(np.arange(3), 0).data!.toArray(), [0, 1, 2]);
});

Deno.test("in test mode, F.dropout passes x through and draws nothing", () => {
  const x = new Variable(np.ones(4));
  np.random.seed(1);
  {
    using _ = testMode();
    assert.equal(Config.train, false);
    assert.equal(F.dropout(x), x, "x itself, as in the book");
    assert.deepEqual(F.dropout(np.ones(2), 0.9).data!.toArray(), [1, 1]);
  }
  assert.equal(Config.train, true, "back to training after the block");
  const next = np.random.rand().item();
  np.random.seed(1);
  assert.equal(next, np.random.rand().item(), "no random numbers drawn");
});

Deno.test("F.dropout refuses a ratio that is not a probability below 1", () => {
  for (const ratio of [1, 1.5, -0.1, NaN, "0.5"]) {
    assert.throws(() => F.dropout(np.ones(3), ratio as number), {
      name: "RangeError",
      message:
        /^F\.dropout's dropoutRatio is the probability of dropping an element, a number in \[0, 1\), not /,
    });
  }
});
