"""Generate tests/fixtures/numpy_str_extra.json: expected `str(ndarray)` and `repr(float)` text.

Every expected string comes from NumPy's `str()` or Python's `repr()`; tests/format_test.ts
checks dezero/format.ts against them.

    python3 tools/gen_numpy_str_fixture.py                  # rewrite the committed fixture
    python3 tools/gen_numpy_str_fixture.py --seed 7 --scale 50 --out /tmp/stress.json

`--scale` multiplies the number of random cases, for one-off stress runs that are not committed.
"""

import argparse
import json
import math
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np

from _json_values import encode

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "numpy_str_extra.json"


def case(array, note):
    array = np.asarray(array)
    return {
        "dtype": str(array.dtype),
        "shape": list(array.shape),
        "data": [encode(x) for x in array.ravel()],
        "str": str(array),
        "note": note,  # "group: detail"
    }


def range_case(n, start, step, shape, note):
    """A big float64 array stored as start + i * step, rebuilt by the test (same IEEE arithmetic)."""
    array = (np.arange(n, dtype=np.float64) * step + start).reshape(shape)
    return {
        "dtype": "float64",
        "shape": list(shape),
        "range": [start, step],
        "str": str(array),
        "note": note,
    }


def log_uniform(rng, lo, hi, size):
    """Magnitudes spread evenly over the decades [lo, hi], with random signs."""
    magnitudes = 10.0 ** rng.uniform(math.log10(lo), math.log10(hi), size)
    return magnitudes * rng.choice([-1.0, 1.0], size)


def random_shape(rng, max_ndim, max_size):
    while True:
        ndim = int(rng.integers(1, max_ndim + 1))
        shape = tuple(int(d) for d in rng.integers(1, 8, ndim))
        if np.prod(shape) <= max_size:
            return shape


def sprinkle(rng, x, specials, fraction):
    """Replace a random fraction of x's elements with values drawn from `specials`."""
    x = x.copy()
    mask = rng.random(x.shape) < fraction
    x[mask] = rng.choice(specials, int(mask.sum()))
    return x


def tie_values(rng, count, significant):
    """Binary fractions that lie exactly halfway between two decimals of `significant` digits."""
    found = []
    while len(found) < count:
        # For odd m, m / 2^k has exactly k decimal places, the last a 5; keep the right lengths.
        k = int(rng.integers(1, 40))
        m = int(rng.integers(1, 2**20)) | 1
        x = m / 2.0**k
        digits = Decimal(x).as_tuple().digits
        if len(digits) == significant + 1 and digits[-1] == 5:
            found.append(x)
    return found


def float_cases(rng, scale):
    cases = []
    for _ in range(100 * scale):
        shape = random_shape(rng, 4, 60)
        lo = 10.0 ** rng.integers(-12, 12)
        hi = lo * 10.0 ** rng.integers(0, 5)
        x = log_uniform(rng, lo, hi, shape)
        style = rng.integers(0, 4)
        if style == 1:
            x = np.round(x, int(rng.integers(0, 6)))  # shorter digits, integer-valued floats
        elif style == 2:
            x = sprinkle(rng, x, [np.nan, np.inf, -np.inf, 0.0, -0.0], 0.3)
        elif style == 3:
            x = np.abs(x)
        cases.append(case(x, f"random floats: {lo:g}..{hi:g}"))
    for _ in range(20 * scale):
        shape = random_shape(rng, 3, 40)
        x = rng.choice([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -2.5], shape)
        cases.append(case(x, "specials: nan, inf, zeros"))
    for _ in range(20 * scale):
        x = np.round(rng.normal(0, 10.0 ** rng.integers(0, 9), random_shape(rng, 2, 30)))
        cases.append(case(x, "integer-valued floats"))
    for _ in range(30 * scale):
        # lengths and widths that put the row ends around the 75-column limit
        width = int(rng.integers(1, 10))
        n = int(rng.integers(5, 80))
        x = np.round(rng.uniform(-1, 1, n) * 10.0 ** rng.integers(0, 6), width)
        cases.append(case(x, "wrapping: 1-d"))
    for _ in range(3 * scale):
        shape = (int(rng.integers(2, 6)), int(rng.integers(8, 30)))
        cases.append(case(rng.uniform(-1, 1, shape), "wrapping: 2-d"))
    cases.append(case([0.125, 0.375, 2.5e-9, 0.5], "ties: simple binary fractions"))
    cases.append(case([2.5e-9, 1.0], "ties: 2.5e-9 in scientific notation"))
    for _ in range(10 * scale):
        # Positional notation rounds to 8 decimals; odd multiples of 2^-9 have 9, the last a 5.
        # Values within a factor 8 of each other stay positional.
        low = 2 ** int(rng.integers(0, 35))
        m = rng.integers(low, 8 * low, 4) | 1
        cases.append(case(m / 2.0**9 * rng.choice([-1, 1], 4), "ties: exact at 8 decimals"))
    for t in tie_values(rng, 10 * scale, 9):
        # Scientific notation (forced by -1e-5) rounds to 9 significant digits.
        cases.append(case([t, -1e-5], "ties: exact at 9 digits"))
    for x in [
        [1e-4, 1e-1], [9.99e-5, 1e-1], [1e8, 1.0], [99999999.0, 1.0], [0.001, 1.0], [0.001, 1.001],
        [1e-300, 1e300], [5e-324, 1.0], [1.7976931348623157e308, -1.0], [0.999999999, 0.5],
        [9.999999999, 1.0], [9.9999999999e7, 1.0], [123456.789, 0.001], [-0.0], [-0.0, 1e-5],
        [np.nan], [-np.inf], [np.nan, -np.inf, 0.0], [1e-5, np.nan], [1e100, -1.0, np.inf],
        [1.5, -1e-20, 0.0], [1 / 3, 2 / 3], [0.1, 0.2, 0.1 + 0.2],
    ]:
        cases.append(case(np.array(x, dtype=np.float64), "edge values"))
    return cases


def int_and_bool_cases(rng, scale):
    cases = []
    for _ in range(40 * scale):
        high = int(10 ** rng.integers(1, 16))
        low = -high if rng.random() < 0.6 else 0
        cases.append(case(rng.integers(low, high, random_shape(rng, 4, 60)), "ints: random"))
    for _ in range(15 * scale):
        cases.append(case(rng.random(random_shape(rng, 4, 60)) < 0.5, "bools: random"))
    return cases


def scalar_cases(rng, scale):
    cases = []
    for x in log_uniform(rng, 1e-20, 1e20, 20 * scale):
        cases.append(case(np.float64(x), "0-d: float"))
    for x in [0.0, -0.0, 1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, np.nan, np.inf, -np.inf]:
        cases.append(case(np.float64(x), "0-d: float"))
    for x in [0, -1, 2**53, -(2**53), 987654321]:
        cases.append(case(np.int64(x), "0-d: int"))
    cases.append(case(np.bool_(False), "0-d: bool"))
    return cases


def summarised_cases(rng):
    """Arrays just above and below the 1000-element threshold.

    Only the edge items are shown and used to choose the format; the hidden interior holds values
    (1e200, -1e-7, -99999) that would change the format if they were wrongly taken into account.
    """
    cases = []
    specs = [
        ("float", [(1000,), (1001,), (10, 100), (7, 143), (2, 501), (1001, 1), (7, 7, 21),
                   (3, 3, 3, 38), (1, 1, 7, 150)]),
        ("int", [(1000,), (1001,), (3, 334), (2, 2, 251)]),
        ("bool", [(1001,), (2, 3, 4, 42)]),
    ]
    for kind, shapes in specs:
        for shape in shapes:
            size = int(np.prod(shape))
            n_edges = int(np.prod([6 if size > 1000 and d > 6 else d for d in shape]))
            if kind == "float":
                hidden = rng.choice([1e200, -1e-7], size)
                exponent = int(rng.integers(-8, 7))  # two-digit values, kept short in the JSON
                edges = np.array([float(f"{i}e{exponent}") for i in rng.integers(-99, 100, n_edges)])
            elif kind == "int":
                hidden = np.full(size, -99999)
                edges = rng.integers(-99, 999, n_edges)
            else:
                hidden = np.zeros(size, dtype=bool)
                edges = rng.random(n_edges) < 0.5
            x = hidden.reshape(shape)
            shown = tuple(np.r_[0:3, d - 3 : d] if size > 1000 and d > 6 else np.arange(d) for d in shape)
            x[np.ix_(*shown)] = edges.reshape(x[np.ix_(*shown)].shape)
            cases.append(case(x, f"summarisation: {kind} {shape}"))
    cases.append(range_case(10**6, 0.0, 0.5, (10**6,), "big: 1e6 elements"))
    cases.append(range_case(10**6, -3.0, 1e-3, (1000, 1000), "big: 1e6 elements 2-d"))
    cases.append(range_case(30 * 30, 0.0, 1 / 7, (30, 30), "big: 30x30"))
    cases.append(range_case(2 * 3 * 20 * 30, 1e5, 1.5, (2, 3, 20, 30), "big: 4-d summarised"))
    return cases


def nesting_cases(rng):
    """Wrapped rows inside 3-d/4-d arrays, and nesting so deep that every row overflows."""
    return [
        case(rng.normal(0, 100, (2, 2, 15)), "nesting: wrapped 3-d rows"),
        case(rng.integers(-9, 9, (2, 1, 2, 40)), "nesting: wrapped 4-d rows"),
        case(np.array([1.5, -2.0, 3.0]).reshape((1,) * 40 + (3,)), "nesting: 41-d"),
        case(np.array([True, False]).reshape((1,) * 60 + (2,)), "nesting: 61-d"),
    ]


def empty_cases():
    return [case(np.zeros(shape), "empty: float") for shape in [(0,), (2, 0), (0, 3), (1, 0, 2)]] + [
        case(np.zeros((0,), dtype=np.int64), "empty: int"),
        case(np.zeros((0, 2), dtype=bool), "empty: bool"),
    ]


def repr_cases(rng, scale):
    """Python's repr of floats: random bit patterns plus the notation boundaries."""
    bits = rng.integers(0, 2**63, 150 * scale, dtype=np.uint64) | (rng.integers(0, 2, 150 * scale, dtype=np.uint64) << 63)
    values = [float(x) for x in bits.view(np.float64)]
    values += [float(x) for x in log_uniform(rng, 1e-8, 1e20, 100 * scale)]
    values += [float(round(x, 3)) for x in log_uniform(rng, 1e-3, 1e6, 30 * scale)]
    for e in range(-7, 19):
        values += [10.0**e, -(10.0**e), 1.5 * 10.0**e, 10.0**e * (1 - 2**-52)]
    values += [0.0, -0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1 + 0.2,
               9007199254740993.0, 123456789.0, 0.00025, 1e-4, 9.999999999999999e-5, 2.5e-9,
               math.nan, math.inf, -math.inf]
    return [[encode(x), repr(x)] for x in values]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20240)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    cases = (scalar_cases(rng, args.scale) + float_cases(rng, args.scale)
             + int_and_bool_cases(rng, args.scale) + summarised_cases(rng) + nesting_cases(rng)
             + empty_cases())
    reprs = repr_cases(rng, args.scale)

    def dump(x):
        return json.dumps(x, separators=(",", ":"), allow_nan=False)

    # One case per line keeps diffs of the committed file readable.
    header = {
        "generator": "tools/gen_numpy_str_fixture.py",
        "numpy_version": np.__version__,
        "python_version": sys.version.split()[0],
        "seed": args.seed,
        "print_options": {k: np.get_printoptions()[k] for k in ["precision", "threshold", "edgeitems", "linewidth", "floatmode"]},
    }
    lines = [dump(header)[:-1] + ","]
    lines.append('"str":[')
    lines.append(",\n".join(dump(c) for c in cases))
    lines.append('],\n"repr":[')
    lines.append(",\n".join(dump(r) for r in reprs))
    lines.append("]}")
    args.out.write_text("\n".join(lines) + "\n")
    print(f"{args.out}: {len(cases)} str cases, {len(reprs)} repr cases", file=sys.stderr)


if __name__ == "__main__":
    main()
