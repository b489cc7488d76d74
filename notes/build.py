"""Builds the rendered lecture notes: executes every lecture notebook (reusing cached results)
and writes a static site: index.html with the course outline, one page per section, assets/.

Usage (from the repo root; `npm run notes` runs it with the defaults):
  .venv/bin/python notes/build.py [--src notebooks] [--out site] [--cache .cache/notes]
                                  [--jobs N] [--timeout S] [--no-execute]
--no-execute renders the notebooks as they are (already executed, e.g. test fixtures).
Exits 1, leaving the previous site untouched, when a notebook fails; the message names the cell.
"""
from __future__ import annotations

import argparse
import concurrent.futures as futures
import json
import pathlib
import shutil
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import links  # noqa: E402
import outline as outline_mod  # noqa: E402
import render  # noqa: E402
import toc  # noqa: E402
from execute import Executor, environment_digest, prune, read_executed  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=pathlib.Path, default=ROOT / "notebooks", help="notebooks folder")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "site", help="site folder (replaced)")
    ap.add_argument("--cache", type=pathlib.Path, default=ROOT / ".cache" / "notes", help="executed copies")
    ap.add_argument("--course", type=pathlib.Path, default=ROOT / "notes" / "course.json", help="title and intro")
    ap.add_argument("--jobs", type=int, default=1, help="notebooks executed at once (default 1)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    ap.add_argument("--deps-root", type=pathlib.Path, default=ROOT,
                    help="folder whose lib/, kernel/, package-lock.json... key the cache (default: the repo)")
    ap.add_argument("--no-execute", action="store_true", help="render the notebooks' saved outputs")
    return ap.parse_args(argv)


def execute_all(args, sections) -> dict | None:
    """slug -> executed notebook, or None after printing every failure."""
    if args.no_execute:
        return {s.slug: read_executed(args.src / s.path) for s in sections}
    executor = Executor(args.cache, args.timeout, environment_digest(args.deps_root))
    results, failed, used = {}, False, set()
    with futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        def run(s):
            t0 = time.monotonic()
            return (s, *executor.run(s.slug, args.src / s.path), time.monotonic() - t0)

        for s, status, result, secs in pool.map(run, sections):
            if status == "failed":
                failed = True
                print(f"FAIL {s.path} ({secs:.0f}s): {result}", flush=True)
                continue
            print(f"ran  {s.path} ({secs:.0f}s)" if status == "executed" else f"same {s.path}", flush=True)
            results[s.slug] = read_executed(result)
            used.add(result)
    if not failed:
        prune(args.cache, used)
    return None if failed else results


def check_out(out: pathlib.Path) -> None:
    """Refuses to replace a folder that does not look like an earlier build."""
    if out.exists() and any(out.iterdir()) and not (out / "index.html").exists():
        raise SystemExit(f"notes: {out} exists and is not a notes site (no index.html); choose another --out")


def write_site(args, sections, executed) -> pathlib.Path:
    course = json.loads(args.course.read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=".notes-", dir=args.out.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; a web server's user must read the site
    try:
        write_pages(args, sections, executed, course, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if args.out.exists():
        shutil.rmtree(args.out)
    tmp.replace(args.out)
    return args.out / "index.html"


def write_pages(args, sections, executed, course: dict, tmp: pathlib.Path) -> None:
    exporter = render.make_exporter()
    pages = {s.path.as_posix(): f"{s.slug}.html" for s in sections}
    entries = [{"href": f"{s.slug}.html", "title": s.title, "number": i + 1, "goals": s.goals} for i, s in enumerate(sections)]
    render.write_assets(tmp)
    for i, s in enumerate(sections):
        nav = {"title": s.title, "course": course["title"], "number": i + 1,
               "prev": entries[i - 1] if i > 0 else None, "next": entries[i + 1] if i + 1 < len(entries) else None}
        page, problems = links.localize(render.render_page(exporter, executed[s.slug], nav), args.src / s.path, args.src, pages)
        page = toc.add_toc(page)
        if n := render.charts_without_image(executed[s.slug]):
            problems.append(f"{n} Plotly chart(s) without a static image (image/svg+xml or image/png): they will not print")
        for p in problems:
            print(f"warn {s.path}: {p}", flush=True)
        (tmp / f"{s.slug}.html").write_text(page, encoding="utf-8")
    (tmp / "index.html").write_text(render.render_index(entries, course), encoding="utf-8")


def main(argv=None) -> int:
    args = parse_args(argv)
    if not args.src.is_dir():
        raise SystemExit(f"notes: --src {args.src} is not a folder")
    check_out(args.out)
    sections = outline_mod.outline(args.src)
    slugs = [s.slug for s in sections]
    if len(set(slugs)) != len(slugs):
        raise SystemExit(f"notes: two notebooks map to the same page name: {sorted({x for x in slugs if slugs.count(x) > 1})}; rename one")
    for s in sections:
        for w in s.warnings:
            print(f"note {s.path}: {w}", flush=True)
    executed = execute_all(args, sections)
    if executed is None:
        print("notes: not built; fix the notebooks above (the previous site is unchanged)", flush=True)
        return 1
    index = write_site(args, sections, executed)
    print(f"notes: {len(sections)} sections -> {index}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
