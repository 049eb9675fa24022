"""Writes tests/fixtures/stage4_functions.json: PyTorch's values, gradients and second
derivatives of the functions of stage 4 (DeZero's F: reshape, transpose, getItem, sum, sumTo,
broadcastTo, mean, matmul, linear, sigmoid, relu, softmax, logSoftmax, leakyRelu, the losses,
max, min, clip, and the core's broadcasting arithmetic), for tests/stage4_functions_test.ts.

Each case is a function of some inputs (float64 arrays drawn from a seeded RandomState, and
constants such as labels or masks). For a random weight `w` of the output's shape and random
directions `v` (one per differentiable input), the fixture keeps:

- "out": the function's value;
- "grads": the gradient of L = sum(f(...) * w) with respect to each differentiable input
  (weighted, so that e.g. softmax, whose elements sum to 1, has a nonzero gradient);
- "hvp": the gradient of sum_i(sum(grad_i * v_i)), the Hessian of L times v, from PyTorch's
  double backward (create_graph=True).

The cases' names are the keys the test looks its DeZero version up by; the test checks that the
two lists agree. PyTorch's functions are independent of the book's code: softmax, log_softmax,
cross_entropy, binary_cross_entropy(_with_logits), amax/amin, clamp, and indexing.

Run from the repository's root, with PyTorch (float64 throughout):
  /usr/bin/python3 tools/gen_stage4_functions.py
"""

import json
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def randn(*shape):
    return ("randn", list(shape))


def uniform(lo, hi, *shape):
    return ("uniform", [lo, hi, list(shape)])


def const(array):
    return ("const", np.asarray(array))


def sigmoid(x):
    return torch.sigmoid(x)


# name -> (input specs, torch function). Differentiable inputs are drawn; "const" ones are not
# differentiated (labels, masks, targets).
CASES = {
    # The core's arithmetic, broadcasting both ways; a variable used twice.
    "add (3,) + (2,1)": ([randn(3), randn(2, 1)], lambda a, b: (a + b) ** 2),
    "sub (2,3) - (1,3)": ([randn(2, 3), randn(1, 3)], lambda a, b: (a - b) ** 2),
    "sub (3,) - (2,3)": ([randn(3), randn(2, 3)], lambda a, b: (a - b) ** 2),
    "mul (2,3) * (3,)": ([randn(2, 3), randn(3)], lambda a, b: torch.sin(a * b)),
    "mul (2,1) * (1,3)": ([randn(2, 1), randn(1, 3)], lambda a, b: torch.sin(a * b)),
    "div (2,3) / ()": ([randn(2, 3), uniform(1, 2)], lambda a, b: torch.sin(a / b)),
    "div () / (2,3)": ([randn(), uniform(1, 2, 2, 3)], lambda a, b: torch.sin(a / b)),
    "div (1,3) / (2,1)": ([randn(1, 3), uniform(1, 2, 2, 1)], lambda a, b: a / b),
    "pow broadcast (2,3) + (3,) then ** 3": ([randn(2, 3), randn(3)], lambda a, b: (a + b) ** 3),
    "x used twice: x * sigmoid(x)": ([randn(2, 3)], lambda x: x * sigmoid(x)),
    "shared node: y = x @ W; y * tanh(y)": (
        [randn(2, 3), randn(3, 2)],
        lambda x, W: (x @ W) * torch.tanh(x @ W),
    ),
    # Tensor operations
    "log": ([uniform(0.5, 2, 2, 3)], torch.log),
    "reshape (2,3) -> (3,2)": ([randn(2, 3)], lambda x: sigmoid(x.reshape(3, 2))),
    "reshape (2,3) -> (-1,)": ([randn(2, 3)], lambda x: sigmoid(x.reshape(-1))),
    "Variable.reshape(1, 6)": ([randn(2, 3)], lambda x: sigmoid(x.reshape(1, 6))),
    "transpose": ([randn(2, 3)], lambda x: sigmoid(x.T)),
    "transpose axes (1,2,0)": ([randn(2, 3, 4)], lambda x: sigmoid(x.permute(1, 2, 0))),
    "transpose axes (-1,0,1)": ([randn(2, 3, 4)], lambda x: sigmoid(x.permute(2, 0, 1))),
    "getItem 1": ([randn(3, 4)], lambda x: sigmoid(x[1])),
    "getItem -1, 2": ([randn(3, 4)], lambda x: sigmoid(x[-1, 2])),
    "getItem :, 1:3": ([randn(3, 4)], lambda x: sigmoid(x[:, 1:3])),
    "getItem ::2": ([randn(3, 4)], lambda x: sigmoid(x[::2])),
    "getItem ::-1": ([randn(3, 4)], lambda x: sigmoid(x.flip(0))),
    "getItem [0, 0, 2]": ([randn(3, 4)], lambda x: sigmoid(x[[0, 0, 2]])),
    "getItem [0, 1, 1], [2, 0, 0]": ([randn(3, 4)], lambda x: sigmoid(x[[0, 1, 1], [2, 0, 0]])),
    "getItem bool mask": (
        [randn(3, 4), const(np.arange(12).reshape(3, 4) % 3 == 1)],
        lambda x, m: sigmoid(x[m]),
    ),
    "getItem row mask": (
        [randn(3, 4), const([True, False, True])],
        lambda x, m: sigmoid(x[m]),
    ),
    "expandDims 1": ([randn(2, 3)], lambda x: sigmoid(x.unsqueeze(1))),
    "flatten": ([randn(2, 3, 4)], lambda x: sigmoid(x.reshape(2, 12))),
    "sum": ([randn(2, 3)], lambda x: sigmoid(x.sum())),
    "sum axis 0": ([randn(2, 3)], lambda x: sigmoid(x.sum(0))),
    "sum axis -1": ([randn(2, 3, 4)], lambda x: sigmoid(x.sum(-1))),
    "sum axis [0, 2] keepdims": ([randn(2, 3, 4)], lambda x: sigmoid(x.sum((0, 2), keepdim=True))),
    "sum keepdims": ([randn(2, 3)], lambda x: sigmoid(x.sum((0, 1), keepdim=True))),
    "Variable.sum axis 1": ([randn(2, 3)], lambda x: sigmoid(x.sum(1))),
    "sumTo (2,3) -> (1,3)": ([randn(2, 3)], lambda x: sigmoid(x.sum(0, keepdim=True))),
    "sumTo (2,3) -> (3,)": ([randn(2, 3)], lambda x: sigmoid(x.sum(0))),
    "sumTo (2,3,4) -> (3,1)": ([randn(2, 3, 4)], lambda x: sigmoid(x.sum(0).sum(1, keepdim=True))),
    "broadcastTo (3,) -> (2,3)": ([randn(3)], lambda x: sigmoid(x.broadcast_to(2, 3))),
    "broadcastTo (2,1) -> (2,3)": ([randn(2, 1)], lambda x: sigmoid(x.broadcast_to(2, 3))),
    "broadcastTo () -> (2,3)": ([randn()], lambda x: sigmoid(x.broadcast_to(2, 3))),
    "mean": ([randn(2, 3)], lambda x: sigmoid(x.mean())),
    "mean axis 1": ([randn(2, 3)], lambda x: sigmoid(x.mean(1))),
    "average axis 0 keepdims": ([randn(2, 3)], lambda x: sigmoid(x.mean(0, keepdim=True))),
    "matmul": ([randn(2, 3), randn(3, 4)], lambda x, W: torch.tanh(x @ W)),
    "Variable.dot": ([randn(2, 3), randn(3, 4)], lambda x, W: torch.tanh(x @ W)),
    "linear": ([randn(2, 3), randn(3, 4), randn(4)], lambda x, W, b: sigmoid(x @ W + b)),
    "linear without b": ([randn(2, 3), randn(3, 4)], lambda x, W: sigmoid(x @ W)),
    "linearSimple": ([randn(2, 3), randn(3, 4), randn(4)], lambda x, W, b: sigmoid(x @ W + b)),
    # Activations
    "sigmoid": ([randn(2, 3)], sigmoid),
    "sigmoidSimple": ([randn(2, 3)], sigmoid),
    "relu": ([randn(2, 3)], torch.relu),
    "leakyRelu": ([randn(2, 3)], lambda x: F.leaky_relu(x, 0.2)),
    "leakyRelu 0.05": ([randn(2, 3)], lambda x: F.leaky_relu(x, 0.05)),
    "softmax": ([randn(2, 3)], lambda x: F.softmax(x, 1)),
    "softmax axis 0": ([randn(2, 3)], lambda x: F.softmax(x, 0)),
    "softmaxSimple": ([randn(2, 3)], lambda x: F.softmax(x, 1)),
    "softmaxSimple axis 0": ([randn(2, 3)], lambda x: F.softmax(x, 0)),
    "logSoftmax": ([randn(2, 3)], lambda x: F.log_softmax(x, 1)),
    "logSoftmax axis 0": ([randn(2, 3)], lambda x: F.log_softmax(x, 0)),
    "logSoftmax large": ([uniform(990, 1010, 2, 3)], lambda x: F.log_softmax(x, 1)),
    # max / min / clip (no ties, no element at a bound: see the test for those)
    "max": ([randn(2, 3)], lambda x: sigmoid(x.amax())),
    "max axis 1": ([randn(2, 3)], lambda x: sigmoid(x.amax(1))),
    "max axis -1 keepdims": ([randn(2, 3, 4)], lambda x: sigmoid(x.amax(-1, keepdim=True))),
    "max axis [0, 2]": ([randn(2, 3, 4)], lambda x: sigmoid(x.amax((0, 2)))),
    "min axis 0": ([randn(2, 3)], lambda x: sigmoid(x.amin(0))),
    "Variable.max axis 0": ([randn(2, 3)], lambda x: sigmoid(x.amax(0))),
    "Variable.min": ([randn(2, 3)], lambda x: sigmoid(x.amin())),
    "min axis [0, -1] keepdims": (
        [randn(2, 3, 4)],
        lambda x: sigmoid(x.amin((0, 2), keepdim=True)),
    ),
    "clip": ([randn(3, 4)], lambda x: torch.clamp(x, -0.5, 0.5) ** 3),
    # Losses
    "meanSquaredError": ([randn(4, 3), randn(4, 3)], lambda a, b: ((a - b) ** 2).sum() / 4),
    "meanSquaredErrorSimple": ([randn(4, 1), randn(4, 1)], lambda a, b: ((a - b) ** 2).sum() / 4),
    "softmaxCrossEntropy": (
        [randn(4, 3), const(np.array([0, 2, 1, 2]))],
        lambda x, t: F.cross_entropy(x, t),
    ),
    "softmaxCrossEntropy float labels": (
        [randn(4, 3), const(np.array([1.0, 0.0, 2.0, 2.0]))],
        lambda x, t: F.cross_entropy(x, t.long()),
    ),
    "softmaxCrossEntropySimple": (
        [randn(4, 3), const(np.array([0, 2, 1, 2]))],
        lambda x, t: F.cross_entropy(x, t),
    ),
    "sigmoidCrossEntropy": (
        [randn(4, 1), const(np.array([0, 1, 1, 0]))],
        lambda x, t: F.binary_cross_entropy_with_logits(x, t.double().reshape(4, 1)),
    ),
    "binaryCrossEntropy": (
        [uniform(0.05, 0.95, 4), const(np.array([0, 1, 1, 0]))],
        lambda p, t: F.binary_cross_entropy(p, t.double()),
    ),
}


def values(t):
    return [float(v) for v in t.detach().numpy().ravel()]


def array_of(a):
    a = np.asarray(a)
    kind = "bool" if a.dtype == bool else "int64" if a.dtype.kind == "i" else "float64"
    return {"shape": list(a.shape), "dtype": kind, "data": a.ravel().tolist()}


def main():
    cases = []
    for k, (name, (specs, f)) in enumerate(CASES.items()):
        rs = np.random.RandomState(k)
        arrays, diff = [], []
        for i, (kind, arg) in enumerate(specs):
            if kind == "randn":
                arrays.append(np.asarray(rs.randn(*arg)))
            elif kind == "uniform":
                lo, hi, shape = arg
                arrays.append(np.asarray(rs.uniform(lo, hi, shape)))
            else:
                arrays.append(arg)
            if kind != "const":
                diff.append(i)
        tensors = [torch.tensor(a, requires_grad=i in diff) for i, a in enumerate(arrays)]
        out = f(*tensors)
        w = torch.tensor(rs.randn(*out.shape))
        vs = [torch.tensor(rs.randn(*arrays[i].shape)) for i in diff]
        loss = (out * w).sum()
        xs = [tensors[i] for i in diff]
        grads = torch.autograd.grad(loss, xs, create_graph=True)
        h = sum((g * v).sum() for g, v in zip(grads, vs))
        hvp = torch.autograd.grad(h, xs, allow_unused=True) if h.requires_grad else [None] * len(xs)
        hvp = [torch.zeros_like(x) if g is None else g for g, x in zip(hvp, xs)]
        cases.append(
            {
                "name": name,
                "inputs": [array_of(a) for a in arrays],
                "diff": diff,
                "out": {"shape": list(out.shape), "data": values(out)},
                "w": values(w),
                "v": [values(v) for v in vs],
                "grads": [values(g) for g in grads],
                "hvp": [values(g) for g in hvp],
            }
        )
    fixture = {"source": f"PyTorch {torch.__version__}, float64", "cases": cases}
    out = pathlib.Path("tests/fixtures/stage4_functions.json")
    out.write_text(json.dumps(fixture) + "\n")
    print(f"wrote {out} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
