"""`bonemets analyse` on a simulated class in a real gradebook.db, hand-worked (tests/item_analysis_class.py)."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from item_analysis_class import ASSIGNMENT, build_course

from bonemets.cli import main

pytestmark = pytest.mark.pipeline


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    course = build_course(tmp_path_factory.mktemp("analysis"))
    out = course / "report"
    assert main(["analyse", ASSIGNMENT, "--course", str(course), "--out", str(out)]) == 0
    return course, out


def rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_report_flags_the_miskeyed_item_first(analysed):
    _, out = analysed
    page = (out / f"{ASSIGNMENT}-item-analysis.html").read_text()
    flags = page[page.index("<h2>Flags</h2>"): page.index("<h2>How to read this</h2>")]
    assert "Q2 (91-miskeyed)</span>: Check the key" in flags
    assert "Small class:</strong> 10 students" in page
    assert "Cronbach&#x27;s alpha): -0.36" in page
    assert page.index("<h2>Flags</h2>") < page.index("<h2>Questions</h2>")


def test_item_csv_holds_the_hand_worked_indices(analysed):
    _, out = analysed
    by_item = {r["item_id"]: r for r in rows(out / f"{ASSIGNMENT}-item-analysis.csv")}
    assert [(r["difficulty_mean_fraction"], r["discrimination_upper_lower"], r["item_rest_r"])
            for r in by_item.values()] == [("0.50", "1.00", "0.24"), ("0.40", "-0.67", "-0.79"),
                                           ("0.70", "0.67", "0.14"), ("0.45", "0.17", "-0.02"),
                                           ("0.30", "1.00", "0.52")]
    assert by_item["91-sata"]["full_credit_share"] == "0.20" and by_item["91-sata"]["partial_credit"] == "yes"
    assert "A (key) 40% (upper 0%, lower 67%)" in by_item["91-miskeyed"]["option_shares_all_upper_lower"]


def test_grade_csvs_have_the_columns_canvas_and_moodle_import(analysed):
    _, out = analysed
    canvas = rows(out / f"{ASSIGNMENT}-canvas-grades.csv")
    assert list(canvas[0])[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[0]["Student"] == "Points Possible" and canvas[1]["SIS Login ID"] == "s01"
    assert [canvas[2][c] for c in list(canvas[0])[5:]] == ["1", "0", "1", "0.5", "1"]  # s02, by hand
    moodle = rows(out / f"{ASSIGNMENT}-moodle-grades.csv")
    assert list(moodle[0])[:3] == ["Username", "First name", "Last name"] and len(moodle) == 10
    assert moodle[9]["Username"] == "s10" and list(moodle[9].values())[3:] == ["0", "0", "1", "0.5", "0"]


def test_unknown_assignment_and_missing_gradebook_are_clear_errors(analysed, tmp_path, capsys):
    course, _ = analysed
    assert main(["analyse", "nope", "--course", str(course), "--out", str(tmp_path)]) == 1
    assert f"graded assignments: {ASSIGNMENT}" in capsys.readouterr().err
    assert main(["analyse", ASSIGNMENT, "--course", str(tmp_path), "--out", str(tmp_path)]) == 1
    assert "no gradebook.db" in capsys.readouterr().err


def test_an_unreadable_answer_counts_as_no_choice_and_is_reported(analysed, tmp_path):
    course, _ = analysed
    copy = tmp_path / "course"
    shutil.copytree(course, copy)
    notebook = copy / "autograded" / "s01" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    notebook.write_text(notebook.read_text().replace('q1 = \\"B\\"', "q1 = print('B')"))
    assert main(["analyse", ASSIGNMENT, "--course", str(copy), "--out", str(tmp_path / "out")]) == 0
    first = rows(tmp_path / "out" / f"{ASSIGNMENT}-item-analysis.csv")[0]
    assert first["unreadable_answers"] == "1" and "B (key) 40%" in first["option_shares_all_upper_lower"]
