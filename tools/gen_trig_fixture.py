"""Generate tests/fixtures/numpy_trig.json: NumPy 2.4's sin, cos, tanh and linspace, with the
correctly rounded sin, cos and tanh.

For each input x the fixture holds NumPy's `np.sin(x)`, `np.cos(x)`, `np.tanh(x)` (computed on
one float64 array, as NumPy computes arrays; on a machine with AVX-512 that is NumPy's SIMD code)
and the double nearest to the exact value, from mpmath at 256 bits (mpmath comes with SymPy).
tests/trig_test.ts checks dezero/np/mod.ts against both. `linspace` holds NumPy's values for a
few (start, stop, num), including step 34's `np.linspace(-7, 7, 200)`.

    python3 tools/gen_trig_fixture.py
"""

import json
import math
import random
import struct
from pathlib import Path

import mpmath
import numpy as np

mpmath.mp.prec = 256

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "numpy_trig.json"

LINSPACE = [
    (-7, 7, 200),  # step 34
    (0, 1, 50),
    (1, 0, 7),
    (-2.5, 10.2, 13),
    (0.1, 0.7, 3),
    (-1e-3, 1e300, 11),
    (0, 5e-324, 3),  # the step underflows to 0: NumPy divides first, then multiplies
    (0, 1e-320, 5),
    (5, 5, 4),
    (3, 4, 1),
    (3, 4, 0),
    (0, 1, 2),
]


def nearby(x, count):
    """The doubles up to `count` ulps either side of x."""
    out = []
    for d in range(-count, count + 1):
        bits = struct.unpack("<q", struct.pack("<d", x))[0] + d
        out.append(struct.unpack("<d", struct.pack("<q", bits))[0])
    return out


def inputs():
    rng = random.Random(20261201)
    xs = [rng.uniform(-2, 2) for _ in range(800)]  # gradients and Taylor series
    xs += [rng.uniform(-10, 10) for _ in range(800)]  # step 34's range and beyond
    xs += np.linspace(-7, 7, 200).tolist()  # step 34's points exactly
    xs += [rng.choice([-1, 1]) * 10 ** rng.uniform(-20, -1) for _ in range(300)]
    xs += [rng.uniform(-1e6, 1e6) for _ in range(150)]
    xs += [rng.choice([-1, 1]) * 10 ** rng.uniform(6, 300) for _ in range(150)]
    xs += [rng.uniform(15, 25) * rng.choice([-1, 1]) for _ in range(100)]  # tanh near ±1
    # Near zeros and extrema of sin and cos, where the result is tiny or its exponent changes.
    for k in range(1, 21):
        xs += nearby(k * math.pi / 2, 2)
    # fdlibm's branch points: |x| = pi/4 (sin/cos kernels), 0.55 and 22 (tanh), 2^-28 and 2^-55.
    for t in [math.pi / 4, 0.55, 22.0, 1.0, 2.0**-28, 2.0**-55]:
        xs += nearby(t, 3) + nearby(-t, 3)
    xs += [5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308]
    return xs


def correctly_rounded(f, x):
    return float(f(mpmath.mpf(x)))


def main():
    xs = inputs()
    a = np.array(xs, dtype=np.float64)
    fixture = {"x": xs}
    for name, f in [("sin", mpmath.sin), ("cos", mpmath.cos), ("tanh", mpmath.tanh)]:
        fixture[name] = {
            "numpy": getattr(np, name)(a).tolist(),
            "correct": [correctly_rounded(f, x) for x in xs],
        }
    fixture["linspace"] = [
        {"start": start, "stop": stop, "num": num, "numpy": np.linspace(start, stop, num).tolist()}
        for start, stop, num in LINSPACE
    ]
    fixture["numpy_version"] = np.__version__
    OUT.write_text(json.dumps(fixture, allow_nan=False) + "\n")
    print(f"wrote {len(xs)} inputs and {len(LINSPACE)} linspace cases to {OUT}")


if __name__ == "__main__":
    main()
