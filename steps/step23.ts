/**
 * Step 23: Packaging — 패키지로 정리
 *
 * Since step 22: the classes and functions of steps 11–22 move into the package `dezero/`
 * (`core_simple.ts`; `mod.ts` is the entry, the book's `__init__.py`, and calls `setupVariable()`
 * to patch the operator methods onto Variable). This step only imports it.
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
