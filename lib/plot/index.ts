/**
 * Charts for the course: Plotly figures that render interactively in JupyterLab and carry a
 * static SVG for GitHub, nbviewer and PDFs. Every helper returns a {@link Figure}; `.show()`
 * displays it. See lib/plot/README.md for the display design. ./spec.ts holds the figure JSON
 * types, shared by ./figure.ts and the SVG renderer in ./svg/ (which never imports the figure).
 *
 * Imports ../backend, ../core (input types) and ../display; no other lib folder imports it.
 */
export { Figure, PLOTLY_MIME, DEFAULT_CONFIG } from "./figure";
export type { Trace, Layout, Frame, FigureSpec } from "./figure";
export { renderSVG } from "./svg/render";
export { PALETTE, SEQUENCE, SCALES, FONT, colorFor, setLocale, words } from "./theme";
export type { ColorScale, ScaleName, Locale } from "./theme";
export type { ChartOptions } from "./layout";
export type { Vector, Matrix, TensorLike } from "./values";
export { line } from "./line";
export type { Series, LineOptions, LineInput } from "./line";
export { scatter } from "./scatter";
export type { ScatterOptions } from "./scatter";
export type { SurfaceFunction, TensorSurface } from "./grid";
export { contour } from "./contour";
export type { ContourOptions, Path } from "./contour";
export { contourAnimation } from "./animate";
export type { AnimationOptions } from "./animate";
export { surface } from "./surface";
export type { SurfaceOptions } from "./surface";
export { decisionBoundary } from "./boundary";
export type { BoundaryOptions, Prediction } from "./boundary";
export { histogramGrid, binCounts } from "./histograms";
export type { HistogramGridOptions, HistogramGroup, Values } from "./histograms";
export { roc, rocPoints } from "./roc";
export type { RocInput, RocOptions, RocPoints } from "./roc";
export { heatmap, confusionMatrix } from "./heatmap";
export type { HeatmapOptions, ConfusionOptions } from "./heatmap";
export { imageGrid } from "./images";
export type { ImageGridOptions } from "./images";
export { live, LiveChart } from "./live";
export type { LiveOptions } from "./live";
export { colorImageGrid } from "./color-images";
export type { ColorImageGridOptions } from "./color-images";
