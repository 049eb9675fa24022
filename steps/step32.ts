/**
 * Step 32: Higher-order derivatives (implementation) — 고차 미분(구현 편)
 *
 * Since step 31: no code in the step (the book's step 32 has none): the package gets its full
 * core, `dezero/full.ts` (the book's `dezero/core.py`), which steps 33 onward import. This file
 * prints nothing. What changes, next to stage 2's `core_simple.ts`:
 *
 * ```text
 *                     stage 2 (core_simple.ts)         stage 3 (full.ts)
 *   Variable.grad     an NDArray                       a Variable
 *   seed              grad = np.onesLike(data)         grad = new Variable(np.onesLike(data))
 *   Function.backward on arrays:                       on Variables:
 *     Mul               [gy.mul(x1.data), …]             [gy.mul(x1), …]
 *     Sin               gy.mul(np.cos(x.data))           gy.mul(cos(x))
 *   Variable.backward  gxs = f.backward(...gys)         {
 *                                                         using _ = usingConfig(
 *                                                           "enableBackprop", createGraph);
 *                                                         gxs = f.backward(...gys);
 *                                                       }
 *   its options        { retainGrad }                   { retainGrad, createGraph = false }
 * ```
 *
 * Because each `backward` computes with Variables, it is recorded like any forward pass, and
 * `x.grad` gets a creator: the graph of the derivative, which can be differentiated again. Most
 * of the time no one needs that graph, so it is built only with `createGraph: true`; otherwise
 * `backward` runs with backprop disabled (step 18's `usingConfig`), computing the same numbers
 * and keeping no graph. `using` restores the setting when the block ends, even on an error.
 *
 * Steps 23 to 32 keep the simple core (`../dezero/mod.ts`), as the book's do.
 *
 * Run: deno run steps/step32.ts (prints nothing)
 * @module
 */
