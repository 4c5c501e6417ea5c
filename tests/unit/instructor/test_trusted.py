"""The trusted grader reads an answer cell's text without running it, so code cannot change a score."""

from pathlib import Path

import pytest

from bonemets.assessment.answers import AnswerFormatError
from bonemets.content.bank import parse_bank
from bonemets.instructor.grading.trusted_scoring import read_answer, score_answer

FIXTURE_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "90_item_types.yaml"
FIXTURE = parse_bank(FIXTURE_FILE.read_text(), "90_item_types.yaml")
ITEMS = {item.id.removeprefix("90-"): item for item in FIXTURE.items}


@pytest.mark.parametrize("source, value", [
    ('q1 = "B"', "B"),
    ('# Question 1\nq1 = "A"\nq1 = "C"', "C"),                       # the last assignment wins
    ('q1 = "B"\nraise NotImplementedError("No answer yet")', "B"),   # a forgotten stub line costs nothing
    ("q1: str = 'D'", "D"),
    ('q2 = {"A", "C"}', {"A", "C"}),
    ('q3 = ["A", "AB", ""]', ["A", "AB", ""]),
    ('q4 = {"condition": "A", "actions": {"A", "C"}, "parameters": set()}',
     {"condition": "A", "actions": {"A", "C"}, "parameters": set()}),
    ("q5 = (8.4 + 0.8 * (4.0 - 2.9), 'mg/dL')", [pytest.approx(9.28), "mg/dL"]),
    ("q6 = -1.5", -1.5),
])
def test_plain_values_and_number_arithmetic_are_read(source, value):
    name = source.split("=")[0].split(":")[0].strip().splitlines()[-1]
    assert read_answer(source, name) == value


@pytest.mark.parametrize("source, message", [
    ('q1 = open("/work/main/quizzes/01_overview.yaml").read()', "does not run code"),
    ("import bonemets\nq1 = bonemets.content.bank.load_bank('01').items[0].key[0]", "does not run code"),
    ('q1 = "".join(["B"])', "does not run code"),
    ("q1 = answer", "does not run code"),
    ('q1 = f"{1}"', "does not run code"),
    ('q1 = "B" if True else "C"', "does not run code"),
    ('for x in "B":\n    q1 = x', "has no answer"),
    ('x = "B"', "has no answer"),
    ('q1 = "B', "not valid Python on line 1"),
    ("q1 = 1 / 0", "divides by zero"),
    ('q1 = "A" * 3', "only numbers"),
    ("q1 = {**{}}", r"uses \*\* inside"),
    ('q1 = {["A"]}', "cannot contain a list"),
    ("q1 = [" + "1, " * 1000 + "]", "far longer than an answer"),
    ('q1 = "' + "A" * 6000 + '"', "characters long"),
])
def test_anything_but_a_typed_value_is_refused_with_a_reason(source, message):
    with pytest.raises(AnswerFormatError, match=message):
        read_answer(source, "q1")


def test_score_answer_gives_marks_and_feedback_out_of_the_gradebook_points():
    marks, text = score_answer(ITEMS["sata"], 'q3 = {"A", "B", "C", "D", "E", "F"}', "q3", 2.0)
    assert marks == 1.0  # NCSBN 2 of 4, scaled to the 2 points the gradebook holds
    assert "Not quite: 2 of 4 points" in text and "Marks for this question: 1 of 2." in text


def test_a_bad_format_scores_zero_with_the_message():
    marks, text = score_answer(ITEMS["choice"], 'q1 = {"B"}', "q1", 1.0)
    assert marks == 0 and text.startswith("Answer format problem: q1 should be one letter in quotes")


def test_the_unanswered_stub_scores_zero():
    stub = '# Question 1: your answer, in the format q1 = ...\n# Replace the next line with your answer.\n' \
           'raise NotImplementedError("No answer yet")'
    marks, text = score_answer(ITEMS["choice"], stub, "q1", 1.0)
    assert marks == 0 and "q1 has no answer" in text
