"""Generate tests/fixtures/numpy_power.json: NumPy 2.4's `x ** y` where NumPy takes a shortcut.

NumPy computes `a ** e` for one exponent for the whole array with a shortcut for some exponents
(0.5 is sqrt, -1 reciprocal, 2 square, 1 a copy, 0 ones) and with C's pow otherwise; with an
array of exponents it always calls pow. The fixture holds, for float64 bases that include -0.0,
NaN and the infinities, `a ** e` (checked here to equal `np.power(a, e)` and each 0-d
`np.array(x) ** e`) and `np.power(a, np.full(a.shape, e))`; then int64 and bool bases, whose
negative integer exponents raise NumPy's ValueError. tests/power_test.ts checks
dezero/np/mod.ts against it.

    python3 tools/gen_numpy_power_fixture.py
"""

import json
import warnings
from pathlib import Path

import numpy as np

from _json_values import encode

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "numpy_power.json"

NAN = float("nan")
INF = float("inf")
BASES = [-0.0, 0.0, -INF, INF, NAN, -2.0, -1.0, 1.0, 2.0, 0.1, 7.7, -8.0, 1.5, 3.7e200, 1e-160,
         5e-324, -5e-324, 600.3, 172.01428571428573]  # V8: 600.3 ** -1 is an ulp off 1 / 600.3
EXPONENTS = [0.5, -1.0, 2.0, 0.0, -0.0, 1.0, -2.0, 3.0, -0.5, 1 / 3, NAN, INF, -INF]
INT_BASES = [-3, -1, 0, 1, 2, 7]
INT_EXPONENTS = [0, 1, 2, 3, -1, -2]
FLOAT_EXPONENTS_ON_INTS = [0.5, -1.5, 2.5]


def floats(a):
    return [encode(x) for x in np.ravel(a)]


def same(p, q):
    """Equal bit for bit, NaNs alike."""
    return all((x == y and np.signbit(x) == np.signbit(y)) or (np.isnan(x) and np.isnan(y))
               for x, y in zip(np.ravel(p), np.ravel(q)))


def float_cases():
    a = np.array(BASES)
    cases = []
    for e in EXPONENTS:
        scalar = a ** e
        assert same(scalar, np.power(a, e)), e
        assert same(scalar, [np.array(x) ** e for x in BASES]), e
        array = np.power(a, np.full(a.shape, e))
        cases.append({"exponent": encode(e), "scalar": floats(scalar), "array": floats(array)})
    return cases


def int_case(dtype, bases, exponent, exponent_kind):
    a = np.array(bases, dtype=dtype)
    e = np.array(exponent, dtype=np.float64) if exponent_kind == "float64 0-d" else exponent
    case = {"dtype": dtype, "bases": bases, "exponent": exponent, "exponent_kind": exponent_kind}
    try:
        r = a ** e
    except ValueError as err:
        case["error"] = f"ValueError: {err}"
    else:
        case["result_dtype"] = str(r.dtype)
        values = [x.item() for x in np.ravel(r)]
        case["result"] = [encode(x) for x in values]
    return case


def int_cases():
    cases = []
    for dtype, bases in [("int64", INT_BASES), ("bool", [True, False])]:
        for e in INT_EXPONENTS:
            cases.append(int_case(dtype, bases, e, "number"))
        for e in FLOAT_EXPONENTS_ON_INTS:
            cases.append(int_case(dtype, bases, e, "number"))
        # A float64 0-d array holding an integer is a float exponent: no error.
        cases.append(int_case(dtype, bases, -1.0, "float64 0-d"))
    return cases


def main():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NumPy warns on overflow and NaN results
        fixture = {
            "numpy_version": np.__version__,
            "bases": [encode(x) for x in BASES],
            "float": float_cases(),
            "int": int_cases(),
        }
    OUT.write_text(json.dumps(fixture, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
