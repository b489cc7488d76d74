// Runs on every page of the rendered notes, offline: typesets formulas with KaTeX and draws
// Plotly charts from the JSON each output carries. When both are done, <body> gets
// data-notes-ready="1" (the browser tests wait for it).
"use strict";

/** Math delimiters: those the notebooks use ($, $$) plus what nbconvert's Markdown keeps verbatim. */
var NOTES_DELIMITERS = [
  { left: "$$", right: "$$", display: true },
  { left: "\\[", right: "\\]", display: true },
  { left: "\\begin{equation}", right: "\\end{equation}", display: true },
  { left: "\\begin{equation*}", right: "\\end{equation*}", display: true },
  { left: "\\begin{align}", right: "\\end{align}", display: true },
  { left: "\\begin{align*}", right: "\\end{align*}", display: true },
  { left: "\\begin{gather}", right: "\\end{gather}", display: true },
  { left: "$", right: "$", display: false },
  { left: "\\(", right: "\\)", display: false },
];

function notesTypeset() {
  if (typeof renderMathInElement !== "function") throw new Error("notes: KaTeX auto-render did not load (assets/katex missing?)");
  // Only prose: Markdown cells and outputs, LaTeX outputs and the outline's goals; never code.
  document.querySelectorAll(".jp-RenderedMarkdown, .jp-RenderedLatex, .notes-math").forEach(function (el) {
    renderMathInElement(el, {
      delimiters: NOTES_DELIMITERS,
      // A formula KaTeX cannot parse (including an unknown command, which throwOnError: false
      // would paint red in place) stays as its TeX source and is reported on the console, where
      // `npm run notes -- --check` and the tests see it.
      throwOnError: true,
      // Russian words inside formulas are fine to show; KaTeX's strict mode would only warn.
      strict: "ignore",
    });
  });
}

// Trace types Plotly draws with WebGL; without WebGL (old phones, some print pipelines) the
// reader keeps the static image rather than an error box.
var NOTES_GL = /^(surface|mesh3d|scatter3d|cone|streamtube|volume|isosurface|scattergl|splom|parcoords|scattermapbox|densitymapbox|scattermap|densitymap|choroplethmap)$/;

function notesHasWebGL() {
  try {
    var canvas = document.createElement("canvas");
    return !!(window.WebGLRenderingContext && (canvas.getContext("webgl") || canvas.getContext("experimental-webgl")));
  } catch (e) {
    return false;
  }
}

function notesDrawOne(figure) {
  var spec = JSON.parse(figure.querySelector(".notes-plotly-spec").textContent);
  var needsGL = (spec.data || []).some(function (t) { return NOTES_GL.test(t.type || ""); });
  if (needsGL && !notesHasWebGL()) {
    figure.classList.add("notes-static-only");
    return Promise.resolve();
  }
  var layout = Object.assign({}, spec.layout || {});
  // A fixed width from the notebook would overflow a phone; the chart follows its column instead.
  delete layout.width;
  layout.autosize = true;
  var config = Object.assign({ displaylogo: false, responsive: true }, spec.config || {});
  // The figure form keeps `frames`, which animated charts (sliders, play buttons) need.
  var fig = { data: spec.data || [], layout: layout, config: config, frames: spec.frames || [] };
  return Plotly.newPlot(figure.querySelector(".notes-plotly-live"), fig).then(function () {
    figure.classList.add("notes-drawn");
  });
}

function notesDraw() {
  var figures = Array.prototype.slice.call(document.querySelectorAll(".notes-plotly"));
  if (!figures.length) return Promise.resolve();
  if (typeof Plotly === "undefined") return Promise.reject(new Error("notes: plotly.js did not load (assets/plotly.min.js missing?)"));
  return Promise.all(figures.map(notesDrawOne));
}

// The section list is a sidebar on wide screens: keep it unfolded there.
function notesToc() {
  var toc = document.querySelector(".notes-toc details");
  if (toc && window.matchMedia("(min-width: 1320px)").matches) toc.open = true;
}

document.addEventListener("DOMContentLoaded", function () {
  notesToc();
  notesTypeset();
  notesDraw().then(
    function () { document.body.setAttribute("data-notes-ready", "1"); },
    function (err) { console.error(err); document.body.setAttribute("data-notes-ready", "error"); },
  );
});
