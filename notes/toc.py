"""The "В этом разделе" list of a page: its second-level Markdown headings, linked to their anchors.

Long lectures need a map; readers of d2l and Jupyter Book expect one beside the text. It is
built from the rendered HTML (nbconvert gives every heading an id), so it needs no JavaScript.
"""
from __future__ import annotations

import re

H2 = re.compile(r'<h2 id="([^"]+)">(.*?)<a class="anchor-link"[^>]*>¶</a></h2>', re.DOTALL)
MAIN = '<main class="notes-main jp-Notebook">'


def add_toc(page: str, minimum: int = 2) -> str:
    """`page` with a <nav class="notes-toc"> before its content, when it has `minimum`+ sections."""
    heads = H2.findall(page)
    if len(heads) < minimum or MAIN not in page:
        return page
    items = "\n".join(f'<li><a href="#{anchor}">{title.strip()}</a></li>' for anchor, title in heads)
    # Folded on a phone (it would push the text down a screen); notes.js unfolds it as a sidebar.
    nav = (f'<nav class="notes-toc notes-math" aria-label="В этом разделе"><details><summary class="notes-toc-title">'
           f'В этом разделе ({len(heads)})</summary>\n<ol>\n{items}\n</ol>\n</details></nav>\n')
    return page.replace(MAIN, nav + MAIN, 1)
