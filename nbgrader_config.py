"""nbgrader configuration. The repository root is the course root: run nbgrader from here.

The instructor commands are in the README; the tests run the same ones.
"""

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "breast-cancer-in-bone"
# Never copy editor or Python caches into release/ or back from students.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "__pycache__", "*.pyc", ".DS_Store"]

# Student copy: a stub that says what to do, in place of each solution.
c.ClearSolutions.code_stub = {
    "python": "# Replace the next line with your answer.\n"
    'raise NotImplementedError("No answer yet")'
}
c.ClearSolutions.text_stub = "Write your answer here."

# A submission that lost a grade or answer cell gets it back (scoring 0) instead of
# the whole notebook failing to grade.
c.OverwriteCells.add_missing_cells = True

# Grading runs students' code: bound each cell's time and the output kept.
c.Execute.timeout = 30  # seconds per cell; then the kernel is interrupted and the cell scores 0
c.Execute.interrupt_on_timeout = True
c.Execute.error_on_timeout = {
    "ename": "CellTimeoutError",
    "evalue": "",
    "traceback": ["This cell ran longer than the time limit and was stopped (an endless loop?). "
                  "It scores 0; the rest of the notebook was still graded."],
}
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 20

# Warnings written to stderr (e.g. a DeprecationWarning from a library) must not cost
# marks: nbgrader scores any grade cell with stderr output as 0 unless it is removed.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"\b[A-Za-z]*Warning\b"

# Feedback shows each answer's rationale (printed by the hidden test) but not the
# hidden tests themselves, which nbgrader includes by default (jupyter/nbgrader#917).
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
