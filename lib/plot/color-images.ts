/**
 * Colour images (NHWC bytes, e.g. CIFAR-10) as a captioned grid of PNGs: one `text/html` output
 * with images embedded as data URLs (works offline, in JupyterLab, on GitHub and in the notes)
 * (no Plotly: a static picture is all a grid of samples needs). Pixels are upscaled, nearest neighbour.
 */
import zlib from "node:zlib";
import type { Displayable, MimeBundle } from "../display";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A PNG file (8-bit RGB) of an H×W×3 byte image. */
function png(rgb: Uint8Array, h: number, w: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) rows.set(rgb.subarray(y * w * 3, (y + 1) * w * 3), y * (1 + 3 * w) + 1);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(rows)), chunk("IEND", new Uint8Array(0))]);
}

/** Image i of an NHWC byte array, upscaled `scale` times. */
function upscaled(images: Uint8Array, i: number, [h, w]: [number, number], scale: number): Uint8Array {
  const out = new Uint8Array(h * scale * w * scale * 3);
  for (let y = 0; y < h * scale; y++) {
    for (let x = 0; x < w * scale; x++) {
      const src = ((i * h + Math.floor(y / scale)) * w + Math.floor(x / scale)) * 3;
      out.set(images.subarray(src, src + 3), (y * w * scale + x) * 3);
    }
  }
  return out;
}

/** Options for {@link colorImageGrid}. */
export interface ColorImageGridOptions {
  /** [H, W] of each image. Default [32, 32]. */
  shape?: [number, number];
  /** Caption under each image (class names). */
  labels?: string[];
  /** Upscaling factor. Default 3. */
  scale?: number;
  /** Images per row. Default 10. */
  columns?: number;
  /** Heading above the grid. */
  title?: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);

/**
 * A grid of colour images with captions, displayable as a cell's result.
 *
 * @param images - N images [N, H, W, 3] as bytes 0..255 (NHWC, as loadCifar10 gives); N <= 200
 * @param options - see {@link ColorImageGridOptions}
 * @returns a Displayable (the cell's last expression, or `display(grid)`)
 * @throws Error if the length is not a multiple of H·W·3, N is over 200, or labels do not match N
 * @example
 * plot.colorImageGrid(cifar.train.images.subarray(0, 20 * 3072), { labels: [...] });
 */
export function colorImageGrid(images: Uint8Array, options: ColorImageGridOptions = {}): Displayable {
  const [h, w] = options.shape ?? [32, 32];
  const size = h * w * 3;
  if (!(images instanceof Uint8Array) || images.length % size !== 0) throw new Error(`plot.colorImageGrid: expected a Uint8Array of N·${h}·${w}·3 bytes, got ${images?.length} values`);
  const n = images.length / size;
  if (n < 1 || n > 200) throw new Error(`plot.colorImageGrid: expected 1..200 images, got ${n}; pass a subarray`);
  if (options.labels && options.labels.length !== n) throw new Error(`plot.colorImageGrid: ${n} images but ${options.labels.length} labels`);
  const scale = options.scale ?? 3;
  const cells = Array.from({ length: n }, (_, i) => {
    const src = `data:image/png;base64,${png(upscaled(images, i, [h, w], scale), h * scale, w * scale).toString("base64")}`;
    const caption = options.labels ? `<figcaption style="font-size:12px;text-align:center">${escapeHtml(options.labels[i])}</figcaption>` : "";
    return `<figure style="margin:2px"><img src="${src}" width="${w * scale}" height="${h * scale}" style="image-rendering:pixelated" alt="${escapeHtml(options.labels?.[i] ?? "")}">${caption}</figure>`;
  });
  const title = options.title ? `<div style="font-weight:bold;margin:4px 0">${escapeHtml(options.title)}</div>` : "";
  const markup = `${title}<div style="display:grid;grid-template-columns:repeat(${options.columns ?? 10},max-content);gap:2px">${cells.join("")}</div>`;
  const bundle: MimeBundle = { "text/html": markup, "text/plain": `[${n} images ${h}x${w}]` };
  return { toBundle: () => bundle };
}
