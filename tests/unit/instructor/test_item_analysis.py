"""Item analysis statistics against the simulated class worked out by hand (tests/item_analysis_class.py)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from item_analysis_class import ANSWERS, ITEM_IDS

from bonemets.content.bank import parse_bank
from bonemets.instructor.item_analysis import (
    analyse_item,
    analyse_test,
    cronbach_alpha,
    groups,
    pearson,
)
from bonemets.instructor.item_analysis_gradebook import chosen_response, labels_of, option_labels

EARNED = {s: dict(zip(ITEM_IDS, points, strict=True)) for s, (_, points) in ANSWERS.items()}
POINTS = dict.fromkeys(ITEM_IDS, 1.0)
TOTALS = {s: sum(p.values()) for s, p in EARNED.items()}
Q2_CHOICES = {s: frozenset(typed[1].strip('"')) for s, (typed, _) in ANSWERS.items()}
Q4_CHOICES = {s: frozenset(c for c in typed[3] if c.isalpha()) for s, (typed, _) in ANSWERS.items()}


def item(item_id: str, choices=None, options=(), keys=frozenset()):
    test = analyse_test(EARNED, POINTS)
    return analyse_item(item_id, 1.0, {s: EARNED[s][item_id] for s in EARNED}, TOTALS, test.upper, test.lower,
                        choices or {}, options, keys)


def test_groups_are_the_top_and_bottom_27_percent_with_ties_broken_by_id():
    assert groups(TOTALS) == (["s01", "s02", "s03"], ["s08", "s10", "s09"])
    assert groups({"a": 1.0}) == (["a"], ["a"])  # at least one student per group


def test_difficulty_full_credit_and_discrimination_match_the_hand_values():
    expected = {"91-first": (0.50, 0.50, 1.0), "91-miskeyed": (0.40, 0.40, -2 / 3), "91-third": (0.70, 0.70, 2 / 3),
                "91-sata": (0.45, 0.20, 0.5 - 1 / 3), "91-numeric": (0.30, 0.30, 1.0)}
    for item_id, (p, full, d) in expected.items():
        stats = item(item_id)
        assert (stats.difficulty, stats.full_credit, stats.discrimination) == pytest.approx((p, full, d)), item_id
    assert item("91-sata").partial_credit and not item("91-first").partial_credit


def test_corrected_item_rest_correlations_match_the_hand_values():
    assert item("91-first").item_rest == pytest.approx(0.75 / math.sqrt(2.5 * 4.025))
    assert item("91-miskeyed").item_rest == pytest.approx(-4.8 / math.sqrt(2.4 * 15.225))
    assert item("91-sata").item_rest == pytest.approx(-0.05 / math.sqrt(1.225 * 6.9))
    assert pearson([1, 1, 1], [0, 1, 2]) is None  # an item everyone got right has no correlation


def test_alpha_and_its_name():
    test = analyse_test(EARNED, POINTS)
    assert test.reliability == pytest.approx(1.25 * (1 - 1.0325 / 0.8025))
    assert test.reliability_name == "Cronbach's alpha" and test.small_class
    assert [f.kind for f in test.flags] == ["reliability"]
    dichotomous = {s: {i: p for i, p in e.items() if i != "91-sata"} for s, e in EARNED.items()}
    assert analyse_test(dichotomous, {i: 1.0 for i in ITEM_IDS if i != "91-sata"}).reliability_name == "KR-20"
    assert cronbach_alpha([[1, 1], [0, 0], [1, 0]]) == pytest.approx(2 * (1 - (2 / 9 + 2 / 9) / (2 / 3)))
    assert cronbach_alpha([[1, 1], [1, 1]]) is None  # no variance in totals


def test_the_miskeyed_item_is_flagged_check_the_key():
    stats = item("91-miskeyed", Q2_CHOICES, "ABCD", frozenset("A"))
    assert stats.option_shares == {"A": 0.4, "B": 0.2, "C": 0.4, "D": 0.0}
    assert stats.upper_shares["C"] == 1 and stats.lower_shares["C"] == 0
    kinds = [f.kind for f in stats.flags]
    assert kinds == ["negative", "distractor_upper", "non_functional"]
    assert stats.flags[0].message.startswith("Check the key") and "C" in stats.flags[1].message


def test_partial_credit_item_flags():
    stats = item("91-sata", Q4_CHOICES, "ABCD", frozenset("AC"))
    assert stats.option_shares == pytest.approx({"A": 0.6, "B": 0.3, "C": 0.6, "D": 0.3})
    assert [f.kind for f in stats.flags] == ["negative", "distractor_upper", "poor_discrimination"]
    assert "D" in stats.flags[1].message and "0.17" in stats.flags[2].message
    assert item("91-first").flags == []


FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "90_item_types.yaml"


@pytest.mark.parametrize("fixture_item", [i for i in parse_bank(FIXTURE.read_text(), "f").items
                                          if i.type != "written"], ids=lambda i: i.type)
def test_every_type_reads_back_its_choices_as_option_labels(fixture_item):
    labels, keys = option_labels(fixture_item)
    source = f"q1 = {fixture_item.solution}"
    response = chosen_response(fixture_item, source, "q1")
    assert response is not None
    if fixture_item.type == "numeric":
        assert labels == [] and labels_of(fixture_item, response) == frozenset()
    else:
        assert labels_of(fixture_item, response) == keys and keys <= set(labels)
    assert chosen_response(fixture_item, "q1 = open('x')", "q1") is None  # code is never run, just unread


def test_every_threshold_cites_a_registered_source():
    from bonemets.content.references import load_registry
    from bonemets.instructor.item_analysis import THRESHOLDS
    from bonemets.instructor.item_analysis_report import REFERENCE_KEYS

    registry = load_registry()
    assert {t.reference for t in THRESHOLDS.values()} <= set(REFERENCE_KEYS) <= set(registry)
