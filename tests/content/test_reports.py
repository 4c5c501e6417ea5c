"""Content checks across the course: objective coverage, readability, and the generated reports being current."""

import pytest

from bonemets.content.bank import all_banks
from bonemets.content.notebooks import course_notebooks
from bonemets.instructor.reports import (
    STUDENT_PROSE_TARGET,
    coverage_markdown,
    objective_coverage,
    readability,
    readability_markdown,
    reports_dir,
    student_prose,
)

BANKS = [bank for bank in all_banks() if not bank.module.startswith("9")]


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: b.module)
def test_every_objective_has_at_least_one_item(bank):
    empty = [objective for objective, items in objective_coverage(bank).items() if not items]
    assert not empty, f"module {bank.module}: objectives with no quiz item: {empty}"


@pytest.mark.parametrize("name, build", [("coverage.md", coverage_markdown), ("readability.md", readability_markdown)])
def test_committed_reports_are_current(name, build):
    path = reports_dir() / name
    assert path.exists(), f"reports/{name} missing: run `bonemets reports build`"
    assert path.read_text(encoding="utf-8") == build().rstrip("\n") + "\n", (
        f"reports/{name} is out of date: run `bonemets reports build` and commit")


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_student_prose_reads_at_grade_12_or_below(path):
    import nbformat

    grade = readability(student_prose(nbformat.read(path, as_version=4)))["grade"]
    assert grade <= STUDENT_PROSE_TARGET, f"{path.name}: Flesch-Kincaid grade {grade}"


def test_prose_extraction_drops_references_links_and_tables():
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    nb = new_notebook(cells=[
        new_markdown_cell("# Title\n\nPlain words here. See [Coleman 2006](#ref-coleman2006)\n\n| a | b |\n|---|---|"),
        new_markdown_cell("## References\n\n1. Coleman RE. A long citation. doi:10.1/x"),
    ])
    assert student_prose(nbformat.from_dict(nb)) == "Plain words here. See Coleman 2006."


def test_coverage_table_names_items_and_steps():
    text = coverage_markdown()
    assert "| 01.1 " in text and "(S)" in text and "(G)" in text and "recognize cues" in text
