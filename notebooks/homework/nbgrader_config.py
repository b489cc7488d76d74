# nbgrader configuration for the course's TypeScript homework (kernel "dlcourse", tslab).
# The course root is this folder: assignments live in source/<assignment>/<assignment>.ipynb.
# See grading/README.md for the commands (local and JupyterHub) and for the secure grader.
import os

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = os.environ.get("DLCOURSE_COURSE_ID", "dlcourse")
# Instructors may point this elsewhere (e.g. a copy on the hub); generated folders
# (release/, submitted/, autograded/, feedback/) and gradebook.db are created beside source/.
c.CourseDirectory.root = os.environ.get("DLCOURSE_COURSE_ROOT", os.path.dirname(os.path.abspath(__file__)))
# hidden/: the instructor's held-out data for hidden tests; never copied into the student version.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "node_modules", "*.executed.ipynb", "hidden"]

# Solutions: `// BEGIN SOLUTION` ... `// END SOLUTION` inside code cells (nbgrader matches the
# delimiter text anywhere on the line, so the `//` comment form works as is).
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearSolutions.code_stub = {
    "typescript": '// YOUR CODE HERE\nthrow new Error("not implemented");',
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "ВАШ ОТВЕТ ЗДЕСЬ"

# Hidden tests: `// BEGIN HIDDEN TESTS` ... `// END HIDDEN TESTS` in test cells.
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# Autograding runs every notebook in the course kernel; a test cell whose last expression is a
# number gets that many points (partial credit), an error or stderr output gets 0.
c.Execute.kernel_name = "dlcourse"
c.Execute.timeout = int(os.environ.get("DLCOURSE_CELL_TIMEOUT", "300"))
c.Execute.interrupt_on_timeout = True

# JupyterHub: the shared exchange folder (create it once: mkdir -p /srv/nbgrader/exchange && chmod ugo+rw).
c.Exchange.root = os.environ.get("DLCOURSE_EXCHANGE", "/srv/nbgrader/exchange")

# Feedback: nbgrader's default shows the autograded notebook as is, hidden tests and tracebacks
# (which quote the failing test line) included. Remove the hidden regions and cut error outputs of
# test cells down to "ename: evalue", so students learn what failed and why, not the test code.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor, Preprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402


class HideTestTracebacks(Preprocessor):
    """Keeps only `ename: evalue` of errors in grade cells."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        return cell, resources


c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, HideTestTracebacks, CSSHTMLHeaderPreprocessor]
