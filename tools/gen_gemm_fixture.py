"""Generate tests/fixtures/numpy_gemm.json: matrix products from two NumPys, which
tests/gemm_test.ts checks dezero/np/_gemm.ts against.

- "reference_blas": `a @ b` from the book's NumPy, Debian's NumPy 1.24 on the reference BLAS
  (Netlib's, the `libblas3` package), run as /usr/bin/python3. The tests expect these bit for bit:
  the reference BLAS sums every element in order, without fused multiply-add, as gemm promises.
- "numpy": `a @ b` from the NumPy running this script (NumPy 2.4 on OpenBLAS, whose kernels
  block the sums and use FMA); the tests expect these within rounding.

The operands come from NumPy's default_rng with a fixed seed: plain ones; ones with many zeros of
both signs and subnormals, some also with a NaN and an infinity; and tiny ones, whose products and sums
are subnormal. They are handed to /usr/bin/python3 as JSON, so both NumPys multiply the same numbers
and a rerun writes the same file.

    python3 tools/gen_gemm_fixture.py

(needs /usr/bin/python3 with Debian's python3-numpy on libblas3, as on this project's machines)
"""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from _json_values import encode

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "numpy_gemm.json"
REFERENCE_PYTHON = "/usr/bin/python3"

# (m, n, k, kind): odd sizes; k = 300 crosses a block of the kernels' depth (256).
SHAPES = [
    (7, 5, 9, "plain"),
    (12, 9, 33, "special"),
    (1, 6, 40, "zeros"),
    (6, 10, 300, "plain"),
    (5, 7, 20, "tiny"),
]


def operands():
    rng = np.random.default_rng(20261207)
    cases = []
    for dtype in ("float32", "float64"):
        info = np.finfo(dtype)
        tiny = info.smallest_subnormal
        zeros = np.array([0.0, -0.0, tiny, -3 * tiny, info.smallest_normal / 3], dtype)
        for m, n, k, kind in SHAPES:
            a = rng.uniform(-1, 1, (m, k)).astype(dtype)
            b = rng.uniform(-1, 1, (k, n)).astype(dtype)
            if kind in ("special", "zeros"):
                for x in (a, b):
                    # Many zeros and subnormals, and for "special" one NaN and one infinity per
                    # operand, which spoil one row or column each.
                    at = rng.choice(x.size, size=x.size // 4, replace=False)
                    x.flat[at] = rng.choice(zeros, size=at.size)
                    if kind == "special":
                        x.flat[at[:2]] = [np.nan, rng.choice([np.inf, -np.inf])]
            elif kind == "tiny":
                # Products below the smallest normal number: float32 2^-126, float64 2^-1022.
                a *= 2.0 ** (-70 if dtype == "float32" else -500)
                b *= 2.0 ** (-70 if dtype == "float32" else -540)
            cases.append({"kind": kind, "dtype": dtype, "m": m, "n": n, "k": k, "a": a, "b": b})
    return cases


def to_json(x):
    return [encode(v) for v in x.ravel().tolist()]


def products(cases):
    """`a @ b` for each case, with this interpreter's NumPy (silent about NaN)."""
    with np.errstate(all="ignore"):
        return [to_json(c["a"] @ c["b"]) for c in cases]


def reference_blas_child():
    """Run by /usr/bin/python3: reads the operands from stdin, prints the products."""
    cfg = np.__config__
    info = getattr(cfg, "blas_opt_info", {}) or {}
    if info.get("libraries") != ["blas", "blas"]:
        sys.exit(f"{sys.executable}'s NumPy does not use the reference BLAS: {info}")
    cases = [
        {"a": np.array(c["a"], c["dtype"]).reshape(c["m"], c["k"]),
         "b": np.array(c["b"], c["dtype"]).reshape(c["k"], c["n"])}
        for c in json.load(sys.stdin)
    ]
    json.dump({"numpy": np.__version__, "products": products(cases)}, sys.stdout)


def main():
    cases = operands()
    listed = [
        {"kind": c["kind"], "dtype": c["dtype"], "m": c["m"], "n": c["n"], "k": c["k"],
         "a": to_json(c["a"]), "b": to_json(c["b"])}
        for c in cases
    ]
    child = subprocess.run(
        [REFERENCE_PYTHON, __file__, "--reference-blas-child"],
        input=json.dumps(listed).replace('"nan"', "NaN").replace('"-inf"', "-Infinity")
        .replace('"inf"', "Infinity"),
        capture_output=True, text=True, check=True,
    )
    reference = json.loads(child.stdout)
    fixture = {
        "numpy_version": np.__version__,
        "reference_numpy_version": reference["numpy"],
        "cases": [
            {**c, "numpy": mine, "reference_blas": ref}
            for c, mine, ref in zip(listed, products(cases), reference["products"])
        ],
    }
    OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--reference-blas-child"]:
        reference_blas_child()
    else:
        main()
