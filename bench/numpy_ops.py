"""Times in NumPy the operations that bench/ops.ts times in our NDArray, by the same names.

Prints one JSON object: {name: median seconds per operation}. Used by compare_numpy.ts.
Usage: python3 bench/numpy_ops.py SAMPLES
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
    out = {}
    for name, n, prepare in CASES:
        run = prepare()
        for _ in range(max(1, 3 // n)):  # warm-up
            run()
        times = []
        for _ in range(samples):
            t0 = time.perf_counter()
            for _ in range(n):
                run()
            times.append((time.perf_counter() - t0) / n)
        times.sort()
        out[name] = times[len(times) // 2]
    print(json.dumps(out))


main()
