"""How one answer cell is marked, shared by the nbgrader plug-ins and the batch grader.

The graded text of an answer cell is its typed assignment (`q1 = "B"`) if it has one, else the answer a
click recorded in its saved output. It is read statically (instructor.grading.literal) and scored with
the item's NCSBN rule against the key frozen at release. Student text shown to the instructor is made
inert first: it can never become active HTML in formgrader or the feedback.
"""

from __future__ import annotations

import textwrap

from bonemets.assessment.answer_cells import recorded_answers
from bonemets.assessment.answers import normalise
from bonemets.assessment.feedback import feedback_text
from bonemets.assessment.items import Item
from bonemets.errors import AnswerFormatError
from bonemets.instructor.grading.literal import assigned_node, read_answer

RECORDED_NOTE = "# recorded by clicking in the answer box"


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def graded_text(cell: dict, name: str) -> str:
    """The text that is marked for an answer cell: its typed answer, else its recorded click, else its text."""
    source = cell_source(cell)
    try:
        typed = assigned_node(source, name) is not None
    except AnswerFormatError:
        typed = False
    if typed:
        return source
    recorded = recorded_answers(cell).get(name)
    return f"{RECORDED_NOTE}\n{recorded}" if recorded else source


def wrap(text: str, width: int = 100) -> str:
    """Feedback lines wrapped for nbgrader's feedback page, which shows long output lines cut off."""
    lines = []
    for line in text.splitlines():
        indent = "  " if line.startswith(("- ", "  ")) else ""
        lines.append(textwrap.fill(line, width, subsequent_indent=indent, break_on_hyphens=False) if line else "")
    return "\n".join(lines)


def score_answer(item: Item, source: str, name: str, max_score: float) -> tuple[float, str]:
    """Marks out of `max_score` and the feedback text for one answer's text."""
    try:
        response = normalise(name, read_answer(source, name), item.form())
    except AnswerFormatError as exc:
        return 0.0, f"Answer format problem: {exc}\nMarks for this question: 0 of {max_score:g}."
    marks = round(item.score(response).fraction * max_score, 4)
    return marks, f"{feedback_text(item, response)}\nMarks for this question: {marks:g} of {max_score:g}."


def inert_markdown(text: str) -> str:
    """Student text as a Markdown indented code block: shown word for word, never as HTML, links or images."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "*Student's answer, shown as typed:*\n\n" + "\n".join("    " + line for line in lines)
