/**
 * Step 30: Higher-order derivatives (preparation) — 고차 미분(준비 편)
 *
 * Since step 29: no code (the book's step 30 has none): a review of what the simple core keeps,
 * before step 32 changes it. This file prints nothing.
 *
 * A `Variable` holds `data` and `grad`, both arrays (`NDArray`), and its `creator`. Calling a
 * `Function` (`call`) takes the arrays out of its input variables, computes `forward` on them,
 * wraps the results in new variables, and, while backprop is enabled, links the graph: the
 * function keeps its `inputs` and `outputs`, each output its `creator`. `backward` then walks
 * that graph from the output and calls each function's `backward` with its outputs' gradients,
 * arrays again; `Sin.backward` (step 27), say, computes `gy · cos(x)` with `np.cos` on arrays.
 *
 * So the forward pass builds a graph and the backward pass does not: backward's computations on
 * arrays leave no trace, and nothing can differentiate them again. Newton's method (step 29)
 * needs f''(x), the derivative of the derivative, which had to be worked out by hand.
 *
 * Run: deno run steps/step30.ts (prints nothing)
 * @module
 */
