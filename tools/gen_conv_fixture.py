"""Generate tests/fixtures/conv.json: PyTorch's convolution, pooling, unfold/fold and batch
normalization, forward and backward, for tests/functions_conv_test.ts.

PyTorch is an implementation independent of the book's: F.conv2d is torch's conv2d,
F.deconv2d its conv_transpose2d (DeZero's `outsize` beyond the default is torch's
output_padding), F.pooling its max_pool2d (on positive inputs, where torch's -inf padding and
the book's zero padding give the same maxima), F.averagePooling its avg_pool2d with
count_include_pad, F.im2colArray/col2imArray its unfold/fold, F.batchNorm its batch_norm (whose
running variance is the unbiased one, as the book's). Each case holds the inputs, the output,
an upstream gradient `gy` and the gradients of sum(y * gy) with respect to each input, all in
float64; one convolution is in float32.

Run with Debian's Python, which has PyTorch 1.13 (and NumPy 1.24):

    /usr/bin/python3 tools/gen_conv_fixture.py
"""

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as tf

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "conv.json"
rng = np.random.RandomState(20260558)


def arr(shape, positive=False):
    a = rng.randn(*shape)
    return np.abs(a) + 0.1 if positive else a


def t(a, dtype=torch.float64):
    return torch.tensor(a, dtype=dtype, requires_grad=True)


def out(a):
    a = a.detach().numpy() if isinstance(a, torch.Tensor) else a
    return {"shape": list(a.shape), "dtype": str(a.dtype), "data": a.ravel().tolist()}


def run(inputs, fn, dtype=torch.float64):
    """The output of fn on the inputs (None skipped), and the gradients of sum(y * gy)."""
    ts = [None if a is None else t(a, dtype) for a in inputs]
    y = fn(*ts)
    gy = arr(tuple(y.shape))
    (y * torch.tensor(gy, dtype=dtype)).sum().backward()
    return {
        "inputs": [None if a is None else out(x) for a, x in zip(inputs, ts)],
        "y": out(y),
        "gy": out(gy.astype(np.float32) if dtype == torch.float32 else gy),
        "grads": [None if x is None else out(x.grad) for x in ts],
    }


def conv_cases():
    cases = []
    for (N, C, H, W, OC, k, s, p, bias, dtype) in [
        (2, 3, 5, 5, 4, 3, 1, 1, True, torch.float64),
        (2, 3, 7, 6, 4, 3, 2, 1, True, torch.float64),
        (1, 2, 6, 7, 3, (2, 3), (2, 1), (1, 0), False, torch.float64),
        (2, 2, 8, 8, 3, 5, 3, 2, True, torch.float64),  # (H + 2p - k) not a multiple of s
        (1, 1, 4, 4, 1, 4, 1, 0, False, torch.float64),  # a 1x1 output
        (2, 3, 6, 6, 5, 3, 1, 1, True, torch.float32),
    ]:
        KH, KW = (k, k) if isinstance(k, int) else k
        x, Wt = arr((N, C, H, W)), arr((OC, C, KH, KW))
        b = arr((OC,)) if bias else None
        case = run([x, Wt, b], lambda x, w, b: tf.conv2d(x, w, b, stride=s, padding=p), dtype)
        case.update(kernel=[KH, KW], stride=s, pad=p)
        cases.append(case)
    return cases


def deconv_cases():
    cases = []
    for (N, C, H, W, OC, k, s, p, extra, bias) in [
        (2, 3, 4, 4, 2, 3, 1, 0, 0, True),
        (1, 3, 4, 5, 2, 3, 2, 1, 0, True),
        (2, 2, 3, 3, 3, (3, 2), (2, 3), (1, 0), (1, 2), False),  # outsize beyond the default
    ]:
        KH, KW = (k, k) if isinstance(k, int) else k
        x, Wt = arr((N, C, H, W)), arr((C, OC, KH, KW))
        b = arr((OC,)) if bias else None
        case = run(
            [x, Wt, b],
            lambda x, w, b: tf.conv_transpose2d(x, w, b, stride=s, padding=p, output_padding=extra),
        )
        case.update(kernel=[KH, KW], stride=s, pad=p, outsize=case["y"]["shape"][2:])
        cases.append(case)
    return cases


def pooling_cases(kind):
    cases = []
    for (N, C, H, W, k, s, p) in [
        (2, 3, 4, 4, 2, 2, 0),
        (1, 2, 7, 6, 3, 2, 1),
        (2, 2, 5, 5, 3, 1, 0),  # overlapping windows
        (1, 2, 6, 5, (2, 3), (1, 2), (1, 1)),
    ]:
        x = arr((N, C, H, W), positive=True)
        if kind == "max":
            fn = lambda x: tf.max_pool2d(x, k, s, p)  # noqa: E731
        else:
            fn = lambda x: tf.avg_pool2d(x, k, s, p, count_include_pad=True)  # noqa: E731
        case = run([x], fn)
        case.update(kernel=k, stride=s, pad=p)
        cases.append(case)
    return cases


def im2col_cases():
    cases = []
    for (N, C, H, W, k, s, p) in [
        (1, 3, 7, 7, 5, 1, 0),
        (2, 2, 5, 6, 3, 2, 1),
        (2, 3, 6, 5, (2, 3), (3, 1), (0, 2)),
    ]:
        x = arr((N, C, H, W))
        col = tf.unfold(torch.tensor(x), k, padding=p, stride=s)  # (N, C*KH*KW, L)
        matrix = col.transpose(1, 2).reshape(-1, col.shape[1])  # (N*OH*OW, C*KH*KW)
        ones = torch.ones_like(col)
        counts = tf.fold(ones, (H, W), k, padding=p, stride=s)  # how many patches hold a pixel
        cases.append({
            "x": out(x),
            "col": out(matrix),
            "col2imOfCol": out(tf.fold(col, (H, W), k, padding=p, stride=s)),
            "counts": out(counts),
            "kernel": k,
            "stride": s,
            "pad": p,
        })
    return cases


def batchnorm_cases():
    cases = []
    for shape, train in [((5, 3), True), ((2, 3, 4, 2), True), ((5, 3), False), ((2, 3, 4, 2), False)]:
        D = shape[1]
        x, gamma, beta = arr(shape) * 2 + 1, arr((D,)), arr((D,))
        mean, var = arr((D,)) * 0.1, np.abs(arr((D,))) + 0.5
        rm, rv = torch.tensor(mean), torch.tensor(var)
        case = run(
            [x, gamma, beta],
            lambda x, g, b: tf.batch_norm(x, rm, rv, g, b, training=train, momentum=0.1, eps=2e-5),
        )
        case.update(
            train=train, mean=out(mean), var=out(var), newMean=out(rm), newVar=out(rv),
        )
        cases.append(case)
    return cases


def main():
    fixture = {
        "torch": torch.__version__,
        "conv2d": conv_cases(),
        "deconv2d": deconv_cases(),
        "maxPooling": pooling_cases("max"),
        "averagePooling": pooling_cases("average"),
        "im2col": im2col_cases(),
        "batchNorm": batchnorm_cases(),
    }
    OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
