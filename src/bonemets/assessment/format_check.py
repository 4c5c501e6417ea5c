"""What runs inside a graded notebook: the friendly format check, and nothing that scores.

Students answer with a plain value (`q1 = "B"`, `q3 = ["A", "C", "B"]`). The visible check
tells them in plain words when the value has the wrong shape. Scoring never happens in the
student's kernel: the trusted grader (`bonemets.trusted`) reads the answer cell's text after
the notebook has run and scores it outside the kernel, where a student's code cannot reach.
"""

from __future__ import annotations

import sys
from typing import Any

from bonemets.assessment.answers import MISSING, AnswerFormatError, describe, example, normalise

__all__ = ["AnswerFormatError", "check_format", "example", "normalise"]


def _caller_value(name: str) -> Any:
    return sys._getframe(2).f_globals.get(name, MISSING)


def check_format(name: str, form: dict) -> None:
    """Visible check: says whether the answer has the right shape (not whether it is right)."""
    response = normalise(name, _caller_value(name), form)
    print(f"{name}: the format is fine ({describe(response)}). "
          "This check does not say whether the answer is right.")
