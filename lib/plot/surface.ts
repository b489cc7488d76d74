/** 3-D surface plots of a function of two variables (loss landscapes). */
import { Figure } from "./figure";
import { baseLayout, type ChartOptions } from "./layout";
import { logZ, sampleGrid, type SurfaceFunction, type GridRange } from "./grid";
import { SCALES, type ScaleName } from "./theme";

/** Options for {@link surface}. */
export interface SurfaceOptions extends ChartOptions, GridRange {
  /** Grid points per side. Default 50, range 2..400. */
  resolution?: number;
  /** z-axis title. Default "f". */
  zTitle?: string;
  /** Plot log10 f instead of f. Default false. */
  logZ?: boolean;
  /** Colour scale. Default "viridis". */
  colorscale?: ScaleName;
}

/**
 * A 3-D surface z = f(x, y), rotatable in JupyterLab.
 *
 * @param f - `(x, y) => number`, called once per grid point, or a surface such as `optim.saddle()`
 *   (one argument, points [P, 2] -> [P]), called once on all grid points
 * @param options - ranges, resolution, z title, log scale; see {@link SurfaceOptions}
 * @returns the figure: one surface trace, axis titles in `layout.scene`
 * @throws Error on bad ranges or resolution, or a non-numeric f
 * @example
 * plot.surface((x, y) => x * x - y * y, { x: [-2, 2], y: [-2, 2], title: "Седловая точка" }).show();
 * plot.surface(optim.saddle(), { x: [-2, 2], y: [-2, 2] }).show();
 */
export function surface(f: SurfaceFunction, options: SurfaceOptions): Figure {
  if (!options) throw new Error("surface: expected options with x and y ranges, e.g. { x: [-2, 2], y: [-2, 2] }");
  const g = sampleGrid(f, options.x, options.y, options.resolution ?? 50, "surface");
  const zTitle = options.zTitle ?? (options.logZ ? "log₁₀ f" : "f");
  const data = [{ type: "surface" as const, x: g.x, y: g.y, z: options.logZ ? logZ(g.z) : g.z, colorscale: SCALES[options.colorscale ?? "viridis"], showscale: true, colorbar: { title: { text: zTitle }, len: 0.7 } }];
  const title = (t: string | undefined) => (t ? { title: { text: t } } : {});
  const layout = baseLayout({ ...options, height: options.height ?? 520 }, {
    scene: { xaxis: title(options.xTitle ?? "x"), yaxis: title(options.yTitle ?? "y"), zaxis: title(zTitle), camera: { eye: { x: 1.25, y: 1.25, z: 1.25 } }, aspectmode: "manual", aspectratio: { x: 1, y: 1, z: 0.7 } },
  });
  delete layout.xaxis;
  delete layout.yaxis;
  return new Figure({ data, layout });
}
