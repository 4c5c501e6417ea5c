"""The self-check widget: labelled controls, and feedback in words with rationales."""

import ipywidgets as widgets
import yaml
from test_bank import GOOD_ITEM, bank_text

from bonemets.bank import parse_bank
from bonemets.quiz import ChoiceQuestion, build_quiz


def question(**changes) -> ChoiceQuestion:
    bank = parse_bank(bank_text(**changes), "test.yaml", known_references={"gong2018"})
    return ChoiceQuestion(bank.items[0], number=1)


def test_select_all_uses_one_labelled_checkbox_per_option():
    q = question()
    labels = [box.description for box in q.boxes.values()]
    assert labels == ["A. Pathological fracture", "B. Fatigue", "C. Radiation to bone"]
    assert all(isinstance(box, widgets.Checkbox) for box in q.boxes.values())
    assert q.button.description == "Check answer"


def test_correct_answer_says_correct_with_rationales():
    q = question()
    q.select("A", "C")
    text = q.check()
    assert text.startswith("Correct: 2 of 2 points")
    assert "Counted in modern trials." in text
    assert "Correct" in q.feedback.value and 'role="status"' in q.feedback.value


def test_partly_right_says_not_quite_and_explains_the_missed_key():
    q = question()
    q.select("A", "B")
    text = q.check()
    assert text.startswith("Not quite: 0 of 2 points")  # 1 right - 1 wrong
    assert "Common, but not a skeletal-related event." in text  # rationale of the wrong choice
    assert "C. Radiation to bone (you did not choose it)" in text


def test_no_selection_asks_for_an_answer():
    assert question().check().startswith("No answer yet")


def test_multiple_choice_is_a_labelled_radio_group():
    options = [{**o} for o in GOOD_ITEM["options"]]
    q = question(type="multiple_choice", scoring="0/1", key=["A"], options=options)
    assert isinstance(q.choices, widgets.RadioButtons)
    assert q.choices.description == "Question 1" and q.choices.value is None
    q.select("B")
    assert q.check().startswith("Not quite: 0 of 1 point")


def test_select_n_refuses_too_many():
    q = question(type="select_n", scoring="0/1")
    q.select("A", "B", "C")
    assert q.check().startswith("Too many answers")


def test_every_module_self_check_builds():
    for path in sorted((__import__("bonemets").course_root() / "quizzes").glob("*.yaml")):
        module = yaml.safe_load(path.read_text())["module"]
        questions = build_quiz(module)
        assert len(questions) >= 6, f"module {module} needs at least 6 self-check items"
        for q in questions:
            q.select(*q.item.key)
            assert q.check().startswith("Correct")
