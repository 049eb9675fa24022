/**
 * dezero/core_simple.ts: the Variable and Function API, backpropagation at scale, and
 * regression tests for pitfalls of autograd ports (some of which the book's own code has).
 */
import assert from "node:assert/strict";
import { checkVariableProperties } from "./_variable_checks.ts";
import {
  add,
  Config,
  Function,
  mul,
  neg,
  noGrad,
  np,
  Pow,
  sub,
  usingConfig,
  Variable,
} from "../dezero/mod.ts";

const v = (value: np.ArrayInput) => new Variable(np.array(value));
// A call, so that asserting `grad` is null does not narrow its type for the later assertions.
const gradOf = (x: Variable) => x.grad;

Deno.test("Variable rejects data that is not an NDArray, like the book's TypeError", () => {
  const cases: [unknown, string][] = [
    [1.0, "number is not supported"],
    ["1", "string is not supported"],
    [true, "boolean is not supported"],
    [undefined, "undefined is not supported"],
    [[1, 2], "Array is not supported"],
    [{}, "Object is not supported"],
    [new Float64Array(1), "Float64Array is not supported"],
  ];
  for (const [data, message] of cases) {
    assert.throws(() => new Variable(data as np.NDArray), { name: "TypeError", message });
  }
  assert.equal(new Variable(null).data, null);
  assert.equal(new Variable(np.array(1.0), "x").name, "x");
});

Deno.test("Variable properties, toString and console output", () => {
  checkVariableProperties(Variable);
  // A Variable without data has no shape: it throws, as the book's raises AttributeError.
  assert.throws(() => new Variable(null).shape, TypeError);
});

Deno.test("Function without forward or backward throws the book's NotImplementedError", () => {
  assert.throws(() => new Function().call(v(1)), {
    name: "Error",
    message: "Function.forward() is not implemented",
  });
  class OnlyForward extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x;
    }
  }
  const y = new OnlyForward().call(v(1)) as Variable;
  assert.throws(() => y.backward(), { message: "OnlyForward.backward() is not implemented" });
});

Deno.test("call wraps arrays into Variables and records the graph", () => {
  const x = v(2);
  const f = new Pow(3);
  const y = f.call(x) as Variable;
  assert.equal(y.creator, f);
  // Identity, not deepEqual: NDArray's storage is private, so deepEqual cannot tell arrays apart.
  assert.equal(f.inputs.length, 1);
  assert.equal(f.inputs[0], x);
  assert.equal(f.outputs.length, 1);
  assert.equal(f.outputs[0], y);
  assert.equal(y.generation, 1);
  const z = mul(np.array(3.0), y); // an NDArray input becomes a Variable
  assert.deepEqual(new Pow(2).inputs, []); // nothing recorded before a call
  assert.equal(z.generation, 2);
  assert.ok(z.creator!.inputs[0] instanceof Variable);
  assert.throws(() => add(new Variable(null), 1), {
    name: "TypeError",
    message: "Add needs inputs with data, not Variable(null)",
  });
  assert.equal(add(2, 3).toString(), "variable(5.0)"); // numbers are welcome in any position
});

Deno.test("backward() on a leaf Variable seeds its gradient (the book's version crashes)", () => {
  const x = v(3);
  x.backward();
  assert.equal(x.grad?.toString(), "1.0");
  const a = v([[1, 2], [3, 4]]);
  a.backward();
  assert.equal(a.grad?.toString(), "[[1. 1.]\n [1. 1.]]");
});

Deno.test("x - x has gradient 0, x + x has gradient 2", () => {
  const x = v(5);
  sub(x, x).backward();
  assert.equal(x.grad?.item(), 0);
  const y = v(5);
  add(y, y).backward();
  assert.equal(y.grad?.item(), 2);
});

Deno.test("mul with a zero input has the right gradients", () => {
  const x = v(0);
  const y = v(3);
  mul(x, y).backward();
  assert.equal(x.grad?.item(), 3);
  assert.equal(y.grad?.item(), 0);
  const z = v(0);
  mul(z, z).backward(); // d(z^2)/dz = 2z = 0
  assert.equal(z.grad?.item(), 0);
});

Deno.test("gradients are never accumulated in place (step 14's pitfall)", () => {
  const x = v(3);
  const y = add(x, x);
  y.backward({ retainGrad: true });
  assert.equal(x.grad?.item(), 2);
  assert.equal(y.grad?.item(), 1); // x's first gradient is y's array: adding in place would make it 2
});

Deno.test("backward twice accumulates unless cleargrad() is called", () => {
  const x = v(3);
  const y = mul(x, x);
  y.backward();
  assert.equal(x.grad?.item(), 6);
  y.backward();
  assert.equal(x.grad?.item(), 12);
  x.cleargrad();
  y.backward();
  assert.equal(x.grad?.item(), 6);
});

Deno.test("retainGrad keeps intermediate gradients, the default frees them", () => {
  const x = v(2);
  const a = mul(x, x);
  const y = add(a, 1);
  y.backward();
  assert.equal(gradOf(a), null);
  assert.equal(gradOf(y), null); // as in the book, the output's own seed is freed too
  x.cleargrad();
  y.backward({ retainGrad: true });
  assert.equal(y.grad?.item(), 1);
  assert.equal(a.grad?.item(), 1);
  assert.equal(x.grad?.item(), 4);
});

Deno.test("noGrad keeps no graph; usingConfig restores the old value, also after a throw", () => {
  const x = v(2);
  {
    using _ = noGrad();
    assert.equal(Config.enableBackprop, false);
    const y = mul(x, x);
    assert.equal(y.creator, null);
    assert.equal(y.generation, 0);
    assert.equal(y.data?.item(), 4);
    // The function keeps neither side either: nothing of the computation outlives it.
    const f = new Pow(2);
    assert.equal(f.call(x).data?.item(), 4);
    assert.deepEqual([f.inputs.length, f.outputs.length, f.generation], [0, 0, 0]);
  }
  assert.equal(Config.enableBackprop, true);
  assert.throws(() => {
    using _ = usingConfig("enableBackprop", false);
    throw new Error("inside");
  }, /inside/);
  assert.equal(Config.enableBackprop, true);
  assert.notEqual(mul(x, x).creator, null);
});

Deno.test("an unused output of a multi-output function contributes zero gradient", () => {
  class Split extends Function {
    override forward(x: np.NDArray): np.NDArray[] {
      return [x.mul(2), x.mul(3)];
    }
    override backward(g0: np.NDArray, g1: np.NDArray): np.NDArray {
      return g0.mul(2).add(g1.mul(3));
    }
  }
  const x = v(1);
  const [a, b] = new Split().call(x) as Variable[];
  assert.equal(b.data?.item(), 3);
  a.backward();
  assert.equal(x.grad?.item(), 2);
});

Deno.test("a backward returning the wrong number of gradients is reported", () => {
  class Bad extends Function {
    override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
      return x0.add(x1);
    }
    override backward(gy: np.NDArray): np.NDArray {
      return gy;
    }
  }
  const y = new Bad().call(v(1), v(2)) as Variable;
  assert.throws(() => y.backward(), {
    name: "TypeError",
    message: "Bad.backward() returned 1 gradient(s) for 2 input(s)",
  });
});

Deno.test("a chain of 1,000,000 functions backpropagates without a stack overflow", () => {
  const x = v(1);
  let y = x;
  for (let i = 0; i < 1_000_000; i++) y = neg(y);
  assert.equal(y.generation, 1_000_000);
  y.backward();
  assert.equal(x.grad?.item(), 1); // (-1) ** 1e6
});

Deno.test("a sum of 100,000 products, all waiting in backward's queue at once", () => {
  // Every product waits in the queue until the whole sum is done: the book's sort after each
  // insertion would take O(n² log n) here (hours), the heap O(n log n). No timing is asserted:
  // a quadratic queue would simply not finish.
  const n = 100_000;
  const x = v(1);
  let s = mul(x, 0);
  let expected = 0;
  for (let i = 1; i < n; i++) {
    s = add(s, mul(x, i % 7));
    expected += i % 7;
  }
  s.backward();
  assert.equal(x.grad?.item(), expected);
});

Deno.test("a backward() inside a Function's backward does not make the outer pass repeat work", () => {
  // As in the book, each backward pass has its own set of scheduled functions. Here G's backward
  // first backpropagates a side branch a * 1 (a.grad = 1, so x.grad = 2·3·1 = 6); the outer pass
  // then brings a.grad = 1 (from G) + 1 (from H) = 2 to Sq once more: x.grad = 6 + 2·3·2 = 18,
  // with Sq.backward run twice in all (the book's core_simple.py gives the same).
  let sqCalls = 0;
  class Sq extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x.mul(x);
    }
    override backward(gy: np.NDArray): np.NDArray {
      sqCalls++;
      return gy.mul(this.inputs[0].data!).mul(2);
    }
  }
  class G extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x.mul(1);
    }
    override backward(gy: np.NDArray): np.NDArray {
      mul(this.inputs[0], 1).backward();
      return gy;
    }
  }
  class H extends Function {
    override forward(x: np.NDArray): np.NDArray {
      return x.mul(1);
    }
    override backward(gy: np.NDArray): np.NDArray {
      return gy;
    }
  }
  const x = v(3);
  const a = new Sq().call(x);
  new G().call(a).add(new H().call(a)).backward();
  assert.equal(sqCalls, 2);
  assert.equal(x.grad?.item(), 18);
});
