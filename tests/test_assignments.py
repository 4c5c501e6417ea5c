"""source/ is generated from the bank: committed copies match, and the cells carry nbgrader metadata."""

import nbformat
import pytest

from bonemets.assignments import build_notebook, render, source_path
from bonemets.bank import all_banks

GRADED = [bank for bank in all_banks() if bank.for_use("graded")]


def test_at_least_one_module_has_a_graded_assignment():
    assert GRADED


@pytest.mark.parametrize("bank", GRADED, ids=lambda b: b.module)
def test_committed_source_matches_the_bank(bank):
    path = source_path(bank)
    assert path.exists(), f"{path} missing: run `bonemets assignments build`"
    assert path.read_text(encoding="utf-8") == render(bank), (
        f"{path} differs from quizzes/: run `bonemets assignments build` and commit")


@pytest.mark.parametrize("bank", GRADED, ids=lambda b: b.module)
def test_each_graded_item_has_answer_and_grade_cells(bank):
    nb = build_notebook(bank)
    meta = [c.metadata["nbgrader"] for c in nb.cells]
    assert all(m["schema_version"] == 3 for m in meta)
    grades = [m for m in meta if m["grade"]]
    answers = [m for m in meta if m["solution"]]
    items = bank.for_use("graded")
    assert len(grades) == len(answers) == len(items)
    for item, grade in zip(items, grades, strict=True):
        assert grade["points"] == item.points
        assert grade["locked"] and grade["grade_id"] == f"{item.id}-check"
    for cell in nb.cells:
        if cell.metadata["nbgrader"]["grade"]:
            assert "### BEGIN HIDDEN TESTS" in cell.source and "check_format(" in cell.source


def test_generation_is_deterministic():
    bank = GRADED[0]
    assert render(bank) == render(bank)
    assert nbformat.validate(build_notebook(bank)) is None
