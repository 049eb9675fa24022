"""Writes tests/fixtures/stage4_optimizers.json: the first three updates of each of the book's
optimizers (dezero/optimizers.py: SGD, MomentumSGD, AdaGrad, AdaDelta, Adam) and hooks
(WeightDecay, ClipGrad, FreezeParam), run by the book's own code on given parameters and
gradients, in float64 and in float32. tests/stage4_optimizers_test.ts replays them.

The target is a layer holding a Parameter `a` (2, 3) and a sublayer `inner` holding a Parameter
`b` (3,); the gradients of each step are set by hand (randn, seeded), fresh copies each step,
since WeightDecay and ClipGrad change them in place. Values are stored as the doubles they are
(a float32 as its exact double).

The book's FreezeParam cannot run as the book has it: the optimizer picks the parameters that
have a gradient, then runs the hooks, and FreezeParam's `p.grad = None` makes the update that
follows read `None.data` (AttributeError). What it is meant to do is leave the frozen parameters
as they are (and out of the hooks after it); its expected values are those of the book's
optimizer run on a target without the frozen parameters.

Run from the repository's root, with NumPy 2 and the book's repository (a checkout or a bare
git directory):  python3 tools/gen_stage4_optimizers.py PATH/TO/deep-learning-from-scratch-3
"""

import json
import pathlib

import numpy as np

import _book

STEPS = 3

# name, the optimizer's positional arguments (the book's order), hooks
CASES = [
    ("SGD", [0.1], []),
    ("MomentumSGD", [0.1, 0.9], []),
    ("AdaGrad", [0.1, 1e-8], []),
    ("AdaDelta", [0.95, 1e-6], []),
    ("Adam", [0.1, 0.9, 0.999, 1e-8], []),
    ("Adam", [], []),
    ("SGD", [0.1], [["WeightDecay", 0.1]]),
    ("SGD", [0.1], [["ClipGrad", 1.0]]),  # the gradients' norm is about 3.3: clipped
    ("SGD", [0.1], [["ClipGrad", 100.0]]),  # not clipped
    ("MomentumSGD", [0.1, 0.9], [["WeightDecay", 1e-2], ["ClipGrad", 2.0]]),
    ("SGD", [0.1], [["FreezeParam", "inner"]]),
    ("Adam", [0.1], [["FreezeParam", "a"]]),
    ("SGD", [0.1], [["FreezeParam", "a"], ["ClipGrad", 1.0]]),  # the norm of b's alone
]


def values(a):
    return [float(v) for v in a.ravel()]


def main():
    dezero = _book.load(_book.book_argument(__doc__))
    from dezero import Layer, Parameter, Variable, optimizers

    np.random.seed(0)
    init = {"a": np.random.randn(2, 3), "b": np.random.randn(3)}
    grads = [{"a": np.random.randn(2, 3), "b": np.random.randn(3)} for _ in range(STEPS)]

    def run(dtype, name, args, hooks):
        params = {k: Parameter(v.astype(dtype)) for k, v in init.items()}
        frozen = [h[1] for h in hooks if h[0] == "FreezeParam"]
        target = Layer()
        if "a" not in frozen:  # a frozen part is left out of the target: see the docstring
            target.a = params["a"]
        if "inner" not in frozen:
            target.inner = Layer()
            target.inner.b = params["b"]
        optimizer = getattr(optimizers, name)(*args).setup(target)
        for hook, arg in hooks:
            if hook != "FreezeParam":
                optimizer.add_hook(getattr(optimizers, hook)(arg))
        after = []
        for step in range(STEPS):
            for key, p in params.items():
                p.grad = Variable(grads[step][key].astype(dtype))
            optimizer.update()
            after.append({key: values(p.data) for key, p in params.items()})
            assert all(p.data.dtype == dtype for p in params.values())
        return after

    cases = []
    for dtype in ["float64", "float32"]:
        for name, args, hooks in CASES:
            cases.append(
                {
                    "dtype": dtype,
                    "optimizer": name,
                    "args": args,
                    "hooks": hooks,
                    "after": run(np.dtype(dtype), name, args, hooks),
                }
            )

    fixture = {
        "source": f"the book's dezero/optimizers.py, NumPy {np.__version__}",
        "init": {k: {"shape": list(v.shape), "data": values(v)} for k, v in init.items()},
        "grads": [{k: values(v) for k, v in g.items()} for g in grads],
        "cases": cases,
    }
    out = pathlib.Path("tests/fixtures/stage4_optimizers.json")
    out.write_text(json.dumps(fixture) + "\n")
    print(f"wrote {out} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
