/**
 * Learners' mistakes of stage 4 (issue #19): each gives an error that names what is wrong and
 * points to the fix, where the book would compute a silently wrong number or fail far from the
 * cause.
 */
import assert from "node:assert/strict";
import * as simple from "../dezero/mod.ts";
import {
  DataLoader,
  datasets,
  F,
  Function,
  L,
  Layer,
  MLP,
  np,
  optimizers,
  Parameter,
  Variable,
} from "../dezero/full.ts";

Deno.test("matmul / linear: misaligned shapes are named, with W.T or x.T suggested", () => {
  const x = np.zeros([2, 3]);
  assert.throws(
    () => F.matmul(x, np.zeros([4, 5])),
    /F\.matmul\(x, W\): x of shape \(2, 3\) and W of shape \(4, 5\) do not align: x's last axis \(3\) must equal W's first \(4\)/,
  );
  assert.throws(() => F.matmul(x, np.zeros([2, 3])), /did you mean W\.T or x\.T\?/);
  assert.throws(
    () => F.linear(x, np.zeros([4, 2]), np.zeros([2])),
    /F\.linear\(x, W\): x of shape \(2, 3\) and W of shape \(4, 2\)/,
  );
  assert.throws(() => new Variable(x).dot(np.zeros([5, 1])), /\(2, 3\) .* \(5, 1\)/);
});

Deno.test("matmul: a 1-D or 3-D operand is refused with the reshape to write", () => {
  const x = np.zeros([2, 3]);
  assert.throws(() => F.matmul(x, np.zeros([3])), /multiplies matrices.*W\.reshape\(3, 1\)/);
  assert.throws(() => F.matmul(np.zeros([3]), np.zeros([3, 4])), /x\.reshape\(1, 3\)/);
  assert.throws(() => F.matmul(np.zeros([2, 2, 3]), np.zeros([3, 4])), /x\.reshape\(-1, 3\)/);
  assert.throws(() => F.matmul(x, np.array(2.0)), /x\.mul\(W\)/);
});

Deno.test("L.Linear: a batch of another width than the layer's is named", () => {
  const layer = new L.Linear(4);
  layer.call(np.zeros([2, 3])); // W becomes (3, 4)
  assert.throws(
    () => layer.call(np.zeros([2, 5])),
    /F\.linear\(x, W\): x of shape \(2, 5\) and W of shape \(3, 4\)/,
  );
  assert.throws(() => new L.Linear(4).call(np.zeros([3])), /x\.reshape\(1, 3\)/);
});

Deno.test("losses: a prediction of shape (100, 1) against targets (100,) is refused", () => {
  const y = np.zeros([100, 1]);
  const t = np.zeros([100]);
  const message =
    /x0 has shape \(100, 1\) and x1 \(100,\); they would broadcast to \(100, 100\)\. .*reshape one to the other's shape \(x1\.reshape\(100, 1\)\)/;
  assert.throws(() => F.meanSquaredError(y, t), message);
  assert.throws(() => F.meanSquaredErrorSimple(new Variable(y), t), message);
  // The book's loss would be the mean over the 100 × 100 pairs: silently wrong, not an error.
  assert.equal(F.meanSquaredError(y, t.reshape(100, 1)).data!.item(), 0);
});

Deno.test("softmaxCrossEntropy: labels that are not class indices are refused", () => {
  const x = np.zeros([2, 3]);
  for (const loss of [F.softmaxCrossEntropy, F.softmaxCrossEntropySimple]) {
    assert.throws(
      () => loss(x, np.array([0.5, 1])),
      /label 0 is 0\.5, not an integer: labels are class indices 0\.\.2 \(make t with np\.array\(\[\.\.\.\], "int64"\)\)/,
    );
    assert.throws(
      () => loss(x, np.array([3, 0], "int64")),
      /label 3 \(at 0\) is out of range for 3 classes: labels are 0\.\.2/,
    );
    assert.throws(() => loss(x, np.array([0, -1], "int64")), /label -1 \(at 1\) is out of range/);
    assert.throws(() => loss(x, np.array([0, 1, 2], "int64")), /2 rows but t has 3 labels/);
    assert.throws(() => loss(np.zeros([3]), np.array([0], "int64")), /x\.reshape\(1, 3\)/);
  }
  // Integer-valued floats (a label array made without "int64") are accepted, as the book's.
  assert.ok(F.softmaxCrossEntropy(x, np.array([2, 0])).data!.item() > 0);
});

Deno.test("optimizers: update() before setup(model), and setup() of something else", () => {
  assert.throws(
    () => new optimizers.Adam().update(),
    /Adam\.update\(\) before setup\(model\): write new Adam\(\.\.\.\)\.setup\(model\) first/,
  );
  const model = new MLP([3]);
  // A user who passes the parameters instead of the model.
  assert.throws(
    () => new optimizers.SGD().setup([...model.params()] as unknown as Layer),
    /SGD\.setup\(\) takes a model or layer/,
  );
  assert.throws(() => new optimizers.SGD().addHook(0.1 as unknown as optimizers.Hook), /hook/);
});

Deno.test("DataLoader: an empty dataset and a batch size that is not a positive integer", () => {
  class Empty extends datasets.Dataset {
    override prepare(): void {
      this.data = np.zeros([0, 2]);
    }
  }
  assert.throws(
    () => new DataLoader(new Empty(), 10),
    /dataset Empty is empty.*check its prepare\(\)/,
  );
  class NoData extends datasets.Dataset {}
  assert.throws(
    () => new DataLoader(new NoData(), 10),
    /NoData has no data: its prepare\(\) must set this\.data/,
  );
  assert.throws(() => new DataLoader(new datasets.Spiral(), 0), /batchSize is a positive integer/);
  assert.throws(
    () => new DataLoader(new datasets.Spiral(), 2.5),
    /batchSize is a positive integer/,
  );
});

Deno.test("Layer: assigning a plain value over a parameter or a sublayer is refused", () => {
  class Net extends Layer {
    W = new Parameter(np.ones([2, 2]), "W");
    l1 = new L.Linear(3);
  }
  const net = new Net();
  const attrs = net as unknown as Record<string, unknown>;
  assert.throws(
    () => {
      attrs.W = np.zeros([2, 2]);
    },
    /Net\.W holds a Parameter; assigning an object \(NDArray\) would hide it from params\(\) and the optimizer: to change its value, set W\.data \(e\.g\. W\.data = np\.zeros\(\.\.\.\)\)/,
  );
  assert.throws(() => {
    attrs.l1 = null;
  }, /Net\.l1 holds a layer; .*assign another layer, or use another name/);
  // What the message suggests works, and so does replacing a parameter with a parameter.
  net.W.data = np.zeros([2, 2]);
  net.W = new Parameter(np.zeros([3]));
  const params = [...net.params()]; // W, then l1's W (not initialised yet) and b
  assert.deepEqual([params.length, params[0].shape, params[2].shape], [3, [3], [3]]);
});

Deno.test("stage 2's core: [3] + [2, 1] broadcasts in forward, and backward points to sumTo", () => {
  const a = new simple.Variable(simple.np.array([1, 2, 3]));
  const b = new simple.Variable(simple.np.array([[10], [20]]));
  const y = a.add(b);
  assert.deepEqual(y.shape, [2, 3]);
  assert.throws(
    () => y.backward(),
    /Add\.backward\(\) returned a gradient of shape \[2,3\] for input 1 of 2, whose shape is \[3\]: .*F\.sumTo\(gx, x\.shape\), as step 40 adds/,
  );
});

Deno.test("full core: a user Function that forgets sumTo after broadcasting is told so", () => {
  class MyAdd extends Function {
    override forward(x0: np.NDArray, x1: np.NDArray): np.NDArray {
      return x0.add(x1);
    }
    override backward(gy: Variable): [Variable, Variable] {
      return [gy, gy];
    }
  }
  const a = new Variable(np.array([1, 2, 3]));
  const b = new Variable(np.array([[10], [20]]));
  const y = new MyAdd().call(a, b);
  assert.throws(
    () => y.backward(),
    /MyAdd\.backward\(\) returned a gradient of shape \[2,3\] for input 1 of 2, whose shape is \[3\].*F\.sumTo/,
  );
  // Written as step 40 says, it works: the gradients are the sums over the broadcast axes.
  class MyAdd2 extends MyAdd {
    override backward(gy: Variable): [Variable, Variable] {
      return [F.sumTo(gy, [3]), F.sumTo(gy, [2, 1])];
    }
  }
  const a2 = new Variable(np.array([1, 2, 3]));
  const b2 = new Variable(np.array([[10], [20]]));
  new MyAdd2().call(a2, b2).backward();
  assert.deepEqual([a2.grad!.data!.toArray(), b2.grad!.data!.toArray()], [[2, 2, 2], [[3], [3]]]);
});
