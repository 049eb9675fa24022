"""Writes tests/fixtures/stage4_training.json: the per-epoch losses and accuracies of two seeded
training runs of the book's Python DeZero, which tests/stage4_training_test.ts repeats with the
port, written as a user of it would:

- "step50": the book's step 50 (spiral, MLP((10, 3)) with sigmoid, SGD(lr=1.0), batches of 30
  from a shuffled DataLoader, test set in order without gradients), for 30 epochs instead of 300;
- "adam": an MLP((20, 20, 3)) with ReLU on the spiral, Adam(alpha=0.01) with a WeightDecay(1e-4)
  hook, batches of 50, for 20 epochs.

Each epoch keeps the mean training loss and accuracy over the examples, and the same on the test
set, as step 50 prints them but at full precision. The book's code runs under NumPy 2 with
L.Linear's float32 weights (see tools/_book.py), which is what the port does.

Run from the repository's root, with NumPy 2 and the book's repository (a checkout or a bare git
directory):  python3 tools/gen_stage4_training.py PATH/TO/deep-learning-from-scratch-3
"""

import json
import pathlib

import numpy as np

import _book


def train(model, optimizer, train_loader, test_loader, epochs):
    import dezero
    import dezero.functions as F

    history = []
    for _ in range(epochs):
        record = {}
        for name, loader in [("train", train_loader), ("test", test_loader)]:
            sum_loss, sum_acc, n = 0.0, 0.0, 0
            with dezero.using_config("enable_backprop", name == "train"):
                for x, t in loader:
                    y = model(x)
                    loss = F.softmax_cross_entropy(y, t)
                    acc = F.accuracy(y, t)
                    if name == "train":
                        model.cleargrads()
                        loss.backward()
                        optimizer.update()
                    sum_loss += float(loss.data) * len(t)
                    sum_acc += float(acc.data) * len(t)
                    n += len(t)
            record[name + "_loss"] = sum_loss / n
            record[name + "_acc"] = sum_acc / n
        history.append(record)
    return history


def main():
    _book.load(_book.book_argument(__doc__))
    import dezero.functions as F
    from dezero import DataLoader, datasets, optimizers
    from dezero.models import MLP

    # Step 50, as the book has it (its datasets seed NumPy's generator themselves).
    train_set = datasets.Spiral(train=True)
    test_set = datasets.Spiral(train=False)
    train_loader = DataLoader(train_set, 30)
    test_loader = DataLoader(test_set, 30, shuffle=False)
    model = MLP((10, 3))
    optimizer = optimizers.SGD(1.0).setup(model)
    step50 = train(model, optimizer, train_loader, test_loader, 30)

    train_loader = DataLoader(datasets.Spiral(train=True), 50)
    test_loader = DataLoader(datasets.Spiral(train=False), 50, shuffle=False)
    model = MLP((20, 20, 3), activation=F.relu)
    optimizer = optimizers.Adam(alpha=0.01).setup(model)
    optimizer.add_hook(optimizers.WeightDecay(1e-4))
    adam = train(model, optimizer, train_loader, test_loader, 20)

    fixture = {
        "source": f"the book's dezero, NumPy {np.__version__}, float32 weights",
        "step50": step50,
        "adam": adam,
    }
    out = pathlib.Path("tests/fixtures/stage4_training.json")
    out.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
