"""Generate the JPEG files in tests/fixtures/image/ and tests/fixtures/image.json: what Pillow
decodes from them and its resize with each filter, for tests/image_test.ts (utils.Image and
VGG16.preprocess).

The images are synthetic (smooth gradients and noise, odd sizes), saved by Pillow: small.jpg
(4:2:0 chroma subsampling, Pillow's default), full.jpg (4:4:4) and grey.jpg (one channel, which
Pillow's convert("RGB") turns grey). For each, the fixture holds Pillow's RGB pixels, and for
small.jpg Pillow's resize to several sizes (shrinking, enlarging, one axis only) with each
filter, the default filter's result, and VGG16.preprocess's array for a 32x24 size computed as
the book computes it (float32 BGR minus the ImageNet means, channels first). Bytes are base64.

Run with Debian's Python, which has Pillow 9.4 (with libjpeg-turbo) and NumPy 1.24:

    /usr/bin/python3 tools/gen_image_fixture.py
"""

import base64
import json
from pathlib import Path

import numpy as np
import PIL
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
FILTERS = {
    "box": Image.BOX,
    "bilinear": Image.BILINEAR,
    "hamming": Image.HAMMING,
    "bicubic": Image.BICUBIC,
    "lanczos": Image.LANCZOS,
}
SIZES = [(23, 19), (70, 55), (61, 20), (30, 47), (7, 5), (1, 1)]


def synthetic(h, w, seed):
    rng = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.stack([
        128 + 100 * np.sin(xx / 7.0) * np.cos(yy / 5.0),
        128 + 90 * np.cos((xx + yy) / 9.0),
        128 + 60 * np.sin(xx * yy / 150.0),
    ], -1) + rng.randn(h, w, 3) * 20
    return np.clip(img, 0, 255).astype(np.uint8)


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype=np.uint8).tobytes()).decode()


def main():
    (ROOT / "image").mkdir(exist_ok=True)
    img = synthetic(47, 61, 1)
    Image.fromarray(img).save(ROOT / "image" / "small.jpg", quality=85)
    Image.fromarray(synthetic(20, 26, 2)).save(ROOT / "image" / "full.jpg", quality=92, subsampling=0)
    Image.fromarray(synthetic(18, 21, 3)[:, :, 1]).save(ROOT / "image" / "grey.jpg", quality=80)

    fixture = {"pillow": PIL.__version__, "jpeglib": Image.core.jpeglib_version, "decoded": {}}
    for name in ["small", "full", "grey"]:
        im = Image.open(ROOT / "image" / f"{name}.jpg").convert("RGB")
        fixture["decoded"][name] = {"size": list(im.size), "rgb": b64(np.asarray(im))}

    im = Image.open(ROOT / "image" / "small.jpg").convert("RGB")
    fixture["resized"] = [
        {"size": list(size), "filter": f, "rgb": b64(np.asarray(im.resize(size, FILTERS[f])))}
        for size in SIZES for f in FILTERS
    ]
    fixture["default"] = {"size": [23, 19], "rgb": b64(np.asarray(im.resize((23, 19))))}

    # VGG16.preprocess(image, size=(32, 24)), the book's lines.
    x = im.resize((32, 24))
    x = np.asarray(x, dtype=np.float32)
    x = x[:, :, ::-1]
    x -= np.array([103.939, 116.779, 123.68], dtype=np.float32)
    x = x.transpose((2, 0, 1))
    fixture["preprocess"] = {"size": [32, 24], "shape": list(x.shape), "data": x.ravel().tolist()}

    out = ROOT / "image.json"
    out.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
