import { test } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { plot } from "dlcourse";

/** Decodes the PNGs (8-bit RGB, filter 0 rows) embedded in a grid's HTML: [width, height, rgb]. */
function pngsIn(html: string): [number, number, Uint8Array][] {
  return [...html.matchAll(/data:image\/png;base64,([A-Za-z0-9+/=]+)/g)].map((m) => {
    const png = Buffer.from(m[1], "base64");
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.deepEqual([png[24], png[25]], [8, 2], "8-bit RGB");
    const len = png.readUInt32BE(33);
    assert.equal(png.subarray(37, 41).toString("latin1"), "IDAT");
    const rows = zlib.inflateSync(png.subarray(41, 41 + len));
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) {
      assert.equal(rows[y * (1 + 3 * w)], 0, "filter type 0");
      rgb.set(rows.subarray(y * (1 + 3 * w) + 1, (y + 1) * (1 + 3 * w)), y * w * 3);
    }
    return [w, h, rgb];
  });
}

test("colorImageGrid: one upscaled PNG per image with its caption, pixels in NHWC order", () => {
  const images = Uint8Array.from({ length: 2 * 2 * 2 * 3 }, (_, k) => k * 10); // two 2x2 RGB images
  const bundle = plot.colorImageGrid(images, { shape: [2, 2], labels: ["cat", "a<b"], scale: 2 }).toBundle();
  const html = bundle["text/html"] as string;
  assert.ok(html.includes(">cat</figcaption>") && html.includes("a&lt;b"), "captions, HTML-escaped");
  const pngs = pngsIn(html);
  assert.equal(pngs.length, 2);
  const [w, h, rgb] = pngs[1];
  assert.deepEqual([w, h], [4, 4]);
  // output pixel (3, 2) of image 1 comes from source pixel (1, 1): bytes 12 + 9..11
  assert.deepEqual([...rgb.subarray((3 * 4 + 2) * 3, (3 * 4 + 2) * 3 + 3)], [210, 220, 230]);
});

test("colorImageGrid: clear errors for a wrong length, too many images, mismatched labels", () => {
  assert.throws(() => plot.colorImageGrid(new Uint8Array(100)), /expected a Uint8Array of N·32·32·3 bytes, got 100 values/);
  assert.throws(() => plot.colorImageGrid(new Uint8Array(201 * 12), { shape: [2, 2] }), /expected 1\.\.200 images, got 201/);
  assert.throws(() => plot.colorImageGrid(new Uint8Array(24), { shape: [2, 2], labels: ["x"] }), /2 images but 1 labels/);
});
