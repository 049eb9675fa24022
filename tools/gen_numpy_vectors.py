"""Generate tests/fixtures/numpy_vectors.json: NumPy 2.4's printing, broadcasting results, dtype
promotion and broadcast error texts, which tests/ndarray_test.ts and tests/format_test.ts check
the NumPy stand-in against.

Every expected value comes from NumPy: `str(array)`, the results of np.add, np.subtract,
np.multiply, np.divide, np.power, np.negative, np.exp and np.square, result dtypes, and the
ValueError text of shapes that do not broadcast. The random operands come from NumPy's
default_rng with fixed seeds, so a rerun writes the same file (byte for byte with NumPy 2.4.6).

NumPy's AVX-512 code is switched off (NPY_DISABLE_CPU_FEATURES, read when NumPy loads): its
`power` differs from the C library's pow in the last bit for some inputs, and the committed
fixture holds the portable results, the ones NumPy gives on a machine without AVX-512.

    python3 tools/gen_numpy_vectors.py
"""

import json
import math
import os
from pathlib import Path

os.environ["NPY_DISABLE_CPU_FEATURES"] = "X86_V4 AVX512_ICL"

import numpy as np  # noqa: E402 (after the environment variable it reads)

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "numpy_vectors.json"

NAN = float("nan")
INF = float("inf")

# (values, dtype, note) for the printing cases; nested lists give the shape.
FLOATS_0D = [1.0, 2.0, 0.5, -2.0, 3.297442541400256, 3.2974426293330694, 4.000000000004,
             0.1 + 0.2, 1e-05, 1e16, 123456789.0, 1.5e-10, -0.0, NAN, INF, -INF,
             0.040000000000000036, -5376.0, 8064.0, 1.648721270700128, 100.0, 1e15, 1e17,
             0.00025]
INTS_0D = [0, 1, 5, 100, -3, 123456789]


def str_cases():
    """The printing cases: (array, note)."""
    f = np.float64
    cases = [(np.array(v, dtype=f), "0-d float") for v in FLOATS_0D]
    cases += [(np.array(v, dtype=np.int64), "0-d int") for v in INTS_0D]
    cases.append((np.array(True), "0-d bool"))
    for values in [[1.0, 2.0, 3.0], [0.5, 1.25, -3.0], [3.297442541400256], [1e-05, 1.0],
                   [1e-05, 1e5], [1.0, NAN, INF], [0.1, 0.2, 0.1 + 0.2], [-1.5, 2.25, 1000.0],
                   [1e8, 1.0], [123456.789, 0.001], [0.0, -0.0]]:
        cases.append((np.array(values, dtype=f), "1-d float"))
    cases += [
        (np.array([1, 2, 3], dtype=np.int64), "1-d int"),
        (np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int64), "2-d int (step 19)"),
        (np.array([[-1, 20, 3], [4, -500, 6]], dtype=np.int64), "2-d int, widths"),
        (np.array([True, False]), "1-d bool"),
        (np.array([[1.0, 2.5], [-3.0, 4.0]]), "2-d float"),
        (np.arange(24, dtype=f).reshape(2, 3, 4), "3-d float"),
        (np.arange(24, dtype=np.int64).reshape(2, 3, 4), "3-d int"),
        (np.arange(30, dtype=f), "1-d wraps at 75 chars"),
        (np.arange(30, dtype=f) / 7, "1-d wraps, precision 8"),
        (np.arange(1001, dtype=f), "summarized > 1000"),
        (np.ones(10000), "summarized ones (step 17 size)"),
        (np.arange(2000, dtype=np.int64).reshape(40, 50), "2-d summarized int"),
        (np.array([], dtype=f), "empty"),
        (np.zeros((2, 0)), "empty 2-d"),
        (np.array([[1e-05, 1.0], [2.0, 3.0]]), "2-d scientific"),
    ]
    rng = np.random.default_rng(7)
    cases += [
        (rng.random((3, 4)), "2-d random"),
        (rng.standard_normal((2, 2, 3)), "3-d randn"),
        (rng.standard_normal(12) * 1000, "1-d wide randn"),
    ]
    return cases


def element(x, dtype):
    """JSON value for one element: NaN and infinities are not valid JSON numbers."""
    if dtype == np.bool_:
        return bool(x)
    if np.issubdtype(dtype, np.integer):
        return int(x)
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def data(a):
    return [element(x, a.dtype) for x in np.ravel(a)]


def case(a, note=""):
    return {"dtype": str(a.dtype), "shape": list(a.shape), "data": data(a), "str": str(a),
            "note": note}


BINARY = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply,
          "divide": np.divide, "power": np.power}
UNARY = {"negative": np.negative, "exp": np.exp, "square": np.square}
BROADCAST_SHAPES = [((), ()), ((3,), ()), ((), (3,)), ((2, 3), (3,)), ((2, 1), (1, 3)),
                    ((4, 1, 2), (3, 1)), ((2, 3), (2, 3)), ((1,), (5,))]


def broadcast_cases():
    rng = np.random.default_rng(11)
    cases = []
    for a_shape, b_shape in BROADCAST_SHAPES:
        # Operands in [0.5, 1.5), so that division and power stay tame.
        a = rng.random(a_shape) + 0.5
        b = rng.random(b_shape) + 0.5
        results = {}
        for name, f in BINARY.items():
            r = f(a, b)
            results[name] = {"shape": list(r.shape), "data": data(r)}
        cases.append({"a": case(a), "b": case(b), "results": results})
    x = rng.uniform(-2, 2, (2, 3))
    cases.append({"unary": case(x), "results": {name: data(f(x)) for name, f in UNARY.items()}})
    return cases


def error_cases():
    cases = []
    for a_shape, b_shape in [((2, 3), (4,)), ((3,), (4,))]:
        try:
            np.add(np.ones(a_shape), np.ones(b_shape))
        except ValueError as e:
            cases.append({"a_shape": list(a_shape), "b_shape": list(b_shape), "message": str(e)})
        else:
            raise AssertionError(f"{a_shape} and {b_shape} broadcast")
    return cases


def promotion_cases():
    i = np.int64
    pairs = [(np.array(2, dtype=i), np.array(3, dtype=i), "add"),
             (np.array(2, dtype=i), np.array(3, dtype=i), "divide"),
             (np.array(2, dtype=i), 2.5, "multiply"),
             (np.array(10, dtype=i), np.array(2, dtype=i), "power"),
             (np.array([1, 2], dtype=i), np.array(1.0), "add"),
             (np.array(3, dtype=i), 2, "power")]
    cases = []
    for a, b, op in pairs:
        r = np.asarray(BINARY[op](a, b))
        cases.append({"a": case(a), "b": b if isinstance(b, (int, float)) else case(b), "op": op,
                      "result_dtype": str(r.dtype), "result_str": str(r)})
    return cases


def main():
    fixture = {
        "numpy_version": np.__version__,
        "print_options": "numpy defaults (precision=8, threshold=1000, edgeitems=3, linewidth=75)",
        "str": [case(a, note) for a, note in str_cases()],
        "ops": {
            "broadcast": broadcast_cases(),
            "errors": error_cases(),
            "dtype_promotion": promotion_cases(),
        },
    }
    OUT.write_text(json.dumps(fixture, indent=1))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
