"""What the course kernel changes in tslab, checked over the Jupyter protocol.

Run by tests/kernel/protocol.test.ts:  .venv/bin/python -m unittest tests/kernel/test_protocol.py
"""
import os
import re
import textwrap
import unittest

import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_case import TIMEOUT, KernelTestCase  # noqa: E402
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A package that writes to stderr when used, like tfjs or a deprecation warning would.
NOISY = "exports.warn = () => { console.warn('library noise'); console.log('library stdout'); };\n"


class KernelProtocolTests(KernelTestCase):
    @classmethod
    def prepare_dir(cls, path):
        os.makedirs(os.path.join(path, "node_modules", "noisy"))
        with open(os.path.join(path, "node_modules", "noisy", "index.js"), "w") as f:
            f.write(NOISY)

    def run_cell(self, code, stop_on_error=True):
        msg_id = self.kc.execute(code, stop_on_error=stop_on_error)
        reply = self.reply_to(msg_id)
        return reply, self.outputs_of(msg_id)

    def traceback_text(self, content):
        return ANSI.sub("", "\n".join(content["traceback"]))

    def test_number_is_an_execute_result(self):
        reply, outputs = self.run_cell("const answer = 6;\nanswer * 7")
        self.assertEqual(reply["status"], "ok")
        results = [c for t, c in outputs if t == "execute_result"]
        self.assertEqual(len(results), 1, outputs)
        self.assertEqual(results[0]["data"], {"text/plain": "42"})
        self.assertEqual(results[0]["execution_count"], reply["execution_count"])
        self.assertNotIn("stream", [t for t, _ in outputs])

    def test_runtime_error_names_class_message_and_cell_line(self):
        code = textwrap.dedent(
            """\
            interface Shape {
              n: number;
            }

            function check(s: Shape): number {
              if (s.n > 2) {
                throw new RangeError(`n too big: ${s.n}`);
              }
              return s.n;
            }
            check({ n: 5 });
            """
        )
        reply, outputs = self.run_cell(code)
        self.assertEqual(reply["status"], "error")
        self.assertEqual((reply["ename"], reply["evalue"]), ("RangeError", "n too big: 5"))
        errors = [c for t, c in outputs if t == "error"]
        self.assertEqual(len(errors), 1)
        text = self.traceback_text(errors[0])
        n = reply["execution_count"]
        self.assertIn(f"at check (Cell In[{n}], line 7, column 11)", text)
        self.assertIn(f"Cell In[{n}], line 11", text)
        for machinery in ("tslab", "node:", "evalmachine", "kernel/", "__tslab__"):
            self.assertNotIn(machinery, text)
        self.assertNotIn("stream", [t for t, _ in outputs], "an error must not also be printed to stderr")

    def test_error_in_function_from_earlier_cell_points_at_that_cell(self):
        define, _ = self.run_cell("type N = number;\nfunction boom(x: N): never {\n  throw new TypeError('bad ' + x);\n}")
        reply, _ = self.run_cell("\n\nboom(1);")
        text = self.traceback_text(reply)
        self.assertEqual(reply["ename"], "TypeError")
        self.assertIn(f"at boom (Cell In[{define['execution_count']}], line 3, column 9)", text)
        self.assertIn(f"Cell In[{reply['execution_count']}], line 3", text)

    def test_type_error_is_an_error_with_diagnostics(self):
        reply, outputs = self.run_cell('const ok = 1;\nconst bad: number = "text";')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "TSError")
        self.assertEqual(reply["evalue"], "Type 'string' is not assignable to type 'number'.")
        text = self.traceback_text(reply)
        self.assertIn(f"Cell In[{reply['execution_count']}], line 2, column 7", text)
        self.assertIn("TS2322", text)
        self.assertEqual([t for t, _ in outputs], ["error"])

    def test_stop_on_error_aborts_the_queued_requests(self):
        ids = [self.kc.execute(c, stop_on_error=True) for c in ("throw new Error('first')", "1 + 1", "2 + 2")]
        statuses = [self.reply_to(i)["status"] for i in ids]
        self.assertEqual(statuses, ["error", "aborted", "aborted"])

    def test_without_stop_on_error_queued_requests_run(self):
        ids = [self.kc.execute(c, stop_on_error=False) for c in ("throw new Error('first')", "1 + 1", "2 + 2")]
        statuses = [self.reply_to(i)["status"] for i in ids]
        self.assertEqual(statuses, ["error", "ok", "ok"])

    def test_request_sent_after_an_error_reply_runs(self):
        reply, _ = self.run_cell("throw new Error('x')", stop_on_error=True)
        self.assertEqual(reply["status"], "error")
        reply, _ = self.run_cell("3 + 3")
        self.assertEqual(reply["status"], "ok")

    def test_library_stderr_stays_out_of_the_cell(self):
        reply, outputs = self.run_cell('const noisy = require("noisy");\nnoisy.warn();\nconsole.error("mine");')
        self.assertEqual(reply["status"], "ok")
        streams = {}
        for t, c in outputs:
            if t == "stream":
                streams[c["name"]] = streams.get(c["name"], "") + c["text"]
        self.assertEqual(streams.get("stderr"), "mine\n")
        self.assertEqual(streams.get("stdout"), "library stdout\n")

    def result_text(self, code):
        reply, outputs = self.run_cell(code)
        self.assertEqual(reply["status"], "ok", reply)
        results = [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]
        self.assertEqual(len(results), 1, outputs)
        return results[0]

    def test_names_from_earlier_cells_in_shorthand_and_renaming_destructuring(self):
        self.run_cell("const lr = 0.1;\nfunction f() { return { a: 1, c: 2 }; }")
        self.assertEqual(self.result_text("const { a: b } = f();\nconst cfg = { lr, b };\ncfg"), "{ lr: 0.1, b: 1 }")

    def test_awaited_class_instance_is_summarised(self):
        code = textwrap.dedent(
            """\
            class Net { layers = Array.from({ length: 50 }, () => ({ w: new Array(100).fill(0) })); }
            class Fit { model = new Net(); epoch = [0, 1, 2]; history = { loss: [0.5, 0.25, 0.125] }; }
            await Promise.resolve(new Fit())
            """
        )
        self.assertEqual(self.result_text(code), "Fit { model: [Net], epoch: [ 0, 1, 2 ], history: { loss: [ 0.5, 0.25, 0.125 ] } }")

    def test_displayable_last_expression_renders_rich(self):
        code = 'class Badge { toBundle() { return { "text/plain": "badge", "text/html": "<b>badge</b>" }; } }\nnew Badge()'
        reply, outputs = self.run_cell(code)
        self.assertEqual(outputs, [("execute_result", {"execution_count": reply["execution_count"], "data": {"text/plain": "badge", "text/html": "<b>badge</b>"}, "metadata": {}})])

    def interrupt_once_started(self, code):
        """Runs `code`, which prints "started" before blocking; interrupts it once that arrives."""
        msg_id = self.kc.execute(code)
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream" and "started" in msg["content"]["text"]:
                break
        self.km.interrupt_kernel()
        return self.reply_to(msg_id)

    def test_interrupt_stops_a_pending_await(self):
        # "started" is printed after the cell's synchronous part: a SIGINT that lands while Node's
        # vm is finishing a script can be swallowed (see kernel/README.md, known limits). A busy
        # loop is stopped too, but a test cannot know when it has begun.
        code = 'await new Promise((r) => setTimeout(r, 0));\nconsole.log("started");\nawait new Promise(() => {});'
        reply = self.interrupt_once_started(code)
        self.assertEqual(reply["status"], "error")
        self.assertRegex(reply["evalue"], r"(?i)interrupted")
        self.assertEqual(self.run_cell("1 + 1")[0]["status"], "ok", "the kernel works after an interrupt")

    def test_kernel_info_language(self):
        self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual(reply["implementation"], "dlcourse-tslab")
        info = reply["language_info"]
        self.assertEqual((info["name"], info["file_extension"], info["mimetype"]), ("typescript", ".ts", "text/typescript"))
        self.assertRegex(info["version"], r"^5\.0\.\d+$")


if __name__ == "__main__":
    unittest.main()
