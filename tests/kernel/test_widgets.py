"""lib/widgets in the real kernel, over jupyter_client, with this test playing JupyterLab's widget
manager: a slider and interact open their models, an update from the front end runs the observer
and is echoed back, the redraw arrives as an Output widget update, close removes the comm.

Run by tests/kernel/widgets.test.ts:  .venv/bin/python -m unittest tests/kernel/test_widgets.py
"""
import os
import pathlib
import textwrap
import unittest

import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_case import TIMEOUT, KernelTestCase  # noqa: E402
# Where "dlcourse" resolves, as for the notebooks.
NOTEBOOKS = pathlib.Path(__file__).resolve().parents[2] / "notebooks"
SETUP = textwrap.dedent("""\
    import { display, widgets } from "dlcourse";
    const rate = new widgets.FloatSlider({ value: 0.5, min: 0, max: 1, step: 0.1, description: "rate" });
    const seen: number[] = [];
    rate.observe(({ new: v }) => seen.push(v as number), ["value"]);
    const box = widgets.interact(({ rate }) => {
      if (rate === 0) throw new RangeError("rate must be positive");
      display({ "text/plain": `rate ${rate}` });
    }, { controls: { rate }, debounceMs: 10 });
    box
    """)


class WidgetKernelTests(KernelTestCase):
    @classmethod
    def kernel_cwd(cls):
        return str(NOTEBOOKS)

    def comm_msgs_until(self, comm_id, pred):
        """comm_msg contents on comm_id (any parent) until one satisfies pred."""
        got = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["msg_type"] == "comm_msg" and msg["content"]["comm_id"] == comm_id:
                got.append(msg["content"]["data"])
                if pred(got[-1]):
                    return got

    def send(self, msg_type, content):
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def run_cell(self, code):
        msg_id = self.kc.execute(code)
        out = self.iopub_of(msg_id)
        errors = [m["content"] for m in out if m["msg_type"] == "error"]
        self.assertEqual(errors, [])
        return out

    def test_slider_round_trip_through_interact(self):
        out = self.run_cell(SETUP)
        models = {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in out if m["msg_type"] == "comm_open"}
        names = {s["_model_name"] for s in models.values()}
        self.assertTrue({"FloatSliderModel", "SliderStyleModel", "LayoutModel", "OutputModel", "VBoxModel"} <= names, names)
        slider = next(i for i, s in models.items() if s["_model_name"] == "FloatSliderModel")
        output = next(i for i, s in models.items() if s["_model_name"] == "OutputModel")
        result = next(m["content"]["data"] for m in out if m["msg_type"] == "execute_result")
        view = result["application/vnd.jupyter.widget-view+json"]
        self.assertEqual(models[view["model_id"]]["_model_name"], "VBoxModel")
        self.assertEqual(result["text/plain"], "rate 0.5")  # the default figure, for other front ends
        # The front end drags the slider.
        sent = self.send("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": 0.8}, "buffer_paths": []}})
        echo = [m for m in self.iopub_of(sent) if m["msg_type"] == "comm_msg"]
        self.assertEqual(echo[0]["content"]["data"], {"method": "echo_update", "state": {"value": 0.8}, "buffer_paths": []})
        redraw = self.comm_msgs_until(output, lambda d: d.get("method") == "update")
        outputs = redraw[-1]["state"]["outputs"]
        self.assertEqual(outputs, [{"output_type": "display_data", "data": {"text/plain": "rate 0.8"}, "metadata": {}}])
        value = [m for m in self.run_cell("seen") if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"]
        self.assertEqual(value, "[ 0.8 ]")
        # An error in the function shows in the output; the kernel goes on.
        self.send("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": 0}, "buffer_paths": []}})
        redraw = self.comm_msgs_until(output, lambda d: d.get("method") == "update")
        err = redraw[-1]["state"]["outputs"][0]
        self.assertEqual((err["output_type"], err["ename"], err["evalue"]), ("error", "RangeError", "rate must be positive"))
        # The front end closes the slider: it leaves comm_info.
        self.iopub_of(self.send("comm_close", {"comm_id": slider, "data": {}}))
        info = self.send("comm_info_request", {"target_name": "jupyter.widget"})
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == info:
                break
        self.assertNotIn(slider, reply["content"]["comms"])
        self.assertIn(output, reply["content"]["comms"])


if __name__ == "__main__":
    unittest.main()
