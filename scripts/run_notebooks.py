"""Execute notebooks headless in the course kernel and report failures by notebook and cell.

Used by `npm test` and CI. A cell fails when the kernel answers with an error status (thrown
errors, failed assertions, TypeScript type errors: tslab reports the last as a stderr stream
with an error status and no `error` output), or when it writes anything to stderr, since
notebook outputs must stay free of warnings and banners.

Usage: python scripts/run_notebooks.py [--timeout S] [--out DIR] [--jobs N] [NOTEBOOK_OR_DIR ...]
Prints one line per notebook and a closing line `notebooks: N passed, M failed`; exits 1 on
any failure.
"""
from __future__ import annotations

import argparse
import concurrent.futures as futures
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = pathlib.Path(__file__).resolve().parent.parent
KERNEL = "dlcourse"
# nbgrader's generated copies (student versions, submissions, graded ones) are not course notebooks.
SKIP_DIRS = {".ipynb_checkpoints", "release", "submitted", "autograded", "feedback"}


def find_notebooks(args: list[str]) -> list[pathlib.Path]:
    targets = [pathlib.Path(a) for a in args] or [ROOT / "notebooks"]
    found: list[pathlib.Path] = []
    for t in targets:
        if t.is_dir():
            found += sorted(p for p in t.rglob("*.ipynb") if not SKIP_DIRS.intersection(p.relative_to(t).parts)
                            and not p.name.endswith(".executed.ipynb"))
        elif t.suffix == ".ipynb" and t.exists():
            found.append(t)
        else:
            raise SystemExit(f"run_notebooks: {t} is neither a notebook nor a folder")
    return found


def cell_text(cell) -> str:
    """What the cell said on stderr and in error outputs, for the failure message."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
    return "".join(parts).strip()


def describe(nb, index: int) -> str:
    code_no = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    first = nb.cells[index].source.strip().splitlines()[:1]
    return f"cell {index + 1} (code cell {code_no}: {first[0][:60] if first else ''!r})"


def run_one(path: pathlib.Path, timeout: int, out_dir: pathlib.Path | None) -> tuple[bool, str]:
    nb = nbformat.read(path, as_version=4)
    if nb.metadata.get("kernelspec", {}).get("name") != KERNEL:
        return False, f"kernelspec is not '{KERNEL}' (set it in the notebook metadata)"
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL, resources={"metadata": {"path": str(path.parent)}})
    failure = None
    try:
        client.execute()
    except CellTimeoutError as e:
        failure = f"timed out after {timeout}s: {str(e).strip().splitlines()[-1]}"
    except DeadKernelError as e:
        failure = f"the kernel died: {e}"
    except CellExecutionError as e:
        failure = str(e).strip()
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        text = cell_text(cell)
        status_error = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        if text or status_error:
            failure = f"{describe(nb, i)}:\n{text or failure}"
            break
    else:
        if failure:
            # The kernel said "error" with no text; point at the cell that did not get an output count.
            idx = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count") is None), None)
            where = describe(nb, idx) if idx is not None else "a cell"
            failure = f"{where}: {failure or 'error with no message'}"
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_dir / path.name)
    return failure is None, failure or ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    ap.add_argument("--out", type=pathlib.Path, help="write executed copies here")
    ap.add_argument("--jobs", type=int, default=1, help="notebooks to run at once (default 1)")
    args = ap.parse_args()
    notebooks = find_notebooks(args.paths)
    passed = failed = 0
    def job(p):
        t0 = time.time()
        ok, msg = run_one(p, args.timeout, args.out)
        return p, ok, msg, time.time() - t0

    with futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for p, ok, msg, secs in pool.map(job, notebooks):
            rel = p.resolve().relative_to(ROOT) if p.resolve().is_relative_to(ROOT) else p
            if ok:
                passed += 1
                print(f"ok   {rel} ({secs:.1f}s)", flush=True)
            else:
                failed += 1
                print(f"FAIL {rel} ({secs:.1f}s): {msg}", flush=True)
    print(f"notebooks: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
