"""Workload 5: the kernel. Cold start to first result and per-cell overhead of a trivial cell,
for the course's "dlcourse" kernel (tslab) and, as the peer, IPython's python3 kernel (ipykernel),
both driven the same way with jupyter_client. Run with the project .venv (.venv/bin/python bench/kernel.py from the repo root).

Prints one JSON object: per kernel, cold-start seconds per repetition (start -> `1 + 1` answered),
the median round trip of a trivial cell, and (dlcourse) the first `import ... from "dlcourse";
await ready()` cell.
"""
from __future__ import annotations

import argparse
import json
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


def bench(name: str, trivial: str, first: str | None, starts: int, cells: int) -> dict:
    cold, per_cell, lib = [], [], []
    for _ in range(starts):
        t0 = time.perf_counter()
        km, kc = start_new_kernel(kernel_name=name, startup_timeout=300)
        try:
            run_cell(kc, trivial)
            cold.append(time.perf_counter() - t0)
            if first:
                lib.append(run_cell(kc, first))
            per_cell += [run_cell(kc, trivial) for _ in range(cells)]
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    return {"cold": cold, "cell": statistics.median(per_cell), "cells": per_cell, "lib": lib}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--cells", type=int, default=20)
    a = ap.parse_args()
    out = {
        "dlcourse": bench("dlcourse", "1 + 1", 'import { ready } from "dlcourse";\nawait ready();', a.starts, a.cells),
        "python3": bench("python3", "1 + 1", None, a.starts, a.cells),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
