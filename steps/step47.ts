/**
 * Step 47: The softmax function and cross-entropy error — 소프트맥스 함수와 교차 엔트로피 오차
 *
 * Since step 46: `F.getItem` (`x.get(...)`, the book's `x[...]`, whose backward adds the gradient
 * back at the indexed places with `np.addAt`), `F.softmaxSimple`, which turns each row of scores
 * into probabilities, and `F.softmaxCrossEntropySimple`, the loss of multi-class classification:
 * the mean of `-log p` of the right class. (`F.softmax` and `F.softmaxCrossEntropy` are the
 * book's one-function versions, used from step 48.) An `MLP` scores two-dimensional points for
 * three classes.
 *
 * Differences from the book: `softmax1d` is written with `y.div(sumY)`; the labels
 * `np.array([2, 0, 1, 0])` are asked for with `"int64"`. The scores match the book's to about
 * 1e-6 (float32 weights).
 *
 * Run: deno run steps/step47.ts
 * @module
 */
import { asVariable, F, MLP, np, type Operand, Variable } from "../dezero/full.ts";

np.random.seed(0);

function softmax1d(x: Operand): Variable {
  const v = asVariable(x);
  const y = F.exp(v);
  const sumY = F.sum(y);
  return y.div(sumY);
}

if (import.meta.main) {
  const model = new MLP([10, 3]);

  const x = new Variable(np.array([[0.2, -0.4]]));
  let y = model.call(x);
  let p = softmax1d(y);
  console.log(y);
  console.log(p);

  const xs = np.array([[0.2, -0.4], [0.3, 0.5], [1.3, -3.2], [2.1, 0.3]]);
  const t = np.array([2, 0, 1, 0], "int64");

  y = model.call(xs);
  p = F.softmaxSimple(y);
  console.log(y);
  console.log(p);

  const loss = F.softmaxCrossEntropySimple(y, t);
  loss.backward();
  console.log(loss);
}
