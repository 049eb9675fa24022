"""The book's Python DeZero, importable by the fixture generators (tools/gen_stage4_*.py).

The generators take the book's repository
(https://github.com/oreilly-japan/deep-learning-from-scratch-3) as their one argument: a
checkout (a folder with dezero/ in it) or a bare git directory (its HEAD is read with
`git archive`). Its `dezero/` package is copied into a temporary folder and imported
from there, with two changes that leave the book's numbers as the book printed them:

- `matplotlib` and `PIL`, which the package imports but the generators never call, are stand-ins
  (so neither needs to be installed);
- `L.Linear` initialises `W` as `randn(I, O).astype(dtype) * float(np.sqrt(1 / I))`. Under
  NumPy 2 (NEP 50), the book's `* np.sqrt(1 / I)` multiplies by a strong np.float64 and makes the
  weights float64; under the NumPy 1.x of the book's time the scalar was weak and the weights
  stayed float32, which is what the port (and the book's printed output) does.
"""

import atexit
import importlib
import pathlib
import shutil
import subprocess
import sys
import tempfile
import types
import warnings

LINEAR_INIT = "np.sqrt(1 / I)"


def _stub(name):
    """A module whose every attribute is a function that does nothing."""
    module = types.ModuleType(name)
    module.__getattr__ = lambda attr: (lambda *args, **kwargs: None)
    sys.modules[name] = module
    return module


def load(book):
    """Imports the book's `dezero` from the repository at `book` and returns the module."""
    book = pathlib.Path(book)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="dezero-book-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    if (book / "dezero").is_dir():
        shutil.copytree(book / "dezero", tmp / "dezero")
    else:
        archive = subprocess.run(
            ["git", "--git-dir", str(book), "archive", "HEAD", "dezero"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
    layers = tmp / "dezero" / "layers.py"
    source = layers.read_text()
    if source.count(LINEAR_INIT) != 1:
        sys.exit(f"{layers}: expected one {LINEAR_INIT!r} in L.Linear's init; is this the book?")
    layers.write_text(source.replace(LINEAR_INIT, f"float({LINEAR_INIT})"))

    matplotlib = _stub("matplotlib")
    matplotlib.pyplot = _stub("matplotlib.pyplot")
    _stub("PIL").Image = _stub("PIL.Image")
    sys.path.insert(0, str(tmp))
    # datasets.py's `label_type is 'fine'` warns on import under Python 3.12.
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    return importlib.import_module("dezero")


def book_argument(doc):
    """The book's path from the command line, or the generator's usage (its docstring)."""
    if len(sys.argv) != 2:
        sys.exit(doc)
    return sys.argv[1]
