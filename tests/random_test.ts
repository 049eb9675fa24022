/**
 * dezero/np/_random.ts against NumPy 2.4's legacy generator (`np.random.seed`, `RandomState`)
 * and dezero/np/_glibc_log.ts against glibc's `log`: tests/fixtures/numpy_random.json, made by
 * tools/gen_random_fixture.py, holds the first values of each stream and the SHA-256 of all of
 * them as little-endian float64.
 */
import assert from "node:assert/strict";
import { globalState, RandomState } from "../dezero/np/_random.ts";
import { fma, glibcLog } from "../dezero/np/_glibc_log.ts";
import fixture from "./fixtures/numpy_random.json" with { type: "json" };
import { decode, type JsonValue } from "./_fixture.ts";

/** The SHA-256, in hex, of `values` as little-endian float64. */
async function sha256(values: Float64Array): Promise<string> {
  const bytes = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((v, i) => bytes.setFloat64(8 * i, v, true));
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes.buffer));
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
}

function num(v: JsonValue | null | undefined): number {
  assert.equal(typeof v, "number");
  return v as number;
}

/** The values of one operation of tools/gen_random_fixture.py (its docstring lists them). */
function run(rs: RandomState, op: (string | number | null)[]): Float64Array {
  const [kind, a, b, c] = op;
  const repeat = (n: number, draw: () => number) => Float64Array.from({ length: n }, draw);
  switch (kind) {
    case "raw":
      return repeat(num(a), () => rs.nextUint32());
    case "rand":
      return rs.fillRandomSample(new Float64Array(num(a)));
    case "randn":
      return rs.fillGauss(new Float64Array(num(a)));
    case "randn1":
      return repeat(num(a), () => rs.gauss());
    case "uniform":
      return rs.fillUniform(new Float64Array(num(c)), num(a), num(b));
    case "randint":
      return b === null
        ? rs.fillRandint(new Float64Array(num(c)), num(a))
        : rs.fillRandint(new Float64Array(num(c)), num(a), num(b));
    case "randint1":
      return repeat(num(c), () => rs.randint(num(a), num(b)));
    case "permutation":
      return rs.permutation(num(a));
    case "shuffle": {
      const rows = num(a);
      const cols = b === null ? 1 : num(b);
      const x = Float64Array.from({ length: rows * cols }, (_, i) => i);
      rs.shuffleRows(b === null ? [rows] : [rows, cols], (i, j) => {
        for (let k = 0; k < cols; k++) {
          const t = x[i * cols + k];
          x[i * cols + k] = x[j * cols + k];
          x[j * cols + k] = t;
        }
      });
      return x;
    }
    case "interval":
      return repeat(num(b), () => rs.interval(num(a)));
  }
  throw new Error(`unknown operation ${kind}`);
}

Deno.test("np.random.seed(0); np.random.rand(3) is [0.5488135, 0.71518937, 0.60276338]", () => {
  globalState.seed(0);
  const x = globalState.fillRandomSample(new Float64Array(3));
  assert.deepEqual(Array.from(x, (v) => v.toFixed(8)), ["0.54881350", "0.71518937", "0.60276338"]);
});

for (const c of fixture.cases) {
  Deno.test(`NumPy's streams: ${c.name}`, async () => {
    const rs = new RandomState(c.seed);
    for (const r of c.results) {
      const values = run(rs, r.op);
      const what = JSON.stringify(r.op);
      assert.equal(values.length, r.count, what);
      assert.deepEqual(Array.from(values.subarray(0, r.head.length)), r.head.map(decode), what);
      assert.equal(await sha256(values), r.sha256, `${what}: a later value differs`);
    }
  });
}

Deno.test("the global state and a RandomState with the same seed give the same numbers", () => {
  globalState.seed(1984);
  const rs = new RandomState(1984);
  for (let i = 0; i < 100; i++) assert.equal(globalState.gauss(), rs.gauss());
});

Deno.test("seeding forgets the cached normal sample, as NumPy's seed does", () => {
  const rs = new RandomState(0);
  const first = rs.gauss(); // caches the pair's other value
  rs.seed(0);
  assert.equal(rs.gauss(), first);
});

Deno.test("without a seed, generators start from fresh entropy", () => {
  const draws = () => {
    const rs = new RandomState();
    return [rs.nextUint32(), rs.nextUint32(), rs.nextUint32()];
  };
  assert.notDeepEqual(draws(), draws());
  const rs = new RandomState(0);
  rs.seed();
  assert.notEqual(rs.randomSample(), new RandomState(0).randomSample());
});

Deno.test("glibcLog is glibc's log on the r2 values of a million normal pairs", async () => {
  const { seed, count, sha256: expected } = fixture.log;
  const rs = new RandomState(seed);
  const logs = new Float64Array(count);
  for (let n = 0; n < count;) {
    const x1 = 2 * rs.randomSample() - 1;
    const x2 = 2 * rs.randomSample() - 1;
    const r2 = x1 * x1 + x2 * x2;
    if (r2 < 1 && r2 !== 0) logs[n++] = glibcLog(r2);
  }
  assert.equal(await sha256(logs), expected);
});

Deno.test("glibcLog is glibc's log where glibc misrounds, near 1, and at special values", () => {
  let mathLogDiffers = 0;
  for (const [input, output] of fixture.log.cases) {
    const x = decode(input);
    const expected = decode(output);
    assert.ok(Object.is(glibcLog(x), expected), `log(${x}): got ${glibcLog(x)}, glibc ${expected}`);
    if (!Object.is(Math.log(x), expected)) mathLogDiffers++;
  }
  // The cases would not catch a glibcLog that were Math.log unless Math.log missed some.
  assert.ok(mathLogDiffers >= 100, `Math.log differs from glibc in only ${mathLogDiffers} cases`);
});

Deno.test("fma rounds a * b + c once, ties included", () => {
  let naiveDiffers = 0;
  for (const [a, b, c, exact] of fixture.fma_cases) {
    assert.ok(Object.is(fma(a, b, c), exact), `fma(${a}, ${b}, ${c}): got ${fma(a, b, c)}`);
    if (a * b + c !== exact) naiveDiffers++;
  }
  assert.ok(naiveDiffers >= 300, `a * b + c differs from the fma in only ${naiveDiffers} cases`);
});

Deno.test("seeds outside NumPy's range or of the wrong type throw NumPy's errors", () => {
  const rs = new RandomState(0);
  const range = /Seed must be between 0 and 2\*\*32 - 1/;
  const cast = /Cannot cast scalar from dtype\('float64'\) to dtype\('int64'\)/;
  assert.throws(() => rs.seed(-1), range);
  assert.throws(() => rs.seed(2 ** 32), range);
  assert.throws(() => rs.seed(1.5), cast);
  assert.throws(() => rs.seed(NaN), cast);
  assert.throws(() => rs.seed(Infinity), cast);
  assert.throws(() => rs.seed("42" as unknown as number), /got the string "42"/);
  assert.throws(() => rs.seed(null as unknown as number), TypeError);
  assert.throws(() => rs.seed([]), /Seed must be non-empty/);
  assert.throws(() => rs.seed([1, -1]), range);
  assert.throws(() => rs.seed([1.5]), /Cannot cast array data from dtype\('float64'\)/);
  assert.throws(() => rs.seed([[1, 2]] as unknown as number[]), /Seed array must be 1-d/);
  assert.throws(() => new RandomState(-3), range);
  // A rejected seed leaves the state as it was.
  assert.equal(rs.randomSample(), new RandomState(0).randomSample());
});

Deno.test("randint and fillRandint check their bounds as NumPy does, and draw nothing then", () => {
  const rs = new RandomState(0);
  const out = new Float64Array(2);
  assert.throws(() => rs.randint(5, 5), /low >= high/);
  assert.throws(() => rs.randint(6, 5), /low >= high/);
  assert.throws(() => rs.fillRandint(out, 3, 3), /low >= high/);
  assert.throws(() => rs.randint(0), /high <= 0/);
  assert.throws(() => rs.randint(-4), /high <= 0/);
  assert.throws(() => rs.randint(1.5, 10), /low must be an integer, got 1.5/);
  assert.throws(() => rs.randint(0, NaN), /high must be an integer, got NaN/);
  assert.throws(() => rs.randint("1" as unknown as number, 5), /got the string "1"/);
  assert.throws(() => rs.randint(-(2 ** 53), 0), /low is out of bounds for int64/);
  assert.throws(() => rs.randint(0, 2 ** 53 + 2), /high is out of bounds for int64/);
  assert.throws(() => rs.fillRandint([0, 0] as unknown as Float64Array, 3), /Float64Array/);
  assert.equal(rs.randint(10), new RandomState(0).randint(10));
});

Deno.test("uniform, interval, permutation and shuffleRows reject bad arguments", () => {
  const rs = new RandomState(0);
  assert.throws(() => rs.uniform(0, Infinity), /Range exceeds valid bounds/);
  assert.throws(() => rs.uniform(NaN, 1), /Range exceeds valid bounds/);
  assert.throws(() => rs.uniform(-1e308, 1e308), /Range exceeds valid bounds/);
  assert.throws(() => rs.fillUniform(new Float64Array(1), 0, "1" as unknown as number), TypeError);
  assert.throws(() => rs.interval(-1), /max must be in \[0, 2\*\*53\]/);
  assert.throws(() => rs.interval(2 ** 53 + 2), /max must be in \[0, 2\*\*53\]/);
  assert.throws(() => rs.interval(0.5), /max must be an integer/);
  assert.throws(() => rs.permutation(2.5), /x must be an integer or at least 1-dimensional/);
  assert.throws(() => rs.shuffleRows([], () => {}), /len\(\) of unsized object/);
  assert.throws(() => rs.shuffleRows([3, -1], () => {}), /shape must hold integers >= 0/);
  assert.throws(() => rs.shuffleRows(3 as unknown as number[], () => {}), /shape must be an array/);
  assert.throws(
    () => rs.shuffleRows([3], "swap" as unknown as (i: number, j: number) => void),
    /swap must be a function/,
  );
  assert.throws(() => rs.fillGauss(new Float32Array(2) as unknown as Float64Array), /Float64Array/);
  assert.equal(rs.randomSample(), new RandomState(0).randomSample());
});
