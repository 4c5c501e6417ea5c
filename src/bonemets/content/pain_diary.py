"""A fictional patient's pain diary for one week (assets/data/pain_diary_week.csv).

One row per day: the pain scores (0-10), the regular opioid dose per 24 hours, the rescue dose and how many were
taken, bowels, drowsiness, the diary entry (it starts "Fictional patient."), the decision the cited guidance
supports, why, and the `source` keys (space-separated) of the clinical rules the answer relies on. The days run
1, 2, 3, ... in order. The decisions' wording and the rescue-dose rule live in bonemets.clinical.pain_diary.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from bonemets.content.tables import Row, SourceKey, Text, columns_of, read_csv
from bonemets.errors import ContentError
from bonemets.paths import assets_dir

DIARY_FILE = Path("data") / "pain_diary_week.csv"
DECISION_KEYS = ("continue", "review", "emergency")
DROWSINESS = ("none", "mild", "marked")
MAX_DOSE_MG = 2000


def _whole(low: int, high: int) -> BeforeValidator:
    def check(value: object) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(f"must be a whole number from {low} to {high}; got {value!r}") from None
        if not low <= number <= high:
            raise ValueError(f"must be from {low} to {high}; got {number}")
        return number

    return BeforeValidator(check)


def _dose(value: object) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"must be a dose in mg; got {value!r}") from None
    if not 0 < number <= MAX_DOSE_MG:
        raise ValueError(f"must be more than 0 and at most {MAX_DOSE_MG} mg; got {number:g}")
    return number


def _yes_no(value: object) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"must be yes or no; got {value!r}")
    return value == "yes"


def _one_of(allowed: tuple[str, ...]) -> AfterValidator:
    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}; got {value!r}")
        return value

    return AfterValidator(check)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _fictional(value: str) -> str:
    if not value.startswith("Fictional patient."):
        raise ValueError("must start with 'Fictional patient.' so the case is labelled fictional")
    return value


def _keys(value: object) -> object:
    return tuple(value.split()) if isinstance(value, str) else value


def _some(value: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        raise ValueError("must name at least one reference key")
    return value


class DiaryDay(Row):
    """One day of the fictional patient's diary, with the decision the guidance supports."""

    day: Annotated[int, _whole(1, 31)]
    title: Text
    usual_pain: Annotated[int, _whole(0, 10)]
    worst_pain: Annotated[int, _whole(0, 10)]
    regular_opioid_mg_24h: Annotated[float, BeforeValidator(_dose)]
    rescue_dose_mg: Annotated[float, BeforeValidator(_dose)]
    rescue_doses: Annotated[int, _whole(0, 24)]
    bowels_opened: Annotated[bool, BeforeValidator(_yes_no)]
    drowsiness: Annotated[str, _one_of(DROWSINESS)]
    entry: Annotated[Text, AfterValidator(_one_line), AfterValidator(_fictional)]
    answer: Annotated[str, _one_of(DECISION_KEYS)]
    rationale: Annotated[Text, AfterValidator(_one_line)]
    sources: Annotated[tuple[SourceKey, ...], BeforeValidator(_keys), AfterValidator(_some)] = Field(alias="source")

    @model_validator(mode="after")
    def _worst_is_not_below_usual(self) -> DiaryDay:
        if self.worst_pain < self.usual_pain:
            raise ValueError(f"worst_pain: ({self.worst_pain}) cannot be lower than usual_pain ({self.usual_pain})")
        return self

    @property
    def total_opioid_mg_24h(self) -> float:
        """Regular dose plus every rescue dose taken that day (oral morphine, mg)."""
        return self.regular_opioid_mg_24h + self.rescue_dose_mg * self.rescue_doses

    def summary(self) -> str:
        """The day's numbers in one sentence (what the chart shows, in words)."""
        bowels = "bowels opened" if self.bowels_opened else "bowels not opened"
        doses = "rescue dose" if self.rescue_doses == 1 else "rescue doses"
        return (f"Day {self.day}: usual pain {self.usual_pain}/10, worst {self.worst_pain}/10; "
                f"{self.rescue_doses} {doses} of {_mg(self.rescue_dose_mg)} mg on a regular "
                f"{_mg(self.regular_opioid_mg_24h)} mg a day (total {_mg(self.total_opioid_mg_24h)} mg oral morphine "
                f"in 24 hours); {bowels}; drowsiness {self.drowsiness}.")


def _mg(value: float) -> str:
    return f"{value:g}"


COLUMNS = columns_of(DiaryDay)


def diary_path() -> Path:
    return assets_dir() / DIARY_FILE


def load_diary(path: Path | None = None, known_sources: set[str] | None = None) -> tuple[DiaryDay, ...]:
    """Read and check a diary; problems raise ContentError naming the file, line and field."""
    path = diary_path() if path is None else Path(path)
    days = tuple(day for _, day in read_csv(path, DiaryDay, "pain diary", known_sources))
    numbers = [d.day for d in days]
    if numbers != list(range(1, len(days) + 1)):
        raise ContentError(f"{path.name}: day: days must run 1, 2, 3, ... in order; got {numbers}")
    return days


@cache
def course_diary() -> tuple[DiaryDay, ...]:
    """The course's fictional week, read and checked once per kernel."""
    return load_diary()
