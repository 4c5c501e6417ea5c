"""Shim: released student copies import `bonemets.grading`; the code is `bonemets.assessment.format_check`.
Kept for at least a term (until the end of 2027). Standard library only, like its target."""

from bonemets.assessment.format_check import AnswerFormatError, check_format, example, normalise

__all__ = ["AnswerFormatError", "check_format", "example", "normalise"]
