"""The fictional pain diary (bonemets.clinical.pain_diary): its file, its checks and its feedback."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bonemets.clinical import pain_diary as pd

KNOWN = {"nicecg140", "fallon2018"}


@pytest.fixture(scope="module")
def week():
    return pd.load_diary()


def row(day: int, **changes) -> dict:
    base = {"day": day, "title": f"Day {day}", "usual_pain": 2, "worst_pain": 5, "regular_opioid_mg_24h": 60,
            "rescue_dose_mg": 10, "rescue_doses": 2, "bowels_opened": "yes", "drowsiness": "none",
            "entry": "Fictional patient. Pain as usual.", "answer": "continue",
            "rationale": "Controlled background pain (ESMO).", "source": "fallon2018"}
    base.update(changes)
    return base


def write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "diary.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=pd.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_the_course_week_is_seven_fictional_days_teaching_every_decision(week):
    assert [d.day for d in week] == list(range(1, 8))
    assert all(d.entry.startswith("Fictional patient.") for d in week)
    assert {d.answer for d in week} == set(pd.DECISIONS)


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


def test_a_good_temporary_file_loads(tmp_path):
    days = pd.load_diary(write(tmp_path, [row(1), row(2, answer="review")]), known_sources=KNOWN)
    assert [d.answer for d in days] == ["continue", "review"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"usual_pain": 11}, "'usual_pain' must be from 0 to 10"),
    ({"worst_pain": 1}, r"'worst_pain' \(1\) cannot be lower than 'usual_pain' \(2\)"),
    ({"rescue_dose_mg": "ten"}, "'rescue_dose_mg' must be a dose in mg"),
    ({"bowels_opened": "maybe"}, "'bowels_opened' must be yes or no"),
    ({"drowsiness": "very"}, "'drowsiness' must be one of none, mild, marked"),
    ({"answer": "wait"}, "'answer' must be one of continue, review, emergency"),
    ({"entry": "Mrs Smith on ward 4."}, "must start with 'Fictional patient.'"),
    ({"source": "smith2099"}, "unknown source \\['smith2099'\\]"),
])
def test_a_bad_row_is_named_with_file_line_and_field(tmp_path, changes, message):
    with pytest.raises(ValueError, match=message) as error:
        pd.load_diary(write(tmp_path, [row(1), row(2, **changes)]), known_sources=KNOWN)
    assert str(error.value).startswith("diary.csv: line 3")


def test_days_out_of_order_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"days must run 1, 2, 3, ... in order; got \[1, 3\]"):
        pd.load_diary(write(tmp_path, [row(1), row(3)]), known_sources=KNOWN)
