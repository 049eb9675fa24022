"""Writes tests/fixtures/stage4_data.json, what tests/stage4_data_test.ts compares the port's
datasets and data loaders with:

- "spiral_train": the book's spiral training set as the book's step 48 plotted it: the 300
  scatter points of its figure, in order (x, y, and the class from the colour), read from a
  record of that figure (the JSON list of the plot calls of the book's steps/step48.py run
  under NumPy 1.24; in this project ../shared/reference/dezero-py-stdout/step48.plot.json).
  The generator checks that the book's get_spiral(True) gives the same points under this NumPy.
- "spiral_test": the book's get_spiral(False) (seed 2020), run here.
- "loader_*": the batches of the book's DataLoader and SeqDataLoader over a dataset of 10
  examples (example i is [i, 100 + i] with label i % 3), batch size 3: shuffled (seeded 7; three
  epochs, then np.random.rand() to show how many draws the epochs took), in order, and in
  time order (SeqDataLoader, two epochs).

Float32 values are stored as the doubles they are.

Run from the repository's root, with NumPy 2 and the book's repository (a checkout or a bare git
directory):
  python3 tools/gen_stage4_data.py PATH/TO/deep-learning-from-scratch-3 PATH/TO/step48.plot.json
"""

import json
import pathlib
import sys

import numpy as np

import _book

COLORS = ["orange", "blue", "green"]  # the book's step 48: colors[t[i]]


def batches(loader, epochs):
    out = []
    for _ in range(epochs):
        out.append([[x.tolist(), t.tolist()] for x, t in loader])
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    _book.load(sys.argv[1])
    from dezero import DataLoader, datasets
    from dezero.dataloaders import SeqDataLoader

    plot = json.loads(pathlib.Path(sys.argv[2]).read_text())
    points = [e for e in plot if e["kind"] == "scatter"]
    train = {
        "x": [[e["x"][0], e["y"][0]] for e in points],
        "t": [COLORS.index(e["c"]) for e in points],
    }
    x, t = datasets.get_spiral(True)
    assert x.dtype == np.float32 and x.tolist() == train["x"] and t.tolist() == train["t"]
    x, t = datasets.get_spiral(False)
    assert x.dtype == np.float32
    test = {"x": x.tolist(), "t": t.tolist()}

    class Ten(datasets.Dataset):
        def prepare(self):
            self.data = np.stack([np.arange(10.0), 100 + np.arange(10.0)], axis=1)
            self.label = np.arange(10) % 3

    np.random.seed(7)
    shuffled = batches(DataLoader(Ten(), 3), 3)
    after = np.random.rand()
    ordered = batches(DataLoader(Ten(), 3, shuffle=False), 2)
    seq = batches(SeqDataLoader(Ten(), 3), 2)

    fixture = {
        "source": f"the book's dezero (datasets.py, dataloaders.py), NumPy {np.__version__}",
        "spiral_train": train,
        "spiral_test": test,
        "loader_shuffled": {"seed": 7, "epochs": shuffled, "rand_after": after},
        "loader_ordered": ordered,
        "loader_seq": seq,
    }
    out = pathlib.Path("tests/fixtures/stage4_data.json")
    out.write_text(json.dumps(fixture) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
