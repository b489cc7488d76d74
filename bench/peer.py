"""PyTorch peer of the TypeScript benchmarks (bench/run.ts): the same workloads on the same data.

The TypeScript side writes the data (and, for the spiral, the initial weights) into a folder;
this script trains the same networks with PyTorch CPU for the same number of steps and prints one
JSON object with the timings. Thread count is set with --threads to match the wasm backend
(--threads 0: PyTorch's own default, for the "default settings on both sides" rows).

Usage (the bench runs it; by hand for debugging):
  .venv-ref/bin/python bench/peer.py --data DIR --threads 1 WORKLOAD [--steps N] [--reps R]
WORKLOAD: spiral-relu | spiral-sigmoid | sst2 | mnist | bow | cifar10
"""
from __future__ import annotations

import argparse
import json
import pathlib
import time
from collections import Counter

import numpy as np
import torch
from torch import nn


def spiral(data: pathlib.Path, act: str, steps: int, reps: int) -> dict:
    """The lecture's train_model: full-batch SGD, CE + 0.01 * sum of weight norms, 4 .item() per step."""
    spec = json.loads((data / "spiral.json").read_text())
    x = torch.tensor(spec["x"], dtype=torch.float32)
    y = torch.tensor(spec["y"], dtype=torch.long)
    rates, losses = [], []
    for _ in range(reps):
        model = nn.Sequential(nn.Linear(2, 50), {"relu": nn.ReLU, "sigmoid": nn.Sigmoid}[act](),
                              nn.Linear(50, 50), {"relu": nn.ReLU, "sigmoid": nn.Sigmoid}[act](), nn.Linear(50, 3))
        with torch.no_grad():  # TS weights are [in, out]; torch's are [out, in]
            for layer, (w, b) in zip([model[0], model[2], model[4]], spec["init"]):
                layer.weight.copy_(torch.tensor(w, dtype=torch.float32).T)
                layer.bias.copy_(torch.tensor(b, dtype=torch.float32))
        loss_fn = nn.CrossEntropyLoss()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        log = [[], [], [], []]
        t0 = time.perf_counter()
        for _ in range(steps):
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss = loss + 0.01 * (torch.norm(model[0].weight) + torch.norm(model[2].weight) + torch.norm(model[4].weight))
            loss.backward()
            opt.step()
            log[0].append(loss.item())
            for k, i in enumerate([0, 2, 4], 1):
                log[k].append(torch.sum(torch.abs(model[i].weight.grad)).item() / model[i].weight.shape[0])
        rates.append(steps / (time.perf_counter() - t0))
        losses.append(log[0][-1])
    return {"rates": rates, "loss": losses[-1]}


def load_f32(path: pathlib.Path, cols: int) -> torch.Tensor:
    return torch.from_numpy(np.fromfile(path, dtype=np.float32).reshape(-1, cols))


def sst2(data: pathlib.Path, steps: int, reps: int) -> dict:
    """The lecture's loop: random batch of 256, dropout -> 1839 -> 16 -> ReLU -> 2, Adam 3e-4, loss read per step."""
    meta = json.loads((data / "sst2.json").read_text())
    v = meta["vocab"]
    xtr, xte = load_f32(data / "sst2_train.f32", v), load_f32(data / "sst2_test.f32", v)
    ytr, yte = torch.tensor(meta["trainLabels"]), torch.tensor(meta["testLabels"])
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    rates, evals = [], []
    for _ in range(reps):
        model = nn.Sequential(nn.Dropout(p=meta["p"]), nn.Linear(v, 16), nn.ReLU(), nn.Linear(16, 2))
        loss_fn = nn.CrossEntropyLoss()
        opt = torch.optim.Adam(model.parameters(), lr=3e-4)
        hist = []
        t0 = time.perf_counter()
        model.train()
        for _ in range(steps):
            opt.zero_grad()
            ix = torch.from_numpy(rng.integers(0, len(xtr), 256))
            out = model(xtr[ix])
            loss = loss_fn(out, ytr[ix])
            loss.backward()
            opt.step()
            hist.append(loss.item())
        rates.append(steps / (time.perf_counter() - t0))
        model.eval()
        t0 = time.perf_counter()
        for _ in range(5):
            with torch.no_grad():
                test_loss = loss_fn(model(xte), yte).item()
        evals.append((time.perf_counter() - t0) / 5)
    return {"rates": rates, "evalSeconds": evals, "loss": hist[-1], "testLoss": test_loss}


def timed_epoch(model, opt, x, y, batch: int) -> tuple:
    """One shuffled epoch of mini-batch training with cross-entropy: (seconds, last batch loss)."""
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    t0 = time.perf_counter()
    order = torch.randperm(len(x))
    last = 0.0
    for s in range(0, len(x), batch):
        ix = order[s:s + batch]
        opt.zero_grad()
        loss = loss_fn(model(x[ix]), y[ix])
        loss.backward()
        opt.step()
        last = loss.item()
    return time.perf_counter() - t0, last


def mnist(data: pathlib.Path, reps: int) -> dict:
    """One epoch, batch 64, shuffled: 784 -> 256 -> BN -> ReLU -> Dropout -> 128 -> BN -> ReLU -> Dropout -> 10, Adam."""
    meta = json.loads((data / "mnist.json").read_text())
    x = load_f32(data / "mnist_x.f32", 784)
    y = torch.from_numpy(np.fromfile(data / "mnist_y.i32", dtype=np.int32).astype(np.int64))
    torch.manual_seed(0)
    secs = []
    for _ in range(reps):
        p, b = meta["p"], meta["batch"]
        model = nn.Sequential(nn.Linear(784, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(p),
                              nn.Linear(256, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Dropout(p), nn.Linear(128, 10))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        seconds, last = timed_epoch(model, opt, x, y, b)
        secs.append(seconds)
    return {"seconds": secs, "loss": last}


def cifar10(data: pathlib.Path, reps: int) -> dict:
    """One epoch over the CIFAR-10 stand-in's 5000 training images (read from the same binary
    archive), batch 64, shuffled: 3 x (conv 3x3 no bias -> BN -> ReLU -> maxpool 2) -> flatten ->
    Dropout -> Linear 10, SGD Nesterov 0.9, per-channel normalized input (the stats the TS side used)."""
    import tarfile
    meta = json.loads((data / "cifar10.json").read_text())
    with tarfile.open(meta["archive"]) as tar:
        raw = b"".join(tar.extractfile(f"cifar-10-batches-bin/data_batch_{i}.bin").read() for i in range(1, 6))
    rec = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3073)
    y = torch.from_numpy(rec[:, 0].astype(np.int64))
    x = torch.from_numpy(rec[:, 1:].reshape(-1, 3, 32, 32).astype(np.float32) / 255)
    x = (x - torch.tensor(meta["mean"]).view(1, 3, 1, 1)) / torch.tensor(meta["std"]).view(1, 3, 1, 1)
    torch.manual_seed(0)
    secs, b, last = [], meta["batch"], 0.0
    for _ in range(reps):
        layers, c_in = [], 3
        for c in meta["filters"]:
            layers += [nn.Conv2d(c_in, c, 3, padding=1, bias=False), nn.BatchNorm2d(c), nn.ReLU(), nn.MaxPool2d(2)]
            c_in = c
        model = nn.Sequential(*layers, nn.Flatten(), nn.Dropout(meta["p"]), nn.Linear(c_in * 16, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True)
        seconds, last = timed_epoch(model, opt, x, y, b)
        secs.append(seconds)
    return {"seconds": secs, "loss": last}


def bow(data: pathlib.Path, reps: int) -> dict:
    """The lecture's vocabulary (NLTK WordPunctTokenizer, lowercase, count > 5) and np.stack of text_to_bow."""
    from nltk.tokenize import WordPunctTokenizer
    meta = json.loads((data / "texts.json").read_text())
    tokenizer = WordPunctTokenizer()
    secs, size = [], 0
    for _ in range(reps):
        t0 = time.perf_counter()
        counter = Counter()
        for text in meta["train"]:
            counter.update(tokenizer.tokenize(text.lower()))
        tokens = sorted(t for t, c in counter.items() if c > 5)
        token_to_idx = {t: i for i, t in enumerate(tokens)}

        def text_to_bow(text: str) -> np.ndarray:
            vec = np.zeros(len(token_to_idx), dtype=np.float32)
            for token in tokenizer.tokenize(text.lower()):
                if token in token_to_idx:
                    vec[token_to_idx[token]] += 1
            return vec

        xtr = np.stack([text_to_bow(t) for t in meta["train"]])
        xte = np.stack([text_to_bow(t) for t in meta["test"]])
        secs.append(time.perf_counter() - t0)
        size = len(tokens)
    return {"seconds": secs, "vocab": size, "shape": [list(xtr.shape), list(xte.shape)], "nnz": int((xtr != 0).sum())}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workload")
    ap.add_argument("--data", type=pathlib.Path, required=True)
    ap.add_argument("--threads", type=int, default=1, help="intra-op threads; 0 = PyTorch's default")
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    w = a.workload
    if w.startswith("spiral-"):
        out = spiral(a.data, w.split("-", 1)[1], a.steps, a.reps)
    elif w == "sst2":
        out = sst2(a.data, a.steps, a.reps)
    elif w == "mnist":
        out = mnist(a.data, a.reps)
    elif w == "bow":
        out = bow(a.data, a.reps)
    elif w == "cifar10":
        out = cifar10(a.data, a.reps)
    else:
        raise SystemExit(f"peer.py: unknown workload {w!r} (spiral-relu, spiral-sigmoid, sst2, mnist, bow, cifar10)")
    out.update(torch=torch.__version__, threads=torch.get_num_threads())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
