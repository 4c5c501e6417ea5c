"""What runs inside a graded notebook: the friendly format check and the hidden scorer.

Students answer with a plain value (`q1 = "B"`, `q2 = {"A", "C"}`). The visible
check tells them, in plain words, when the value has the wrong shape; the hidden
test (stripped from the student's copy) scores it with the bank's NCSBN rule and
prints the rationales for the feedback report.
"""

from __future__ import annotations

import sys
from typing import Any

from bonemets.bank import ChoiceItem
from bonemets.feedback import feedback_text

_MISSING = object()


class AnswerFormatError(Exception):
    """An answer of the wrong shape. Shown to the student as one plain message."""

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of a traceback
        return [f"Answer format problem: {self}"]


def answer_example(name: str, kind: str, n: int) -> str:
    """A format example that is the same for every question, so it never hints at a key.

    Select-all examples always show two letters: the number of keys is not revealed.
    """
    if kind == "multiple_choice":
        return f'{name} = "B"'
    letters = ", ".join(f'"{letter}"' for letter in "ACDEFGHIJ"[: n if kind == "select_n" else 2])
    return f"{name} = {{{letters}}}"


def normalise(name: str, value: Any, kind: str, option_ids: str, n: int = 1) -> set[str]:
    """The answer as a set of option letters, or an AnswerFormatError saying what to fix."""
    example = answer_example(name, kind, n)
    if value is _MISSING or value is Ellipsis or value is None:
        raise AnswerFormatError(
            f"{name} has no answer yet. Type it in the answer cell above, for example: {example}")
    allowed = f"{option_ids[0]} to {option_ids[-1]}"
    if kind == "multiple_choice":
        if not isinstance(value, str) or len(value.strip()) != 1:
            raise AnswerFormatError(
                f"{name} should be one letter in quotes, for example: {example}. "
                f"You wrote {value!r}, which is a {_plain_type(value)}.")
        letters = {value.strip().upper()}
    else:
        if isinstance(value, str) or not isinstance(value, set | frozenset | list | tuple):
            raise AnswerFormatError(
                f"{name} should be a set of letters in curly brackets, each letter in quotes, "
                f"for example: {example}. You wrote {value!r}, which is a {_plain_type(value)}.")
        bad = [v for v in value if not (isinstance(v, str) and len(v.strip()) == 1)]
        if bad:
            raise AnswerFormatError(
                f"every answer in {name} should be one letter in quotes; {bad[0]!r} is not. "
                f"For example: {example}")
        letters = {v.strip().upper() for v in value}
        if not letters:
            raise AnswerFormatError(f"{name} is empty: choose at least one letter, e.g. {example}")
        if kind == "select_n" and len(letters) != n:
            raise AnswerFormatError(
                f"{name} should have exactly {n} letters; it has {len(letters)}.")
    unknown = sorted(letters - set(option_ids))
    if unknown:
        raise AnswerFormatError(
            f"{name} contains {', '.join(unknown)}, which is not an option here; "
            f"the options are {allowed}.")
    return letters


def _plain_type(value: Any) -> str:
    names = {str: "piece of text", int: "number", float: "number", list: "list",
             tuple: "tuple", set: "set", dict: "dictionary", bool: "True/False value"}
    return names.get(type(value), type(value).__name__)


def _caller_value(name: str) -> Any:
    return sys._getframe(2).f_globals.get(name, _MISSING)


def check_format(name: str, kind: str, option_ids: str, n: int = 1) -> None:
    """Visible check: says whether the answer has the right shape (not whether it is right)."""
    letters = normalise(name, _caller_value(name), kind, option_ids, n)
    print(f"{name}: the format is fine ({', '.join(sorted(letters))}). "
          "This check does not say whether the answer is right.")


def marks(item: ChoiceItem, letters: set[str]) -> float:
    """The NCSBN score scaled to the item's weight (so point values never reveal the key count)."""
    return round(item.score(letters).fraction * item.points, 4)


def grade(name: str, spec: dict) -> float:
    """Hidden test: score the answer with the NCSBN rule, print the rationales, return the marks."""
    item = ChoiceItem.model_validate(spec)
    option_ids = "".join(o.id for o in item.options)
    count = len(item.key) if item.type == "select_n" else 1
    letters = normalise(name, _caller_value(name), item.type, option_ids, count)
    print(feedback_text(item, letters))
    result = marks(item, letters)
    print(f"Marks for this question: {result:g} of {item.points}.")
    return result
