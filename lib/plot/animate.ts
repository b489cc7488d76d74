/** Animated optimizer paths on a contour plot: one frame per iteration, with play and a slider. */
import { Figure, type Frame } from "./figure";
import { contourParts, type ContourOptions } from "./contour";
import { words } from "./theme";
import { checkInt } from "./values";
import type { SurfaceFunction } from "./grid";

/** Options for {@link contourAnimation}. */
export interface AnimationOptions extends ContourOptions {
  /** Most frames to emit; long paths are stepped through evenly. Default 60, range 2..500. */
  frames?: number;
  /** Milliseconds per frame when playing. Default 100. */
  frameDuration?: number;
}

/** Path lengths at each frame: evenly spaced from 1 to the longest path. */
function frameSteps(longest: number, count: number): number[] {
  const steps = new Set<number>();
  for (let i = 0; i < count; i++) steps.add(Math.round(1 + ((longest - 1) * i) / Math.max(1, count - 1)));
  return [...steps];
}

/**
 * Like `contour`, but the paths grow iteration by iteration when Play is pressed or the slider moved.
 * The figure starts on the last frame (full paths), which is also what the static image shows.
 *
 * @param f - `(x, y) => number`, or a surface such as `optim.rosenbrock()` (as for `contour`)
 * @param options - `contour`'s options plus frames and frameDuration; see {@link AnimationOptions}
 * @returns the figure with `frames`, `layout.updatemenus` (play/pause) and `layout.sliders`
 * @throws Error as `contour` does, or if there are no paths
 * @example
 * plot.contourAnimation(optim.rosenbrock(), { x: [-2, 2], y: [-1, 3], paths: [{ name: "Adam", points: adamPath }] }).show();
 */
export function contourAnimation(f: SurfaceFunction, options: AnimationOptions): Figure {
  if (!options?.paths?.length) throw new Error("contourAnimation: expected options.paths with at least one path to animate");
  const { data, paths, layout } = contourParts(f, options, "contourAnimation");
  const count = checkInt(options.frames ?? 60, 2, 500, "contourAnimation: options.frames");
  const longest = Math.max(...paths.map((p) => p.x.length));
  const steps = frameSteps(longest, count);
  const traceIds = paths.map((_, i) => i + 1);
  const frames: Frame[] = steps.map((k) => ({
    name: String(k - 1),
    data: paths.map((p) => ({ x: p.x.slice(0, k), y: p.y.slice(0, k) })),
    traces: traceIds,
  }));
  const duration = options.frameDuration ?? 100;
  const still = { mode: "immediate", frame: { duration: 0, redraw: false }, transition: { duration: 0 } };
  layout.updatemenus = [{
    type: "buttons", direction: "left", showactive: false, x: 0, xanchor: "left", y: -0.18, yanchor: "top",
    buttons: [
      { label: "▶", method: "animate", args: [null, { mode: "immediate", fromcurrent: false, frame: { duration, redraw: false }, transition: { duration: 0 } }] },
      { label: "❚❚", method: "animate", args: [[null], still] },
    ],
  }];
  layout.sliders = [{
    active: frames.length - 1, x: 0.12, len: 0.88, y: -0.12, yanchor: "top", pad: { t: 10 },
    currentvalue: { prefix: `${words(options.locale).step}: `, visible: true, xanchor: "right" },
    steps: frames.map((fr) => ({ label: fr.name, method: "animate", args: [[fr.name], still] })),
  }];
  layout.margin = { ...(layout.margin as object), b: 150 };
  layout.height = options.height ?? 540;
  return new Figure({ data, layout, frames });
}
