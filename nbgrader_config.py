"""nbgrader configuration. The repository root is the course root: run nbgrader from here.

The instructor commands are in the README; the tests run the same ones.
"""

import sys

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ClearSolutions,
    ComputeChecksums,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    IncludeHeaderFooter,
    InstantiateTests,
    LimitOutput,
    LockCells,
    OverwriteCells,
    OverwriteKernelspec,
    SaveCells,
)

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

# Grading runs no student code. Course quizzes are answered with plain values, which are read from the
# notebook file, never by running it: there is no Execute step. RecordedAnswers turns a recorded click into
# the answer cell's text before outputs are cleared; TrustedScoring (in place of nbgrader's SaveAutoGrades)
# puts back every cell's role from the gradebook, saves grades as nbgrader does, then marks each answer's
# text against the key frozen at release (keys/<assignment>.json, written by FreezeKey at
# generate_assignment); InertStudentText shows student Markdown as plain text, so it cannot run as HTML in
# formgrader or the feedback. Answer cells are "manually graded answer" cells, so nbgrader never takes a
# score from a cell's output. Fail safe: if the course package cannot be imported, no automatic grade is
# saved at all; every answer waits for manual grading, nobody gains, and `bonemets grade` refuses to run.
try:
    from bonemets.trusted import (
        FreezeKey,
        InertStudentText,
        RecordedAnswers,
        RestoreMissingCells,
        TrustedScoring,
    )
except Exception as exc:  # noqa: BLE001 - any failure must leave grading safe, and say so loudly
    FreezeKey = InertStudentText = RecordedAnswers = TrustedScoring = None
    RestoreMissingCells = OverwriteCells
    print(f"ERROR: the trusted grader (bonemets.trusted) could not be loaded: {exc!r}. Autograde will "
          "save NO scores. Install the course package (make install) and grade again.", file=sys.stderr)
_present = [step for step in (RecordedAnswers,) if step]
c.Autograde.sanitize_preprocessors = [
    *_present, ClearOutput, DeduplicateIds, OverwriteKernelspec, RestoreMissingCells, CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
    *([TrustedScoring] if TrustedScoring else []),
    AssignLatePenalties, CheckCellMetadata,
    *([InertStudentText] if InertStudentText else []),
]
c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter, InstantiateTests, LockCells, ClearSolutions, ClearOutput, CheckCellMetadata,
    ComputeChecksums, SaveCells, ClearHiddenTests, ClearMarkScheme, ComputeChecksums, CheckCellMetadata,
    *([FreezeKey] if FreezeKey else []),
]

c.CourseDirectory.course_id = "breast-cancer-in-bone"
# Never copy editor or Python caches into release/ or back from students.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "__pycache__", "*.pyc", ".DS_Store"]

# Student copy: each answer cell keeps its ask("qN") line (the answer box) and loses the instructor's key.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "Write your answer here."

# A submission that lost a grade or answer cell gets it back (scoring 0) instead of
# the whole notebook failing to grade.
c.OverwriteCells.add_missing_cells = True
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 20

# Warnings written to stderr (e.g. a DeprecationWarning from a library) must not cost
# marks: nbgrader scores any grade cell with stderr output as 0 unless it is removed.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"\b[A-Za-z]*Warning\b"

# Feedback shows each answer's rationale (written under the answer by the trusted grader); any
# hidden tests are cleared from feedback, which nbgrader otherwise includes (jupyter/nbgrader#917).
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
