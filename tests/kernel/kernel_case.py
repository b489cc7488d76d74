"""One course kernel per test class, over jupyter_client: what test_protocol, test_comm and
test_widgets share (start and stop, replies and IOPub messages by parent)."""
import os
import shutil
import tempfile
import unittest

from jupyter_client.manager import start_new_kernel

TIMEOUT = 300
# Another kernelspec to run the tests against (e.g. plain tslab, to see them fail).
KERNEL = os.environ.get("DLCOURSE_TEST_KERNEL", "dlcourse")


class KernelTestCase(unittest.TestCase):
    """Starts a kernel in `kernel_cwd()` (default: a fresh temporary folder, removed afterwards)."""

    @classmethod
    def kernel_cwd(cls):
        cls.dir = tempfile.mkdtemp(prefix="dlcourse-kernel-")
        cls.prepare_dir(cls.dir)
        return cls.dir

    @classmethod
    def prepare_dir(cls, path):
        """Put files the tests need into the kernel's folder."""

    @classmethod
    def setUpClass(cls):
        cls.dir = None
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, cwd=cls.kernel_cwd())

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)
        if cls.dir:
            shutil.rmtree(cls.dir, ignore_errors=True)

    def reply_to(self, msg_id):
        """The shell reply to a request."""
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    def iopub_of(self, msg_id):
        """IOPub messages parented to msg_id up to its idle status, without status and echoed input."""
        out = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return out
            if msg["msg_type"] not in ("status", "execute_input"):
                out.append(msg)

    def outputs_of(self, msg_id):
        """(msg_type, content) of iopub_of(msg_id)."""
        return [(m["msg_type"], m["content"]) for m in self.iopub_of(msg_id)]
