/** Reading numbers from the JSON fixtures that tools/gen_*.py write. */
import assert from "node:assert/strict";

/** A JSON element: NaN and infinities are stored as "nan", "inf", "-inf"; bools as true/false. */
export type JsonValue = number | string | boolean;

/** The number a fixture element stands for (bools as 1/0). */
export function decode(v: JsonValue): number {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  const special: Record<string, number> = { nan: NaN, inf: Infinity, "-inf": -Infinity };
  assert.ok(v in special, `unexpected string element ${v}`);
  return special[v];
}
