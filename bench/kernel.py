"""Workload 5: the kernel. Cold start to first result, per-cell overhead of a trivial cell and of new cells,
for the course's "dlcourse" kernel (tslab) and, as the peer, IPython's python3 kernel (ipykernel),
both driven the same way with jupyter_client. Run with the project .venv (.venv/bin/python bench/kernel.py from the repo root).

Prints one JSON object: per kernel (`--ab`: also the dlcourse kernel without each start-up measure, started in turn; `--variants a,b`: only those), cold-start seconds per repetition (start -> `1 + 1` answered),
the median round trip of a trivial cell, and (dlcourse) the first `import ... from "dlcourse";
await ready()` cell.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from jupyter_client.manager import start_new_kernel


def run_cell(kc, code: str, timeout: float = 300) -> float:
    """Executes one cell and waits for its idle status on IOPub; returns the round trip in seconds."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code, store_history=False)
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "error":
            raise RuntimeError(f"kernel.py: cell failed: {msg['content'].get('evalue')}")
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return time.perf_counter() - t0


# Kernel variants for A/B runs (--ab): name -> (kernel spec, extra environment).
VARIANTS = {
    "dlcourse": ("dlcourse", {}),
    # the kernel running the lib's sources through tsx and checking cells against them, instead of the
    # compiled lib (scripts/lib-js.cjs) and its declarations (scripts/lib-types.cjs)
    "dlcourse-lib-sources": ("dlcourse", {"DLCOURSE_KERNEL_LIB_SOURCES": "1"}),
    # without the V8 code cache of TypeScript and tfjs (kernel/compile-cache.ts)
    "dlcourse-no-compile-cache": ("dlcourse", {"DLCOURSE_COMPILE_CACHE": "0"}),
    # started without the V8 startup snapshot (kernel/launch.sh, scripts/kernel-snapshot.cjs)
    "dlcourse-no-snapshot": ("dlcourse", {"DLCOURSE_KERNEL_SNAPSHOT": "0"}),
    # tsx's hook also over the packages' CommonJS (kernel/tsx-scope.ts)
    "dlcourse-tsx-everywhere": ("dlcourse", {"DLCOURSE_TSX_SCOPE": "0"}),
    # plotly's own declarations for danfojs's types instead of kernel/types/plotly-stub.d.ts
    "dlcourse-plotly-types": ("dlcourse", {"DLCOURSE_KERNEL_PLOTLY_TYPES": "1"}),
    # the type checker built before the sockets are bound, not after the first kernel_info reply
    "dlcourse-warm-first": ("dlcourse", {"DLCOURSE_KERNEL_WARM_FIRST": "1"}),
    # TypeScript's own builder program instead of kernel/lean-builder.ts
    "dlcourse-ts-builder": ("dlcourse", {"DLCOURSE_KERNEL_TS_BUILDER": "1"}),
    "python3": ("python3", {}),
}


# A new cell each time: a name declared from a computation, as a notebook cell would (TypeScript, Python).
NEW_CELL = {False: "const v{start}_{i} = [1, 2, 3].map((k) => k * {i});\nv{start}_{i}.length", True: "v{start}_{i} = [k * {i} for k in (1, 2, 3)]\nlen(v{start}_{i})"}


def one_start(name: str, trivial: str, first: str | None, cells: int, out: dict, start: int = 0) -> None:
    """Starts a kernel variant once: cold start, the first cell (if any), trivial cells, then new cells."""
    spec, extra = VARIANTS[name]
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=spec, startup_timeout=300, env={**os.environ, **extra})
    try:
        run_cell(kc, trivial)
        out["cold"].append(time.perf_counter() - t0)
        if first:
            out["lib"].append(run_cell(kc, first))
        out["cells"] += [run_cell(kc, trivial) for _ in range(cells)]
        # cells the kernel has not seen (a notebook's usual case): each is type-checked anew
        out["new"] += [run_cell(kc, NEW_CELL[name == "python3"].format(i=i, start=start)) for i in range(cells)]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def bench(names: list[str], starts: int, cells: int) -> dict:
    """Each start runs every variant once, in turn, so load drifting during a run weighs on all."""
    first = 'import { ready } from "dlcourse";\nawait ready();'
    out = {n: {"cold": [], "cells": [], "lib": [], "new": []} for n in names}
    for k in range(starts):
        for n in names:
            one_start(n, "1 + 1", None if n == "python3" else first, cells, out[n], k)
    for r in out.values():
        r["cell"] = statistics.median(r["cells"])
        r["new_cell"] = statistics.median(r["new"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--cells", type=int, default=20)
    ap.add_argument("--ab", action="store_true", help="also the kernel without each start-up measure (VARIANTS)")
    ap.add_argument("--variants", help="comma-separated names of VARIANTS to run instead")
    a = ap.parse_args()
    names = a.variants.split(",") if a.variants else list(VARIANTS) if a.ab else ["dlcourse", "python3"]
    print(json.dumps(bench(names, a.starts, a.cells)))


if __name__ == "__main__":
    main()
