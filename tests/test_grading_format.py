"""The in-notebook format check and hidden scorer, as a student's answer reaches them."""

import pytest

from bonemets.grading import AnswerFormatError, normalise

OPTIONS = "ABCDE"


@pytest.mark.parametrize("value, letters", [
    ({"A", "C"}, {"A", "C"}), (["a", "c"], {"A", "C"}), (("C", "A", "A"), {"A", "C"}),
])
def test_select_all_accepts_sets_lists_and_lower_case(value, letters):
    assert normalise("q2", value, "select_all", OPTIONS) == letters


def test_text_instead_of_a_set_gets_a_plain_message():
    with pytest.raises(AnswerFormatError) as err:
        normalise("q2", "A,C", "select_all", OPTIONS)
    assert "curly brackets" in str(err.value) and "piece of text" in str(err.value)
    assert err.value._render_traceback_() == [f"Answer format problem: {err.value}"]


@pytest.mark.parametrize("value", [None, Ellipsis])
def test_missing_answer_says_so(value):
    with pytest.raises(AnswerFormatError, match="no answer yet"):
        normalise("q1", value, "multiple_choice", OPTIONS)


@pytest.mark.parametrize("value, message", [
    ({"A", "Z"}, "Z, which is not an option"),
    ({"A", 3}, "3 is not"),
    (set(), "empty"),
])
def test_bad_letters_are_named(value, message):
    with pytest.raises(AnswerFormatError, match=message):
        normalise("q2", value, "select_all", OPTIONS)


def test_multiple_choice_wants_one_letter():
    assert normalise("q1", " b ", "multiple_choice", OPTIONS) == {"B"}
    with pytest.raises(AnswerFormatError, match="one letter in quotes"):
        normalise("q1", {"B"}, "multiple_choice", OPTIONS)
    with pytest.raises(AnswerFormatError, match="one letter in quotes"):
        normalise("q1", 2, "multiple_choice", OPTIONS)


def test_select_n_wants_exactly_n():
    with pytest.raises(AnswerFormatError, match="exactly 2"):
        normalise("q3", {"A", "B", "C"}, "select_n", OPTIONS, n=2)


def _run(code: str, namespace: dict):
    exec(compile(code, "<cell>", "exec"), namespace)
    return namespace


SPEC = {
    "id": "01-example", "module": "01", "type": "select_all", "scoring": "+/-", "use": ["graded"],
    "objective": "01.1", "references": ["x"], "stem": "Which of these are skeletal-related events?",
    "options": [{"id": letter, "text": f"option {letter}", "rationale": f"Because of reason {letter}."}
                for letter in "ABCDEF"],
    "key": ["A", "B", "C", "D"],
}


def test_hidden_scorer_returns_partial_credit_and_prints_rationales(capsys):
    ns = _run(f"from bonemets.grading import grade\nq2 = {{'A','B','C','D','E','F'}}\nresult = grade('q2', {SPEC!r})",
              {})
    assert ns["result"] == 0.5  # NCSBN 2 of 4, scaled to the item's weight of 1
    out = capsys.readouterr().out
    assert "Not quite: 2 of 4 points" in out and "Because of reason E." in out
    assert "Marks for this question: 0.5 of 1." in out


def test_format_check_reads_the_students_variable(capsys):
    _run("from bonemets.grading import check_format\nq1 = 'c'\ncheck_format('q1', 'multiple_choice', 'ABCD')", {})
    assert "format is fine (C)" in capsys.readouterr().out
    with pytest.raises(AnswerFormatError, match="no answer yet"):
        _run("from bonemets.grading import check_format\ncheck_format('q9', 'multiple_choice', 'ABCD')", {})
