"""source/ is generated from the bank: committed copies match, and the cells carry nbgrader metadata."""

import nbformat
import pytest

from bonemets.content.bank import all_banks
from bonemets.instructor.assignments import build_notebook, render, source_path

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
def test_each_graded_item_is_a_manually_graded_answer_cell_with_a_format_check(bank):
    """Answer cells are nbgrader 'manually graded answer' cells, so nbgrader never scores them from kernel output;
    the trusted grader scores their text. No cell carries hidden tests, solutions aside."""
    nb = build_notebook(bank)
    meta = [c.metadata["nbgrader"] for c in nb.cells]
    assert all(m["schema_version"] == 3 for m in meta)
    grades = [m for m in meta if m["grade"]]
    items = bank.for_use("graded")
    assert len(grades) == len(items)
    for item, grade in zip(items, grades, strict=True):
        assert grade["points"] == item.points and grade["grade_id"] == f"{item.id}-answer"
        assert grade["solution"] and not grade["locked"]
    for cell in nb.cells:
        assert "HIDDEN TESTS" not in cell.source
        if cell.metadata["nbgrader"]["grade_id"].endswith("-check"):
            assert cell.metadata["nbgrader"]["locked"] and "check_format(" in cell.source


def test_every_item_type_builds_an_assignment():
    from pathlib import Path

    from bonemets.content.bank import parse_bank

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "90_item_types.yaml"
    bank = parse_bank(fixture.read_text(), fixture.name)
    nb = build_notebook(bank)
    written = [c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "90-written-answer"]
    assert written[0].cell_type == "markdown" and "Rubric" in written[0].source
    for cell in nb.cells:
        if cell.metadata["nbgrader"]["grade_id"].endswith("-answer") and cell.cell_type == "code":
            assert "### BEGIN SOLUTION" in cell.source
    assert nbformat.validate(nb) is None


def test_generation_is_deterministic():
    bank = GRADED[0]
    assert render(bank) == render(bank)
    assert nbformat.validate(build_notebook(bank)) is None
