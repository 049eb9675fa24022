#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: checks that DeZero's WebGPU path gives the CPU's numbers there
# (tests/gpu_test.ts: every kernel against the CPU, a few MLP steps against the CPU's), then times
# step 52's epoch on the GPU against the CPU path and the MLP's largest product (bench/gpu.ts, on
# synthetic MNIST-sized data, since such machines often have no network). Self-contained; run from
# the repository root, a few minutes in all:
#
#   bash bench/gpu_device_check.sh [BATCHES]     (default 30 minibatches per timed epoch)
#
# Needs Deno 2.9.4+: on PATH, or in $DENO, or carried along as .deno/deno or .deno/deno.gz (the
# binary gzipped is about 40 MB). Deno's WebGPU reaches an NVIDIA GPU through Vulkan (the loader
# libvulkan.so.1 and NVIDIA's ICD, nvidia_icd.json) or through EGL (libEGL_nvidia); the script
# says what it finds, and what Deno's adapter is.
set -uo pipefail
cd "$(dirname "$0")/.."
batches=${1:-30}

deno=${DENO:-$(command -v deno || true)}
if [[ -z $deno && -x .deno/deno ]]; then deno=$PWD/.deno/deno; fi
if [[ -z $deno && -f .deno/deno.gz ]]; then
  mkdir -p /tmp/dezero-deno && gunzip -c .deno/deno.gz >/tmp/dezero-deno/deno &&
    chmod +x /tmp/dezero-deno/deno && deno=/tmp/dezero-deno/deno
fi
if [[ -z $deno ]]; then
  echo "no deno: put it on PATH, set DENO, or carry .deno/deno.gz (gzip -c \$(which deno))" >&2
  exit 2
fi
echo "== $("$deno" --version | head -1)"

echo "== GPU and drivers"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null ||
  echo "nvidia-smi: not found"
ldconfig -p 2>/dev/null | grep -E 'libvulkan\.so\.1|libEGL_nvidia\.so|libEGL\.so\.1' |
  sed 's/^\s*/  /' || true
for d in /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/share/glvnd/egl_vendor.d; do
  [[ -d $d ]] && echo "  $d: $(ls "$d" | tr '\n' ' ')"
done
ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1' ||
  echo "  no Vulkan loader: apt-get install libvulkan1 (NVIDIA's driver provides the ICD)"

echo "== the adapter Deno's WebGPU gives (by backend)"
probe='const a = await navigator.gpu?.requestAdapter({ powerPreference: "high-performance" });
console.log(a ? `${a.info.vendor} | ${a.info.architecture} | ${a.info.device} | ` +
  `${a.info.description} | fallback ${a.info.isFallbackAdapter ?? a.isFallbackAdapter}` : "none");'
echo "  default: $("$deno" eval "$probe" 2>&1 | tail -1)"
for backend in vulkan gl; do
  echo "  $backend: $(DENO_WEBGPU_BACKEND=$backend "$deno" eval "$probe" 2>&1 | tail -1)"
done

echo "== correctness: tests/gpu_test.ts (the GPU against the CPU)"
NO_COLOR=1 timeout 300 "$deno" test --allow-read=.,/tmp --allow-run=deno --allow-env \
  tests/gpu_test.ts 2>&1 | grep -E '\.\.\. |passed|failed|error' | tail -30

echo "== timing: bench/gpu.ts, $batches minibatches per epoch"
PATH=$(dirname "$deno"):$PATH NO_COLOR=1 timeout 420 "$deno" run --allow-run=deno --allow-read \
  --allow-write=/tmp bench/gpu.ts --synthetic "--batches=$batches"
