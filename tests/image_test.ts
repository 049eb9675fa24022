/**
 * `utils.Image` (step 58's part of Pillow) and `VGG16.preprocess`, against Pillow 9.4 with
 * libjpeg-turbo 2.1.5 (tests/fixtures/image.json and the JPEG files in tests/fixtures/image/,
 * made by tools/gen_image_fixture.py): the decoded pixels of a 4:2:0, a 4:4:4 and a greyscale
 * JPEG file, `resize` with each filter to sizes that shrink, enlarge, or change one axis, and
 * the book's `VGG16.preprocess` lines. All must be equal to the bit.
 *
 * Opening the files needs `--allow-read` (`deno task test` grants it).
 */
import assert from "node:assert/strict";
import { utils, VGG16 } from "../dezero/full.ts";
import fixture from "./fixtures/image.json" with { type: "json" };
import { READ_REPO, testWith } from "./_permissions.ts";

const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const file = (name: string) => new URL(`./fixtures/image/${name}.jpg`, import.meta.url);

/** The index and values of the first pixel byte where `a` and `b` differ, or null. */
function firstDifference(a: Uint8Array, b: Uint8Array): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  const i = a.findIndex((v, j) => v !== b[j]);
  return i < 0 ? null : `byte ${i}: ${a[i]} where Pillow has ${b[i]}`;
}

await testWith("JPEG files decode to Pillow's pixels exactly (4:2:0, 4:4:4, greyscale)", [
  READ_REPO,
], async () => {
  for (const [name, expected] of Object.entries(fixture.decoded)) {
    const image = await utils.Image.open(file(name));
    assert.deepEqual(image.size, expected.size, name);
    assert.equal(firstDifference(image.data, bytes(expected.rgb)), null, name);
  }
});

await testWith("resize equals Pillow's for every filter, shrinking and enlarging", [
  READ_REPO,
], async () => {
  const image = await utils.Image.open(file("small"));
  for (const { size, filter, rgb } of fixture.resized) {
    const resized = image.resize(size as [number, number], filter as utils.Resample);
    assert.deepEqual(resized.size, size);
    assert.equal(firstDifference(resized.data, bytes(rgb)), null, `${filter} to ${size}`);
  }
  const byDefault = image.resize(fixture.default.size as [number, number]);
  assert.equal(firstDifference(byDefault.data, bytes(fixture.default.rgb)), null, "default");
});

await testWith("VGG16.preprocess gives the book's array", [READ_REPO], async () => {
  const image = await utils.Image.open(file("small"));
  const { size, shape, data } = fixture.preprocess;
  const x = VGG16.preprocess(image, { size: size as [number, number] });
  assert.deepEqual([x.shape, x.dtype], [shape, "float32"]);
  assert.deepEqual([...x.data], data);
});

Deno.test("Image checks its arguments", async () => {
  assert.throws(() => new utils.Image(2, 2, new Uint8Array(11)), /holds 12 bytes/);
  assert.throws(() => new utils.Image(0, 2, new Uint8Array(0)), /positive integers/);
  const image = new utils.Image(2, 2, new Uint8Array(12));
  assert.throws(() => image.resize([0, 3]), /two positive integers/);
  assert.throws(() => image.resize([3, 3], "nearest" as never), /no filter "nearest"/);
  await assert.rejects(utils.Image.fromJpeg(new Uint8Array([1, 2, 3])), /not a JPEG file/);
  assert.throws(
    () => VGG16.preprocess(new Uint8Array(3) as never),
    /utils\.Image\.open\(path\)/,
  );
});
