"""The comm protocol of the course kernel, over jupyter_client (messaging spec, "Custom messages").

Run by tests/kernel/comm.test.ts:  .venv/bin/python -m unittest tests/kernel/test_comm.py
Cells reach the kernel's comm host (kernel/comm.ts) directly, as lib/widgets does.
"""
import os
import textwrap
import unittest

import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_case import KernelTestCase  # noqa: E402
HOST = "const host = (globalThis as any).__dlcourseCommHost__;\n"
# The display API's kernel end (lib/display calls it), to keep these cells free of imports.
SHOW = ("const show = (text: string, update: boolean) => (globalThis as any).__dlcourseDisplayHost__"
        ".display({ data: { 'text/plain': text }, metadata: {}, transient: { display_id: 'chart' } }, update);\n")
# A kernel-side comm on target "test.echo" that answers each message, prints, and redraws a display.
ECHO = HOST + SHOW + textwrap.dedent("""\
    const echo = host.open("test.echo", { hello: 1 }, { metadata: { version: "t" } });
    show("before", false);
    echo.onMessage((m: any) => {
      if (m.data.fail) throw new RangeError("handler failed on purpose");
      console.log(`got ${m.data.seq}`);
      show(`after ${m.data.seq}`, true);
      echo.send({ seq: m.data.seq, sizes: m.buffers.map((b: Uint8Array) => b.byteLength) }, { buffers: [new Uint8Array([7, 8, 9])] });
    });
    echo.onClose((m: any) => console.log(`closed by front end ${JSON.stringify(m.data)}`));
    echo.id
    """)


class KernelCommTests(KernelTestCase):
    def run_cell(self, code):
        msg_id = self.kc.execute(code)
        reply = self.reply_to(msg_id)
        self.assertEqual(reply["status"], "ok", reply)
        return self.iopub_of(msg_id)

    def send(self, msg_type, content, buffers=None):
        msg = self.kc.session.msg(msg_type, content)
        self.kc.session.send(self.kc.shell_channel.socket, msg, buffers=buffers)
        return msg["header"]["msg_id"]

    def comm_info(self, target=None):
        content = {} if target is None else {"target_name": target}
        msg = self.kc.session.msg("comm_info_request", content)
        self.kc.shell_channel.send(msg)
        reply = self.reply_to(msg["header"]["msg_id"])
        self.assertEqual(reply["status"], "ok")
        return reply["comms"]

    def open_echo(self):
        out = self.run_cell(ECHO)
        opens = [m for m in out if m["msg_type"] == "comm_open"]
        self.assertEqual(len(opens), 1, out)
        self.assertEqual(opens[0]["content"]["target_name"], "test.echo")
        self.assertEqual(opens[0]["content"]["data"], {"hello": 1})
        self.assertEqual(opens[0]["metadata"], {"version": "t"})
        return opens[0]["content"]["comm_id"]

    def test_kernel_opened_comm_round_trip_output_and_close(self):
        comm_id = self.open_echo()
        echoes = self.comm_info("test.echo")
        self.assertEqual(echoes[comm_id], {"target_name": "test.echo"})
        self.assertEqual({c["target_name"] for c in echoes.values()}, {"test.echo"})
        self.assertNotIn(comm_id, self.comm_info("other.target"))
        sent = self.send("comm_msg", {"comm_id": comm_id, "data": {"seq": 1}}, buffers=[b"abcd"])
        out = self.iopub_of(sent)
        kinds = [m["msg_type"] for m in out]
        self.assertEqual(kinds, ["stream", "update_display_data", "comm_msg"], out)
        self.assertEqual(out[0]["content"], {"name": "stdout", "text": "got 1\n"})
        self.assertEqual(out[1]["content"]["data"], {"text/plain": "after 1"})
        self.assertEqual(out[1]["content"]["transient"], {"display_id": "chart"})
        self.assertEqual(out[2]["content"], {"comm_id": comm_id, "data": {"seq": 1, "sizes": [4]}})
        self.assertEqual([bytes(b) for b in out[2]["buffers"]], [b"\x07\x08\x09"])
        closed = self.send("comm_close", {"comm_id": comm_id, "data": {"why": "done"}})
        out = self.iopub_of(closed)
        self.assertEqual([m["content"].get("text") for m in out], ['closed by front end {"why":"done"}\n'])
        self.assertNotIn(comm_id, self.comm_info())

    def test_messages_are_handled_in_order(self):
        comm_id = self.open_echo()
        ids = [self.send("comm_msg", {"comm_id": comm_id, "data": {"seq": i}}) for i in range(8)]
        for i, msg_id in enumerate(ids):
            echoed = [m["content"]["data"]["seq"] for m in self.iopub_of(msg_id) if m["msg_type"] == "comm_msg"]
            self.assertEqual(echoed, [i])

    def test_handler_error_goes_to_stderr_and_kernel_lives(self):
        comm_id = self.open_echo()
        failed = self.send("comm_msg", {"comm_id": comm_id, "data": {"fail": True}})
        out = self.iopub_of(failed)
        text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
        self.assertIn("RangeError: handler failed on purpose", text)
        self.assertTrue(all(m["content"].get("name") == "stderr" for m in out if m["msg_type"] == "stream"), out)
        # Still alive, and the comm still answers.
        self.assertIn(comm_id, self.comm_info("test.echo"))
        out = self.iopub_of(self.send("comm_msg", {"comm_id": comm_id, "data": {"seq": 5}}))
        self.assertIn("comm_msg", [m["msg_type"] for m in out])
        results = [m for m in self.run_cell("1 + 1") if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"], {"text/plain": "2"})

    def test_front_end_opened_comm(self):
        self.run_cell(HOST + textwrap.dedent("""\
            host.registerTarget("test.target", (comm: any, open: any) => {
              comm.send({ welcome: open.data.name });
              comm.onMessage((m: any) => comm.send({ twice: m.data.n * 2 }));
            });
            """))
        opened = self.send("comm_open", {"comm_id": "fe-1", "target_name": "test.target", "data": {"name": "lab"}})
        out = self.iopub_of(opened)
        self.assertEqual([(m["msg_type"], m["content"]) for m in out], [("comm_msg", {"comm_id": "fe-1", "data": {"welcome": "lab"}})])
        self.assertEqual(self.comm_info("test.target"), {"fe-1": {"target_name": "test.target"}})
        out = self.iopub_of(self.send("comm_msg", {"comm_id": "fe-1", "data": {"n": 21}}))
        self.assertEqual([m["content"]["data"] for m in out], [{"twice": 42}])
        self.iopub_of(self.send("comm_close", {"comm_id": "fe-1", "data": {}}))
        self.assertNotIn("fe-1", self.comm_info())

    def test_unknown_target_is_closed_and_unknown_comm_ignored(self):
        out = self.iopub_of(self.send("comm_open", {"comm_id": "fe-2", "target_name": "no.such.target", "data": {}}))
        self.assertEqual([(m["msg_type"], m["content"]["comm_id"]) for m in out], [("comm_close", "fe-2")])
        self.assertNotIn("fe-2", self.comm_info())
        out = self.iopub_of(self.send("comm_msg", {"comm_id": "never-opened", "data": {}}))
        self.assertEqual(out, [])

    def test_kernel_close_sends_comm_close(self):
        out = self.run_cell(HOST + 'const c = host.open("test.short", {});\nc.close({ bye: true });\nc.id')
        kinds = [m["msg_type"] for m in out]
        self.assertEqual(kinds[:2], ["comm_open", "comm_close"])
        self.assertEqual(out[1]["content"]["data"], {"bye": True})
        self.assertEqual(self.comm_info("test.short"), {})


if __name__ == "__main__":
    unittest.main()
