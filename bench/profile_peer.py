"""PyTorch side of bench/profile.ts: operators per training step (torch.profiler, top-level aten
calls) and the cost of one tiny op, to set beside tfjs's kernels per step.

Usage: .venv-ref/bin/python bench/profile_peer.py [--threads 1]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile


def spiral_step(act):
    torch.manual_seed(0)
    x, y = torch.randn(300, 2), torch.randint(0, 3, (300,))
    model = nn.Sequential(nn.Linear(2, 50), act(), nn.Linear(50, 50), act(), nn.Linear(50, 3))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y) + 0.01 * sum(torch.norm(model[i].weight) for i in (0, 2, 4))
        loss.backward()
        opt.step()
        loss.item()
        for i in (0, 2, 4):
            torch.sum(torch.abs(model[i].weight.grad)).item()
    return step


def sst2_step():
    x, y = torch.rand(5000, 1839), torch.randint(0, 2, (5000,))
    model = nn.Sequential(nn.Dropout(0.5), nn.Linear(1839, 16), nn.ReLU(), nn.Linear(16, 2))
    opt = torch.optim.Adam(model.parameters(), lr=3e-4)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        ix = torch.randint(0, 5000, (256,))
        opt.zero_grad()
        loss = loss_fn(model(x[ix]), y[ix])
        loss.backward()
        opt.step()
        loss.item()
    return step


def mnist_step():
    x, y = torch.rand(64, 784), torch.randint(0, 10, (64,))
    model = nn.Sequential(nn.Linear(784, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.2),
                          nn.Linear(256, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        loss.item()
    return step


def report(name: str, step, n: int) -> None:
    step()
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    wall = (time.perf_counter() - t0) / n * 1000
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        step()
    events = [e for e in prof.events() if e.name.startswith("aten::")]
    top_level = [e for e in events if e.cpu_parent is None or not e.cpu_parent.name.startswith("aten::")]
    counts = Counter(e.name for e in top_level)
    busy = sorted(((e.name, e.cpu_time_total / 1000) for e in top_level), key=lambda t: -t[1])[:5]
    print(f"{name}: {wall:.2f} ms/step wall; {len(top_level)} top-level aten ops ({len(events)} incl. nested), "
          f"~{wall * 1000 / max(1, len(top_level)):.0f} us per op all-in\n    top: "
          + ", ".join(f"{k} {v:.2f}" for k, v in busy) + "\n    counts: " + " ".join(f"{k[6:]}:{v}" for k, v in counts.most_common(8)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    torch.set_num_threads(ap.parse_args().threads)
    a = torch.ones(())
    t0 = time.perf_counter()
    for _ in range(20000):
        torch.add(a, a)
    print(f"dispatch torch: add {(time.perf_counter() - t0) / 20000 * 1e6:.1f} us")
    report("spiral relu torch", spiral_step(nn.ReLU), 50)
    report("spiral sigmoid torch", spiral_step(nn.Sigmoid), 50)
    report("sst2 torch", sst2_step(), 20)
    report("mnist torch (one batch of 64)", mnist_step(), 20)


if __name__ == "__main__":
    main()
