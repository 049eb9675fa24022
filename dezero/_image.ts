/**
 * The part of Pillow (the book's `PIL.Image`) that step 58 uses: opening a JPEG file
 * (`Image.open`), resizing (`image.resize`, Pillow's resampling to the bit) and the pixels as an
 * array (`np.asarray(image)`). Exported as `utils.Image`.
 *
 * JPEG files are decoded by `@jsquash/jpeg` from npm (Squoosh's MozJPEG decoder compiled to
 * WebAssembly, maintained by Jamie Sinclair), imported the first time a JPEG is opened. Its
 * decoder is libjpeg-turbo's, as Pillow's is, with the same defaults (accurate integer IDCT,
 * smooth chroma upsampling), so the pixels are Pillow's exactly (checked on 4:2:0 and 4:4:4
 * files made by Pillow 9.4 with libjpeg-turbo 2.1.5). `resize` is Pillow's convolution resampling
 * (`Resample.c`): each axis in turn, with the filter widened by the scale when shrinking, 22-bit
 * fixed-point weights and rounding to 8 bits after each pass; its default filter is bicubic, as
 * Pillow's since version 7.
 *
 * @module
 */

import { importSource } from "./_source_import.js";
import * as np from "./np/mod.ts";

/** Pillow's resampling filters of `resize` (all but nearest, which takes another path). */
export type Resample = "box" | "bilinear" | "hamming" | "bicubic" | "lanczos";

/** The decoder: a variable, so that `deno run` does not fetch it with the module graph. */
const JPEG_DECODER = "npm:@jsquash/jpeg@1.6.0/decode.js";
const JPEG_WASM = "npm:@jsquash/jpeg@1.6.0/codec/dec/mozjpeg_dec.wasm";

/** The part of `@jsquash/jpeg/decode.js` used here. */
interface JpegDecoder {
  init(module: WebAssembly.Module): Promise<void>;
  default(buffer: ArrayBuffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}

let decoder: Promise<JpegDecoder> | null = null;

/** The decoder, imported and instantiated once. */
function jpegDecoder(): Promise<JpegDecoder> {
  decoder ??= (async () => {
    const module = await import(JPEG_DECODER) as JpegDecoder;
    // The WebAssembly file is imported as a module (its "source"), so that no read permission
    // for Deno's npm cache is needed, as the decoder's own loader would need to fetch it.
    const wasm = await importSource(JPEG_WASM);
    await module.init(wasm);
    return module;
  })();
  return decoder;
}

/** A filter of Pillow's resampling: the kernel and its half-width at scale 1. */
interface Filter {
  readonly support: number;
  readonly kernel: (x: number) => number;
}

const sinc = (x: number): number => (x === 0 ? 1 : Math.sin(x * Math.PI) / (x * Math.PI));

// Pillow's filters (Resample.c), with its constants: hamming's 0.54f and 0.46f are floats.
const FILTERS: Record<Resample, Filter> = {
  box: { support: 0.5, kernel: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0) },
  bilinear: { support: 1, kernel: (x) => Math.max(0, 1 - Math.abs(x)) },
  hamming: {
    support: 1,
    kernel(x) {
      x = Math.abs(x);
      if (x === 0) return 1;
      if (x >= 1) return 0;
      x *= Math.PI;
      return Math.sin(x) / x * (Math.fround(0.54) + Math.fround(0.46) * Math.cos(x));
    },
  },
  bicubic: {
    support: 2,
    kernel(x) {
      const a = -0.5;
      x = Math.abs(x);
      if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
      if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
      return 0;
    },
  },
  lanczos: { support: 3, kernel: (x) => (-3 <= x && x < 3 ? sinc(x) * sinc(x / 3) : 0) },
};

/** Fixed-point precision of the weights: 32 bits less 8 for the pixel and 2 for overflow. */
const PRECISION_BITS = 32 - 8 - 2;

/**
 * The weights of one axis: for each output pixel, the first input pixel it reads (`first`),
 * how many (`count`), and their weights as fixed-point integers (`weights`, `ksize` a pixel).
 */
interface Coefficients {
  readonly ksize: number;
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly weights: Int32Array;
}

/** Pillow's `precompute_coeffs` and `normalize_coeffs_8bpc` for resizing `inSize` to `outSize`. */
function coefficients(inSize: number, outSize: number, filter: Filter): Coefficients {
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = filter.support * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      k[x] = filter.kernel((x + xmin - center + 0.5) / filterscale);
      ww += k[x];
    }
    for (let x = 0; x < xmax; x++) {
      const w = ww === 0 ? k[x] : k[x] / ww;
      weights[xx * ksize + x] = Math.trunc(
        w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS),
      );
    }
    first[xx] = xmin;
    count[xx] = xmax;
  }
  return { ksize, first, count, weights };
}

/** A fixed-point sum back to a byte: rounded down by the shift, then clipped to 0..255. */
function clip8(ss: number): number {
  const v = ss >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Resamples each row of `src` (`width` pixels of 3 bytes) from row `y0` on, to `c`'s width. */
function horizontal(
  src: Uint8Array,
  width: number,
  y0: number,
  rows: number,
  c: Coefficients,
): Uint8Array {
  const outW = c.first.length;
  const out = new Uint8Array(outW * rows * 3);
  const half = 1 << (PRECISION_BITS - 1);
  for (let yy = 0, o = 0; yy < rows; yy++) {
    const row = (yy + y0) * width * 3;
    for (let xx = 0; xx < outW; xx++) {
      const kBase = xx * c.ksize;
      let [s0, s1, s2] = [half, half, half];
      for (let x = 0, p = row + c.first[xx] * 3; x < c.count[xx]; x++, p += 3) {
        const w = c.weights[kBase + x];
        s0 += src[p] * w;
        s1 += src[p + 1] * w;
        s2 += src[p + 2] * w;
      }
      out[o++] = clip8(s0);
      out[o++] = clip8(s1);
      out[o++] = clip8(s2);
    }
  }
  return out;
}

/** Resamples each column of `src` (`width` pixels of 3 bytes a row) to `c`'s height. */
function vertical(src: Uint8Array, width: number, c: Coefficients, shift: number): Uint8Array {
  const outH = c.first.length;
  const stride = width * 3;
  const out = new Uint8Array(outH * stride);
  const half = 1 << (PRECISION_BITS - 1);
  for (let yy = 0, o = 0; yy < outH; yy++) {
    const kBase = yy * c.ksize;
    const top = (c.first[yy] - shift) * stride;
    for (let i = 0; i < stride; i++) {
      let ss = half;
      for (let y = 0, p = top + i; y < c.count[yy]; y++, p += stride) {
        ss += src[p] * c.weights[kBase + y];
      }
      out[o++] = clip8(ss);
    }
  }
  return out;
}

/**
 * An RGB image, 8 bits a channel, rows top to bottom (Pillow's `Image` in mode "RGB").
 *
 * @example
 * ```ts
 * import { Image } from "./_image.ts";
 * import assert from "node:assert/strict";
 * const image = new Image(2, 1, new Uint8Array([255, 0, 0, 0, 0, 255])); // red, blue
 * assert.deepEqual(image.size, [2, 1]);
 * assert.equal(image.toArray().toString(), "[[[255   0   0]\n  [  0   0 255]]]");
 * assert.deepEqual([...image.resize([1, 1], "box").data], [128, 0, 128]);
 * ```
 */
export class Image {
  /**
   * @param width the width in pixels
   * @param height the height in pixels
   * @param data the pixels' red, green and blue bytes, row by row
   */
  constructor(readonly width: number, readonly height: number, readonly data: Uint8Array) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new TypeError(
        `an image's width and height are positive integers, not ${width}, ${height}`,
      );
    }
    if (!(data instanceof Uint8Array) || data.length !== width * height * 3) {
      throw new TypeError(
        `an RGB image of ${width}×${height} holds ${width * height * 3} bytes in a Uint8Array`,
      );
    }
  }

  /**
   * Opens a JPEG file (Pillow's `Image.open`, for JPEG files): decodes it to RGB. The decoder is
   * downloaded from npm the first time (Deno caches it). Needs `--allow-read` for the file.
   *
   * @param path the file
   * @throws {TypeError} when the file is not a JPEG file
   *
   * @example
   * ```ts
   * import { Image } from "./_image.ts";
   * import assert from "node:assert/strict";
   * try {
   *   await Image.open(new URL(import.meta.url)); // this module's source, not a JPEG file
   *   assert.fail("opened");
   * } catch (e) {
   *   // A TypeError; without --allow-read, Deno's NotCapable.
   *   assert.ok(e instanceof Deno.errors.NotCapable || /not a JPEG file/.test(String(e)));
   * }
   * ```
   */
  static async open(path: string | URL): Promise<Image> {
    const bytes = await Deno.readFile(path);
    return Image.fromJpeg(bytes, String(path));
  }

  /**
   * Decodes the bytes of a JPEG file to RGB (greyscale files become grey RGB, as Pillow's
   * `convert("RGB")`).
   *
   * @param bytes the file's bytes
   * @param name the file's name, for messages
   *
   * @example
   * ```ts
   * import { Image } from "./_image.ts";
   * import assert from "node:assert/strict";
   * await assert.rejects(Image.fromJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47])), /not a JPEG file/);
   * ```
   */
  static async fromJpeg(bytes: Uint8Array, name = "the bytes"): Promise<Image> {
    if (bytes.length < 3 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) {
      throw new TypeError(
        `${name} is not a JPEG file (it does not start with FF D8 FF): Image.open reads JPEG ` +
          "files only",
      );
    }
    const { default: decode } = await jpegDecoder();
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    const rgba = await decode(buffer as ArrayBuffer);
    const { width, height } = rgba;
    const rgb = new Uint8Array(width * height * 3);
    for (let i = 0, j = 0; j < rgb.length; i += 4) {
      rgb[j++] = rgba.data[i];
      rgb[j++] = rgba.data[i + 1];
      rgb[j++] = rgba.data[i + 2];
    }
    return new Image(width, height, rgb);
  }

  /** `[width, height]`, Pillow's `size`. */
  get size(): [number, number] {
    return [this.width, this.height];
  }

  /**
   * The image resized to `[width, height]`, as Pillow's `resize` computes it (bicubic by default,
   * Pillow's default since version 7).
   *
   * @param size the new `[width, height]`
   * @param resample the filter
   *
   * @example
   * ```ts
   * import { Image } from "./_image.ts";
   * import assert from "node:assert/strict";
   * const image = new Image(4, 1, new Uint8Array([0, 0, 0, 100, 100, 100, 200, 200, 200, 255, 255, 255]));
   * assert.deepEqual([...image.resize([2, 1], "bilinear").data], [71, 71, 71, 209, 209, 209]);
   * ```
   */
  resize(size: readonly [number, number], resample: Resample = "bicubic"): Image {
    const ok = Array.isArray(size) && size.length === 2 &&
      size.every((d) => Number.isInteger(d) && d > 0);
    if (!ok) {
      throw new TypeError(`resize takes [width, height], two positive integers, not ${size}`);
    }
    const filter = FILTERS[resample];
    if (filter === undefined) {
      throw new TypeError(
        `resize has no filter "${resample}": the filters are ${Object.keys(FILTERS).join(", ")}`,
      );
    }
    const [width, height] = size;
    if (width === this.width && height === this.height) {
      return new Image(width, height, this.data.slice());
    }
    const vert = coefficients(this.height, height, filter);
    let data = this.data;
    let shift = 0;
    if (width !== this.width) {
      // Only the rows that the vertical pass reads.
      const y0 = vert.first[0];
      const y1 = vert.first[height - 1] + vert.count[height - 1];
      data = horizontal(data, this.width, y0, y1 - y0, coefficients(this.width, width, filter));
      shift = y0;
    }
    if (height !== this.height) data = vertical(data, width, vert, shift);
    return new Image(width, height, data);
  }

  /**
   * The pixels as an array of shape `(height, width, 3)`: `np.asarray(image, dtype)`.
   *
   * @param dtype the array's dtype (uint8 by default)
   *
   * @example
   * ```ts
   * import { Image } from "./_image.ts";
   * import assert from "node:assert/strict";
   * const image = new Image(1, 1, new Uint8Array([1, 2, 3]));
   * assert.equal(image.toArray("float32").toString(), "[[[1. 2. 3.]]]");
   * ```
   */
  toArray(dtype: np.DType = "uint8"): np.NDArray {
    const a = new np.NDArray([this.height, this.width, 3], "uint8", this.data.slice());
    return dtype === "uint8" ? a : a.astype(dtype);
  }
}
