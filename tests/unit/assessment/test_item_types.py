"""Every NGN item type: schema errors, NCSBN scoring with partial credit, answer formats, feedback.

The fixture bank tests/fixtures/90_item_types.yaml holds one item of each type with neutral content.
"""

from pathlib import Path

import pytest
import yaml

from bonemets.assessment.answers import AnswerFormatError, example, normalise
from bonemets.assessment.feedback import feedback_text
from bonemets.content.bank import BankError, parse_bank
from bonemets.instructor.grading.trusted_scoring import read_answer

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "90_item_types.yaml"
RAW = yaml.safe_load(FIXTURE.read_text())
BANK = parse_bank(FIXTURE.read_text(), "90_item_types.yaml")
ITEMS = {item.id.removeprefix("90-"): item for item in BANK.items}
AUTOSCORED = [item for item in BANK.items if item.type != "written"]


def answer(item, text: str):
    """A typed answer as the grader reads it: the cell's text, parsed without running it."""
    return normalise("q", read_answer(f"q = {text}", "q"), item.form())


@pytest.mark.parametrize("item", AUTOSCORED, ids=lambda i: i.type)
def test_the_solution_a_student_would_type_earns_full_marks(item):
    response = answer(item, item.solution)
    assert response == item.key_response
    assert item.score(response).is_full and item.marks(response) == item.points


@pytest.mark.parametrize("item", AUTOSCORED, ids=lambda i: i.type)
def test_the_format_example_is_a_valid_format(item):
    text = example("q", item.form()).split("  (")[0].removeprefix("q = ")
    answer(item, text)  # raises if the example shown to students were not accepted


@pytest.mark.parametrize("name, typed, earned, possible", [
    ("matrix-mc", '["A", "A", "A"]', 2, 3),                  # row 2 wrong: 0/1 per row
    ("matrix-mr", '["ABC", "B", ""]', 2, 3),                 # column A +1, B +1-1=0, C +1
    ("matrix-mr", '["BC", "AC", "ABC"]', 0, 3),              # every column floored at 0
    ("cloze", '["A", "C"]', 1, 2),
    ("triad", '["A", "A", "B"]', 1, 2),                      # action+reason 1 right, action+reason 2 wrong
    ("triad", '["B", "A", "A"]', 0, 2),                      # wrong action: no pair scores
    ("ordered", '["B", "A", "D", "C"]', 2, 4),               # positions 1 and 4 right
    ("bowtie", '{"condition": "A", "actions": {"A", "B"}, "parameters": {"A", "C"}}', 4, 5),
    ("bowtie", '{"condition": "B", "actions": {"B", "D"}, "parameters": {"B", "D"}}', 0, 5),
    ("numeric", '"10.0 mg/dL"', 1, 1),
    ("numeric", '"2.5 mmol/L"', 1, 1),                       # 2.5 x 4.008 = 10.02
    ("numeric", '(10.12, "mg/dL")', 1, 1),                   # on the tolerance edge
    ("numeric", '"10.13 mg/dL"', 0, 1),
    ("numeric", '"2.4 mmol/L"', 0, 1),
    ("sata", '{"A", "B", "C", "D", "E", "F"}', 2, 4),        # NCSBN example: 4 right + 2 wrong = 2 of 4
])
def test_ncsbn_partial_credit(name, typed, earned, possible):
    score = ITEMS[name].score(answer(ITEMS[name], typed))
    assert (score.earned, score.possible) == (earned, possible)


def test_marks_scale_the_fraction_to_the_items_weight():
    bowtie = ITEMS["bowtie"]
    assert bowtie.marks(answer(bowtie, '{"condition": "A", "actions": {"A", "B"}, "parameters": {"A", "C"}}')) \
        == pytest.approx(4 / 5 * 2)


@pytest.mark.parametrize("name, typed, message", [
    ("choice", '{"B"}', "one letter in quotes"),
    ("select-n", '{"A"}', "exactly 2 letters"),
    ("sata", '"A, C"', "curly brackets"),
    ("matrix-mc", '"AB"', "list in square brackets"),
    ("matrix-mc", '["A", "B"]', "3 entries, one per row; it has 2"),
    ("matrix-mc", '["A", "B", "Z"]', "row 3 is Z, which is not an option"),
    ("matrix-mr", '["A", 5, ""]', "row 2 should be letters"),
    ("cloze", '{"1": "A"}', "list in square brackets"),
    ("cloze", '["A", "D"]', "blank 2 is D"),
    ("ordered", '["A", "A", "B", "C"]', "A is placed more than once"),
    ("ordered", '["A", "B", "C"]', "4 entries"),
    ("bowtie", '["A", "B"]', "dictionary"),
    ("bowtie", '{"condition": "A", "actions": {"A"}, "parameters": {"A", "C"}}', "actions should have 2 letters"),
    ("bowtie", '{"condition": "A", "actions": {"A", "C"}}', "exactly the keys"),
    ("numeric", '"10.0"', "no unit"),
    ("numeric", '"10 mg"', "not an allowed unit"),
    ("numeric", '"ten mg/dL"', "does not start with a number"),
    ("numeric", '(True, "mg/dL")', "should be a number"),
    ("numeric", "10.0", "a number and a unit"),
])
def test_wrong_shapes_get_a_plain_message(name, typed, message):
    with pytest.raises(AnswerFormatError, match=message) as err:
        answer(ITEMS[name], typed)
    assert "For example:" in str(err.value)


def test_numeric_rejects_infinity():
    with pytest.raises(AnswerFormatError, match="ordinary number"):
        normalise("q", (float("inf"), "mg/dL"), ITEMS["numeric"].form())


def test_forms_never_reveal_a_select_all_key_count_or_any_key():
    for item in AUTOSCORED:
        form = str(item.form())
        assert "key" not in form
    assert "n" not in ITEMS["sata"].form()


@pytest.mark.parametrize("name, typed, words", [
    ("matrix-mc", '["A", "A", "A"]', ["Row 2, 7: you chose A (Even) (not correct; the answer is B (Odd))",
                                      "7 is not divisible by two."]),
    ("cloze", '["B", "B"]', ["Blank 1: you chose B. 10 (not correct)", "The answer is A. 0.",
                             "The freezing point of water"]),
    ("triad", '["A", "B", "A"]', ["Linked pairs scored: blanks 1 and 2, blanks 1 and 3", "1 of 2 points"]),
    ("ordered", '["B", "D", "C", "A"]', ["3. C. 4 (not correct; position 3 is A. 3)", "Why this order:"]),
    ("bowtie", '{"condition": "A", "actions": {"A", "B"}, "parameters": {"A", "C"}}',
     ["B. Go swimming outside (not correct). Unsafe in a storm.", "C. Close the windows (a right answer you did"]),
    ("numeric", '"2.5 mmol/L"', ["You gave 2.5 mmol/L = 10.02 mg/dL", "Correct: 1 of 1 point"]),
])
def test_feedback_gives_the_rationales(name, typed, words):
    text = feedback_text(ITEMS[name], answer(ITEMS[name], typed))
    for phrase in words:
        assert phrase in text


def test_written_feedback_is_the_model_answer_and_rubric():
    text = feedback_text(ITEMS["written"], "my answer")
    assert "A model answer:" in text and "1 point: says code is not run." in text


def bank_with(item_id: str, **changes) -> str:
    raw = yaml.safe_load(FIXTURE.read_text())
    item = next(i for i in raw["items"] if i["id"] == item_id)
    item.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del item[key]
    return yaml.safe_dump(raw)


@pytest.mark.parametrize("item_id, changes, message", [
    ("90-matrix-mc", {"rows": [{"text": "2", "key": ["A", "B"], "rationale": "Two keys in one row."},
                               {"text": "3", "key": ["B"], "rationale": "Odd number row."}]},
     "row 1: a matrix_mc row has exactly one key column"),
    ("90-matrix-mr", {"rows": [{"text": "2", "key": ["Z"], "rationale": "Unknown column."},
                               {"text": "3", "key": [], "rationale": "No key here."}]}, "columns that do not exist"),
    ("90-cloze", {"text": "Only one {1} blank here."}, "must contain the blanks {1} to {2}"),
    ("90-triad", {"links": [[1, 4]]}, "link (1, 4) must join two different blanks"),
    ("90-cloze", {"links": [[1, 2]]}, "links belong to rationale items only"),
    ("90-ordered", {"key": ["A", "A", "B", "C"]}, "places a token twice"),
    ("90-bowtie", {"actions": {"options": [{"id": "A", "text": "x", "rationale": "Because of reason x."},
                                           {"id": "B", "text": "y", "rationale": "Because of reason y."},
                                           {"id": "C", "text": "z", "rationale": "Because of reason z."}],
                               "key": ["A"]}}, "a bow-tie has 2 keys under actions"),
    ("90-numeric", {"units": {"mmol/L": 4.008}}, "must include the answer's unit 'mg/dL' with factor 1"),
    ("90-numeric", {"tolerance": 0}, "field 'tolerance': Input should be greater than 0"),
    ("90-written", {"rubric": []}, "field 'rubric'"),
    ("90-choice", {"type": "hotspot"}, "field 'type': must be one of multiple_choice"),
    ("90-cloze", {"blanks": None}, "field 'blanks': Field required"),
])
def test_schema_errors_name_the_item_and_field(item_id, changes, message):
    with pytest.raises(BankError) as err:
        parse_bank(bank_with(item_id, **changes), "quizzes/90_item_types.yaml")
    assert f"quizzes/90_item_types.yaml: item '{item_id}'" in str(err.value)
    assert message in str(err.value)


# ---- highlight and trend (issue 14) ------------------------------------------------------------------

@pytest.mark.parametrize("name, typed, earned, possible", [
    ("highlight", '{"B", "D"}', 2, 2),
    ("highlight", '{"B", "C"}', 0, 2),                       # +1 -1 = 0
    ("highlight", '{"A", "B", "C", "D"}', 0, 2),             # 2 right - 2 wrong: floored at 0, never negative
    ("highlight", '{"A", "C"}', 0, 2),                       # -2 floored at 0
    ("highlight", '{"D"}', 1, 2),
    ("highlight", '"D"', 1, 2),                              # one phrase may be typed as a bare letter
    ("trend", '["A", "B", "A"]', 2, 3),                      # matrix_mc inside: 0/1 per row
    ("trend", '["C", "C", "C"]', 1, 3),
])
def test_highlight_is_plus_minus_and_trend_uses_its_question_types_rule(name, typed, earned, possible):
    score = ITEMS[name].score(answer(ITEMS[name], typed))
    assert (score.earned, score.possible) == (earned, possible)


def test_a_trend_item_asked_as_select_all_is_scored_plus_minus():
    raw = yaml.safe_load(bank_with("90-trend", ask="select_all", columns=None, rows=None, scoring="+/-",
                                   options=[{"id": "A", "text": "Temperature rose", "rationale": "12 then 18."},
                                            {"id": "B", "text": "Rainfall rose", "rationale": "It fell, 9 to 1."},
                                            {"id": "C", "text": "Rainfall fell", "rationale": "9, 4 then 1 mm."}],
                                   key=["A", "C"]))
    item = parse_bank(yaml.safe_dump(raw), "x.yaml").item("90-trend")
    assert item.rule == "+/-" and item.form() == {"type": "trend", "ask": {"type": "select_all", "options": "ABC"}}
    assert item.score(answer(item, '{"A", "B", "C"}')).earned == 1       # 2 right - 1 wrong
    assert "B. Rainfall rose (not correct). It fell, 9 to 1." in feedback_text(item, frozenset({"A", "B"}))


@pytest.mark.parametrize("name, typed, message", [
    ("highlight", "set()", "is empty: highlight at least one phrase"),
    ("highlight", '{"A", "Z"}', "Z, which is not an option"),
    ("highlight", '["AB"]', "one letter in quotes"),
    ("highlight", "3", "curly brackets"),
    ("trend", '["A", "B"]', "3 entries, one per row"),          # the question part's own format message
    ("trend", '"A"', "list in square brackets"),
])
def test_new_types_get_a_plain_format_message(name, typed, message):
    with pytest.raises(AnswerFormatError, match=message) as err:
        answer(ITEMS[name], typed)
    assert "For example: q = " in str(err.value)


def test_highlight_feedback_names_each_phrase_with_its_rationale():
    text = feedback_text(ITEMS["highlight"], answer(ITEMS["highlight"], '{"A", "B"}'))
    assert text.startswith("Not quite: 0 of 2 points (+1 for each correct choice and -1 for each wrong one")
    assert "A. dry and sunny (not correct). Sun, not rain." in text
    assert "D. heavy showers fell (you did not choose it). Showers are rain, so a key." in text


def test_the_note_marks_each_phrase_with_its_letter_and_the_table_reads_in_words():
    assert ITEMS["highlight"].passage().startswith("The morning was [A: dry and sunny]. By noon [B: drizzle")
    words = ITEMS["trend"].table.in_words()
    assert words.startswith("Temperature: 12 °C at Mon 09:00, then 15 °C at Tue 09:00, then 18 °C at Wed 09:00.")


def test_trend_feedback_is_its_question_parts_feedback():
    text = feedback_text(ITEMS["trend"], answer(ITEMS["trend"], '["A", "A", "C"]'))
    assert "Row 2, Rainfall: you chose A (Rising) (not correct; the answer is B (Falling))" in text


@pytest.mark.parametrize("item_id, changes, message", [
    ("90-highlight", {"text": "The morning was {A}. By noon {C}, then {B} and {D}."},
     "text must contain the phrases {A} to {D} once each, in order"),
    ("90-highlight", {"key": ["A", "B", "C", "D"]}, "every phrase is a key"),
    ("90-highlight", {"key": ["E"]}, "phrases that do not exist"),
    ("90-highlight", {"header": ["Time", "Finding"]}, "either a note `text` or a table `header`"),
    ("90-highlight", {"text": None, "header": ["Time", "Finding"]}, "phrase A is a table row of 1 cells"),
    ("90-highlight", {"scoring": "0/1"}, "field 'scoring'"),
    ("90-trend", {"table": {"caption": "Readings", "times": ["Mon", "Tue"],
                            "series": [{"name": "Rain", "values": ["1", "2", "3"]}]}},
     "series 'Rain' has 3 values for 2 times"),
    ("90-trend", {"ask": "select_all"}, "needs options, key, scoring"),
    ("90-trend", {"options": [{"id": "A", "text": "x", "rationale": "Because of reason x."}]},
     "does not take options"),
    ("90-trend", {"rows": [{"text": "Rain", "key": ["Z"], "rationale": "No such column."},
                           {"text": "Wind", "key": ["A"], "rationale": "Rising wind speed."}]},
     "question part (matrix_mc)"),
    ("90-trend", {"ask": "cloze"}, "field 'ask'"),
])
def test_new_types_schema_errors_name_the_item_and_field(item_id, changes, message):
    with pytest.raises(BankError) as err:
        parse_bank(bank_with(item_id, **changes), "quizzes/90_item_types.yaml")
    assert f"quizzes/90_item_types.yaml: item '{item_id}'" in str(err.value)
    assert message in str(err.value)


def test_the_exhibits_have_a_markdown_form_for_the_graded_notebook():
    assert ITEMS["highlight"].exhibit_markdown() == (
        "**Weather diary, Monday**\n\n> The morning was [A: dry and sunny]. By noon [B: drizzle had started], and in "
        "the afternoon [C: the wind dropped]. In the evening [D: heavy showers fell].")
    table = ITEMS["trend"].table.markdown()
    assert table.startswith("**Garden weather station, 09:00 each day**\n\n| Measurement | Mon 09:00 | Tue 09:00 |")
    assert "| Rainfall (mm) | 9 | 4 | 1 |" in table and "In words: Temperature: 12 °C at Mon 09:00" in table


@pytest.mark.parametrize("name, typed, marks, words", [
    ("highlight", 'q = {"B", "C", "D"}', 1.0, "C. the wind dropped (not correct)"),   # 2 right - 1 wrong = 1 of 2
    ("trend", 'q = ["A", "B", "C"]', 2.0, "Correct: 3 of 3 points"),
    ("trend", 'q = ["A", "B"]', 0.0, "Answer format problem: q should have 3 entries"),
])
def test_the_static_grader_marks_typed_answers_of_the_new_types(name, typed, marks, words):
    from bonemets.instructor.grading.marking import score_answer

    got, feedback = score_answer(ITEMS[name], typed, "q", 2)
    assert got == marks and words in feedback
