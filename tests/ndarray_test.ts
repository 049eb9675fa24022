/**
 * The NumPy stand-in against NumPy itself: broadcasting results, dtype promotion and error texts
 * come from NumPy 2.4 (tests/fixtures/numpy_vectors.json, made by tools/gen_numpy_vectors.py);
 * the rest are NumPy's documented rules.
 */
import assert from "node:assert/strict";
import * as np from "../dezero/np/mod.ts";
import vectors from "./fixtures/numpy_vectors.json" with { type: "json" };

interface Case {
  dtype: string;
  shape: number[];
  data: number[];
}

function fromCase(c: Case): np.NDArray {
  const a = np.zeros(c.shape, c.dtype as np.DType);
  a.data.set(c.data);
  return a;
}

/** Equal as IEEE doubles, or within `rel` for functions whose last bit differs between libms. */
function assertClose(actual: ArrayLike<number>, expected: number[], rel: number, what: string) {
  assert.equal(actual.length, expected.length, `${what}: size`);
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    const ok = Object.is(a, e) || Math.abs(a - e) <= rel * Math.abs(e);
    assert.ok(ok, `${what}[${i}]: got ${a}, NumPy gives ${e}`);
  }
}

const binaryOps: Record<string, (a: np.NDArray, b: np.NDArray) => np.NDArray> = {
  add: np.add,
  subtract: np.subtract,
  multiply: np.multiply,
  divide: np.divide,
  power: np.power,
};
const methods: Record<string, (a: np.NDArray, b: np.NDArray) => np.NDArray> = {
  add: (a, b) => a.add(b),
  subtract: (a, b) => a.sub(b),
  multiply: (a, b) => a.mul(b),
  divide: (a, b) => a.div(b),
  power: (a, b) => a.pow(b),
};

Deno.test("binary ops broadcast like NumPy", async (t) => {
  for (const entry of vectors.ops.broadcast) {
    if (!entry.a || !entry.b) continue;
    const a = fromCase(entry.a);
    const b = fromCase(entry.b);
    const label = `[${a.shape}] ∘ [${b.shape}]`;
    await t.step(label, () => {
      for (const [op, expected] of Object.entries(entry.results)) {
        // +, -, *, / are exactly rounded in IEEE arithmetic; pow may differ by an ulp between libms.
        const rel = op === "power" ? 4e-16 : 0;
        for (const f of [binaryOps[op], methods[op]]) {
          const r = f(a, b);
          assert.deepEqual(r.shape, expected.shape, `${op} ${label}: shape`);
          assertClose(r.data, expected.data, rel, `${op} ${label}`);
        }
      }
    });
  }
});

Deno.test("unary ops match NumPy", () => {
  for (const entry of vectors.ops.broadcast) {
    if (!entry.unary) continue;
    const x = fromCase(entry.unary);
    const fs: Record<string, (a: np.NDArray) => np.NDArray> = {
      negative: np.negative,
      exp: np.exp,
      square: np.square,
    };
    for (const [op, expected] of Object.entries(entry.results)) {
      const f = fs[op];
      assert.ok(f, `unknown op ${op}`);
      assertClose(f(x).data, expected as number[], op === "exp" ? 4e-16 : 0, op);
    }
    assertClose(x.neg().data, entry.results.negative ?? [], 0, "neg()");
  }
});

Deno.test("shapes that do not broadcast throw NumPy's error", () => {
  for (const { a_shape, b_shape, message } of vectors.ops.errors) {
    for (const f of Object.values(binaryOps)) {
      assert.throws(() => f(np.ones(a_shape), np.ones(b_shape)), (e: unknown) => {
        assert.ok(e instanceof np.ValueError);
        assert.equal(e.message, message);
        return true;
      });
    }
  }
});

Deno.test("shapes of equal size that do not broadcast throw NumPy's error", () => {
  // NumPy 2.4's messages for np.add(np.ones(a), np.ones(b)), np.allclose too (trailing space
  // included).
  const cases: [number[], number[]][] = [
    [[2, 3], [3, 2]],
    [[3, 2], [2, 3]],
    [[6], [2, 3]],
    [[2, 3], [6]],
    [[4], [2, 2]],
    [[2, 3], [1, 6]],
    [[2, 2, 3], [3, 4]],
  ];
  const text = (s: number[]) => s.length === 1 ? `(${s[0]},)` : `(${s.join(",")})`;
  for (const [a, b] of cases) {
    const message = `operands could not be broadcast together with shapes ${text(a)} ${text(b)} `;
    const fs = [...Object.values(binaryOps), ...Object.values(methods), np.allclose];
    for (const f of fs) {
      assert.throws(() => f(np.ones(a), np.ones(b)), (e: unknown) => {
        assert.ok(e instanceof np.ValueError, `${a} with ${b}`);
        assert.equal(e.message, message);
        return true;
      });
    }
  }
});

Deno.test("shapes of equal size that do broadcast give NumPy's shape and values", () => {
  // NumPy: (1,6) with (6,1) is (6,6), (6,) with (6,1) is (6,6), (2,3,1) with (3,2) is (2,3,2).
  const row = np.array([[0, 1, 2, 3, 4, 5]]);
  const column = np.array([[0], [10], [20], [30], [40], [50]]);
  const flat = np.array([0, 1, 2, 3, 4, 5]);
  const expected = Array.from(
    { length: 6 },
    (_, i) => Array.from({ length: 6 }, (_, j) => j - 10 * i),
  );
  for (const a of [row, flat]) {
    const r = a.sub(column);
    assert.deepEqual(r.shape, [6, 6]);
    assert.deepEqual(r.toArray(), expected);
  }
  const r = np.array([[[1], [2], [3]], [[4], [5], [6]]]).mul(
    np.array([[1, 10], [100, 1000], [1e4, 1e5]]),
  );
  assert.deepEqual(r.shape, [2, 3, 2]);
  assert.deepEqual(r.toArray(), [
    [[1, 10], [200, 2000], [3e4, 3e5]],
    [[4, 40], [500, 5000], [6e4, 6e5]],
  ]);
});

Deno.test("dtype promotion follows NumPy", () => {
  for (const c of vectors.ops.dtype_promotion) {
    const a = fromCase(c.a);
    const b = typeof c.b === "number" ? c.b : fromCase(c.b);
    const r = binaryOps[c.op](a, b as np.NDArray);
    assert.equal(r.dtype, c.result_dtype, `${c.a.dtype} ${c.op} ${JSON.stringify(c.b)}`);
    assert.equal(r.toString(), c.result_str);
  }
});

Deno.test("dtype rules for bool and plain numbers (NumPy 2, NEP 50)", () => {
  const i = np.array([1, 2], "int64");
  const f = np.array([1, 2]);
  const t = np.array([true, false]);
  assert.equal(i.add(2).dtype, "int64");
  assert.equal(i.add(2.5).dtype, "float64");
  assert.equal(i.div(i).dtype, "float64");
  assert.equal(f.add(2).dtype, "float64");
  assert.equal(t.add(2).dtype, "int64");
  assert.equal(t.add(t).dtype, "bool");
  assert.equal(t.add(t).toString(), "[ True False]"); // bool + bool is logical or
  assert.equal(t.mul(i).dtype, "int64");
  assert.equal(np.add(2, 3).dtype, "float64");
  assert.equal(i.add(-0).dtype, "float64"); // NumPy: int64 array + -0.0 is float64
  assert.ok(Object.is(np.array(1, "int64").mul(-0).item(), -0));
  assert.equal(np.exp(i).dtype, "float64");
  assert.equal(np.square(i).dtype, "int64");
  assert.throws(() => t.sub(t), /boolean subtract, the `-` operator, is not supported/);
  assert.throws(() => t.neg(), /boolean negative, the `-` operator, is not supported/);
});

Deno.test("IEEE results: division by zero and overflow give inf and nan", () => {
  assert.equal(np.array(1).div(0).item(), Infinity);
  assert.equal(np.array(-1).div(0).item(), -Infinity);
  assert.ok(Number.isNaN(np.array(0).div(0).item()));
  assert.equal(np.array([1, 0]).div(np.array([0, 0])).toString(), "[inf nan]");
  assert.equal(np.exp(np.array(1000)).item(), Infinity);
  assert.ok(Number.isNaN(np.power(np.array(-8), 1 / 3).item()));
});

Deno.test("integers to negative integer powers throw like NumPy", () => {
  const msg = /ValueError: Integers to negative integer powers are not allowed\.$/;
  assert.throws(() => np.array(2, "int64").pow(-1), msg);
  assert.throws(() => np.array([2, 3], "int64").pow(np.array([1, -1], "int64")), msg);
  assert.equal(np.array(2, "int64").pow(-1.5).dtype, "float64"); // a float exponent is fine
  assert.equal(np.array(2).pow(-1).item(), 0.5);
  assert.equal(np.array(10, "int64").pow(2).toString(), "100");
});

Deno.test("the float64 0-d shortcut agrees with the general path and keeps NumPy's dtypes", () => {
  // A 0-d array whose `data` was read goes through the general path (checked against NumPy
  // above); a fresh one takes the shortcut. Both must give the same bits for every value pair.
  const values = [0, -0, 1, -1, 1.5, -2, 0.1, 1e308, -1e-320, Infinity, -Infinity, NaN];
  const general = (v: number) => {
    const a = np.array(v);
    void a.data;
    return a;
  };
  for (const [op, f] of Object.entries(methods)) {
    for (const u of values) {
      for (const v of values) {
        const expected = f(general(u), general(v)).item();
        for (const other of [np.array(v), v]) {
          const r = f(np.array(u), other as np.NDArray);
          assert.equal(r.dtype, "float64");
          assert.deepEqual(r.shape, []);
          assert.ok(Object.is(r.item(), expected), `${u} ${op} ${v}: ${r.item()} vs ${expected}`);
        }
      }
    }
  }
  for (const u of values) assert.ok(Object.is(np.array(u).neg().item(), general(u).neg().item()));
  // NumPy: 0.1 + 0.2, 1 / 0 and 2 ** 0.5 on 0-d float64 arrays.
  assert.equal(np.array(0.1).add(0.2).item(), 0.30000000000000004);
  assert.equal(np.array(1).div(0).item(), Infinity);
  assert.equal(np.array(2).pow(0.5).item(), 1.4142135623730951);
  // Other dtypes are not float64 scalars: NumPy's promotion still applies.
  assert.equal(np.array(3, "int64").add(2).dtype, "int64");
  assert.equal(np.array(3, "int64").mul(2.5).dtype, "float64");
  assert.equal(np.array(true).add(np.array(true)).toString(), "True");
  assert.equal(np.array(1.5).add(np.array(2, "int64")).dtype, "float64");
});

Deno.test("x ** 1 and x ** 2 take shortcuts with NumPy's exact values", () => {
  // NumPy: np.array([-0.0, nan, inf, 3.5]) ** 1 -> [-0., nan, inf, 3.5], a new array.
  const x = np.array([-0, NaN, Infinity, 3.5, 0.1]);
  const one = x.pow(1);
  assert.notEqual(one.data, x.data);
  assert.ok(Object.is(one.data[0], -0));
  assert.ok(Number.isNaN(one.data[1]));
  assert.deepEqual(Array.from(one.data.slice(2)), [Infinity, 3.5, 0.1]);
  one.data[3] = 0;
  assert.equal(x.data[3], 3.5, "x ** 1 is a copy");
  assert.equal(np.array([1, 2, 3], "int64").pow(1).toString(), "[1 2 3]");
  const two = x.pow(2);
  for (let i = 0; i < x.size; i++) assert.ok(Object.is(two.data[i], x.data[i] ** 2));
});

Deno.test("broadcasting covers every layout of operands", () => {
  // Independent reference: index arithmetic written out for a (2,1,3) and (4,1) pair.
  const a2 = np.array([[[0, 1, 2]], [[3, 4, 5]]]);
  const b = np.array([[10], [20], [30], [40]]);
  const r = a2.add(b);
  assert.deepEqual(r.shape, [2, 4, 3]);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 4; j++) {
      for (let k = 0; k < 3; k++) {
        assert.equal(r.data[i * 12 + j * 3 + k], a2.data[i * 3 + k] + b.data[j]);
      }
    }
  }
  // A scalar on either side, a 0-d array, and size-1 dimensions.
  assert.equal(np.subtract(1, np.array([1, 2])).toString(), "[ 0. -1.]");
  assert.equal(np.array([[5]]).sub(np.array([1, 2])).toString(), "[[4. 3.]]");
  assert.equal(np.array(3).mul(np.array([[1], [2]])).toString(), "[[3.]\n [6.]]");
  assert.deepEqual(np.zeros([0, 3]).add(np.ones([3])).shape, [0, 3]);
  assert.deepEqual(np.ones([1, 1]).add(np.ones([1])).shape, [1, 1]);
});

Deno.test("array() builds shapes and rejects bad input", () => {
  assert.deepEqual(np.array([[1, 2, 3], [4, 5, 6]]).shape, [2, 3]);
  assert.deepEqual(np.array([]).shape, [0]);
  assert.deepEqual(np.array([[], []]).shape, [2, 0]);
  assert.equal(np.array(true).dtype, "bool");
  assert.equal(np.array([true, 2]).toString(), "[1. 2.]");
  assert.equal(np.array([true, 2], "int64").toString(), "[1 2]");
  assert.throws(
    () => np.array([[1, 2], [3]]),
    (e: unknown) =>
      e instanceof np.ValueError && e.message ===
        "setting an array element with a sequence. The requested array has an inhomogeneous " +
          "shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.",
  );
  assert.throws(() => np.array([[1, 2], 3] as unknown as number[]), np.ValueError);
  assert.throws(() => np.array([1, "2"] as unknown as number[]), /string "2" at \[1\]/);
  assert.throws(() => np.array([[1, 2], [3, null]] as unknown as number[][]), /null at \[1,1\]/);
  assert.throws(() => np.array(1.5, "int64"), RangeError);
  const src = np.array([1, 2]);
  const copy = np.array(src);
  copy.data[0] = 9;
  assert.equal(src.data[0], 1, "array(NDArray) copies");
  assert.equal(np.array(np.array([0, 2]), "bool").toString(), "[False  True]");
});

Deno.test("creation functions and shape checks", () => {
  assert.equal(np.zeros([2, 3]).toString(), "[[0. 0. 0.]\n [0. 0. 0.]]");
  assert.equal(np.ones([2], "int64").toString(), "[1 1]");
  assert.equal(np.full([2, 2], 0.5).toString(), "[[0.5 0.5]\n [0.5 0.5]]");
  assert.equal(np.full([], 3).toString(), "3.0");
  assert.equal(np.zeros(3).toString(), "[0. 0. 0.]");
  assert.equal(np.onesLike(np.array([[1, 2]], "int64")).toString(), "[[1 1]]");
  assert.equal(np.zerosLike(2.5).toString(), "0.0");
  assert.equal(np.arange(3, 0, -1).toString(), "[3 2 1]"); // integers: int64, as NumPy
  assert.equal(np.arange(5, 5).size, 0);
  assert.throws(() => np.zeros([2, -1]), /negative dimensions are not allowed/);
  assert.throws(() => np.zeros([2, 1.5]), {
    name: "TypeError",
    message: /^'float' object cannot be interpreted as an integer/, // NumPy's words
  });
  assert.throws(() => np.ones(["2"] as unknown as number[]), {
    name: "TypeError",
    message: /^'str' object cannot be interpreted as an integer/,
  });
  assert.throws(() => np.random.rand(-1), np.ValueError); // NumPy: negative dimensions
});

Deno.test("item, length, ndim, toArray and data", () => {
  const a = np.array([[1, 2, 3], [4, 5, 6]], "int64");
  assert.equal(a.ndim, 2);
  assert.equal(a.size, 6);
  assert.equal(a.length, 2);
  assert.deepEqual(a.toArray(), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(np.array([true, false]).toArray(), [true, false]);
  assert.equal(np.array(2.5).toArray(), 2.5);
  assert.throws(() => np.array(1).length, /^TypeError: len\(\) of unsized object$/);
  assert.throws(() => a.item(), /can only convert an array of size 1 to a Python scalar/);
  const s = np.array(4);
  s.data[0] = 7; // a 0-d array's data is its storage too
  assert.equal(s.item(), 7);
  assert.equal(s.add(1).item(), 8);
  assert.equal(np.isScalar(3), true);
  assert.equal(np.isScalar(np.array(3)), false);
});

Deno.test("console.log prints NumPy's str", () => {
  const a = np.array([[1, 2], [3, 4]], "int64");
  assert.equal(Deno.inspect(a), "[[1 2]\n [3 4]]");
  assert.equal(Deno.inspect(np.array(0.5)), "0.5");
});

Deno.test("operands must be arrays or numbers", () => {
  const bad = "2" as unknown as number;
  assert.throws(
    () => np.add(np.array(1), bad),
    /np\.add\(\)'s argument 2 must be an NDArray or a number/,
  );
  assert.throws(() => np.array(1).mul(bad), TypeError);
  assert.throws(() => np.exp(bad), /np\.exp\(\)/);
});

Deno.test("allclose uses NumPy's tolerance rule", () => {
  assert.equal(np.allclose(np.array(1), np.array(1 + 1e-6)), true);
  assert.equal(np.allclose(np.array(1), np.array(1 + 1e-4)), false);
  assert.equal(np.allclose(np.array(0), np.array(1e-9)), true); // atol
  assert.equal(np.allclose(np.array([1, 2]), 1), false);
  assert.equal(np.allclose(np.array([[1], [1]]), np.array([1, 1, 1])), true); // broadcast
  assert.equal(np.allclose(np.array(NaN), np.array(NaN)), false);
  assert.equal(np.allclose(np.array(Infinity), np.array(Infinity)), true);
  assert.equal(np.allclose(np.array(Infinity), np.array(-Infinity)), false);
  assert.equal(np.allclose(np.array(1), np.array(1.1), 0.2), true); // rtol
  assert.throws(() => np.allclose(np.ones([2]), np.ones([3])), np.ValueError);
});

Deno.test("random: seeded, in range, and distributed as promised", () => {
  np.random.seed(42);
  const u = np.random.rand(100000);
  np.random.seed(42);
  assert.deepEqual(Array.from(np.random.rand(100000).data), Array.from(u.data));
  let mean = 0;
  for (const v of u.data) {
    assert.ok(v >= 0 && v < 1);
    mean += v / u.size;
  }
  assert.ok(Math.abs(mean - 0.5) < 0.005, `uniform mean ${mean}`);
  const z = np.random.randn(200, 500);
  assert.deepEqual(z.shape, [200, 500]);
  let m = 0;
  let sq = 0;
  for (const v of z.data) {
    m += v / z.size;
    sq += (v * v) / z.size;
  }
  assert.ok(Math.abs(m) < 0.01, `normal mean ${m}`);
  assert.ok(Math.abs(sq - m * m - 1) < 0.01, `normal variance ${sq - m * m}`);
  assert.deepEqual(np.random.randn().shape, []);
  assert.throws(() => np.random.seed(-1), np.ValueError); // NumPy's ValueError
});

Deno.test("integer zero has no sign; int64 stays exact or throws", () => {
  // NumPy: -np.array([0, 1]) * 0.5 is [ 0.  -0.5]; 1 / (np.array([0, 1]) * -1) is [inf -1.].
  const i = np.array([0, 1], "int64");
  assert.equal(i.neg().mul(0.5).toString(), "[ 0.  -0.5]");
  assert.equal(np.divide(1, i.mul(-1)).toString(), "[inf -1.]");
  assert.ok(Object.is(np.array(-0, "int64").item(), 0));
  assert.ok(Object.is(np.negative(np.array(0, "int64")).item(), 0));
  assert.throws(() => np.array(2 ** 70, "int64"), /outside the int64 values/);
  assert.throws(() => np.array([2], "int64").pow(2000), /outside the int64 values/);
  assert.equal(np.array([2], "int64").pow(52).toString(), "[4503599627370496]");
});

Deno.test("power follows C's pow where JavaScript's ** differs", () => {
  // NumPy: np.power(1.0, nan) is 1.0; np.array([-1., 1.]) ** inf is [1. 1.]; (-1) ** nan is nan.
  assert.equal(np.power(1, NaN).item(), 1);
  assert.equal(np.array([-1, 1]).pow(Infinity).toString(), "[1. 1.]");
  assert.equal(np.array([-1, 1]).pow(np.array([-Infinity, NaN])).toString(), "[1. 1.]");
  assert.ok(Number.isNaN(np.power(-1, NaN).item()));
  assert.equal(np.power(np.array([2, 0.5]), Infinity).toString(), "[inf  0.]");
});

Deno.test("arange steps like NumPy", () => {
  // NumPy: np.arange(2.5, 10.2, 0.7) has 11 elements, element 2 is 3.9000000000000004.
  const a = np.arange(2.5, 10.2, 0.7);
  assert.equal(a.size, 11);
  assert.equal(a.data[2], 3.9000000000000004);
  assert.deepEqual(
    Array.from(np.arange(0, 1, 0.1).data),
    [0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9],
  );
  assert.throws(() => np.arange(NaN), /arange: cannot compute length/);
  assert.throws(() => np.arange(3, undefined, 1, "bool"), TypeError);
});

Deno.test("unknown dtypes and bad operands get clear errors", () => {
  const bad = "int" as unknown as np.DType;
  assert.throws(() => np.array([1.5], bad), /data type 'int' not understood/);
  assert.throws(() => np.zeros(2, 3 as unknown as np.DType), /write np\.zeros\(\[2, 3\]\)/);
  assert.throws(() => np.full([2], 1, bad), TypeError);
  assert.throws(() => new np.NDArray([1], bad, new Float64Array(1)), TypeError);
  assert.throws(() => np.allclose("1" as unknown as number, 1), /np\.allclose\(\)'s argument 1/);
  assert.throws(() => np.random.seed(2 ** 32), /Seed must be between 0 and 2\*\*32 - 1/);
});

Deno.test("shapes cannot be changed behind an array's back", () => {
  const a = np.ones([2, 3]);
  const b = a.add(1);
  assert.ok(Object.isFrozen(a.shape) && Object.isFrozen(b.shape));
  assert.throws(() => (a.shape as number[]).push(1), TypeError);
  assert.deepEqual(b.shape, [2, 3]);
});

Deno.test("power by one exponent takes NumPy's sqrt and reciprocal", () => {
  // NumPy 2.4: a ** 0.5 and np.power(a, 0.5) for a = [-0., -inf, 4., 2.] print
  // [-0.                 nan  2.          1.41421356]; with an array of 0.5s C's pow gives
  // [0.                inf 2.         1.41421356]; a ** -1 is [ -inf -0.    0.25  0.5 ].
  const a = np.array([-0, -Infinity, 4, 2]);
  assert.equal(a.pow(0.5).toString(), "[-0.                 nan  2.          1.41421356]");
  assert.equal(np.power(a, 0.5).toString(), "[-0.                 nan  2.          1.41421356]");
  assert.equal(
    np.power(a, np.full([4], 0.5)).toString(),
    "[0.                inf 2.         1.41421356]",
  );
  assert.equal(np.array(-0).pow(0.5).toString(), "-0.0");
  assert.equal(a.pow(-1).toString(), "[ -inf -0.    0.25  0.5 ]");
  // x ** -1 is the correctly rounded 1 / x (V8's ** can be an ulp off for some x).
  for (const x of [3, 7, 0.1, 1e-300, 123.456]) assert.equal(np.array(x).pow(-1).item(), 1 / x);
});
