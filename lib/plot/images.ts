/** A grid of greyscale images (MNIST digits, filters), with optional captions. */
import { Figure, type Trace } from "./figure";
import { axisRefs, baseLayout, gridDomains, type ChartOptions } from "./layout";
import { SCALES } from "./theme";
import { checkInt, isTensor, type TensorLike } from "./values";

/** Options for {@link imageGrid}. */
export interface ImageGridOptions extends ChartOptions {
  /** Caption per image (e.g. the true or predicted digit). */
  labels?: Array<string | number>;
  /** Images per row. Default min(N, 8). */
  columns?: number;
  /** [H, W] of flattened images ([N, H*W] input). Default: square. */
  shape?: [number, number];
}

/** Images as [N][H][W] from [N, H, W], [N, H, W, 1] or [N, H*W] input. */
function readImages(images: unknown, shape?: [number, number]): number[][][] {
  const raw = (isTensor(images) ? images.arraySync() : images) as unknown;
  if (!Array.isArray(raw) || raw.length === 0) throw new Error("imageGrid: expected images [N, H, W], [N, H, W, 1] or [N, H*W] (array or tensor), got an empty or non-array value");
  return (raw as unknown[]).map((img, i) => {
    const a = Array.from(img as ArrayLike<unknown>);
    if (a.length > 0 && typeof a[0] === "number") {
      const [h, w] = shape ?? [Math.round(Math.sqrt(a.length)), Math.round(Math.sqrt(a.length))];
      if (h * w !== a.length) throw new Error(`imageGrid: image ${i} has ${a.length} values, which is not ${shape ? `${h} x ${w}` : "a square"}; pass options.shape [H, W]`);
      return Array.from({ length: h }, (_, r) => (a as number[]).slice(r * w, (r + 1) * w));
    }
    return a.map((row) => Array.from(row as ArrayLike<unknown>, (p) => (typeof p === "number" ? p : Number((p as number[])[0]))));
  });
}

/**
 * Images side by side in a grid, dark ink on white, each with its caption above.
 *
 * @param images - [N, H, W], [N, H, W, 1] or [N, H*W]; values 0..1 or 0..255; N <= 100
 * @returns the figure: one heatmap trace per image, on its own hidden axes with equal aspect
 * @throws Error on empty input, more than 100 images, or a shape that cannot be read
 * @example
 * plot.imageGrid(xTrain.slice([0, 0], [16, 784]), { labels: yTrain.slice(0, 16), title: "Цифры MNIST" }).show();
 */
export function imageGrid(images: TensorLike | ArrayLike<ArrayLike<number>> | ArrayLike<ArrayLike<ArrayLike<number>>>, options: ImageGridOptions = {}): Figure {
  const imgs = readImages(images, options.shape);
  if (imgs.length > 100) throw new Error(`imageGrid: at most 100 images, got ${imgs.length}; pass a slice`);
  if (options.labels && options.labels.length !== imgs.length) throw new Error(`imageGrid: ${imgs.length} images but ${options.labels.length} labels`);
  const cols = checkInt(options.columns ?? Math.min(imgs.length, 8), 1, imgs.length, "imageGrid: options.columns");
  const rows = Math.ceil(imgs.length / cols);
  const peak = Math.max(...imgs.flat(2));
  const zmax = peak > 1 ? 255 : 1;
  const domains = gridDomains(rows, cols, 0.02);
  const data: Trace[] = [];
  const layout = baseLayout({ ...options, height: options.height ?? (options.title ? 90 : 50) + rows * (options.labels ? 110 : 90) }, { showlegend: false, annotations: [] as unknown[], margin: { l: 20, r: 20, t: options.title ? 80 : 30, b: 20 } });
  delete layout.xaxis;
  delete layout.yaxis;
  imgs.forEach((img, i) => {
    const ref = axisRefs(i);
    data.push({ type: "heatmap", z: img, xaxis: ref.x, yaxis: ref.y, zmin: 0, zmax, colorscale: SCALES.ink, showscale: false, hovertemplate: "%{z}<extra></extra>" });
    layout[ref.xKey] = { domain: domains[i].x, visible: false, anchor: ref.y, constrain: "domain" };
    layout[ref.yKey] = { domain: domains[i].y, visible: false, anchor: ref.x, autorange: "reversed", scaleanchor: ref.x, constrain: "domain" };
    if (options.labels) {
      (layout.annotations as unknown[]).push({ text: String(options.labels[i]), x: (domains[i].x[0] + domains[i].x[1]) / 2, y: domains[i].y[1], xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });
    }
  });
  return new Figure({ data, layout });
}
