"""Shim: `bonemets.trusted` is named in course folders' nbgrader_config.py; the code lives in
`bonemets.instructor.grading`. Kept for at least a term (until the end of 2027)."""

from bonemets.instructor.grading.keys import FreezeKey
from bonemets.instructor.grading.trusted_scoring import (
    InertStudentText,
    RecordedAnswers,
    RestoreMissingCells,
    SafeExecute,
    TrustedScoring,
)

__all__ = ["FreezeKey", "InertStudentText", "RecordedAnswers", "RestoreMissingCells", "SafeExecute",
           "TrustedScoring"]
