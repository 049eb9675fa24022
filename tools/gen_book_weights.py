"""Generate tests/fixtures/book_weights/: weight files saved by the book's own DeZero
(`Layer.save_weights`) and book_weights.json, for tests/save_load_test.ts (which loads them with
`Layer.loadWeights` and checks the predictions).

Three small models, seeded, trained a few steps so that no parameter is at its initial value
(biases start at zero): `MLP((5, 3))`; `SimpleRNN(4, 1)` and `BetterRNN(3, 1)`, the models of the
book's steps 59 and 60 (an `L.RNN` or `L.LSTM` named `rnn`, then an `L.Linear` named `fc`). For
each, the JSON gives the names `_flatten_params` gives (the keys of the file), each array's dtype
and shape, an input and the model's outputs for it (for the RNNs, a sequence of inputs from a
fresh state, one output per step). The book's code runs unpatched under NumPy 2.4, so the `W`s
are float64 (NEP 50 promotes `float32 array * np.sqrt(...)`) and the biases float32: what a
Python DeZero user saves today.

    python3 tools/gen_book_weights.py BOOK_DIR

BOOK_DIR is a checkout of oreilly-japan/deep-learning-from-scratch-3. The files are
reproducible: np.savez_compressed dates members 1980-01-01, and the script runs itself with
PYTHONHASHSEED=0, since the order of the members is that of the book's `Layer._params`, a set of
strings.
"""

import json
import os
import sys
from pathlib import Path

import numpy as np

from _book_dezero import book_models, import_book_dezero, predict

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "book_weights"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    dezero = import_book_dezero(sys.argv[1], float32_weights=False)
    F = dezero.functions
    makers = book_models(dezero)

    def describe(model, name, x, outputs):
        path = OUT / f"{name}.npz"
        model.save_weights(str(path))
        params = {}
        model._flatten_params(params)
        return {
            "file": path.name,
            "params": {k: {"dtype": p.data.dtype.name, "shape": list(p.data.shape)}
                       for k, p in sorted(params.items())},
            "x": x.tolist(),
            "y": [y.tolist() for y in outputs],
        }

    models = {}

    np.random.seed(0)
    mlp = makers["mlp"]()
    optimizer = dezero.optimizers.SGD(0.1).setup(mlp)
    x, t = np.random.randn(6, 4), np.random.randn(6, 3)
    for _ in range(3):
        loss = F.mean_squared_error(mlp(x), t)
        mlp.cleargrads()
        loss.backward()
        optimizer.update()
    models["mlp"] = describe(mlp, "mlp", x, predict(mlp, x, False))

    for name in ["simple_rnn", "better_rnn"]:
        model = makers[name]()
        optimizer = dezero.optimizers.Adam().setup(model)
        xs, ts = np.random.randn(5, 2, 1), np.random.randn(5, 2, 1)
        for _ in range(3):
            model.reset_state()
            loss = 0
            for x, t in zip(xs, ts):
                loss += F.mean_squared_error(model(x), t)
            model.cleargrads()
            loss.backward()
            optimizer.update()
        models[name] = describe(model, name, xs, predict(model, xs, True))

    fixture = {"numpy": np.__version__, "models": models}
    (OUT.parent / "book_weights.json").write_text(json.dumps(fixture, indent=1) + "\n")


if __name__ == "__main__":
    main()
