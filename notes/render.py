"""Renders executed notebooks and the course outline to HTML with nbconvert and Jinja.

Pages use the custom nbconvert template in templates/notes (JupyterLab's cell markup, our page
shell); the index uses templates/index.html.j2. Assets are copied once into site/assets/.
"""
from __future__ import annotations

import copy
import pathlib
import re
import shutil

import jinja2
from markupsafe import Markup
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbconvert.preprocessors import CoalesceStreamsPreprocessor
from pygments.formatters import HtmlFormatter
from traitlets.config import Config

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
PLOTLY = "application/vnd.plotly.v1+json"
# Plotly first so its outputs reach the template's data_other block; then JupyterLab's order.
PRIORITY = [PLOTLY, "text/html", "text/markdown", "image/svg+xml", "text/latex", "image/png", "image/jpeg", "text/plain"]
# Jupyter Book's tags, so authors can hide set-up cells from readers.
REMOVE = {"remove_cell_tags": {"remove-cell"}, "remove_input_tags": {"remove-input"},
          "remove_all_outputs_tags": {"remove-output"}}


def make_exporter() -> HTMLExporter:
    c = Config()
    c.HTMLExporter.extra_template_basedirs = [str(HERE / "templates")]
    c.HTMLExporter.template_name = "notes"
    c.HTMLExporter.template_file = "page.html.j2"
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    c.NbConvertBase.display_data_priority = PRIORITY
    c.TagRemovePreprocessor.enabled = True
    for key, tags in REMOVE.items():
        setattr(c.TagRemovePreprocessor, key, tags)
    return HTMLExporter(config=c)


def has_plotly(nb) -> bool:
    return any(PLOTLY in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def charts_without_image(nb) -> int:
    """Plotly outputs with no image/svg+xml or image/png: they cannot print (lib/plot adds one)."""
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if PLOTLY in o.get("data", {}) and not {"image/svg+xml", "image/png"} & set(o["data"]))


def reader_outputs(nb):
    """A copy without stderr (readers never see warnings), with stdout chunks merged and `\\r`
    progress lines collapsed as a terminal would show them."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    return nb


def render_page(exporter: HTMLExporter, nb, notes: dict) -> str:
    """One page; `notes` carries title, course, number, prev/next ({href, title} or None)."""
    nb = reader_outputs(nb)
    info = nb.metadata.setdefault("language_info", {})
    info.setdefault("name", "typescript")
    info.setdefault("pygments_lexer", "typescript")
    body, _ = exporter.from_notebook_node(nb, resources={"notes": {**notes, "plotly": has_plotly(nb)}})
    return body


def inline_markdown(text: str) -> str:
    """A goal line as HTML (emphasis, code; formulas stay as $...$ for KaTeX in the browser)."""
    out = markdown2html_mistune(text).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.DOTALL)


def render_index(sections: list[dict], course: dict) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    env.filters["inline_markdown"] = lambda s: Markup(inline_markdown(s))
    return env.get_template("index.html.j2").render(sections=sections, course=course)


def write_assets(out: pathlib.Path) -> None:
    """KaTeX, plotly.js (once for the whole site), highlighting CSS and the notes' own files."""
    assets = out / "assets"
    katex = ROOT / "node_modules" / "katex" / "dist"
    plotly = ROOT / "node_modules" / "plotly.js-dist-min" / "plotly.min.js"
    for need in (katex, plotly):
        if not need.exists():
            raise SystemExit(f"notes: {need.relative_to(ROOT)} is missing; run `npm install` (katex and plotly.js-dist-min are devDependencies)")
    if assets.exists():
        shutil.rmtree(assets)
    (assets / "katex" / "contrib").mkdir(parents=True)
    for name in ("katex.min.js", "katex.min.css"):
        shutil.copy2(katex / name, assets / "katex" / name)
    shutil.copy2(katex / "contrib" / "auto-render.min.js", assets / "katex" / "contrib" / "auto-render.min.js")
    shutil.copytree(katex / "fonts", assets / "katex" / "fonts")
    shutil.copy2(plotly, assets / "plotly.min.js")
    for name in ("notes.css", "notes.js"):
        shutil.copy2(HERE / "assets" / name, assets / name)
    (assets / "highlight.css").write_text(HtmlFormatter(style="default").get_style_defs(".highlight"), encoding="utf-8")
