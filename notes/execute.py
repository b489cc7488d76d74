"""Executes notebooks for the notes, reusing earlier results while nothing they depend on changed.

The cache key of a notebook is a SHA-256 of its own bytes plus a digest of everything its
outputs depend on: the lib/ sources, the kernel entry, package-lock.json (library versions),
requirements.txt, the notebook runner and datasets/ (or $DLCOURSE_DATA). Executed copies live in .cache/notes/ as
<slug>.<key>.ipynb; a changed notebook or lib gives a new key, and stale copies are removed.
"""
from __future__ import annotations

import hashlib
import os
import pathlib
import re
import sys
import tempfile

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import run_notebooks  # noqa: E402  (the same runner and failure rules as `npm test`)

DEPENDS_ON = ["lib", "kernel", "package-lock.json", "requirements.txt", "scripts/run_notebooks.py", "datasets"]
SKIP_PARTS = {"node_modules", "__pycache__", ".ipynb_checkpoints"}


def environment_digest(root: pathlib.Path = ROOT) -> str:
    """One hash over every file the executed outputs depend on besides the notebook itself."""
    h = hashlib.sha256()
    # The lib reads data from $DLCOURSE_DATA when it is set (datasets/README.md), else datasets/.
    data = os.environ.get("DLCOURSE_DATA")
    for entry in DEPENDS_ON + ([data] if data else []):
        base = root / entry
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for f in files:
            rel = f.relative_to(base.parent) if base.is_dir() else pathlib.Path(f.name)
            if not f.exists() or SKIP_PARTS.intersection(rel.parts):
                continue
            h.update(rel.as_posix().encode() + b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def cache_key(notebook: pathlib.Path, env_digest: str) -> str:
    return hashlib.sha256(notebook.read_bytes() + env_digest.encode()).hexdigest()[:20]


class Executor:
    """Runs (or reuses) notebooks; `cache_dir` holds the executed copies."""

    def __init__(self, cache_dir: pathlib.Path, timeout: int = 600, env_digest: str | None = None):
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.env_digest = env_digest or environment_digest()

    def cached_path(self, slug: str, notebook: pathlib.Path) -> pathlib.Path:
        return self.cache_dir / f"{slug}.{cache_key(notebook, self.env_digest)}.ipynb"

    def run(self, slug: str, notebook: pathlib.Path) -> tuple[str, pathlib.Path | str]:
        """("cached"|"executed", executed copy) or ("failed", message naming the cell)."""
        target = self.cached_path(slug, notebook)
        if target.exists():
            return "cached", target
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.cache_dir) as tmp:
            try:
                ok, message = run_notebooks.run_one(notebook, self.timeout, pathlib.Path(tmp))
            except Exception as e:  # e.g. the kernel died before it answered: report, don't crash
                ok, message = False, f"could not run it: {type(e).__name__}: {e}"
            if not ok:
                return "failed", message
            mine = re.compile(re.escape(slug) + r"\.[0-9a-f]{20}\.ipynb")
            for stale in self.cache_dir.glob(f"{slug}.*.ipynb"):
                if mine.fullmatch(stale.name):
                    stale.unlink()
            (pathlib.Path(tmp) / notebook.name).replace(target)
        return "executed", target


def prune(cache_dir: pathlib.Path, keep: set[pathlib.Path]) -> int:
    """Deletes cached copies of notebooks that are no longer sections; returns how many."""
    removed = 0
    for f in cache_dir.glob("*.ipynb") if cache_dir.is_dir() else []:
        if f not in keep and re.fullmatch(r".+\.[0-9a-f]{20}\.ipynb", f.name):
            f.unlink()
            removed += 1
    return removed


def read_executed(path: pathlib.Path):
    return nbformat.read(path, as_version=4)
