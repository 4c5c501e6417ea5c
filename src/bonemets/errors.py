"""Every error the course package raises on purpose, in one tree (standard library only).

    CourseError                      base: the message says what was wrong and what is allowed
    ├── ContentError (ValueError)    a course file (bank, references, data table, case file) is malformed
    │   ├── BankError                a question-bank file; names the file, the item and the field
    │   └── UnknownReference         a citation of a key that assets/references.yaml does not hold
    ├── AnswerFormatError (ValueError)  a student's answer has the wrong shape (shown in the notebook)
    ├── SubmissionError              a handed-in file that cannot be graded (one student, never the class)
    ├── GradingSetupError            the course folder or nbgrader's configuration cannot grade
    ├── ExportError                  the bank cannot be written faithfully in an LMS format
    └── ProgressStoreError           a learner's progress file is damaged, foreign or too new

Calculators raise a plain ValueError for impossible input (DESIGN.md): the widgets show its message.
Only `bonemets.cli` turns these into exit codes; library code never calls sys.exit.
"""

from __future__ import annotations


class CourseError(Exception):
    """Base of every deliberate error of the course package."""


class ContentError(CourseError, ValueError):
    """A course file is missing or malformed; the message names the file and where."""


class BankError(ContentError):
    """A question-bank file that cannot be used; the message names file, item and field."""


class UnknownReference(ContentError, KeyError):
    """A citation of a key the reference registry does not hold."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class AnswerFormatError(CourseError, ValueError):
    """An answer of the wrong shape. Shown to the student as one plain message."""

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of a traceback
        return [f"Answer format problem: {self}"]


class SubmissionError(CourseError):
    """One student's submission cannot be graded as handed in; the reason is for the instructor."""


class GradingSetupError(CourseError):
    """The course folder or nbgrader's configuration is not set up to grade safely."""


class ExportError(CourseError):
    """An item cannot be written in the chosen LMS format."""


class ProgressStoreError(CourseError):
    """A learner's progress file is damaged, foreign or from a newer version of the course."""
