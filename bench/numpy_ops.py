"""Times in NumPy the operations that bench/ops.ts times in our NDArray, by the same names.

Prints one JSON object: {name: median seconds per operation}. Used by compare_numpy.ts.
Usage: python3 bench/numpy_ops.py SAMPLES [repeated|interleaved]
"""
import json
import sys
import time

import numpy as np

N = 1_000_000


def on_big(op):
    def prepare():
        rng = np.random.default_rng(0)
        a = rng.random(N)
        b = rng.random(N) + 0.5
        return lambda: op(a, b)
    return prepare


def broadcast():
    rng = np.random.default_rng(0)
    m, v = rng.random((1000, 1000)), rng.random(1000)
    return lambda: m + v


def zero_d():
    x, y = np.array(0.5), np.array(1.5)
    return lambda: x + y


CASES = [
    ("add 1e6", 1, on_big(lambda a, b: a + b)),
    ("sub 1e6", 1, on_big(lambda a, b: a - b)),
    ("mul 1e6", 1, on_big(lambda a, b: a * b)),
    ("div 1e6", 1, on_big(lambda a, b: a / b)),
    ("square 1e6", 1, on_big(lambda a, b: np.square(a))),
    ("exp 1e6", 1, on_big(lambda a, b: np.exp(a))),
    ("power 1e6 ** 1e6", 1, on_big(lambda a, b: a ** b)),
    ("(1000,1000) + (1000,)", 1, broadcast),
    ("0-d + 0-d", 100_000, zero_d),
]


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    interleaved = len(sys.argv) > 2 and sys.argv[2] == "interleaved"
    runs = [(name, n, prepare()) for name, n, prepare in CASES]
    for _, n, run in runs:  # warm-up
        for _ in range(max(1, 3 // n)):
            run()
    # "repeated": each case's samples in a row; "interleaved": rounds that time every case once.
    if interleaved:
        schedule = [r for _ in range(samples) for r in runs]
    else:
        schedule = [r for r in runs for _ in range(samples)]
    times = {name: [] for name, _, _ in runs}
    for name, n, run in schedule:
        t0 = time.perf_counter()
        for _ in range(n):
            run()
        times[name].append((time.perf_counter() - t0) / n)
    out = {name: sorted(ts)[len(ts) // 2] for name, ts in times.items()}
    print(json.dumps(out))


main()
