/**
 * Step 32: Higher-order derivatives (implementation) — 고차 미분(구현 편)
 *
 * Since step 31: no code in the step (the book's step 32 has none): the package gets its full
 * core, `dezero/full.ts` (the book's `dezero/core.py`), which steps 33 onward import. This file
 * prints nothing. What changes, next to stage 2's `core_simple.ts`:
 *
 * ```text
 *                     stage 2 (core_simple.ts)         stage 3 (core.ts, entry full.ts)
 *   Variable.grad     an NDArray                       a Variable
 *   the seed          np.onesLike(data)                new Variable(np.onesLike(data))
 *   Mul.backward      [gy.mul(x1.data), …] on arrays   [gy.mul(x1), …] on Variables
 *   Sin.backward      gy.mul(np.cos(x.data))           gy.mul(cos(x))
 *   backward options  { retainGrad }                   { retainGrad, createGraph = false }
 * ```
 *
 * and in `Variable.backward`, each function's backward and the sum of the gradients run with
 * recording switched to `createGraph` (step 18's `usingConfig`, restored when the block ends):
 *
 * ```text
 *   stage 2                             stage 3
 *   const gxs = f.backward(...gys);     {
 *   for (const [i, x] of …) {             using _ = usingConfig("enableBackprop", createGraph);
 *     x.grad = … x.grad.add(gxs[i]);      const gxs = f.backward(...gys);
 *     …                                   for (const [i, x] of …) {
 *   }                                       x.grad = … x.grad.add(gxs[i]);
 *                                           …
 *                                         }
 *                                       }
 * ```
 *
 * Because each `backward` computes with Variables, it is recorded like any forward pass, and
 * `x.grad` gets a creator: the graph of the derivative, which can be differentiated again. Most
 * of the time no one needs that graph, so it is built only with `createGraph: true`; otherwise
 * `backward` runs with recording off, computing the same numbers and keeping no graph. `using`
 * restores the setting when the block ends, even on an error.
 *
 * Steps 23 to 32 keep the simple core (`../dezero/mod.ts`), as the book's do.
 *
 * Run: deno run steps/step32.ts (prints nothing)
 * @module
 */
