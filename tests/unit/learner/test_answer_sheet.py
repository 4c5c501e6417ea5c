"""Answer boxes of a graded quiz: every item type, clicked to the key, records the line that scores full marks."""

import ast
from pathlib import Path

import pytest

from bonemets.assessment.answer_cells import recorded_text
from bonemets.assessment.answers import normalise
from bonemets.content.bank import parse_bank
from bonemets.instructor.grading.literal import read_answer
from bonemets.learner.answer_sheet import AnswerBox, AnswerSheet

FIXTURE_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "90_item_types.yaml"
ITEMS = [i for i in parse_bank(FIXTURE_FILE.read_text(), "90_item_types.yaml").items if i.type != "written"]


def spec_of(item) -> dict:
    from bonemets.instructor.assignments import box_view  # the generator's view: labels, never the key

    return {"form": item.form(), "view": box_view(item)}


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.type)
def test_the_key_clicked_in_records_a_line_the_grader_scores_full_marks(item):
    box = AnswerBox("q1", spec_of(item))
    assert box.value() is None or item.type == "matrix_mr"  # nothing chosen yet
    box.set_value(ast.literal_eval(item.solution))
    line = recorded_text("q1", box.value())
    response = normalise("q1", read_answer(line, "q1"), item.form())
    assert item.score(response).fraction == 1.0, line


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.type)
def test_the_box_never_holds_the_key_or_a_rationale(item):
    text = repr(spec_of(item))
    assert "'rationale':" not in text and "'key'" not in text
    for option in getattr(item, "options", None) or []:  # a trend item asked as a matrix has options None
        assert option.rationale not in text


def test_a_partly_answered_box_records_nothing_and_says_why():
    bowtie = next(i for i in ITEMS if i.type == "bowtie")
    sheet = AnswerSheet({"questions": {"q1": spec_of(bowtie)}})
    box = AnswerBox("q1", sheet.spec["questions"]["q1"])
    box._parts["groups"]["condition"][0].value = "A"
    assert box.value() is None
    assert "Not complete yet" in sheet._problem("q1", box.value())


def test_an_ordered_answer_that_repeats_a_step_is_not_recorded():
    ordered = next(i for i in ITEMS if i.type == "ordered")
    sheet = AnswerSheet({"questions": {"q1": spec_of(ordered)}})
    assert "more than once" in sheet._problem("q1", ["A", "A", "B", "C"])


def test_an_unknown_question_is_named():
    sheet = AnswerSheet({"questions": {}})
    with pytest.raises(ValueError, match="no question q7"):
        sheet.ask("q7")


def test_reopening_the_quiz_puts_the_saved_answer_back_in_its_box(tmp_path, monkeypatch):
    import json

    from bonemets.assessment.answer_cells import recorded_output

    sata = next(i for i in ITEMS if i.type == "select_all")
    saved = tmp_path / "quiz.ipynb"
    saved.write_text(json.dumps({"cells": [{"cell_type": "code", "source": 'ask("q1")',
                                            "outputs": [recorded_output("q1", {"A", "C"})]}]}))
    monkeypatch.setenv("JPY_SESSION_NAME", str(saved))  # what JupyterLab tells the kernel
    sheet = AnswerSheet({"questions": {"q1": spec_of(sata)}})
    sheet.ask("q1")
    assert sheet.boxes["q1"].value() == {"A", "C"}


def test_the_last_cell_follows_each_click_and_names_typed_answers(tmp_path, monkeypatch):
    import json

    mc, sata = (next(i for i in ITEMS if i.type == t) for t in ("multiple_choice", "select_all"))
    saved = tmp_path / "quiz.ipynb"
    saved.write_text(json.dumps({"cells": [{"cell_type": "code", "source": 'q2 = {"A", "C"}', "outputs": []}]}))
    monkeypatch.setenv("JPY_SESSION_NAME", str(saved))
    sheet = AnswerSheet({"questions": {"q1": spec_of(mc), "q2": spec_of(sata)}})
    sheet.ask("q1")
    sheet.ask("q2")
    sheet.check_answers()
    assert "1 question(s) without an answer: q1." in sheet._summary.value
    assert "typed in its answer cell: q2 = {&quot;A&quot;, &quot;C&quot;}" in sheet._summary.value
    sheet.boxes["q1"].set_value("B")  # a click
    assert "Every question has an answer." in sheet._summary.value
    assert "q1 = &quot;B&quot; (not saved yet: press Ctrl+S)" in sheet._summary.value
