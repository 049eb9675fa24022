"""NumPy's side of bench/gemm.ts: times `np.matmul(a, b, out=out)` for the shapes given.

    python3 bench/gemm_numpy.py '[[m, n, k, "float32"], ...]' SECONDS

prints one JSON object: "blas", what threadpoolctl says about the BLAS that NumPy uses (null
without threadpoolctl), and "seconds", one sample per shape: the mean time of one call over a
loop of calls lasting at least SECONDS. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from
the environment before NumPy loads OpenBLAS, so that OpenBLAS picks its kernel for this CPU.
"""

import json
import os
import sys
import time

os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)

import numpy as np  # noqa: E402  (after the environment is cleaned)


def blas_info():
    try:
        import threadpoolctl
    except ImportError:
        return None
    return [
        {key: info.get(key) for key in ("internal_api", "version", "architecture", "num_threads")}
        for info in threadpoolctl.threadpool_info()
        if info.get("user_api") == "blas"
    ]


def sample(m, n, k, dtype, seconds):
    rng = np.random.default_rng(0)
    a = rng.uniform(-1, 1, (m, k)).astype(dtype)
    b = rng.uniform(-1, 1, (k, n)).astype(dtype)
    out = np.empty((m, n), dtype)
    np.matmul(a, b, out=out)  # warm-up
    calls = 0
    start = time.perf_counter()
    while True:
        np.matmul(a, b, out=out)
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return elapsed / calls


def main():
    shapes = json.loads(sys.argv[1])
    seconds = float(sys.argv[2])
    times = [sample(m, n, k, dtype, seconds) for m, n, k, dtype in shapes]
    print(json.dumps({"numpy": np.__version__, "blas": blas_info(), "seconds": times}))


if __name__ == "__main__":
    main()
