/**
 * Step 15: Complex computational graphs (theory) — 복잡한 계산 그래프(이론 편)
 *
 * Since step 14:
 * - No code (the book's step 15 is theory only): why step 14's `backward` fails on graphs that
 *   branch, and the fix step 16 implements, below.
 *
 * So far every graph was a line. Once a variable feeds several functions, its grad is the sum of
 * the grads coming back from all of them (step 14), so backpropagation must finish every function
 * that uses a variable before it runs the function that created it. In
 *
 * ```text
 *              ┌── B ── b ──┐
 *   x ── A ── a             D ── y        a = A(x), b = B(a), c = C(a), y = D(b, c)
 *              └── C ── c ──┘
 * ```
 *
 * the order must be D, then B and C (in either order), then A. Step 14's `backward` walks
 * depth-first with a stack: it runs D and pushes B and C, runs C and pushes A, runs A — before B
 * has added its part to a's grad — then runs B and A once more. With squares for A, B and C and
 * an addition for D, x = 2 gets the grad 96 instead of 64.
 *
 * The fix: a function must run before the functions that created its inputs. A topological sort
 * of the graph gives such an order; the book uses a simpler one, the generation. A variable made
 * by the user is generation 0; a function gets the largest generation of its inputs; its outputs
 * get one more. Taking the function with the largest generation first then always runs a function
 * after all the functions that use its outputs. Step 16 implements it.
 *
 * Differences from the book: none.
 *
 * Run: deno run steps/step15.ts (prints nothing)
 * @module
 */
