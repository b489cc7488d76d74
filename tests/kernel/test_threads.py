"""A course kernel whose wasm backend runs on 2 threads: it computes, restarts and shuts down on
its own (no hang on the waiting pool threads, nothing on stderr).

Run by tests/kernel/threads.test.ts:  .venv/bin/python -m unittest tests/kernel/test_threads.py
"""
import ast
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_case import KernelTestCase  # noqa: E402

CELL = """import { ready, tf, backendThreads } from "dlcourse";
await ready({ threads: 2 }); // asked for in the notebook, as a user asks (the default is 1)
const s = tf.matMul(tf.ones([256, 256]), tf.ones([256, 256])).sum().dataSync()[0];
JSON.stringify({ ...backendThreads(), s })"""


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class KernelThreadsTests(KernelTestCase):
    @classmethod
    def kernel_cwd(cls):
        return os.path.join(ROOT, "notebooks")  # where "dlcourse" resolves, as for a notebook

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        if cls.km.is_alive():  # the test shuts it down itself unless it failed before
            cls.km.shutdown_kernel(now=True)

    def run_threads_cell(self):
        msg_id = self.kc.execute(CELL)
        self.assertEqual(self.reply_to(msg_id)["status"], "ok")
        outputs = self.outputs_of(msg_id)
        self.assertEqual([t for t, _ in outputs], ["execute_result"], f"only the result, no stream: {outputs}")
        return json.loads(ast.literal_eval(outputs[0][1]["data"]["text/plain"]))

    def test_threads_compute_restart_and_exit_on_their_own(self):
        first = self.run_threads_cell()
        self.assertEqual((first["requested"], first["threads"], first["reason"], first["s"]), (2, 2, None, 256 ** 3))
        old = self.km.provisioner.process
        self.km.restart_kernel(now=False)  # asks the kernel to exit; kills it only after a wait
        self.assertEqual(old.wait(timeout=30), 0, "the kernel with threads exited by itself on restart")
        self.kc.wait_for_ready(timeout=120)
        self.assertEqual(self.run_threads_cell()["threads"], 2)
        process = self.km.provisioner.process
        self.km.shutdown_kernel(now=False)
        self.assertEqual(process.wait(timeout=30), 0, "the kernel with threads exited by itself on shutdown")


if __name__ == "__main__":
    unittest.main()
