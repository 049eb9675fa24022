/**
 * A canonical text of a DeZero graph, for tests that check two constructions build the same
 * graph: each function by class name (and `Pow`'s exponent) with its inputs in order, named
 * variables by name, constants (leaves without a name) by value. A function reached again prints
 * as `#k`, so shared nodes are told apart from copies.
 */
import { Pow, type Variable } from "../dezero/mod.ts";

export function graphText(output: Variable, names: Map<Variable, string>): string {
  const ids = new Map<object, number>();
  const text = (v: Variable): string => {
    const name = names.get(v);
    if (name !== undefined) return name;
    const f = v.creator;
    if (f === null) return `const(${v.data})`;
    const seen = ids.get(f);
    if (seen !== undefined) return `#${seen}`;
    ids.set(f, ids.size);
    const label = f instanceof Pow ? `Pow[${f.c}]` : f.constructor.name;
    return `${label}(${f.inputs.map(text).join(", ")})`;
  };
  return text(output);
}
