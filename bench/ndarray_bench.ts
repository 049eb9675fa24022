/** `deno bench`: the NDArray kernels (see ops.ts). `compare_numpy.ts` puts them beside NumPy. */
import { opCases } from "./ops.ts";

for (const c of opCases) {
  const run = c.prepare();
  Deno.bench({
    name: c.name,
    group: "ndarray",
    fn() {
      for (let i = 0; i < c.n; i++) run();
    },
  });
}
