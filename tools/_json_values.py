"""The JSON form of array elements shared by the fixture generators (tools/gen_*.py), which
tests/_fixture.ts reads back: NaN and infinities, which JSON cannot hold, as "nan", "inf" and
"-inf"; bools as true/false; integers as integers."""

import math

import numpy as np


def encode(x):
    """JSON value for one element (a Python or NumPy bool, integer or float)."""
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x
