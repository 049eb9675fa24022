/**
 * Step 23: Packaging — 패키지로 정리
 *
 * Since step 22: the code of steps 11–22 moves into the package `dezero/`. `core_simple.ts` holds
 * `Config`, `usingConfig`, `noGrad`, `Variable`, `Function`, `asVariable`, `asArray` and the
 * arithmetic functions (`Add` ... `Pow`); `mod.ts` is the entry (the book's `__init__.py`): it
 * re-exports them with `np` and calls `setupVariable()`, which adds the operator methods to
 * Variable (the book's `setup_variable`). This step only imports it. `mod.ts` also exports what
 * later steps use: `expr` (ordinary math notation, step 24) and the graph pictures of `utils.ts`
 * (steps 25–26).
 *
 * The package differs from step 22 in a few deliberate ways, listed in `core_simple.ts`'s module
 * doc (`deno task diff 22 core_simple` shows every changed line): `backward` takes the functions
 * from a binary heap, in step 22's order but in O(log n) each instead of a sort per insertion; an
 * output that no function used contributes a zero gradient instead of failing; a `backward` that
 * returns the wrong number of gradients is reported; and the methods are added by
 * `setupVariable()` rather than at the end of the file.
 *
 * Differences from the book: the package is imported by a relative path (or a URL), so the book's
 * `sys.path.append(...)` has no counterpart; `np` is the package's NumPy stand-in.
 *
 * Run: deno run steps/step23.ts
 * @module
 */
import { np, Variable } from "../dezero/mod.ts";

if (import.meta.main) {
  const x = new Variable(np.array(1.0));
  const y = x.add(3).pow(2); // (x + 3) ** 2
  y.backward();

  console.log(y);
  console.log(x.grad);
}
