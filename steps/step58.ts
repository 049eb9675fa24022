/**
 * Step 58: A representative CNN (VGG16) — 대표적인 CNN(VGG16)
 *
 * Since step 57: the layers `L.Conv2d` (and `L.Deconv2d`, `L.BatchNorm`), the model `VGG16`
 * (`dezero/models.ts`: 13 convolutions and 3 fully connected layers) with the book's trained
 * weights (`{ pretrained: true }`, loaded by `loadWeights`), `VGG16.preprocess`, and
 * `datasets.ImageNet.labels()`. The step classifies a photo of a zebra: it downloads the photo,
 * the weights (528 MB) and the list of the 1000 ImageNet classes into `~/.dezero` (the first
 * time; files that Python DeZero downloaded there are used as they are), and prints the class
 * with the highest score: `zebra`.
 *
 * Offline, put the three files in `~/.dezero` yourself:
 * - https://github.com/oreilly-japan/deep-learning-from-scratch-3/raw/images/zebra.jpg
 * - https://github.com/koki0702/dezero-models/releases/download/v0.1/vgg16.npz
 * - https://gist.githubusercontent.com/yrevar/942d3a0ac09ec9e5eb3a/raw/238f720ff059c1f82f368259d1ca4ffa5dd8f9f5/imagenet1000_clsidx_to_labels.txt
 *
 * Differences from the book: Pillow's `Image.open(path)` is `await utils.Image.open(path)`
 * (JPEG files, decoded by libjpeg-turbo's decoder compiled to WebAssembly, `@jsquash/jpeg` from
 * npm, which Deno fetches the first time: the pixels are Pillow's); `preprocess` resizes as
 * Pillow's default filter (bicubic) does, to the bit; `x[np.newaxis]` is `x.get(np.newaxis)`;
 * `VGG16(pretrained=True)` is `new VGG16({ pretrained: true })`; `with dezero.test_mode():` is
 * `using _ = testMode();`. The book draws the model's graph to `vgg.pdf` every time; here
 * `--plot` draws it to `vgg.svg` (`--plot=FILE` for another name; PDF and PNG need Graphviz).
 *
 * Run: deno run --allow-env=HOME --allow-read --allow-write --allow-net steps/step58.ts
 *      (about 2 minutes on a 2-core machine, most of it the forward pass's 15.5 billion
 *      multiply-adds; the first run also downloads 528 MB)
 * @module
 */
import { datasets, np, testMode, utils, VGG16 } from "../dezero/full.ts";

const url = "https://github.com/oreilly-japan/deep-learning-from-scratch-3/raw/images/zebra.jpg";

const plot = Deno.args.find((arg) => arg === "--plot" || arg.startsWith("--plot="));

if (import.meta.main) {
  try {
    const imgPath = utils.getFile(url);
    const img = await utils.Image.open(imgPath);

    let x = VGG16.preprocess(img);
    x = x.get(np.newaxis);

    const model = new VGG16({ pretrained: true });
    let y;
    {
      using _ = testMode();
      y = model.call(x);
    }
    const predictId = np.argmax(y.data!).item();

    if (plot !== undefined) await model.plot(x, { toFile: plot.slice(7) || "vgg.svg" });
    const labels = datasets.ImageNet.labels();
    console.log(labels[predictId]);
  } catch (e) {
    console.error(`step 58: ${(e as Error).message}`);
    console.error(
      "Step 58 needs the photo, VGG16's weights (528 MB) and the ImageNet class names in " +
        "~/.dezero: run it with --allow-env=HOME --allow-read --allow-write --allow-net to " +
        "download them, or put them there yourself (the URLs are at the top of steps/step58.ts).",
    );
    Deno.exit(1);
  }
}
