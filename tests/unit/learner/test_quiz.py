"""The self-check widget: labelled controls, and feedback in words with rationales."""

from pathlib import Path

import ipywidgets as widgets
import yaml
from bank_samples import GOOD_ITEM, bank_text

from bonemets.content.bank import parse_bank
from bonemets.learner.quiz import (
    BowtieQuestion,
    ChoiceQuestion,
    DropdownsQuestion,
    MatrixQuestion,
    NumericQuestion,
    WrittenQuestion,
    build_quiz,
    make_question,
)


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
            if q.item.type == "written":
                q.set_response("A few words of my own answer.")
                assert q.check().startswith("A model answer:")
                continue
            q.set_response(q.item.key_response)
            assert q.check().startswith("Correct"), q.item.id


FIXTURE_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "90_item_types.yaml"
FIXTURE = parse_bank(FIXTURE_FILE.read_text(), "90_item_types.yaml")
ITEMS = {item.id.removeprefix("90-"): item for item in FIXTURE.items}


def test_every_item_type_has_a_widget_and_the_key_scores_full():
    for item in FIXTURE.items:
        q = make_question(item, 1)
        if item.type == "written":
            continue
        q.set_response(item.key_response)
        assert q.check().startswith("Correct"), item.type
        assert 'role="status"' in q.feedback.value


def test_matrix_rows_are_labelled_dropdowns_and_unanswered_rows_are_named():
    q = make_question(ITEMS["matrix-mc"], 3)
    assert isinstance(q, MatrixQuestion)
    assert [d.description for d in q.rows] == ["Row 1: 2", "Row 2: 7", "Row 3: 10"]
    assert all(isinstance(d, widgets.Dropdown) and d.value is None for d in q.rows)
    q.rows[0].value = "A"
    assert q.check() == "Choose a column for every row first (row 2, 3 not answered)."


def test_matrix_multiple_response_rows_are_checkbox_groups_scored_by_column():
    q = make_question(ITEMS["matrix-mr"], 1)
    assert all(isinstance(box, widgets.Checkbox) for boxes in q.rows for box in boxes.values())
    q.set_response([{"A", "B", "C"}, {"B"}, set()])
    assert q.check().startswith("Not quite: 2 of 3 points")


def test_ordered_positions_are_dropdowns_and_a_repeat_is_refused():
    q = make_question(ITEMS["ordered"], 1)
    assert isinstance(q, DropdownsQuestion)
    assert [d.description for d in q.targets] == ["Position 1 (first)", "Position 2", "Position 3", "Position 4 (last)"]
    q.set_response(["B", "B", "A", "C"])
    assert "B is placed more than once" in q.check()


def test_cloze_and_triad_use_one_dropdown_per_blank():
    q = make_question(ITEMS["triad"], 1)
    assert [d.description for d in q.targets] == ["Blank 1", "Blank 2", "Blank 3"]
    assert "[blank 2]" in q.stem.value
    q.set_response(["A", "A", "B"])
    assert q.check().startswith("Not quite: 1 of 2 points")


def test_bowtie_has_five_labelled_slots_and_refuses_a_repeated_action():
    q = make_question(ITEMS["bowtie"], 1)
    assert isinstance(q, BowtieQuestion)
    labels = [d.description for g in q.slots.values() for d in g]
    assert labels == ["Condition most likely", "Action to take 1", "Action to take 2", "Parameter to monitor 1",
                      "Parameter to monitor 2"]
    q.slots["condition"][0].value = "A"
    q.slots["actions"][0].value = q.slots["actions"][1].value = "A"
    q.slots["parameters"][0].value, q.slots["parameters"][1].value = "A", "C"
    assert q.check() == "The two actions must be different choices."


def test_numeric_takes_a_number_and_a_unit_and_explains_bad_text():
    q = make_question(ITEMS["numeric"], 1)
    assert isinstance(q, NumericQuestion)
    assert q.check() == "Type a number first."
    q.value.value, q.unit.value = "2.5", "mmol/L"
    assert q.check().startswith("Correct: 1 of 1 point")
    q.value.value = "ten"
    assert "does not start with a number" in q.check()


def test_written_answer_shows_the_model_answer_only_after_writing():
    q = make_question(ITEMS["written"], 1)
    assert isinstance(q, WrittenQuestion) and q.button.description == "Show model answer"
    assert q.check().startswith("Write your answer first")
    q.text.value = "Because the grader reads what I typed."
    assert "A model answer:" in q.check()


def test_highlight_shows_the_note_and_one_labelled_checkbox_per_phrase_in_reading_order():
    from bonemets.learner.quiz import HighlightQuestion

    q = make_question(ITEMS["highlight"], 12)
    assert isinstance(q, HighlightQuestion)
    assert "[B: drizzle had started]" in q.stem.value and "Weather diary, Monday" in q.stem.value
    assert [b.description for b in q.boxes.values()] == ["A. dry and sunny", "B. drizzle had started",
                                                         "C. the wind dropped", "D. heavy showers fell"]
    assert all(isinstance(b, widgets.Checkbox) for b in q.boxes.values())
    assert q.check().startswith("Highlight at least one phrase first")
    q.set_response({"B", "C", "D"})
    assert q.check().startswith("Not quite: 1 of 2 points")  # 2 right - 1 wrong


def test_a_highlight_table_shows_its_rows_and_labels_each_box_with_the_row():
    import yaml as _yaml

    raw = _yaml.safe_load(FIXTURE_FILE.read_text())
    item = next(i for i in raw["items"] if i["id"] == "90-highlight")
    del item["text"]
    item["header"] = ["Time", "Sky"]
    item["phrases"] = [{"id": p["id"], "text": f"0{n}:00 | {p['text']}", "rationale": p["rationale"]}
                       for n, p in enumerate(item["phrases"], 6)]
    q = make_question(parse_bank(_yaml.safe_dump(raw), "x.yaml").item("90-highlight"), 1)
    assert '<th scope="col" style="text-align:left">Sky</th>' in q.stem.value
    assert q.boxes["B"].description == "B. 07:00; drizzle had started"


def test_trend_shows_the_table_in_words_and_answers_with_its_question_types_controls():
    from bonemets.learner.quiz import TrendQuestion

    q = make_question(ITEMS["trend"], 13)
    assert isinstance(q, TrendQuestion)
    assert "<caption" in q.stem.value and '<th scope="col" style="text-align:left">Tue 09:00</th>' in q.stem.value
    assert "In words:" in q.stem.value and "Rainfall: 9 mm at Mon 09:00" in q.stem.value
    assert [d.description for d in q.part.rows] == ["Row 1: Temperature", "Row 2: Rainfall", "Row 3: Wind"]
    assert q.controls == q.part.rows
    assert q.check() == "Choose a column for every row first (row 1, 2, 3 not answered)."
    q.set_response(["A", "B", "A"])
    assert q.check().startswith("Not quite: 2 of 3 points")
