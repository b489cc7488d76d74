"""A kernel shut down while its heartbeat is busy leaves nothing on stderr.

Run by tests/kernel/shutdown.test.ts:  .venv/bin/python -m unittest tests/kernel/test_shutdown.py
"""
import os
import tempfile
import threading
import time
import unittest

import zmq
from jupyter_client.manager import KernelManager

KERNEL = os.environ.get("DLCOURSE_TEST_KERNEL", "dlcourse")
ROUNDS = 3
PINGERS = 4


def ping(km, stop):
    """Pings the kernel's heartbeat as fast as it answers (a client's heartbeat, sped up)."""
    ctx = zmq.Context.instance()
    sock = None
    while not stop.is_set():
        if sock is None:
            sock = ctx.socket(zmq.REQ)
            sock.linger = 0
            sock.connect(f"tcp://{km.ip}:{km.hb_port}")
        sock.send(b"ping")
        if sock.poll(200):
            sock.recv()
        else:  # the kernel is gone: a REQ socket cannot send again before a reply
            sock.close()
            sock = None
    if sock is not None:
        sock.close()


class ShutdownTests(unittest.TestCase):
    def test_shutdown_during_heartbeats_is_quiet(self):
        for round_ in range(ROUNDS):
            with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory(prefix="dlcourse-kernel-") as cwd:
                km = KernelManager(kernel_name=KERNEL)
                km.start_kernel(cwd=cwd, stdout=err, stderr=err)
                kc = km.client()
                kc.start_channels()
                try:
                    kc.wait_for_ready(timeout=120)
                    stop = threading.Event()
                    pingers = [threading.Thread(target=ping, args=(km, stop)) for _ in range(PINGERS)]
                    for t in pingers:
                        t.start()
                    time.sleep(0.3)
                    km.shutdown_kernel(now=False)  # a shutdown_request, then the process's own exit
                    stop.set()
                    for t in pingers:
                        t.join()
                finally:
                    kc.stop_channels()
                    if km.is_alive():
                        km.shutdown_kernel(now=True)
                err.seek(0)
                text = err.read().decode("utf-8", "replace")
                self.assertEqual(text.strip(), "", f"round {round_}: the kernel printed on shutdown:\n{text}")


if __name__ == "__main__":
    unittest.main()
