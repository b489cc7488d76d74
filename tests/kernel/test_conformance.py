"""Jupyter kernel conformance (jupyter_kernel_test) for the course kernel "dlcourse".

Run by tests/kernel/conformance.test.ts:
    .venv/bin/python -m unittest tests/kernel/test_conformance.py
"""
import os
import unittest

import jupyter_kernel_test as jkt

WARM_UP_SECONDS = 300


def warm_up(kc):
    """Imports the display API once; later cells see it (tslab carries declarations between cells).

    A cell with an import from the lib is slow (tslab type-checks the lib for it: tens of
    seconds on a loaded machine), more than the suite's 15 s per request; the samples below
    therefore use the names imported here instead of importing them again.
    """
    msg_id = kc.execute('import { display, clearOutput, html } from "dlcourse";')
    while True:
        reply = kc.get_shell_msg(timeout=WARM_UP_SECONDS)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"importing dlcourse failed in the kernel: {reply['content']}")


class DlcourseKernelTests(jkt.KernelTests):
    kernel_name = os.environ.get("DLCOURSE_TEST_KERNEL", "dlcourse")
    language_name = "typescript"
    file_extension = ".ts"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            warm_up(cls.kc)
        except BaseException:
            # unittest skips tearDownClass when setUpClass fails: an orphaned kernel would keep
            # running and hold the test runner's output pipes open (the run then hangs).
            super().tearDownClass()
            raise

    code_hello_world = 'console.log("hello, world");'
    code_stderr = 'console.error("written by the cell");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs"}},
        {"text": "const fooBarBaz = 1;\nfooBar", "matches": {"fooBarBaz"}},
    ]

    complete_code_samples = ["1 + 1", "const x = 1;", "function f() {\n  return 1;\n}"]
    incomplete_code_samples = ["function f() {", "const xs = [1,", "if (x) {\n  y();"]
    invalid_code_samples = ["const = 5;", "let 1x = 2;", "1 +* 2"]

    code_generate_error = 'throw new RangeError("conformance");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": "'ab'"},
        {
            "code": '({ toBundle: () => ({ "text/plain": "rich", "text/html": "<b>rich</b>" }) })',
            "mime": "text/html",
            "result": "<b>rich</b>",
        },
    ]

    code_display_data = [
        {
            "code": 'display({ "text/plain": "chart", "image/svg+xml": "<svg/>", "application/json": { a: 1 } });',
            "mime": "image/svg+xml",
        },
        {"code": 'html("<p>hi</p>", "hi");', "mime": "text/html"},
    ]

    code_clear_output = 'console.log("old");\nclearOutput();'

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.abs"

    def test_display_data_carries_whole_bundle(self):
        """One display message holds every MIME type of the bundle (tslab sent one per message)."""
        self.flush_channels()
        reply, outputs = self.execute_helper(self.code_display_data[0]["code"])
        self.assertEqual(reply["content"]["status"], "ok")
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1)
        self.assertEqual(set(shown[0]["content"]["data"]), {"text/plain", "image/svg+xml", "application/json"})
        self.assertEqual(shown[0]["content"]["data"]["application/json"], {"a": 1})

    def test_update_display_data(self):
        self.flush_channels()
        code = (
            'display({ "text/plain": "epoch 1" }, { id: "progress" });\n'
            'display({ "text/plain": "epoch 2", "text/html": "<i>epoch 2</i>" }, { id: "progress", update: true });'
        )
        reply, outputs = self.execute_helper(code)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([m["msg_type"] for m in outputs], ["display_data", "update_display_data"])
        for m in outputs:
            self.assertEqual(m["content"]["transient"], {"display_id": "progress"})
        self.assertEqual(outputs[1]["content"]["data"]["text/html"], "<i>epoch 2</i>")

    def test_clear_output_wait_flag(self):
        self.flush_channels()
        reply, outputs = self.execute_helper("clearOutput({ wait: true });")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([(m["msg_type"], m["content"]) for m in outputs], [("clear_output", {"wait": True})])

    def test_error_content(self):
        """The error message and the reply both carry ename, evalue and the traceback."""
        self.flush_channels()
        reply, outputs = self.execute_helper(self.code_generate_error)
        self.assertEqual(reply["content"]["ename"], "RangeError")
        self.assertEqual(reply["content"]["evalue"], "conformance")
        self.assertEqual(outputs[0]["content"]["ename"], "RangeError")
        self.assertIn("Cell In[", "\n".join(outputs[0]["content"]["traceback"]))

    def test_execute_result_has_execution_count(self):
        self.flush_channels()
        reply, outputs = self.execute_helper("1 + 2")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "3")
        self.assertEqual(results[0]["content"]["execution_count"], reply["content"]["execution_count"])

    def test_inspect_reports_type(self):
        self.flush_channels()
        self.kc.inspect("Math.abs", 8)
        reply = self.get_non_kernel_info_reply(timeout=15)
        self.assertIn("abs(x: number): number", reply["content"]["data"]["text/plain"])


if __name__ == "__main__":
    unittest.main()
