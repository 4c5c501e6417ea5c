"""nbgrader configuration. The repository root is the course root: run nbgrader from here.

The instructor commands are in the README; the tests run the same ones.
"""

from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, Execute, GetGrades, IgnorePattern, LimitOutput,
    SaveAutoGrades,
)

# The trusted grader. If this import fails, nbgrader ignores this whole file: answer cells are then
# left as "needs manual grading" (nobody gains points), and `bonemets grade` refuses to run.
from bonemets.trusted import TrustedScoring

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

# Scores come from the trusted grader, outside the student's kernel: after nbgrader has run the
# notebook and saved its grades, TrustedScoring reads each answer cell's text, scores it with the
# bank's NCSBN rule and writes the score to the gradebook. Answer cells are "manually graded
# answer" cells, so if this step is removed or disabled no answer gets automatic points.
c.Autograde.autograde_preprocessors = [
    Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades, TrustedScoring,
    AssignLatePenalties, CheckCellMetadata,
]
c.TrustedScoring.bank_dir = str(Path(__file__).resolve().parent / "quizzes")

# Warnings written to stderr (e.g. a DeprecationWarning from a library) must not cost
# marks: nbgrader scores any grade cell with stderr output as 0 unless it is removed.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"\b[A-Za-z]*Warning\b"

# Feedback shows each answer's rationale (written under the answer by the trusted grader); any
# hidden tests are cleared from feedback, which nbgrader otherwise includes (jupyter/nbgrader#917).
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
