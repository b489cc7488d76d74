"""nbclient (what nbconvert, nbgrader and our notebook runner use) against the course kernel.

Run by tests/kernel/notebook.test.ts:  .venv/bin/python -m unittest tests/kernel/test_notebook.py
"""
import os
import shutil
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CELLS = [
    "const base = 40;",
    'throw new Error("boom");',
    'const wrong: number = "text";',
    "base + 2",
    'console.log("still running");',
]


def notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "dlcourse", "display_name": "TypeScript (dlcourse)", "language": "typescript"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    return nb


class NotebookClientTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="dlcourse-nb-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def execute(self, allow_errors):
        nb = notebook()
        client = NotebookClient(nb, kernel_name=os.environ.get("DLCOURSE_TEST_KERNEL", "dlcourse"), timeout=300, startup_timeout=300, allow_errors=allow_errors, resources={"metadata": {"path": self.dir}})
        return nb, client

    def test_allow_errors_runs_every_cell_after_a_failing_one(self):
        nb, client = self.execute(allow_errors=True)
        client.execute()
        counts = [c.execution_count for c in nb.cells]
        self.assertEqual(counts, [1, 2, 3, 4, 5])

        runtime = nb.cells[1].outputs
        self.assertEqual([(o.output_type, o.ename, o.evalue) for o in runtime], [("error", "Error", "boom")])
        self.assertTrue(any("Cell In[2], line 1" in line for line in runtime[0].traceback))

        typed = nb.cells[2].outputs
        self.assertEqual([(o.output_type, o.ename) for o in typed], [("error", "TSError")])
        self.assertEqual(typed[0].evalue, "Type 'string' is not assignable to type 'number'.")

        result = nb.cells[3].outputs
        self.assertEqual(len(result), 1)
        self.assertEqual(result[0].output_type, "execute_result")
        self.assertEqual(result[0].data["text/plain"], "42")
        self.assertEqual(result[0].execution_count, 4)

        self.assertEqual([(o.output_type, o.name, o.text) for o in nb.cells[4].outputs], [("stream", "stdout", "still running\n")])

    def test_without_allow_errors_the_error_is_raised_with_its_name(self):
        nb, client = self.execute(allow_errors=False)
        with self.assertRaises(CellExecutionError) as caught:
            client.execute()
        self.assertEqual(caught.exception.ename, "Error")
        self.assertEqual(caught.exception.evalue, "boom")
        self.assertEqual([c.execution_count for c in nb.cells], [1, 2, None, None, None])


if __name__ == "__main__":
    unittest.main()
