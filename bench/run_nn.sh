#!/usr/bin/env bash
# The networks' workloads (W7-W11, GEMM) side by side: this package (bench/nn.ts), the book's
# Python DeZero and PyTorch (the peer harness's py_dezero_nn.py and py_torch_nn.py, in $PEERS,
# default ../shared/bench), REPS times each, one process per (system, workload), the systems
# interleaved. Prints one JSON record per line (the harness's schema) to $OUT, then a table of
# medians with the spread (± half the range, in % of the median).
#
#   REPS=5 ONLY="W7 W8" bench/run_nn.sh
#
# Python runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (NumPy 2.4's own OpenBLAS picks
# its kernel); PyTorch under /usr/bin/python3 (Debian's python3-torch). FFI=1 adds a run of this
# package with --allow-ffi (the system BLAS, where one is installed; BLAS_DIR=folder adds a folder
# holding libopenblas.so.0 to that run's library path alone).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PEERS=${PEERS:-$ROOT/../shared/bench}
REPS=${REPS:-3}
ONLY=${ONLY:-"W7 W8 W9 W10 W11 GEMM"}
OUT=${OUT:-/tmp/dezero-nn.jsonl}
: > "$OUT"
systems=("dezero-ts|deno run --allow-read --allow-env --allow-run=cat $HERE/nn.ts")
[[ ${FFI:-0} == 1 ]] &&
  systems+=("dezero-ts-ffi|env LD_LIBRARY_PATH=${BLAS_DIR:-} deno run --allow-read --allow-env --allow-run=cat --allow-ffi $HERE/nn.ts")
[[ -f $PEERS/py_dezero_nn.py ]] &&
  systems+=("dezero-py|env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 $PEERS/py_dezero_nn.py")
[[ -f $PEERS/py_torch_nn.py && -x /usr/bin/python3 ]] &&
  systems+=("torch-cpu|/usr/bin/python3 $PEERS/py_torch_nn.py")
for rep in $(seq "$REPS"); do
  for w in $ONLY; do
    for entry in "${systems[@]}"; do
      name=${entry%%|*}
      cmd=${entry#*|}
      BENCH_SYSTEM=$name timeout 900 $cmd "$w" 2>/dev/null |
        sed "s/^{/{\"rep\": $rep, /" >> "$OUT"
    done
  done
done
python3 - "$OUT" <<'PY'
import json, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("value") is not None:
        rows[(r["case"], r["system"])].append(r["value"])
cases = sorted({c for c, _ in rows})
systems = sorted({s for _, s in rows})
print("| case | " + " | ".join(systems) + " |")
print("|---" * (len(systems) + 1) + "|")
for c in cases:
    cells = []
    for s in systems:
        v = sorted(rows.get((c, s), []))
        if not v:
            cells.append("—")
            continue
        med = v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2
        spread = (v[-1] - v[0]) / 2 / med * 100 if med else 0
        cells.append(f"{med:.4g} ±{spread:.0f}%")
    print(f"| {c} | " + " | ".join(cells) + " |")
PY
