"""Checks of a handed-in folder: only the expected notebook is read; links, extra files and bad metadata are named."""

import json
from pathlib import Path

import pytest

from bonemets.instructor.grading.submissions import MAX_NOTEBOOK_BYTES, check_submission

NB = "quiz.ipynb"


def notebook(cells=None) -> str:
    return json.dumps({"cells": cells or [{"cell_type": "markdown", "source": "hi", "metadata": {}}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / NB).write_text(notebook())
    (tmp_path / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC")
    return tmp_path


def test_a_normal_submission_is_taken(folder):
    checked = check_submission(folder, [NB])
    assert checked.problem is None and list(checked.notebooks) == [NB]
    assert checked.timestamp.startswith("2026-11-20") and checked.not_taken == []


def test_the_exchanges_submission_secret_is_taken_for_release_feedback(folder):
    (folder / "submission_secret.txt").write_text("ab12" * 32)
    checked = check_submission(folder, [NB])
    assert checked.secret == "ab12" * 32 and checked.not_taken == []


def test_links_and_extra_files_are_not_taken_and_named(folder, tmp_path_factory):
    secret = tmp_path_factory.mktemp("course") / "bank.yaml"
    secret.write_text("key: [B]")
    (folder / "bank.yaml").symlink_to(secret)
    (folder / "helper.py").write_text("print(1)")
    checked = check_submission(folder, [NB])
    assert checked.problem is None
    assert checked.not_taken == ["bank.yaml (a link: links are never followed)",
                                 "helper.py (not part of the assignment)"]


def test_a_notebook_that_is_a_link_is_not_read(folder, tmp_path_factory):
    target = tmp_path_factory.mktemp("elsewhere") / "real.ipynb"
    target.write_text(notebook())
    (folder / NB).unlink()
    (folder / NB).symlink_to(target)
    assert "is a link" in check_submission(folder, [NB]).problem


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not a readable notebook"),
    ("[1, 2]", "is not a notebook"),
    ('{"cells": 5}', "no list of cells"),
    (notebook([{"cell_type": "markdown", "source": "x", "metadata": {"nbgrader": "grade"}}]), "not a dictionary"),
    (notebook([{"cell_type": "markdown", "source": "x", "metadata": {"nbgrader": {"grade": "yes"}}}]), "wrong type"),
    (notebook([{"cell_type": "code", "source": "x", "metadata": {"nbgrader": {"points": "9"}}}]), "wrong type"),
    (notebook([{"cell_type": "code", "source": 5, "metadata": {}}]), "not text"),
    (notebook([{"cell_type": "html", "source": "x", "metadata": {}}]), "not a notebook cell"),
    (notebook([{"cell_type": "code", "source": "", "metadata": {"nbgrader": {"grade_id": "a"}}}] * 2),
     "appears more than once"),
    ("[" * 100_000 + "]" * 100_000, "not a readable notebook"),
])
def test_a_broken_notebook_is_one_students_problem_with_a_reason(folder, content, message):
    (folder / NB).write_text(content)
    assert message in check_submission(folder, [NB]).problem


def test_a_huge_file_is_not_read(folder):
    (folder / NB).write_bytes(b" " * (MAX_NOTEBOOK_BYTES + 1))
    assert "over the 5 MB limit" in check_submission(folder, [NB]).problem


def test_a_renamed_notebook_is_named(folder):
    (folder / NB).rename(folder / "my quiz.ipynb")
    assert "found my quiz.ipynb instead" in check_submission(folder, [NB]).problem
