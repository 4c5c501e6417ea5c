"""The in-notebook format check, as a student's answer reaches it in the kernel."""

import pytest

from bonemets.assessment.format_check import AnswerFormatError, normalise

FORM = {"type": "select_all", "options": "ABCDE"}
MC = {"type": "multiple_choice", "options": "ABCDE"}


@pytest.mark.parametrize("value, letters", [
    ({"A", "C"}, {"A", "C"}), (["a", "c"], {"A", "C"}), (("C", "A", "A"), {"A", "C"}),
])
def test_select_all_accepts_sets_lists_and_lower_case(value, letters):
    assert normalise("q2", value, FORM) == letters


def test_text_instead_of_a_set_gets_a_plain_message():
    with pytest.raises(AnswerFormatError) as err:
        normalise("q2", "A,C", FORM)
    assert "curly brackets" in str(err.value) and "piece of text" in str(err.value)
    assert err.value._render_traceback_() == [f"Answer format problem: {err.value}"]


@pytest.mark.parametrize("value", [None, Ellipsis])
def test_missing_answer_says_so(value):
    with pytest.raises(AnswerFormatError, match="no answer yet"):
        normalise("q1", value, MC)


@pytest.mark.parametrize("value, message", [
    ({"A", "Z"}, "Z, which is not an option"),
    ({"A", 3}, "3, which is a number"),
    (set(), "empty"),
])
def test_bad_letters_are_named(value, message):
    with pytest.raises(AnswerFormatError, match=message):
        normalise("q2", value, FORM)


def test_multiple_choice_wants_one_letter():
    assert normalise("q1", " b ", MC) == {"B"}
    for value in ({"B"}, 2):
        with pytest.raises(AnswerFormatError, match="one letter in quotes"):
            normalise("q1", value, MC)


def test_select_n_wants_exactly_n():
    with pytest.raises(AnswerFormatError, match="exactly 2"):
        normalise("q3", {"A", "B", "C"}, {"type": "select_n", "options": "ABCDE", "n": 2})


def _run(code: str, namespace: dict):
    exec(compile(code, "<cell>", "exec"), namespace)
    return namespace


def test_format_check_reads_the_students_variable(capsys):
    _run(f"from bonemets.grading import check_format\nq1 = 'c'\ncheck_format('q1', {MC!r})", {})
    assert "format is fine (C)" in capsys.readouterr().out
    with pytest.raises(AnswerFormatError, match="no answer yet"):
        _run(f"from bonemets.grading import check_format\ncheck_format('q9', {MC!r})", {})


def test_the_kernel_side_imports_nothing_heavy():
    """The check cell runs in every student's kernel at grading time: it must not import pydantic or pandas."""
    import subprocess
    import sys

    code = ("import sys, bonemets.grading; heavy = [m for m in ('pydantic', 'pandas', 'yaml', 'nbgrader') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
