"""The fictional pain diary (bonemets.clinical.pain_diary): its rescue-dose rule and its feedback."""

from __future__ import annotations

import pytest

from bonemets.clinical import pain_diary as pd
from bonemets.content.pain_diary import DECISION_KEYS, course_diary


@pytest.fixture(scope="module")
def week():
    return course_diary()


def test_the_course_week_is_seven_fictional_days_teaching_every_decision(week):
    assert [d.day for d in week] == list(range(1, 8))
    assert all(d.entry.startswith("Fictional patient.") for d in week)
    assert {d.answer for d in week} == set(pd.DECISIONS)
    assert tuple(pd.DECISIONS) == DECISION_KEYS  # every decision the file may use has its words


def test_every_rescue_dose_in_the_week_is_inside_the_published_10_to_20_percent(week):
    for d in week:
        low, high = pd.rescue_dose_range_mg(d.regular_opioid_mg_24h)
        assert low <= d.rescue_dose_mg <= high, d.day


def test_rescue_range_worked_example_from_the_ons_rule():
    assert pd.rescue_dose_range_mg(60) == (6.0, 12.0)  # 10% and 20% of 60 mg
    assert pd.rescue_dose_range_mg(90) == (9.0, 18.0)


@pytest.mark.parametrize("bad", [0, -30, 5000, "60", True, None])
def test_an_impossible_daily_dose_is_refused_with_a_message(bad):
    with pytest.raises(ValueError, match="daily opioid dose must be"):
        pd.rescue_dose_range_mg(bad)


def test_total_24_hour_dose_adds_the_rescue_doses(week):
    day3 = week[2]
    assert day3.total_opioid_mg_24h == 60 + 5 * 10
    assert "total 110 mg oral morphine in 24 hours" in day3.summary()


def test_the_toxicity_day_is_an_emergency_and_the_constipation_day_a_same_day_review(week):
    by_day = {d.day: d for d in week}
    assert by_day[6].answer == "emergency" and "naloxone" in by_day[6].rationale
    assert by_day[2].answer == "review" and "nicecg140" in by_day[2].sources and not by_day[2].bowels_opened


def test_right_and_wrong_decisions_get_feedback_with_the_reason_and_sources(week):
    day = week[0]
    right = pd.check_decision(day, day.answer)
    assert right.correct and right.text.startswith("Correct: you chose")
    assert day.rationale in right.text and "Sources: " in right.text and "ESMO" in right.text
    wrong = pd.check_decision(day, "emergency")
    assert not wrong.correct and "The guidance supports 'Continue the plan" in wrong.text
    assert "inside the range of 6 to 12 mg" in wrong.text


def test_no_choice_asks_for_one_and_an_unknown_choice_is_refused(week):
    assert pd.check_decision(week[0], None).text.startswith("Choose what the nurse should do first")
    with pytest.raises(ValueError, match="unknown decision 'later'"):
        pd.check_decision(week[0], "later")
