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

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def nbgrader(course: Path, *args: str, check: bool = True, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real nbgrader command line in the course folder."""
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "BONEMETS_ROOT": str(REPO)}
    result = subprocess.run([str(BIN / "nbgrader"), *args], cwd=course, env=env, capture_output=True,
                            text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def make_course(tmp: Path, assignment: str) -> Path:
    """A course folder holding the repository's nbgrader_config.py and one source assignment."""
    course = tmp / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", course)
    shutil.copytree(REPO / "source" / assignment, course / "source" / assignment)
    return course


def answer_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]


def answered(release: Path, answers: dict[str, str]) -> nbformat.NotebookNode:
    """The released notebook with the given answer lines typed in (e.g. {"q2": '{"A", "C"}'})."""
    nb = nbformat.read(release, as_version=4)
    for number, cell in enumerate(answer_cells(nb), start=1):
        name = f"q{number}"
        if name in answers:
            cell.source = f"{name} = {answers[name]}"
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
