/**
 * Step 31: Higher-order derivatives (theory) — 고차 미분(이론 편)
 *
 * Since step 30: no code (the book's step 31 has none): the idea that step 32 implements. This
 * file prints nothing.
 *
 * If the backward pass computed with Variables and Functions instead of bare arrays, it would
 * build a graph too: the graph of the gradient. For y = sin(x), `Sin.backward` computes
 * gx = gy · cos(x); done with DeZero's `cos` and `mul` on variables, it connects
 *
 * ```text
 *   x ── Cos ──┐
 *              Mul ── gx
 *   gy ────────┘
 * ```
 *
 * and gx is a Variable with a creator, whose own `backward()` gives d(gx)/dx = -sin(x), the
 * second derivative of y, and so on for the third and the fourth. This is "double
 * backpropagation". It needs only that a gradient be a Variable (`x.grad` holds a Variable) and
 * that each function's `backward` compute with Variables, so that DeZero records it.
 *
 * Run: deno run steps/step31.ts (prints nothing)
 * @module
 */
