"""The course outline: which notebooks are lecture sections, their titles, goals and order.

Convention (documented in notes/README.md). A notebook's metadata may carry

    "dlcourse": {"order": 20, "title": "...", "goals": ["...", "..."], "notes": true}

and every key is optional:
- title: else the first `# ` heading of the first Markdown cell, else the file name;
- goals: else the bullet list under the first heading or bold line named "Цели"/"Цель"/"Goals"
  in the first Markdown cell (e.g. `## Цели занятия` followed by `- ...` lines);
- order: sections are sorted by it; notebooks without one come after, by path;
- notes: false leaves the notebook out of the site.
Homework (notebooks/homework/) is never rendered: its source notebooks hold the solutions.
"""
from __future__ import annotations

import dataclasses
import pathlib
import re

import nbformat

EXCLUDED_DIRS = {"homework", ".ipynb_checkpoints"}
GOALS_HEADING = re.compile(r"^\s*(#{1,6}\s*|\*\*|__)?\s*(цели|цель|goals)\b", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*\S)\s*$")
TITLE = re.compile(r"^#\s+(.*\S)\s*$")


@dataclasses.dataclass
class Section:
    """One lecture page. `path` is relative to the notebooks folder."""
    path: pathlib.Path
    slug: str
    title: str
    goals: list[str]
    order: float | None
    warnings: list[str]


def find_notebooks(src: pathlib.Path) -> list[pathlib.Path]:
    """Every notebook under `src` that is lecture material, as paths relative to `src`."""
    found = []
    for p in sorted(src.rglob("*.ipynb")):
        rel = p.relative_to(src)
        if EXCLUDED_DIRS.intersection(rel.parts[:-1]) or p.name.endswith(".executed.ipynb"):
            continue
        found.append(rel)
    return found


def slug_for(rel: pathlib.Path) -> str:
    """A flat page name: `sub/topic.ipynb` -> `sub--topic` (one folder keeps asset links simple)."""
    slug = "--".join(rel.with_suffix("").parts)
    slug = re.sub(r"[^\w.-]+", "-", slug)
    return "index-section" if slug == "index" else slug


def first_markdown(nb) -> str:
    return next((c.source for c in nb.cells if c.cell_type == "markdown"), "")


def goals_from_markdown(text: str) -> list[str]:
    """The bullet list that follows a "Цели"/"Goals" heading (blank lines allowed before it)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if GOALS_HEADING.match(line)), None)
    if start is None:
        return []
    goals: list[str] = []
    for line in lines[start + 1:]:
        m = BULLET.match(line)
        if m:
            goals.append(m.group(1).rstrip(";.,"))
        elif line.strip() and goals:
            break
        elif line.strip() and not goals and not line.strip().endswith(":"):
            break
    return goals


def read_section(src: pathlib.Path, rel: pathlib.Path) -> Section | None:
    """The outline entry of one notebook, or None when its metadata says `"notes": false`."""
    nb = nbformat.read(src / rel, as_version=4)
    meta = nb.metadata.get("dlcourse", {}) or {}
    if meta.get("notes", True) is False:
        return None
    md = first_markdown(nb)
    warnings = []
    title = meta.get("title") or next((m.group(1) for m in map(TITLE.match, md.splitlines()) if m), None)
    if not title:
        title = rel.stem
        warnings.append("no title (set metadata dlcourse.title or start the first Markdown cell with '# ...')")
    goals = meta.get("goals")
    if not isinstance(goals, list):
        goals = goals_from_markdown(md)
    if not goals:
        warnings.append("no goals (set metadata dlcourse.goals or add a 'Цели' list to the first Markdown cell)")
    order = meta.get("order")
    if not isinstance(order, (int, float)) or isinstance(order, bool):
        if order is not None:
            warnings.append(f"dlcourse.order must be a number, got {order!r}")
        order = None
        warnings.append("no order (set metadata dlcourse.order); placed after the ordered sections")
    return Section(rel, slug_for(rel), str(title), [str(g) for g in goals], order, warnings)


def outline(src: pathlib.Path) -> list[Section]:
    """Sections in teaching order: by `order`, then by path; unordered ones last."""
    sections = [s for s in (read_section(src, rel) for rel in find_notebooks(src)) if s is not None]
    return sorted(sections, key=lambda s: (s.order is None, s.order or 0, s.path.as_posix()))
