/**
 * Step 56: CNN mechanism (2) — CNN 메커니즘 (2)
 *
 * Since step 55: no code (the book's step 56 has none): how convolutions handle channels and
 * batches, and pooling. This file prints nothing.
 *
 * Images have channels (3 for RGB), so data are 3-d, `(C, H, W)`, and a filter has the input's
 * channels too, `(C, KH, KW)`: one filter gives one output channel, the sum over the channels of
 * each channel's 2-d convolution. `OC` filters, `(OC, C, KH, KW)`, give `OC` output channels,
 * `(OC, OH, OW)`, and a bias adds one number per output channel, `(OC, 1, 1)` broadcast. A
 * minibatch of `N` images adds a first axis: `(N, C, H, W)` in, `(N, OC, OH, OW)` out. That is
 * the layout of `F.conv2d` and `L.Conv2d` (step 57) and of NumPy-based frameworks in general.
 *
 * Pooling shrinks each channel on its own: max pooling takes the largest value of each window
 * (2×2 with stride 2 halves height and width), average pooling their mean. It has no parameters,
 * keeps the number of channels, and makes the output robust to small shifts of the input.
 *
 * Run: deno run steps/step56.ts (prints nothing)
 * @module
 */
