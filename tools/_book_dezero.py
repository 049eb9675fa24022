"""Importing the book's own DeZero (a checkout of oreilly-japan/deep-learning-from-scratch-3) for
the fixture generators and the tests that run Python DeZero, with matplotlib and PIL stubbed
where missing and, optionally, L.Linear's weights kept float32 as under the book's NumPy 1.x;
and the small models those save and load.

Why the patch: `Linear._init_W` computes `randn(I, O).astype(float32) * np.sqrt(1 / I)`. Under
NumPy 1.x the NumPy scalar `np.sqrt(1 / I)` does not change the array's dtype (value-based
casting), so W is float32; under NumPy 2 (NEP 50) it is a float64 scalar that makes W float64.
DeZero for Deno follows the book's NumPy 1.x behaviour, so the seeded comparisons run the book's
code with `float(np.sqrt(1 / I))`, which gives float32 under either NumPy. The patch is made on a
temporary copy of the book's `dezero/` and checked to apply exactly once.
"""

import atexit
import shutil
import sys
import tempfile
import types
import warnings
from pathlib import Path

LINEAR_INIT = "* np.sqrt(1 / I)"


def stub(package, module, **attributes):
    """Modules `package` and `package.module` (with `attributes`), unless installed."""
    try:
        __import__(f"{package}.{module}")
    except ImportError:
        inner = types.ModuleType(f"{package}.{module}")
        inner.__dict__.update(attributes)
        outer = types.ModuleType(package)
        setattr(outer, module, inner)
        sys.modules[package] = outer
        sys.modules[f"{package}.{module}"] = inner


def import_book_dezero(book_dir, float32_weights):
    """The book's `dezero` package, imported from a temporary copy of BOOK_DIR/dezero."""
    src = Path(book_dir) / "dezero"
    if not (src / "layers.py").exists():
        sys.exit(f"{book_dir} is not a checkout of the book's code (no dezero/layers.py)")
    tmp = Path(tempfile.mkdtemp(prefix="book-dezero-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    shutil.copytree(src, tmp / "dezero")
    layers = tmp / "dezero" / "layers.py"
    text = layers.read_text()
    if float32_weights:
        if text.count(LINEAR_INIT) != 1:
            sys.exit(f"expected {LINEAR_INIT!r} once in the book's layers.py (Linear._init_W)")
        layers.write_text(text.replace(LINEAR_INIT, "* float(np.sqrt(1 / I))"))

    # The steps import matplotlib.pyplot to plot, dezero.transforms imports PIL.Image; nothing
    # here plots or reads images.
    stub("matplotlib", "pyplot")
    stub("PIL", "Image", BILINEAR=2)  # a default argument in dezero/transforms.py

    sys.path.insert(0, str(tmp))
    # dezero/datasets.py compares with `is 'fine'`, which Python 3.8+ warns about.
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    import dezero  # noqa: E402  (from the copy just made)

    return dezero


def book_models(dezero):
    """Makers of the models whose weight files are exchanged with DeZero for Deno: an MLP and
    the models of steps 59 and 60 (an `L.RNN` or `L.LSTM` named `rnn`, then an `L.Linear` named
    `fc`, as the steps' `SimpleRNN` and `BetterRNN`), small."""
    L = dezero.layers

    class Recurrent(dezero.Model):
        def __init__(self, rnn, out_size):
            super().__init__()
            self.rnn = rnn
            self.fc = L.Linear(out_size)

        def reset_state(self):
            self.rnn.reset_state()

        def forward(self, x):
            return self.fc(self.rnn(x))

    return {
        "mlp": lambda: dezero.models.MLP((5, 3)),
        "simple_rnn": lambda: Recurrent(L.RNN(4), 1),
        "better_rnn": lambda: Recurrent(L.LSTM(3), 1),
    }


def predict(model, x, recurrent):
    """The model's outputs for `x`: one, or for a recurrent model one per step of the sequence
    `x` (`(T, N, 1)`), from a fresh state."""
    if not recurrent:
        return [model(x).data]
    model.reset_state()
    return [model(step).data for step in x]
