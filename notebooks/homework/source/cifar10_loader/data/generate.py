"""Writes cifar-10-mini.tar.gz: a tiny archive in the exact layout and binary format of the
official cifar-10-binary.tar.gz, for the loader homework's visible tests.

Layout (as in the official archive): cifar-10-batches-bin/{data_batch_1..5.bin, test_batch.bin,
batches.meta.txt, readme.html}. Each record is 3073 bytes: the label (0..9), then the 1024 red,
1024 green and 1024 blue values of a 32x32 image, rows top to bottom.

Records: 4 per training batch, 3 in the test batch. Record k of batch b has label (b + 3k) % 10
and pixel value (label * 20 + channel * 5 + row + column) % 256 at (channel, row, column), so a
test can recompute any pixel. Deterministic: fixed mtimes, no owner names, gzip mtime 0.

Run (from the repo root): .venv-ref/bin/python notebooks/homework/source/cifar10_loader/data/generate.py
"""
import gzip
import hashlib
import io
import pathlib
import tarfile

HERE = pathlib.Path(__file__).resolve().parent
CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
PER_TRAIN, PER_TEST = 4, 3


def record(label: int) -> bytes:
    pixels = bytes((label * 20 + c * 5 + r + col) % 256 for c in range(3) for r in range(32) for col in range(32))
    return bytes([label]) + pixels


def batch(index: int, count: int) -> bytes:
    return b"".join(record((index + 3 * k) % 10) for k in range(count))


def add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(f"cifar-10-batches-bin/{name}")
    info.size = len(data)
    info.mtime = 1_262_304_000  # 2010-01-01, fixed for a reproducible archive
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def main() -> None:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for b in range(1, 6):
            add(tar, f"data_batch_{b}.bin", batch(b, PER_TRAIN))
        add(tar, "test_batch.bin", batch(0, PER_TEST))
        add(tar, "batches.meta.txt", ("\n".join(CLASSES) + "\n\n").encode())
        add(tar, "readme.html", b"<html><body>Tiny CIFAR-10 format sample for tests.</body></html>\n")
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw.getvalue())
    data = out.getvalue()
    (HERE / "cifar-10-mini.tar.gz").write_bytes(data)
    (HERE / "cifar-10-mini.md5").write_text(hashlib.md5(data).hexdigest() + "\n")
    print(f"cifar-10-mini.tar.gz: {len(data)} bytes, md5 {hashlib.md5(data).hexdigest()}")


if __name__ == "__main__":
    main()
