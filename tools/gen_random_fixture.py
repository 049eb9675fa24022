"""Generate tests/fixtures/numpy_random.json: NumPy 2.4's legacy random streams
(`np.random.seed` / `np.random.RandomState`) and glibc's `log`, for tests/random_test.ts, which
checks dezero/np/_random.ts and dezero/np/_glibc_log.ts against them.

Each case seeds a RandomState and runs a list of operations on it in order; for each operation
the fixture holds its first HEAD values and the SHA-256 of all its values as little-endian
float64 (integers too: they are below 2**53). The operations:

  ["raw", n]                   n 32-bit outputs of MT19937 (`random_raw`)
  ["rand", n]                  rand(n)
  ["randn", n]                 randn(n)
  ["randn1", n]                n calls randn() (scalars)
  ["uniform", low, high, n]    uniform(low, high, n)
  ["randint", low, high, n]    randint(low, high, size=n); high null: randint(low, size=n)
  ["randint1", low, high, n]   n calls randint(low, high) (scalars)
  ["permutation", n]           permutation(n)
  ["shuffle", rows, cols]      shuffle(a), a = arange(rows * cols) reshaped to (rows, cols), or
                               1-d (rows,) when cols is null; the values are a flattened after
  ["interval", max, n]         n draws of NumPy's random_interval(max), which NumPy only uses
                               inside shuffle; its source is the masked draw of randint(0, max + 1)
                               (same words, same mask, same rejection), so that is what is stored

`log` holds, for the r2 values that legacy randn passes to `log` from RandomState(LOG_SEED), the
SHA-256 of glibc's `log` of the first LOG_COUNT, and explicit cases: inputs where glibc's `log`
is not correctly rounded (checked against mpmath at 200 bits, which comes with SymPy) and special
values. `fma` holds exact fused multiply-adds (Python fractions), including ties that naive
rounding gets wrong. glibc's `log` is called through ctypes: run this on Linux x86-64 with glibc
2.28 or later on a CPU with FMA and AVX2 (glibc then uses its FMA build, as NumPy's randn does).

    python3 tools/gen_random_fixture.py
"""

import ctypes
import ctypes.util
import hashlib
import json
import platform
import random
import sys
from fractions import Fraction
from pathlib import Path

import mpmath
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _json_values import encode  # noqa: E402

mpmath.mp.prec = 200

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "numpy_random.json"
HEAD = 20
LOG_SEED = 12345
LOG_COUNT = 1_000_000
LOG_HARD = 150

libm = ctypes.CDLL(ctypes.util.find_library("m"))
libm.log.restype = ctypes.c_double
libm.log.argtypes = [ctypes.c_double]

# An array seed longer than MT19937's 624 words (init_by_array then loops over the seed).
LONG_SEED = [(i * 2654435761 + 12345) % 2**32 for i in range(700)]

STANDARD = [
    ["raw", 2000],
    ["rand", 5000],
    ["randn", 5001],  # odd: leaves the second value of a pair cached
    ["rand", 2],  # the cache survives other draws
    ["randn", 3],  # and comes first here
    ["uniform", -3, 7, 3000],
    ["randint", -5, 5, 3000],
    ["randn1", 7],
    ["permutation", 300],
]

CASES = [
    {"name": "seed 0, the book's step 42", "seed": 0, "ops": [["rand", 100], ["rand", 100]]},
    {
        "name": "seed 0, randn(3); rand(2); randn(1), ...: the cached normal",
        "seed": 0,
        "ops": [
            ["randn", 3],
            ["rand", 2],
            ["randn", 1],
            ["randn", 2],
            ["rand", 1],
            ["randn1", 1],
            ["randint", 0, 10, 3],
            ["randn", 1],
            ["permutation", 5],
            ["randn", 4],
        ],
    },
]
CASES.append(
    {
        "name": "seed 2**31: enough normals that Math.log's rounding would show",
        "seed": 2**31,
        "ops": [["randn", 200_000]],
    }
)
for seed in [0, 1, 42, 1984, 2020, 2**32 - 1, [1, 2, 3], [0], [2**32 - 1, 0, 123456789, 42]]:
    CASES.append({"name": f"seed {seed}: standard streams", "seed": seed, "ops": STANDARD})
CASES.append({"name": "a 700-word array seed", "seed": LONG_SEED, "ops": STANDARD})
CASES.append(
    {
        "name": "randint: small, 2**32-boundary and large ranges",
        "seed": 1984,
        "ops": [
            ["randint", 10, None, 2000],
            ["randint", 0, 1, 5],  # one value: no draws
            ["randint", 0, 3, 2000],  # mask 3, rejects 3
            ["randint", -7, -2, 2000],
            ["randint", 3, 2**31 + 1, 2000],
            ["randint", 0, 2**32 - 1, 2000],
            ["randint", 0, 2**32, 2000],  # the full 32-bit mask
            ["randint", -(2**31), 2**31, 2000],
            ["randint", 0, 2**32 + 1, 2000],  # the first 64-bit range
            ["randint", 5, 2**40, 2000],
            ["randint", -(2**52), 2**52 + 12345, 2000],
            ["randint", 2**53 - 10, 2**53, 2000],
            ["randint", -(2**53 - 1), 2**53, 2000],  # the widest range we allow
            ["randint1", 0, 1000, 50],
            ["randint1", -3, 2**35, 50],
            ["rand", 3],
        ],
    }
)
CASES.append(
    {
        "name": "permutation and shuffle",
        "seed": 42,
        "ops": [
            ["permutation", 0],
            ["permutation", 1],
            ["permutation", 2],
            ["permutation", 100],
            ["permutation", 300],
            ["permutation", -3],
            ["shuffle", 7, 3],
            ["shuffle", 1, 4],
            ["shuffle", 0, 3],
            ["shuffle", 5, 0],  # no elements, yet NumPy draws for every row
            ["shuffle", 300, None],
            ["shuffle", 1000, 2],
            ["rand", 3],
        ],
    }
)
CASES.append(
    {
        "name": "interval beyond 32 bits",
        "seed": 2020,
        "ops": [
            ["interval", 0, 3],
            ["interval", 2**32 - 1, 500],
            ["interval", 2**32, 500],
            ["interval", 2**40 + 3, 500],
            ["interval", 2**53, 500],
            ["rand", 3],
        ],
    }
)


def digest(values):
    return hashlib.sha256(np.asarray(values, dtype="<f8").tobytes()).hexdigest()


def run(rs, op):
    kind, args = op[0], op[1:]
    if kind == "raw":
        return rs._bit_generator.random_raw(args[0])
    if kind == "rand":
        return rs.rand(args[0])
    if kind == "randn":
        return rs.randn(args[0])
    if kind == "randn1":
        return [rs.randn() for _ in range(args[0])]
    if kind == "uniform":
        return rs.uniform(args[0], args[1], args[2])
    if kind == "randint":
        return rs.randint(args[0], args[1], size=args[2])
    if kind == "randint1":
        return [rs.randint(args[0], args[1]) for _ in range(args[2])]
    if kind == "permutation":
        return rs.permutation(args[0])
    if kind == "shuffle":
        rows, cols = args
        a = np.arange(rows * (1 if cols is None else cols))
        a = a if cols is None else a.reshape(rows, cols)
        rs.shuffle(a)
        return a.ravel()
    if kind == "interval":
        return rs.randint(0, args[0] + 1, size=args[1])
    raise ValueError(kind)


def case(c):
    rs = np.random.RandomState()
    rs.seed(c["seed"])
    results = []
    for op in c["ops"]:
        values = np.asarray(run(rs, op), dtype=np.float64).ravel()
        assert np.all(np.abs(values) <= 2**53), op
        results.append({"op": op, "count": len(values), "head": [encode(v) for v in values[:HEAD]],
                        "sha256": digest(values)})
    return {"name": c["name"], "seed": c["seed"], "results": results}


def log_inputs():
    """The r2 that legacy randn passes to log, in order, from RandomState(LOG_SEED)."""
    rs = np.random.RandomState(LOG_SEED)
    out = []
    while len(out) < LOG_COUNT:
        u = 2.0 * rs.random_sample(2 * LOG_COUNT) - 1.0
        x1, x2 = u[0::2], u[1::2]
        r2 = x1 * x1 + x2 * x2
        out.extend(r2[(r2 < 1.0) & (r2 != 0.0)].tolist())
    return out[:LOG_COUNT]


def log_section():
    xs = log_inputs()
    logs = [libm.log(x) for x in xs]
    hard = []
    for x, y in zip(xs, logs):
        if float(mpmath.log(mpmath.mpf(x))) != y:
            hard.append(x)
            if len(hard) == LOG_HARD:
                break
    special = [1.0, 0.9375, 0.9375 - 2**-53, 1 - 2**-53, 1 + 2**-52, float.fromhex("0x1.09p0"),
               float.fromhex("0x1.09p0") - 2**-52, 0.5, 2.0, 0.75, 1e-300, 1e300, 2**-1022,
               2**-1022 - 2**-1074, 5e-324, 1e-310, 1.7976931348623157e308, 0.0, -0.0, -1.0,
               float("inf"), float("-inf"), float("nan")]
    rng = random.Random(20260101)
    spread = [2.0 ** rng.uniform(-1074, 1024) for _ in range(300)]
    spread += [rng.uniform(0.93, 1.07) for _ in range(300)]
    cases = [[encode(x), encode(libm.log(x))] for x in special + spread + hard]
    return {"seed": LOG_SEED, "count": LOG_COUNT, "sha256": digest(logs), "cases": cases}


def fma_section():
    rng = random.Random(20260102)

    def exact(a, b, c):
        return float(Fraction(a) * Fraction(b) + Fraction(c))

    triples = []
    for _ in range(200):  # any magnitudes
        a = rng.uniform(-1, 1) * 2.0 ** rng.randint(-300, 300)
        b = rng.uniform(-1, 1) * 2.0 ** rng.randint(-300, 300)
        c = rng.uniform(-1, 1) * 2.0 ** rng.randint(-600, 600)
        triples.append((a, b, c))
    for _ in range(200):  # c cancels most of a * b
        a, b = rng.uniform(0.5, 2), rng.uniform(-2, 2)
        triples.append((a, b, -(a * b) * (1 + rng.choice([0, 2**-52, -(2**-53), 2**-40]))))
    for _ in range(200):  # a * b + c near a tie: the product's tail decides
        i, j = rng.randint(1, 2**20), rng.randint(1, 2**20)
        a, b = 1 + i * 2**-52, 1 + j * 2**-52
        for c in (2**-53, -(2**-53), 2**-54, 3 * 2**-53):
            triples.append((a, b, c - (i + j) * 2**-52))
    ties = 0
    while ties < 300:  # rounded a * b + c is a tie, and a * b's tiny tail breaks it
        a = 1 + rng.randint(1, 2**52 - 1) * 2**-52
        b = 2**-53 / a
        if a * b != 2**-53 or Fraction(a) * Fraction(b) == Fraction(2**-53):
            continue
        scale = rng.choice([1, -1]) * 2.0 ** rng.randint(-200, 200)
        c = (1 + rng.randint(0, 2**52 - 1) * 2**-52) * scale
        triples.append((a * scale, b, c))
        ties += 1
    return [[a, b, c, exact(a, b, c)] for a, b, c in triples]


def main():
    cpu = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    if platform.machine() == "x86_64" and not (" fma " in cpu and " avx2 " in cpu):
        sys.exit("this CPU lacks FMA or AVX2, so glibc's log takes another build, which rounds "
                 "differently: run this on a CPU with both")
    data = {
        "numpy": np.__version__,
        "machine": platform.machine(),
        "libc": " ".join(platform.libc_ver()),
        "fma": " fma " in cpu,
        "cases": [case(c) for c in CASES],
        "log": log_section(),
        "fma_cases": fma_section(),
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
