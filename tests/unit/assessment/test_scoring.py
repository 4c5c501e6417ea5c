"""The NCSBN scoring rules, checked against the examples in NCSBN's item-type guide."""

import pytest

from bonemets.assessment.scoring import Score, plus_minus, zero_one, zero_one_targets


def test_plus_minus_worked_example_four_right_two_wrong_of_four_keys_is_two():
    assert plus_minus({"A", "B", "C", "D", "E", "F"}, {"A", "B", "C", "D"}) == Score(2, 4)


def test_plus_minus_is_floored_at_zero():
    assert plus_minus({"A", "E", "F", "G"}, {"A", "B", "C", "D"}) == Score(0, 4)


def test_plus_minus_all_keys_and_nothing_else_is_full_marks():
    assert plus_minus({"B", "D"}, {"B", "D"}).is_full


def test_zero_one_multiple_choice():
    assert zero_one({"C"}, {"C"}, max_selections=1) == Score(1, 1)
    assert zero_one({"A"}, {"C"}, max_selections=1) == Score(0, 1)


def test_zero_one_select_n_gives_a_point_per_key_chosen():
    assert zero_one({"A", "B", "E"}, {"A", "B", "C"}, max_selections=3) == Score(2, 3)


def test_zero_one_refuses_more_choices_than_allowed():
    with pytest.raises(ValueError, match="at most 2"):
        zero_one({"A", "B", "C"}, {"A", "B"}, max_selections=2)


def test_zero_one_targets_scores_each_row():
    key = {"row1": "x", "row2": "y", "row3": "z"}
    assert zero_one_targets({"row1": "x", "row2": "z"}, key) == Score(1, 3)


def test_score_rejects_impossible_values():
    with pytest.raises(ValueError):
        Score(5, 4)
    assert Score(1, 4).fraction == 0.25
