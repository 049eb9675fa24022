"""Generate tests/fixtures/exp_correctly_rounded.json: e^x rounded to the nearest double.

Each value is computed with Python's `decimal` to 60 significant digits and then converted to
a float (correctly rounded), so it is independent of any libm, NumPy's or V8's.
tests/exp_kernel_test.ts checks dezero/exp_kernel.ts against it.

    python3 tools/gen_exp_fixture.py
"""

import json
import random
from decimal import Decimal, getcontext
from pathlib import Path

getcontext().prec = 60

# Inputs where fdlibm's exp (V8's Math.exp before LLVM libc's) is an ulp off; exp_kernel.ts
# probes the runtime with them.
FDLIBM_MISSES = [
    0.9576773643493652, -0.3229241371154785, -0.2559298276901245, 0.3569885492324829,
    -1.6314992904663086, -0.9834342002868652, -0.8777122497558594, 1.213222622871399,
    -0.8326249122619629, -0.869288444519043, -0.1871016025543213, 1.2173984050750732,
]


def main() -> None:
    rng = random.Random(20261122)
    xs = list(FDLIBM_MISSES)
    xs += [rng.uniform(-2, 2) for _ in range(3000)]
    xs += [rng.uniform(-708, 708) for _ in range(1000)]
    xs += [rng.uniform(-1e-6, 1e-6) for _ in range(500)]
    exps = [float(Decimal(x).exp()) for x in xs]
    out = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "exp_correctly_rounded.json"
    out.write_text(json.dumps({"x": xs, "exp": exps}) + "\n")
    print(f"wrote {len(xs)} cases to {out}")


if __name__ == "__main__":
    main()
