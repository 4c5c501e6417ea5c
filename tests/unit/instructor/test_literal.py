"""The static answer reader: literals only, nursing students' common slips forgiven, code refused."""

import pytest

from bonemets.errors import AnswerFormatError
from bonemets.instructor.grading.literal import read_answer


@pytest.mark.parametrize(("source", "value"), [
    ('q1 = "B"', "B"), ("q1 = B", "B"), ("q1 = b", "B"), ('q1 = {"A", "C"}', {"A", "C"}),
    ("q1 = 2 * 4.5", 9.0), ("q1 = -3", -3), ('ask("q1")\nq1 = "C"', "C"), ("q1: str = 'D'", "D"),
])
def test_plain_values_are_read(source, value):
    assert read_answer(source, "q1") == value


@pytest.mark.parametrize(("source", "message"), [
    ("q1 = open('/etc/passwd').read()", "the grader does not run code"),
    ("q1 = K", "the grader does not run code"),            # only A-J are option letters
    ("q1 = 9 ** 9 ** 9", "the grader does not run code"),  # no powers: nothing can take forever
    ("q1 = 1e308 * 1e308 / 0", "divides by zero"),
    ("q1 = (", "not valid Python"),
    ("x = 1", "has no answer"),
    ("q1 = " + "[" * 1000 + "]" * 1000, "not valid Python|could not be read|nested too deeply"),
    ("q1 = '" + "x" * 6000 + "'", "characters long"),
])
def test_anything_else_is_refused_with_a_reason(source, message):
    with pytest.raises(AnswerFormatError, match=message):
        read_answer(source, "q1")
