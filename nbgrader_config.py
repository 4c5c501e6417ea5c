"""nbgrader configuration. The repository root is the course root: run nbgrader from here.

The instructor commands are in the README; the tests run the same ones.
"""

import sys
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearOutput,
    DeduplicateIds,
    Execute,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
)

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

# Scores come from the trusted grader, outside the student's kernel. TrustedScoring takes the place of
# nbgrader's SaveAutoGrades: it puts back every cell's nbgrader role from the gradebook, saves grades as
# nbgrader does, then reads each answer cell's text, scores it with the bank's NCSBN rule and writes that
# score. Answer cells are "manually graded answer" cells, so nbgrader never takes their score from the
# kernel's output. Fail safe: if TrustedScoring cannot be imported or is disabled, no automatic grade is
# saved at all; every answer waits for manual grading, nobody gains, and `bonemets grade` refuses to run.
try:
    from bonemets.trusted import RestoreMissingCells, SafeExecute, TrustedScoring
except Exception as exc:  # noqa: BLE001 - any failure must leave grading safe, and say so loudly
    RestoreMissingCells, SafeExecute, TrustedScoring = OverwriteCells, Execute, None
    print(f"ERROR: the trusted grader (bonemets.trusted) could not be loaded: {exc!r}. Autograde will run "
          "the notebooks but save NO scores. Install the course package (make install) and grade again.",
          file=sys.stderr)
c.Autograde.sanitize_preprocessors = [
    ClearOutput, DeduplicateIds, OverwriteKernelspec, RestoreMissingCells, CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    SafeExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
    *([TrustedScoring] if TrustedScoring else []),
    AssignLatePenalties, CheckCellMetadata,
]
if TrustedScoring:
    c.TrustedScoring.bank_dir = str(Path(__file__).resolve().parent / "quizzes")

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
c.Execute.timeout = 30  # seconds per cell; then the kernel is interrupted and the run goes on
c.Execute.interrupt_on_timeout = True
c.Execute.error_on_timeout = {
    "ename": "CellTimeoutError",
    "evalue": "",
    "traceback": ["This cell ran longer than the time limit and was stopped (an endless loop?). "
                  "The rest of the notebook was still run, and answers are marked from what you typed."],
}
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 20

# Warnings written to stderr (e.g. a DeprecationWarning from a library) must not cost
# marks: nbgrader scores any grade cell with stderr output as 0 unless it is removed.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"\b[A-Za-z]*Warning\b"

# Feedback shows each answer's rationale (written under the answer by the trusted grader); any
# hidden tests are cleared from feedback, which nbgrader otherwise includes (jupyter/nbgrader#917).
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
