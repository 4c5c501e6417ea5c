"""Grade a class of value-answer quizzes from the notebook files alone: no kernel, no student code runs.

For each student: check the folder (submissions.py), read each answer cell's text or recorded click
(marking.py), score it against the key frozen at release (keys.py), and write what nbgrader's formgrader
and `nbgrader generate_feedback` read: the grades in gradebook.db (through nbgrader.api only) and
autograded/<student>/<assignment>/<notebook>. The autograded notebook is the released notebook with only
the student's answers put in, as inert text, so nothing else a student wrote reaches the instructor's
browser. One student's problem is recorded for manual grading with the reason; the rest are graded.
"""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

from bonemets.assessment.answer_cells import item_id_of
from bonemets.errors import GradingSetupError
from bonemets.instructor.grading.keys import Question, load_key
from bonemets.instructor.grading.marking import cell_source, graded_text, inert_markdown, score_answer, wrap
from bonemets.instructor.grading.submissions import Checked, check_submission

OK, MANUAL = "graded", "NOT AUTOGRADED"
MAX_SHOWN_CHARS = 5000


@dataclass
class Outcome:
    student: str
    status: str
    score: float | None = None
    max_score: float | None = None
    message: str = ""


def _grade_id(cell: dict) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def released_notebooks(course: Path, assignment: str) -> dict[str, nbformat.NotebookNode]:
    folder = course / "release" / assignment
    notebooks = {p.name: nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))}
    if not notebooks:
        raise GradingSetupError(f"No released notebook in {folder}: run `nbgrader generate_assignment {assignment}` "
                                "from the course folder first (and check the assignment name).")
    return notebooks


def mark_notebook(template: nbformat.NotebookNode, submitted: dict, questions: dict[str, Question],
                  points: dict[str, float]) -> tuple[nbformat.NotebookNode, dict[str, tuple]]:
    """The autograded notebook and, per grade id, (auto score, needs manual grade, auto comment)."""
    theirs = {gid: cell for cell in submitted.get("cells", []) if (gid := _grade_id(cell))}
    marked = copy.deepcopy(template)
    grades: dict[str, tuple] = {}
    for cell in marked.cells:
        grade_id = _grade_id(cell)
        if grade_id is None or grade_id not in points:
            continue
        student_cell = theirs.get(grade_id)
        given = cell_source(student_cell) if student_cell is not None else cell.source
        question = questions.get(grade_id)
        if question is not None and cell.cell_type == "code":
            text = graded_text(student_cell, question.name) if student_cell is not None else cell.source
            marks, feedback = score_answer(question.item, text, question.name, points[grade_id])
            if student_cell is None:
                feedback = "Your notebook had no answer cell for this question.\n" + feedback
            cell.source = text[:MAX_SHOWN_CHARS]
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=wrap(feedback) + "\n")]
            grades[grade_id] = (marks, False, None if text != template_source(cell, template) else "No response.")
        elif cell.cell_type == "markdown":
            unchanged = given == template_source(cell, template)
            if not unchanged:
                cell.source = inert_markdown(given[:MAX_SHOWN_CHARS])
            grades[grade_id] = (0.0, False, "No response.") if unchanged else (None, True, None)
    return marked, grades


def template_source(cell, template) -> str:
    grade_id = _grade_id(cell)
    return next(cell_source(c) for c in template.cells if _grade_id(c) == grade_id)


def _record(gradebook, assignment: str, student: str, notebook: str, grades: dict[str, tuple],
            timestamp: str | None) -> tuple[float, float]:
    from nbgrader.utils import parse_utc

    gradebook.update_or_create_student(student)
    extra = {}
    if timestamp:
        try:
            extra["timestamp"] = parse_utc(timestamp)
        except (ValueError, OverflowError, TypeError):
            pass  # an unreadable timestamp: the submission is still graded
    submission = gradebook.update_or_create_submission(assignment, student, **extra)
    for grade_id, (score, manual, comment) in grades.items():
        grade = gradebook.find_grade(grade_id, notebook, assignment, student)
        grade.auto_score = score
        grade.needs_manual_grade = manual or grade.manual_score is not None
        try:
            gradebook.find_comment(grade_id, notebook, assignment, student).auto_comment = comment
        except Exception:  # noqa: BLE001 - a grade cell that is not a solution cell has no comment
            pass
    gradebook.db.commit()
    return submission.score, submission.max_score


def record_for_manual_grading(gradebook, assignment: str, student: str, reason: str) -> None:
    """Keep a student who could not be autograded in the gradebook: every answer 0, flagged, with the reason."""
    gradebook.update_or_create_student(student)
    submission = gradebook.update_or_create_submission(assignment, student)
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            grade.auto_score = 0
            grade.needs_manual_grade = True
        for comment in notebook.comments:
            comment.auto_comment = f"Not autograded: {reason}"
    gradebook.db.commit()


def grade_student(course: Path, assignment: str, student: str, gradebook, templates: dict,
                  questions: dict[str, Question]) -> Outcome:
    folder = course / "submitted" / student / assignment
    checked: Checked = check_submission(folder, list(templates))
    if checked.problem:
        record_for_manual_grading(gradebook, assignment, student, checked.problem)
        return Outcome(student, MANUAL, message=checked.problem)
    out = course / "autograded" / student / assignment
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    score = max_score = 0.0
    for name, template in templates.items():
        source_nb = gradebook.find_notebook(name.removesuffix(".ipynb"), assignment)
        points = {g.name: float(g.max_score) for g in source_nb.grade_cells}
        marked, grades = mark_notebook(template, checked.notebooks[name], questions, points)
        nbformat.write(marked, out / name)
        score, max_score = _record(gradebook, assignment, student, name.removesuffix(".ipynb"), grades,
                                   checked.timestamp)
    if checked.timestamp is not None:
        (out / "timestamp.txt").write_text(checked.timestamp, encoding="utf-8")
    if checked.secret is not None:  # as nbgrader's autograde copies it: release_feedback needs it
        (out / "submission_secret.txt").write_text(checked.secret, encoding="ascii")
    note = f"files not taken: {', '.join(checked.not_taken)}" if checked.not_taken else ""
    return Outcome(student, OK, score, max_score, note)


def grade_class(course: Path, assignment: str, progress=None) -> list[Outcome]:
    """Grade every submission under course/submitted/*/<assignment>/, one student at a time (each takes ms)."""
    from nbgrader.api import Gradebook, MissingEntry

    templates = released_notebooks(course, assignment)
    questions = {q.grade_id: q for q in load_key(course, assignment)}
    unknown = [g for t in templates.values() for c in t.cells
               if (g := _grade_id(c)) and item_id_of(g) and c.cell_type == "code" and g not in questions]
    if unknown:
        raise GradingSetupError(f"the frozen key of {assignment} has no entry for {', '.join(unknown)}: run "
                                f"`bonemets keys update {assignment}` and grade again.")
    students = sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}")
                      if p.is_dir() and not p.parent.is_symlink())
    outcomes = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        try:
            record = gradebook.find_assignment(assignment)
        except MissingEntry:
            raise GradingSetupError(f"'{assignment}' is not in {course / 'gradebook.db'}: run "
                                    f"`nbgrader generate_assignment {assignment}` first.") from None
        code_graded = [c.name for nb in record.notebooks for c in nb.grade_cells
                       if c.cell_type == "code" and c.name not in questions]
        if code_graded:
            raise GradingSetupError(
                f"{assignment} has cells graded by running code ({', '.join(code_graded)}). This grader never runs "
                "a student's code; course quizzes are answered with values. Remove those cells, or grade this "
                "assignment with `nbgrader autograde` and the sandboxed kernel (README, Limits to know). "
                "Nothing was graded.")
        for student in students:
            try:
                outcome = grade_student(course, assignment, student, gradebook, templates, questions)
            except Exception as exc:  # noqa: BLE001 - one student's failure must not stop the class
                gradebook.db.rollback()
                reason = f"the grader could not read it: {type(exc).__name__}: {str(exc)[:200]}"
                record_for_manual_grading(gradebook, assignment, student, reason)
                outcome = Outcome(student, MANUAL, message=reason)
            outcomes.append(outcome)
            if progress is not None:
                progress.update(1)
    return outcomes


def dump(outcomes: list[Outcome]) -> str:
    return json.dumps([o.__dict__ for o in outcomes], indent=1)
