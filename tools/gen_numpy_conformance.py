"""Generate tests/fixtures/numpy_conformance.json: NumPy 2.4's answers for the NumPy stand-in.

tests/np_conformance_test.ts replays every case through dezero/np/ and compares the result
(dtype, shape, elements, `str()`) or the error (its Python type and NumPy's message) with what
NumPy gave here.

    python3 tools/gen_numpy_conformance.py        # rewrite the committed fixture

Reproducible: the random values come from fixed seeds, and the big arrays are not stored but
rebuilt on both sides from a small integer hash (`hash_values`, mirrored in the test). The math
functions' float64 and float32 results depend on the CPU's SIMD paths that NumPy picks, so on
another machine a few of those bits (compared within ulp bounds, not exactly) may change.

A case is `{"op", "args", "kw"?, "out" | "err", "cmp"?, "note"?}`. Arguments are encoded so that
JavaScript reads back the same Python values: a JSON number is a Python int when it is
integer-valued and a Python float otherwise (JavaScript cannot tell `1` from `1.0`, so no
integer-valued Python float is ever passed), `{"num": "nan"}` for non-finite numbers, `null` for
None (np.newaxis), `{"arr": ...}` for an array, `{"slice": [start, stop, step]}`,
`{"ellipsis": true}`, `{"bool": b}`. `cmp` relaxes the exact comparison where NumPy's bits
are not promised ("ulp:N", "rel:R", "measure:NAME"); `note` names a documented difference
of the stand-in, which the test asserts instead of NumPy's result.
"""

import base64
import json
import math
import operator
import warnings
from pathlib import Path

import numpy as np

from _json_values import encode

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "numpy_conformance.json"

DTYPES = ["float64", "float32", "int64", "uint8", "bool"]
CASES = {}

# ---------------------------------------------------------------------------------------------
# Big arrays, rebuilt from a hash on both sides (tests/np_conformance_test.ts has the same code)

M32 = np.uint64(0xFFFFFFFF)


def mix32(x):
    """murmur3's 32-bit finaliser on uint64 arrays holding 32-bit values."""
    x = x & M32
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x85EBCA6B)) & M32
    x ^= x >> np.uint64(13)
    x = (x * np.uint64(0xC2B2AE35)) & M32
    x ^= x >> np.uint64(16)
    return x


def hash_values(spec):
    """The elements of a {"gen": ...} array: floats in ±[2^-8, 2^8) with full 53-bit mantissas,
    times `scale` (their magnitudes with `abs`); or with `int: [lo, m]`, the integers lo + h % m.
    Every step is exact or one IEEE double operation, so JavaScript gets the same bits."""
    n = int(np.prod(spec["shape"], dtype=np.int64))
    base = (spec["seed"] * 0x9E3779B9) & 0xFFFFFFFF
    i = np.arange(n, dtype=np.uint64)
    h1 = mix32(np.uint64(base) + np.uint64(2) * i)
    h2 = mix32(np.uint64(base) + np.uint64(2) * i + np.uint64(1))
    if "int" in spec:
        lo, m = spec["int"]
        values = (h1 % np.uint64(m)).astype(np.float64) + float(lo)
    else:
        u = ((h1 >> np.uint64(5)).astype(np.float64) * 67108864.0
             + (h2 >> np.uint64(6)).astype(np.float64)) / 9007199254740992.0
        e = (h1 & np.uint64(15)).astype(np.float64) - 8.0
        values = (2.0 * u - 1.0) * np.exp2(e) * spec.get("scale", 1.0)
        if spec.get("abs"):
            values = np.abs(values)
    return values.astype(spec["dtype"]).reshape(spec["shape"])


def gen(shape, dtype, seed, scale=None, ints=None):
    spec = {"shape": list(shape), "dtype": dtype, "seed": seed}
    if scale is not None:
        spec["scale"] = scale
    if ints is not None:
        spec["int"] = list(ints)
    return Gen(spec)


class Gen:
    """An argument stored as its hash spec."""

    def __init__(self, spec):
        self.spec = spec


class Ellipsis_:
    pass


ELLIPSIS = Ellipsis_()


class Sl:
    """A Python slice as an argument (kept apart from Python's slice, which JSON cannot hold)."""

    def __init__(self, start=None, stop=None, step=None):
        self.parts = [start, stop, step]


# ---------------------------------------------------------------------------------------------
# Encoding and decoding of arguments and results


def enc_number(x):
    if isinstance(x, float):
        if math.isnan(x) or math.isinf(x):
            return {"num": encode(x)}
        assert not (x.is_integer() and not (x == 0 and math.copysign(1, x) < 0)), (
            f"{x!r}: an integer-valued Python float reads back in JavaScript as an int"
        )
    return x


def enc_array(a):
    a = np.asarray(a)
    out = {"dtype": str(a.dtype), "shape": list(a.shape)}
    if a.size > 256 and a.dtype in (np.float64, np.float32):
        out["b64"] = base64.b64encode(np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<"))
                                      .tobytes()).decode()
    else:
        out["data"] = [encode(x) for x in a.ravel()]
    return out


def enc(v):
    if isinstance(v, Gen):
        return {"gen": v.spec}
    if isinstance(v, np.ndarray):
        return {"arr": enc_array(v)}
    if isinstance(v, Sl):
        return {"slice": v.parts}
    if v is ELLIPSIS:
        return {"ellipsis": True}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, (int, float)):
        return enc_number(v)
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, dict):
        return {"kw": {k: enc(x) for k, x in v.items()}}
    raise TypeError(f"cannot encode {v!r}")


def dec_array(d):
    if "b64" in d:
        raw = base64.b64decode(d["b64"])
        return np.frombuffer(raw, dtype=np.dtype(d["dtype"]).newbyteorder("<")).astype(
            d["dtype"]).reshape(d["shape"])
    special = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
    data = [special.get(x, x) if isinstance(x, str) else x for x in d["data"]]
    return np.array(data, dtype=d["dtype"]).reshape(d["shape"])


def dec(v):
    """The Python value an encoded argument stands for (what the TS test builds from it)."""
    if isinstance(v, list):
        return [dec(x) for x in v]
    if isinstance(v, dict):
        if "gen" in v:
            return hash_values(v["gen"])
        if "arr" in v:
            return dec_array(v["arr"])
        if "num" in v:
            return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[v["num"]]
        if "slice" in v:
            return slice(*v["slice"])
        if "ellipsis" in v:
            return Ellipsis
        if "bool" in v:
            return v["bool"]
        if "kw" in v:
            return {k: dec(x) for k, x in v["kw"].items()}
    return v


KNOWN_ERRORS = ["OverflowError", "AxisError", "IndexError", "ValueError", "TypeError",
                "ZeroDivisionError"]


def error_type(e):
    """The first of the exception's classes that the stand-in has a name for."""
    for cls in type(e).__mro__:
        if cls.__name__ in KNOWN_ERRORS:
            return cls.__name__
    raise AssertionError(f"unexpected exception {type(e).__name__}: {e}")


# ---------------------------------------------------------------------------------------------
# The operations, as the test calls them (its OPS table mirrors this one)


def inplace(fn):
    def run(a, b):
        return fn(a, b)  # operator.iadd & co. write into `a` (a fresh array) and return it
    return run


def setitem(a, index, value):
    a[tuple(index)] = value
    return a


def add_at(a, index, b):
    np.add.at(a, tuple(index) if len(index) > 1 else index[0], b)
    return a


def fill(a, value):
    a.fill(value)
    return a


def transpose(a, axes=None):
    return np.transpose(a) if axes is None else np.transpose(a, axes)


def as_tuple(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def tuple_axis(kw):
    return {k: as_tuple(v) if k == "axis" else v for k, v in kw.items()}


PY_OPS = {
    # ufuncs, as functions and as methods (the methods have a fast path for float64 scalars)
    **{name: getattr(np, name) for name in [
        "add", "subtract", "multiply", "divide", "power", "maximum", "minimum", "greater",
        "greater_equal", "less", "less_equal", "equal", "not_equal", "negative", "abs", "square",
        "exp", "log", "sqrt", "sin", "cos", "tanh", "clip", "where"]},
    "m.add": operator.add,
    "m.sub": operator.sub,
    "m.mul": operator.mul,
    "m.div": operator.truediv,
    "m.pow": operator.pow,
    "m.neg": operator.neg,
    "m.gt": operator.gt,
    "m.ge": operator.ge,
    "m.lt": operator.lt,
    "m.le": operator.le,
    "m.eq": operator.eq,
    "m.ne": operator.ne,
    "iadd": inplace(operator.iadd),
    "isub": inplace(operator.isub),
    "imul": inplace(operator.imul),
    "idiv": inplace(operator.itruediv),
    # reductions (a list of axes is the stand-in's tuple)
    "sum": lambda a, **kw: np.sum(a, **tuple_axis(kw)),
    "mean": lambda a, **kw: np.mean(a, **tuple_axis(kw)),
    "max": lambda a, **kw: np.max(a, **tuple_axis(kw)),
    "min": lambda a, **kw: np.min(a, **tuple_axis(kw)),
    "argmax": lambda a, **kw: np.argmax(a, **tuple_axis(kw)),
    "argmin": lambda a, **kw: np.argmin(a, **tuple_axis(kw)),
    # manipulation
    "reshape": lambda a, shape: np.reshape(a, shape),
    "transpose": transpose,
    "swapaxes": np.swapaxes,
    "flatten": lambda a: a.flatten(),
    "ravel": np.ravel,
    "squeeze": lambda a, axis=None: np.squeeze(a, as_tuple(axis)),
    "expand_dims": lambda a, axis: np.expand_dims(a, as_tuple(axis)),
    "broadcast_to": np.broadcast_to,
    "pad": lambda a, width, value=0: np.pad(a, width, constant_values=value),
    "concatenate": lambda arrays, axis=0: np.concatenate(arrays, axis=axis),
    # linalg
    "matmul": np.matmul,
    "dot": np.dot,
    "tensordot": lambda a, b, axes=2: np.tensordot(a, b, axes),
    # indexing
    "get": lambda a, *index: a[tuple(index)],
    "set": setitem,
    "add_at": add_at,
    # creation
    "array": lambda value, dtype=None: np.array(value, dtype=dtype),
    "zeros": np.zeros,
    "ones": np.ones,
    "full": lambda shape, value, dtype=None: np.full(shape, value, dtype=dtype),
    "arange": lambda *args, dtype=None: np.arange(*args, dtype=dtype),
    "linspace": np.linspace,
    "eye": lambda n, M=None, k=0, dtype=float: np.eye(n, M, k, dtype=dtype),
    "astype": lambda a, dtype: a.astype(dtype),
    "fill": fill,
    "zeros_like": np.zeros_like,
    "ones_like": np.ones_like,
    "allclose": np.allclose,
    "array_equal": np.array_equal,
    "id": lambda a: a,
}


def enc_result(r):
    r = np.asarray(r)
    out = enc_array(r)
    out["str"] = str(r)
    return out


def case(group, op, *args, cmp=None, note=None, printed=True, **kw):
    if op in ("power", "m.pow") and cmp is None:
        cmp = "ulp:1"  # C's pow (powf) against V8's **, neither always correctly rounded
    enc_args = [enc(a) for a in args]
    enc_kw = {k: enc(v) for k, v in kw.items()}
    py_args = [dec(a) for a in enc_args]
    py_kw = {k: dec(v) for k, v in enc_kw.items()}
    c = {"op": op, "args": enc_args}
    if enc_kw:
        c["kw"] = enc_kw
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            r = PY_OPS[op](*py_args, **py_kw)
        except Exception as e:  # noqa: BLE001 - NumPy's exception is the expected value
            c["err"] = {"type": error_type(e), "msg": str(e)}
        else:
            c["out"] = enc_result(r)
            if op == "id":
                del c["out"]["data" if "data" in c["out"] else "b64"]  # the input's own elements
            elif cmp or np.size(r) > 64 or not printed:
                del c["out"]["str"]  # inexact elements print differently; big ones: see "print"
    warned = " ".join(str(w.message) for w in caught)
    note = note or auto_note(op, py_args, c, warned)
    if note:
        c["note"] = note
    if cmp:
        c["cmp"] = cmp
    CASES.setdefault(group, []).append(c)
    return c


UFUNCS = {"add", "subtract", "multiply", "divide", "power", "maximum", "minimum", "greater",
          "greater_equal", "less", "less_equal", "equal", "not_equal", "negative", "abs",
          "square", "exp", "log", "sqrt", "sin", "cos", "tanh", "clip", "where"}


def auto_note(op, args, c, warned):
    """The documented difference a case runs into, if any (see the test's NOTES)."""
    if "invalid value encountered in cast" in warned:
        return "cast"
    if op == "astype" and np.issubdtype(np.dtype(args[1]), np.integer) and \
            np.issubdtype(args[0].dtype, np.floating):
        info = np.iinfo(args[1])
        t = np.trunc(args[0][np.isfinite(args[0])])
        if t.size and (t.min() < info.min or t.max() > info.max):
            return "cast"
    out = c.get("out")
    if out is not None:
        operands = args[1:] if op == "where" else args
        if op in UFUNCS and out["dtype"] == "int64" and all(
                isinstance(a, int) and not isinstance(a, bool) for a in operands):
            return "js-number"  # numbers alone: Python ints give int64
        if out["dtype"] == "float16":
            return "float16"
        if out["dtype"] == "int8":
            return "int8"
        if out["dtype"] == "uint64":
            return "uint64"
        if out["dtype"] in ("int64",) and any(
                isinstance(x, int) and abs(x) > 2**53 - 1 for x in out.get("data", [])):
            return "int64-range"
    return None


# ---------------------------------------------------------------------------------------------
# Helpers for values

RNG = np.random.default_rng(20240601)


def arr(values, dtype):
    return np.array(values, dtype=dtype)


def rand(shape, dtype, rng=RNG):
    """Small random arrays of each dtype: floats with full mantissas, small ints, bools."""
    return np.asarray(_rand(shape, dtype, rng))


def _rand(shape, dtype, rng):
    if dtype in ("float64", "float32"):
        return rng.standard_normal(shape).astype(dtype)
    if dtype == "int64":
        return rng.integers(-9, 10, shape).astype(dtype)
    if dtype == "uint8":
        return rng.integers(0, 256, shape).astype(dtype)
    return rng.integers(0, 2, shape).astype(bool)


def small(shape, dtype, rng=RNG):
    """Random arrays with short values (halves and small ints), for dtype and shape cases."""
    if dtype in ("float64", "float32"):
        return np.asarray((rng.integers(-8, 9, shape) / 2).astype(dtype))
    return rand(shape, dtype, rng)


# ---------------------------------------------------------------------------------------------
# Printing


def f32(x):
    return float(np.float32(x))


def float32_ratio_edges():
    """float32 pairs whose max / min is above 1000 in double arithmetic but exactly 1000 in
    float32 arithmetic (and the other way round): NumPy decides between positional and
    scientific notation in the array's own dtype."""
    found = []
    for lo in [0.001, 0.003, 0.07, 1.1, 3.3, 7.7, 13.0, 0.37]:
        m = np.float32(lo)
        big = np.float32(np.float64(m) * 1000.0)
        for step in range(-3, 4):
            hi = np.nextafter(big, np.float32(np.inf)) if step > 0 else big
            for _ in range(abs(step)):
                hi = np.nextafter(hi, np.float32(np.inf) if step > 0 else np.float32(0))
            double_says = float(hi) / float(m) > 1000.0
            float_says = bool(hi / m > np.float32(1000.0))
            if double_says != float_says:
                found.append([float(m), float(hi)])
    return found[:6]


def printing():
    g = "print"
    f64_lists = [
        [0.1, 0.2, 0.3], [1e-5, 1.0], [1e8], [99999999.0], [1e7, 1.5], [0.0001, 1.0],
        [0.00011, 1.0], [1.0, 1000.0], [1.0, 1000.5], [1.0, 1001.0], [math.nan, 1.5, -math.inf],
        [math.nan], [math.inf, -math.inf], [math.nan, 1e-5], [-0.0, 0.0], [-0.0], [1 / 3, 2 / 3],
        [123456789.123], [1e16], [5e-324, 1.0], [1.7976931348623157e308, 1.0], [0.5, 1.25, -3.0],
        [1e-300, 1e300], [-1e-7, 2.5e-7], [12345.678901234, 0.1],
    ]
    f32_lists = [
        [0.1, 0.2, 0.3], [f32(1e-4)], [f32(1e-4), 1.0], [float(np.nextafter(np.float32(1e-4),
                                                                           np.float32(1)))],
        [999999.94], [1e6], [16777217.0], [3.4028234663852886e38], [1e-45], [1.0, 1000.0],
        [1 / 3], [math.nan, 0.1], [-0.0, 1.5], [0.1, 100000.0], [12345.678, 0.5],
        [1e-7, 1.0], [123456.79], [1234567.9], [16.0, 2**-12, 65536.0], [2**-12],
        [0.0234375, 1.0], [2**-20, 0.5], [73788.96875, 75944.0625, -11760747.0],
        [1402605.625, -108916328.0],
    ] + float32_ratio_edges()
    for values in f64_lists:
        case(g, "id", arr(values, "float64"))
    for values in f32_lists:
        case(g, "id", arr(values, "float32"))
    scalars = [1e16, 9999999999999998.0, 1e-5, 0.0001, 123456789.0, 0.1 + 0.2, -0.0, math.nan,
               math.inf, -math.inf, 5e-324, 1e22, 1.5e300, 1e6, 999999.9, 1e15, 0.5]
    f32_scalars = [0.1, 1 / 3, f32(1e-4), float(np.nextafter(np.float32(1e-4), np.float32(1))),
                   1e-5, 999999.94, 1e6, 1e7, 16777216.0, 1e15, 1e16, 1e17, 3.4028234663852886e38,
                   1e-45, -0.0, math.nan, -math.inf, 123456.79, 1234567.9, 0.5, 100.0,
                   2**-12, 2**-20, 2.0**-149 * 3]
    for v in scalars:
        case(g, "id", arr(v, "float64"))
    for v in f32_scalars:
        case(g, "id", arr(v, "float32"))
    for values, dtype in [
        ([[1, -2], [300, 4]], "int64"), ([0], "int64"), (5, "int64"), (-7, "int64"),
        ([2**53 - 1, -(2**53 - 1)], "int64"), (list(range(10**9, 10**9 + 40)), "int64"),
        ([[100 + i + 25 * j for i in range(25)] for j in range(3)], "int64"),
        ([0, 255, 7], "uint8"), (200, "uint8"), ([[1, 2], [30, 4]], "uint8"),
        (list(range(0, 250, 7)), "uint8"), ([True, False], "bool"), (True, "bool"),
        (False, "bool"), ([[True, False, True], [False, False, True]], "bool"),
        ([[[True], [False]], [[False], [True]]], "bool"), ([i % 3 == 0 for i in range(30)], "bool"),
    ]:
        case(g, "id", arr(values, dtype))
    for dtype in DTYPES:
        for shape in [(0,), (2, 0), (0, 3), (1, 0, 2)]:
            case(g, "id", np.zeros(shape, dtype))
        case(g, "id", small((2, 3, 4), dtype))
        case(g, "id", rand((3, 1, 2), dtype))
        case(g, "id", rand((20,), dtype))
    # Summarised: more than 1000 elements.
    for shape, dtype, seed, extra in [
        ((1001,), "float64", 1, {}), ((40, 30), "float32", 2, {}), ((11, 10, 10), "float64", 3, {}),
        ((3, 1000), "float64", 4, {"scale": 1e-6}), ((2, 3, 200), "float32", 5, {"scale": 1000.0}),
        ((2000,), "int64", 6, {"ints": (-500, 1000)}), ((20, 60), "uint8", 7, {"ints": (0, 256)}),
        ((1001,), "bool", 8, {"ints": (0, 2)}), ((7, 7, 7, 7), "int64", 9, {"ints": (0, 10)}),
        ((1001, 1), "float32", 10, {}), ((1, 1001), "float64", 11, {"scale": 1e5}),
    ]:
        case(g, "id", gen(shape, dtype, seed, **extra))


# ---------------------------------------------------------------------------------------------
# Promotion (NEP 50) and the ufuncs' dtypes

BINARY = ["add", "subtract", "multiply", "divide", "power", "maximum", "minimum", "greater",
          "greater_equal", "less", "less_equal", "equal", "not_equal"]

X23 = {
    "float64": [[0.5, -1.5, 2.0], [-0.0, 4.0, 3.25]],
    "float32": [[0.5, -1.5, 2.0], [-0.0, 4.0, 3.25]],
    "int64": [[3, -2, 0], [7, 1, -5]],
    "uint8": [[3, 250, 0], [7, 1, 16]],
    "bool": [[True, False, True], [False, False, True]],
}
Y3 = {
    "float64": [1.5, -2.0, 0.25],
    "float32": [1.5, -2.0, 0.25],
    "int64": [2, 3, 4],
    "uint8": [2, 9, 200],
    "bool": [True, False, False],
}


def promotion():
    g = "promotion"
    # Comparisons print as bools, whatever the dtypes: their str is left out to save room.
    for name in BINARY:
        for d1 in DTYPES:
            for d2 in DTYPES:
                case(g, name, arr(X23[d1], d1), arr(Y3[d2], d2), printed=name in BINARY[:7])
    # Weak Python scalars on either side.
    for name in BINARY:
        for d in DTYPES:
            x = arr(X23[d][0], d)
            for s in [3, -1, 256, 0.5, math.nan, -0.0, -math.inf]:
                case(g, name, x, s, printed=name in BINARY[:7])
                if name in ["subtract", "divide", "power", "less", "greater_equal"]:
                    case(g, name, s, x, printed=name in BINARY[:7])
    # 0-d arrays are strong.
    for name in ["add", "multiply", "less"]:
        for d1 in DTYPES:
            for d2 in DTYPES:
                case(g, name, arr(X23[d1][0][0], d1), arr(Y3[d2], d2))
    # Numbers alone.
    for name in ["add", "multiply", "divide", "power", "maximum", "greater"]:
        for x, y in [(1, 2), (1.5, 2), (3, 0.5)]:
            case(g, name, x, y)
    for name in ["negative", "abs", "square", "exp", "sqrt"]:
        case(g, name, 3)
        case(g, name, 2.25)
    g = "overflow"
    for s in [255, 256, -1, 1000, -256]:
        for name in ["add", "subtract", "multiply", "maximum", "equal", "less", "greater"]:
            case(g, name, arr([1, 200], "uint8"), s)
    for s in [2**53, -(2**53), 2**60]:
        case(g, "add", arr([1, 2], "int64"), s)
    case(g, "add", arr([2**52], "int64"), arr([2**52], "int64"))
    case(g, "multiply", arr([2**30], "int64"), 2**30)
    case(g, "add", arr([1.0], "float32"), 2**128)
    case(g, "multiply", arr([3.0e38], "float32"), 10)
    case(g, "add", arr([250], "uint8"), 10)
    case(g, "subtract", arr([3], "uint8"), 5)
    case(g, "multiply", arr([20, 16], "uint8"), arr([20, 17], "uint8"))
    case(g, "subtract", arr([3], "uint8"), arr([5], "uint8"))


# ---------------------------------------------------------------------------------------------
# Ufunc values


def ufuncs():
    g = "arith-bits"
    for dtype in ["float64", "float32"]:
        for name in ["add", "subtract", "multiply", "divide"]:
            for sa, sb in [((3, 4), (3, 4)), ((2, 1, 4), (3, 4)), ((2, 3), ()), ((), (2, 3)),
                           ((), ()), ((0, 3), (3,)), ((2, 0), (2, 1)), ((3, 1), (1, 4))]:
                case(g, name, rand(sa, dtype), rand(sb, dtype))
            case(g, name, rand((3,), dtype), 0.1)
            case(g, name, 0.1, rand((3,), dtype))
            case(g, name, rand((), dtype), 0.7)
        for name in ["m.add", "m.sub", "m.mul", "m.div", "m.pow"]:
            for b in [0.1, 3, rand((), dtype), rand((), "float64"), rand((2,), dtype),
                      rand((), "int64")]:
                case(g, name, rand((), dtype), b, cmp="ulp:1" if name == "m.pow" else None)
    for dtype in DTYPES:
        case(g, "m.neg", small((2, 2), dtype))
        case(g, "m.neg", small((), dtype))
    g = "broadcast-errors"
    for sa, sb in [((2, 3), (2,)), ((2, 3), (3, 2)), ((4, 1, 3), (2, 2)), ((0,), (2,))]:
        for name in ["add", "less", "maximum"]:
            case(g, name, np.zeros(sa), np.ones(sb))
    g = "zero-division"
    for d in DTYPES:
        case(g, "divide", arr([1, 0, 2], d), arr([0, 0, 1], d) if d != "bool" else
             arr([False, False, True], d))
    case(g, "divide", arr([1.0, -1.0, 0.0], "float32"), 0)
    case(g, "divide", arr([1.0, -1.0, 0.0], "float64"), -0.0)
    g = "power"
    for base, dtype in [([0, 1, 2, 3, -2], "int64"), ([0, 1, 2, 3, 20], "uint8"),
                        ([0.5, 2.0, -2.0, 0.0, -0.0], "float64"),
                        ([0.5, 2.0, -2.0, 0.0, -0.0], "float32"), ([True, False], "bool")]:
        for e in [0, 1, 2, 3, 9, 0.5, -1, -0.5, 2.5, math.inf, math.nan]:
            case(g, "power", arr(base, dtype), e, cmp="ulp:1")
    case(g, "power", arr([2, 3], "int64"), arr([3, -1], "int64"))
    case(g, "power", arr([2, 3], "int64"), arr([3, -1, 2], "int64"))
    case(g, "power", np.zeros((0, 2), "int64"), arr([3, -1], "int64"))
    case(g, "power", arr([2, 3], "uint8"), arr([7, 5], "uint8"))
    case(g, "power", arr([2, 3], "uint8"), arr([9, 200], "uint8"))
    case(g, "power", arr([True, False], "bool"), arr([True, True], "bool"))
    case(g, "power", arr([1.0, -1.0, 1.0], "float64"),
         arr([math.nan, math.inf, -math.inf], "float64"))
    case(g, "power", arr([0.0, -0.0, -8.0, -2.0], "float64"),
         arr([-1.0, -1.0, 1 / 3, 0.5], "float64"))
    case(g, "power", arr([0.0, -0.0, -8.0, -2.0], "float32"), -1)
    case(g, "power", 2, arr([1, 2, 3], "int64"))
    case(g, "power", 0.5, arr([1, 2, 3], "int64"))
    case(g, "power", rand((3, 4), "float64"), rand((4,), "float64") * 0 + 1.5, cmp="ulp:1")
    case(g, "power", np.abs(rand((6,), "float64")), rand((6,), "float64"), cmp="ulp:1")
    g = "unary"
    values = {
        "float64": [[-2.5, -0.0, 0.0], [0.5, 1.0, math.nan], [math.inf, -math.inf, 3.0]],
        "float32": [[-2.5, -0.0, 0.0], [0.5, 1.0, math.nan], [math.inf, -math.inf, 3.0]],
        "int64": [[-3, 0, 1], [2, 9, -7]],
        "uint8": [[0, 1, 2], [16, 200, 255]],
        "bool": [[True, False], [False, True]],
    }
    for name in ["negative", "abs", "square", "exp", "log", "sqrt", "sin", "cos", "tanh"]:
        for d in DTYPES:
            for shape in [None, ()]:
                x = arr(values[d], d) if shape is None else arr(values[d][1][0], d)
                cmp = None if name in ["negative", "abs", "square", "sqrt"] else "ulp:1"
                case(g, name, x, cmp=cmp)
        case(g, name, np.zeros((0, 2)))
    g = "math-ulps"
    for name, scale, absolute in [("exp", 0.3, False), ("log", 40.0, True), ("sqrt", 40.0, True),
                                  ("sin", 0.1, False), ("cos", 0.1, False), ("tanh", 0.05, False)]:
        for dtype, n, seed in [("float64", 512, 30), ("float32", 2048, 31)]:
            spec = gen((n,), dtype, seed, scale=scale)
            if absolute:
                spec.spec["abs"] = True
            case(g, name, spec, cmp=f"measure:{name}/{dtype}")
    g = "max-min"
    a = [math.nan, 1.0, -0.0, 0.0, math.nan, 2.0]
    b = [1.0, math.nan, 0.0, -0.0, math.nan, -1.0]
    for d in ["float64", "float32"]:
        for name in ["maximum", "minimum"]:
            case(g, name, arr(a, d), arr(b, d))
            case(g, name, arr(a, d), -0.0)
            case(g, name, arr(a, d), math.nan)
            case(g, name, arr(a, d), 0)
            case(g, name, arr(a[2], d), arr(b[2], d))
            case(g, name, arr(a * 4, d), arr(b * 4, d))  # long enough for SIMD loops
        for name in ["max", "min"]:
            case(g, name, arr(a, d))
            case(g, name, arr(a[1:4], d))
            case(g, name, arr(a[2:4], d))
            case(g, name, arr(a[2:4][::-1], d))
            case(g, name, arr([0.0] * 20 + [-0.0] * 20, d))
            case(g, name, arr([-0.0] * 20 + [0.0] * 20, d))
    g = "clip"
    x = arr([-2.0, 0.5, 3.0, math.nan], "float64")
    for lo, hi in [(0, 1), (1, 0), (0.25, 0.75), (math.nan, 1), (-math.inf, 0)]:
        case(g, "clip", x, lo, hi)
    case(g, "clip", arr([-2.0, 0.5, 3.0], "float32"), 0.1, 0.9)
    case(g, "clip", arr([-3, 0, 7], "int64"), 0, 5)
    case(g, "clip", arr([-3, 0, 7], "int64"), 0.5, 2.5)
    case(g, "clip", arr([1, 5, 200], "uint8"), -1, 300)
    case(g, "clip", arr([1, 5, 200], "uint8"), 2, 100)
    case(g, "clip", arr([1, 5, 200], "uint8"), -1, 3)
    case(g, "clip", arr([1, 5, 200], "uint8"), 300, 400)
    case(g, "clip", arr([1, 5, 200], "uint8"), -5, -1)
    case(g, "clip", arr([1, 5, 200], "uint8"), arr(-1, "int64"), 3)
    case(g, "clip", arr([1, 5, 200], "uint8"), 0.5, 300)
    case(g, "clip", arr([True, False], "bool"), 0, 0)
    case(g, "clip", rand((2, 3), "float64"), arr([-0.5, 0, 0.5], "float64"), 1)
    case(g, "clip", rand((2, 3), "float32"), arr([[-0.5], [0.0]], "float64"), arr(1, "float32"))
    case(g, "clip", rand((2,), "float64"), 0, arr([1, 2, 3], "int64"))
    case(g, "clip", arr([1, 200], "uint8"), 0, arr([1, 2, 3], "int64"))
    case(g, "clip", arr([1, 200], "uint8"), 0, arr([1, 2], "int64"))
    case(g, "clip", arr([1, 200], "uint8"), 0, 255)
    case(g, "clip", arr([1, 200], "uint8"), -0.0, 100)
    case(g, "clip", arr([1, 2], "int64"), -(2**63), 2**63)
    g = "where"
    c = arr([[True, False, True], [False, False, True]], "bool")
    for x, y in [(arr([1, 2, 3], "int64"), 0), (arr([1, 2, 3], "int64"), 0.5),
                 (arr([1, 2, 3], "float32"), 0.5), (arr([1, 2, 3], "float32"), arr(0, "int64")),
                 (arr([1, 2, 3], "uint8"), arr([7], "int64")), (1, 0), (1.5, 0),
                 (arr([True, False, True], "bool"), arr(False, "bool")),
                 (arr([[1.0], [2.0]], "float64"), arr([9.0, 8.0, 7.0], "float32"))]:
        case(g, "where", c, x, y)
    case(g, "where", c, arr([1, 2, 3], "uint8"), 300, note="where-wrap")
    case(g, "where", c, arr([1, 2, 3], "uint8"), -1, note="where-wrap")
    case(g, "where", arr([0.0, 2.0, math.nan], "float64"), 1, -1)
    case(g, "where", arr([0, 3], "int64"), arr([1, 2], "uint8"), arr([9, 9], "uint8"))
    case(g, "where", arr(True, "bool"), arr([1.0, 2.0], "float64"), 0)
    case(g, "where", np.zeros((0, 3), bool), arr([1.0, 2.0, 3.0], "float64"), 0)
    case(g, "where", c, arr([1.0, 2.0], "float64"), 0)
    g = "compare"
    for name in ["equal", "not_equal", "less", "greater_equal"]:
        case(g, name, arr([0.1, 0.2, 1.0], "float32"), 0.1)
        case(g, name, arr([0.1], "float32"), arr([0.1], "float64"))
        case(g, name, arr([1, 2, 3], "int64"), 1.5)
        case(g, name, arr([0, 1, 255], "uint8"), -1)
        case(g, name, arr([0, 1, 255], "uint8"), 300)
        case(g, name, arr([True, False], "bool"), 0.5)
        case(g, name, arr([True, False], "bool"), 1)
        case(g, name, arr([math.nan, 0.0, -0.0], "float64"), arr([math.nan, -0.0, 0.0], "float64"))
        case(g, name, arr([2**53 - 1], "int64"), arr([2**53 - 1], "float32"))
    for name in ["m.eq", "m.ne", "m.lt", "m.le", "m.gt", "m.ge"]:
        case(g, name, arr(0.1, "float32"), 0.1)
        case(g, name, arr([1.0, 2.0, math.nan], "float64"), 2)
    g = "inplace"
    for name in ["iadd", "isub", "imul", "idiv"]:
        for d1 in DTYPES:
            for d2 in DTYPES:
                case(g, name, arr(X23[d1], d1), arr(Y3[d2], d2))
            for s in [2, 0.5, 300, -1]:
                case(g, name, arr(X23[d1][0], d1), s)
            case(g, name, arr(X23[d1][0][1], d1), arr(Y3[d1][1], d1))  # 0-d in place
        case(g, name, np.ones(3), np.ones((2, 3)))
        case(g, name, arr(1.5, "float64"), np.ones((1,)))
        case(g, name, np.ones((2, 1)), np.ones((2, 3)))
        case(g, name, np.ones((2, 3), "float32"), rand((3,), "float64"))


# ---------------------------------------------------------------------------------------------
# Reductions


def reductions():
    g = "sum-bits"
    seed = 100
    for dtype in ["float64", "float32"]:
        for n in [1, 2, 7, 8, 9, 15, 16, 17, 127, 128, 129, 255, 256, 257, 1000, 1023, 8193]:
            seed += 1
            case(g, "sum", gen((n,), dtype, seed))
        for shape, kw in [
            ((100, 1), {}), ((1, 100), {}), ((7, 300), {"axis": 1}), ((300, 7), {"axis": 0}),
            ((300, 7), {}), ((7, 300), {"axis": 0}), ((7, 300), {}), ((4, 5, 6), {"axis": [0, 2]}),
            ((4, 5, 6), {"axis": [0, 1]}), ((4, 5, 6), {"axis": [1, 2]}),
            ((3, 4, 129), {"axis": -1}),
            ((3, 4, 129), {"axis": 1}), ((3, 4, 129), {"axis": [0, 1]}), ((129, 3, 2), {"axis": 0}),
            ((129, 3, 2), {"axis": [0, 2]}), ((2, 1, 300), {"axis": [0, 1]}),
            ((300, 1, 3), {"axis": 0, "keepdims": True}), ((5, 1, 200), {"axis": 2}),
            ((17, 9), {"axis": None}), ((2, 3, 1, 150), {"axis": [1, 3]}),
        ]:
            seed += 1
            case(g, "sum", gen(shape, dtype, seed), **kw)
            case(g, "mean", gen(shape, dtype, seed), **kw)
        for n in [7, 129, 1000]:
            seed += 1
            case(g, "mean", gen((n,), dtype, seed))
    for n in [9, 1000]:
        case(g, "sum", gen((n,), "int64", 150 + n, ints=(-1000, 2000)))
        case(g, "mean", gen((n,), "int64", 150 + n, ints=(-1000, 2000)))
        case(g, "mean", gen((n,), "uint8", 160 + n, ints=(0, 256)))
        case(g, "mean", gen((n, 3), "bool", 170 + n, ints=(0, 2)), axis=0)
    g = "reduce"
    for d in DTYPES:
        x = small((2, 3, 4), d)
        for kw in [{}, {"axis": 0}, {"axis": -1}, {"axis": [0, 2]},
                   {"axis": None, "keepdims": True},
                   {"axis": 1, "keepdims": True}, {"axis": [-1, 0], "keepdims": True}]:
            for name in ["sum", "mean", "max", "min"]:
                case(g, name, x, **kw)
        for kw in [{}, {"axis": 0}, {"axis": -1}, {"axis": 1, "keepdims": True},
                   {"axis": None, "keepdims": True}]:
            for name in ["argmax", "argmin"]:
                case(g, name, x, **kw)
        for name in ["sum", "mean", "max", "min", "argmax", "argmin"]:
            case(g, name, small((), d))
            case(g, name, small((), d), keepdims=True)
            case(g, name, small((5,), d), axis=0)
    for name in ["argmax", "argmin"]:
        case(g, name, arr([1.0, math.nan, 3.0, math.nan], "float64"))
        case(g, name, arr([[3, 1, 3], [1, 1, 0]], "int64"), axis=1)
        case(g, name, arr([[True, False], [True, True]], "bool"), axis=0)
        case(g, name, arr([-0.0, 0.0], "float64"))
    for name in ["max", "min"]:
        case(g, name, arr([1.0, math.nan, 3.0], "float32"))
        case(g, name, arr([[1.0, math.nan], [3.0, 2.0]], "float64"), axis=0)
    g = "reduce-empty"
    for name in ["sum", "mean", "max", "min", "argmax", "argmin"]:
        for d in ["float64", "int64"]:
            case(g, name, np.zeros((0,), d))
            case(g, name, np.zeros((0, 3), d), axis=0)
            case(g, name, np.zeros((0, 3), d), axis=1)
            case(g, name, np.zeros((2, 0), d), axis=1, keepdims=True)
    g = "reduce-errors"
    x = small((2, 3, 4), "float64")
    for name in ["sum", "mean", "max", "min", "argmax", "argmin"]:
        for axis in [3, -4, 1.5]:
            case(g, name, x, axis=axis)
        case(g, name, small((), "float64"), axis=0)
        case(g, name, small((), "float64"), axis=-1)
        case(g, name, small((), "float64"), axis=1)
        case(g, name, small((), "float64"), axis=-2)
    for name in ["sum", "mean", "max", "min"]:
        case(g, name, small((), "int64"), axis=[0])
        case(g, name, small((), "int64"), axis=0, keepdims=True)
        case(g, name, x, axis=[0, 0])
        case(g, name, x, axis=[0, -3])
        case(g, name, x, axis=[0, 5])
    for name in ["argmax", "argmin"]:
        case(g, name, x, axis=[0])


# ---------------------------------------------------------------------------------------------
# Manipulation


def manipulation():
    g = "reshape"
    x = np.arange(6)
    for shape in [[3, 2], [-1], [3, -1], [-1, 2, 1], [6, 1, 1], [-1, -1], [4], [-1, 4], [0, -1],
                  [-2, 3], [2.5, 2]]:
        case(g, "reshape", x, shape)
    case(g, "reshape", np.zeros((0, 3)), [-1])
    case(g, "reshape", np.zeros((0, 3)), [0, -1])
    case(g, "reshape", np.zeros((0, 3)), [3, 0, 5])
    case(g, "reshape", arr(7.5, "float32"), [1, 1])
    case(g, "reshape", arr([7], "uint8"), [])
    case(g, "reshape", small((2, 3, 4), "bool"), [4, -1])
    g = "transpose"
    for d in DTYPES:
        x = small((2, 3, 4), d)
        for axes in [None, [1, 0, 2], [-1, 0, 1], [2, 1, 0]]:
            case(g, "transpose", x, axes)
    for axes in [[0, 1], [0, 0, 1], [0, 1, 3], [0, 1, 2, 3]]:
        case(g, "transpose", small((2, 3, 4), "float64"), axes)
    case(g, "transpose", small((3,), "int64"))
    case(g, "transpose", small((), "int64"))
    case(g, "transpose", np.zeros((0, 2, 1)))
    for a, b in [(0, 2), (-1, 0), (1, 1), (0, 3)]:
        case(g, "swapaxes", small((2, 3, 4), "int64"), a, b)
    for x in [small((2, 3, 4), "float32"), small((), "uint8"), np.zeros((2, 0))]:
        case(g, "flatten", x)
        case(g, "ravel", x)
    g = "squeeze"
    x = small((1, 3, 1, 2), "float64")
    for axis in [None, 0, [0, 2], -2, 1, [0, 0], 4]:
        case(g, "squeeze", x, axis)
    case(g, "squeeze", small((), "int64"))
    case(g, "squeeze", small((), "int64"), 0)
    case(g, "squeeze", small((), "int64"), 1)
    case(g, "squeeze", np.zeros((1, 0, 1)))
    for axis in [0, -1, [0, 2], [0, -1], 3, [0, 0], 2, -3]:
        case(g, "expand_dims", small((3, 2), "int64"), axis)
    case(g, "expand_dims", small((), "bool"), 0)
    g = "broadcast_to"
    for x, shape in [(small((3,), "float64"), [2, 3]), (small((1, 3), "int64"), [2, 2, 3]),
                     (small((), "bool"), [2, 2]), (small((), "float32"), []),
                     (small((3,), "float64"), [2, 2]), (small((2, 1), "uint8"), [3]),
                     (small((3,), "float64"), [0, 3]), (small((2, 1), "float64"), [2, 4]),
                     (small((3,), "float64"), [3, -1])]:
        case(g, "broadcast_to", x, shape)
    g = "pad"
    for d in DTYPES:
        x = small((2, 3), d)
        for width in [1, [1, 2], [[1, 0], [0, 2]], [[2], [1]]]:
            case(g, "pad", x, width)
        case(g, "pad", x, 1, 7)
    case(g, "pad", small((3,), "float32"), [1, 1], 0.1)
    case(g, "pad", small((3,), "int64"), [1, 1], 0.5)
    case(g, "pad", small((3,), "uint8"), [1, 1], 300)
    case(g, "pad", small((3,), "float64"), [-1, 1])
    case(g, "pad", small((2, 3), "float64"), [[1, 1], [1, 1], [1, 1]])
    case(g, "pad", np.zeros((0, 2)), 1)
    g = "concatenate"
    for d1 in DTYPES:
        for d2 in DTYPES:
            case(g, "concatenate", [small((2, 2), d1), small((1, 2), d2)])
    for axis in [0, 1, -1, 2, -3]:
        case(g, "concatenate", [small((2, 3), "float64"), small((2, 3), "float64")], axis)
    case(g, "concatenate", [small((2, 1, 3), "int64"), small((2, 4, 3), "int64"),
                            small((2, 0, 3), "int64")], 1)
    case(g, "concatenate", [np.zeros((0, 3)), np.ones((2, 3), "float32")])
    case(g, "concatenate", [small((2, 3), "float64"), small((3,), "float64")])
    case(g, "concatenate", [small((2, 3), "float64"), small((2, 4), "float64")])
    case(g, "concatenate", [small((2, 3), "float64"), small((2, 4), "float64")], 1)
    case(g, "concatenate", [small((), "float64"), small((), "float64")])
    case(g, "concatenate", [])
    case(g, "concatenate", [small((2, 3), "int64"), small((4,), "float32")], None)
    case(g, "concatenate", [small((3,), "uint8")])


# ---------------------------------------------------------------------------------------------
# Linear algebra


def positive(shape, dtype):
    return np.asarray(RNG.uniform(0.5, 2.0, shape).astype(dtype))


def linalg():
    g = "matmul"
    shapes = [((2, 3), (3, 4)), ((3,), (3,)), ((3,), (3, 4)), ((2, 3), (3,)), ((2, 2, 3), (3, 4)),
              ((2, 1, 2, 3), (3, 3, 2)), ((1, 2, 3), (4, 3, 2)), ((3,), (2, 3, 4)),
              ((2, 4, 3), (3,)), ((2, 0), (0, 3)), ((0, 3), (3, 2)), ((1, 1), (1, 1))]
    for sa, sb in shapes:
        case(g, "matmul", positive(sa, "float64"), positive(sb, "float64"), cmp="rel:1e-12")
        case(g, "matmul", small(sa, "int64"), small(sb, "int64"))
    for d1 in DTYPES:
        for d2 in DTYPES:
            case(g, "matmul", small((2, 3), d1), small((3, 2), d2),
                 cmp="rel:1e-6" if "float32" in (d1, d2) else None)
    case(g, "matmul", positive((5, 40), "float32"), positive((40, 3), "float32"), cmp="rel:1e-6")
    case(g, "matmul", positive((5, 40), "float64"), positive((40, 3), "float64"), cmp="rel:1e-12")
    case(g, "matmul", arr([[200, 100]], "uint8"), arr([[2], [3]], "uint8"))
    case(g, "matmul", arr([[True, False], [False, False]], "bool"),
         arr([[True, True], [True, False]], "bool"))
    for sa, sb in [((), (3,)), ((3,), ()), ((2, 3), (2, 3)), ((3,), (4,)), ((2, 2, 3), (3, 3, 2)),
                   ((2, 3), (4,)), ((4,), (3, 2))]:
        case(g, "matmul", np.ones(sa), np.ones(sb))
    g = "dot"
    for sa, sb in [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 2)), ((2, 3), (3, 2)),
                   ((2, 2, 3), (3,)),
                   ((2, 2, 3), (3, 2)), ((2, 3), (2, 3, 4)), ((2, 2, 3), (4, 3, 2)), ((), (2, 3)),
                   ((2, 3), ()), ((), ()), ((3, 0), (0, 2)), ((3,), (2, 3, 4)), ((2, 3, 4), (4,))]:
        case(g, "dot", small(sa, "int64"), small(sb, "int64"))
        case(g, "dot", positive(sa, "float64"), positive(sb, "float64"), cmp="rel:1e-12")
    case(g, "dot", small((2, 3), "uint8"), small((3,), "float32"), cmp="rel:1e-6")
    case(g, "dot", small((2, 3), "bool"), small((3, 2), "bool"))
    # -0 products: NumPy multiplies, or adds them to zeros (BLAS's axpy) for float operands of at
    # most two dimensions and more than one product.
    for a, b in [(arr([[False, False]], "bool"), arr(-3.5, "float64")),
                 (arr(-3.5, "float64"), arr([0.0, 2.0], "float64")),
                 (arr(-1.5, "float64"), arr([[[3.5]], [[0.0]]], "float64")),
                 (arr(False, "bool"), arr([-2.0], "float32")),
                 (arr(-2, "int64"), arr([0.0, 1.0], "float32")),
                 (arr(-2, "int64"), arr([0, 1], "int64"))]:
        case(g, "dot", a, b)
    for sa, sb in [((2, 3), (2, 3)), ((3,), (4,)), ((2, 3, 4), (3, 2)), ((4,), (3, 2))]:
        case(g, "dot", np.ones(sa), np.ones(sb))
    g = "tensordot"
    a = small((2, 3, 4), "int64")
    for b, axes in [(small((3, 4, 5), "int64"), 2), (small((4, 5), "int64"), 1),
                    (small((2, 2), "int64"), 0), (small((3, 4, 5), "int64"), [[1, 2], [0, 1]]),
                    (small((4, 3), "int64"), [[1, 2], [1, 0]]),
                    (small((4, 2), "int64"), [[2, 0], [0, 1]]),
                    (small((3,), "int64"), [[1], [0]]), (small((3, 4), "int64"), [1, 0]),
                    (small((3, 4, 5), "int64"), [[1, 2], [1, 0]]),
                    (small((2, 3, 4), "int64"), 3), (small((3, 5), "uint8"), [[-2], [0]])]:
        case(g, "tensordot", a, b, axes)
    case(g, "tensordot", a, small((2, 2), "int64"), [[0], [5]], note="tensordot-axis")
    case(g, "tensordot", positive((2, 3, 4), "float64"), positive((3, 4, 5), "float64"),
         cmp="rel:1e-12")
    case(g, "tensordot", small((2, 3), "float32"), small((3, 2), "float64"), 1)


# ---------------------------------------------------------------------------------------------
# Indexing


def indexing():
    g = "slices"
    x = np.arange(10)
    for start in [None, 2, -3, 15, -15]:
        for stop in [None, 7, -2, 20, -20, 0]:
            for step in [None, 3, -1, -2, -4]:
                case(g, "get", x, Sl(start, stop, step))
    case(g, "get", x, Sl(None, None, 0))
    y = np.arange(24).reshape(2, 3, 4).astype(np.float64) / 2
    for index in [
        [Sl(None, None, -1)], [Sl(), Sl(1, None)], [Sl(), Sl(None, None, -2), Sl(1, 3)],
        [1, Sl(None, None, -1), Sl(None, None, 3)], [Sl(5, None)], [Sl(), Sl(), Sl(4, 0)],
        [Sl(-1, None), Sl(-2, None), Sl(-3, None)],
    ]:
        case(g, "get", y, *index)
    g = "get"
    z = np.arange(24).reshape(2, 3, 4)
    for d in ["float32", "uint8", "bool"]:
        case(g, "get", z.astype(d), 1, Sl(None, None, 2))
    for index in [
        [1], [-1], [1, 2], [1, -1, 3], [0, 0, 0], [-2, -3, -4], [2], [0, 3], [0, 0, -5],
        [0, 0, 0, 0], [None], [Sl(), None], [None, 0, None, Sl(None, None, 2)], [ELLIPSIS, None],
        [ELLIPSIS], [ELLIPSIS, 0], [0, ELLIPSIS], [0, ELLIPSIS, 1], [ELLIPSIS, ELLIPSIS],
        [ELLIPSIS, 1, 2, 3], [1.5], [[0, 1]], [np.array([1, 0])], [[[0, 1], [1, 0]]],
        [np.array([[1], [0]])], [[-1, 0]], [[0, 5]], [np.array([1, 0], np.uint8)],
        [np.array([True, False])], [np.array([[True, False, True], [False, False, True]])],
        [z % 3 == 0], [Sl(), np.array([False, True, True])], [np.array([True, False, True])],
        [[True, False]], [np.array([False, False])],
        [ELLIPSIS, np.array([True, False, True, True])],
        [np.array([[True, False, True]])], [[0, 1], Sl(), [1, 2]], [Sl(), [0, 1], [1, 2]],
        [0, Sl(), [1, 2]], [[0, 1], 1], [Sl(), 1, [0, 1]], [[[0], [1]], Sl(), [0, 1, 2]],
        [None, [0, 1], 0], [[0, 1], None, 1], [[0, 1], [0, 1, 2]], [np.array([0.0, 1.0])],
        [[0.5]], [[]], [Sl(), []], [np.array([1, 0]), Sl(None, None, -1), np.array(2)],
        [1, [0, 2], Sl(1, 3)], [[1, 0], ELLIPSIS, [3, 2]], [np.array(1), Sl(), np.array([0, 3])],
        [np.array([True, True]), [0, 2]], [Sl(), np.array([[True, False, True, True]] * 3)],
        [np.array([True, False]), Sl(), [1, 3]], [Sl(), [[0, 1], [1, 2]]],
        [Sl(None, None, -1), [0, 2], Sl(None, None, -2)], [[1, 0], None, ELLIPSIS, [0, 3]],
        [ELLIPSIS, [[0], [2]], [1, 3]], [Sl(), np.array([2, 0]), None],
        [np.array(2)], [np.array(-1)], [np.array(1), Sl(), 0], [Sl(), np.array(-2)],
        [[0, 1], 1, [0, 1, 2]], [np.array(0), [0, 1], [0, 1, 2]],
    ]:
        case(g, "get", z, *index)
    for mask in [np.array(True), np.array(False)]:
        case(g, "get", z, mask, note="bool-0d")
    case(g, "get", arr([1.5, 2.5, 3.5], "float64"), np.array(-1))
    case(g, "get", z, np.array(1), np.array(-1), 2)
    w = arr(2.5, "float64")
    for index in [[], [None], [ELLIPSIS], [0], [Sl()]]:
        case(g, "get", w, *index)
    g = "set"
    base = np.arange(12).reshape(3, 4)
    for dtype in ["int64", "float64"]:
        y = base.astype(dtype)
        for index, value in [
            ([0], 5), ([Sl(), 1], arr([10, 20, 30], "int64")), ([0], arr([1, 2, 3, 4], "int64")),
            ([Sl(1, None), Sl(None, None, 2)], 7), ([[0, 2]], arr([[1], [2]], "int64")),
            ([base > 5], 0), ([[0, 0], [1, 1]], arr([5, 6], "int64")), ([0, 0], 1.7),
            ([0, 0], -1.7), ([0, 0], math.nan), ([0], arr([1, 2, 3], "int64")),
            ([ELLIPSIS], arr([[9], [8], [7]], "int64")), ([0, 0, 0], 1), ([5], 1),
            ([Sl(), [1, 3]], arr([[1.5, 2.5]], "float32")), ([base > 100], arr([1.0], "float64")),
            ([[0, 2], Sl(), [1, 3]], arr([[1], [2]], "int64")),
            ([Sl(), [0, 0]], arr([1, 2], "int64")),
            ([Sl(None, None, -1), 0], arr([7, 8, 9], "int64")),
            ([0], arr([[[1, 2, 3, 4]]], "int64")),
            ([0], arr([[1], [2]], "int64")), ([base % 2 == 0], arr([1, 2, 3, 4, 5, 6], "int64")),
            ([base % 2 == 0], arr([1, 2], "int64")),
            ([base % 2 == 0], arr([[1, 2, 3, 4, 5, 6]], "int64")),
            ([base % 2 == 0], arr([9], "int64")), ([[True, False, True]], arr([[1], [2]], "int64")),
            ([[0, 1]], arr([[[1, 2, 3, 4]]], "int64")), ([[0, 1]], arr([1, 2, 3], "int64")),
            ([0, [0, 1]], arr([1, 2, 3], "int64")),
            ([Sl(), [True, False, True, True]], arr([1, 2], "int64")),
        ]:
            case(g, "set", y, index, value)
    for index, value in [([0], 300), ([0], -1), ([0], arr([300, -1, 2, 256], "int64")),
                         ([0], arr([1.5, 255.9, 0.0, 2.0], "float64")), ([0], 2.5)]:
        case(g, "set", base.astype("uint8"), index, value)
    for index, value in [([0], 0.1), ([0], arr([0.1, 0.2, 1e300, 0.4], "float64")),
                         ([0], arr([1, 2, 3, 4], "uint8"))]:
        case(g, "set", base.astype("float32"), index, value)
    for index, value in [([0], 2), ([0], 0.5), ([1], arr([0.0, -0.0, math.nan, 3.0], "float64")),
                         ([2], arr([True], "bool"))]:
        case(g, "set", base.astype("bool"), index, value)
    case(g, "set", arr(2.5, "float64"), [], 4.5)
    case(g, "set", arr(2.5, "float64"), [ELLIPSIS], arr([7.0], "float64"))
    case(g, "set", arr(2, "int64"), [], arr(3.7, "float64"))
    case(g, "set", arr(2.5, "float64"), [None], 1.5)
    case(g, "set", arr(2.5, "float64"), [], arr([1.0, 2.0], "float64"))
    case(g, "set", np.zeros((2, 3)), [0, 1], arr([1.0, 2.0], "float64"))
    case(g, "set", np.zeros((2, 3)), [np.array(0), [1]], arr([1.0, 2.0], "float64"))
    case(g, "set", np.zeros((2, 3)), [np.array(1), Sl()], arr([1.0, 2.0], "float64"))
    g = "add_at"
    for a, index, b, *note in [
        (np.zeros(3), [[0, 0, 2]], 1),
        (np.zeros((3, 2)), [np.array([0, 0, 1]), np.array([1, 1, 0])],
                                        arr([1.0, 2.0, 3.0], "float64")),
        (np.zeros((3, 2)), [[0, 0]], arr([[1.0, 2.0], [3.0, 4.0]], "float64")),
        (np.zeros((3, 2)), [Sl(), [0, 0]], 1.5), (np.zeros((3, 2), "int64"), [[0, 0]], 2),
        (np.zeros((3,), "int64"), [[0, 0]], 0.5, "add-at-cast"),
        (np.zeros((3,), "int64"), [[0]], arr([1.5], "float64"), "add-at-cast"),
        (np.zeros((3,), "float32"), [[0, 0]], arr([0.1, 0.2], "float64")),
        (np.zeros((3,), "float32"), [[1, 1]], 0.1), (np.zeros((3,), "uint8"), [[0, 0]], 200),
        (np.zeros((3,), "uint8"), [[0]], 300, "add-at-cast"),
        (np.zeros((3,), "uint8"), [[0]], arr([3], "int64"), "add-at-cast"),
        (np.zeros((3,), "bool"), [[0, 0]], arr([True, True], "bool")),
        (np.zeros((3,), "int64"), [[0, 3]], 1),
        (np.zeros((2, 2)), [[0, 1]], arr([1.0, 2.0, 3.0], "float64")),
        (np.zeros((2, 3)), [np.array([[True, False, True], [False, True, False]])], 1),
        (np.zeros((3,)), [[-1, -1]], arr([0.5, 0.25], "float64")),
    ]:
        case(g, "add_at", a, index, b, note=note[0] if note else None)


# ---------------------------------------------------------------------------------------------
# Creation


def creation():
    g = "array"
    for value in [[[1, 2], [3, 4]], [0, 255, 7], [[[1], [2]], [[3], [4]]], [], [[]], 5, [0.1, 0.2]]:
        for d in DTYPES:
            if d in ("int64", "uint8") and value == [0.1, 0.2]:
                continue
            case(g, "array", value, d)
    for value in [[1.5, 2.5], [True, False], True, [[True], [False]], 0.5, [math.nan, -0.0]]:
        case(g, "array", value)
    case(g, "array", [1, 2], note="js-number")
    case(g, "array", 3, note="js-number")
    case(g, "array", [1, True], note="js-number")
    case(g, "array", [True, False], "int64")
    case(g, "array", [True, False], "float32")
    case(g, "array", [1.5], "int64", note="strict")
    case(g, "array", [2.5], "uint8", note="strict")
    case(g, "array", [300], "uint8")
    case(g, "array", [-1], "uint8")
    case(g, "array", [0.1, -1.5e-46, 1.5e-45], "float32")
    case(g, "array", [2**53], "int64")
    case(g, "array", [[1, 2], [3]], "float64")
    case(g, "array", [[1, 2], 3], "float64")
    g = "zeros-ones-full"
    for d in DTYPES:
        for shape in [[2, 3], 3, [], [0], [2, 0, 1]]:
            case(g, "zeros", shape, d)
            case(g, "ones", shape, d)
        case(g, "full", [2, 2], 7, d)
        case(g, "full", [2], True, d)
    for shape in [-1, [2, -1], [2.5], [2, 1.5]]:
        case(g, "zeros", shape)
    for shape, value, dtype in [([2], 7, "int64"), ([], 0.5, "float32"), ([2], True, None),
                                ([2, 2], 300, "uint8"), ([2], -1, "uint8"), ([2], 0.5, None),
                                ([2], math.nan, "float32"), ([1], 0.1, "float32"),
                                ([2], 2, None)]:
        case(g, "full", shape, value, dtype, note="js-number" if value == 2 else None)
    case(g, "full", [2], 0.5, "int64", note="strict")
    case(g, "full", [2], 2.5, "uint8", note="strict")
    for d in DTYPES:
        for value in [2, 0.5, -0.0, 300, -1, math.nan]:
            case(g, "fill", small((2, 2), d), value)
        case(g, "zeros_like", small((2, 3), d))
        case(g, "ones_like", small((), d))
    case(g, "zeros", [2], "foo")
    g = "arange"
    for args in [(5,), (0,), (-3,), (2, 7), (7, 2), (7, 2, -2), (0, 1, 0.1), (1, 2, 0.25), (0.5, 3),
                 (0, 5, 0.7), (10, 0, -0.3), (-1.5, 1.5, 0.5), (1, 2, 3), (0, 5, 0),
                 (0.1, 0.35, 0.05),
                 (1e-3, 7.5e-3, 1e-3), (0.1, 2, 0.7), (0.5, 0, -0.1), (0, 5.5, 0)]:
        case(g, "arange", *args)
    for args, dtype in [((0, 1, 0.1), "float32"), ((5,), "float64"), ((5,), "uint8"),
                        ((1, 10, 3), "float32"), ((2,), "bool"), ((3,), "bool"), ((1, 3), "bool"),
                        ((-1, 3), "uint8"), ((0, 3.3, 1.1), "float32"), ((0.1, 2), "float32"),
                        ((0.1, 3, 0.7), "float32"), ((0, 100, 0.3), "float32"), ((2, 0), "bool")]:
        case(g, "arange", *args, dtype=dtype)
    for args in [(0.5, 3.5), (0, 2, 0.5)]:
        case(g, "arange", *args, dtype="int64", note="strict")
    g = "linspace"
    for args in [(0, 1, 5), (-7, 7, 200), (0, 1, 1), (0, 1, 0), (1, 0, 7), (0, 0.5, 3), (2, 3),
                 (0, 1, -1), (0, 1, 2.5), (0, 5e-324, 3), (0.1, 0.7, 11),
                 (3, 3, 4), (1e-310, 3e-310, 6)]:
        case(g, "linspace", *args)
    g = "eye"
    for args, kw in [((3,), {}), ((2,), {"M": 3}), ((3,), {"k": 1}), ((3,), {"M": 4, "k": -1}),
                     ((3,), {"k": 5}), ((0,), {}), ((3,), {"k": -3}), ((2,), {"M": 0}),
                     ((-1,), {}), ((2,), {"k": 1.5})]:
        case(g, "eye", *args, **kw)
    for d in DTYPES:
        case(g, "eye", 2, dtype=d)
    g = "astype"
    values = {
        "float64": [1.7, -1.7, 0.5, -0.0, 255.9, 2.5, 100.2, -0.9],
        "float32": [1.7, -1.7, 0.5, -0.0, 255.9, 2.5, 100.2, -0.9],
        "int64": [-1, 256, 300, 2**31, 2**53 - 1, 0, 255, -255],
        "uint8": [0, 255, 7, 128],
        "bool": [True, False],
    }
    for d1 in DTYPES:
        for d2 in DTYPES:
            v = values[d1]
            if d1.startswith("float") and d2 == "uint8":
                v = [x for x in v if x > -1]
            case(g, "astype", arr(v, d1), d2)
            case(g, "astype", arr(v[0], d1), d2)
    for v, d1, d2 in [([-1.0], "float64", "uint8"), ([256.0], "float64", "uint8"),
                      ([math.nan], "float64", "int64"), ([math.inf], "float32", "int64"),
                      ([1e19], "float64", "int64"), ([1e17], "float64", "int64"),
                      ([3.4e38], "float32", "int64"), ([1e300, -1e300, 0.1], "float64", "float32"),
                      ([math.nan, math.inf, -0.0], "float64", "bool"),
                      ([2**53 - 1, 2**24 + 1], "int64", "float32"), ([-0.5], "float64", "uint8"),
                      ([-0.5], "float32", "int64"), ([3e9], "float64", "int64")]:
        case(g, "astype", arr(v, d1), d2)


def comparisons_of_arrays():
    g = "allclose"
    for a, b in [([1.0, 2.0], [1.0, 2.000001]), ([1.0, 2.0], [1.0, 2.0001]), ([1e-9], [0.0]),
                 ([1e-7], [0.0]), ([math.inf], [math.inf]), ([math.inf], [-math.inf]),
                 ([math.nan], [math.nan]), ([1.0, 2.0], [[1.0, 2.0], [1.0, 2.1]]),
                 ([1.0], [1.0, 1.0])]:
        case(g, "allclose", arr(a, "float64"), arr(b, "float64"))
    case(g, "allclose", arr([0.1], "float32"), arr([0.1], "float64"))
    case(g, "allclose", arr([1, 2], "int64"), arr([1, 3], "int64"))
    case(g, "allclose", np.ones((2, 3)), np.ones((3, 2)))
    for a, b in [(arr([1, 2], "float64"), arr([1, 2], "int64")),
                 (arr([1, 2], "float64"), arr([[1, 2]], "float64")),
                 (arr([math.nan], "float64"), arr([math.nan], "float64")),
                 (arr([0.0], "float64"), arr([-0.0], "float64")),
                 (arr([True], "bool"), arr([1], "uint8")),
                 (np.zeros((0,)), np.zeros((0,), "int64")),
                 (arr(1.0, "float64"), arr([1.0], "float64"))]:
        case(g, "array_equal", a, b)


def main():
    printing()
    promotion()
    ufuncs()
    reductions()
    manipulation()
    linalg()
    indexing()
    creation()
    comparisons_of_arrays()
    text = json.dumps(CASES, separators=(",", ":"), allow_nan=False)
    OUT.write_text(text + "\n")
    print(f"{OUT}: {sum(len(v) for v in CASES.values())} cases, {len(text) / 1e6:.2f} MB")
    for group, cases in CASES.items():
        size = len(json.dumps(cases, separators=(",", ":")))
        print(f"  {group}: {len(cases)} cases, {size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
