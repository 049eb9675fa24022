/**
 * Step 57: The conv2d and pooling functions — conv2d 함수와 pooling 함수
 *
 * Since step 56: `dezero/functions_conv.ts`, whose functions are in `F` beside the others:
 * `F.im2col` unrolls the patches under the kernel into a matrix (one row of `C·KH·KW` values per
 * output pixel, `N·OH·OW` rows), so that a convolution is one matrix product; `F.conv2dSimple`
 * builds the convolution from `im2col`, `reshape`, `transpose` and `linear`, and
 * `F.poolingSimple` max pooling from `im2col` and `max`. The package also has them as single
 * functions (`F.conv2d`, `F.deconv2d`, `F.pooling`, `F.averagePooling`) and as layers
 * (`L.Conv2d`, `L.Deconv2d`).
 *
 * Differences from the book: the keyword arguments are an options object,
 * `F.im2col(x1, 5, { stride: 1, pad: 0, toMatrix: true })`,
 * `F.conv2dSimple(x, W, null, { stride: 1, pad: 1 })` (`b=None` is `null`); the filters are
 * `weight`, since `W` already names the width (Python rebinds it). A shape is an array, printed
 * `[ 9, 75 ]` where the book's tuple prints `(9, 75)`.
 *
 * Run: deno run steps/step57.ts
 * @module
 */
import { F, np, Variable } from "../dezero/full.ts";

if (import.meta.main) {
  // im2col
  const x1 = np.random.rand(1, 3, 7, 7);
  const col1 = F.im2col(x1, 5, { stride: 1, pad: 0, toMatrix: true });
  console.log(col1.shape); // [ 9, 75 ]

  const x2 = np.random.rand(10, 3, 7, 7); // 10 images
  const kernelSize: [number, number] = [5, 5];
  const stride: [number, number] = [1, 1];
  const pad: [number, number] = [0, 0];
  const col2 = F.im2col(x2, kernelSize, { stride, pad, toMatrix: true });
  console.log(col2.shape); // [ 90, 75 ]

  // conv2d
  const [N, C, H, W] = [1, 5, 15, 15];
  const [OC, [KH, KW]] = [8, [3, 3]];
  const x = new Variable(np.random.randn(N, C, H, W));
  const weight = np.random.randn(OC, C, KH, KW);
  const y = F.conv2dSimple(x, weight, null, { stride: 1, pad: 1 });
  y.backward();
  console.log(y.shape); // [ 1, 8, 15, 15 ]
  console.log(x.grad!.shape); // [ 1, 5, 15, 15 ]
}
