"""A kernel shut down while its heartbeat is busy, or while a client has stopped reading, leaves nothing on stderr.

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


def flood(km, connected):
    """Sends pings to the heartbeat and never reads the echoes: a client that stopped reading.

    Stays connected (its context outlives the kernel), so the kernel's echoes stay queued for it.
    """
    ctx = zmq.Context()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.sndhwm = 0
    sock.rcvhwm = 1  # the echoes stay queued in the kernel
    sock.connect(f"tcp://{km.ip}:{km.hb_port}")
    payload = b"p" * 200_000  # the echoes outgrow the TCP buffers
    for _ in range(200):
        sock.send_multipart([b"", payload])
    connected.append((ctx, sock))  # a socket no longer referenced would be closed, and disconnect


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


def quiet_shutdown(test, round_, busy):
    """Starts a kernel, runs `busy(km)` (which returns a function to call after the shutdown), shuts the kernel down, and checks its stderr is empty."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory(prefix="dlcourse-kernel-") as cwd:
        km = KernelManager(kernel_name=KERNEL)
        km.start_kernel(cwd=cwd, stdout=err, stderr=err)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            after = busy(km)
            km.shutdown_kernel(now=False)  # a shutdown_request, then the process's own exit
            after()
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        test.assertEqual(text.strip(), "", f"round {round_}: the kernel printed on shutdown:\n{text}")


class ShutdownTests(unittest.TestCase):
    def test_shutdown_with_a_client_that_stopped_reading_is_quiet(self):
        """zeromq waits at exit for what the sockets still hold, and after 0.5 s says so on stderr."""
        def busy(km):
            held = []
            flood(km, held)
            time.sleep(1.0)
            return lambda: [ctx.destroy(linger=0) for ctx, _ in held]

        quiet_shutdown(self, 0, busy)

    def test_shutdown_during_heartbeats_is_quiet(self):
        def busy(km):
            stop = threading.Event()
            pingers = [threading.Thread(target=ping, args=(km, stop)) for _ in range(PINGERS)]
            for t in pingers:
                t.start()
            time.sleep(0.3)

            def after():
                stop.set()
                for t in pingers:
                    t.join()
            return after

        for round_ in range(ROUNDS):
            quiet_shutdown(self, round_, busy)


if __name__ == "__main__":
    unittest.main()
