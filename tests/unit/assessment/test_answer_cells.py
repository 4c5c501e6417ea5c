"""The generator/grader contract: ids, the recorded-answer output, and reading it back from a saved cell."""

import pytest

from bonemets.assessment.answer_cells import (
    MAX_RECORDED_CHARS,
    RECORDED_KEY,
    answer_cell_id,
    item_id_of,
    plain_literal,
    recorded_answers,
    recorded_output,
    recorded_text,
)


def test_ids_round_trip():
    assert item_id_of(answer_cell_id("04-hcm-bowtie")) == "04-hcm-bowtie"
    assert item_id_of("04-hcm-bowtie-question") is None


@pytest.mark.parametrize(("value", "text"), [
    ("B", 'q1 = "B"'),
    ({"C", "A"}, 'q1 = {"A", "C"}'),
    (["B", "D", "A"], 'q1 = ["B", "D", "A"]'),
    ({"condition": "A", "actions": {"C", "A"}, "parameters": {"B", "D"}},
     'q1 = {"condition": "A", "actions": {"A", "C"}, "parameters": {"B", "D"}}'),
    ("10.02 mg/dL", 'q1 = "10.02 mg/dL"'),
])
def test_a_recorded_answer_is_the_line_a_student_would_type(value, text):
    assert recorded_text("q1", value) == text


def test_quotes_inside_an_answer_cannot_break_out_of_the_literal():
    assert plain_literal('B" + open("x").read() + "') == '"B\\" + open(\\"x\\").read() + \\""'


def test_the_recorded_output_is_read_back_from_a_saved_cell():
    cell = {"outputs": [{"output_type": "display_data", "data": {"text/plain": "widget"}, "metadata": {}},
                        recorded_output("q3", {"A", "C"})]}
    assert recorded_answers(cell) == {"q3": 'q3 = {"A", "C"}'}
    assert recorded_output("q3", None)["metadata"] == {RECORDED_KEY: "q3"}
    assert recorded_answers({"outputs": [recorded_output("q3", None)]}) == {}  # "no answer yet" is no answer


@pytest.mark.parametrize("outputs", [
    None, "text", [1, None, "x"], [{"metadata": "x"}], [{"metadata": {RECORDED_KEY: 5}, "data": {"text/plain": "q"}}],
    [{"metadata": {RECORDED_KEY: "q1"}, "data": {"text/plain": "q2 = 'B'"}}],
    [{"metadata": {RECORDED_KEY: "q1"}, "data": {"text/plain": "q1 = " + "1" * MAX_RECORDED_CHARS}}],
])
def test_malformed_or_foreign_outputs_are_ignored(outputs):
    assert recorded_answers({"outputs": outputs}) == {}
