"""Generate tests/fixtures/cnn_models.json and tests/fixtures/tiny_cnn.npz with the book's own
DeZero, for tests/cnn_models_test.ts: the parameter names and shapes of VGG16 and ResNet-50
after a forward pass on a 32x32 image (the names of ResNet-101 and -152 without one), which
are the names of the arrays in the book's weight files; the seeded initial weights and outputs
of L.Conv2d, L.Deconv2d and L.EmbedID; and a small CNN whose weights save_weights writes to
tiny_cnn.npz, with its output in test mode.

Run with the book's repository (https://github.com/oreilly-japan/deep-learning-from-scratch-3)
on the path and NumPy 1.24, the book's era (Debian's /usr/bin/python3 here): under NumPy 2 the
book's L.Conv2d and L.Linear make float64 weights, since NumPy 2 no longer casts the np.float64
scale down to the float32 array.

    PYTHONPATH=/path/to/deep-learning-from-scratch-3 /usr/bin/python3 tools/gen_cnn_models_fixture.py

(The book's dezero imports matplotlib and PIL at its top; where they are missing, put stubs of
them on the path too.)
"""

import json
from pathlib import Path

import numpy as np

import dezero
import dezero.functions as F
import dezero.layers as L
from dezero import Model
from dezero.models import VGG16, ResNet, ResNet50

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def shapes(model):
    params = {}
    model._flatten_params(params)
    return {k: list(p.data.shape) for k, p in sorted(params.items())}


def keys(model):
    params = {}
    model._flatten_params(params)
    return sorted(params)


def arr(a):
    return {"shape": list(a.shape), "dtype": str(a.dtype), "data": a.ravel().tolist()}


class TinyCNN(Model):
    def __init__(self):
        super().__init__()
        self.conv1 = L.Conv2d(4, 3, pad=1)
        self.bn1 = L.BatchNorm()
        self.fc2 = L.Linear(2)

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        h = F.pooling(h, 2, 2)
        return self.fc2(F.reshape(h, (h.shape[0], -1)))


def main():
    fixture = {"numpy": np.__version__}
    x = np.random.RandomState(0).randn(1, 3, 32, 32).astype(np.float32)
    with dezero.test_mode():
        vgg = VGG16()
        vgg(x)
        fixture["vgg16"] = shapes(vgg)
        resnet = ResNet50()
        resnet(x)
        fixture["resnet50"] = shapes(resnet)
    fixture["resnet101Keys"] = keys(ResNet(101))
    fixture["resnet152Keys"] = keys(ResNet(152))

    # Seeded layers: the numbers the book's lazy initialisation draws.
    np.random.seed(0)
    x = np.random.randn(2, 3, 5, 5).astype(np.float32)
    conv = L.Conv2d(4, kernel_size=3, stride=2, pad=1)
    y = conv(x)
    fixture["conv2d"] = {"x": arr(x), "W": arr(conv.W.data), "y": arr(y.data)}
    np.random.seed(1)
    x = np.random.randn(1, 3, 4, 4).astype(np.float32)
    deconv = L.Deconv2d(2, kernel_size=4, stride=2, pad=1)
    y = deconv(x)
    fixture["deconv2d"] = {"x": arr(x), "W": arr(deconv.W.data), "y": arr(y.data)}
    np.random.seed(2)
    fixture["embedId"] = {"W": arr(L.EmbedID(5, 3).W.data)}

    # A small CNN, one training-mode pass (which moves BatchNorm's averages), saved.
    np.random.seed(3)
    x = np.random.randn(3, 3, 6, 6).astype(np.float32)
    model = TinyCNN()
    model(x)
    model.save_weights(str(FIXTURES / "tiny_cnn.npz"))
    with dezero.test_mode():
        y = model(x)
    fixture["tinyCnn"] = {"x": arr(x), "y": arr(y.data), "shapes": shapes(model)}

    out = FIXTURES / "cnn_models.json"
    out.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
