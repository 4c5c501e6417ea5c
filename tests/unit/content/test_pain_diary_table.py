"""The pain-diary file (bonemets.content.pain_diary): the course's week, and bad files named precisely."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bonemets.content import pain_diary as cpd

KNOWN = {"nicecg140", "fallon2018"}


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
        writer = csv.DictWriter(handle, fieldnames=cpd.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_the_course_week_loads_once_with_its_sources_split():
    week = cpd.course_diary()
    assert week is cpd.course_diary() and len(week) == 7
    assert all(isinstance(d.sources, tuple) and d.sources for d in week)


def test_a_good_temporary_file_loads(tmp_path):
    days = cpd.load_diary(write(tmp_path, [row(1), row(2, answer="review")]), known_sources=KNOWN)
    assert [d.answer for d in days] == ["continue", "review"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"usual_pain": 11}, "usual_pain: must be from 0 to 10"),
    ({"worst_pain": 1}, r"worst_pain: \(1\) cannot be lower than usual_pain \(2\)"),
    ({"rescue_dose_mg": "ten"}, "rescue_dose_mg: must be a dose in mg"),
    ({"bowels_opened": "maybe"}, "bowels_opened: must be yes or no"),
    ({"drowsiness": "very"}, "drowsiness: must be one of none, mild, marked"),
    ({"answer": "wait"}, "answer: must be one of continue, review, emergency"),
    ({"entry": "Mrs Smith on ward 4."}, "entry: must start with 'Fictional patient.'"),
    ({"source": "smith2099"}, "source.0: unknown source 'smith2099'"),
])
def test_a_bad_row_is_named_with_file_line_and_field(tmp_path, changes, message):
    with pytest.raises(ValueError, match=message) as error:
        cpd.load_diary(write(tmp_path, [row(1), row(2, **changes)]), known_sources=KNOWN)
    assert str(error.value).startswith("diary.csv: line 3")


def test_days_out_of_order_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"diary.csv: day: days must run 1, 2, 3, ... in order; got \[1, 3\]"):
        cpd.load_diary(write(tmp_path, [row(1), row(3)]), known_sources=KNOWN)
