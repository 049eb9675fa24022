/**
 * dezero/np/_print.ts against text printed by NumPy 2.4 (`str(ndarray)`) and Python (`repr(float)`).
 * Every expected string comes from a fixture written by Python:
 * - numpy_vectors.json: tools/gen_numpy_vectors.py;
 * - numpy_str_extra.json: tools/gen_numpy_str_fixture.py.
 */

import assert from "node:assert/strict";
import { formatArray, formatFloat } from "../dezero/np/_print.ts";
import type { DType } from "../dezero/np/mod.ts";
import vectors from "./fixtures/numpy_vectors.json" with { type: "json" };
import extra from "./fixtures/numpy_str_extra.json" with { type: "json" };
import { decode, type JsonValue } from "./_fixture.ts";

interface StrCase {
  dtype: DType;
  shape: number[];
  data?: JsonValue[];
  /** Instead of data, a big float64 array start + i * step (as NumPy computes it). */
  range?: number[];
  str: string;
  /** "group: detail" in numpy_str_extra.json. */
  note: string;
}

function values(c: StrCase): ArrayLike<number> {
  if (c.data) return c.data.map(decode);
  assert.ok(c.range, `case "${c.note}" has neither data nor range`);
  const [start, step] = c.range;
  const size = c.shape.reduce((n, d) => n * d, 1);
  const array = new Float64Array(size);
  for (let i = 0; i < size; i++) array[i] = i * step + start;
  return array;
}

/** Formats every case and lists the ones that differ from NumPy, so a failure shows them all. */
function mismatches(cases: StrCase[]) {
  return cases
    .map((c) => ({
      note: c.note,
      shape: c.shape,
      got: formatArray(values(c), c.shape, c.dtype),
      want: c.str,
    }))
    .filter((r) => r.got !== r.want);
}

/** Objects shaped like a str case anywhere inside the ops section of numpy_vectors.json. */
function nestedCases(node: unknown): StrCase[] {
  if (Array.isArray(node)) return node.flatMap(nestedCases);
  if (typeof node !== "object" || node === null) return [];
  const found = "str" in node && "dtype" in node && "shape" in node && "data" in node
    ? [node as StrCase]
    : [];
  return [...found, ...Object.values(node).flatMap(nestedCases)];
}

Deno.test("formatArray matches NumPy's str() in numpy_vectors.json", async (t) => {
  const strCases = vectors.str as StrCase[];
  await t.step(`${strCases.length} str cases`, () => {
    assert.equal(strCases.length, 60);
    assert.deepEqual(mismatches(strCases), []);
  });

  const opsCases = nestedCases(vectors.ops);
  await t.step(`${opsCases.length} operands in the ops section`, () => {
    assert.ok(opsCases.length > 0);
    assert.deepEqual(mismatches(opsCases), []);
  });
});

Deno.test("formatArray matches NumPy's str() in numpy_str_extra.json", async (t) => {
  const cases = extra.str as StrCase[];
  const groups = Map.groupBy(cases, (c) => c.note.split(":")[0]);
  for (const [group, members] of groups) {
    await t.step(`${group} (${members.length} cases)`, () => {
      assert.deepEqual(mismatches(members), []);
    });
  }
});

Deno.test("formatFloat matches Python's repr()", () => {
  const cases = extra.repr as [JsonValue, string][];
  assert.ok(cases.length > 300);
  const wrong = cases
    .map(([v, want]) => ({ value: v, got: formatFloat(decode(v)), want }))
    .filter((r) => r.got !== r.want);
  assert.deepEqual(wrong, []);
});

Deno.test("formatArray reads only the shown elements of a summarised array", () => {
  // A million-element array whose reads are counted: summarising must not touch the interior.
  const size = 1_000_000;
  const reads = new Set<number>();
  const counted = new Proxy({ length: size } as ArrayLike<number>, {
    get(target, key) {
      if (typeof key === "string" && /^\d+$/.test(key)) {
        reads.add(Number(key));
        return Number(key) / 4;
      }
      return Reflect.get(target, key);
    },
  });
  // Expected text printed by NumPy: str(np.arange(1e6) / 4).
  assert.equal(
    formatArray(counted, [size], "float64"),
    "[0.0000000e+00 2.5000000e-01 5.0000000e-01 ... 2.4999925e+05 2.4999950e+05\n 2.4999975e+05]",
  );
  assert.deepEqual([...reads].sort((a, b) => a - b), [0, 1, 2, size - 3, size - 2, size - 1]);
});

Deno.test("subnormals in scientific notation print their exact digits, as NumPy does", () => {
  // Expected strings printed by NumPy 2.4: str(np.array([5e-324, 2/3])) and so on.
  assert.equal(formatArray([5e-324, 2 / 3], [2], "float64"), "[4.94065646e-324 6.66666667e-001]");
  assert.equal(formatArray([1e-323, 2 / 3], [2], "float64"), "[9.88131292e-324 6.66666667e-001]");
  assert.equal(formatArray([2.5e-310, 1.5], [2], "float64"), "[2.5e-310 1.5e+000]");
});
