"""A simulated class for the grading tests: a temporary course and students' submissions.

Each student is a recipe applied to the released notebook, as a student would edit it:
fill answer cells with plain values, leave them blank, break the JSON, duplicate a cell.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def nbgrader(course: Path, *args: str, check: bool = True, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real nbgrader command line in the course folder."""
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "BONEMETS_ROOT": str(REPO)}
    result = subprocess.run([str(BIN / "nbgrader"), *args], cwd=course, env=env, capture_output=True,
                            text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


FIXTURE_BANK = Path(__file__).resolve().parents[1] / "fixtures" / "90_item_types.yaml"
FIXTURE = "90_item_types"


def make_course(tmp: Path, *assignments: str, config: str | None = None) -> Path:
    """A course folder as an instructor has it: nbgrader_config.py, quizzes/ and source/ assignments.

    Module assignments come from the repository's committed source/; the fixture assignment of every
    item type (tests/fixtures/90_item_types.yaml) is generated from its bank by the course's builder.
    """
    from bonemets.content.bank import parse_bank
    from bonemets.instructor.assignments import render

    course = tmp / "course"
    (course / "source").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(config or (REPO / "nbgrader_config.py").read_text())
    shutil.copytree(REPO / "quizzes", course / "quizzes")
    for assignment in assignments:
        if assignment == FIXTURE:
            shutil.copy(FIXTURE_BANK, course / "quizzes")
            folder = course / "source" / FIXTURE
            folder.mkdir()
            bank = parse_bank(FIXTURE_BANK.read_text(), FIXTURE_BANK.name)
            (folder / f"{FIXTURE}.ipynb").write_text(render(bank))
        else:
            shutil.copytree(REPO / "source" / assignment, course / "source" / assignment)
    return course


def fixture_bank():
    from bonemets.content.bank import parse_bank

    return parse_bank(FIXTURE_BANK.read_text(), FIXTURE_BANK.name)


def bonemets_grade(course: Path, assignment: str, *args: str, quiet: bool = True,
                   timeout: int = 900) -> subprocess.CompletedProcess:
    """Run `bonemets grade` as the README tells an instructor to."""
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    command = [str(BIN / "bonemets"), "grade", assignment, *(["--quiet"] if quiet else []), *args]
    return subprocess.run(command, cwd=course, env=env, capture_output=True, text=True, timeout=timeout)


def gradebook_scores(course: Path, assignment: str) -> dict[str, float]:
    """Each student's total in gradebook.db, as formgrader shows it."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(assignment)}


def gradebook_grades(course: Path, assignment: str) -> dict[str, dict[str, tuple]]:
    """Per student, per cell: (score, needs manual grade)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: {g.name: (g.score, g.needs_manual_grade) for nb in s.notebooks for g in nb.grades}
                for s in gb.assignment_submissions(assignment)}


def gradebook_comments(course: Path, assignment: str, student: str) -> list[str]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(assignment, student)
        return [c.auto_comment or "" for nb in submission.notebooks for c in nb.comments]


def answer_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The code answer cells, in question order (written answers are Markdown and not included)."""
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"]


def cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def answer_names(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Answer cell grade id -> the name its answer is typed as (q1, q2, ...), by the generator's contract."""
    from bonemets.assessment.answer_cells import answer_cell_id, answer_name

    items = nb.metadata["bonemets"]["items"]
    return {answer_cell_id(item_id): answer_name(n) for n, item_id in enumerate(items, start=1)}


def answered(release: Path, answers: dict[str, str]) -> nbformat.NotebookNode:
    """The released notebook with the given answer lines typed in (e.g. {"q2": '{"A", "C"}'})."""
    nb = nbformat.read(release, as_version=4)
    names = answer_names(nb)
    for code_cell in answer_cells(nb):
        name = names[code_cell.metadata["nbgrader"]["grade_id"]]
        if name in answers:
            code_cell.source = f"{name} = {answers[name]}"
    return nb


def clicked(release: Path, answers: dict[str, str]) -> nbformat.NotebookNode:
    """The released notebook as saved after answering by clicking: each answer recorded in its cell's output."""
    import ast

    from bonemets.assessment.answer_cells import recorded_output

    nb = nbformat.read(release, as_version=4)
    names = answer_names(nb)
    for code_cell in answer_cells(nb):
        name = names[code_cell.metadata["nbgrader"]["grade_id"]]
        if name in answers:
            value = ast.literal_eval(answers[name])
            code_cell.outputs = [nbformat.from_dict(recorded_output(name, value))]
    return nb


def submit(course: Path, assignment: str, student: str, notebook: nbformat.NotebookNode | str) -> Path:
    """Place a submission where `nbgrader collect` would: submitted/<student>/<assignment>/."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    if isinstance(notebook, str):
        path.write_text(notebook, encoding="utf-8")
    else:
        nbformat.write(notebook, path)
    (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC")
    return path


def duplicate_answer_cell(nb: nbformat.NotebookNode, index: int = 0) -> nbformat.NotebookNode:
    cell = answer_cells(nb)[index]
    copy = json.loads(json.dumps(cell))
    copy["id"] = cell["id"] + "-copy"
    nb.cells.insert(nb.cells.index(cell) + 1, nbformat.from_dict(copy))
    return nb
