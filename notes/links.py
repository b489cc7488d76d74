"""Makes a rendered page self-contained: local images referenced from Markdown are embedded, and
links to other course notebooks point at their pages.

A page lives in site/ while its images live next to its notebook, so a relative `<img src>` would
break; embedding keeps the site one folder that works from file:// and any server. Images on the
web are left alone but reported: a reader offline cannot load them.
"""
from __future__ import annotations

import base64
import html
import mimetypes
import pathlib
import re
import urllib.parse

IMG = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")', re.IGNORECASE)
LINK = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)
REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _local(url: str) -> str | None:
    """The file path in a relative URL, or None for data:, http:, mailto:, #anchors and the like."""
    if not url or url.startswith("#") or REMOTE.match(url):
        return None
    return urllib.parse.unquote(urllib.parse.urlsplit(url).path)


def localize(page: str, notebook: pathlib.Path, src: pathlib.Path, pages: dict[str, str]) -> tuple[str, list[str]]:
    """(page with embedded images and rewritten notebook links, problems found).

    `pages` maps a notebook's path relative to `src` (posix) to its page file name.
    """
    problems: list[str] = []
    base = notebook.parent

    def image(m: re.Match) -> str:
        url = html.unescape(m.group(2))
        if re.match(r"^https?:|^//", url, re.IGNORECASE):
            problems.append(f"image from the web, not available offline: {url} (save it next to the notebook)")
        path = _local(url)
        if path is None:
            return m.group(0)
        file = (base / path).resolve()
        if not file.is_file():
            problems.append(f"image not found: {url} (looked for {file})")
            return m.group(0)
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        data = base64.b64encode(file.read_bytes()).decode("ascii")
        return f"{m.group(1)}data:{mime};base64,{data}{m.group(3)}"

    def link(m: re.Match) -> str:
        url = html.unescape(m.group(2))
        path = _local(url)
        if path is None or not path.endswith(".ipynb"):
            return m.group(0)
        target = (base / path).resolve()
        try:
            rel = target.relative_to(src.resolve()).as_posix()
        except ValueError:
            rel = None
        if rel not in pages:
            problems.append(f"link to {url}, which is not a page of the notes")
            return m.group(0)
        fragment = urllib.parse.urlsplit(url).fragment
        return f"{m.group(1)}{html.escape(pages[rel] + ('#' + fragment if fragment else ''))}{m.group(3)}"

    page = IMG.sub(image, page)
    page = LINK.sub(link, page)
    return page, problems
