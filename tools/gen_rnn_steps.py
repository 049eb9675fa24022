"""Generate tests/fixtures/rnn_steps.json: what the book's steps 59 and 60 print when seeded, for
tests/rnn_steps_test.ts (which runs steps/step59.ts and steps/step60.ts with the same --seed and
--epochs and compares), and SinCurve's data for one seed (dezero/datasets.ts).

The book's step files are run as they are, read from the book's checkout, with three changes
made to their text (each checked to apply): `np.random.seed(SEED)` before `train_set = ...`,
`max_epoch = EPOCHS`, and the plot at the end cut off; each epoch's average loss is also kept
at full precision. L.Linear's weights are float32, as under the book's NumPy 1.x (see
tools/_book_dezero.py for why the book's code needs a patch for that under NumPy 2).

    python3 tools/gen_rnn_steps.py BOOK_DIR

BOOK_DIR is a checkout of oreilly-japan/deep-learning-from-scratch-3. Written with NumPy 2.4.
"""

import contextlib
import io
import json
import sys
from pathlib import Path

import numpy as np

from _book_dezero import import_book_dezero

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "rnn_steps.json"
RUNS = [("step59", 0, 2), ("step59", 1, 2), ("step60", 0, 3), ("step60", 1, 3)]
PRINT = "    print('| epoch %d | loss %f' % (epoch + 1, avg_loss))\n"


def replace_once(text, old, new):
    if text.count(old) != 1:
        sys.exit(f"expected {old!r} once in the step")
    return text.replace(old, new)


def run_step(book_dir, step, seed, epochs):
    text = (Path(book_dir) / "steps" / f"{step}.py").read_text()
    text = replace_once(text, "max_epoch = 100\n", f"max_epoch = {epochs}\n")
    text = replace_once(text, "train_set = ", f"np.random.seed({seed})\ntrain_set = ")
    text = replace_once(text, PRINT, PRINT + "    _losses.append(avg_loss)\n")
    text = text[: text.index("# Plot")]
    namespace = {"__name__": "__main__", "_losses": []}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(text, f"{step}.py", "exec"), namespace)
    return {
        "step": step,
        "seed": seed,
        "epochs": epochs,
        "lines": out.getvalue().splitlines(),
        "losses": [float(v) for v in namespace["_losses"]],
    }


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    book_dir = sys.argv[1]
    dezero = import_book_dezero(book_dir, float32_weights=True)
    runs = [run_step(book_dir, *run) for run in RUNS]

    np.random.seed(3)
    train = dezero.datasets.SinCurve(train=True)
    test = dezero.datasets.SinCurve(train=False)
    sincurve = {
        "seed": 3,
        "train": {"data": train.data.ravel().tolist(), "label": train.label[-1].tolist()},
        "test": {"data": test.data.ravel().tolist(), "label": test.label[-1].tolist()},
    }
    fixture = {"numpy": np.__version__, "runs": runs, "sincurve": sincurve}
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")


if __name__ == "__main__":
    main()
