/**
 * Step 55: CNN mechanism (1) — CNN 메커니즘 (1)
 *
 * Since step 54: no new DeZero code. A convolutional layer slides a filter of KH×KW over an image
 * of H×W, with a stride (SH, SW) between two applications and a padding (PH, PW) of zeros around
 * the image; the output has
 *
 *     OH = floor((H + 2·PH − KH) / SH) + 1,   OW = floor((W + 2·PW − KW) / SW) + 1
 *
 * pixels a side. For a 4×4 input, a 3×3 filter, stride 1 and padding 1, the output is 4×4 again
 * ("same" padding). The package has this function as `utils.getConvOutsize`, which step 57's
 * convolutions use.
 *
 * Differences from the book: Python's floor division `a // b` is `Math.floor(a / b)`.
 *
 * Run: deno run steps/step55.ts
 * @module
 */

/**
 * The output size of a convolution along one axis.
 *
 * @param inputSize the input's size
 * @param kernelSize the filter's size
 * @param stride the stride
 * @param pad the padding on each side
 */
function getConvOutsize(
  inputSize: number,
  kernelSize: number,
  stride: number,
  pad: number,
): number {
  return Math.floor((inputSize + pad * 2 - kernelSize) / stride) + 1;
}

if (import.meta.main) {
  const [H, W] = [4, 4]; // Input size
  const [KH, KW] = [3, 3]; // Kernel size
  const [SH, SW] = [1, 1]; // Kernel stride
  const [PH, PW] = [1, 1]; // Padding size

  const OH = getConvOutsize(H, KH, SH, PH);
  const OW = getConvOutsize(W, KW, SW, PW);
  console.log(OH, OW);
}
