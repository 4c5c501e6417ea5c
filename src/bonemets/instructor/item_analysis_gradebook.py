"""What the item analysis needs from a course folder: points from gradebook.db, choices from the notebooks.

Points come through `nbgrader.api.Gradebook` only (never SQL). Each student's chosen options are re-read
from their autograded notebook with the grader's own static reader, so the analysis sees exactly what
was scored. `chosen_response` is the one place that depends on how answer cells are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from bonemets.assessment.answers import BOWTIE_GROUPS, normalise
from bonemets.errors import AnswerFormatError, GradingSetupError


def chosen_response(item: Any, answer_text: str, name: str) -> Any | None:
    """The student's response as the grader reads it from an answer's text, or None when it cannot be read.

    The one place that knows how answers are read: the grader's static reader, then the item's form.
    """
    from bonemets.instructor.grading.literal import read_answer

    try:
        return normalise(name, read_answer(answer_text, name), item.form())
    except (AnswerFormatError, RecursionError):
        return None


def answer_text(cell: dict, name: str) -> str:
    """The text the grader marked for an answer cell (typed answer, else the recorded click)."""
    from bonemets.instructor.grading.marking import graded_text

    return graded_text(cell, name)


def option_labels(item: Any) -> tuple[list[str], frozenset[str]]:
    """Every option label of an item (e.g. 'A', 'blank 2: C', 'row 1: B') and the labels of its key."""
    kind = item.type
    if kind == "trend":
        return option_labels(item.inner)
    if kind == "highlight":
        return [p.id for p in item.phrases], frozenset(item.key)
    if kind in ("multiple_choice", "select_n", "select_all"):
        return [o.id for o in item.options], frozenset(item.key)
    if kind in ("matrix_mc", "matrix_mr"):
        labels = [f"row {r}: {c.id}" for r in range(1, len(item.rows) + 1) for c in item.columns]
        return labels, frozenset(f"row {r}: {k}" for r, row in enumerate(item.rows, 1) for k in row.key)
    if kind in ("cloze", "rationale"):
        labels = [f"blank {b}: {o.id}" for b, blank in enumerate(item.blanks, 1) for o in blank.options]
        return labels, frozenset(f"blank {b}: {blank.key}" for b, blank in enumerate(item.blanks, 1))
    if kind == "ordered":
        labels = [f"position {p}: {t.id}" for p in range(1, len(item.key) + 1) for t in item.tokens]
        return labels, frozenset(f"position {p}: {k}" for p, k in enumerate(item.key, 1))
    if kind == "bowtie":
        labels = [f"{g}: {o.id}" for g in BOWTIE_GROUPS for o in item.group(g).options]
        return labels, frozenset(f"{g}: {k}" for g in BOWTIE_GROUPS for k in item.group(g).key)
    return [], frozenset()  # numeric, written and types without options


def labels_of(item: Any, response: Any) -> frozenset[str]:
    """The option labels a response chose (same naming as `option_labels`)."""
    kind = item.type
    if kind == "trend":
        return labels_of(item.inner, response)
    if kind in ("multiple_choice", "select_n", "select_all", "highlight"):
        return frozenset(response)
    if kind == "matrix_mc":
        return frozenset(f"row {r}: {c}" for r, c in enumerate(response, 1))
    if kind == "matrix_mr":
        return frozenset(f"row {r}: {c}" for r, cols in enumerate(response, 1) for c in cols)
    if kind in ("cloze", "rationale"):
        return frozenset(f"blank {b}: {c}" for b, c in enumerate(response, 1))
    if kind == "ordered":
        return frozenset(f"position {p}: {c}" for p, c in enumerate(response, 1))
    if kind == "bowtie":
        return frozenset(f"{g}: {c}" for g in BOWTIE_GROUPS for c in response.get(g, ()))
    return frozenset()


@dataclass
class ClassResults:
    """One assignment's results: points per student per item, choices, and the items in quiz order."""

    assignment: str
    items: list[Any]
    points: dict[str, float]  # item id -> max points
    earned: dict[str, dict[str, float]] = field(default_factory=dict)  # student -> item id -> points
    choices: dict[str, dict[str, frozenset[str] | None]] = field(default_factory=dict)  # item -> student -> labels
    names: dict[str, str] = field(default_factory=dict)  # student id -> "Last, First" (or the id)
    unmarked: dict[str, int] = field(default_factory=dict)  # item id -> answers still waiting for a manual grade
    unreadable: dict[str, int] = field(default_factory=dict)  # item id -> answers the static reader could not read


def read_class(course: Path, assignment: str) -> ClassResults:
    """Read gradebook.db (through nbgrader.api), the key frozen at release, and the autograded notebooks."""
    from nbgrader.api import Gradebook, MissingEntry

    from bonemets.instructor.grading.keys import load_key

    database = course / "gradebook.db"
    if not database.is_file():
        raise GradingSetupError(f"no gradebook.db in {course}: run `bonemets analyse` in the course folder "
                                "(or give --course) after grading")
    with Gradebook(f"sqlite:///{database}") as gradebook:
        try:
            record = gradebook.find_assignment(assignment)
        except MissingEntry:
            known = ", ".join(a.name for a in gradebook.assignments) or "none"
            raise GradingSetupError(f"assignment '{assignment}' is not in {database}; graded assignments: "
                                    f"{known}") from None
        questions = {q.grade_id: q for q in load_key(course, assignment)}
        points = {c.name: float(c.max_score) for nb in record.notebooks for c in nb.grade_cells
                  if c.name in questions}
        if not points:
            raise GradingSetupError(f"assignment '{assignment}' has no bonemets answer cells")
        ordered = [q for q in questions.values() if q.grade_id in points]
        results = ClassResults(assignment, [q.item for q in ordered],
                               {q.item.id: points[q.grade_id] for q in ordered})
        for submission in gradebook.assignment_submissions(assignment):
            student = submission.student
            results.names[student.id] = (f"{student.last_name}, {student.first_name}"
                                         if student.last_name and student.first_name else student.id)
            results.earned[student.id] = {}
            for notebook in submission.notebooks:
                cells = _answer_cells(course, assignment, student.id, notebook.name)
                for grade in notebook.grades:
                    question = questions.get(grade.name)
                    if question is None or grade.name not in points:
                        continue
                    item_id = question.item.id
                    results.earned[student.id][item_id] = float(grade.score or 0)
                    if grade.needs_manual_grade:
                        results.unmarked[item_id] = results.unmarked.get(item_id, 0) + 1
                    results.choices.setdefault(item_id, {})[student.id] = _choice(
                        results, question.item, cells.get(grade.name), question.name)
    return results


def _choice(results: ClassResults, item: Any, cell: dict | None, name: str) -> frozenset[str] | None:
    if not option_labels(item)[0]:
        return None
    response = chosen_response(item, answer_text(cell, name), name) if cell is not None else None
    if response is None:
        results.unreadable[item.id] = results.unreadable.get(item.id, 0) + 1
        return None
    return labels_of(item, response)


def _answer_cells(course: Path, assignment: str, student: str, notebook: str) -> dict[str, dict]:
    """grade_id -> each nbgrader cell of the student's autograded notebook (empty if the file is missing)."""
    path = course / "autograded" / student / assignment / f"{notebook}.ipynb"
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        return {}
    return {c.metadata["nbgrader"].get("grade_id"): c for c in nb.cells
            if isinstance(c.metadata.get("nbgrader"), dict)}
