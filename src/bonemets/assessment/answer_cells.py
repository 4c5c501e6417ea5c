"""The contract between the assignment generator and the grader: how a graded answer is laid out.

One graded item becomes, in the student's notebook:
- a locked question cell, grade id `<item id>-question`;
- an answer cell, grade id `<item id>-answer` (an nbgrader "manually graded answer" cell), whose text is
  either a typed answer (`q1 = "B"`) or the call that shows the answer box (`ask("q1")`). A click in the
  box records the answer as one output of that cell: plain text `q1 = "B"`, marked in the output's
  metadata with RECORDED_KEY, so the saved notebook, formgrader and the feedback all show it.
The grader reads both statically (it never runs the cell): a typed answer wins over a recorded one.
Standard library only: the student's kernel imports this too.
"""

from __future__ import annotations

import json
from typing import Any

ANSWER_SUFFIX = "-answer"
QUESTION_SUFFIX = "-question"
SETUP_ID = "answer-setup"
SUMMARY_ID = "answer-summary"
RECORDED_KEY = "bonemets_recorded_answer"  # output metadata: {RECORDED_KEY: "q1"}
MAX_RECORDED_CHARS = 2000


def answer_cell_id(item_id: str) -> str:
    return f"{item_id}{ANSWER_SUFFIX}"


def question_cell_id(item_id: str) -> str:
    return f"{item_id}{QUESTION_SUFFIX}"


def item_id_of(grade_id: str) -> str | None:
    """The item id of an answer cell's grade id, or None for any other cell."""
    return grade_id[: -len(ANSWER_SUFFIX)] if grade_id.endswith(ANSWER_SUFFIX) else None


def answer_name(number: int) -> str:
    """The name a student's answer is typed as: q1, q2, ..."""
    return f"q{number}"


def ask_line(name: str) -> str:
    """The line of the student's answer cell that shows the answer box."""
    return f'ask("{name}")'


def answer_prompt(number: int, example: str) -> str:
    """The comment at the top of an answer cell."""
    return (f"# Question {number}: choose your answer in the box below (run this cell if you see no box).\n"
            f"# Or type it instead of the ask(...) line, in the format {example}")


def plain_literal(value: Any) -> str:
    """A plain value written the way a student would type it: sets sorted, strings in double quotes."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(plain_literal(v) for v in sorted(value)) + "}" if value else "set()"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(plain_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{plain_literal(k)}: {plain_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not an answer value: {value!r}")
    if isinstance(value, int | float):
        return repr(value)
    raise ValueError(f"not an answer value: {value!r}")


def recorded_text(name: str, value: Any) -> str:
    """What a click records: the same line a student would type, e.g. `q1 = "B"`."""
    return f"{name} = {plain_literal(value)}"


def recorded_output(name: str, value: Any | None) -> dict:
    """The output (an nbformat display_data dict) that holds a recorded answer, or says there is none yet."""
    text = recorded_text(name, value) if value is not None else f"# {name}: no answer recorded yet"
    note = ("Recorded. Save the notebook (Ctrl+S) before you hand it in." if value is not None
            else "Choose your answer above; it is recorded here.")
    return {"output_type": "display_data", "metadata": {RECORDED_KEY: name},
            "data": {"text/plain": text, "text/markdown": f"`{text}`  \n{note}"}}


def recorded_answers(cell: dict) -> dict[str, str]:
    """The recorded answer lines in a cell's saved outputs, by name (the last one of a name wins)."""
    found: dict[str, str] = {}
    for output in cell.get("outputs", []) or []:
        if not isinstance(output, dict):
            continue
        meta = output.get("metadata")
        name = meta.get(RECORDED_KEY) if isinstance(meta, dict) else None
        data = output.get("data")
        text = data.get("text/plain") if isinstance(data, dict) else None
        if isinstance(text, list):
            text = "".join(t for t in text if isinstance(t, str))
        if isinstance(name, str) and isinstance(text, str) and len(text) <= MAX_RECORDED_CHARS \
                and text.startswith(f"{name} ="):
            found[name] = text
    return found
